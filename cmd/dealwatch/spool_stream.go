package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// streamSpool is the spool of the listings ("deals", "export"): what
// the command writes goes to a temporary file at disk speed, and a
// goroutine copies the file to the real output as it grows. The first
// line shows at once, memory stays small whatever the store's size, and
// a reader whose output nobody drains ("dealwatch export | less" left
// open) still finishes reading, closes the store and lets a run in: the
// copy waits on the pipe, the reading does not.
type streamSpool struct {
	f *os.File
	// pending is written but not yet in the file; last is when the file
	// was last written to. Both belong to the writer.
	pending []byte
	last    time.Time
	mu      sync.Mutex
	more    *sync.Cond
	size    int64 // bytes written to f
	// closed is set when the command is done writing.
	closed bool
	werr   error
	done   chan struct{} // closed when the copy is over
	cerr   error         // the copy's error, read after done
}

// newStreamSpool starts copying to w through controlFilter; nil when no
// temporary file can be made (the caller spools as before).
func newStreamSpool(w io.Writer) *streamSpool {
	f, err := os.CreateTemp("", "dealwatch-out-*")
	if err != nil {
		return nil
	}
	os.Remove(f.Name()) // gone when closed, whatever happens
	s := &streamSpool{f: f, done: make(chan struct{})}
	s.more = sync.NewCond(&s.mu)
	go s.copyTo(w)
	return s
}

// Writes are gathered in memory and go to the file by streamChunk, the
// first one at once and then at least every streamDelay.
const (
	streamChunk = 64 << 10
	streamDelay = 50 * time.Millisecond
)

func (s *streamSpool) Write(p []byte) (int, error) {
	if s.werr != nil {
		return 0, s.werr
	}
	s.pending = append(s.pending, p...)
	if len(s.pending) >= streamChunk || s.last.IsZero() || time.Since(s.last) >= streamDelay {
		if err := s.flush(); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// flush writes what is pending to the file and wakes the copy.
func (s *streamSpool) flush() error {
	if s.werr != nil || len(s.pending) == 0 {
		return s.werr
	}
	n, err := s.f.Write(s.pending)
	s.pending, s.last = s.pending[:0], time.Now()
	s.mu.Lock()
	s.size += int64(n)
	s.more.Broadcast()
	s.mu.Unlock()
	if err != nil {
		s.werr = fmt.Errorf("spool output: %w", err)
	}
	return s.werr
}

// copyTo copies the file to w as it grows, until the command is done
// and everything is copied. After an error of w it stops copying; the
// command goes on writing to the file (and finishes) regardless.
func (s *streamSpool) copyTo(w io.Writer) {
	defer close(s.done)
	fw := &controlFilter{w: w}
	buf := make([]byte, 64<<10)
	var off int64
	for {
		s.mu.Lock()
		for off == s.size && !s.closed {
			s.more.Wait()
		}
		size, closed := s.size, s.closed
		s.mu.Unlock()
		if off == size && closed {
			s.cerr = fw.flush()
			return
		}
		n, err := s.f.ReadAt(buf[:min(int64(len(buf)), size-off)], off)
		off += int64(n)
		if n > 0 {
			if _, werr := fw.Write(buf[:n]); werr != nil {
				s.cerr = werr
				return
			}
		}
		if err != nil && err != io.EOF {
			s.cerr = fmt.Errorf("spool output: %w", err)
			return
		}
	}
}

// finish waits for the copy to end, frees the file and returns the
// first error of writing or copying.
func (s *streamSpool) finish() error {
	s.flush() // its error is kept in s.werr
	s.mu.Lock()
	s.closed = true
	s.more.Broadcast()
	s.mu.Unlock()
	<-s.done
	s.f.Close()
	if s.werr != nil {
		return s.werr
	}
	return s.cerr
}

// streamStdout is bufferStdout for the listings: the output is copied
// out while the command runs (see streamSpool), and the function
// returned waits for the copy to end. Where no temporary file can be
// made, or the output is not a file (a test's buffer, which may be
// its standard error too), it is bufferStdout.
func streamStdout(env *Env) (*Env, func(error) error) {
	if _, ok := env.Stdout.(*os.File); !ok {
		return bufferStdout(env)
	}
	s := newStreamSpool(env.Stdout)
	if s == nil {
		return bufferStdout(env)
	}
	b := &stdoutBuffer{dst: env.Stdout, stream: s}
	e := *env
	e.Stdout = b
	return &e, func(err error) error {
		if ferr := s.finish(); ferr != nil && err == nil {
			return fmt.Errorf("write output: %w", ferr)
		}
		return err
	}
}

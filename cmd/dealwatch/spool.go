package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// spoolMemory is how much output a spool keeps in memory before it
// moves to a temporary file.
const spoolMemory = 8 << 20

// spool holds a reading command's output until the command has closed
// the store: a reader whose output goes to a pipe nobody drains
// ("dealwatch diff | less" left open) must not keep the store's lock
// and make the nightly run wait. Up to spoolMemory stays in memory, the
// rest goes to a temporary file (an export of a big store).
type spool struct {
	mem  bytes.Buffer
	file *os.File
	err  error
}

func (s *spool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.file == nil && s.mem.Len()+len(p) <= spoolMemory {
		return s.mem.Write(p)
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "dealwatch-out-*")
		if err != nil {
			s.err = fmt.Errorf("spool output: %w", err)
			return 0, s.err
		}
		os.Remove(f.Name()) // gone when closed, whatever happens
		s.file = f
		if _, err := s.mem.WriteTo(f); err != nil {
			s.err = fmt.Errorf("spool output: %w", err)
			return 0, s.err
		}
	}
	n, err := s.file.Write(p)
	if err != nil {
		s.err = fmt.Errorf("spool output: %w", err)
	}
	return n, s.err
}

// writeTo copies what was spooled to w through controlFilter, and
// frees it.
func (s *spool) writeTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
	fw := &controlFilter{w: w}
	w = fw
	defer fw.flush()
	if _, err := s.mem.WriteTo(w); err != nil {
		return err
	}
	if s.file == nil {
		return nil
	}
	defer func() { s.file.Close(); s.file = nil }()
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if _, err := io.Copy(w, s.file); err != nil {
		return err
	}
	return fw.flush()
}

// controlFilter is the last line of defence of human output against
// terminal control sequences from untrusted text (a title, a file name,
// a model's answer): C0 control characters other than tab and newline,
// and DEL, are written as visible escapes ("\x1b"), except ESC starting
// a colour sequence (ESC [ digits ; m), which dealwatch's own colours
// use. Strings that must stay on one line are escaped before printing
// with sanitize; JSON escapes control characters itself, so JSON output
// passes unchanged.
type controlFilter struct {
	w       io.Writer
	pending []byte // an ESC sequence not yet complete
	out     []byte
	err     error
}

func (f *controlFilter) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	f.out = f.out[:0]
	for _, c := range p {
		if len(f.pending) > 0 {
			f.pending = append(f.pending, c)
			switch {
			case len(f.pending) == 2 && c == '[':
				continue
			case len(f.pending) > 2 && len(f.pending) < 16 && (c >= '0' && c <= '9' || c == ';'):
				continue
			case len(f.pending) > 2 && c == 'm':
				f.out = append(f.out, f.pending...) // a colour: harmless
				f.pending = f.pending[:0]
				continue
			}
			// Not a colour: escape the ESC, then go on with the rest.
			rest := append([]byte(nil), f.pending[1:]...)
			f.pending = f.pending[:0]
			f.out = append(f.out, `\x1b`...)
			for _, r := range rest {
				f.out = f.appendByte(f.out, r)
			}
			continue
		}
		f.out = f.appendByte(f.out, c)
	}
	if _, err := f.w.Write(f.out); err != nil {
		f.err = err
		return 0, err
	}
	return len(p), nil
}

// appendByte appends c, escaped if it is a control character; ESC
// starts a pending sequence.
func (f *controlFilter) appendByte(out []byte, c byte) []byte {
	switch {
	case c == 0x1b && len(f.pending) == 0:
		f.pending = append(f.pending, c)
		return out
	case c == 0x1b:
		return append(out, `\x1b`...)
	case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
		const hex = "0123456789abcdef"
		return append(out, '\\', 'x', hex[c>>4], hex[c&0xf])
	}
	return append(out, c)
}

// flush writes an ESC sequence left incomplete at the end.
func (f *controlFilter) flush() error {
	if len(f.pending) == 0 || f.err != nil {
		return f.err
	}
	rest := f.pending[1:]
	out := []byte(`\x1b`)
	f.pending = nil
	for _, r := range rest {
		out = f.appendByte(out, r)
	}
	_, f.err = f.w.Write(out)
	return f.err
}

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
)

// sectionMemory is how much of one section a sectionSpool keeps in
// memory before it moves to a temporary file: a small night's diff never
// touches the disk, a big one holds a few of these whatever its size.
const sectionMemory = 256 << 10

// sectionSpool holds one section of a diff (the article records, the
// deals...) while the totals that come before it are counted: in memory
// up to sectionMemory bytes, then in a temporary file that is removed as
// soon as it is made, so it is gone when the process ends however it
// ends. The zero value is ready to use.
type sectionSpool struct {
	// limit is how much stays in memory; zero means sectionMemory.
	limit int
	mem   bytes.Buffer
	file  *os.File
	bw    *bufio.Writer // writes to file
	err   error
}

func (s *sectionSpool) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	limit := s.limit
	if limit == 0 {
		limit = sectionMemory
	}
	if s.file == nil && s.mem.Len()+len(p) <= limit {
		return s.mem.Write(p)
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "dealwatch-diff-*")
		if err != nil {
			return 0, s.fail(err)
		}
		// Gone when closed, whatever happens (where an open file can be
		// removed; close removes it elsewhere).
		os.Remove(f.Name())
		s.file, s.bw = f, bufio.NewWriterSize(f, 64<<10)
		if _, err := s.mem.WriteTo(s.bw); err != nil {
			return 0, s.fail(err)
		}
		s.mem = bytes.Buffer{} // frees it
	}
	if _, err := s.bw.Write(p); err != nil {
		return 0, s.fail(err)
	}
	return len(p), nil
}

// fail keeps the first error of the temporary file, saying what to do.
func (s *sectionSpool) fail(err error) error {
	s.err = fmt.Errorf("hold the diff in a temporary file in %s (free space there, or set TMPDIR to a folder with room, and run diff again): %w", os.TempDir(), err)
	return s.err
}

// writeTo copies what was spooled to w and frees it.
func (s *sectionSpool) writeTo(w io.Writer) error {
	defer s.close()
	if s.err != nil {
		return s.err
	}
	if s.file == nil {
		_, err := s.mem.WriteTo(w)
		return err
	}
	if err := s.bw.Flush(); err != nil {
		return s.fail(err)
	}
	if _, err := s.file.Seek(0, io.SeekStart); err != nil {
		return s.fail(err)
	}
	_, err := io.Copy(w, s.file)
	return err
}

// close frees the memory and the temporary file.
func (s *sectionSpool) close() {
	s.mem = bytes.Buffer{}
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name()) // already gone, except where it could not be removed open
		s.file, s.bw = nil, nil
	}
}

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

// writeTo copies what was spooled to w, and frees it.
func (s *spool) writeTo(w io.Writer) error {
	if s.err != nil {
		return s.err
	}
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
	_, err := io.Copy(w, s.file)
	return err
}

package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// TestStreamSpoolFirstLine: what the command writes reaches the output
// while the command is still writing (a listing's first line shows at
// once), and writing never waits for a reader that does not read.
func TestStreamSpoolFirstLine(t *testing.T) {
	pr, pw := io.Pipe()
	s := newStreamSpool(pw)
	if s == nil {
		t.Skip("no temporary file")
	}
	if _, err := s.Write([]byte("first line\n")); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		buf := make([]byte, 11)
		n, _ := io.ReadFull(pr, buf)
		got <- string(buf[:n])
	}()
	select {
	case line := <-got:
		if line != "first line\n" {
			t.Fatalf("first read = %q, want %q", line, "first line\n")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first line did not reach the output before the command finished")
	}
	// Nobody reads the pipe any more: 8 MB of writes must still return.
	done := make(chan error, 1)
	go func() {
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for range 8 {
			if _, err := s.Write(chunk); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("writing waited for a reader that does not read")
	}
	// Drain, and check the bytes and the control filter.
	if _, err := s.Write([]byte("\x07end\n")); err != nil {
		t.Fatal(err)
	}
	rest := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(pr)
		rest <- string(b)
	}()
	if err := s.finish(); err != nil {
		t.Fatal(err)
	}
	pw.Close()
	out := <-rest
	if want := strings.Repeat("x", 8<<20) + `\x07end` + "\n"; out != want {
		t.Fatalf("rest of the output: %d bytes ending %q, want %d bytes ending %q", len(out), out[max(0, len(out)-10):], len(want), want[len(want)-10:])
	}
}

package main

import (
	"os"
	"strconv"
	"unicode/utf8"

	"golang.org/x/term"
)

// Formatting helpers for human output, shared by every command: the
// width to fit, money, capacity, times. JSON and CSV output keep the
// plain values.

// defaultWidth is the width human output fits when it is not on a
// terminal (a pipe, a file, a test).
const defaultWidth = 80

// termWidth is the width human output fits: $COLUMNS when set, else the
// terminal's width, else 80.
func termWidth(env *Env) int {
	if n, err := strconv.Atoi(env.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if env.Width > 0 {
		return env.Width
	}
	return defaultWidth
}

// terminalWidth is the width of the terminal standard output or standard
// error is on, or 0.
func terminalWidth() int {
	for _, f := range []*os.File{os.Stdout, os.Stderr} {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return 0
}

// truncate cuts s to at most n characters, ending it with "…" when cut.
func truncate(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

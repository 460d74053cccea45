package main

import (
	"strings"
	"unicode"
)

// clean makes an untrusted string (a title, a file name, article text,
// a reviewer's note) safe for one line of a terminal: escape sequences
// (ESC, CSI), BEL and every other control character are dropped, and new
// lines, tabs and runs of white space become one space. Use it on every
// string read from an article or typed by someone else before printing.
func clean(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\u2028' || r == '\u2029' || r == ' ':
			space = true
			continue
		case r == 0x1b || r == 0x9b || unicode.IsControl(r):
			continue
		case unicode.Is(unicode.Cf, r) && r != '\u200d':
			// Format characters: bidirectional overrides can make a line
			// read as something else.
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// cleanPtr is clean of *s, "" for nil.
func cleanPtr(s *string) string {
	if s == nil {
		return ""
	}
	return clean(*s)
}

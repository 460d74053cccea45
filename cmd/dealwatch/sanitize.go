package main

import (
	"strings"
	"unicode"
)

// sanitize makes an untrusted string (a title, a file name, a URL, an
// error quoting either) safe to print for people: control characters
// (ESC, BEL, CR, newlines…) and other invisible format characters
// become visible escapes, so they can neither drive the terminal nor
// split a line. JSON output needs none of this: the encoder escapes.
func sanitize(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == unicode.ReplacementChar:
			b.WriteRune(r)
		case unsafeRune(r):
			if r < 0x10000 {
				b.WriteString(`\u`)
				b.WriteString(hex4(uint32(r)))
			} else {
				b.WriteString(`\U`)
				b.WriteString(hex4(uint32(r) >> 16))
				b.WriteString(hex4(uint32(r) & 0xffff))
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune reports the runes sanitize escapes: C0 and C1 controls,
// DEL, and format characters that reorder or hide text (bidi overrides).
func unsafeRune(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) && r != '\u00ad' && r != '\u200d'
}

func hex4(v uint32) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[v>>12&0xf], digits[v>>8&0xf], digits[v>>4&0xf], digits[v&0xf]})
}

// csvCell sanitizes s for a CSV cell and neutralises spreadsheet
// formulas: a cell starting with = + - @ (or a tab or CR, which some
// spreadsheets skip) gets a leading apostrophe, the OWASP advice, so it
// is shown as text instead of evaluated.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	return sanitize(s)
}

// clean makes an untrusted string (a title, a file name, article text,
// a reviewer's note) safe for one line of a terminal, for the review
// screens: escape sequences (ESC, CSI), BEL and every other control
// character are dropped, and new lines, tabs and runs of white space
// become one space (sanitize shows them as escapes instead).
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
		case unsafeRune(r):
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

// sanitizeLines is sanitize for a message of several lines (joined
// errors, suggestions): newlines and tabs stay, every other control
// character is escaped.
func sanitizeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t")
		for j, c := range cells {
			cells[j] = sanitize(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}

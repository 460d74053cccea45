package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord  tokKind = iota + 1 // a run of letters
	tNum                      // digits, with '.' or ',' between digits
	tPunct                    // any other single rune that is not a space
)

// tok is one token of the text: byte offsets [s, e).
type tok struct {
	s, e  int
	kind  tokKind
	nl    bool // a line break separates it from the previous token
	upper bool // a word that starts with a capital letter
	caps  bool // a word written all in capitals
	r     rune // the folded rune of a punctuation token
	lx    *lexEntry
}

// tokenize splits s into words, numbers and punctuation, appending to
// toks. It reads invalid UTF-8 as one-byte punctuation and never fails.
func tokenize(s string, toks []tok) []tok {
	nl := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n':
			nl = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case '0' <= c && c <= '9':
			j := i + 1
			for j < len(s) {
				d := s[j]
				if '0' <= d && d <= '9' {
					j++
					continue
				}
				if (d == '.' || d == ',') && j+1 < len(s) && '0' <= s[j+1] && s[j+1] <= '9' {
					j += 2
					continue
				}
				// "1 500 000", "100 000": a space, no-break or thin space
				// before exactly three digits groups thousands when the
				// number so far is a group of one to three digits or
				// groups already joined so.
				if d == ' ' && spaceGroups(s, i, j) && threeDigits(s, j+1) {
					j += 4
					continue
				}
				if d >= utf8.RuneSelf && spaceGroups(s, i, j) {
					if r, n := utf8.DecodeRuneInString(s[j:]); (r == '\u00a0' || r == '\u202f' || r == '\u2009') && threeDigits(s, j+n) {
						j += n + 3
						continue
					}
				}
				break
			}
			toks = append(toks, tok{s: i, e: j, kind: tNum, nl: nl})
			nl = false
			i = j
		case c < utf8.RuneSelf && isASCIILetter(c):
			j := i + 1
			caps := 'A' <= c && c <= 'Z'
			up := caps
			for j < len(s) {
				d := s[j]
				if d < utf8.RuneSelf {
					if !isASCIILetter(d) {
						break
					}
					if 'a' <= d && d <= 'z' {
						caps = false
					}
					j++
					continue
				}
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					break
				}
				if unicode.IsLower(r) {
					caps = false
				}
				j += n
			}
			toks = append(toks, tok{s: i, e: j, kind: tWord, nl: nl, upper: up, caps: caps})
			nl = false
			i = j
		case c < utf8.RuneSelf:
			toks = append(toks, tok{s: i, e: i + 1, kind: tPunct, nl: nl, r: rune(c)})
			nl = false
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && n == 1:
				toks = append(toks, tok{s: i, e: i + 1, kind: tPunct, nl: nl, r: r})
				nl = false
				i++
			case unicode.IsLetter(r):
				j := i + n
				up := unicode.IsUpper(r)
				caps := up
				for j < len(s) {
					r2, n2 := utf8.DecodeRuneInString(s[j:])
					if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
						break
					}
					if unicode.IsLower(r2) {
						caps = false
					}
					j += n2
				}
				toks = append(toks, tok{s: i, e: j, kind: tWord, nl: nl, upper: up, caps: caps})
				nl = false
				i = j
			case r == '\u2028' || r == '\u2029' || r == '\u0085':
				nl = true
				i += n
			case unicode.IsSpace(r):
				i += n
			default:
				toks = append(toks, tok{s: i, e: i + n, kind: tPunct, nl: nl, r: foldRune(r)})
				nl = false
				i += n
			}
		}
	}
	return toks
}

func isASCIILetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'z' }

// threeDigits reports whether s has exactly three digits at i.
func threeDigits(s string, i int) bool {
	if i+3 > len(s) {
		return false
	}
	for k := i; k < i+3; k++ {
		if s[k] < '0' || s[k] > '9' {
			return false
		}
	}
	return i+3 == len(s) || s[i+3] < '0' || s[i+3] > '9'
}

// spaceGroups reports whether s[i:j], the digits read so far, may take a
// thousands group after a space: one to three digits not starting with
// 0, then only groups joined by spaces ("1", "250", "1 500"), with no
// '.' or ',', and not the end of a date or time ("2025-11-03 500").
func spaceGroups(s string, i, j int) bool {
	if s[i] == '0' || i > 0 && strings.IndexByte("-/:.,", s[i-1]) >= 0 {
		return false
	}
	num := s[i:j]
	first := -1
	for k := 0; k < len(num); k++ {
		c := num[k]
		switch {
		case '0' <= c && c <= '9':
		case c == '.' || c == ',':
			return false
		default: // a space of some kind
			if first < 0 {
				first = k
			}
		}
	}
	if first < 0 {
		first = len(num)
	}
	return first >= 1 && first <= 3
}

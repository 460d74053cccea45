package sources

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns s as dealwatch keeps every text: valid UTF-8 (invalid
// bytes become U+FFFD), "\n" line ends (CRLF, CR, NEL, U+2028, U+2029,
// form feed and vertical tab all become "\n"), no byte-order marks or
// other control characters except tab, no trailing spaces on a line,
// no leading or trailing blank space around the whole text, and NFC.
//
// Normalize is idempotent, and every offset the project reports is a
// byte offset into its result.
func Normalize(s string) string {
	buf := make([]byte, 0, len(s))
	lineEnd := 0 // len(buf) after the last non-blank byte of the line
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '\r':
				if i < len(s) && s[i] == '\n' {
					i++
				}
				c = '\n'
			case c == '\f' || c == '\v':
				c = '\n'
			}
			switch {
			case c == '\n':
				buf = append(buf[:lineEnd], '\n')
				lineEnd = len(buf)
			case c == ' ' || c == '\t':
				buf = append(buf, c)
			case c < 0x20 || c == 0x7F:
				// Dropped: a stray control character.
			default:
				buf = append(buf, c)
				lineEnd = len(buf)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			buf = utf8.AppendRune(buf, utf8.RuneError)
			lineEnd = len(buf)
		case r == 0x85 || r == 0x2028 || r == 0x2029:
			buf = append(buf[:lineEnd], '\n')
			lineEnd = len(buf)
		case r == 0xFEFF || r < 0xA0: // BOM, C1 controls
		case r == 0xA0 || r == 0x3000 || r >= 0x2000 && r <= 0x200A || r == 0x202F || r == 0x205F || r == 0x1680:
			buf = utf8.AppendRune(buf, r) // a space: kept, but trimmed at line ends
		default:
			buf = utf8.AppendRune(buf, r)
			lineEnd = len(buf)
		}
	}
	buf = buf[:lineEnd]
	if !norm.NFC.IsNormal(buf) {
		buf = norm.NFC.Bytes(buf)
	}
	return strings.TrimSpace(string(buf))
}

// ID returns the article id of normalized text: "sha256:" + the first 16
// hex digits of its SHA-256.
func ID(text string) string {
	h := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(h[:8])
}

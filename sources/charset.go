package sources

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

// DecodeBytes returns b as valid UTF-8 text, deciding its charset in this
// order:
//
//  1. a byte-order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE) wins over any
//     declaration and is removed;
//  2. content that looks binary (NUL bytes, many control characters, a
//     PDF, image or archive signature) fails with ErrBinary;
//  3. declared, a charset label from an HTML <meta> or an HTTP
//     Content-Type header ("" if none), is honoured through the WHATWG
//     label index, except that bytes which are valid, non-ASCII UTF-8 are
//     read as UTF-8 when a single-byte legacy charset is declared (a common
//     server mistake), with a warning;
//  4. valid UTF-8 is returned as is;
//  5. otherwise the only sensible readings are tried, each with a
//     warning: mostly UTF-8 with stray bytes (at most 4 per valid
//     multi-byte sequence), where a stray byte that is a common Western
//     European character in Windows-1252 is read so (text pasted from a
//     Windows document) and any other, or a cut sequence, becomes U+FFFD;
//     UTF-16 without a byte-order mark; then Windows-1252 (a superset of
//     Latin-1) for the whole text when it reads like Western European
//     text.
//
// Bytes that fit none of these fail with ErrUndecodable. The text is not
// normalized (see Normalize); warning is "" when nothing was guessed and
// otherwise a sentence for the reader, without the file name.
func DecodeBytes(b []byte, declared string) (text string, warning string, err error) {
	if enc, name, rest := bomEncoding(b); enc != nil {
		if name == "UTF-8" {
			if utf8.Valid(rest) {
				return string(rest), "", nil
			}
			s, w := repairUTF8(rest)
			return s, w, nil
		}
		out, derr := enc.NewDecoder().Bytes(b)
		if derr != nil {
			return "", "", &ContentError{Reason: "not valid " + name + " despite its byte-order mark", Err: ErrUndecodable}
		}
		if reason := binaryText(out); reason != "" {
			return "", "", &ContentError{Reason: reason + " (" + name + ")", Err: ErrBinary}
		}
		return string(out), "", nil
	}
	if reason := binaryBytes(b); reason != "" {
		if enc, name := utf16Sniff(b); enc != nil {
			if out, derr := enc.NewDecoder().Bytes(b); derr == nil && binaryText(out) == "" && utf8.Valid(out) {
				return string(out), "no byte-order mark; read as " + name + " from the pattern of zero bytes", nil
			}
		}
		return "", "", &ContentError{Reason: reason, Err: ErrBinary}
	}

	var notes []string
	if declared = strings.TrimSpace(declared); declared != "" {
		enc, err := htmlindex.Get(declared)
		if err != nil {
			notes = append(notes, fmt.Sprintf("unknown charset %q ignored", declared))
		} else {
			name, _ := htmlindex.Name(enc)
			switch {
			case name == "utf-8":
				// Fall through to the checks below.
			case name == "utf-16le" || name == "utf-16be":
				// No zero bytes (checked above): the declaration is stale,
				// as WHATWG assumes for <meta charset=utf-16>.
				notes = append(notes, fmt.Sprintf("declared %s but the bytes are not UTF-16", declared))
			case isASCII(b):
				return string(b), "", nil
			case utf8.Valid(b) && name != "iso-2022-jp":
				return string(b), fmt.Sprintf("declared %s but the bytes are valid UTF-8; read as UTF-8", declared), nil
			default:
				out, derr := enc.NewDecoder().Bytes(b)
				if derr != nil {
					return "", "", &ContentError{Reason: "not valid " + declared + " as declared", Err: ErrUndecodable}
				}
				s := string(out)
				if n := strings.Count(s, "\uFFFD") - bytes.Count(b, []byte("\uFFFD")); n > 0 {
					return s, fmt.Sprintf("declared %s but %d byte sequences do not fit it; replaced with U+FFFD", declared, n), nil
				}
				return s, "", nil
			}
		}
	}
	join := func(w string) string {
		return strings.Join(append(notes, w), "; ")
	}
	if utf8.Valid(b) {
		return string(b), strings.Join(notes, "; "), nil
	}
	st := scanUTF8(b)
	if st.multi > 0 && st.invalid <= 4*st.multi {
		// Mostly UTF-8 with stray bytes: damaged, or text pasted from a
		// Windows-1252 document into a UTF-8 one.
		s, w := repairUTF8(b)
		return s, join(w), nil
	}
	if s, ok := readWindows1252(b); ok {
		return s, join("not valid UTF-8; read as Windows-1252 (Latin-1)"), nil
	}
	return "", "", &ContentError{
		Reason: fmt.Sprintf("not valid UTF-8 (%d bad bytes, the first at byte %d) and not plausible Windows-1252 either; convert it to UTF-8 first (iconv -f CHARSET -t UTF-8)", st.invalid, st.first),
		Err:    ErrUndecodable,
	}
}

// bomEncoding returns the encoding named by a byte-order mark at the
// start of b, its name, and b without the mark; nil if there is none.
func bomEncoding(b []byte) (encoding.Encoding, string, []byte) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return xunicode.UTF8, "UTF-8", b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE, 0, 0}):
		return utf32.UTF32(utf32.LittleEndian, utf32.ExpectBOM), "UTF-32LE", b[4:]
	case bytes.HasPrefix(b, []byte{0, 0, 0xFE, 0xFF}):
		return utf32.UTF32(utf32.BigEndian, utf32.ExpectBOM), "UTF-32BE", b[4:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), "UTF-16LE", b[2:]
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), "UTF-16BE", b[2:]
	}
	return nil, "", b
}

// utf16Sniff recognises UTF-16 text without a byte-order mark: mostly
// Latin-script text has a zero in every other byte.
func utf16Sniff(b []byte) (encoding.Encoding, string) {
	if len(b) < 8 {
		return nil, ""
	}
	n := len(b) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	pairs := n / 2
	switch {
	case odd*10 >= pairs*3 && even*50 <= pairs:
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE"
	case even*10 >= pairs*3 && odd*50 <= pairs:
		return xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE"
	}
	return nil, ""
}

// maxControlShare is the share of control characters (other than tab,
// line feed, carriage return, form feed and vertical tab) above which
// content counts as binary: 1 in 50.
const maxControlShare = 50

// binaryBytes says why raw bytes look binary, or "" if they look like
// text in some charset.
func binaryBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if ct := http.DetectContentType(b); !strings.HasPrefix(ct, "text/") && ct != "application/octet-stream" {
		// A file signature: PDF, ZIP (and so DOCX), PNG, gzip...
		return ct
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Sprintf("NUL byte at byte %d", i)
	}
	ctl := 0
	for i, c := range b {
		if isControlByte(c) && !(c == 0x1A && i == len(b)-1) { // DOS end-of-file mark
			ctl++
		}
	}
	if ctl > 0 && ctl*maxControlShare > len(b) {
		return fmt.Sprintf("%d control characters in %d bytes", ctl, len(b))
	}
	return ""
}

// binaryText is binaryBytes for text already decoded to UTF-8.
func binaryText(b []byte) string {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return fmt.Sprintf("NUL character at byte %d after decoding", i)
	}
	ctl, n := 0, 0
	for _, r := range string(b) {
		n++
		if r < 0x80 && isControlByte(byte(r)) || r >= 0x80 && r < 0xA0 {
			ctl++
		}
	}
	if ctl > 0 && ctl*maxControlShare > n {
		return fmt.Sprintf("%d control characters in %d characters", ctl, n)
	}
	return ""
}

func isControlByte(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7F
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// utf8Stats counts what a UTF-8 reading of some bytes finds.
type utf8Stats struct {
	multi   int // valid multi-byte sequences
	invalid int // bytes that start no valid sequence
	first   int // offset of the first invalid byte, -1 if none
}

func scanUTF8(b []byte) utf8Stats {
	st := utf8Stats{first: -1}
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			if st.first < 0 {
				st.first = i
			}
			st.invalid++
		} else {
			st.multi++
		}
		i += size
	}
	return st
}

// repairUTF8 reads mostly valid UTF-8: each byte that starts no valid
// sequence is read as Windows-1252 when it is a character common in
// Western European text (a Latin-1 "é" or a Windows "’" pasted into a
// UTF-8 file), and replaced with U+FFFD otherwise (a cut sequence, or an
// unlikely character). The warning counts both.
func repairUTF8(b []byte) (string, string) {
	var sb strings.Builder
	sb.Grow(len(b) + 8)
	read, replaced, first := 0, 0, -1
	cut := false // the previous byte was an invalid lead byte
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size != 1 {
			sb.Write(b[i : i+size])
			i += size
			cut = false
			continue
		}
		c := b[i]
		if first < 0 {
			first = i
		}
		w := charmap.Windows1252.DecodeByte(c)
		isCont := c >= 0x80 && c <= 0xBF
		// A lead byte followed by continuation bytes starts a cut
		// sequence; the continuation bytes after it belong to it.
		startsCut := c >= 0xC2 && c <= 0xF4 && i+1 < len(b) && b[i+1] >= 0x80 && b[i+1] <= 0xBF
		if !startsCut && !(cut && isCont) && (strings.ContainsRune(latin1Letters, w) || strings.ContainsRune(cp1252Symbols, w)) {
			sb.WriteRune(w)
			read++
		} else {
			sb.WriteRune(utf8.RuneError)
			replaced++
		}
		cut = startsCut || cut && isCont
		i++
	}
	var parts []string
	if read > 0 {
		parts = append(parts, fmt.Sprintf("%d bytes read as Windows-1252", read))
	}
	if replaced > 0 {
		parts = append(parts, fmt.Sprintf("%d damaged bytes replaced with U+FFFD", replaced))
	}
	return sb.String(), fmt.Sprintf("not valid UTF-8 (the first bad byte at %d): %s", first, strings.Join(parts, ", "))
}

// latin1Letters are the accented letters of the Western European
// languages dealwatch meets, as Windows-1252 encodes them.
const latin1Letters = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒšŠžŽ"

// cp1252Symbols are the non-letter characters above ASCII that Western
// European text plausibly contains in Windows-1252.
const cp1252Symbols = "€‚„…†‡‰‹›‘’“”•–—™\u00A0¡¢£¥§©«¬\u00AD®°±²³´µ¶·¹º»¼½¾¿×÷"

// readWindows1252 decodes b as Windows-1252 and reports whether the
// result reads like Western European text: no byte undefined in 1252,
// non-ASCII characters that are letters or common typography, and
// accented letters a minority of all letters (Cyrillic or Greek text in a
// single-byte charset decodes to letter soup and is refused).
func readWindows1252(b []byte) (string, bool) {
	var high, odd, highLetters, letters int
	for _, c := range b {
		if c < 0x80 {
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				letters++
			}
			continue
		}
		high++
		switch c {
		case 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return "", false // undefined in Windows-1252
		}
		r := charmap.Windows1252.DecodeByte(c)
		switch {
		case unicode.IsLetter(r):
			highLetters++
			letters++
		case strings.ContainsRune(cp1252Symbols, r):
		default:
			odd++
		}
	}
	if high == 0 || odd*10 > high || highLetters*10 > letters*3 {
		return "", false
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", false
	}
	return string(out), true
}

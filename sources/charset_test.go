package sources

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

func mustEncode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode %q: %v", s, err)
	}
	return b
}

func TestDecodeBytes(t *testing.T) {
	const it = "L’intesa è già firmata: 38 miliardi, più di quanto detto."
	const es = "El acuerdo de $38 mil millones se firmó el 3 de noviembre; ¿qué cambia?"
	tests := []struct {
		name     string
		in       []byte
		declared string
		want     string
		warn     string // substring of the warning; "" means no warning
		err      error
	}{
		{name: "ascii", in: []byte("plain text"), want: "plain text"},
		{name: "utf-8", in: []byte(it), want: it},
		{name: "utf-8 bom", in: append([]byte{0xEF, 0xBB, 0xBF}, it...), want: it},
		{name: "utf-16le bom", in: mustEncode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM), it), want: it},
		{name: "utf-16be bom", in: mustEncode(t, xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM), es), want: es},
		{name: "utf-32le bom", in: mustEncode(t, utf32.UTF32(utf32.LittleEndian, utf32.UseBOM), es), want: es},
		{name: "utf-16le no bom", in: mustEncode(t, xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM), es), want: es, warn: "read as UTF-16LE"},
		{name: "windows-1252 guessed", in: mustEncode(t, charmap.Windows1252, it), want: it, warn: "Windows-1252"},
		{name: "latin-1 guessed", in: mustEncode(t, charmap.ISO8859_1, es), want: es, warn: "Windows-1252"},
		{name: "declared latin-1", in: mustEncode(t, charmap.Windows1252, es), declared: "ISO-8859-1", want: es},
		{name: "declared 1252 but utf-8", in: []byte(it), declared: "windows-1252", want: it, warn: "valid UTF-8"},
		{name: "declared shift_jis", in: mustEncode(t, japanese.ShiftJIS, "東京の記事です。"), declared: "Shift_JIS", want: "東京の記事です。"},
		{name: "declared utf-8", in: []byte(es), declared: "utf-8", want: es},
		{name: "declared unknown", in: []byte(es), declared: "x-klingon", want: es, warn: "unknown charset"},
		{name: "declared utf-16 but 8-bit", in: []byte(es), declared: "utf-16", want: es, warn: "not UTF-16"},
		{name: "bom beats declaration", in: append([]byte{0xEF, 0xBB, 0xBF}, it...), declared: "windows-1252", want: it},
		{name: "damaged utf-8", in: []byte("più è già così perché città \xE2\x80 fine"), want: "più è già così perché città \uFFFD\uFFFD fine", warn: "2 damaged bytes"},
		{name: "cut at the end", in: []byte("più è già così perché \xC3"), want: "più è già così perché Ã", warn: "1 bytes read as Windows-1252"},
		{name: "1252 pasted into utf-8", in: []byte("L’accordo è \x93storico\x94, perch\xe9 vale 38 miliardi"), want: "L’accordo è “storico”, perché vale 38 miliardi", warn: "3 bytes read as Windows-1252"},
		{name: "unlikely byte in utf-8", in: []byte("più è già così \xFE città"), want: "più è già così \uFFFD città", warn: "1 damaged bytes"},
		{name: "nul", in: []byte("abc\x00def"), err: ErrBinary},
		{name: "png", in: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), err: ErrBinary},
		{name: "zip", in: []byte("PK\x03\x04\x14\x00\x06\x00"), err: ErrBinary},
		{name: "undefined 1252 bytes", in: []byte("abc \x81\x8d\x90 def"), err: ErrUndecodable},
		{name: "cyrillic koi8", in: mustEncode(t, charmap.KOI8R, "Крупнейшая сделка года в облачных вычислениях"), err: ErrUndecodable},
		{name: "empty", in: nil, want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warn, err := DecodeBytes(tt.in, tt.declared)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("DecodeBytes(%q, %q) error = %v, want %v", tt.in, tt.declared, err, tt.err)
				}
				var ce *ContentError
				if !errors.As(err, &ce) || ce.Reason == "" {
					t.Errorf("DecodeBytes error %v is not a *ContentError with a reason", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("DecodeBytes(%q, %q) error = %v", tt.in, tt.declared, err)
			}
			if got != tt.want {
				t.Errorf("DecodeBytes(%q, %q) = %q, want %q", tt.in, tt.declared, got, tt.want)
			}
			if !utf8.ValidString(got) {
				t.Errorf("DecodeBytes(%q) = %q is not valid UTF-8", tt.in, got)
			}
			if tt.warn == "" && warn != "" || !strings.Contains(warn, tt.warn) {
				t.Errorf("DecodeBytes(%q, %q) warning = %q, want %q", tt.in, tt.declared, warn, tt.warn)
			}
		})
	}
}

// FuzzDecodeBytes checks that DecodeBytes never panics and returns valid
// UTF-8 or an error.
func FuzzDecodeBytes(f *testing.F) {
	f.Add([]byte("L’intesa è già firmata"), "")
	f.Add([]byte("\xff\xfea\x00b\x00"), "")
	f.Add([]byte("caf\xe9"), "latin1")
	f.Add([]byte("\xef\xbb\xbf\xff"), "utf-8")
	f.Fuzz(func(t *testing.T, b []byte, declared string) {
		s, _, err := DecodeBytes(b, declared)
		if err == nil && !utf8.ValidString(s) {
			t.Fatalf("DecodeBytes(%q, %q) = %q: not valid UTF-8", b, declared, s)
		}
		if n := Normalize(s); !utf8.ValidString(n) || Normalize(n) != n {
			t.Fatalf("Normalize(%q) = %q: not valid or not idempotent", s, n)
		}
	})
}

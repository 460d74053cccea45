package sources_test

import (
	"testing"

	"github.com/dealwatch/dealwatch/sources"
	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"crlf", "a\r\nb\rc\n", "a\nb\nc"},
		{"nfc", "perche\u0301 citta\u0300", "perché città"},
		{"already nfc", "perché", "perché"},
		{"bom anywhere", "\uFEFFuno\n\uFEFFdue\uFEFF", "uno\ndue"},
		{"line separators", "a\u2028b\u2029c\u0085d\fe\vf", "a\nb\nc\nd\ne\nf"},
		{"trailing spaces", "riga  \t\naltra\u00a0\n  rientro", "riga\naltra\n  rientro"},
		{"outer blank", "\n\n  testo  \n\n\n", "testo"},
		{"blank lines kept", "a\n\n\nb", "a\n\n\nb"},
		{"controls dropped", "a\x00b\x1bc\u0090d", "abcd"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"tabs kept", "a\tb", "a\tb"},
		{"empty", "", ""},
		{"only space", " \n\t \u3000", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sources.Normalize(tt.in)
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := sources.Normalize(got); again != got {
				t.Errorf("Normalize is not idempotent: Normalize(%q) = %q", got, again)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("Normalize(%q) = %q is not NFC", tt.in, got)
			}
		})
	}
}

func TestID(t *testing.T) {
	// The id of a text never changes: stores and goldens depend on it.
	tests := []struct{ text, want string }{
		{"", "sha256:e3b0c44298fc1c14"},
		{"OpenAI e Amazon", "sha256:82cc9e037f8a22aa"},
	}
	for _, tt := range tests {
		if got := sources.ID(tt.text); got != tt.want {
			t.Errorf("ID(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	// Same text in NFD and CRLF normalizes to the same id.
	a := sources.ID(sources.Normalize("perché\r\nsì"))
	b := sources.ID(sources.Normalize("perche\u0301\nsi\u0300\n"))
	if a != b {
		t.Errorf("ID of equivalent texts differ: %s and %s", a, b)
	}
	if c := sources.ID("perché\nsì."); c == a {
		t.Errorf("ID of different texts are equal: %s", c)
	}
	if len(a) != len("sha256:")+16 {
		t.Errorf("ID = %q, want sha256: + 16 hex digits", a)
	}
}

package langid

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHead(t *testing.T) {
	long := strings.Repeat("parola ", 100) // 700 bytes
	tests := []struct {
		name string
		text string
		max  int
		want string
	}{
		{"short", "breve testo", 400, "breve testo"},
		{"exact", "abcd", 4, "abcd"},
		{"unlimited", long, -1, long},
		{"word boundary", long, 20, "parola parola"},
		{"no space", strings.Repeat("x", 50), 20, strings.Repeat("x", 20)},
		{"rune boundary", strings.Repeat("è", 30), 21, strings.Repeat("è", 10)},
		{"cjk", strings.Repeat("中文", 20), 10, "中文中"},
	}
	for _, tt := range tests {
		got := head(tt.text, tt.max)
		if got != tt.want {
			t.Errorf("head(%.20q, %d) = %q, want %q", tt.text, tt.max, got, tt.want)
		}
		if !utf8.ValidString(got) || tt.max >= 0 && len(got) > tt.max {
			t.Errorf("head(%.20q, %d) = %q: invalid or too long", tt.text, tt.max, got)
		}
	}
}

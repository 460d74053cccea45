package main

import "testing"

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain title":                       "plain title",
		"two\nlines\r\n and\ttabs":          "two lines and tabs",
		"\x1b[2J\x1b]0;pwned\x07Title":      "[2J]0;pwnedTitle",
		"bell\x07 and nul\x00":              "bell and nul",
		"  padded  ":                        "padded",
		"rtl \u202eevil\u202c":              "rtl evil",
		"c1 \u009b31m csi":                  "c1 31m csi",
		"accents: città, año, €38 miliardi": "accents: città, año, €38 miliardi",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

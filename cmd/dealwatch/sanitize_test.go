package main

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSanitize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, àè €", "plain text, àè €"},
		{"a\x1b]0;pwned\x07b", `a\u001b]0;pwned\u0007b`},
		{"two\nlines\r", `two\nlines\r`},
		{"bidi\u202etxt.exe", `bidi\u202etxt.exe`},
		{"\u009b31m", `\u009b31m`},
	} {
		if got := sanitize(tc.in); got != tc.want {
			t.Errorf("sanitize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1", "'+1"}, {"-cmd", "'-cmd"}, {"@SUM(A1)", "'@SUM(A1)"}, {"OpenAI", "OpenAI"}, {"", ""},
	} {
		if got := csvCell(tc.in); got != tc.want {
			t.Errorf("csvCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestControlFilter(t *testing.T) {
	var b strings.Builder
	f := &controlFilter{w: &b}
	f.Write([]byte("ok \x1b[1mbold\x1b[0m \x1b]8;;http://x\x07link"))
	f.Write([]byte(" \x1b"))
	f.Write([]byte("[31mred\x1b[0m\ttab\nnext \x1b[2J \x1b"))
	f.flush()
	want := "ok \x1b[1mbold\x1b[0m \\x1b]8;;http://x\\x07link \x1b[31mred\x1b[0m\ttab\nnext \\x1b[2J \\x1b"
	if b.String() != want {
		t.Errorf("filtered %q\nwant     %q", b.String(), want)
	}
}

// TestHostileNamesAndTitles: escape sequences in a title and a file
// name never reach the terminal raw through show, diff, runs, deals or
// export --csv; a newline in a file name does not split a line; a
// formula in a title is not one in the CSV.
func TestHostileNamesAndTitles(t *testing.T) {
	bin, _, _ := processFixture(t, 1)
	dir := filepath.Join(t.TempDir(), "in")
	os.MkdirAll(dir, 0o755)
	text, err := os.ReadFile("../../testdata/corpus/000_baae7c18990669dd.txt")
	if err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	for _, p := range strings.Split(string(text), "\n\n") {
		body.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
	}
	name := "evil\x1b]0;pwned\x07\nname.html"
	page := "<html><head><title>=HYPERLINK(\"http://x\") Deal\x1b[2J\x07</title></head><body><article>" + body.String() + "</article></body></html>"
	if err := os.WriteFile(filepath.Join(dir, name), []byte(page), 0o644); err != nil {
		t.Skipf("cannot create such a file name here: %v", err)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	if _, errOut, code := runBin(t, bin, "run", "--db", db, dir); code != 0 {
		t.Fatalf("run: %d %s", code, errOut)
	}
	src := filepath.Join(dir, name)
	for _, args := range [][]string{{"show", src}, {"diff", "0", "1"}, {"runs"}, {"deals"}, {"export", "--csv"}, {"show", src + "\x1b]0;x\x07"}} {
		out, errOut, code := runBin(t, bin, append(args, "--db", db)...)
		if code != 0 && !strings.HasSuffix(args[len(args)-1], "\x07") {
			t.Errorf("%v: exit %d %s", args, code, errOut)
		}
		if strings.ContainsAny(out+errOut, "\x1b\x07") {
			t.Errorf("%v: raw control characters in output:\n%q", args, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.HasPrefix(l, "name.html") {
				t.Errorf("%v: the file name's newline split a line:\n%s", args, out)
			}
		}
		if args[0] == "export" && strings.Contains(out, ",=HYPERLINK") {
			t.Errorf("export --csv: a formula cell:\n%s", out)
		}
	}
}

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

func TestCSVRow(t *testing.T) {
	got := csvRow([]string{"=1+1", "a\nb\x07c", "@SUM(A1)", "OpenAI", "-5", "\x1b[31m=x"})
	want := []string{"'=1+1", "a bc", "'@SUM(A1)", "OpenAI", "'-5", "[31m=x"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("csvRow cell %d = %q, want %q", i, got[i], want[i])
		}
	}
}

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs dealwatch in-process with args and returns its output and
// exit code. env overrides the environment (nothing else is read).
func runCLI(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		Getenv: func(k string) string { return env[k] }}
	code = Main(context.Background(), e, args)
	return out.String(), errb.String(), code
}

// repoRoot changes to the repository root for the test, so sources print
// as "testdata/corpus/...".
func repoRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

// jsonLines decodes JSON Lines output, validating each against schema.
func jsonLines(t *testing.T, schema, out string) []extract.ArticleResult {
	t.Helper()
	var rs []extract.ArticleResult
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if err := extracttest.Validate(schema, line); err != nil {
			t.Errorf("output line is not schema-valid: %v\n%s", err, line)
		}
		var r extract.ArticleResult
		if err := json.Unmarshal(line, &r); err != nil {
			t.Fatalf("decode %s: %v", line, err)
		}
		rs = append(rs, r)
	}
	return rs
}

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden %s: %v (run go test -update to create it)", path, err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("output differs from %s (-want +got); if the change is right, run go test ./cmd/dealwatch -update and review the diff:\n%s", path, d)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no command", nil, 2, "dealwatch [command]"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"mistyped command", []string{"dela"}, 2, "Did you mean this?\n\tdeals"},
		{"extract without paths", []string{"extract"}, 2, "extract needs at least one file, folder, URL or --feeds FILE"},
		{"show without id", []string{"show"}, 2, "show needs one article id"},
		{"history without id", []string{"history"}, 2, "history needs one id: an article id (sha256:…) or a deal id"},
		{"figures without paths", []string{"figures"}, 2, "figures needs at least one file or folder"},
		{"runs with an argument", []string{"runs", "x"}, 2, `runs takes no arguments, got ["x"]`},
		{"diff with three runs", []string{"diff", "1", "2", "3"}, 2, "diff takes at most two run numbers"},
		{"bad flag", []string{"extract", "--no-such-flag", "x"}, 2, "unknown flag: --no-such-flag"},
		{"mistyped flag", []string{"deals", "--jsno"}, 2, "did you mean --json?"},
		{"single-dash flag", []string{"runs", "-json"}, 2, "did you mean --json?"},
		{"bad flag value", []string{"run", "--batch", "many", "x"}, 2, `invalid argument "many" for "--batch"`},
		{"bad backend", []string{"extract", "--backend", "magic", "x.txt"}, 2, `unknown backend "magic"`},
		{"unknown help topic", []string{"help", "frobnicate"}, 2, `unknown help topic "frobnicate"`},
		{"bad completion shell", []string{"completion", "tcsh"}, 2, "tcsh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("dealwatch %q exit code = %d, want %d (stderr: %s)", tt.args, code, tt.wantCode, stderr)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("dealwatch %q stderr = %q, want it to contain %q", tt.args, stderr, tt.wantErr)
			}
		})
	}
}

// TestHelp checks that help asked for goes to standard output with exit
// code 0, for the program and for each command.
func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"help"}, []string{"Reading articles (no store):", "The store:", "completion", "Exit codes:"}},
		{[]string{"--help"}, []string{"Usage:\n  dealwatch [command]"}},
		{[]string{"-h"}, []string{"Usage:\n  dealwatch [command]"}},
		{[]string{"help", "run"}, []string{"Usage:\n  dealwatch run [flags] PATH|URL...", "Examples:", "--db FILE", "--feeds FILE"}},
		{[]string{"run", "--help"}, []string{"Usage:\n  dealwatch run [flags] PATH|URL..."}},
		{[]string{"deals", "-h"}, []string{"Usage:\n  dealwatch deals [flags]", "--json"}},
		{[]string{"help", "completion"}, []string{"bash", "zsh", "fish"}},
	}
	for _, tt := range tests {
		stdout, stderr, code := runCLI(t, nil, tt.args...)
		if code != 0 || stderr != "" {
			t.Errorf("dealwatch %q: exit code %d, stderr %q; want 0 and nothing", tt.args, code, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("dealwatch %q stdout = %q, want it to contain %q", tt.args, stdout, w)
			}
		}
	}
	// Every command has a description and examples.
	for _, c := range newRootCmd(&Env{Getenv: func(string) string { return "" }}).Commands() {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if c.Short == "" || c.Long == "" || c.Example == "" {
			t.Errorf("command %s: Short, Long and Example must all be set", c.Name())
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		stdout, stderr, code := runCLI(t, nil, args...)
		if want := "dealwatch " + Version + "\n"; stdout != want || code != 0 {
			t.Errorf("dealwatch %q = %q, exit %d (stderr %q); want %q, exit 0", args, stdout, code, stderr, want)
		}
	}
}

func TestCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_dealwatch",
		"zsh":  "#compdef dealwatch",
		"fish": "complete -c dealwatch",
	} {
		stdout, stderr, code := runCLI(t, nil, "completion", shell)
		if code != 0 || !strings.Contains(stdout, want) {
			t.Errorf("dealwatch completion %s: exit %d, stderr %q, %d bytes without %q", shell, code, stderr, len(stdout), want)
		}
	}
	// The completion of a command's flags comes from the same tree.
	stdout, _, code := runCLI(t, nil, "__complete", "deals", "--js")
	if code != 0 || !strings.Contains(stdout, "--json") {
		t.Errorf("dealwatch __complete deals --js: exit %d, output %q; want --json", code, stdout)
	}
}

// TestExtractCorpusGolden runs extract over the seed corpus and compares
// the JSON Lines and the readable output with reviewed goldens.
func TestExtractCorpusGolden(t *testing.T) {
	repoRoot(t)
	stdout, stderr, code := runCLI(t, nil, "extract", "--json", "testdata/corpus")
	if code != 0 {
		t.Fatalf("extract --json testdata/corpus exit code = %d, want 0; stderr:\n%s", code, stderr)
	}
	rs := jsonLines(t, extracttest.ArticleResult, stdout)
	wantLangs := []string{"it", "it", "it", "es", "en"}
	if len(rs) != len(wantLangs) {
		t.Fatalf("got %d results, want %d", len(rs), len(wantLangs))
	}
	for i, r := range rs {
		if r.Article.Lang != wantLangs[i] {
			t.Errorf("%s: lang = %q, want %q", r.Article.Source, r.Article.Lang, wantLangs[i])
		}
		if r.Status != extract.StatusOK {
			t.Errorf("%s: status = %q, want ok", r.Article.Source, r.Status)
		}
	}
	segs := map[string]bool{}
	for _, s := range rs[4].Article.Segments {
		segs[s.Lang] = true
	}
	for _, l := range []string{"it", "en", "zh"} {
		if !segs[l] {
			t.Errorf("%s: segments %v have no %q segment", rs[4].Article.Source, rs[4].Article.Segments, l)
		}
	}
	golden(t, "testdata/golden/extract-corpus.jsonl", stdout)

	readable, stderr, code := runCLI(t, nil, "extract", "testdata/corpus")
	if code != 0 {
		t.Fatalf("extract testdata/corpus exit code = %d; stderr:\n%s", code, stderr)
	}
	golden(t, "testdata/golden/extract-corpus.txt", readable)
}

// TestExtractBadInput feeds every kind of bad input the design names and
// checks each gets its status, that one failure does not stop the
// others, and that failures give exit code 1.
func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fr := write("fr.txt", []byte("OpenAI a signé un accord de trente-huit milliards de dollars avec Amazon pour louer de la puissance de calcul dans ses centres de données. "+
		"Les analystes estiment que cette alliance change profondément l'équilibre du marché européen de l'informatique en nuage.\n"))
	de := write("de.txt", []byte("OpenAI hat mit Amazon einen Vertrag über achtunddreißig Milliarden Dollar für Rechenleistung in der Cloud unterzeichnet. "+
		"Die Vereinbarung verschiebt nach Ansicht vieler Beobachter das Gleichgewicht zwischen den großen Anbietern deutlich.\n"))
	empty := write("empty.txt", nil)
	blank := write("blank.md", []byte("  \n\t\n   \n"))
	bin := write("blob.txt", []byte("\x00\x01\x02\x03PK\x03\x04\x00\x00\x00binary\x00\x00\xff\xfe\x00"))
	big := write("big.txt", bytes.Repeat([]byte("OpenAI compra capacità di calcolo da Amazon. "), 200))
	missing := filepath.Join(dir, "missing.txt")
	it := write("ok.txt", []byte("OpenAI e Amazon firmano un accordo da 38 miliardi di dollari per la capacità di calcolo nel cloud di AWS, annunciato oggi a Seattle.\n"))

	stdout, stderr, code := runCLI(t, nil, "extract", "--json", "--max-bytes", "4096", fr, de, empty, blank, bin, big, missing, it)
	if code != 1 {
		t.Errorf("exit code = %d, want 1 (some inputs failed); stderr: %s", code, stderr)
	}
	rs := jsonLines(t, extracttest.ArticleResult, stdout)
	got := map[string]extract.ArticleResult{}
	for _, r := range rs {
		got[filepath.Base(r.Article.Source)] = r
	}
	tests := []struct {
		file       string
		wantStatus extract.Status
		wantLang   string
		wantErr    string
	}{
		{"fr.txt", extract.StatusUnsupported, "fr", "French"},
		{"de.txt", extract.StatusUnsupported, "de", "German"},
		{"empty.txt", extract.StatusEmpty, "", "empty.txt"},
		{"blank.md", extract.StatusEmpty, "", "blank.md"},
		{"blob.txt", extract.StatusFailed, "", "blob.txt"},
		{"big.txt", extract.StatusFailed, "", "limit"},
		{"missing.txt", extract.StatusFailed, "", "missing.txt"},
		{"ok.txt", extract.StatusOK, "it", ""},
	}
	for _, tt := range tests {
		r, ok := got[tt.file]
		if !ok {
			t.Errorf("%s: no result line; every input must get one", tt.file)
			continue
		}
		if r.Status != tt.wantStatus {
			t.Errorf("%s: status = %q, want %q (error: %v)", tt.file, r.Status, tt.wantStatus, deref(r.Error))
		}
		if tt.wantLang != "" && r.Article.Lang != tt.wantLang {
			t.Errorf("%s: lang = %q, want %q", tt.file, r.Article.Lang, tt.wantLang)
		}
		if tt.wantErr != "" && !strings.Contains(deref(r.Error), tt.wantErr) {
			t.Errorf("%s: error = %q, want it to mention %q", tt.file, deref(r.Error), tt.wantErr)
		}
		if tt.wantStatus == extract.StatusOK && r.Error != nil {
			t.Errorf("%s: error = %q, want null", tt.file, *r.Error)
		}
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestManPages(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man")
	_, stderr, code := runCLI(t, nil, "man", dir)
	if code != 0 {
		t.Fatalf("dealwatch man: exit %d, stderr %q", code, stderr)
	}
	for _, name := range []string{"dealwatch.1", "dealwatch-run.1", "dealwatch-deals.1"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(".SH NAME")) {
			t.Errorf("%s is not a man page:\n%.200s", name, b)
		}
	}
	if stdout, _, _ := runCLI(t, nil, "help"); strings.Contains(stdout, "man DIR") || strings.Contains(stdout, "\n  man ") {
		t.Errorf("the man command is listed in the help; it should be hidden:\n%s", stdout)
	}
}

// TestFlagsAfterArguments checks flags may follow the positional
// arguments, and that "--" ends the flags.
func TestFlagsAfterArguments(t *testing.T) {
	repoRoot(t)
	const file = "testdata/corpus/000_baae7c18990669dd.txt"
	before, _, code := runCLI(t, nil, "figures", "--lang", "it", "--json", file)
	if code != 0 || !strings.HasPrefix(before, "{") {
		t.Fatalf("figures --lang it --json: exit %d, %q", code, before)
	}
	after, stderr, code := runCLI(t, nil, "figures", file, "--json", "--lang=it")
	if code != 0 || after != before {
		t.Errorf("figures FILE --json --lang=it: exit %d (stderr %q); output differs from the flags first", code, stderr)
	}
	_, stderr, code = runCLI(t, nil, "figures", "--lang", "it", "--", "--json")
	if code != 1 || !strings.Contains(stderr, "--json") {
		t.Errorf("figures -- --json: exit %d, %q; want --json read as a (missing) file, exit 1", code, stderr)
	}
}

package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// figureJSON decodes one line of "figures --json"; Value and Max stay raw
// so that the test sees the numbers exactly as printed.
type figureJSON struct {
	Source       string          `json:"source"`
	Kind         string          `json:"kind"`
	Value        json.RawMessage `json:"value"`
	Unit         string          `json:"unit"`
	Qualifier    string          `json:"qualifier"`
	Max          json.RawMessage `json:"max"`
	Period       string          `json:"period"`
	Text         string          `json:"text"`
	Start        *int            `json:"start"`
	End          *int            `json:"end"`
	Date         string          `json:"date"`
	UnitInferred bool            `json:"unit_inferred"`
	ScaleShared  bool            `json:"scale_shared"`
	Note         string          `json:"note"`
}

func decodeFigures(t *testing.T, out string) []figureJSON {
	t.Helper()
	var fs []figureJSON
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var f figureJSON
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("decode %s: %v", sc.Text(), err)
		}
		if f.Start == nil || f.End == nil || f.Value == nil || f.Max == nil {
			t.Errorf("line misses start, end, value or max: %s", sc.Text())
		}
		fs = append(fs, f)
	}
	return fs
}

func TestFiguresJSON(t *testing.T) {
	repoRoot(t)
	out, errOut, code := runCLI(t, nil, "figures", "--json", "--lang", "it", "testdata/corpus/001_edc98d162f4fd3bb.txt")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	fs := decodeFigures(t, out)
	var got []string
	for _, f := range fs {
		if f.Source != "testdata/corpus/001_edc98d162f4fd3bb.txt" {
			t.Errorf("source = %q", f.Source)
		}
		line := f.Kind + " " + string(f.Value) + " " + f.Unit + " " + f.Qualifier + " " + f.Text
		if f.Kind == "date" {
			line = "date " + string(f.Value) + " " + f.Date + " " + f.Text
		}
		got = append(got, line)
	}
	want := []string{
		"date null 2026-02-27 2026-02-27",
		"money 50000000000 USD exact 50 miliardi di dollari",
		"money 38000000000 USD exact 38",
		"money 138000000000 USD over oltre 138 miliardi",
		"capacity 2 GW about circa 2 gigawatt",
		"money 100000000000 USD exact 100 miliardi",
		"capacity 3 GW exact 3 gigawatt",
		"capacity 2 GW exact 2 gigawatt",
		"money 30000000000 USD exact 30 miliardi di dollari",
		"money 110000000000 USD exact 110 miliardi di dollari",
		"money 50000000000 USD exact 50 miliardi",
		"money 30000000000 USD exact 30 miliardi",
		"money 30000000000 USD exact 30 miliardi",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("figures --json =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(fs) > 2 && (!fs[2].ScaleShared || !fs[2].UnitInferred) {
		t.Errorf("\"38\" has scale_shared %v, unit_inferred %v, want both", fs[2].ScaleShared, fs[2].UnitInferred)
	}
}

func TestFiguresTable(t *testing.T) {
	repoRoot(t)
	out, errOut, code := runCLI(t, nil, "figures", "--lang", "es", "testdata/corpus/003_0bef4da26b80effb.txt")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	for _, want := range []string{
		"testdata/corpus/003_0bef4da26b80effb.txt  (language es, 11 figures)",
		"KIND", "money", "1400000000000", `"supera los $1.4 billones"`, "over", "2025-11-03", `"siete años"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("figures table has no %q:\n%s", want, out)
		}
	}
}

// TestFiguresUnread prints a money expression the parser cannot read
// whole with a null value and its note, in both forms (issue 15).
func TestFiguresUnread(t *testing.T) {
	path := filepath.Join(t.TempDir(), "unread.txt")
	if err := os.WriteFile(path, []byte("Invirtió veintitantos mil millones de dólares en Texas.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, nil, "figures", "--json", "--lang", "es", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	fs := decodeFigures(t, out)
	if len(fs) != 1 || fs[0].Kind != "unread" || string(fs[0].Value) != "null" || fs[0].Note == "" ||
		fs[0].Text != "veintitantos mil millones de dólares" {
		t.Errorf("figures --json = %+v, want one unread figure with a null value and a note", fs)
	}
	out, errOut, code = runCLI(t, nil, "figures", "--lang", "es", path)
	if code != 0 || !strings.Contains(out, "unread") || !strings.Contains(out, "words before the amount") {
		t.Errorf("figures table (exit %d, stderr %s) shows no unread figure with its note:\n%s", code, errOut, out)
	}
}

func TestFiguresErrors(t *testing.T) {
	repoRoot(t)
	if _, _, code := runCLI(t, nil, "figures"); code != 2 {
		t.Errorf("figures without a path: exit %d, want 2", code)
	}
	if _, _, code := runCLI(t, nil, "figures", "--lang", "fr", "testdata/corpus"); code != 2 {
		t.Errorf("figures --lang fr: exit %d, want 2", code)
	}
	_, errOut, code := runCLI(t, nil, "figures", "--lang", "it", "testdata/corpus/000_baae7c18990669dd.txt", "no/such/file.txt")
	if code != 1 || !strings.Contains(errOut, "no/such/file.txt") {
		t.Errorf("figures with a missing file: exit %d, stderr %q; want 1 naming the file", code, errOut)
	}
}

// TestFiguresDetectsLanguage reads the mixed seed with the detector: its
// Italian lines read "miliardi", its English ones "$1.50".
func TestFiguresDetectsLanguage(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the language models")
	}
	repoRoot(t)
	out, errOut, code := runCLI(t, nil, "figures", "--json", "testdata/corpus/004_b01a9549d376df04.txt")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	seen := map[string]bool{}
	for _, f := range decodeFigures(t, out) {
		seen[f.Kind+" "+string(f.Value)+" "+string(f.Max)+" "+f.Unit+" "+f.Text] = true
	}
	for _, want := range []string{
		"money 50000000000 null USD 50 miliardi di dollari",
		"money 1.5 null USD $1.50",
		"money 10000000000 15000000000 USD $10-15 billion",
		"capacity 5 null GW 5 gigawatt",
		"duration 5 null years quinquennale",
	} {
		if !seen[want] {
			t.Errorf("figures of 004 have no %q", want)
		}
	}
}

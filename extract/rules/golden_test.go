package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testArticle is an article of testdata with what sources would say about
// it (title line, publication date) and its language.
type testArticle struct {
	File      string `json:"file"`
	Lang      string `json:"lang"`
	Published string `json:"published"`
}

// loadArticle reads a test article the way sources would: the text as
// is, the first line as title when it is short.
func loadArticle(t testing.TB, dir string, ta testArticle) extract.Article {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ta.File))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	title := ""
	if line, _, _ := strings.Cut(strings.TrimSpace(text), "\n"); len(line) <= 200 {
		title = strings.TrimSpace(line)
	}
	return extract.Article{ID: ta.File, Source: ta.File, Title: title, Published: ta.Published, Lang: ta.Lang, Text: text}
}

func newTestExtractor(t testing.TB) *Extractor {
	t.Helper()
	x, err := New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// listing renders deals as a readable text, one block per deal.
func listing(a extract.Article, deals []extract.Deal, warnings []extract.Warning) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s (%s, published %q): %d deals\n", a.Source, a.Lang, a.Published, len(deals))
	money := func(m *extract.Money) string {
		if m == nil {
			return "-"
		}
		s := fmt.Sprintf("%s %s %s %s %q [%d:%d]", m.Value, m.Currency, m.Qualifier, m.Period, m.Text, m.Start, m.End)
		if m.Max != nil {
			s += " max " + m.Max.String()
		}
		return s
	}
	for i, d := range deals {
		fmt.Fprintf(&b, "\n%d. %s, %s, %s, %s, confidence %.2f\n", i+1, d.Kind, d.Status, d.Confirmation, d.Mention, d.Confidence)
		var ps []string
		for _, p := range d.Parties {
			ps = append(ps, fmt.Sprintf("%s %s (%q)", p.Role, p.Name, p.Mention))
		}
		fmt.Fprintf(&b, "   parties: %s\n", strings.Join(ps, "; "))
		fmt.Fprintf(&b, "   amount: %s\n", money(d.Amount))
		if d.PreviousAmount != nil {
			fmt.Fprintf(&b, "   previous: %s\n", money(d.PreviousAmount))
		}
		for _, t := range d.Tranches {
			fmt.Fprintf(&b, "   tranche %s: %s\n", t.Condition, money(&t.Amount))
		}
		for _, c := range d.Capacity {
			p := "-"
			if c.Purpose != nil {
				p = *c.Purpose
			}
			fmt.Fprintf(&b, "   capacity: %s %s purpose %s %q [%d:%d]\n", c.Value, c.Unit, p, c.Text, c.Start, c.End)
		}
		if len(d.Hardware) > 0 {
			fmt.Fprintf(&b, "   hardware: %s\n", strings.Join(d.Hardware, ", "))
		}
		if d.TermYears != nil {
			fmt.Fprintf(&b, "   term: %g years\n", *d.TermYears)
		}
		if d.AnnouncedOn != nil {
			fmt.Fprintf(&b, "   announced_on: %s\n", *d.AnnouncedOn)
		}
		fmt.Fprintf(&b, "   evidence [%d:%d]: %q\n", d.Evidence.Start, d.Evidence.End, d.Evidence.Text)
	}
	for _, w := range warnings {
		deal := "-"
		if w.Deal != nil {
			deal = fmt.Sprint(*w.Deal + 1)
		}
		fmt.Fprintf(&b, "\nwarning %s (deal %s): %s\n", w.Code, deal, w.Message)
	}
	return b.String()
}

// TestGolden extracts every article of testdata/expected.json (the seed
// corpus and the unseen articles) and compares a readable listing of the
// deals with testdata/golden/<article>.txt, checked by hand.
func TestGolden(t *testing.T) {
	x := newTestExtractor(t)
	for _, ea := range loadExpected(t).Articles {
		t.Run(ea.File, func(t *testing.T) {
			a := loadArticle(t, ea.dir(), ea.testArticle)
			got, err := x.Extract(context.Background(), a)
			if err != nil {
				t.Fatal(err)
			}
			checkDeals(t, a, got.Deals)
			name := strings.TrimSuffix(ea.File, filepath.Ext(ea.File)) + ".txt"
			compareGolden(t, filepath.Join("testdata", "golden", name), listing(a, got.Deals, got.Warnings))
		})
	}
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, lineDiff(string(want), got))
	}
}

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %s\n  got  %s\n", i+1, wl, gl)
			if n++; n == 8 {
				break
			}
		}
	}
	return b.String()
}

// checkDeals asserts the invariants every deal must hold whatever the
// article: offsets quote the text, figures are grounded, values are in
// the schema's enums.
func checkDeals(t *testing.T, a extract.Article, deals []extract.Deal) {
	t.Helper()
	span := func(what string, text string, s, e int) {
		if s < 0 || e > len(a.Text) || s > e || a.Text[s:e] != text {
			t.Errorf("%s [%d:%d] %q does not quote the text", what, s, e, text)
		}
	}
	for i, d := range deals {
		span(fmt.Sprintf("deal %d evidence", i+1), d.Evidence.Text, d.Evidence.Start, d.Evidence.End)
		if d.Amount != nil {
			span(fmt.Sprintf("deal %d amount", i+1), d.Amount.Text, d.Amount.Start, d.Amount.End)
		}
		if d.PreviousAmount != nil {
			span(fmt.Sprintf("deal %d previous", i+1), d.PreviousAmount.Text, d.PreviousAmount.Start, d.PreviousAmount.End)
		}
		for _, tr := range d.Tranches {
			span(fmt.Sprintf("deal %d tranche", i+1), tr.Amount.Text, tr.Amount.Start, tr.Amount.End)
		}
		for _, c := range d.Capacity {
			span(fmt.Sprintf("deal %d capacity", i+1), c.Text, c.Start, c.End)
		}
		if len(d.Parties) == 0 {
			t.Errorf("deal %d has no parties", i+1)
		}
		for _, p := range d.Parties {
			if !strings.Contains(a.Text, p.Mention) {
				t.Errorf("deal %d party %s mention %q is not in the text", i+1, p.Name, p.Mention)
			}
		}
		if !d.Grounded || d.Confidence <= 0 || d.Confidence > 1 {
			t.Errorf("deal %d: grounded %v confidence %v", i+1, d.Grounded, d.Confidence)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Errorf("deal %d: %v", i+1, err)
		}
	}
}

// marshalDeals is the byte form the determinism test compares.
func marshalDeals(t testing.TB, deals []extract.Deal) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	for _, d := range deals {
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

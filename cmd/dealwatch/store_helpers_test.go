package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/store"
)

// fakeDetector says every text is English, so job tests do not load the
// language models.
type fakeDetector struct{}

func (fakeDetector) Detect(string) (string, float64) { return "en", 1 }

// fakeExtractor reads deals from lines such as
//
//	DEAL compute_contract announced OpenAI Amazon $38 billion
//
// and fails on articles containing "FAIL". It reports info as its
// ExtractorInfo and, when describe is set, from an Info method too.
type fakeExtractor struct {
	info extract.ExtractorInfo
	// status, when set, replaces every deal's status (a "new prompt").
	status extract.DealStatus
	calls  atomic.Int32
}

var fakeDealLine = regexp.MustCompile(`(?m)^DEAL (\S+) (\S+) (\S+) (\S+) (\$(\d+) billion)$`)

func (f *fakeExtractor) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	f.calls.Add(1)
	if strings.Contains(a.Text, "FAIL") {
		return extract.Extraction{}, &extract.ExtractError{Info: f.info, Err: fmt.Errorf("fake backend refuses %s", a.Source)}
	}
	var deals []extract.Deal
	for _, m := range fakeDealLine.FindAllStringSubmatchIndex(a.Text, -1) {
		sub := func(i int) string { return a.Text[m[2*i]:m[2*i+1]] }
		var billions int64
		fmt.Sscan(sub(6), &billions)
		deals = append(deals, extract.Deal{
			Kind:   extract.Kind(sub(1)),
			Status: extract.DealStatus(sub(2)),
			Parties: []extract.Party{
				{Name: sub(3), Role: extract.RoleBuyer, Mention: sub(3)},
				{Name: sub(4), Role: extract.RoleSeller, Mention: sub(4)},
			},
			Amount: &extract.Money{
				Value: figures.Dec(billions, 9), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total,
				Text: sub(5), Start: m[10], End: m[11],
			},
			Evidence:   extract.Span{Text: a.Text[m[0]:m[1]], Start: m[0], End: m[1]},
			Confidence: 0.9,
		})
	}
	if f.status != "" {
		for i := range deals {
			deals[i].Status = f.status
		}
	}
	return extract.Extraction{Deals: deals, Info: f.info}, nil
}

// describedExtractor is a fakeExtractor that can say what it is before
// extracting (the optional Info method runFingerprint looks for).
type describedExtractor struct{ fakeExtractor }

func (d *describedExtractor) Info() extract.ExtractorInfo { return d.info }

// mustOpenDB opens a writable store in a temp dir; cleanup closes it
// (tests may close it earlier to run read-only commands) and checks the
// file's consistency.
func mustOpenDB(t testing.TB) *store.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dealwatch.db")
	db, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Close()
		ro, err := store.Open(path, &store.Options{ReadOnly: true})
		if err != nil {
			t.Errorf("reopen store: %v", err)
			return
		}
		defer ro.Close()
		if err := ro.Check(); err != nil {
			t.Errorf("store inconsistent: %v", err)
		}
	})
	return db
}

// writeFile writes text to dir/name with a modification time that
// differs from any earlier write (file systems may have coarse clocks).
func writeFile(t testing.TB, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	var prev time.Time
	if fi, err := os.Stat(p); err == nil {
		prev = fi.ModTime()
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); !prev.IsZero() && !fi.ModTime().After(prev) {
		os.Chtimes(p, prev.Add(time.Second), prev.Add(time.Second))
	}
	return p
}

// seedParagraphs returns the paragraphs of the seed corpus, one slice
// per seed article, so generated articles stay in one language.
func seedParagraphs(t testing.TB) [][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed corpus: %v", err)
	}
	var out [][]string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ps []string
		for _, p := range strings.Split(string(b), "\n") {
			if p = strings.TrimSpace(p); len(p) > 40 {
				ps = append(ps, p)
			}
		}
		out = append(out, ps)
	}
	return out
}

// genCorpus writes n articles of about size bytes into dir: paragraphs
// of one seed article each, rotated, under a numbered title so every
// text (and id) is different.
func genCorpus(t testing.TB, dir string, n, size int) {
	t.Helper()
	seeds := seedParagraphs(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		ps := seeds[i%len(seeds)]
		var b strings.Builder
		fmt.Fprintf(&b, "Article %d\n\n", i)
		for j := i; b.Len() < size; j++ {
			b.WriteString(ps[j%len(ps)])
			b.WriteString("\n\n")
		}
		name := fmt.Sprintf("a%05d.txt", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/store"
)

// streamDetector says German for texts with "Vertrag", English for the
// rest, so a fixture has an unsupported article without language
// models.
type streamDetector struct{}

func (streamDetector) Detect(s string) (string, float64) {
	if strings.Contains(s, "Vertrag") {
		return "de", 1
	}
	return "en", 1
}

// ghostExtractor is fakeExtractor with a party the text never names on
// the deals of articles containing "GHOST" (facts not grounded), and an
// implausible-amount warning on those of articles containing "HUGE".
type ghostExtractor struct{ fakeExtractor }

func (g *ghostExtractor) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	x, err := g.fakeExtractor.Extract(ctx, a)
	if err != nil {
		return x, err
	}
	for i := range x.Deals {
		if strings.Contains(a.Text, "GHOST") {
			x.Deals[i].Parties = append(x.Deals[i].Parties, extract.Party{Name: "Ghostco", Role: extract.RolePartner, Mention: "Ghostco"})
		}
		if strings.Contains(a.Text, "HUGE") {
			x.Warnings = append(x.Warnings, extract.Warning{Code: extract.WarnImplausibleAmt, Message: "far too large", Deal: extract.Ptr(i)})
		}
	}
	return x, nil
}

// diffStreamFixture is a store of seven runs with everything diff
// shows: new, changed and (backward) removed articles, empty,
// unsupported and failed ones, facts not grounded or implausible, facts
// that change field by field, move to another deal or only move in the
// text, deal changes (added, conflicted, resolved, figure moved), a run
// that changes nothing, runs without a deal snapshot (the deals are
// reconciled) and a schema-only re-store. It returns the store's path
// and the number of its last run.
func diffStreamFixture(t *testing.T) (string, uint64) {
	t.Helper()
	db := mustOpenDB(t)
	dir := t.TempDir()
	ex := &ghostExtractor{fakeExtractor{info: extract.ExtractorInfo{Backend: "fake"}}}
	night := func(inputs ...string) {
		t.Helper()
		job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: streamDetector{}, Extractor: ex, Concurrency: 2},
			Inputs: inputs, Info: store.RunInfo{Backend: "fake", Program: Version, Inputs: inputs}, Fingerprint: "fp", Batch: 2}
		if _, err := job.Do(context.Background()); err != nil {
			t.Fatalf("run: %v", err)
		}
	}
	w := func(name, text string) { writeFile(t, dir, name, text) }
	// Night 1.
	w("aws.txt", "OpenAI and Amazon\n\nDEAL compute_contract announced OpenAI Amazon $38 billion\n")
	w("oracle.txt", "Oracle, Nvidia and OpenAI\n\nDEAL compute_contract reported Oracle OpenAI $30 billion\nDEAL investment announced Nvidia OpenAI $10 billion\n")
	w("plain.txt", "An article without deals.\n")
	w("empty.txt", "  \n")
	w("de.txt", "OpenAI unterzeichnet Vertrag\n\nDEAL compute_contract agreed OpenAI Amazon $38 billion\n")
	w("ghost.txt", "GHOST\n\nDEAL chip_supply agreed OpenAI AMD $6 billion\n")
	w("huge.txt", "Meta and Google, HUGE\n\nDEAL compute_contract agreed Meta Google $900000 billion\n")
	w("order.txt", "Two deals\n\nDEAL investment announced SoftBank OpenAI $40 billion\nDEAL chip_supply agreed OpenAI Broadcom $12 billion\n")
	night(dir)
	// Night 2: edits, a new article that contradicts, a fact that moves
	// to another deal, one removed, one added, a failure, a missing path.
	w("aws.txt", "OpenAI and Amazon, revised\n\nDEAL compute_contract agreed OpenAI Amazon $48 billion\n")
	w("aws2.txt", "Another outlet\n\nDEAL compute_contract announced OpenAI Amazon $38 billion\n")
	w("oracle.txt", "Microsoft and OpenAI\n\nDEAL compute_contract reported Microsoft OpenAI $30 billion\nDEAL chip_supply agreed OpenAI Broadcom $12 billion\n")
	w("fail.txt", "FAIL on purpose\n")
	w("plain.txt", "Now with a deal.\n\nDEAL investment announced Microsoft Mistral $2 billion\n")
	w("empty.txt", "Not empty any more\n\nDEAL investment announced Nvidia xAI $5 billion\n")
	w("order.txt", "Two deals, the other way round\n\nDEAL chip_supply agreed OpenAI Broadcom $12 billion\nDEAL investment announced SoftBank OpenAI $40 billion\n")
	night(dir, filepath.Join(dir, "missing.txt"))
	// Night 3 changes nothing.
	night(dir)
	// Night 4: the outlet corrects itself (the conflict is resolved), the
	// German article is now English, the ghost is gone, the failure fixed.
	w("aws2.txt", "Another outlet, corrected\n\nDEAL compute_contract announced OpenAI Amazon $48 billion\n")
	w("de.txt", "OpenAI signs\n\nDEAL compute_contract agreed OpenAI Amazon $48 billion\n")
	w("ghost.txt", "No ghost\n\nDEAL chip_supply agreed OpenAI AMD $6 billion\n")
	w("fail.txt", "Fixed\n\nDEAL investment announced Nvidia Mistral $1 billion\n")
	night(dir)

	// Nights 5 and 6 are stored without a deal snapshot: a schema-1
	// result, then the same facts stored again as schema 2.
	save := func(rs ...extract.ArticleResult) {
		t.Helper()
		run, err := db.BeginRun(store.RunInfo{Backend: "fake"})
		if err != nil {
			t.Fatal(err)
		}
		var recs []store.Record
		for i := range rs {
			recs = append(recs, store.Record{Key: rs[i].Article.Source, Result: &rs[i]})
		}
		if _, err := db.SaveBatch(run.ID, recs); err != nil {
			t.Fatal(err)
		}
		if err := db.FinishRun(run.ID, store.RunComplete, ""); err != nil {
			t.Fatal(err)
		}
	}
	old := extract.ArticleResult{
		SchemaVersion: 1, Status: extract.StatusOK, Extractor: extract.ExtractorInfo{Backend: "fake"},
		Article: extract.ArticleInfo{ID: "sha256:00112233445566ff", Source: filepath.Join(dir, "schema.txt"), Title: extract.StrPtr("Schema one"), Lang: "en", LangConfidence: 1},
		Deals: []extract.Deal{{Kind: extract.KindCompute, Status: extract.DealAgreed, Grounded: true, Confidence: 0.9,
			Parties:  []extract.Party{{Name: "OpenAI", Role: extract.RoleBuyer, Mention: "OpenAI"}, {Name: "CoreWeave", Role: extract.RoleSeller, Mention: "CoreWeave"}},
			Amount:   &extract.Money{Value: figures.Dec(22, 9), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: "$22 billion"},
			Evidence: extract.Span{Text: "OpenAI signed a $22 billion deal with CoreWeave."}}},
	}
	save(old)
	latest, err := db.Latest()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range latest {
		if r.Article.Source == old.Article.Source {
			r.StoredSchema = 0
			save(r)
		}
	}
	runs, err := db.Runs()
	if err != nil {
		t.Fatal(err)
	}
	path := db.Path()
	db.Close()
	return path, runs[len(runs)-1].ID
}

// refDiff is the diff of runs a and b as the whole-in-memory code wrote
// it (diff_reference_test.go).
func refDiff(t *testing.T, db *store.DB, a, b uint64, json bool, c termColours, ids bool) string {
	t.Helper()
	runs, err := db.Runs()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := refBuildReviewDiff(db, runsByID(runs), a, b)
	if err != nil {
		t.Fatalf("reference diff %d %d: %v", a, b, err)
	}
	var buf bytes.Buffer
	if json {
		err = refWriteReviewDiffJSON(&buf, rd)
	} else {
		err = refWriteReviewDiff(&buf, c, rd, ids)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// streamedDiff is the diff of runs a and b as writeDiff writes it, its
// spools keeping at most limit bytes in memory (0: the default).
func streamedDiff(t *testing.T, db *store.DB, a, b uint64, json bool, c termColours, ids bool, limit int) string {
	t.Helper()
	runs, err := db.Runs()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var w diffWriter
	if json {
		j := newDiffJSONWriter(&buf)
		j.body.limit = limit
		w = j
	} else {
		x := newDiffText(&buf, c, ids)
		for i := range x.sections {
			x.sections[i].limit = limit
		}
		x.deals.limit = limit
		w = x
	}
	if err := writeDiff(context.Background(), db, runsByID(runs), a, b, w, false); err != nil {
		t.Fatalf("streamed diff %d %d: %v", a, b, err)
	}
	return buf.String()
}

// The streamed diff writes the same bytes as the whole-in-memory one,
// for every pair of runs in both directions, readable (with and without
// ids and colours) and --json, with its spools in memory or in files.
func TestDiffStreamedAsWhole(t *testing.T) {
	path, last := diffStreamFixture(t)
	db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t.Setenv("TMPDIR", t.TempDir())
	var seen strings.Builder
	for a := uint64(0); a <= last; a++ {
		for b := uint64(0); b <= last; b++ {
			// Every pair plainly; from or to the empty store, and between
			// neighbours, every way (the biggest diffs and every night).
			thorough := a == 0 || b == 0 || a+1 == b || b+1 == a
			for _, v := range []struct {
				name string
				json bool
				c    termColours
				ids  bool
				all  bool
			}{{"text", false, termColours{}, false, true}, {"json", true, termColours{}, false, true}, {"colour and ids", false, termColours{on: true}, true, false}} {
				if !v.all && !thorough {
					continue
				}
				want := refDiff(t, db, a, b, v.json, v.c, v.ids)
				seen.WriteString(want)
				for _, limit := range []int{0, 1} {
					if limit == 1 && !thorough {
						continue
					}
					if got := streamedDiff(t, db, a, b, v.json, v.c, v.ids, limit); got != want {
						t.Errorf("diff %d %d (%s, spool limit %d) differs from the whole-in-memory diff:\n%s", a, b, v.name, limit, firstDifference(got, want))
					}
				}
			}
		}
	}
	// The fixture shows everything it is meant to.
	all := seen.String()
	for _, want := range []string{"CHANGED ARTICLES", "NEW ARTICLES", "REMOVED ARTICLES", "NOT EXTRACTED", "RE-STORED, NO FACT CHANGED",
		"empty", "unsupported_language", "failed in run", "missing.txt", "[UNGROUNDED", "[IMPLAUSIBLE", "no deal in it",
		"amount: $38B → $48B", "status: announced → agreed", `"change":"removed"`, `"change":"added"`, `"field":"parties"`,
		"DEALS:", "conflicted", "resolved", "current_moved", `"scope":"reconciled_deal","deal":"microsoft+openai`, "schema 1 → 2", "backward"} {
		if !strings.Contains(all, want) {
			t.Errorf("no diff of the fixture shows %q", want)
		}
	}
	if entries, _ := os.ReadDir(os.Getenv("TMPDIR")); len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// firstDifference shows where two outputs part.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-200)
	return fmt.Sprintf("from byte %d\n--- got:\n%s\n--- want:\n%s", i, got[from:min(len(got), i+200)], want[from:min(len(want), i+200)])
}

// "dealwatch diff" to a file (the output streams through a spool file)
// writes what the whole-in-memory diff wrote.
func TestDiffCommandStreamsAsWhole(t *testing.T) {
	path, last := diffStreamFixture(t)
	for _, args := range [][]string{{}, {"--json"}, {"--ids"}, {"0", fmt.Sprint(last)}, {fmt.Sprint(last), "1", "--json"}, {"2", "4"}, {"4", "2", "--ids"}} {
		out, err := os.CreateTemp(t.TempDir(), "out")
		if err != nil {
			t.Fatal(err)
		}
		var errb bytes.Buffer
		env := &Env{Stdout: out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
		if code := Main(context.Background(), env, append([]string{"diff", "--db", path}, args...)); code != 0 {
			t.Fatalf("diff %v: exit %d: %s", args, code, errb.String())
		}
		out.Close()
		got, _ := os.ReadFile(out.Name())

		db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
		if err != nil {
			t.Fatal(err)
		}
		runs, _ := db.Runs()
		var ids []uint64
		json, showIDs := false, false
		for _, a := range args {
			switch a {
			case "--json":
				json = true
			case "--ids":
				showIDs = true
			default:
				var n uint64
				fmt.Sscan(a, &n)
				ids = append(ids, n)
			}
		}
		a, b, err := pickRuns(runs, ids)
		if err != nil {
			t.Fatal(err)
		}
		want := refDiff(t, db, a, b, json, termColours{}, showIDs)
		db.Close()
		if string(got) != want {
			t.Errorf("diff %v differs from the whole-in-memory diff:\n%s", args, firstDifference(string(got), want))
		}
	}
}

// A spool that cannot get its temporary file, or whose file fails, says
// what happened and what to do; nothing is left behind.
func TestDiffSpoolErrors(t *testing.T) {
	path, last := diffStreamFixture(t)
	db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	runs, err := db.Runs()
	if err != nil {
		t.Fatal(err)
	}
	// No folder for temporary files.
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "gone"))
	for _, json := range []bool{false, true} {
		var buf bytes.Buffer
		var w diffWriter
		if json {
			j := newDiffJSONWriter(&buf)
			j.body.limit = 1
			w = j
		} else {
			x := newDiffText(&buf, termColours{}, false)
			x.sections[secNew].limit = 1
			w = x
		}
		err := writeDiff(context.Background(), db, runsByID(runs), 0, last, w, false)
		if err == nil || !strings.Contains(err.Error(), "temporary file") || !strings.Contains(err.Error(), "TMPDIR") {
			t.Errorf("diff --json=%v without a temporary folder: %v; want an error naming the temporary file and TMPDIR", json, err)
		}
	}
	// A file that fails once written to (a full disk).
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	var s sectionSpool
	s.limit = 1
	if _, err := s.Write([]byte("first section line\n")); err != nil {
		t.Fatal(err)
	}
	s.file.Close() // writes fail from now on
	if _, err := s.Write(bytes.Repeat([]byte("x"), 128<<10)); err == nil || !strings.Contains(err.Error(), "free space") {
		t.Errorf("write to a failing spool = %v, want an error saying to free space", err)
	}
	if err := s.writeTo(&bytes.Buffer{}); err == nil {
		t.Error("a failed spool copied out without an error")
	}
	s.close()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// The article pass gives the articles in key order whatever the number
// of workers, and stops at the first error of fn, or when its context
// ends, without leaving a goroutine behind.
func TestEachArticleDiffOrderAndErrors(t *testing.T) {
	path, last := diffStreamFixture(t)
	db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var want []string
	if err := db.EachChanged(0, last, func(p store.Pair) error { want = append(want, p.Key); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(want) < 10 {
		t.Fatalf("fixture has %d changed articles, want 10 or more", len(want))
	}
	before := runtime.NumGoroutine()
	for _, procs := range []int{1, 2, 4, 8} {
		prev := runtime.GOMAXPROCS(procs)
		var got []string
		err := eachArticleDiff(context.Background(), db, 0, last, false, func(c *comparedArticle) error {
			got = append(got, c.ad.Rec.Article.File)
			return nil
		})
		if err != nil || strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("GOMAXPROCS %d: articles %q, %v; want %q", procs, got, err, want)
		}
		stop := errors.New("stop")
		n := 0
		err = eachArticleDiff(context.Background(), db, 0, last, false, func(*comparedArticle) error {
			if n++; n == 3 {
				return stop
			}
			return nil
		})
		if err != stop || n != 3 {
			t.Errorf("GOMAXPROCS %d: fn failing at the third article: %v after %d calls, want stop after 3", procs, err, n)
		}
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := eachArticleDiff(ctx, db, 0, last, false, func(*comparedArticle) error { return nil }); !errors.Is(err, context.Canceled) {
			t.Errorf("GOMAXPROCS %d: canceled pass = %v, want context.Canceled", procs, err)
		}
		runtime.GOMAXPROCS(prev)
	}
	for i := 0; runtime.NumGoroutine() > before && i < 100; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the passes, %d before", n, before)
	}
}

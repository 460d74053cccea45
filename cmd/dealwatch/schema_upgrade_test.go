package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
)

// A store written by the schema-1 build (testdata/v1store) opens with
// this build: its results read as schema 2, the reading commands work,
// and a run over the same corpus stores new versions whose cause is the
// schema change.
func TestV1StoreUpgrade(t *testing.T) {
	repoRoot(t)
	src, err := os.ReadFile(filepath.Join("cmd", "dealwatch", "testdata", "v1store", "dealwatch-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "v1.db")
	if err := os.WriteFile(db, src, 0o644); err != nil {
		t.Fatal(err)
	}
	const article = "sha256:e1700a56e257c652" // testdata/corpus/001_edc98d162f4fd3bb.txt
	out, errOut, code := runCLI(t, nil, "show", "--db", db, "--json", article)
	if code != 0 {
		t.Fatalf("show on a v1 store: exit %d: %s", code, errOut)
	}
	rs := jsonLines(t, extracttest.ArticleResult, out)
	if len(rs) != 1 || len(rs[0].Deals) == 0 {
		t.Fatalf("show --json: %d results, want 1 with deals:\n%s", len(rs), out)
	}
	for i, d := range rs[0].Deals {
		if d.Confirmation == "" || d.Mention == "" {
			t.Errorf("deal %d read from v1: confirmation %q mention %q, want both set", i, d.Confirmation, d.Mention)
		}
		if d.Status == extract.DealReportedV1 || d.Status == extract.DealPredictedV1 {
			t.Errorf("deal %d read from v1 keeps the schema-1 status %q", i, d.Status)
		}
	}
	for _, args := range [][]string{{"deals", "--db", db}, {"runs", "--db", db}, {"history", "--db", db, article}} {
		if _, errOut, code := runCLI(t, nil, args...); code != 0 {
			t.Errorf("%v on a v1 store: exit %d: %s", args, code, errOut)
		}
	}
	// The fixture's sources are the paths of the machine that wrote it,
	// so this run stores the corpus as new articles next to the v1 ones;
	// store.Cause's test covers "schema changed" for the same source.
	if _, errOut, code := runCLI(t, nil, "run", "--db", db, "testdata/corpus"); code != 0 {
		t.Fatalf("run on a v1 store: exit %d: %s", code, errOut)
	}
	out, errOut, code = runCLI(t, nil, "diff", "--db", db)
	if code != 0 {
		t.Fatalf("diff across the upgrade: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "run 1") || !strings.Contains(out, "run 2") {
		t.Errorf("diff across the upgrade does not name both runs:\n%s", out)
	}
}

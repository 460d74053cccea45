package main

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
)

// snapshotCommands are the read commands whose output must not depend on
// whether the deals come from the snapshot or are reconciled again.
func snapshotCommands(path string, runs ...string) [][]string {
	cmds := [][]string{
		{"deals", "--db", path},
		{"deals", "--db", path, "--json"},
		{"history", "--db", path, "amazon+openai/compute_contract"},
		{"history", "--db", path, "amazon+openai/inv"},
		{"history", "--db", path, "openai+oracle"},
		{"history", "--db", path, "openai/compute_contract"}, // only ungrounded facts: not found
		{"history", "--db", path, "amazon+openai"},           // ambiguous
		{"history", "--db", path, "nvidia+openai/compute_contract"},
	}
	for _, r := range runs {
		a, b, _ := strings.Cut(r, " ")
		cmds = append(cmds, []string{"diff", "--db", path, a, b}, []string{"diff", "--db", path, a, b, "--json"})
	}
	return cmds
}

func captureCommands(t *testing.T, cmds [][]string) []string {
	t.Helper()
	var out []string
	for _, args := range cmds {
		o, e, code := runCLI(t, nil, args...)
		out = append(out, o+"\n--stderr--\n"+e+"\n--exit--\n"+string(rune('0'+code)))
	}
	return out
}

func sameOutputs(t *testing.T, what string, cmds [][]string, want, got []string) {
	t.Helper()
	for i := range cmds {
		if want[i] != got[i] {
			t.Errorf("%s: %v differs\nreconciled:\n%s\nsnapshot:\n%s", what, cmds[i], want[i], got[i])
		}
	}
}

// TestDealSnapshotSameOutput: deals, history DEAL_ID and diff print the
// same bytes from the snapshot a run stores as from reconciling every
// result, and fall back to reconciling when the snapshot is stale.
func TestDealSnapshotSameOutput(t *testing.T) {
	path := dealsFixture(t) // run 1, stored without a snapshot
	open := func() *store.DB {
		// The reconciler the CLI opens with, so it uses the snapshot.
		db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	cmds := snapshotCommands(path, "0 1")
	reconciled := captureCommands(t, cmds)

	db := open()
	n, review, err := snapshotDeals(db, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := db.LatestDealBriefs(); !ok || n != 5 || review != 2 {
		t.Fatalf("after snapshotDeals: current %v, %d deals, %d need review; want current, 5, 2", ok, n, review)
	}
	db.Close()
	sameOutputs(t, "run 1", cmds, reconciled, captureCommands(t, cmds))
	// Another dealwatch (another reconciler) uses the snapshot as it is
	// and can tell whose it is; its next run reconciles everything.
	other, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: "dealwatch 9.9"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := other.LatestDealBriefs(); !ok {
		t.Error("a snapshot written by another reconciler was not used")
	}
	if _, ok, _ := other.DealBriefsAt(1); !ok {
		t.Error("briefs written by another reconciler were not used")
	}
	if by, same, err := other.SnapshotBy(); err != nil || same || by != reconcilerID() {
		t.Errorf("SnapshotBy() = %q, %v, %v; want %q, false", by, same, err, reconcilerID())
	}
	other.Close()

	// Run 2 revises the Oracle deal to a total: the snapshot of run 1 is
	// stale, so the commands reconcile (diff 1 2 too: run 2 has none).
	db = open()
	run2, err := db.BeginRun(store.RunInfo{Backend: "test"})
	if err != nil {
		t.Fatal(err)
	}
	oracle := &extract.ArticleResult{
		SchemaVersion: extract.SchemaVersion, Status: extract.StatusOK,
		Article:   extract.ArticleInfo{ID: "sha256:0102779e2f349014", Source: "corpus/0102779e.txt", Published: extract.StrPtr("2026-05"), Lang: "it", LangConfidence: 1},
		Extractor: extract.ExtractorInfo{Backend: "test"},
		Deals: []extract.Deal{{Kind: extract.KindCompute, Status: extract.DealAgreed, Grounded: true, Confidence: 0.9,
			Amount:   &extract.Money{Value: figures.MustDecimal("300e9"), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: "300 miliardi"},
			Parties:  []extract.Party{{Name: "Oracle", Role: extract.RoleSeller, Mention: "Oracle"}, {Name: "OpenAI", Role: extract.RoleBuyer, Mention: "OpenAI"}},
			Evidence: extract.Span{Text: "un contratto da 300 miliardi in cinque anni", Start: 10, End: 53}}},
	}
	if _, err := db.SaveBatch(run2.ID, []store.Record{{Key: "/corpus/sha256:0102779e2f349013", Result: oracle}}); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(run2.ID, store.RunComplete, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, ok, _ := db.LatestDealBriefs(); ok {
		t.Fatal("the snapshot of run 1 is current after run 2 stored a version")
	}
	db.Close()
	cmds = snapshotCommands(path, "0 1", "1 2", "0 2")
	reconciled = captureCommands(t, cmds)
	if !strings.Contains(reconciled[len(reconciled)-4], "openai+oracle/compute_contract") {
		t.Fatalf("diff 1 2 does not show the Oracle deal changing:\n%s", reconciled[len(reconciled)-4])
	}
	db = open()
	if _, _, err := snapshotDeals(db, run2.ID); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sameOutputs(t, "run 2", cmds, reconciled, captureCommands(t, cmds))

	// Run 3 stores nothing new: its deals are carried over and diff 2 3
	// says so.
	db = open()
	run3, err := db.BeginRun(store.RunInfo{Backend: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := db.CarryDeals(run3.ID); !ok || err != nil {
		t.Fatalf("CarryDeals(run 3) = %v, %v", ok, err)
	}
	if err := db.FinishRun(run3.ID, store.RunComplete, ""); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, _, code := runCLI(t, nil, "diff", "--db", path)
	if code != 0 || !strings.Contains(out, "deals: no change") || !strings.Contains(out, "no article changed") {
		t.Errorf("diff after a run that changed nothing (exit %d):\n%s", code, out)
	}
}

// TestRunStoresDealSnapshot: "run" stores the deals at its end (the
// summary counts them) and a re-run that stores nothing carries them.
func TestRunStoresDealSnapshot(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	run := doRun(t, db, &fakeExtractor{}, "fp", false, dir)
	briefs, snapRun, ok, err := db.LatestDealBriefs()
	if err != nil || !ok || snapRun != run.ID || len(briefs) == 0 {
		t.Fatalf("after run %d: LatestDealBriefs = %d briefs of run %d, %v, %v", run.ID, len(briefs), snapRun, ok, err)
	}
	again := doRun(t, db, &fakeExtractor{}, "fp", false, dir)
	if again.Counts.NewVersions != 0 {
		t.Fatalf("re-run stored %d versions", again.Counts.NewVersions)
	}
	b2, ok, err := db.DealBriefsAt(again.ID)
	if err != nil || !ok || len(b2) != len(briefs) {
		t.Errorf("re-run's deals = %d, %v, %v; want the %d carried over", len(b2), ok, err, len(briefs))
	}
}

// TestTrimSharedConflicts: trimming the conflicts both sides share does
// not change what CompareReconciled reports.
func TestTrimSharedConflicts(t *testing.T) {
	c := func(field, note string) extract.Conflict {
		return extract.Conflict{Field: extract.ConflictField(field), Note: note}
	}
	tests := []struct {
		name          string
		before, after []extract.Conflict
	}{
		{"same conflicts", []extract.Conflict{c("amount", "x"), c("status", "y")}, []extract.Conflict{c("status", "y"), c("amount", "x")}},
		{"one new", []extract.Conflict{c("amount", "x")}, []extract.Conflict{c("amount", "x"), c("amount", "z"), c("amount", "x")}},
		{"all new", []extract.Conflict{c("amount", "x")}, []extract.Conflict{c("period", "x"), c("amount", "w")}},
		{"resolved", []extract.Conflict{c("amount", "x")}, nil},
		{"conflicted", nil, []extract.Conflict{c("amount", "x")}},
		{"fewer", []extract.Conflict{c("amount", "x"), c("amount", "y")}, []extract.Conflict{c("amount", "y")}},
		{"same field other note", []extract.Conflict{c("amount", "x")}, []extract.Conflict{c("amount", "y")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mk := func(cs []extract.Conflict) []extract.ReconciledDeal {
				return []extract.ReconciledDeal{
					{ID: "a+b/investment", Conflicts: append([]extract.Conflict(nil), cs...)},
					{ID: "c+d/investment", Conflicts: append([]extract.Conflict(nil), cs...)},
				}
			}
			want := reconcile.CompareReconciled(mk(tt.before), mk(tt.after))
			before, after := mk(tt.before), mk(tt.after)
			trimSharedConflicts(before, after)
			if got := reconcile.CompareReconciled(before, after); !reflect.DeepEqual(got, want) {
				t.Errorf("after trimming: %+v\nwant %+v", got, want)
			}
		})
	}
}

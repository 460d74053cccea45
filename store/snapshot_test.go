package store

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// snapshotResults are three articles on one deal (the third with a
// figure that conflicts) and an ungrounded fact.
func snapshotResults() []extract.ArticleResult {
	pub := func(r extract.ArticleResult, date string) extract.ArticleResult {
		r.Article.Published = extract.StrPtr(date)
		return r
	}
	ungrounded := deal(extract.KindInvestment, extract.DealAnnounced, money(5, 9, "USD"), "Nvidia", "OpenAI")
	ungrounded.Grounded = false
	b := deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon")
	b.Evidence = extract.Span{Text: "OpenAI signs a $38 billion deal with AWS.", Start: 10, End: 51}
	return []extract.ArticleResult{
		pub(result("/c/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAnnounced, money(38, 9, "USD"), "OpenAI", "Amazon")), "2025-11-03"),
		pub(result("/c/b.txt", "sha256:bbbb", b, ungrounded), "2025-11-04"),
		pub(result("/c/c.txt", "sha256:cccc", deal(extract.KindCompute, extract.DealAgreed, money(83, 9, "USD"), "OpenAI", "Amazon")), "2025-12-01"),
	}
}

func TestPutDealsRoundTrip(t *testing.T) {
	db := mustOpenDB(t)
	rs := snapshotResults()
	run, _ := runOnce(t, db, rs...)
	deals, unverified := reconcile.Reconcile(rs), reconcile.Unverified(rs)
	if len(deals) != 1 || len(deals[0].Conflicts) == 0 || len(unverified) != 1 {
		t.Fatalf("fixture: %d deals (want 1 with a conflict), %d unverified (want 1)", len(deals), len(unverified))
	}
	if err := db.PutDeals(run.ID, deals, unverified); err != nil {
		t.Fatal(err)
	}

	briefs, snapRun, ok, err := db.LatestDealBriefs()
	if err != nil || !ok || snapRun != run.ID || len(briefs) != 1 {
		t.Fatalf("LatestDealBriefs = %d briefs, run %d, %v, %v; want 1 of run %d", len(briefs), snapRun, ok, err, run.ID)
	}
	if want := Brief(&deals[0]); !reflect.DeepEqual(briefs[0], want) {
		t.Errorf("brief = %+v\nwant %+v", briefs[0], want)
	}
	if briefs[0].Sources != 3 || briefs[0].Review != extract.ReviewNeeded {
		t.Errorf("brief sources %d, review %q; want 3 and needed", briefs[0].Sources, briefs[0].Review)
	}

	// The full deal comes back with the fields its JSON leaves out, and
	// marshals to the same line.
	got, gotUnv, ok, err := db.LatestDeal(deals[0].ID)
	if err != nil || !ok {
		t.Fatalf("LatestDeal = %v, %v", ok, err)
	}
	wantLine, _ := MarshalDealLine(&deals[0])
	gotLine, _ := MarshalDealLine(&got)
	if string(gotLine) != string(wantLine) {
		t.Errorf("deal line\n got %s\nwant %s", gotLine, wantLine)
	}
	for i, h := range deals[0].History {
		g := got.History[i]
		if g.Source != h.Source || g.Note != h.Note || !reflect.DeepEqual(g.Evidence, h.Evidence) {
			t.Errorf("history[%d] = source %q note %q evidence %+v; want %q %q %+v", i, g.Source, g.Note, g.Evidence, h.Source, h.Note, h.Evidence)
		}
	}
	if got.Conflicts[0].Cause != deals[0].Conflicts[0].Cause || got.Conflicts[0].Cause == "" {
		t.Errorf("conflict cause = %q, want %q", got.Conflicts[0].Cause, deals[0].Conflicts[0].Cause)
	}
	if !reflect.DeepEqual(gotUnv, []extract.UnverifiedFact(nil)) {
		t.Errorf("unverified facts of %s = %+v, want none (the ungrounded fact is another deal)", deals[0].ID, gotUnv)
	}
	all, ok, err := db.LatestUnverified()
	gotJSON, _ := json.Marshal(all)
	wantJSON, _ := json.Marshal(unverified)
	if err != nil || !ok || string(gotJSON) != string(wantJSON) {
		t.Errorf("LatestUnverified = %s, %v, %v\nwant %s", gotJSON, ok, err, wantJSON)
	}
	var lines []string
	if ok, err := db.EachLatestDealLine(func(l []byte) error { lines = append(lines, string(l)); return nil }); err != nil || !ok {
		t.Fatalf("EachLatestDealLine = %v, %v", ok, err)
	}
	if len(lines) != 1 || lines[0] != string(wantLine) {
		t.Errorf("deal lines = %q, want [%s]", lines, wantLine)
	}
	if _, _, _, err := db.LatestDeal("nobody/none"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LatestDeal(unknown) = %v, want ErrNotFound", err)
	}

	// A reader whose reconciler differs (another dealwatch) ignores the
	// snapshot; one with the same reconciler uses it.
	for _, tt := range []struct {
		reconciler string
		want       bool
	}{{"", true}, {"dealwatch 9.9", false}} {
		ro, err := Open(db.Path(), &Options{ReadOnly: true, Reconciler: tt.reconciler})
		if err != nil {
			t.Fatal(err)
		}
		_, _, ok1, _ := ro.LatestDealBriefs()
		_, ok2, _ := ro.DealBriefsAt(run.ID)
		ok3, _ := ro.EachLatestDealLine(func([]byte) error { return nil })
		_, _, ok4, _ := ro.ChangedDealBriefs(0, run.ID)
		ro.Close()
		if ok1 != tt.want || ok2 != tt.want || ok3 != tt.want || ok4 != tt.want {
			t.Errorf("reader with reconciler %q: snapshot used %v %v %v %v, want %v", tt.reconciler, ok1, ok2, ok3, ok4, tt.want)
		}
	}
}

// TestDealSnapshotCurrency: a snapshot answers only while no later run
// wrote a version; a run that wrote nothing carries it over; briefs stay
// per run for diff.
func TestDealSnapshotCurrency(t *testing.T) {
	db := mustOpenDB(t)
	rs := snapshotResults()
	r1, _ := runOnce(t, db, rs[:2]...)
	if _, _, ok, err := db.LatestDealBriefs(); ok || err != nil {
		t.Fatalf("no snapshot yet: LatestDealBriefs ok = %v, %v; want false", ok, err)
	}
	if ok, err := db.CarryDeals(r1.ID); ok || err != nil {
		t.Fatalf("CarryDeals with no snapshot = %v, %v; want false", ok, err)
	}
	if err := db.PutDeals(r1.ID, reconcile.Reconcile(rs[:2]), reconcile.Unverified(rs[:2])); err != nil {
		t.Fatal(err)
	}

	// Run 2 changes nothing: the snapshot is carried over.
	r2, _ := runOnce(t, db, rs[:2]...)
	if ok, err := db.CarryDeals(r2.ID); !ok || err != nil {
		t.Fatalf("CarryDeals after a run that wrote nothing = %v, %v; want true", ok, err)
	}
	b1, ok1, _ := db.DealBriefsAt(r1.ID)
	b2, ok2, _ := db.DealBriefsAt(r2.ID)
	if !ok1 || !ok2 || !reflect.DeepEqual(b1, b2) || len(b1) != 1 {
		t.Errorf("briefs of runs 1 and 2 = %v %+v, %v %+v; want the same deal", ok1, b1, ok2, b2)
	}
	if before, after, ok, err := db.ChangedDealBriefs(r1.ID, r2.ID); !ok || err != nil || len(before)+len(after) != 0 {
		t.Errorf("ChangedDealBriefs(1, 2) = %+v %+v %v %v; want nothing changed", before, after, ok, err)
	}

	// Run 3 stores a new article: the snapshot of run 2 is stale.
	r3, _ := runOnce(t, db, rs...)
	if _, _, ok, err := db.LatestDealBriefs(); ok || err != nil {
		t.Errorf("after a run that wrote a version: LatestDealBriefs ok = %v, %v; want false (stale)", ok, err)
	}
	if ok, err := db.EachLatestDealLine(func([]byte) error { t.Error("stale snapshot read"); return nil }); ok || err != nil {
		t.Errorf("EachLatestDealLine on a stale snapshot = %v, %v", ok, err)
	}
	if _, _, ok, _ := db.LatestDeal("amazon+openai/compute_contract"); ok {
		t.Error("LatestDeal read a stale snapshot")
	}
	if _, ok, _ := db.DealBriefsAt(r3.ID); ok {
		t.Error("run 3 has briefs before PutDeals")
	}
	if _, _, ok, _ := db.ChangedDealBriefs(r2.ID, r3.ID); ok {
		t.Error("ChangedDealBriefs with a run without snapshot reported ok")
	}
	if ok, err := db.CarryDeals(r3.ID); ok || err != nil {
		t.Errorf("CarryDeals after a run that wrote a version = %v, %v; want false", ok, err)
	}
	if err := db.PutDeals(r3.ID, reconcile.Reconcile(rs), reconcile.Unverified(rs)); err != nil {
		t.Fatal(err)
	}
	briefs, run, ok, err := db.LatestDealBriefs()
	if !ok || err != nil || run != r3.ID || len(briefs[0].Conflicts) == 0 {
		t.Errorf("LatestDealBriefs after run 3 = run %d, %v, %v, %+v; want run 3 with a conflict", run, ok, err, briefs)
	}
	before, after, ok, err := db.ChangedDealBriefs(r2.ID, r3.ID)
	if !ok || err != nil || len(before) != 1 || len(after) != 1 || len(before[0].Conflicts) != 0 || len(after[0].Conflicts) == 0 {
		t.Errorf("ChangedDealBriefs(2, 3) = %+v → %+v, %v, %v; want the deal before without and after with a conflict", before, after, ok, err)
	}
	if _, after, ok, _ := db.ChangedDealBriefs(0, r3.ID); !ok || len(after) != 1 {
		t.Errorf("ChangedDealBriefs(0, 3) = %+v, %v; want the deal added", after, ok)
	}
	// Run 2's briefs are kept for diff.
	if b, ok, _ := db.DealBriefsAt(r2.ID); !ok || !reflect.DeepEqual(b, b2) {
		t.Errorf("briefs of run 2 after run 3's snapshot = %+v, %v", b, ok)
	}
	if err := db.PutDeals(99, nil, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("PutDeals for an unknown run = %v, want ErrNotFound", err)
	}
}

// BenchmarkLatestDealLines reads a 2,000-deal snapshot the way "deals
// --json" does; BenchmarkReconcileLatest is the fallback it replaces.
func BenchmarkLatestDealLines(b *testing.B) {
	db, rs := benchSnapshotStore(b)
	b.ResetTimer()
	deals := 0
	for i := 0; i < b.N; i++ {
		deals = 0
		if ok, err := db.EachLatestDealLine(func(l []byte) error { deals++; return nil }); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
	b.ReportMetric(float64(len(rs)), "articles")
	b.ReportMetric(float64(deals), "deals")
}

func BenchmarkReconcileLatest(b *testing.B) {
	db, rs := benchSnapshotStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		latest, err := db.Latest()
		if err != nil {
			b.Fatal(err)
		}
		_ = reconcile.Reconcile(latest)
	}
	b.ReportMetric(float64(len(rs)), "articles")
}

// benchSnapshotStore stores 4,000 articles on 2,000 deals (two sources
// each) with their snapshot.
func benchSnapshotStore(b *testing.B) (*DB, []extract.ArticleResult) {
	b.Helper()
	db := mustOpenDB(b)
	var rs []extract.ArticleResult
	for i := 0; i < 4000; i++ {
		party := "Company" + string(rune('A'+i/2%26)) + string(rune('a'+i/2/26%26)) + string(rune('a'+i/2/676))
		d := deal(extract.KindCompute, extract.DealAgreed, money(int64(10+i/2%90), 9, "USD"), "OpenAI", party)
		rs = append(rs, result("/bench/"+string(rune('a'+i%26))+party, "sha256:"+party+string(rune('0'+i%2)), d))
	}
	run, err := db.BeginRun(RunInfo{Backend: "rules"})
	if err != nil {
		b.Fatal(err)
	}
	for start := 0; start < len(rs); start += 500 {
		var recs []Record
		for _, r := range rs[start:min(start+500, len(rs))] {
			recs = append(recs, rec(r))
		}
		if _, err := db.SaveBatch(run.ID, recs); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.PutDeals(run.ID, reconcile.Reconcile(rs), reconcile.Unverified(rs)); err != nil {
		b.Fatal(err)
	}
	if err := db.FinishRun(run.ID, RunComplete, ""); err != nil {
		b.Fatal(err)
	}
	return db, rs
}

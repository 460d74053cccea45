package store

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// conflictedDeal reconciles three articles about one deal: 38B, then a
// contradicting 48B with no revision stated.
func conflictedDeal(t *testing.T, extra ...extract.ArticleResult) extract.ReconciledDeal {
	t.Helper()
	a := result("/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
	b := result("/b.txt", "sha256:bbbb", deal(extract.KindCompute, extract.DealAgreed, money(48, 9, "USD"), "OpenAI", "Amazon"))
	a.Article.Published, b.Article.Published = extract.Ptr("2025-11-03"), extract.Ptr("2025-11-04")
	ds := reconcile.Reconcile(append([]extract.ArticleResult{a, b}, extra...))
	if len(ds) != 1 || len(ds[0].Conflicts) == 0 {
		t.Fatalf("fixture: want one conflicted deal, got %+v", ds)
	}
	return ds[0]
}

func TestDecideAndApply(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	d := conflictedDeal(t)
	if _, err := db.Decide(ctx, Decision{Deal: d.ID, Action: Resolve}); !errors.Is(err, ErrBadDecision) {
		t.Fatalf("resolve without a value: %v, want ErrBadDecision", err)
	}
	c := d.Conflicts[0]
	var chosen json.RawMessage
	for i, a := range c.Articles {
		if a == "sha256:bbbb" {
			chosen, _ = json.Marshal(c.Values[i])
		}
	}
	dec, err := db.Decide(ctx, Decision{Deal: "AMAZON+OpenAI/compute_contract", Action: Resolve, Field: c.Field,
		Value: chosen, Article: "sha256:bbbb", By: "ann", Note: "the filing says 48", Evidence: EvidenceOf(&d)})
	if err != nil {
		t.Fatal(err)
	}
	if dec.Seq != 1 || dec.Deal != d.ID || dec.Fingerprint != Fingerprint(&d) {
		t.Errorf("stored %+v", dec)
	}
	got, err := db.Decisions(d.ID)
	if err != nil || len(got) != 1 || got[0].Note != "the filing says 48" {
		t.Fatalf("Decisions = %+v, %v", got, err)
	}

	applied := d
	r := ApplyDecisions(&applied, got)
	if r.State != StateResolved || applied.Review != extract.ReviewNone || len(OpenConflicts(&applied)) != 0 || applied.Conflicts[0].Resolution != extract.ResolutionResolved {
		t.Errorf("after resolve: state %s review %s conflicts %+v", r.State, applied.Review, applied.Conflicts)
	}
	if applied.Current.Reason != extract.ReasonResolvedByReviewer {
		t.Errorf("current reason after resolve = %q", applied.Current.Reason)
	}
	if extract.FormatMoney(applied.Current.Amount) != "$48B" || applied.Current.Article != "sha256:bbbb" {
		t.Errorf("current after resolve = %s from %s, want $48B from sha256:bbbb", extract.FormatMoney(applied.Current.Amount), applied.Current.Article)
	}

	// The same deal reconciled again (another run, same evidence): the
	// decision holds.
	again := conflictedDeal(t)
	if r := ApplyDecisions(&again, got); r.State != StateResolved {
		t.Errorf("same evidence: state %s", r.State)
	}
	// A new article with a third figure: back in the queue, the
	// decision shown as earlier.
	c3 := result("/c.txt", "sha256:cccc", deal(extract.KindCompute, extract.DealAgreed, money(58, 9, "USD"), "OpenAI", "Amazon"))
	c3.Article.Published = extract.Ptr("2025-11-05")
	changed := conflictedDeal(t, c3)
	r = ApplyDecisions(&changed, got)
	if r.State != StateChanged || !r.State.InQueue() || len(r.Earlier) != 1 || changed.Review != extract.ReviewNeeded {
		t.Errorf("new contradicting article: state %s earlier %d review %s", r.State, len(r.Earlier), changed.Review)
	}
	// An article that agrees does not reopen it.
	c4 := result("/d.txt", "sha256:dddd", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
	same := conflictedDeal(t, c4)
	if r := ApplyDecisions(&same, got); r.State.InQueue() {
		t.Errorf("agreeing article: state %s, want it out of the queue", r.State)
	}

	// Reopen puts it back; reject of an article drops its side.
	if _, err := db.Decide(ctx, Decision{Deal: d.ID, Action: Reopen, By: "bob"}); err != nil {
		t.Fatal(err)
	}
	all, _ := db.Decisions(d.ID)
	reo := d
	if r := ApplyDecisions(&reo, all); r.State != StateOpen || len(r.Earlier) != 1 {
		t.Errorf("after reopen: state %s earlier %d", r.State, len(r.Earlier))
	}
	if _, err := db.Decide(ctx, Decision{Deal: d.ID, Action: Reject, Article: "sha256:bbbb", By: "bob", Evidence: EvidenceOf(&d)}); err != nil {
		t.Fatal(err)
	}
	all, _ = db.Decisions(d.ID)
	rej := d
	r = ApplyDecisions(&rej, all)
	if r.State.InQueue() || len(rej.Conflicts) != 0 || len(r.Rejected) != 1 || rej.Sources() != 1 {
		t.Errorf("after reject: state %s conflicts %d rejected %d sources %d", r.State, len(rej.Conflicts), len(r.Rejected), rej.Sources())
	}
	if extract.FormatMoney(rej.Current.Amount) != "$38B" {
		t.Errorf("current after reject = %s", extract.FormatMoney(rej.Current.Amount))
	}
	log, err := db.DecisionLog()
	if err != nil || len(log) != 3 || log[0].Action != Resolve || log[2].Action != Reject {
		t.Errorf("DecisionLog = %+v, %v", log, err)
	}
}

func TestDecisionsSurviveReopenReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := Open(path, &Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	d := conflictedDeal(t)
	if _, err := db.Decide(context.Background(), Decision{Deal: d.ID, Action: Dismiss, By: "ann", Evidence: EvidenceOf(&d)}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(path, &Options{ReadOnly: true, Reconciler: "another"})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Check(); err != nil {
		t.Fatal(err)
	}
	got, err := ro.Decisions(d.ID)
	if err != nil || len(got) != 1 {
		t.Fatalf("Decisions after reopen = %v, %v", got, err)
	}
	if r := ApplyDecisions(&d, got); r.State != StateDismissed {
		t.Errorf("state %s, want dismissed", r.State)
	}
	if _, err := ro.Decide(context.Background(), got[0]); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Decide on a read-only store: %v", err)
	}
}

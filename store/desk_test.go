package store

import (
	"context"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

func reconcileAll(rs []extract.ArticleResult) ([]extract.ReconciledDeal, []extract.UnverifiedFact) {
	return reconcile.Reconcile(rs), reconcile.Unverified(rs)
}

// The desk's queue, from the snapshot and from reconciling, shrinks
// when a reviewer dismisses and stays shrunk in a new Desk.
func TestDeskQueue(t *testing.T) {
	ctx := context.Background()
	for _, snapshot := range []bool{false, true} {
		db := mustOpenDB(t)
		a := result("/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
		b := result("/b.txt", "sha256:bbbb", deal(extract.KindCompute, extract.DealAgreed, money(48, 9, "USD"), "OpenAI", "Amazon"))
		a.Article.Published, b.Article.Published = extract.Ptr("2025-11-03"), extract.Ptr("2025-11-04")
		run, _ := runOnce(t, db, a, b)
		if snapshot {
			rs, _ := db.Latest()
			ds, us := reconcileAll(rs)
			if err := db.PutDeals(run.ID, ds, us); err != nil {
				t.Fatal(err)
			}
		}
		desk, err := OpenDesk(db, reconcileAll)
		if err != nil {
			t.Fatal(err)
		}
		items, total, err := desk.Queue(10)
		if err != nil || total != 1 || len(items) != 1 || items[0].State != StateOpen || items[0].Since == "" || len(items[0].Deal.History) == 0 {
			t.Fatalf("snapshot %v: queue = %+v, %d, %v", snapshot, items, total, err)
		}
		raw, _, err := desk.Raw(items[0].Deal.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Decide(ctx, Decision{Deal: raw.ID, Action: Dismiss, By: "ann", Evidence: EvidenceOf(&raw)}); err != nil {
			t.Fatal(err)
		}
		desk, err = OpenDesk(db, reconcileAll)
		if err != nil {
			t.Fatal(err)
		}
		if items, total, err := desk.Queue(10); err != nil || total != 0 || len(items) != 0 {
			t.Errorf("snapshot %v: queue after dismiss = %+v, %d, %v", snapshot, items, total, err)
		}
		_, states, _, err := desk.States()
		if err != nil || states[raw.ID] != StateDismissed {
			t.Errorf("snapshot %v: states = %v, %v", snapshot, states, err)
		}
	}
}

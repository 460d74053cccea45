package store

import (
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

// ArticleListing reads the compact listing while the last run wrote
// it, and the article records otherwise; both give the same articles.
func TestArticleListing(t *testing.T) {
	db := mustOpenDB(t)
	empty := result("/e.txt", "sha256:eeee")
	empty.Status = extract.StatusEmpty
	runOnce(t, db, result("/a.txt", "sha256:aaaa", amzn), empty)
	fresh := func() (ok bool) {
		db.view(func(tx *bolt.Tx) error { ok = freshListing(tx); return nil })
		return ok
	}
	check := func(what string) {
		t.Helper()
		got, err := db.ArticleListing()
		if err != nil || len(got) != 2 {
			t.Fatalf("%s: listing = %+v, %v", what, got, err)
		}
		if a := got[0].Article; a.Key != "/a.txt" || a.Status != extract.StatusOK || a.Deals != 1 || a.Versions != 1 || a.Lang != "en" || a.FirstSeen.IsZero() {
			t.Errorf("%s: /a.txt listed as %+v", what, a)
		}
		if a := got[1].Article; a.Key != "/e.txt" || a.Status != extract.StatusEmpty || a.Deals != 0 {
			t.Errorf("%s: /e.txt listed as %+v", what, a)
		}
	}
	if !fresh() {
		t.Fatal("the listing the run wrote is not fresh")
	}
	check("fresh")
	// A run that wrote no article (as a dealwatch older than the listing
	// would): the records are read.
	run, err := db.BeginRun(RunInfo{Backend: "rules"})
	if err != nil {
		t.Fatal(err)
	}
	db.FinishRun(run.ID, RunComplete, "")
	if fresh() {
		t.Fatal("the listing is fresh after a run that did not write it")
	}
	check("stale")
}

package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

// withStatus returns r with status st (failed: with an error).
func withStatus(r extract.ArticleResult, st extract.Status) extract.ArticleResult {
	r.Status = st
	if st == extract.StatusFailed {
		r.Error = extract.Ptr("read " + r.Article.Source + ": no such file")
	}
	if st != extract.StatusOK {
		r.Deals = nil
	}
	return r
}

// saveRun stores rs in a new run, finished unless killed.
func saveRun(t *testing.T, db *DB, killed bool, rs ...extract.ArticleResult) {
	t.Helper()
	run, err := db.BeginRun(RunInfo{Backend: "rules", Program: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var recs []Record
	for _, r := range rs {
		recs = append(recs, Record{Source: SourceEntry{Size: 10, ModTime: time.Unix(int64(run.ID), 0), Fingerprint: "f"}, Result: &r})
	}
	if _, err := db.SaveBatch(run.ID, recs); err != nil {
		t.Fatal(err)
	}
	if !killed {
		if err := db.FinishRun(run.ID, RunComplete, ""); err != nil {
			t.Fatal(err)
		}
	}
}

// okArticles are n articles with status ok: the other statuses are
// rare among them, as in a real store, so their listings read the index
// (a listing of most articles reads them all in order).
func okArticles(n int) []extract.ArticleResult {
	var out []extract.ArticleResult
	for i := range n {
		out = append(out, result(fmt.Sprintf("/ok%02d.txt", i), fmt.Sprintf("sha256:%04d", i), amzn))
	}
	return out
}

var statusSets = [][]extract.Status{
	{extract.StatusFailed}, {extract.StatusEmpty}, {extract.StatusUnsupported}, {extract.StatusOK},
	{extract.StatusEmpty, extract.StatusUnsupported, extract.StatusFailed},
}

// listings is what "articles --status" lists for each of statusSets,
// as text.
func listings(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	for _, sts := range statusSets {
		got, counts, err := db.ArticleListingOf(sts)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%v (of %v):", sts, counts)
		for _, l := range got {
			fmt.Fprintf(&b, " %s %s v%d %s failed=%v %q run %d;", l.Key, l.Status, l.Versions, l.ID, l.Failed, l.Error, l.FailedRun)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// scannedListings is listings from the article listing and every
// source entry (ArticleListing), without the index.
func scannedListings(t *testing.T, db *DB) string {
	t.Helper()
	var b strings.Builder
	all, err := db.ArticleListing()
	if err != nil {
		t.Fatal(err)
	}
	for _, sts := range statusSets {
		var got []Listed
		counts := map[extract.Status]int{}
		for _, l := range all {
			counts[l.Status]++
			if slices.Contains(sts, l.Status) || (l.Failed && slices.Contains(sts, extract.StatusFailed)) {
				got = append(got, l)
			}
		}
		fmt.Fprintf(&b, "%v (of %v):", sts, counts)
		for _, l := range got {
			fmt.Fprintf(&b, " %s %s v%d %s failed=%v %q run %d;", l.Key, l.Status, l.Versions, l.ID, l.Failed, l.Error, l.FailedRun)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func artIndexFresh(db *DB) (ok bool) {
	db.view(func(tx *bolt.Tx) error { _, ok = freshArtIndex(tx); return nil })
	return ok
}

// sameAsScanned fails t unless the listings read the article index, are
// consistent, and are what the article listing alone gives; it returns
// them.
func sameAsScanned(t *testing.T, db *DB, when string) string {
	t.Helper()
	if !artIndexFresh(db) {
		t.Fatalf("%s: the article index is not used", when)
	}
	if err := db.Check(); err != nil {
		t.Fatalf("%s: check: %v", when, err)
	}
	got, want := listings(t, db), scannedListings(t, db)
	if got != want {
		t.Errorf("%s: with the article index:\n%s\nfrom the listing:\n%s", when, got, want)
	}
	return got
}

// The article index follows every write of a run: new articles of each
// status, a source that failed and then succeeds, a stored article whose
// source then fails, statuses that change on re-run, and a killed run.
func TestArticleIndexFollowsStatuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	db, err := Open(path, &Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	a := result("/a.txt", "sha256:aaaa", amzn)
	e := withStatus(result("/e.txt", "sha256:eeee"), extract.StatusEmpty)
	u := withStatus(result("/u.txt", "sha256:uuuu"), extract.StatusUnsupported)
	f := withStatus(result("/f.txt", "sha256:ffff"), extract.StatusFailed)
	g := result("/g.txt", "sha256:gggg", amzn)
	ok := okArticles(20)
	saveRun(t, db, false, append(ok, a, e, u, f, g)...)
	got := sameAsScanned(t, db, "run 1")
	for _, want := range []string{"[failed] (of map[empty:1 failed:1 ok:22 unsupported_language:1]): /f.txt failed v0 sha256:ffff failed=true \"read /f.txt: no such file\" run 1;\n",
		"[empty] (of map[empty:1 failed:1 ok:22 unsupported_language:1]): /e.txt empty v1"} {
		if !strings.Contains(got, want) {
			t.Errorf("run 1:\n%s\nwant %q in it", got, want)
		}
	}

	// f is read now; g's source fails (its version stays); e and a are
	// edited into another status.
	f2 := result("/f.txt", "sha256:ffff", amzn)
	g2 := withStatus(result("/g.txt", "sha256:gggg"), extract.StatusFailed)
	e2 := result("/e.txt", "sha256:eee2", amzn)
	a2 := withStatus(result("/a.txt", "sha256:aaa2"), extract.StatusEmpty)
	saveRun(t, db, false, append(ok, a2, e2, u, f2, g2)...)
	got = sameAsScanned(t, db, "run 2")
	for _, want := range []string{"[failed] (of map[empty:1 ok:23 unsupported_language:1]): /g.txt ok v1 sha256:gggg failed=true \"read /g.txt: no such file\" run 2;\n",
		"[empty] (of map[empty:1 ok:23 unsupported_language:1]): /a.txt empty v2 sha256:aaa2 failed=false"} {
		if !strings.Contains(got, want) {
			t.Errorf("run 2:\n%s\nwant %q in it", got, want)
		}
	}

	// A run killed after its first batch: u is ok now, g read again.
	saveRun(t, db, true, result("/u.txt", "sha256:uuu2", amzn), result("/g.txt", "sha256:gggg", amzn))
	db.Close()
	db = mustOpenPath(t, path) // marks the run aborted
	got = sameAsScanned(t, db, "killed run")
	if want := "[failed] (of map[empty:1 ok:24]):\n"; !strings.Contains(got, want) {
		t.Errorf("killed run:\n%s\nwant %q in it", got, want)
	}
}

// A store whose article index is missing (a dealwatch without it wrote
// it) or left behind (a later run of one did not keep it) is listed
// from the article listing; the next run rebuilds the index.
func TestArticleIndexFallback(t *testing.T) {
	db := mustOpenDB(t)
	a := result("/a.txt", "sha256:aaaa", amzn)
	e := withStatus(result("/e.txt", "sha256:eeee"), extract.StatusEmpty)
	f := withStatus(result("/f.txt", "sha256:ffff"), extract.StatusFailed)
	saveRun(t, db, false, append(okArticles(20), a, e, f)...)
	want := sameAsScanned(t, db, "run 1")
	for _, c := range []struct {
		name   string
		damage func(tx *bolt.Tx) error
	}{
		{"missing", func(tx *bolt.Tx) error { return tx.DeleteBucket(bucketArtIdx) }},
		{"left behind", func(tx *bolt.Tx) error {
			// A run of a dealwatch without the index, which wrote
			// around it as far as readers trusting it could tell.
			runs := tx.Bucket(bucketRuns)
			id, _ := runs.NextSequence()
			if err := putJSON(runs, u64(id), Run{ID: id, State: RunComplete}); err != nil {
				return err
			}
			if err := tx.Bucket(bucketArtList).Put(keyListRun, u64(id)); err != nil {
				return err
			}
			idx := tx.Bucket(bucketArtIdx)
			if err := idx.Delete([]byte("f/f.txt")); err != nil {
				return err
			}
			return idx.Put(statusKey(extract.StatusOK, "/e.txt"), nil)
		}},
	} {
		rawUpdate(t, db, c.damage)
		if artIndexFresh(db) {
			t.Fatalf("%s: the article index is used", c.name)
		}
		if got := listings(t, db); got != want {
			t.Errorf("%s: listings\n%s\nwant\n%s", c.name, got, want)
		}
		if err := db.Check(); err != nil {
			t.Errorf("%s: check = %v, want nothing (an index readers do not use is not checked)", c.name, err)
		}
		saveRun(t, db, false) // the next run rebuilds it, even one that reads nothing
		if got := sameAsScanned(t, db, c.name+", next run"); got != want {
			t.Errorf("%s, next run: listings\n%s\nwant\n%s", c.name, got, want)
		}
	}
}

// Check reports an article index that disagrees with the listing or
// the sources.
func TestCheckArtIndex(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func(idx *bolt.Bucket) error
		want   string
	}{
		{"status key lost", func(idx *bolt.Bucket) error { return idx.Delete(statusKey(extract.StatusEmpty, "/e.txt")) }, `article "/e.txt" has status "empty" but the article index does not list it`},
		{"failed key lost", func(idx *bolt.Bucket) error { return idx.Delete([]byte("f/f.txt")) }, `source "/f.txt" failed last time but the article index does not say so`},
		{"stray key", func(idx *bolt.Bucket) error { return idx.Put(statusKey(extract.StatusOK, "/e.txt"), nil) }, "names no article with that status"},
		{"listing incomplete", func(idx *bolt.Bucket) error {
			return idx.Tx().Bucket(bucketArtList).Delete([]byte("/e.txt"))
		}, "the article listing has 1 entries for 2 articles"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(t.TempDir()+"/x.db", &Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			saveRun(t, db, false, result("/a.txt", "sha256:aaaa", amzn), withStatus(result("/e.txt", "sha256:eeee"), extract.StatusEmpty),
				withStatus(result("/f.txt", "sha256:ffff"), extract.StatusFailed))
			if err := db.Check(); err != nil {
				t.Fatalf("check before = %v", err)
			}
			rawUpdate(t, db, func(tx *bolt.Tx) error { return c.damage(tx.Bucket(bucketArtIdx)) })
			err = db.Check()
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "dealwatch recover") {
				t.Errorf("check = %v, want %q and the way out", err, c.want)
			}
		})
	}
}

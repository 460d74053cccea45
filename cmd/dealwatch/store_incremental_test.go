package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// TestIncrementalSnapshotSameAsFull: after runs that add articles, edit
// them so deals merge, split and vanish, and change nothing, the
// incrementally kept snapshot holds exactly what reconciling every
// latest result gives.
func TestIncrementalSnapshotSameAsFull(t *testing.T) {
	dir := t.TempDir()
	write := func(i int, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	deal := func(b, s, amount int) string {
		return fmt.Sprintf("DEAL compute_contract agreed Buyer%02d Seller%02d $%d billion\n", b, s, amount)
	}
	for i := 0; i < 150; i++ {
		text := fmt.Sprintf("Article %d\n\n", i) + deal(i%15, i%7, 10+i%4)
		if i%10 == 0 {
			text += deal(i%15, (i+3)%7, 50)
		}
		if i%23 == 0 {
			text = fmt.Sprintf("Article %d: no deal here\n", i)
		}
		write(i, text)
	}
	path := filepath.Join(t.TempDir(), "inc.db")
	db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { db.Close() }()
	run := func() store.Run {
		t.Helper()
		job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 2},
			Inputs: []string{dir}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "test"}
		r, err := job.Do(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if job.DealsErr != nil {
			t.Fatal(job.DealsErr)
		}
		return r
	}
	same := func(when string) { t.Helper(); sameAsFull(t, db, when) }
	r1 := run()
	same("run 1")
	time.Sleep(10 * time.Millisecond)
	// Merge two pairs' articles (a second deal naming both), split a
	// pair (new parties), drop a deal, add articles.
	write(1, "Article 1 edited\n\n"+deal(1, 1, 11)+deal(2, 2, 12))
	write(16, "Article 16 edited\n\n"+deal(14, 6, 99))
	write(31, "Article 31: the deal is gone\n")
	write(46, "Article 46 edited\n\n"+deal(40, 40, 7))
	for i := 150; i < 160; i++ {
		write(i, fmt.Sprintf("Article %d\n\n", i)+deal(i%15, i%7, 20))
	}
	// A deal of another kind with the figure of a stored deal of the
	// same pair (article 47: Buyer02, Seller05, $13 billion): reconcile
	// joins them, so the night must reconcile them together.
	write(160, "Article 160\n\nDEAL chip_supply agreed Buyer02 Seller05 $13 billion\n")
	r2 := run()
	same("run 2")
	if r2.Counts.NewVersions != 15 {
		t.Errorf("run 2 stored %d versions, want 15", r2.Counts.NewVersions)
	}
	before, after, ok, err := db.ChangedDealBriefs(r1.ID, r2.ID)
	if err != nil || !ok || len(before)+len(after) == 0 {
		t.Errorf("ChangedDealBriefs(1, 2) = %d, %d, %v, %v", len(before), len(after), ok, err)
	}
	all1, ok1, _ := db.DealBriefsAt(r1.ID)
	all2, ok2, _ := db.DealBriefsAt(r2.ID)
	if !ok1 || !ok2 || len(all1) == 0 || len(all2) == 0 {
		t.Errorf("DealBriefsAt(1), (2) = %d %v, %d %v", len(all1), ok1, len(all2), ok2)
	}
	r3 := run()
	same("run 3 (nothing changed)")
	if before, after, ok, _ := db.ChangedDealBriefs(r2.ID, r3.ID); !ok || len(before)+len(after) != 0 {
		t.Errorf("ChangedDealBriefs(2, 3) = %d, %d, %v; want no change", len(before), len(after), ok)
	}
	if b3, ok, _ := db.DealBriefsAt(r3.ID); !ok || !reflect.DeepEqual(b3, all2) {
		t.Errorf("DealBriefsAt(3) differs from DealBriefsAt(2)")
	}
	// Another dealwatch reconciles everything again, into the same deals.
	db.Close()
	if db, err = store.Open(path, &store.Options{NoSync: true, Reconciler: "dealwatch 9.9"}); err != nil {
		t.Fatal(err)
	}
	write(2, "Article 2 edited\n\n"+deal(3, 3, 33))
	r4 := run()
	same("run 4 (another reconciler)")
	if before, after, ok, _ := db.ChangedDealBriefs(r3.ID, r4.ID); !ok || len(before)+len(after) == 0 || len(before)+len(after) > 4 {
		t.Errorf("ChangedDealBriefs(3, 4) = %d, %d, %v; want the edited article's deals only", len(before), len(after), ok)
	}
}

// sameAsFull fails t unless db's snapshot (deal lines, unverified facts,
// briefs) is what reconciling every latest result gives, and its
// indexes agree with it (store.Check).
func sameAsFull(t *testing.T, db *store.DB, when string) {
	t.Helper()
	t.Helper()
	results, err := db.Latest()
	if err != nil {
		t.Fatal(err)
	}
	want, wantUnv := reconcileOptions().All(results)
	var wantJSON, got bytes.Buffer
	if err := writeDealsJSON(&wantJSON, want); err != nil {
		t.Fatal(err)
	}
	ok, err := db.EachLatestDealLine(func(line []byte) error {
		got.Write(line)
		got.WriteByte('\n')
		return nil
	})
	if err != nil || !ok {
		t.Fatalf("%s: EachLatestDealLine = %v, %v", when, ok, err)
	}
	if got.String() != wantJSON.String() {
		t.Errorf("%s: snapshot deals differ from a full reconcile:\n%s\nwant\n%s", when, got.String(), wantJSON.String())
	}
	unv, ok, err := db.LatestUnverified()
	if err != nil || !ok {
		t.Fatalf("%s: LatestUnverified = %v, %v", when, ok, err)
	}
	if len(unv) != len(wantUnv) || len(unv) > 0 && !reflect.DeepEqual(unv, wantUnv) {
		t.Errorf("%s: unverified = %+v, want %+v", when, unv, wantUnv)
	}
	briefs, _, ok, err := db.LatestDealBriefs()
	if err != nil || !ok || !reflect.DeepEqual(briefs, briefsOf(want)) {
		t.Errorf("%s: briefs = %v, %v (%d), want %d", when, ok, err, len(briefs), len(want))
	}
	// The review-queue and party indexes follow the briefs.
	if err := db.Check(); err != nil {
		t.Errorf("%s: check: %v", when, err)
	}
}

// briefsOf returns the briefs of deals, as the snapshot stores them.
func briefsOf(deals []extract.ReconciledDeal) []store.DealBrief {
	out := make([]store.DealBrief, len(deals))
	for i := range deals {
		out[i] = store.Brief(&deals[i])
	}
	return out
}

// TestIncrementalSkewedNight: nights whose new and edited articles land
// on a deal with hundreds of sources (rival figures and statuses, so
// conflicts) keep a snapshot that is exactly a full reconcile's; a
// store without reconcile-ready facts (an older dealwatch) gets them on
// its next run; and a night reads the old sources' stored facts, never
// their results: it succeeds with every old result unreadable.
func TestIncrementalSkewedNight(t *testing.T) {
	dir := t.TempDir()
	write := func(i int, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(fmt.Sprintf("Article %d\n\n", i)+text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	statuses := []string{"agreed", "announced", "agreed", "rejected", "completed"}
	deal := func(b, s, i, amount int) string {
		return fmt.Sprintf("DEAL compute_contract %s Buyer%02d Seller%02d $%d billion\n", statuses[i%len(statuses)], b, s, amount)
	}
	for i := 0; i < 300; i++ {
		switch {
		case i%3 != 0:
			write(i, deal(0, 0, i, 10+i%3))
		case i%9 == 0:
			write(i, deal(0, 0, i, 40)+deal(1+i%5, 1, i, 7))
		default:
			write(i, deal(1+i%20, 1+i%9, i, 5+i%4))
		}
	}
	path := filepath.Join(t.TempDir(), "skew.db")
	open := func() *store.DB {
		t.Helper()
		db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	defer func() { db.Close() }()
	run := func() {
		t.Helper()
		job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 2},
			Inputs: []string{dir}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "test"}
		if _, err := job.Do(context.Background()); err != nil {
			t.Fatal(err)
		}
		if job.DealsErr != nil {
			t.Fatal(job.DealsErr)
		}
	}
	incremental := func(when string) {
		t.Helper()
		if b, err := db.DealBase(); err != nil || !b.Incremental {
			t.Errorf("%s: DealBase = %+v, %v; want incremental", when, b, err)
		}
	}
	// edit lets bbolt and the file system see the night's files as new.
	edit := func(f func()) {
		time.Sleep(10 * time.Millisecond)
		f()
	}
	run()
	sameAsFull(t, db, "run 1")
	incremental("run 1")
	edit(func() {
		for i := 300; i < 340; i++ {
			if i%4 == 0 {
				write(i, deal(2, 3, i, 9))
			} else {
				write(i, deal(0, 0, i, 10+i%4)) // 13: a rival figure
			}
		}
		write(1, deal(0, 0, 1, 55))                     // a source changes its figure
		write(2, deal(4, 4, 2, 8))                      // one leaves the big deal
		write(9, deal(3, 1, 9, 7))                      // an article loses its big-deal fact
		write(12, deal(0, 0, 12, 10)+deal(4, 4, 12, 8)) // joins both
	})
	run()
	sameAsFull(t, db, "night 1")
	incremental("night 1")
	run()
	sameAsFull(t, db, "night 2 (nothing changed)")

	// An older dealwatch's store: no facts, no "frun".
	db.Close()
	b, err := bolt.Open(path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("dealsnap")).Delete([]byte("frun")); err != nil {
			return err
		}
		c := tx.Bucket([]byte("dealidx")).Cursor()
		for k, _ := c.Seek([]byte("f")); k != nil && k[0] == 'f'; k, _ = c.Seek([]byte("f")) {
			if err := c.Delete(); err != nil {
				return err
			}
		}
		return nil
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	db = open()
	if b, err := db.DealBase(); err != nil || b.Incremental {
		t.Errorf("without facts: DealBase = %+v, %v; want not incremental", b, err)
	}
	edit(func() { write(340, deal(0, 0, 340, 11)) })
	run()
	sameAsFull(t, db, "night 3 (facts rebuilt)")
	incremental("night 3")

	// Every stored result unreadable: a night reads the facts only.
	lengths := func() map[string]int {
		t.Helper()
		out := map[string]int{}
		if _, err := db.EachLatestDealLine(func(line []byte) error {
			var d struct {
				ID      string            `json:"id"`
				History []json.RawMessage `json:"history"`
			}
			if err := json.Unmarshal(line, &d); err != nil {
				return err
			}
			out[d.ID] = len(d.History)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := lengths()
	db.Close()
	if b, err = bolt.Open(path, 0o644, nil); err != nil {
		t.Fatal(err)
	}
	err = b.Update(func(tx *bolt.Tx) error {
		vb := tx.Bucket([]byte("versions"))
		var keys [][]byte
		vb.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		for _, k := range keys {
			v := vb.Get(k)
			cl := int(binary.BigEndian.Uint16(v[16:18]))
			if err := vb.Put(k, append(append([]byte(nil), v[:18+cl]...), "{not json"...)); err != nil {
				return err
			}
		}
		return nil
	})
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	db = open()
	edit(func() { write(341, deal(0, 0, 341, 12)+deal(50, 50, 341, 3)) })
	run()
	after := lengths()
	big := "buyer00+seller00/compute_contract"
	if after[big] != before[big]+1 || after["buyer50+seller50/compute_contract"] != 1 || len(after) != len(before)+1 {
		t.Errorf("night on unreadable old results: %d deals, %s has %d sources; want %d deals, %d sources",
			len(after), big, after[big], len(before)+1, before[big]+1)
	}
}

package store

import (
	"encoding/binary"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	bolt "go.etcd.io/bbolt"
)

// changedKeysListed is how EachChanged found its keys before it merged
// the runs: every runvers key of the span in a set, sorted.
func changedKeysListed(t *testing.T, db *DB, a, b uint64) []string {
	t.Helper()
	if a > b {
		a, b = b, a
	}
	seen := map[string]bool{}
	var keys []string
	err := db.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRunVers).Cursor()
		for k, _ := c.Seek(u64(a + 1)); k != nil && binary.BigEndian.Uint64(k[:8]) <= b; k, _ = c.Next() {
			if key := string(k[8:]); !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(keys)
	return keys
}

// EachChanged merges the runs of a span: every article written in
// between once, in key order, whichever runs wrote it, in both
// directions; ChangedBetween returns the same pairs.
func TestEachChangedMergesRuns(t *testing.T) {
	db := mustOpenDB(t)
	art := func(name string, billions int64) extract.ArticleResult {
		return result("/c/"+name, fmt.Sprintf("sha256:%s%d", name, billions), deal(extract.KindCompute, extract.DealAgreed, money(billions, 9, "USD"), "OpenAI", "Amazon"))
	}
	nights := [][]extract.ArticleResult{
		{art("m.txt", 1), art("b.txt", 1), art("z.txt", 1)},
		{art("m.txt", 2), art("a.txt", 1)},
		{},
		{art("b.txt", 2), art("a.txt", 2), art("y.txt", 1), art("c.txt", 1)},
		{art("m.txt", 3), art("c.txt", 2), art("b.txt", 3)},
	}
	for _, n := range nights {
		runOnce(t, db, n...)
	}
	last := uint64(len(nights))
	for a := uint64(0); a <= last; a++ {
		for b := uint64(0); b <= last; b++ {
			var got []string
			var pairs []Pair
			err := db.EachChanged(a, b, func(p Pair) error {
				got = append(got, p.Key)
				pairs = append(pairs, p)
				return nil
			})
			if err != nil {
				t.Fatalf("EachChanged(%d, %d): %v", a, b, err)
			}
			if want := changedKeysListed(t, db, a, b); !reflect.DeepEqual(got, want) {
				t.Errorf("EachChanged(%d, %d) keys = %q, want %q", a, b, got, want)
			}
			all, err := db.ChangedBetween(a, b)
			if err != nil || !reflect.DeepEqual(all, pairs) {
				t.Errorf("ChangedBetween(%d, %d) = %d pairs, %v; want the %d of EachChanged", a, b, len(all), err, len(pairs))
			}
		}
	}
	// An error of fn stops the walk and comes back.
	stop := fmt.Errorf("stop")
	n := 0
	if err := db.EachChanged(0, last, func(Pair) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("EachChanged with a failing fn = %v after %d calls, want stop after 1", err, n)
	}
}

// EachChangedDeal gives, one deal at a time and in id order, what
// ChangedDealBriefs gives (format-1 snapshots), and is not ok where it
// is not.
func TestEachChangedDealAsChangedDealBriefs(t *testing.T) {
	db := mustOpenDB(t)
	rs := snapshotResults()
	other := result("/c/d.txt", "sha256:dddd", deal(extract.KindInvestment, extract.DealAnnounced, money(2, 9, "USD"), "Microsoft", "Mistral"))
	third := result("/c/e.txt", "sha256:eeee", deal(extract.KindChipSupply, extract.DealAgreed, money(3, 9, "USD"), "Nvidia", "Oracle"))
	nights := [][]extract.ArticleResult{
		{rs[0], rs[1], other},
		{rs[0], rs[1], other},
		{rs[0], rs[1], rs[2], third},
		{rs[0], rs[2], third},
	}
	for i, n := range nights {
		run, _ := runOnce(t, db, n...)
		if i == 3 {
			break // the last run has no snapshot
		}
		if err := db.PutDeals(run.ID, reconcile.Reconcile(n), reconcile.Unverified(n)); err != nil {
			t.Fatal(err)
		}
	}
	compared := 0
	for a := uint64(0); a <= 4; a++ {
		for b := uint64(0); b <= 4; b++ {
			wantB, wantA, wantOK, err := db.ChangedDealBriefs(a, b)
			if wantOK && len(wantB)+len(wantA) > 0 {
				compared++
			}
			if err != nil {
				t.Fatal(err)
			}
			var gotB, gotA []DealBrief
			last := ""
			ok, err := db.EachChangedDeal(a, b, func(before, after *DealBrief) error {
				id := ""
				if before != nil {
					gotB, id = append(gotB, *before), before.ID
				}
				if after != nil {
					gotA, id = append(gotA, *after), after.ID
				}
				if before != nil && after != nil && before.ID != after.ID || id <= last {
					t.Errorf("EachChangedDeal(%d, %d): deal %q after %q, or two ids", a, b, id, last)
				}
				last = id
				return nil
			})
			if err != nil || ok != wantOK || !reflect.DeepEqual(gotB, wantB) || !reflect.DeepEqual(gotA, wantA) {
				t.Errorf("EachChangedDeal(%d, %d) = %+v → %+v, %v, %v\nwant %+v → %+v, %v", a, b, gotB, gotA, ok, err, wantB, wantA, wantOK)
			}
		}
	}
	if compared < 6 {
		t.Errorf("only %d spans with changed deals: the fixture no longer tests much", compared)
	}
}

// Pages released by dropResident read the same when read again, in the
// same transaction and the next.
func TestReleaseMappedKeepsData(t *testing.T) {
	db := mustOpenDB(t)
	var rs []extract.ArticleResult
	for i := range 300 {
		rs = append(rs, result(fmt.Sprintf("/c/%03d.txt", i), fmt.Sprintf("sha256:%04d", i), deal(extract.KindCompute, extract.DealAgreed, money(int64(i+1), 9, "USD"), "OpenAI", "Amazon")))
	}
	runOnce(t, db, rs...)
	ro, err := Open(db.Path(), &Options{ReadOnly: true}) // mapped read-only, as by a reading command
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	read := func(tx *bolt.Tx) string {
		var b strings.Builder
		tx.Bucket(bucketVersions).ForEach(func(k, v []byte) error {
			b.Write(k)
			b.Write(v)
			return nil
		})
		return b.String()
	}
	var first, again string
	if err := ro.view(func(tx *bolt.Tx) error {
		first = read(tx)
		dropResident(tx)
		again = read(tx)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if first == "" || again != first {
		t.Fatalf("versions read after dropResident differ (%d bytes, then %d)", len(first), len(again))
	}
	var keys []string
	if err := ro.EachChanged(0, 1, func(p Pair) error { keys = append(keys, p.Key); return nil }); err != nil || len(keys) != len(rs) {
		t.Errorf("EachChanged after dropResident: %d articles, %v; want %d", len(keys), err, len(rs))
	}
}

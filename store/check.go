package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the store: bbolt's own page consistency, then the
// store's invariants (every article's versions 1..n exist and the latest
// matches its hash and id, every version names an existing run, every
// id and run index entry points to an existing version, every run has a
// known state, the listing and the indexes readers trust agree with
// what they index). It returns all problems found, joined.
func (db *DB) Check() error {
	return db.view(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		fail := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return nil // never initialized: an empty store is consistent
			}
		}
		runs := map[uint64]bool{}
		tx.Bucket(bucketRuns).ForEach(func(k, v []byte) error {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				fail("run %x: %v", k, err)
				return nil
			}
			if r.ID != binary.BigEndian.Uint64(k) {
				fail("run key %x holds run %d", k, r.ID)
			}
			switch r.State {
			case RunRunning, RunComplete, RunAborted:
			default:
				fail("run %d has unknown state %q", r.ID, r.State)
			}
			if r.Counts.Seen != r.Counts.New+r.Counts.Changed+r.Counts.Unchanged+r.Counts.Failed {
				fail("run %d counts do not add up: %+v", r.ID, r.Counts)
			}
			runs[r.ID] = true
			return nil
		})
		versions := tx.Bucket(bucketVersions)
		articles := map[string]int{}
		tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var a Article
			if err := json.Unmarshal(v, &a); err != nil {
				fail("article %s: %v", k, err)
				return nil
			}
			articles[string(k)] = a.Versions
			if a.Key != string(k) {
				fail("article key %s holds %s", k, a.Key)
			}
			for n := 1; n <= a.Versions; n++ {
				raw := versions.Get(versionKey(a.Key, n))
				if raw == nil {
					fail("article %s: version %d of %d missing", a.Key, n, a.Versions)
					continue
				}
				ver, err := decodeVersion(a.Key, n, raw)
				if err != nil {
					fail("%v", err)
					continue
				}
				if !runs[ver.Run] {
					fail("article %s version %d names unknown run %d", a.Key, n, ver.Run)
				}
				if tx.Bucket(bucketIDs).Get(idKey(ver.Result.Article.ID, a.Key)) == nil {
					fail("article %s version %d: id %s not indexed", a.Key, n, ver.Result.Article.ID)
				}
				if n == a.Versions {
					if h, err := versionHash(raw); err != nil || h != a.Hash {
						fail("article %s: latest version hash differs from the article's", a.Key)
					}
					if ver.Result.Article.ID != a.ID {
						fail("article %s: latest version has id %s, article says %s", a.Key, ver.Result.Article.ID, a.ID)
					}
				}
			}
			return nil
		})
		versions.ForEach(func(k, _ []byte) error {
			key, n, ok := splitVersionKey(k)
			if !ok {
				fail("bad version key %q", k)
			} else if max, known := articles[string(key)]; !known || n < 1 || n > max {
				fail("version %d of %s has no article", n, key)
			}
			return nil
		})
		tx.Bucket(bucketIDs).ForEach(func(k, _ []byte) error {
			_, key, ok := bytes.Cut(k, []byte{0})
			if _, known := articles[string(key)]; !ok || !known {
				fail("id index entry %q names no article", k)
			}
			return nil
		})
		tx.Bucket(bucketRunVers).ForEach(func(k, v []byte) error {
			if len(k) < 8 || len(v) != 4 {
				fail("bad run index entry %q", k)
				return nil
			}
			n := int(binary.BigEndian.Uint32(v))
			if !runs[binary.BigEndian.Uint64(k[:8])] {
				fail("run index entry %q names an unknown run", k)
			}
			if max, known := articles[string(k[8:])]; !known || n > max {
				fail("run index entry %q names a missing version %d", k, n)
			}
			return nil
		})
		checkSnapshots(tx, runs, fail)
		checkDecisions(tx, fail)
		checkListing(tx, fail)
		checkDealIndex(tx, fail)
		checkArtIndex(tx, fail)
		return errors.Join(errs...)
	})
}

// checkSnapshots checks the deal snapshots: every brief belongs to a
// known run that has a snapshot marker and decodes, and the latest
// snapshot names a run with a marker and holds a public line and extras
// for each of its deals.
func checkSnapshots(tx *bolt.Tx, runs map[uint64]bool, fail func(string, ...any)) {
	marked := map[uint64]bool{}
	if dr := tx.Bucket(bucketDealRuns); dr != nil {
		dr.ForEach(func(k, v []byte) error {
			if len(k) < 8 {
				fail("bad deal snapshot key %q", k)
				return nil
			}
			run := binary.BigEndian.Uint64(k[:8])
			if !runs[run] {
				fail("deal snapshot entry %q names unknown run %d", k, run)
			}
			if len(k) == 8 {
				marked[run] = true
				return nil
			}
			if !marked[run] {
				fail("deal brief %q of run %d has no snapshot marker", k[8:], run)
			}
			if deltaRun(dr, run) {
				if len(v) != 0 {
					fail("deal change %q of run %d has a value", k[8:], run)
				}
				return nil
			}
			var b DealBrief
			if err := json.Unmarshal(v, &b); err != nil || b.ID != string(k[8:]) {
				fail("deal brief %q of run %d: %v (id %q)", k[8:], run, err, b.ID)
			}
			return nil
		})
	}
	snap := tx.Bucket(bucketDealSnap)
	if snap == nil {
		return
	}
	v := snap.Get(keySnapRun)
	if v == nil {
		// A snapshot being rebuilt (ResetDeals, then ReplaceDeals in
		// batches) gets its run only when FinishDeals commits; a run
		// killed in between leaves it without one. Readers then take it
		// as not current and reconcile from the results, and the next
		// run rebuilds it: consistent, not damaged.
		return
	}
	if len(v) != 8 {
		fail("deal snapshot run %x is not a run id", v)
		return
	}
	if run := binary.BigEndian.Uint64(v); !marked[run] {
		fail("latest deal snapshot names run %d, which has no snapshot marker", run)
	}
	snap.ForEach(func(k, v []byte) error {
		if bytes.Equal(k, keySnapMeta) || bytes.Equal(k, keySnapFmt) {
			return nil
		}
		if len(k) > 1 && k[0] == snapPublic && snap.Get(append([]byte{snapExtra}, k[1:]...)) == nil {
			fail("deal %q of the latest snapshot has no extras", k[1:])
		}
		return nil
	})
}

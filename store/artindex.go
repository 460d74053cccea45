package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// The article index: the articles of each status and the sources whose
// last attempt failed, so that "articles --status failed" reads the few
// entries it lists instead of every article and source of the store.
//
//	artidx  "s" + status + 0x00 + article key → empty: one key per
//	        article listing entry (artlist), with the status it holds.
//	        "f" + source key → empty: the source's entry says its last
//	        attempt failed (SourceEntry.Failed; a feed's own entry never
//	        has one).
//	        "run" → run id (8 bytes BE): the keys above agree with the
//	        listing and the sources, and are kept, in the transactions
//	        that write those, by every run from that run on.
//
// Readers use the index only while its run is the store's last run.
// BeginRun hands it on to the new run when the last run kept it, and
// otherwise builds it again in the same transaction from the listing
// and the sources (when the listing is complete: see freshListing; else
// it drops it, and a later run builds it). A dealwatch that does not
// keep it (an older one) starts its runs without moving its run, so
// after any run of it readers use the listing until the next run of
// this dealwatch. The bucket is created on first use: the format
// version is unchanged.
var (
	bucketArtIdx = []byte("artidx")
	keyArtIdxRun = []byte("run")
)

// errUnindexable stops rebuildArtIndex at an entry it cannot read.
var errUnindexable = errors.New("unindexable entry")

const (
	artIdxStatus = 's'
	artIdxFailed = 'f'
)

func statusKey(st extract.Status, key string) []byte {
	k := make([]byte, 0, 2+len(st)+len(key))
	k = append(append(append(k, artIdxStatus), st...), 0)
	return append(k, key...)
}

// indexStatus moves article key's status key from old (when had) to st.
func indexStatus(tx *bolt.Tx, key string, old extract.Status, had bool, st extract.Status) error {
	idx, err := tx.CreateBucketIfNotExists(bucketArtIdx)
	if err != nil {
		return err
	}
	if had {
		if err := idx.Delete(statusKey(old, key)); err != nil {
			return err
		}
	}
	return idx.Put(statusKey(st, key), nil)
}

// putSource stores a source entry and its failed key.
func putSource(tx *bolt.Tx, key string, src SourceEntry) error {
	if err := putJSON(tx.Bucket(bucketSources), []byte(key), src); err != nil {
		return err
	}
	idx, err := tx.CreateBucketIfNotExists(bucketArtIdx)
	if err != nil {
		return err
	}
	fk := append([]byte{artIdxFailed}, key...)
	if src.Failed && !src.Feed {
		return idx.Put(fk, nil)
	}
	return idx.Delete(fk)
}

// keepArtIndex is BeginRun's part: it hands the index on from run prev
// (the last run before) to run next, or builds it again when prev did
// not keep it.
func keepArtIndex(tx *bolt.Tx, prev, next uint64) error {
	if idx := tx.Bucket(bucketArtIdx); idx != nil && prev != 0 && bytes.Equal(idx.Get(keyArtIdxRun), u64(prev)) {
		return idx.Put(keyArtIdxRun, u64(next))
	}
	return rebuildArtIndex(tx, next)
}

// rebuildArtIndex builds the index from the listing and the sources,
// kept from run run. When the listing is not complete (a store of a
// dealwatch older than the listing) there is no index until it is; nor
// when an entry does not decode ("dealwatch check" reports it): readers
// then use the listing, and the run goes on.
func rebuildArtIndex(tx *bolt.Tx, run uint64) error {
	if tx.Bucket(bucketArtIdx) != nil {
		if err := tx.DeleteBucket(bucketArtIdx); err != nil {
			return err
		}
	}
	list := tx.Bucket(bucketArtList)
	if list == nil {
		if arts := tx.Bucket(bucketArticles); arts != nil {
			if k, _ := arts.Cursor().First(); k != nil {
				return nil // articles without a listing
			}
		}
	} else if !freshListing(tx) {
		return nil
	}
	idx, err := tx.CreateBucket(bucketArtIdx)
	if err != nil {
		return err
	}
	idx.FillPercent = 0.95 // written in ascending order
	var keys [][]byte
	pg := pager{tx: tx}
	if src := tx.Bucket(bucketSources); src != nil {
		failed := []byte(`"failed":true`)
		err := src.ForEach(func(k, v []byte) error {
			pg.step()
			if !bytes.Contains(v, failed) {
				return nil // decoded only when it failed
			}
			var e SourceEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return errUnindexable
			}
			if e.Failed && !e.Feed {
				keys = append(keys, append([]byte{artIdxFailed}, k...)) // in key order
			}
			return nil
		})
		if err == errUnindexable {
			return tx.DeleteBucket(bucketArtIdx)
		}
		if err != nil {
			return err
		}
	}
	if list != nil {
		var status [][]byte
		err := list.ForEach(func(k, v []byte) error {
			pg.step()
			if bytes.Equal(k, keyListRun) {
				return nil
			}
			st, ok := listedStatus(v)
			if !ok {
				return errUnindexable
			}
			status = append(status, statusKey(st, string(k)))
			return nil
		})
		if err == errUnindexable {
			return tx.DeleteBucket(bucketArtIdx)
		}
		if err != nil {
			return err
		}
		slices.SortFunc(status, bytes.Compare)
		keys = append(keys, status...)
	}
	for _, k := range keys {
		if err := idx.Put(k, nil); err != nil {
			return err
		}
	}
	return idx.Put(keyArtIdxRun, u64(run))
}

// freshArtIndex returns the article index when readers can use it: the
// last run kept it.
func freshArtIndex(tx *bolt.Tx) (*bolt.Bucket, bool) {
	idx := tx.Bucket(bucketArtIdx)
	if idx == nil || tx.Bucket(bucketArtList) == nil {
		return nil, false
	}
	run := lastRun(tx)
	return idx, run != 0 && bytes.Equal(idx.Get(keyArtIdxRun), u64(run))
}

// dense is the share of the articles (one in dense) above which a
// listing reads them all in order rather than look each one up.
const dense = 4

// ArticleListingOf is ArticleListing for the entries whose status is one
// of statuses, and, when StatusFailed is one of them, the sources whose
// last attempt failed; with no statuses, every entry. It also returns
// the number of entries of each status (of all of them). From the
// article index it reads only the entries it returns, when they are
// fewer than one in dense; else, or without an index (a store of an
// older dealwatch, until the next run), it reads them all in order.
func (db *DB) ArticleListingOf(statuses []extract.Status) ([]Listed, map[extract.Status]int, error) {
	keep := func(s extract.Status, lastFailed bool) bool {
		return len(statuses) == 0 || slices.Contains(statuses, s) || (lastFailed && slices.Contains(statuses, extract.StatusFailed))
	}
	if len(statuses) == 0 {
		return db.ArticleListingWhere(keep)
	}
	var out []Listed
	counts := map[extract.Status]int{}
	indexed := false
	err := db.view(func(tx *bolt.Tx) error {
		idx, ok := freshArtIndex(tx)
		if indexed = ok; !ok {
			return nil
		}
		list, src := tx.Bucket(bucketArtList), tx.Bucket(bucketSources)
		c := idx.Cursor()
		entries := 0
		for k, _ := c.Seek([]byte{artIdxStatus}); k != nil && k[0] == artIdxStatus; k, _ = c.Next() {
			st, _, _ := bytes.Cut(k[1:], []byte{0})
			counts[extract.Status(st)]++
			entries++
		}
		listed := 0
		for _, st := range statuses {
			listed += counts[st]
		}
		if listed > entries/dense {
			// Most of the articles ("--status ok"): reading the listing
			// in order is faster than looking each one up.
			indexed = false
			return nil
		}
		picked := map[string]bool{}
		for _, st := range statuses {
			prefix := statusKey(st, "")
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				picked[string(k[len(prefix):])] = true
			}
		}
		failed := []byte{artIdxFailed}
		for k, _ := c.Seek(failed); k != nil && k[0] == artIdxFailed; k, _ = c.Next() {
			key := string(k[1:])
			if list.Get(k[1:]) == nil {
				counts[extract.StatusFailed]++ // a source never stored
			}
			if slices.Contains(statuses, extract.StatusFailed) {
				picked[key] = true
			}
		}
		keys := sortedKeys(picked)
		out = make([]Listed, 0, len(keys))
		for _, key := range keys {
			var l Listed
			v := list.Get([]byte(key))
			stored := v != nil
			if stored {
				a, ok := decodeListed([]byte(key), v)
				if !ok {
					return fmt.Errorf("bad article listing entry %q", key)
				}
				l.Article = a
			} else { // a source never stored, listed as ArticleListing does
				l.Article = Article{Key: key, Source: key, Status: extract.StatusFailed}
			}
			if idx.Get(append([]byte{artIdxFailed}, key...)) != nil && src != nil {
				var e SourceEntry
				if v := src.Get([]byte(key)); v == nil {
					return fmt.Errorf("article index names the failed source %s, which has no entry (dealwatch check lists the damage)", key)
				} else if err := json.Unmarshal(v, &e); err != nil {
					return fmt.Errorf("decode source entry %s: %w", key, err)
				}
				if !stored {
					l.ID = e.ArticleID
				}
				l.Failed, l.Error, l.FailedRun = true, runErrorFor(tx, e.Run, key), e.Run
			}
			out = append(out, l)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	if !indexed {
		return db.ArticleListingWhere(keep)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, counts, nil
}

// checkArtIndex checks that the article index agrees with the listing
// and the sources, when readers use it (the last run kept it).
func checkArtIndex(tx *bolt.Tx, fail func(string, ...any)) {
	idx, ok := freshArtIndex(tx)
	if !ok {
		return // absent, or left behind: readers use the listing, the next run rebuilds it
	}
	const why = "; readers trust the article index, so \"articles --status\" may be wrong until a run rebuilds it (dealwatch recover, then run)"
	want := map[string]bool{}
	listed := 0
	tx.Bucket(bucketArtList).ForEach(func(k, v []byte) error {
		if bytes.Equal(k, keyListRun) {
			return nil
		}
		listed++
		if st, ok := listedStatus(v); ok {
			want[string(statusKey(st, string(k)))] = true
		}
		return nil
	})
	// Readers take a current index as the sign that the listing holds
	// every article (freshListing).
	if arts := tx.Bucket(bucketArticles); arts != nil {
		if n := arts.Stats().KeyN; n != listed {
			fail("the article listing has %d entries for %d articles%s", listed, n, why)
		}
	}
	if src := tx.Bucket(bucketSources); src != nil {
		src.ForEach(func(k, v []byte) error {
			var e SourceEntry
			if json.Unmarshal(v, &e) == nil && e.Failed && !e.Feed {
				want[string(append([]byte{artIdxFailed}, k...))] = true
			}
			return nil
		})
	}
	have := map[string]bool{}
	idx.ForEach(func(k, _ []byte) error {
		if bytes.Equal(k, keyArtIdxRun) {
			return nil
		}
		have[string(k)] = true
		if !want[string(k)] {
			fail("article index key %q names no article with that status, nor a failed source%s", k, why)
		}
		return nil
	})
	for _, k := range sortedKeys(want) {
		if have[k] {
			continue
		}
		if k[0] == artIdxFailed {
			fail("source %q failed last time but the article index does not say so%s", k[1:], why)
		} else {
			st, key, _ := bytes.Cut([]byte(k[1:]), []byte{0})
			fail("article %q has status %q but the article index does not list it%s", key, st, why)
		}
	}
}

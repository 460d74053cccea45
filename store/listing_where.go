package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// ArticleListingWhere is ArticleListing for the entries keep accepts,
// by status and by whether the last attempt failed, with the number of
// entries of each status (of all of them). From the article listing
// only the status of an entry is read unless keep wants it, so
// "articles --status failed" does not decode 50,000 entries.
func (db *DB) ArticleListingWhere(keep func(s extract.Status, lastFailed bool) bool) (out []Listed, counts map[extract.Status]int, err error) {
	counts, err = db.EachListed(keep, func(l Listed) error {
		out = append(out, l)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, counts, nil
}

// EachListed calls fn with each entry of ArticleListingWhere(keep), in
// key order, as it reads them, and returns the number of entries of
// each status (of all of them). From the article listing it reads one
// entry at a time, so memory stays flat whatever the store's size; fn
// is called inside a read transaction (a run waits for it), so it must
// not wait on anything slow. An error from fn stops it and is
// returned.
func (db *DB) EachListed(keep func(s extract.Status, lastFailed bool) bool, fn func(Listed) error) (counts map[extract.Status]int, err error) {
	counts = map[extract.Status]int{}
	fresh := false
	err = db.view(func(tx *bolt.Tx) error {
		if fresh = freshListing(tx); !fresh {
			return nil
		}
		failed, err := failedSources(tx)
		if err != nil {
			return err
		}
		list := tx.Bucket(bucketArtList)
		// The failed sources never stored, merged in key order.
		var unstored []string
		for _, k := range sortedKeys(failed) {
			if list.Get([]byte(k)) == nil {
				unstored = append(unstored, k)
			}
		}
		next := 0
		emitUnstored := func(before []byte) error {
			for ; next < len(unstored) && (before == nil || unstored[next] < string(before)); next++ {
				counts[extract.StatusFailed]++
				if keep(extract.StatusFailed, true) {
					if err := fn(failed[unstored[next]]); err != nil {
						return err
					}
				}
			}
			return nil
		}
		pg := pager{tx: tx}
		err = list.ForEach(func(k, v []byte) error {
			if bytes.Equal(k, keyListRun) {
				return nil
			}
			pg.step()
			if err := emitUnstored(k); err != nil {
				return err
			}
			st, ok := listedStatus(v)
			if !ok {
				return fmt.Errorf("bad article listing entry %q", k)
			}
			counts[st]++
			f, lastFailed := failed[string(k)]
			if !keep(st, lastFailed) {
				return nil
			}
			a, ok := decodeListed(k, v)
			if !ok {
				return fmt.Errorf("bad article listing entry %q", k)
			}
			l := Listed{Article: a}
			if lastFailed {
				l.Failed, l.Error, l.FailedRun = true, f.Error, f.FailedRun
			}
			return fn(l)
		})
		if err != nil {
			return err
		}
		return emitUnstored(nil)
	})
	if err != nil || fresh {
		return counts, err
	}
	all, err := db.ArticleListing()
	if err != nil {
		return nil, err
	}
	for _, l := range all {
		counts[l.Status]++
		if keep(l.Status, l.Failed) {
			if err := fn(l); err != nil {
				return nil, err
			}
		}
	}
	return counts, nil
}

// failedSources returns the sources whose last attempt failed, by key,
// as ArticleListing lists those never stored: from the article index
// when the last run kept it, else from every source entry.
func failedSources(tx *bolt.Tx) (map[string]Listed, error) {
	out := map[string]Listed{}
	src := tx.Bucket(bucketSources)
	if src == nil {
		return out, nil
	}
	add := func(k, v []byte) error {
		var e SourceEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("decode source entry %s: %w", k, err)
		}
		if e.Feed || !e.Failed {
			return nil
		}
		out[string(k)] = Listed{Article: Article{Key: string(k), Source: string(k), ID: e.ArticleID, Status: extract.StatusFailed},
			Failed: true, Error: runErrorFor(tx, e.Run, string(k)), FailedRun: e.Run}
		return nil
	}
	if idx, ok := freshArtIndex(tx); ok {
		c := idx.Cursor()
		for k, _ := c.Seek([]byte{artIdxFailed}); k != nil && k[0] == artIdxFailed; k, _ = c.Next() {
			v := src.Get(k[1:])
			if v == nil {
				return nil, fmt.Errorf("the article index names the failed source %s, which has no entry (dealwatch check lists the damage)", k[1:])
			}
			if err := add(k[1:], v); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	failed := []byte(`"failed":true`)
	err := src.ForEach(func(k, v []byte) error {
		if !bytes.Contains(v, failed) {
			return nil // decoded only when it failed
		}
		return add(k, v)
	})
	return out, err
}

// listedStatus reads the status of a listing entry (its sixth field).
func listedStatus(v []byte) (extract.Status, bool) {
	for range 5 {
		i := bytes.IndexByte(v, 0)
		if i < 0 {
			return "", false
		}
		v = v[i+1:]
	}
	i := bytes.IndexByte(v, 0)
	if i < 0 {
		return "", false
	}
	return extract.Status(v[:i]), true
}

// FirstSeenByID returns when the article that has or had each of ids
// was first stored, by id; ids no article had are left out. It reads
// the article listing's entry (no JSON) when the listing is the last
// run's, else the article record.
func (db *DB) FirstSeenByID(ids []string) (out map[string]time.Time, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		out, err = firstSeenIn(tx, ids)
		return err
	})
	return out, err
}

// firstSeenIn is FirstSeenByID inside tx.
func firstSeenIn(tx *bolt.Tx, ids []string) (map[string]time.Time, error) {
	// Each id once, in key order: the cursor moves forward.
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make(map[string]time.Time, len(ids))
	err := func() error {
		b := tx.Bucket(bucketIDs)
		if b == nil {
			return nil
		}
		var list *bolt.Bucket
		if l, runs := tx.Bucket(bucketArtList), tx.Bucket(bucketRuns); l != nil && runs != nil {
			v := l.Get(keyListRun)
			last, _ := runs.Cursor().Last()
			if len(v) == 8 && len(last) == 8 && binary.BigEndian.Uint64(v) >= binary.BigEndian.Uint64(last) {
				list = l
			}
		}
		c := b.Cursor()
		for _, id := range ids {
			if _, done := out[id]; done || id == "" {
				continue
			}
			prefix := append([]byte(id), 0)
			k, _ := c.Seek(prefix)
			if k == nil || !bytes.HasPrefix(k, prefix) {
				continue
			}
			key := k[len(prefix):]
			if list != nil {
				if v := list.Get(key); v != nil {
					if t, ok := listedFirstSeen(v); ok {
						out[id] = t
						continue
					}
				}
			}
			a, ok, err := getArticle(tx, string(key))
			if err != nil {
				return err
			}
			if ok {
				out[id] = a.FirstSeen
			}
		}
		return nil
	}()
	return out, err
}

// listedFirstSeen reads the first-seen time of a listing entry (its
// ninth field).
func listedFirstSeen(v []byte) (time.Time, bool) {
	for range 8 {
		i := bytes.IndexByte(v, 0)
		if i < 0 {
			return time.Time{}, false
		}
		v = v[i+1:]
	}
	i := bytes.IndexByte(v, 0)
	if i < 0 {
		return time.Time{}, false
	}
	ns, err := strconv.ParseInt(string(v[:i]), 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(0, ns).UTC(), true
}

package store

import (
	"bytes"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// EachChangedDeal calls fn, in deal id order, with each deal whose brief
// differs between the ends of runs a and b: its brief as of run a
// (before) and as of run b (after), nil on the side where the deal did
// not exist. It is ChangedDealBriefs one deal at a time, inside one read
// transaction: it holds one deal's briefs and one cursor per run in the
// span, whatever the number of deals that changed. ok is false, and fn is
// not called, when either run has no snapshot (the caller reconciles the
// results instead); the error is the first of fn or of reading.
func (db *DB) EachChangedDeal(a, b uint64, fn func(before, after *DealBrief) error) (ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		runs := tx.Bucket(bucketDealRuns)
		if da, dbb := deltaRun(runs, a), deltaRun(runs, b); (da || a == 0) && dbb {
			ok = true
			return eachChangedInHist(tx, a, b, fn)
		} else if da || dbb {
			return nil // one of each format: the caller reconciles
		}
		if ok = db.fullBriefs(tx, a) && db.fullBriefs(tx, b); !ok {
			return nil
		}
		return eachChangedInFull(runs, a, b, fn)
	})
	return ok, err
}

// eachChangedInHist is EachChangedDeal for runs with format-2 snapshots:
// the deals any run in between changed (the dealruns entries of those
// runs, merged), compared by their briefs in dealhist as of runs a and
// b.
func eachChangedInHist(tx *bolt.Tx, a, b uint64, fn func(before, after *DealBrief) error) error {
	runs, hist := tx.Bucket(bucketDealRuns), tx.Bucket(bucketDealHist)
	ids := mergeRuns(runs, min(a, b), max(a, b))
	for {
		id, more := ids.next()
		if !more {
			return nil
		}
		va, vb := histAt(hist, id, a), histAt(hist, id, b)
		if bytes.Equal(va, vb) {
			continue
		}
		before, err := briefOfHist(id, va)
		if err != nil {
			return err
		}
		after, err := briefOfHist(id, vb)
		if err != nil {
			return err
		}
		if err := fn(before, after); err != nil {
			return err
		}
	}
}

// eachChangedInFull is EachChangedDeal for runs with format-1 snapshots
// (every deal's brief under the run's id): the two runs' entries, both
// sorted by deal id, are walked side by side.
func eachChangedInFull(runs *bolt.Bucket, a, b uint64, fn func(before, after *DealBrief) error) error {
	side := func(run uint64) *runCursor {
		rc := &runCursor{prefix: u64(run)}
		if run != 0 {
			rc.c = runs.Cursor()
			rc.load(rc.c.Seek(rc.prefix))
		}
		return rc
	}
	ca, cb := side(a), side(b)
	for ca.key != nil || cb.key != nil {
		var va, vb []byte
		var id string
		switch cmp := compareKeys(ca.key, cb.key); {
		case cmp < 0:
			id, va = string(ca.key), ca.val
			ca.load(ca.c.Next())
		case cmp > 0:
			id, vb = string(cb.key), cb.val
			cb.load(cb.c.Next())
		default:
			id, va, vb = string(ca.key), ca.val, cb.val
			ca.load(ca.c.Next())
			cb.load(cb.c.Next())
		}
		if va != nil && vb != nil && bytes.Equal(va, vb) {
			continue
		}
		before, err := briefOfRun(a, id, va)
		if err != nil {
			return err
		}
		after, err := briefOfRun(b, id, vb)
		if err != nil {
			return err
		}
		if err := fn(before, after); err != nil {
			return err
		}
	}
	return nil
}

// fullBriefs reports whether run has a format-1 snapshot of this
// store's reconciler (see rawBriefs); run 0, the empty store, has one
// with no deal.
func (db *DB) fullBriefs(tx *bolt.Tx, run uint64) bool {
	if run == 0 {
		return true
	}
	runs := tx.Bucket(bucketDealRuns)
	if runs == nil {
		return false
	}
	prefix := u64(run)
	k, v := runs.Cursor().Seek(prefix)
	return bytes.Equal(k, prefix) && db.ofReconciler(v) && !deltaRun(runs, run)
}

// compareKeys orders two cursors' keys, a nil key (a cursor at its end)
// after every other.
func compareKeys(x, y []byte) int {
	switch {
	case x == nil:
		return 1
	case y == nil:
		return -1
	}
	return bytes.Compare(x, y)
}

// briefOfHist decodes a deal's brief from dealhist; nil for an empty
// value (the deal did not exist then).
func briefOfHist(id string, v []byte) (*DealBrief, error) {
	if len(v) == 0 {
		return nil, nil
	}
	var d DealBrief
	if err := json.Unmarshal(v, &d); err != nil {
		return nil, fmt.Errorf("decode deal %s: %w", id, err)
	}
	return &d, nil
}

// briefOfRun decodes a deal's brief from a format-1 snapshot of run;
// nil for none.
func briefOfRun(run uint64, id string, v []byte) (*DealBrief, error) {
	if v == nil {
		return nil, nil
	}
	var d DealBrief
	if err := json.Unmarshal(v, &d); err != nil {
		return nil, fmt.Errorf("decode deal %s of run %d: %w", id, run, err)
	}
	return &d, nil
}

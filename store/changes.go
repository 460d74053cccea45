package store

import (
	"bytes"
	"container/heap"
	"encoding/binary"
	"encoding/json"
	"fmt"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

// This file finds what changed between two runs, for diff: the articles
// that got a version in between and their results on both sides, and
// what failed in those runs. Everything is read one article (one error)
// at a time, so a diff of a big run holds no list of it.

// ChangedBetween returns, for every article that got a version in runs
// a+1 through b, its latest result as of run a and as of run b, sorted by
// key. It reads only those articles, so it is cheap on a big store; it
// holds them all, so a caller that can take them one at a time uses
// EachChanged.
func (db *DB) ChangedBetween(a, b uint64) ([]Pair, error) {
	var out []Pair
	err := db.EachChanged(a, b, func(p Pair) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// EachChanged calls fn with ChangedBetween's pairs one at a time, in key
// order, inside one read transaction (so they are consistent with each
// other), and returns the first error of fn or of reading. It holds one
// article's results and one key per run in the span, whatever the number
// of articles: the keys come from the runvers entries of each run, which
// are sorted by key, merged.
func (db *DB) EachChanged(a, b uint64, fn func(Pair) error) error {
	return db.EachChangedRaw(a, b, func(r RawPair) error {
		p, err := r.Decode()
		if err != nil {
			return err
		}
		return fn(p)
	})
}

// EachChangedRaw is EachChanged with the pairs not yet decoded, for a
// caller that decodes them on other goroutines (RawPair.Decode) while
// this one reads on: fn is called in key order inside the read
// transaction, and may block.
func (db *DB) EachChangedRaw(a, b uint64, fn func(RawPair) error) error {
	if a > b {
		a, b = b, a
	}
	return db.view(func(tx *bolt.Tx) error {
		rv := tx.Bucket(bucketRunVers)
		if rv == nil {
			return nil
		}
		keys := mergeRuns(rv, a, b)
		for n := 1; ; n++ {
			key, ok := keys.next()
			if !ok {
				return nil
			}
			p, err := rawPairOf(tx, key, a, b)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
			if n%releaseEvery == 0 {
				dropResident(tx)
			}
		}
	})
}

// releaseEvery is how many articles EachChangedRaw reads between two
// dropResident: the pages of the store it keeps mapped are those of a
// few thousand articles, not of the run.
const releaseEvery = 2048

// runMerge yields, in byte order and once each, the keys (after the
// 8-byte run id) of a bucket whose keys are run id + key, over the runs
// in a span: one cursor per run that has entries, in a heap by their
// current key.
type runMerge []*runCursor

type runCursor struct {
	c      *bolt.Cursor
	prefix []byte // the run id
	key    []byte // the current key without the prefix; nil when done
	val    []byte // the current value
}

// mergeRuns returns the merge of bucket b's entries of runs lo+1..hi.
// Only the runs that have entries get a cursor; a key of exactly 8
// bytes (a run's own marker, as in dealruns) is skipped.
func mergeRuns(b *bolt.Bucket, lo, hi uint64) *runMerge {
	m := &runMerge{}
	seek := b.Cursor()
	for k, _ := seek.Seek(u64(lo + 1)); len(k) >= 8; {
		run := binary.BigEndian.Uint64(k[:8])
		if run > hi {
			break
		}
		rc := &runCursor{c: b.Cursor(), prefix: u64(run)}
		rc.load(rc.c.Seek(rc.prefix))
		if rc.key != nil {
			*m = append(*m, rc)
		}
		if run == ^uint64(0) {
			break
		}
		k, _ = seek.Seek(u64(run + 1))
	}
	heap.Init(m)
	return m
}

// load makes the entry the cursor is at (k, v) current, skipping run
// markers; the key is nil past the run's entries.
func (rc *runCursor) load(k, v []byte) {
	for k != nil && bytes.HasPrefix(k, rc.prefix) && len(k) == len(rc.prefix) {
		k, v = rc.c.Next()
	}
	if k == nil || !bytes.HasPrefix(k, rc.prefix) {
		rc.key, rc.val = nil, nil
		return
	}
	rc.key, rc.val = k[len(rc.prefix):], v
}

// next returns the smallest key not yet returned, and false at the end.
func (m *runMerge) next() (string, bool) {
	if len(*m) == 0 {
		return "", false
	}
	key := string((*m)[0].key)
	for len(*m) > 0 && string((*m)[0].key) == key {
		rc := (*m)[0]
		rc.load(rc.c.Next())
		if rc.key == nil {
			heap.Pop(m)
		} else {
			heap.Fix(m, 0)
		}
	}
	return key, true
}

func (m runMerge) Len() int           { return len(m) }
func (m runMerge) Less(i, j int) bool { return bytes.Compare(m[i].key, m[j].key) < 0 }
func (m runMerge) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
func (m *runMerge) Push(x any)        { *m = append(*m, x.(*runCursor)) }
func (m *runMerge) Pop() any {
	old := *m
	x := old[len(old)-1]
	*m = old[:len(old)-1]
	return x
}

// EachRunError calls fn with what failed in run id, in the order it
// failed, one error at a time (RunErrors returns them all).
func (db *DB) EachRunError(id uint64, fn func(RunError) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRunErrors)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		prefix := u64(id)
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			var e RunError
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode run error %x: %w", k, err)
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// RawPair is a Pair not yet decoded: the stored versions that are an
// article's latest as of runs a and b, as bytes of its own, so that the
// decoding, most of the cost of a pair, can be done on any goroutine
// (see EachChangedRaw).
type RawPair struct {
	Key string
	// Causes are the stored causes of the versions written in the span,
	// oldest first, without repeats.
	Causes []string
	// before and after are the versions' values, nil when there is none;
	// beforeN and afterN their numbers, the same when no version was
	// written in the span (both sides are that version).
	before, after   []byte
	beforeN, afterN int
}

// Decode decodes the pair's results.
func (r *RawPair) Decode() (Pair, error) {
	p := Pair{Key: r.Key, Causes: r.Causes}
	decode := func(n int, raw []byte) (*extract.ArticleResult, error) {
		v, err := decodeVersion(r.Key, n, raw)
		if err != nil {
			return nil, err
		}
		return &v.Result, nil
	}
	var err error
	if r.after != nil {
		if p.After, err = decode(r.afterN, r.after); err != nil {
			return Pair{}, err
		}
	}
	switch {
	case r.before == nil:
	case r.after != nil && r.beforeN == r.afterN:
		p.Before = p.After
	default:
		if p.Before, err = decode(r.beforeN, r.before); err != nil {
			return Pair{}, err
		}
	}
	return p, nil
}

// rawPairOf reads, without decoding them, an article's latest versions
// as of runs a and b; the others are read by their header (run, cause).
func rawPairOf(tx *bolt.Tx, key string, a, b uint64) (RawPair, error) {
	latest, ok, err := articleVersions(tx, key)
	if err != nil {
		return RawPair{}, err
	}
	if !ok {
		return RawPair{}, fmt.Errorf("run index names unknown article %s (the store is inconsistent: see dealwatch check)", key)
	}
	p := RawPair{Key: key}
	vb := tx.Bucket(bucketVersions)
	for n := latest; n >= 1; n-- {
		raw := vb.Get(versionKey(key, n))
		if raw == nil {
			return RawPair{}, fmt.Errorf("version %d of %s: %w", n, key, ErrNotFound)
		}
		if len(raw) < 18 {
			return RawPair{}, fmt.Errorf("version %d of %s: value of %d bytes is too short", n, key, len(raw))
		}
		run := binary.BigEndian.Uint64(raw[:8])
		if run > b {
			continue
		}
		if run > a {
			if p.after == nil {
				p.after, p.afterN = bytes.Clone(raw), n
			}
			cl := int(binary.BigEndian.Uint16(raw[16:18]))
			if len(raw) < 18+cl {
				return RawPair{}, fmt.Errorf("version %d of %s: cause overruns the value", n, key)
			}
			p.Causes = append([]string{string(raw[18 : 18+cl])}, p.Causes...)
			continue
		}
		p.before, p.beforeN = bytes.Clone(raw), n
		if p.after == nil {
			p.after, p.afterN = p.before, n
		}
		break
	}
	p.Causes = dedup(p.Causes)
	return p, nil
}

// articleVersions reads the number of an article's latest version from
// its record, decoding only that field (the record's times are most of
// the cost of decoding it whole); ok is false when there is no record.
func articleVersions(tx *bolt.Tx, key string) (n int, ok bool, err error) {
	b := tx.Bucket(bucketArticles)
	if b == nil {
		return 0, false, nil
	}
	v := b.Get([]byte(key))
	if v == nil {
		return 0, false, nil
	}
	var art struct {
		Versions int `json:"versions"`
	}
	if err := json.Unmarshal(v, &art); err != nil {
		return 0, false, fmt.Errorf("decode article %s: %w", key, err)
	}
	return art.Versions, true, nil
}

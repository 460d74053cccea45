package store

import (
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

// This file finds what changed between two runs, for diff: the articles
// that got a version in between and their results on both sides.

// ChangedBetween returns, for every article that got a version in runs
// a+1 through b, its latest result as of run a and as of run b, sorted by
// key. It reads only those articles, so it is cheap on a big store.
func (db *DB) ChangedBetween(a, b uint64) ([]Pair, error) {
	var out []Pair
	err := db.eachChanged(a, b, func(p Pair) error {
		out = append(out, p)
		return nil
	})
	return out, err
}

// eachChanged calls fn with ChangedBetween's pairs one at a time, in key
// order, inside one read transaction.
func (db *DB) eachChanged(a, b uint64, fn func(Pair) error) error {
	if a > b {
		a, b = b, a
	}
	return db.view(func(tx *bolt.Tx) error {
		rv := tx.Bucket(bucketRunVers)
		if rv == nil {
			return nil
		}
		seen := map[string]bool{}
		var keys []string
		c := rv.Cursor()
		for k, _ := c.Seek(u64(a + 1)); k != nil && binary.BigEndian.Uint64(k[:8]) <= b; k, _ = c.Next() {
			if key := string(k[8:]); !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
		sort.Strings(keys)
		for _, key := range keys {
			p, err := pairOf(tx, key, a, b)
			if err != nil {
				return err
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		return nil
	})
}

// pairOf reads an article's latest results as of runs a and b.
func pairOf(tx *bolt.Tx, key string, a, b uint64) (Pair, error) {
	art, ok, err := getArticle(tx, key)
	if err != nil {
		return Pair{}, err
	}
	if !ok {
		return Pair{}, fmt.Errorf("run index names unknown article %s", key)
	}
	p := Pair{Key: key}
	vb := tx.Bucket(bucketVersions)
	// Only the versions that end up in the pair are decoded; the others
	// are read by their header (run, cause).
	decode := func(n int, raw []byte) (*extract.ArticleResult, error) {
		v, err := decodeVersion(key, n, raw)
		if err != nil {
			return nil, err
		}
		return &v.Result, nil
	}
	for n := art.Versions; n >= 1; n-- {
		raw := vb.Get(versionKey(key, n))
		if raw == nil {
			return Pair{}, fmt.Errorf("version %d of %s: %w", n, key, ErrNotFound)
		}
		if len(raw) < 18 {
			return Pair{}, fmt.Errorf("version %d of %s: value of %d bytes is too short", n, key, len(raw))
		}
		run := binary.BigEndian.Uint64(raw[:8])
		if run > b {
			continue
		}
		if run > a {
			if p.After == nil {
				if p.After, err = decode(n, raw); err != nil {
					return Pair{}, err
				}
			}
			cl := int(binary.BigEndian.Uint16(raw[16:18]))
			if len(raw) < 18+cl {
				return Pair{}, fmt.Errorf("version %d of %s: cause overruns the value", n, key)
			}
			p.Causes = append([]string{string(raw[18 : 18+cl])}, p.Causes...)
			continue
		}
		r, err := decode(n, raw)
		if err != nil {
			return Pair{}, err
		}
		if p.After == nil {
			p.After = r
		}
		p.Before = r
		break
	}
	p.Causes = dedup(p.Causes)
	return p, nil
}

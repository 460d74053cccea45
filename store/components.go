package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"
)

// Component is a set of identity keys closed under the facts that
// join them, with the articles that state any of them: reconciling the
// facts of those articles that have these keys gives exactly the deals
// of these keys.
type Component struct {
	Keys     []string // sorted
	Articles []string // article keys, sorted
}

// DealComponents returns what the changed articles (article key → its
// latest result's IndexEntry) make it necessary to reconcile again: the
// identity keys their facts have now or had before (the stored index),
// joined by every fact that states two of them, in any article,
// transitively; each component with the articles that state its keys.
// An article's facts are joined only through shared keys, not because
// one article states them: an article about two deals puts them in one
// component only if their keys meet. Components are in order of their
// first key.
func (db *DB) DealComponents(changed map[string]IndexEntry) ([]Component, error) {
	parent := map[string]string{}
	find := func(x string) string {
		for {
			p, ok := parent[x]
			if !ok || p == x {
				return x
			}
			gp := parent[p]
			parent[x] = gp
			x = p
		}
	}
	add := func(k string) {
		if _, ok := parent[k]; !ok {
			parent[k] = k
		}
	}
	union := func(a, b string) {
		add(a)
		add(b)
		ra, rb := find(a), find(b)
		if ra != rb {
			if ra < rb {
				parent[rb] = ra
			} else {
				parent[ra] = rb
			}
		}
	}
	byKey := map[string][]string{} // identity key → articles stating it
	err := db.view(func(tx *bolt.Tx) error {
		idx := tx.Bucket(bucketDealIdx)
		entries := map[string][][][]string{} // article → its fact sets (new and old)
		pg := pager{tx: tx}
		load := func(art string) ([][][]string, error) {
			if f, ok := entries[art]; ok {
				return f, nil
			}
			pg.step()
			var sets [][][]string
			if e, ok := changed[art]; ok {
				sets = append(sets, e.Facts)
			}
			if idx != nil {
				if v := idx.Get(append([]byte{idxKey}, art...)); v != nil {
					var e IndexEntry
					if err := json.Unmarshal(v, &e); err != nil {
						return nil, fmt.Errorf("decode deal index of %s: %w", art, err)
					}
					sets = append(sets, e.Facts)
				}
			}
			entries[art] = sets
			return sets, nil
		}
		var queue []string
		seen := map[string]bool{}
		push := func(k string) {
			add(k)
			if !seen[k] {
				seen[k] = true
				queue = append(queue, k)
			}
		}
		newBy := map[string][]string{} // key → changed articles that state it now
		for _, art := range sortedKeys(changed) {
			sets, err := load(art)
			if err != nil {
				return err
			}
			for _, facts := range sets {
				for _, f := range facts {
					for _, k := range f {
						union(f[0], k)
						push(k)
					}
				}
			}
			for _, f := range changed[art].Facts {
				for _, k := range f {
					// Articles come in order, each once: a repeat is
					// this one's (a key in two of its facts).
					if n := len(newBy[k]); n == 0 || newBy[k][n-1] != art {
						newBy[k] = append(newBy[k], art)
					}
				}
			}
		}
		for len(queue) > 0 {
			k := queue[len(queue)-1]
			queue = queue[:len(queue)-1]
			arts := append([]string(nil), newBy[k]...)
			if idx != nil {
				// A set, not a scan of arts: a key stated by thousands
				// of articles (a popular pair) would cost their square.
				isNew := make(map[string]bool, len(arts))
				for _, a := range arts {
					isNew[a] = true
				}
				prefix := append(append([]byte{idxIdent}, k...), 0)
				c := idx.Cursor()
				for ik, _ := c.Seek(prefix); ik != nil && bytes.HasPrefix(ik, prefix); ik, _ = c.Next() {
					if a := string(ik[len(prefix):]); !isNew[a] {
						arts = append(arts, a)
					}
				}
			}
			byKey[k] = arts
			for _, art := range arts {
				sets, err := load(art)
				if err != nil {
					return err
				}
				for _, facts := range sets {
					for _, f := range facts {
						if !slices.Contains(f, k) {
							continue
						}
						for _, k2 := range f {
							union(k, k2)
							push(k2)
						}
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	comps := map[string]*Component{}
	arts := map[string]map[string]bool{}
	for k := range parent {
		r := find(k)
		c := comps[r]
		if c == nil {
			c = &Component{}
			comps[r] = c
			arts[r] = map[string]bool{}
		}
		c.Keys = append(c.Keys, k)
		for _, a := range byKey[k] {
			arts[r][a] = true
		}
	}
	out := make([]Component, 0, len(comps))
	for r, c := range comps {
		sort.Strings(c.Keys)
		c.Articles = sortedKeys(arts[r])
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Keys[0] < out[j].Keys[0] })
	return out, nil
}

package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/dealwatch/dealwatch/extract"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// ArticlesByID returns the articles that have or had each of ids (an
// article id, "sha256:…"), by id; ids no article had are left out.
// Each id is one index lookup, so it is cheap on a big store.
func (db *DB) ArticlesByID(ids []string) (map[string]Article, error) {
	out := make(map[string]Article, len(ids))
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketIDs)
		if b == nil {
			return nil
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
			a, ok, err := getArticle(tx, string(k[len(prefix):]))
			if err != nil {
				return err
			}
			if ok {
				out[id] = a
			}
		}
		return nil
	})
	return out, err
}

// VersionOfID returns the number of the latest version of the article
// with key whose text had id: an old id names the version it had. It
// returns ErrNotFound when no version of key has id.
func (db *DB) VersionOfID(key, id string) (int, error) {
	n := 0
	err := db.view(func(tx *bolt.Tx) error {
		art, ok, err := getArticle(tx, key)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("article %s: %w", key, ErrNotFound)
		}
		if art.ID == id {
			n = art.Versions
			return nil
		}
		vb := tx.Bucket(bucketVersions)
		for i := art.Versions; i >= 1; i-- {
			raw := vb.Get(versionKey(key, i))
			if len(raw) < 18 {
				continue
			}
			cl := int(raw[16])<<8 | int(raw[17])
			if len(raw) < 18+cl {
				continue
			}
			var head struct {
				Article struct {
					ID string `json:"id"`
				} `json:"article"`
			}
			body, err := unpack(raw[18+cl:])
			if err != nil {
				continue
			}
			if json.Unmarshal(body, &head) == nil && head.Article.ID == id {
				n = i
				return nil
			}
		}
		return fmt.Errorf("article %s never had id %s: %w", key, id, ErrNotFound)
	})
	return n, err
}

// IDsWithPrefix returns the article ids (current or former) that start
// with prefix, each with the key of its article, sorted by id; at most
// limit of them (0: no limit).
func (db *DB) IDsWithPrefix(prefix string, limit int) (ids, keys []string, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketIDs)
		if b == nil || prefix == "" {
			return nil
		}
		c := b.Cursor()
		for k, _ := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, _ = c.Next() {
			id, key, ok := strings.Cut(string(k), "\x00")
			if !ok {
				continue
			}
			ids, keys = append(ids, id), append(keys, key)
			if limit > 0 && len(ids) >= limit {
				break
			}
		}
		return nil
	})
	return ids, keys, err
}

// LatestConflicts returns the conflicts of the deals ids of the latest
// snapshot, read in one transaction without decoding the deals'
// timelines (what a review queue needs to order its items). ok is false
// when there is no current snapshot; unknown ids are left out.
func (db *DB) LatestConflicts(ids []string) (out map[string][]extract.Conflict, ok bool, err error) {
	out = make(map[string][]extract.Conflict, len(ids))
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.currentSnapshot(tx); !ok {
			return nil
		}
		snap := tx.Bucket(bucketDealSnap)
		for _, id := range ids {
			line := snap.Get(append([]byte{snapPublic}, id...))
			if line == nil {
				continue
			}
			cs, err := lineConflicts(line)
			if err != nil {
				return fmt.Errorf("decode deal %s: %w", id, err)
			}
			out[id] = cs
		}
		return nil
	})
	return out, ok, err
}

// lineConflicts decodes the conflicts of a stored deal line (packed or
// not) without its timeline, their values left as raw JSON.
func lineConflicts(line []byte) ([]extract.Conflict, error) {
	line, err := unpack(line)
	if err != nil {
		return nil, err
	}
	var d struct {
		Conflicts []struct {
			Field    extract.ConflictField `json:"field"`
			Values   []json.RawMessage     `json:"values"`
			Articles []string              `json:"articles"`
			Note     string                `json:"note"`
			Cause    extract.ConflictCause `json:"cause"`
		} `json:"conflicts"`
	}
	if err := decodeConflicts(line, &d.Conflicts); err != nil {
		return nil, err
	}
	cs := make([]extract.Conflict, len(d.Conflicts))
	for i, c := range d.Conflicts {
		cs[i] = extract.Conflict{Field: c.Field, Articles: c.Articles, Note: c.Note, Cause: c.Cause, Values: make([]any, len(c.Values))}
		for j, v := range c.Values {
			cs[i].Values[j] = v
		}
	}
	return cs, nil
}

// conflictsKey is the key of a deal line's conflicts. Quotes inside
// strings are escaped, and no object nested in a deal line has a
// "conflicts" field, so these bytes are that key.
var conflictsKey = []byte(`,"conflicts":`)

// decodeConflicts decodes the conflicts of a deal's canonical JSON line
// into v: only the value after the conflicts key, not the timeline
// before it (megabytes for a deal with thousands of sources). A line
// without the key is decoded whole.
func decodeConflicts(line []byte, v any) error {
	i := bytes.LastIndex(line, conflictsKey)
	if i < 0 {
		var whole struct {
			Conflicts any `json:"conflicts"`
		}
		whole.Conflicts = v
		return json.Unmarshal(line, &whole)
	}
	return json.NewDecoder(bytes.NewReader(line[i+len(conflictsKey):])).Decode(v)
}

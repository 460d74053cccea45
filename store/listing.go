package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Listed is one input of the store as "dealwatch articles" lists it: a
// stored article, or a source whose last attempt failed (then Article
// holds only its key unless an earlier version was stored).
type Listed struct {
	Article
	// Failed is set when the last attempt to read or extract the source
	// failed; Error says why (the run's error message).
	Failed bool   `json:"failed"`
	Error  string `json:"error,omitempty"`
	// FailedRun is the run of that attempt.
	FailedRun uint64 `json:"failed_run,omitempty"`
}

// ArticleListing returns every stored article and every source that
// failed last time, sorted by key. An article record written by an
// older dealwatch (no status) has its latest result decoded for its
// status, language and number of deals.
func (db *DB) ArticleListing() ([]Listed, error) {
	var out []Listed
	err := db.view(func(tx *bolt.Tx) error {
		byKey := map[string]int{}
		if b := tx.Bucket(bucketArticles); b != nil {
			err := b.ForEach(func(k, v []byte) error {
				var a Article
				if err := json.Unmarshal(v, &a); err != nil {
					return fmt.Errorf("decode article %s: %w", k, err)
				}
				if a.Status == "" && a.Versions > 0 {
					ver, err := getVersion(tx, a.Key, a.Versions)
					if err != nil {
						return err
					}
					a.Status, a.Lang, a.Deals = ver.Result.Status, ver.Result.Article.Lang, len(ver.Result.Deals)
				}
				byKey[a.Key] = len(out)
				out = append(out, Listed{Article: a})
				return nil
			})
			if err != nil {
				return err
			}
		}
		src := tx.Bucket(bucketSources)
		if src == nil {
			return nil
		}
		failed := []byte(`"failed":true`)
		return src.ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, failed) {
				return nil // decoded only when it failed
			}
			var e SourceEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode source entry %s: %w", k, err)
			}
			if e.Feed || !e.Failed {
				return nil
			}
			msg := runErrorFor(tx, e.Run, string(k))
			if i, ok := byKey[string(k)]; ok {
				out[i].Failed, out[i].Error, out[i].FailedRun = true, msg, e.Run
				return nil
			}
			out = append(out, Listed{Article: Article{Key: string(k), Source: string(k), ID: e.ArticleID, Status: extract.StatusFailed},
				Failed: true, Error: msg, FailedRun: e.Run})
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, err
}

// runErrorFor returns the message of run's error about source key (or
// its article source), "" when none is recorded.
func runErrorFor(tx *bolt.Tx, run uint64, key string) string {
	b := tx.Bucket(bucketRunErrors)
	if b == nil {
		return ""
	}
	prefix := u64(run)
	c := b.Cursor()
	msg := ""
	for k, v := c.Seek(prefix); k != nil && len(k) >= 8 && string(k[:8]) == string(prefix); k, v = c.Next() {
		var e RunError
		if json.Unmarshal(v, &e) != nil {
			continue
		}
		if e.Source == key || (msg == "" && len(key) > len(e.Source) && key[len(key)-len(e.Source):] == e.Source) {
			msg = e.Message
			if e.Source == key {
				break
			}
		}
	}
	return msg
}

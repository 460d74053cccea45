package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

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
		arts, list := tx.Bucket(bucketArticles), tx.Bucket(bucketArtList)
		if freshListing(tx) {
			err := list.ForEach(func(k, v []byte) error {
				if bytes.Equal(k, keyListRun) {
					return nil
				}
				a, ok := decodeListed(k, v)
				if !ok {
					return fmt.Errorf("bad article listing entry %q", k)
				}
				byKey[a.Key] = len(out)
				out = append(out, Listed{Article: a})
				return nil
			})
			if err != nil {
				return err
			}
		} else if b := arts; b != nil {
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
	for k, v := c.Seek(prefix); len(k) >= 8 && string(k[:8]) == string(prefix); k, v = c.Next() {
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

// The article listing: a compact copy of every article record, so that
// "dealwatch articles" lists 10,000 articles without decoding 10,000
// JSON records.
//
//	artlist  article key → the fields below, each ended by 0x00: id,
//	         source, title, published, lang, status, deals, versions,
//	         first seen and last seen (unix nanoseconds), as decimal
//	         numbers where numbers. Written with the article record in
//	         the same transaction.
//
// "\x00run" → the last run that wrote it. When a later run did not (a
// dealwatch older than the listing), or an article has no entry,
// ArticleListing decodes the article records instead. The bucket
// is created on first use: the format version is unchanged.
var bucketArtList = []byte("artlist")

const listFields = 10

// keyListRun is the listing's marker: the last run that wrote it (8
// bytes BE). No article key starts with 0x00.
var keyListRun = []byte("\x00run")

// putArticle stores an article record and its listing entry, and marks
// the listing as written by the article's last run.
func putArticle(tx *bolt.Tx, a Article) error {
	if err := putJSON(tx.Bucket(bucketArticles), []byte(a.Key), a); err != nil {
		return err
	}
	b, err := tx.CreateBucketIfNotExists(bucketArtList)
	if err != nil {
		return err
	}
	if v := b.Get(keyListRun); len(v) != 8 || binary.BigEndian.Uint64(v) < a.LastRun {
		if err := b.Put(keyListRun, u64(a.LastRun)); err != nil {
			return err
		}
	}
	return b.Put([]byte(a.Key), encodeListed(a))
}

// freshListing reports whether the listing holds every article as the
// article records do: it was written by the last run, and has one entry
// per article. A dealwatch older than the listing updates articles
// without it; then the records are read instead.
func freshListing(tx *bolt.Tx) bool {
	list, arts, runs := tx.Bucket(bucketArtList), tx.Bucket(bucketArticles), tx.Bucket(bucketRuns)
	if list == nil || arts == nil || runs == nil {
		return false
	}
	v := list.Get(keyListRun)
	last, _ := runs.Cursor().Last()
	if len(v) != 8 || len(last) != 8 || binary.BigEndian.Uint64(v) < binary.BigEndian.Uint64(last) {
		return false
	}
	return list.Stats().KeyN == arts.Stats().KeyN+1
}

func encodeListed(a Article) []byte {
	field := func(buf []byte, s string) []byte {
		for i := 0; i < len(s); i++ {
			if s[i] != 0 {
				buf = append(buf, s[i])
			}
		}
		return append(buf, 0)
	}
	buf := make([]byte, 0, 64+len(a.ID)+len(a.Source)+len(a.Title))
	buf = field(buf, a.ID)
	buf = field(buf, a.Source)
	buf = field(buf, a.Title)
	buf = field(buf, a.Published)
	buf = field(buf, a.Lang)
	buf = field(buf, string(a.Status))
	buf = strconv.AppendInt(buf, int64(a.Deals), 10)
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, int64(a.Versions), 10)
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, a.FirstSeen.UnixNano(), 10)
	buf = append(buf, 0)
	buf = strconv.AppendInt(buf, a.LastSeen.UnixNano(), 10)
	return append(buf, 0)
}

// decodeListed reads a listing entry; the article's runs and hash are
// not in it.
func decodeListed(key, v []byte) (Article, bool) {
	var f [listFields][]byte
	n := 0
	for n < listFields {
		i := bytes.IndexByte(v, 0)
		if i < 0 {
			return Article{}, false
		}
		f[n], v = v[:i], v[i+1:]
		n++
	}
	num := func(b []byte) int64 {
		x, _ := strconv.ParseInt(string(b), 10, 64)
		return x
	}
	a := Article{Key: string(key), ID: string(f[0]), Source: string(f[1]), Title: string(f[2]), Published: string(f[3]),
		Lang: string(f[4]), Status: extract.Status(f[5]), Deals: int(num(f[6])), Versions: int(num(f[7])),
		FirstSeen: time.Unix(0, num(f[8])).UTC(), LastSeen: time.Unix(0, num(f[9])).UTC()}
	return a, true
}

// checkListing checks the article listing: every entry decodes and
// matches its article record (id, versions, status).
func checkListing(tx *bolt.Tx, fail func(string, ...any)) {
	if !freshListing(tx) {
		return // absent, or left behind by an older dealwatch: not read
	}
	list := tx.Bucket(bucketArtList)
	list.ForEach(func(k, v []byte) error {
		if bytes.Equal(k, keyListRun) {
			return nil
		}
		l, ok := decodeListed(k, v)
		if !ok {
			fail("bad article listing entry %q", k)
			return nil
		}
		a, known, err := getArticle(tx, string(k))
		switch {
		case err != nil || !known:
			fail("article listing entry %q names no article (%v)", k, err)
		case a.ID != l.ID || a.Versions != l.Versions || a.Status != l.Status:
			fail("article listing entry %q says %s v%d %s, the article %s v%d %s", k, l.ID, l.Versions, l.Status, a.ID, a.Versions, a.Status)
		}
		return nil
	})
}

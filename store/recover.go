package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RecoverReport says what Recover copied and what it had to leave.
type RecoverReport struct {
	Runs, Articles, Versions int
	// Lost lists what could not be read or did not fit together (a
	// version whose run is gone, an article whose versions are
	// missing), one line each.
	Lost []string
}

// Recover copies every readable run, article version, source entry and
// cached LLM answer of the store at src, which may be damaged, into a
// new store at dst (which must not exist). The new store is consistent
// (Check passes): an article keeps its versions 1..n up to the first
// missing one, its source entry is marked failed when its stored result
// is not the one the entry describes (so the next run reads it again),
// and the deal snapshots are left out (the next run writes them; readers
// reconcile meanwhile). src is never written.
func Recover(src, dst string) (RecoverReport, error) {
	var rep RecoverReport
	if _, err := os.Lstat(dst); err == nil {
		return rep, fmt.Errorf("recover into %s: the file exists; give a new file", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return rep, fmt.Errorf("recover into %s: %w", dst, err)
	}
	raw, err := salvage(src, &rep)
	if err != nil {
		return rep, err
	}
	db, err := Open(dst, &Options{})
	if err != nil {
		return rep, err
	}
	defer db.Close()
	if err := db.update(func(tx *bolt.Tx) error { return rebuild(tx, raw, &rep) }); err != nil {
		return rep, fmt.Errorf("write %s: %w", dst, err)
	}
	if err := db.Check(); err != nil {
		return rep, fmt.Errorf("the recovered store %s is not consistent: %w", dst, err)
	}
	return rep, db.Close()
}

// salvage reads every key and value of the top-level buckets of the
// store at src that can be read, from a private copy (extended to the
// size its meta pages say when it was truncated, so bbolt can map it).
func salvage(src string, rep *RecoverReport) (map[string]map[string][]byte, error) {
	in, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("recover %s: %w", src, err)
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(src), ".recover-*.db")
	if err != nil {
		tmp, err = os.CreateTemp("", "dealwatch-recover-*.db")
		if err != nil {
			return nil, fmt.Errorf("recover %s: %w", src, err)
		}
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := io.Copy(tmp, in); err != nil {
		return nil, fmt.Errorf("copy %s: %w", src, err)
	}
	if err := padTruncated(tmp, rep); err != nil {
		return nil, err
	}
	if err := tmp.Sync(); err != nil {
		return nil, err
	}
	var b *bolt.DB
	err = guard(src, func() error {
		var err error
		b, err = bolt.Open(tmp.Name(), 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("recover %s: bbolt cannot open it even so: %w", src, boltOpenError(src, err))
	}
	defer b.Close()
	out := map[string]map[string][]byte{}
	for _, name := range allBuckets {
		m := map[string][]byte{}
		out[string(name)] = m
		var last []byte
		forward := guard(src, func() error {
			return b.View(func(tx *bolt.Tx) error {
				bk := tx.Bucket(name)
				if bk == nil {
					return nil
				}
				c := bk.Cursor()
				for k, v := c.First(); k != nil; k, v = c.Next() {
					if v == nil && bk.Bucket(k) != nil {
						continue
					}
					m[string(k)] = bytes.Clone(v)
					last = bytes.Clone(k)
				}
				return nil
			})
		})
		if forward == nil {
			continue
		}
		// A damaged page stopped the scan: read backwards from the end
		// up to it, so only the keys on damaged pages are lost.
		before := len(m)
		guard(src, func() error {
			return b.View(func(tx *bolt.Tx) error {
				c := tx.Bucket(name).Cursor()
				for k, v := c.Last(); k != nil && (last == nil || bytes.Compare(k, last) > 0); k, v = c.Prev() {
					m[string(k)] = bytes.Clone(v)
				}
				return nil
			})
		})
		rep.Lost = append(rep.Lost, fmt.Sprintf("bucket %s: part unreadable (%d entries read before the damage, %d after)", name, before, len(m)-before))
	}
	return out, nil
}

// padTruncated extends a copy of a truncated store to the size its
// valid meta page gives, with zeros.
func padTruncated(f *os.File, rep *RecoverReport) error {
	err := verifyFile(f.Name())
	var ce *CorruptError
	if err == nil || !errors.As(err, &ce) {
		return err
	}
	var have, want int64
	if _, serr := fmt.Sscanf(ce.Detail, "the file has %d bytes but its pages need %d", &have, &want); serr != nil {
		return fmt.Errorf("recover: %w", err) // both meta pages bad: bbolt cannot read it
	}
	rep.Lost = append(rep.Lost, fmt.Sprintf("the file was truncated: %d of %d bytes; what was in the missing part is lost", have, want))
	return f.Truncate(want)
}

// rebuild writes the salvaged entries into tx (a new store's), keeping
// only what fits together.
func rebuild(tx *bolt.Tx, raw map[string]map[string][]byte, rep *RecoverReport) error {
	lost := func(format string, a ...any) { rep.Lost = append(rep.Lost, fmt.Sprintf(format, a...)) }
	runs := map[uint64]bool{}
	rb := tx.Bucket(bucketRuns)
	var maxRun uint64
	for _, k := range sortedKeys(raw[string(bucketRuns)]) {
		var r Run
		if err := json.Unmarshal(raw[string(bucketRuns)][k], &r); err != nil || len(k) != 8 || r.ID != binary.BigEndian.Uint64([]byte(k)) {
			lost("run %x: unreadable", k)
			continue
		}
		if r.State == RunRunning {
			r.State, r.Note = RunAborted, "interrupted (found running by recover)"
		}
		if err := putJSON(rb, []byte(k), r); err != nil {
			return err
		}
		runs[r.ID] = true
		maxRun = max(maxRun, r.ID)
		rep.Runs++
	}
	if err := rb.SetSequence(maxRun); err != nil {
		return err
	}

	// Versions, grouped by article.
	type ver struct {
		v   Version
		raw []byte
	}
	byArticle := map[string]map[int]ver{}
	for _, k := range sortedKeys(raw[string(bucketVersions)]) {
		v := raw[string(bucketVersions)][k]
		key, n, ok := splitVersionKey([]byte(k))
		if !ok {
			lost("version key %q: unreadable", k)
			continue
		}
		dv, err := decodeVersion(string(key), n, v)
		if err != nil || !runs[dv.Run] {
			lost("version %d of %s: unreadable or its run is lost", n, key)
			continue
		}
		if byArticle[string(key)] == nil {
			byArticle[string(key)] = map[int]ver{}
		}
		byArticle[string(key)][n] = ver{dv, v}
	}
	ab, vb, ib := tx.Bucket(bucketArticles), tx.Bucket(bucketVersions), tx.Bucket(bucketIDs)
	kept := map[string]Article{}
	for _, key := range sortedKeys(byArticle) {
		vs := byArticle[key]
		n := 0
		for vs[n+1].raw != nil {
			n++
		}
		if n < len(vs) {
			lost("article %s: versions after %d dropped (version %d is lost)", key, n, n+1)
		}
		if n == 0 {
			continue
		}
		latest := vs[n]
		var a Article
		if j := raw[string(bucketArticles)][key]; j == nil || json.Unmarshal(j, &a) != nil {
			a = Article{FirstRun: vs[1].v.Run, FirstSeen: vs[1].v.Time}
		}
		hash, err := versionHash(latest.raw)
		if err != nil {
			return err
		}
		r := latest.v.Result
		a.Key, a.Versions, a.Hash = key, n, hash
		a.ID, a.Source = r.Article.ID, r.Article.Source
		a.Title, a.Published = deref(r.Article.Title), deref(r.Article.Published)
		if !runs[a.LastRun] || a.LastRun < latest.v.Run {
			a.LastRun, a.LastSeen = latest.v.Run, latest.v.Time
		}
		if !runs[a.FirstRun] {
			a.FirstRun, a.FirstSeen = vs[1].v.Run, vs[1].v.Time
		}
		if err := putJSON(ab, []byte(key), a); err != nil {
			return err
		}
		for i := 1; i <= n; i++ {
			if err := vb.Put(versionKey(key, i), vs[i].raw); err != nil {
				return err
			}
			if err := ib.Put(idKey(vs[i].v.Result.Article.ID, key), nil); err != nil {
				return err
			}
		}
		kept[key] = a
		rep.Articles++
		rep.Versions += n
	}
	for _, k := range sortedKeys(raw[string(bucketArticles)]) {
		if _, ok := kept[k]; !ok {
			lost("article %s: no readable version", k)
		}
	}

	rv := tx.Bucket(bucketRunVers)
	for k, v := range raw[string(bucketRunVers)] {
		if len(k) < 8 || len(v) != 4 || !runs[binary.BigEndian.Uint64([]byte(k[:8]))] {
			continue
		}
		if a, ok := kept[k[8:]]; !ok || int(binary.BigEndian.Uint32(v)) > a.Versions {
			continue
		}
		if err := rv.Put([]byte(k), v); err != nil {
			return err
		}
	}
	re := tx.Bucket(bucketRunErrors)
	for k, v := range raw[string(bucketRunErrors)] {
		if len(k) >= 8 && runs[binary.BigEndian.Uint64([]byte(k[:8]))] {
			if err := re.Put([]byte(k), v); err != nil {
				return err
			}
		}
	}
	sb := tx.Bucket(bucketSources)
	for k, v := range raw[string(bucketSources)] {
		var e SourceEntry
		if json.Unmarshal(v, &e) != nil {
			lost("source entry %s: unreadable (the next run reads it again)", k)
			continue
		}
		if a, ok := kept[k]; !e.Feed && (!ok || a.ID != e.ArticleID) {
			e.Failed = true // what it describes is lost: read it again
		}
		if err := putJSON(sb, []byte(k), e); err != nil {
			return err
		}
	}
	cb := tx.Bucket(bucketLLMCache)
	for k, v := range raw[string(bucketLLMCache)] {
		if err := cb.Put([]byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

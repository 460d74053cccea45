package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

// Article is an article as the store knows it: the facts that do not
// need its results decoded.
type Article struct {
	Key       string    `json:"key"`    // absolute path or URL; stable across edits
	Source    string    `json:"source"` // as the latest result names it
	ID        string    `json:"id"`     // id of the latest version's text
	Title     string    `json:"title"`
	Published string    `json:"published"`
	FirstRun  uint64    `json:"first_run"`
	LastRun   uint64    `json:"last_run"`
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	Versions  int       `json:"versions"` // number of the latest version (1-based)
	Hash      string    `json:"hash"`     // SHA-256 hex of the latest canonical result
	// Status, Lang and Deals summarise the latest result (its status,
	// language and number of deals), for listings that do not decode
	// results. Empty in a record written by an older dealwatch: see
	// ArticleListing.
	Status extract.Status `json:"status,omitempty"`
	Lang   string         `json:"lang,omitempty"`
	Deals  int            `json:"deals,omitempty"`
}

// Version is one stored version of an article's result.
type Version struct {
	Key    string
	N      int
	Run    uint64
	Time   time.Time
	Cause  string
	Result extract.ArticleResult
}

// SourceEntry is what the store remembers of an input to decide whether
// the next run can skip it.
type SourceEntry struct {
	Size         int64     `json:"size"`
	ModTime      time.Time `json:"mtime"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	// Fingerprint identifies the extractor configuration that produced
	// the stored result; a different one means the source is re-read.
	Fingerprint string `json:"fingerprint"`
	ArticleID   string `json:"article_id"` // id of the text last read, "" if unreadable
	Failed      bool   `json:"failed"`     // the last attempt failed: retry it
	Run         uint64 `json:"run"`        // run that last read it
	// Feed marks a feed's own entry: it lists articles but is none, so
	// it keeps only its validators (ETag, LastModified), the fingerprint
	// they were valid for, and Failed, set when the feed or one of its
	// items failed (then the next run fetches it unconditionally, so the
	// failed items are listed and retried).
	Feed bool `json:"feed,omitempty"`
	// Items are a feed's item keys as last listed, so that when the
	// feed answers 304 the run can still ask each item's page whether
	// it changed (conditionally), without the feed's body.
	Items []string `json:"items,omitempty"`
}

// Unchanged reports whether an input of the given size and modification
// time, processed with fingerprint, is known to give the stored result.
// An unknown (zero) modification time is never unchanged: URLs are
// checked with ETag and LastModified by the fetcher instead.
func (e SourceEntry) Unchanged(size int64, mtime time.Time, fingerprint string) bool {
	return !e.Failed && e.ArticleID != "" && !mtime.IsZero() &&
		e.Size == size && e.ModTime.Equal(mtime) && e.Fingerprint == fingerprint
}

// Record is one article as a run processed it, for SaveBatch.
type Record struct {
	// Key is the article key (absolute path or URL); "" means the
	// result's source.
	Key string
	// Source is what to remember about the input. Its ArticleID, Failed
	// and Run are set by SaveBatch.
	Source SourceEntry
	// Result is the pipeline's result, or nil when the input was skipped
	// as unchanged (see SourceEntry.Unchanged).
	Result *extract.ArticleResult
	// Usage is the LLM work behind Result.
	Usage extract.Usage
	// Web says how a source read over HTTP was fetched, for the run's
	// web counters; "" for a file.
	Web WebFetch
	// Feed marks a feed's own record: Source (its validators) is stored
	// under Key with no article, and the run counts it under Feeds, not
	// as an article. Result must be nil.
	Feed bool
	// Err, on a Feed record, is why the feed could not be read: it is
	// recorded in the run's errors and counted in FeedsFailed.
	Err string
}

// WebFetch is how a web source (article page or feed) was fetched.
type WebFetch string

// The ways a web source was fetched.
const (
	WebFetched     WebFetch = "fetched"      // downloaded (200)
	WebNotModified WebFetch = "not_modified" // 304 to a conditional request: nothing downloaded
	WebFailed      WebFetch = "failed"       // not fetched: error status, timeout, robots.txt, bad feed
)

func (r Record) key() string {
	if r.Key != "" {
		return r.Key
	}
	if r.Result != nil {
		return r.Result.Article.Source
	}
	return ""
}

// Outcome is what SaveBatch did with one record.
type Outcome string

// The outcomes of SaveBatch.
const (
	OutcomeNew       Outcome = "new"       // first version of a new article
	OutcomeChanged   Outcome = "changed"   // a new version of a known article
	OutcomeUnchanged Outcome = "unchanged" // same result as the latest version: nothing stored
	OutcomeSkipped   Outcome = "skipped"   // input not read: unchanged since the last run
	OutcomeFailed    Outcome = "failed"    // recorded in the run's errors only
	OutcomeFeed      Outcome = "feed"      // a feed's own record: not an article
)

// SaveBatch stores records for run runID in one transaction, with the
// run's counters, and returns each record's outcome. It returns
// ErrNotFound for an unknown run and ErrRunFinished for a run that is not
// running; on any error nothing of the batch is stored.
func (db *DB) SaveBatch(runID uint64, recs []Record) ([]Outcome, error) {
	out := make([]Outcome, len(recs))
	err := db.update(func(tx *bolt.Tx) error {
		run, err := getRun(tx, runID)
		if err != nil {
			return err
		}
		if run.State != RunRunning {
			return fmt.Errorf("run %d is %s: %w", runID, run.State, ErrRunFinished)
		}
		now := db.now().UTC()
		for i, rec := range recs {
			o, err := saveOne(tx, &run, rec, now)
			if err != nil {
				return fmt.Errorf("save %s: %w", rec.key(), err)
			}
			out[i] = o
		}
		run.Updated = now
		return putRun(tx, run)
	})
	if err != nil {
		return nil, fmt.Errorf("save batch of run %d: %w", runID, err)
	}
	return out, nil
}

func saveOne(tx *bolt.Tx, run *Run, rec Record, now time.Time) (Outcome, error) {
	key := rec.key()
	if key == "" {
		return "", errors.New("record has no key")
	}
	c := &run.Counts
	switch rec.Web {
	case WebFetched:
		c.WebFetched++
	case WebNotModified:
		c.WebNotModified++
	case WebFailed:
		c.WebFailed++
	}
	if rec.Feed {
		return saveFeed(tx, run, key, rec)
	}
	c.Seen++
	c.LLMCalls += rec.Usage.Calls
	c.CacheHits += rec.Usage.CacheHits
	c.PromptTokens += rec.Usage.PromptTokens
	c.CompletionTokens += rec.Usage.CompletionTokens
	c.BatchRequests += rec.Usage.BatchRequests
	c.Triaged += rec.Usage.Triaged
	c.BatchPromptTokens += rec.Usage.BatchPromptTokens
	c.BatchCompletionTokens += rec.Usage.BatchCompletionTokens

	art, known, err := getArticle(tx, key)
	if err != nil {
		return "", err
	}
	if rec.Result == nil {
		c.Unchanged++
		c.Skipped++
		if known {
			art.LastRun, art.LastSeen = run.ID, now
			return OutcomeSkipped, putArticle(tx, art)
		}
		return OutcomeSkipped, nil
	}
	r := rec.Result
	src := rec.Source
	src.Run = run.ID
	src.ArticleID = r.Article.ID
	if r.Status == extract.StatusFailed || r.Article.ID == "" {
		c.Failed++
		src.Failed = true
		msg := string(r.Status)
		if r.Error != nil {
			msg = *r.Error
		}
		if err := addRunError(tx, run.ID, RunError{Source: r.Article.Source, Article: r.Article.ID, Message: msg}); err != nil {
			return "", err
		}
		return OutcomeFailed, putSource(tx, key, src)
	}
	if run.PromptVersion == "" && r.Extractor.PromptVersion != nil {
		run.PromptVersion = *r.Extractor.PromptVersion
	}
	if run.Model == "" && r.Extractor.Model != nil {
		run.Model = *r.Extractor.Model
	}
	canon, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("encode result: %w", err)
	}
	sum := sha256.Sum256(canon)
	hash := hex.EncodeToString(sum[:])
	if err := putSource(tx, key, src); err != nil {
		return "", err
	}
	if known && art.Hash == hash {
		c.Unchanged++
		art.LastRun, art.LastSeen = run.ID, now
		return OutcomeUnchanged, putArticle(tx, art)
	}
	outcome := OutcomeNew
	cause := CauseNew
	if known {
		outcome = OutcomeChanged
		prev, err := getVersion(tx, key, art.Versions)
		if err != nil {
			return "", err
		}
		cause = Cause(&prev.Result, r)
		if cause == "" {
			cause = CauseUnexplained
			if pr, err := getRun(tx, prev.Run); err == nil && pr.Program != run.Program {
				cause = CauseProgram
			}
		}
		c.Changed++
	} else {
		c.New++
		art = Article{Key: key, FirstRun: run.ID, FirstSeen: now}
	}
	n := art.Versions + 1
	if err := tx.Bucket(bucketVersions).Put(versionKey(key, n), encodeVersion(run.ID, now, cause, canon)); err != nil {
		return "", err
	}
	if err := tx.Bucket(bucketRunVers).Put(append(u64(run.ID), key...), u32(uint32(n))); err != nil {
		return "", err
	}
	if err := tx.Bucket(bucketIDs).Put(idKey(r.Article.ID, key), nil); err != nil {
		return "", err
	}
	c.NewVersions++
	art.Source, art.ID = r.Article.Source, r.Article.ID
	art.Title, art.Published = deref(r.Article.Title), deref(r.Article.Published)
	art.LastRun, art.LastSeen = run.ID, now
	art.Versions, art.Hash = n, hash
	art.Status, art.Lang, art.Deals = r.Status, r.Article.Lang, len(r.Deals)
	return outcome, putArticle(tx, art)
}

// saveFeed stores a feed's own source entry: its validators for the
// next run's conditional request, no article.
func saveFeed(tx *bolt.Tx, run *Run, key string, rec Record) (Outcome, error) {
	if rec.Result != nil {
		return "", errors.New("feed record with a result")
	}
	c := &run.Counts
	src := rec.Source
	src.Feed, src.ArticleID, src.Run = true, "", run.ID
	if rec.Err != "" {
		c.FeedsFailed++
		src.Failed = true
		if err := addRunError(tx, run.ID, RunError{Source: key, Message: rec.Err}); err != nil {
			return "", err
		}
	} else {
		c.Feeds++
	}
	return OutcomeFeed, putSource(tx, key, src)
}

func addRunError(tx *bolt.Tx, runID uint64, e RunError) error {
	b := tx.Bucket(bucketRunErrors)
	prefix := u64(runID)
	seq := uint32(0)
	c := b.Cursor()
	// The last key with this run's prefix holds the highest seq.
	if k, _ := c.Seek(u64(runID + 1)); k != nil {
		if pk, _ := c.Prev(); pk != nil && bytes.HasPrefix(pk, prefix) {
			seq = binary.BigEndian.Uint32(pk[8:]) + 1
		}
	} else if pk, _ := c.Last(); pk != nil && bytes.HasPrefix(pk, prefix) {
		seq = binary.BigEndian.Uint32(pk[8:]) + 1
	}
	return putJSON(b, append(prefix, u32(seq)...), e)
}

// Source returns the source index entry of an article key.
func (db *DB) Source(key string) (SourceEntry, bool, error) {
	m, err := db.Sources([]string{key})
	e, ok := m[key]
	return e, ok, err
}

// Sources returns the source index entries of keys that have one, read
// in one transaction.
func (db *DB) Sources(keys []string) (map[string]SourceEntry, error) {
	out := make(map[string]SourceEntry, len(keys))
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSources)
		if b == nil {
			return nil
		}
		for _, k := range keys {
			v := b.Get([]byte(k))
			if v == nil {
				continue
			}
			var e SourceEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode source entry %s: %w", k, err)
			}
			out[k] = e
		}
		return nil
	})
	return out, err
}

// Article returns the article with key, or ErrNotFound.
func (db *DB) Article(key string) (Article, error) {
	var a Article
	err := db.view(func(tx *bolt.Tx) error {
		var ok bool
		var err error
		a, ok, err = getArticle(tx, key)
		if err == nil && !ok {
			err = fmt.Errorf("article %s: %w", key, ErrNotFound)
		}
		return err
	})
	return a, err
}

// Articles returns every article, by key.
func (db *DB) Articles() ([]Article, error) {
	var out []Article
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var a Article
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("decode article %s: %w", k, err)
			}
			out = append(out, a)
			return nil
		})
	})
	return out, err
}

// Resolve returns the keys of the articles ref names: an article key,
// an article id (current or former), or a unique-enough prefix of an id
// ("sha256:0bef4d"). It returns ErrNotFound when nothing matches.
func (db *DB) Resolve(ref string) ([]string, error) {
	var keys []string
	err := db.view(func(tx *bolt.Tx) error {
		if _, ok, err := getArticle(tx, ref); err != nil || ok {
			if ok {
				keys = []string{ref}
			}
			return err
		}
		b := tx.Bucket(bucketIDs)
		if b == nil || ref == "" {
			return nil
		}
		seen := map[string]bool{}
		c := b.Cursor()
		for k, _ := c.Seek([]byte(ref)); k != nil && bytes.HasPrefix(k, []byte(ref)); k, _ = c.Next() {
			_, key, ok := bytes.Cut(k, []byte{0})
			if ok && !seen[string(key)] {
				seen[string(key)] = true
				keys = append(keys, string(key))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("article %s: %w", ref, ErrNotFound)
	}
	sort.Strings(keys)
	return keys, nil
}

// Versions returns every version of the article with key, oldest first,
// or ErrNotFound.
func (db *DB) Versions(key string) ([]Version, error) {
	var out []Version
	err := db.view(func(tx *bolt.Tx) error {
		art, ok, err := getArticle(tx, key)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("article %s: %w", key, ErrNotFound)
		}
		for n := 1; n <= art.Versions; n++ {
			v, err := getVersion(tx, key, n)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// Version returns version n of the article with key (0 means the latest),
// or ErrNotFound.
func (db *DB) Version(key string, n int) (Version, error) {
	var v Version
	err := db.view(func(tx *bolt.Tx) error {
		art, ok, err := getArticle(tx, key)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("article %s: %w", key, ErrNotFound)
		}
		if n == 0 {
			n = art.Versions
		}
		if n < 1 || n > art.Versions {
			return fmt.Errorf("article %s has versions 1 to %d, not %d: %w", key, art.Versions, n, ErrNotFound)
		}
		v, err = getVersion(tx, key, n)
		return err
	})
	return v, err
}

// Latest returns the latest version of every article's result, sorted by
// article id (then source).
func (db *DB) Latest() ([]extract.ArticleResult, error) {
	var out []extract.ArticleResult
	err := db.EachLatest(func(r extract.ArticleResult) error {
		out = append(out, r)
		return nil
	})
	return out, err
}

// EachLatest calls fn with the latest version of every article's result,
// in Latest's order, decoding one at a time so memory stays flat on a
// big store. An error from fn stops it and is returned.
func (db *DB) EachLatest(fn func(extract.ArticleResult) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		if b == nil {
			return nil
		}
		type ref struct {
			id, source, key string
			n               int
		}
		var refs []ref
		err := b.ForEach(func(k, v []byte) error {
			var a Article
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("decode article %s: %w", k, err)
			}
			refs = append(refs, ref{a.ID, a.Source, a.Key, a.Versions})
			return nil
		})
		if err != nil {
			return err
		}
		sort.Slice(refs, func(i, j int) bool {
			if refs[i].id != refs[j].id {
				return refs[i].id < refs[j].id
			}
			return refs[i].source < refs[j].source
		})
		for _, r := range refs {
			ver, err := getVersion(tx, r.key, r.n)
			if err != nil {
				return err
			}
			if err := fn(ver.Result); err != nil {
				return err
			}
		}
		return nil
	})
}

// ResultsAt returns, for every article stored by the end of run runID,
// its latest version as of then, sorted by article id (then source). Run
// 0 gives nothing.
func (db *DB) ResultsAt(runID uint64) ([]extract.ArticleResult, error) {
	var out []extract.ArticleResult
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketVersions)
		if b == nil {
			return nil
		}
		var curKey []byte
		var cand []byte // value of the best version so far of curKey
		flush := func() error {
			if cand == nil {
				return nil
			}
			v, err := decodeVersion(string(curKey), 0, cand)
			if err != nil {
				return err
			}
			out = append(out, v.Result)
			cand = nil
			return nil
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			key, _, ok := splitVersionKey(k)
			if !ok {
				return fmt.Errorf("bad version key %q", k)
			}
			if !bytes.Equal(key, curKey) {
				if err := flush(); err != nil {
					return err
				}
				curKey = append(curKey[:0], key...)
			}
			if len(v) >= 8 && binary.BigEndian.Uint64(v[:8]) <= runID {
				cand = v
			}
		}
		return flush()
	})
	sortResults(out)
	return out, err
}

// Pair is an article's result before and after a span of runs; nil
// means it had no version then.
type Pair struct {
	Key    string
	Before *extract.ArticleResult
	After  *extract.ArticleResult
	// Causes are the stored causes of the versions written in the span,
	// oldest first, without repeats.
	Causes []string
}

func dedup(ss []string) []string {
	var out []string
	for _, s := range ss {
		dup := false
		for _, o := range out {
			if o == s {
				dup = true
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
}

func sortResults(rs []extract.ArticleResult) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Article.ID != rs[j].Article.ID {
			return rs[i].Article.ID < rs[j].Article.ID
		}
		return rs[i].Article.Source < rs[j].Article.Source
	})
}

func getArticle(tx *bolt.Tx, key string) (Article, bool, error) {
	var a Article
	b := tx.Bucket(bucketArticles)
	if b == nil {
		return a, false, nil
	}
	v := b.Get([]byte(key))
	if v == nil {
		return a, false, nil
	}
	if err := json.Unmarshal(v, &a); err != nil {
		return a, false, fmt.Errorf("decode article %s: %w", key, err)
	}
	return a, true, nil
}

func getVersion(tx *bolt.Tx, key string, n int) (Version, error) {
	b := tx.Bucket(bucketVersions)
	if b == nil {
		return Version{}, fmt.Errorf("version %d of %s: %w", n, key, ErrNotFound)
	}
	v := b.Get(versionKey(key, n))
	if v == nil {
		return Version{}, fmt.Errorf("version %d of %s: %w", n, key, ErrNotFound)
	}
	return decodeVersion(key, n, v)
}

func versionKey(key string, n int) []byte {
	k := make([]byte, 0, len(key)+5)
	k = append(k, key...)
	k = append(k, 0)
	return append(k, u32(uint32(n))...)
}

func splitVersionKey(k []byte) (key []byte, n int, ok bool) {
	if len(k) < 5 || k[len(k)-5] != 0 {
		return nil, 0, false
	}
	return k[:len(k)-5], int(binary.BigEndian.Uint32(k[len(k)-4:])), true
}

func idKey(id, key string) []byte {
	k := make([]byte, 0, len(id)+1+len(key))
	k = append(k, id...)
	k = append(k, 0)
	return append(k, key...)
}

func encodeVersion(run uint64, t time.Time, cause string, result []byte) []byte {
	v := make([]byte, 0, 18+len(cause)+len(result))
	v = append(v, u64(run)...)
	v = append(v, u64(uint64(t.UnixNano()))...)
	v = binary.BigEndian.AppendUint16(v, uint16(len(cause)))
	v = append(v, cause...)
	return append(v, pack(result)...)
}

// decodeVersion decodes a version value; n is 0 when unknown.
func decodeVersion(key string, n int, v []byte) (Version, error) {
	if len(v) < 18 {
		return Version{}, fmt.Errorf("version %d of %s: value of %d bytes is too short", n, key, len(v))
	}
	cl := int(binary.BigEndian.Uint16(v[16:18]))
	if len(v) < 18+cl {
		return Version{}, fmt.Errorf("version %d of %s: cause overruns the value", n, key)
	}
	ver := Version{
		Key:   key,
		N:     n,
		Run:   binary.BigEndian.Uint64(v[:8]),
		Time:  time.Unix(0, int64(binary.BigEndian.Uint64(v[8:16]))).UTC(),
		Cause: string(v[18 : 18+cl]),
	}
	result, err := unpack(v[18+cl:])
	if err != nil {
		return Version{}, fmt.Errorf("decode version %d of %s: %w", n, key, err)
	}
	if err := decodeResult(result, &ver.Result); err != nil {
		return Version{}, fmt.Errorf("decode version %d of %s: %w", n, key, err)
	}
	return ver, nil
}

// storedResult is extract.ArticleResult without its UnmarshalJSON.
type storedResult extract.ArticleResult

// decodeResult decodes a stored result as extract.ArticleResult's
// UnmarshalJSON does (then UpgradeResult), in one pass: through
// UnmarshalJSON encoding/json scans the bytes three times before
// decoding them, a third of the time of an export.
func decodeResult(b []byte, r *extract.ArticleResult) error {
	var p storedResult
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = extract.ArticleResult(p)
	extract.UpgradeResult(r)
	return nil
}

func putJSON(b *bolt.Bucket, k []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(k, data)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

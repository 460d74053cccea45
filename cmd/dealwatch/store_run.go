package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/dealwatch/dealwatch/store"
)

// runJob is one "dealwatch run": inputs through the pipeline into the
// store. "dealwatch run" (runOptions.run) builds it from flags; tests
// build it with fakes.
type runJob struct {
	DB       *store.DB
	Pipeline *extract.Pipeline
	Inputs   []string
	Info     store.RunInfo
	// Fingerprint identifies the extractor configuration; a source whose
	// stored fingerprint differs is re-read even if the file is not.
	Fingerprint string
	// Force re-reads every source.
	Force    bool
	MaxBytes int64
	// Fetcher reads the URL inputs (article pages and feeds); nil means
	// one with default options, built when there are URLs. One per run,
	// so the per-host rate limit holds across all of them.
	Fetcher *sources.Fetcher
	// Web configures ReadWeb (concurrency, items per feed); its
	// Validators are set by Do from the source index.
	Web sources.WebOptions
	// Chunk is how many sources are loaded into memory at once (0: 256);
	// Batch how many results are stored per transaction (0: 64).
	Chunk, Batch int
	Progress     progress
	// Deadline bounds the whole run (0: none): when it passes, the run
	// stops like an interrupted one, keeping what it stored.
	Deadline time.Duration
	// Prepare, when set, is called once before the first source is
	// extracted (not at all when every source is skipped): "run" loads
	// the language models there. An error aborts the run.
	Prepare func() error

	// Defer, when set, is asked about every extracted article before it
	// is stored; true keeps it out of the store for now (the Batch API
	// answers it later: see batchRun). Deferred, when set, is called
	// once every input went through, before the run is finished, with
	// the function that extracts and stores articles; MustRead makes a
	// source be read even when unchanged (its batch answer is due).
	Defer    func(a *extract.Article, o *extract.Outcome, key string, fetch store.WebFetch) bool
	Deferred func(ctx context.Context, run uint64, extractAll func([]extract.Article, []string, []store.WebFetch) error) error
	MustRead func(key string) bool

	// Set by Do when the run completes: the reconciled deals stored for
	// deals, history and diff (snapshotDeals), how many need review, and
	// the error that kept them from being stored (the run is complete
	// anyway; readers then reconcile the results themselves).
	Deals, Review int
	DealsErr      error

	// NotFetched lists the feed items whose page could not be read and
	// whose feed text stood in ("KEY: why"), for the run to report.
	NotFetched []string

	stored int // records stored so far
}

// errStore marks a store failure during a run (a full disk): the run
// stops, what was stored stays.
var errStore = errors.New("store write failed")

// Do runs the job and returns the run as stored at the end. The run is
// complete when every input went through (failed articles and feeds
// included), aborted when ctx was cancelled or the store failed; the
// error says which.
//
// Paths are listed and read in chunks; URLs (article pages and feeds)
// are fetched first, all at once, with j.Fetcher (see readWeb), then go
// through the same pipeline.
func (j *runJob) Do(ctx context.Context) (store.Run, error) {
	chunk, batch := j.Chunk, j.Batch
	if chunk <= 0 {
		chunk = 256
	}
	if batch <= 0 {
		batch = 64
	}
	prog := j.Progress
	if prog == nil {
		prog = noProgress{}
	}
	// The progress counts the extractions in flight.
	pipeline := *j.Pipeline
	pipeline.Extractor = countingExtractor{Extractor: pipeline.Extractor, prog: prog}
	paths, urls := sources.SplitInputs(j.Inputs)
	entries, notes := sources.List(paths)
	run, err := j.DB.BeginRun(j.Info)
	if err != nil {
		return store.Run{}, err
	}

	if j.Deadline > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, j.Deadline, &deadlineError{j.Deadline})
		defer stop()
	}
	ctx, cancelCause := context.WithCancelCause(ctx)
	defer cancelCause(nil)
	cancel := func() { cancelCause(nil) }
	web := newWebRead()
	// Web articles are counted as they are read: each URL counts one
	// until it turns out to be a feed of many.
	total := len(entries) + len(urls)
	prog.Start(run.ID, total, notes)

	var pending []store.Record
	var storeErr, prepErr error
	flush := func() {
		if len(pending) == 0 || storeErr != nil {
			return
		}
		outs, err := j.DB.SaveBatch(run.ID, pending)
		if err != nil {
			storeErr = err
			cancel()
			return
		}
		j.stored += len(outs)
		for i, o := range outs {
			if o == store.OutcomeFailed || pending[i].Web == store.WebFailed {
				// A failed item, or one whose page could not be read
				// (the feed's text stood in): the next run fetches its
				// feed in full and tries the page again.
				web.itemFailed(pending[i].Key)
			}
			prog.Done(o, pending[i])
		}
		pending = pending[:0]
	}
	// extractAll runs articles through the pipeline into pending; keys
	// are their article keys, fetch how each was fetched ("" for files).
	extractAll := func(articles []extract.Article, keys []string, fetch []store.WebFetch) error {
		if len(articles) > 0 && j.Prepare != nil {
			prepare := j.Prepare
			j.Prepare = nil
			if err := prepare(); err != nil {
				storeErr = err // not the store's fault, but it stops the run alike
				prepErr = err
				return err
			}
		}
		return pipeline.Run(ctx, articles, func(i int, o extract.Outcome) {
			a := &articles[i]
			if j.Defer != nil && j.Defer(a, &o, keys[i], fetch[i]) {
				a.Text = "" // counted when Deferred extracts it
				return
			}
			prog.Extracted()
			if notAttempted(ctx, o.Err) {
				// Not stored: the next run tries it again.
				if errors.Is(o.Err, extract.ErrUnavailable) {
					cancelCause(o.Err)
				}
				a.Text = ""
				return
			}
			r := o.Result
			if fetch[i] == store.WebFailed && o.Err == nil {
				for _, w := range r.Warnings {
					if w.Code == sources.WarnFeedContent {
						j.NotFetched = append(j.NotFetched, keys[i]+": "+w.Message)
					}
				}
			}
			pending = append(pending, store.Record{
				Key: keys[i],
				Source: store.SourceEntry{
					Size: a.Origin.Size, ModTime: a.Origin.ModTime,
					ETag: a.Origin.ETag, LastModified: a.Origin.LastModified,
					Fingerprint: j.Fingerprint,
				},
				Result: &r,
				Usage:  o.Usage,
				Web:    fetch[i],
			})
			a.Text = "" // free the text as soon as it is done
			if len(pending) >= batch {
				flush()
			}
		})
	}

	// Files: the next chunk is listed in the source index and read
	// (loadChunks) while the current one is extracted.
	chunks := make(chan fileChunk, 1)
	loadCtx, stopLoading := context.WithCancel(ctx)
	var loading sync.WaitGroup
	loading.Go(func() { j.loadChunks(loadCtx, entries, chunk, chunks) })
	for c := range chunks {
		if c.err != nil {
			storeErr = c.err
			break
		}
		if ctx.Err() != nil {
			break
		}
		for _, k := range c.skipped {
			pending = append(pending, store.Record{Key: k})
			prog.Extracted()
		}
		if len(pending) >= batch {
			flush()
		}
		err := extractAll(c.articles, c.keys, make([]store.WebFetch, len(c.articles)))
		if storeErr != nil || err != nil {
			break // cancelled: store what finished, then stop
		}
		flush()
	}
	stopLoading()
	loading.Wait()

	// Web sources, streamed: each part the fetcher reads (a few pages)
	// is extracted and stored before the next is fetched, so memory
	// holds a few pages and a killed run keeps what it stored. Pages
	// not modified are skipped; each feed's own entry is stored last
	// (once its items are), so a killed run leaves the feed's old
	// validators and the next run lists its items again.
	if storeErr == nil && ctx.Err() == nil && len(urls) > 0 {
		webSeen := 0
		j.readWeb(ctx, urls, web, func() {
			webSeen += len(web.skipped) + len(web.articles)
			if grown := len(entries) + max(len(urls), webSeen); grown != total || len(web.notes) > 0 {
				prog.More(grown-total, web.notes)
				total, web.notes = grown, nil
			}
			pending = append(pending, web.skipped...)
			for range web.skipped {
				prog.Extracted()
			}
			arts, keys, fetch := web.articles, web.keys, web.fetch
			web.skipped, web.articles, web.keys, web.fetch = nil, nil, nil, nil
			if storeErr != nil || ctx.Err() != nil {
				return
			}
			if extractAll(arts, keys, fetch) == nil {
				flush()
			}
		})
		flush()
		if storeErr == nil && ctx.Err() == nil {
			pending = append(pending, web.feedRecords()...)
		}
	}
	flush()
	if j.Deferred != nil && storeErr == nil && ctx.Err() == nil {
		if err := j.Deferred(ctx, run.ID, extractAll); err != nil && storeErr == nil && ctx.Err() == nil {
			storeErr = err
		}
		flush()
	}
	prog.Finish()
	state, note := store.RunComplete, ""
	var runErr error
	switch {
	case prepErr != nil:
		state, note = store.RunAborted, prepErr.Error()
		runErr = prepErr
	case storeErr != nil:
		state, note = store.RunAborted, storeErr.Error()
		runErr = fmt.Errorf("%w: %w; the articles stored before it are kept", errStore, storeErr)
	case ctx.Err() != nil:
		state, note = store.RunAborted, "interrupted"
		runErr = context.Cause(ctx)
		if runErr == nil || errors.Is(runErr, context.Canceled) {
			runErr = context.Canceled
		} else if stopped(runErr) {
			left := total - j.stored
			note = fmt.Sprintf("%v; %d of %d articles not attempted, they are tried again next run", runErr, left, total)
			runErr = fmt.Errorf("%w: %s", errStopped, note)
		}
	}
	if state == store.RunComplete {
		// Before the run is marked complete, so a complete run always
		// has its deals stored.
		j.Deals, j.Review, j.DealsErr = saveDeals(j.DB, run.ID)
	}
	if err := j.DB.FinishRun(run.ID, state, note); err != nil {
		return store.Run{}, errors.Join(runErr, err)
	}
	final, err := j.DB.Run(run.ID)
	if err != nil {
		return store.Run{}, errors.Join(runErr, err)
	}
	return final, runErr
}

func (j *runJob) mustRead(key string) bool { return j.MustRead != nil && j.MustRead(key) }

// fileChunk is a chunk of the file entries as loadChunks read it.
type fileChunk struct {
	// skipped are the keys of the sources unchanged since they were
	// stored, not read.
	skipped []string
	// articles are the sources read, with their article keys.
	articles []extract.Article
	keys     []string
	// err is a failed lookup in the source index; it is the last chunk.
	err error
}

// loadChunks sorts entries, size entries at a time, into the unchanged
// ones and the ones it reads, and sends each chunk to out; it closes out
// when done, when ctx is done, or after a chunk with an error. With out
// buffered, the next chunk is read while Do extracts the current one.
func (j *runJob) loadChunks(ctx context.Context, entries []sources.Entry, size int, out chan<- fileChunk) {
	defer close(out)
	opts := &sources.Options{MaxBytes: j.MaxBytes}
	for start := 0; start < len(entries) && ctx.Err() == nil; start += size {
		part := entries[start:min(start+size, len(entries))]
		keys := make([]string, len(part))
		for i, e := range part {
			keys[i] = articleKey(e.Source)
		}
		var c fileChunk
		known, err := j.DB.Sources(keys)
		if err != nil {
			c.err = err
		}
		for i, e := range part {
			if c.err != nil {
				break
			}
			if s, ok := known[keys[i]]; ok && !j.Force && e.Err == nil && s.Unchanged(e.Size, e.ModTime, j.Fingerprint) && !j.mustRead(keys[i]) {
				c.skipped = append(c.skipped, keys[i])
				continue
			}
			c.articles = append(c.articles, sources.Load(ctx, e, opts))
			c.keys = append(c.keys, keys[i])
		}
		select {
		case out <- c:
		case <-ctx.Done():
			return
		}
		if c.err != nil {
			return
		}
	}
}

// runFingerprint identifies what produces results for skip-unchanged:
// dealwatch's version, the backend flags, the schema version, the
// entities file, and the extractor's own description when it offers one
// (an Info() extract.ExtractorInfo method, e.g. the prompt version).
func runFingerprint(o *backendOptions, ex extract.Extractor) string {
	h := sha256.New()
	fmt.Fprintf(h, "dealwatch %s\x00schema %d\x00backend %s\x00model %s\x00mode %s\x00entities %s",
		Version, extract.SchemaVersion, o.Backend, o.Model, o.SchemaMode, o.Entities)
	if o.Entities != "" {
		if fi, err := os.Stat(o.Entities); err == nil {
			fmt.Fprintf(h, "\x00%d %d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	if info, ok := extractorInfo(ex); ok {
		fmt.Fprintf(h, "\x00info %s %s %s", info.Backend, strVal(info.Model), strVal(info.PromptVersion))
	}
	if o.Triage != "" {
		fmt.Fprintf(h, "\x00triage %s", o.Triage)
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:8])
}

// extractorInfo asks an extractor what it is, when it can say before
// extracting anything.
func extractorInfo(ex extract.Extractor) (extract.ExtractorInfo, bool) {
	if i, ok := ex.(interface{ Info() extract.ExtractorInfo }); ok && ex != nil {
		return i.Info(), true
	}
	return extract.ExtractorInfo{}, false
}

func strVal(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// lazyDetector builds the language detector on first use, so a re-run
// that skips every source never loads the language models.
type lazyDetector struct {
	once sync.Once
	new  func() (extract.Detector, error)
	d    extract.Detector
	err  error
}

func (l *lazyDetector) load() error {
	l.once.Do(func() { l.d, l.err = l.new() })
	return l.err
}

// Detect implements extract.Detector; if the detector cannot be built
// the text is "und" (the error is reported by the caller through load).
func (l *lazyDetector) Detect(text string) (string, float64) {
	if l.load() != nil {
		return "und", 0
	}
	return l.d.Detect(text)
}

// webRead is what readWeb fetched, sorted for Do.
type webRead struct {
	notes []string
	// skipped are the pages that answered 304 Not Modified: skipped as
	// unchanged, nothing read.
	skipped []store.Record
	// articles are the pages (and feed items read from the feed's own
	// content) to extract, with their article keys and how they were
	// fetched.
	articles []extract.Article
	keys     []string
	fetch    []store.WebFetch
	// feeds are the feeds' own records, stored after their items;
	// itemFeed maps an item's key to its feed's index in feeds, so a
	// failed item marks its feed failed (see itemFailed).
	feeds    []store.Record
	itemFeed map[string]int
	// seen are the article keys already sorted (skipped or to extract).
	seen map[string]bool
	// feedIdx maps a feed's URL to its index in feeds.
	feedIdx map[string]int
}

func newWebRead() *webRead {
	return &webRead{itemFeed: map[string]int{}, seen: map[string]bool{}, feedIdx: map[string]int{}}
}

// itemFailed marks the feed of a failed item (if it came from a feed)
// failed too, so the next run fetches that feed unconditionally and
// lists the item again instead of getting a 304 that hides it.
func (w *webRead) itemFailed(key string) {
	if i, ok := w.itemFeed[key]; ok {
		w.feeds[i].Source.Failed = true
	}
}

// feedRecords returns the feeds' own records, to store last.
func (w *webRead) feedRecords() []store.Record { return w.feeds }

// readWeb fetches the URL inputs with one Fetcher. Requests are
// conditional when the source index holds validators that are still
// worth using: the stored result was made with the same extractor
// fingerprint, its last attempt did not fail, and --force is off (a 304
// would otherwise leave nothing to re-extract).
//
// A feed that answers 304 lists no items, so its items as stored last
// time are asked next, each with its own conditional request: an
// article page updated without its feed changing is still read. Items
// that were read from the feed's own content (no validators) are
// skipped as unchanged, since the feed that held them did not change.
//
// The fetcher reads in parts; each is sorted into w and then batch is
// called, which takes w's skipped and articles away (to store them)
// before the next part is fetched.
func (j *runJob) readWeb(ctx context.Context, urls []string, w *webRead, batch func()) {
	f := j.Fetcher
	if f == nil {
		f = sources.NewFetcher(&sources.FetchOptions{MaxBytes: j.MaxBytes})
	}
	var mu sync.Mutex
	known := map[string]store.SourceEntry{}
	valid := func(e store.SourceEntry) bool {
		return !j.Force && !e.Failed && e.Fingerprint == j.Fingerprint &&
			(e.Feed || e.ArticleID != "") && (e.ETag != "" || e.LastModified != "")
	}
	o := j.Web
	o.Validators = func(u string) sources.Conditional {
		key := articleKey(u)
		e, ok, err := j.DB.Source(key)
		if err != nil || !ok {
			// A lookup error costs a full download, nothing else.
			return sources.Conditional{}
		}
		mu.Lock()
		known[key] = e
		mu.Unlock()
		if !valid(e) || j.mustRead(key) {
			return sources.Conditional{}
		}
		return sources.Conditional{ETag: e.ETag, LastModified: e.LastModified}
	}
	recheck := map[string]int{}
	o.Emit = func(part sources.WebReport) {
		mu.Lock()
		r := w.add(part, known, j.Fingerprint)
		mu.Unlock()
		for k, v := range r {
			recheck[k] = v
		}
		batch()
	}
	f.ReadWeb(ctx, urls, &o)
	if len(recheck) == 0 || ctx.Err() != nil {
		return
	}
	// The items of feeds that answered 304.
	keys := make([]string, 0, len(recheck))
	for k := range recheck {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	stored, err := j.DB.Sources(keys)
	if err != nil {
		stored = nil // ask them all
	}
	var ask []string
	for _, k := range keys {
		if w.seen[k] {
			continue // also given directly, already read
		}
		if e, ok := stored[k]; ok && !e.Failed && e.ArticleID != "" && e.ETag == "" && e.LastModified == "" && e.Fingerprint == j.Fingerprint {
			// Read from the feed's own content last time (its page
			// could not be fetched): the feed is unchanged, so is it.
			w.skipped = append(w.skipped, store.Record{Key: k})
			continue
		}
		ask = append(ask, k)
	}
	if len(ask) > 0 {
		for _, k := range ask {
			w.itemFeed[k] = recheck[k] // asked as pages, but they are its items
		}
		f.ReadWeb(ctx, ask, &o)
	}
	if len(w.skipped) > 0 {
		batch()
	}
}

// add sorts a ReadWeb report into w and returns the stored items of the
// feeds that answered 304 (item key → the feed's index in w.feeds).
func (w *webRead) add(rep sources.WebReport, known map[string]store.SourceEntry, fingerprint string) map[string]int {
	w.notes = append(w.notes, rep.Notes...)
	feedIdx := w.feedIdx
	for _, fr := range rep.Feeds {
		rec := store.Record{Key: articleKey(fr.URL), Feed: true, Web: store.WebFetched,
			Source: store.SourceEntry{ETag: fr.Result.ETag, LastModified: fr.Result.LastModified, Fingerprint: fingerprint}}
		if fr.Err != nil {
			rec.Web, rec.Err = store.WebFailed, fr.Err.Error()
		} else {
			w.notes = append(w.notes, fmt.Sprintf("feed %s: %d items", fr.URL, fr.Items))
		}
		feedIdx[fr.URL] = len(w.feeds)
		w.feeds = append(w.feeds, rec)
	}
	recheck := map[string]int{}
	for _, it := range rep.Items {
		key := articleKey(it.Article.Source)
		fi, inFeed := feedIdx[it.Feed]
		inFeed = inFeed && it.Feed != ""
		if inFeed && !strings.HasPrefix(key, it.Feed+"#") { // an item with no link has no page to ask
			w.feeds[fi].Source.Items = append(w.feeds[fi].Source.Items, key)
		}
		if !known[key].Feed {
			w.seen[key] = true
		}
		if it.Result.NotModified {
			if e, ok := known[key]; ok && e.Feed {
				w.notes = append(w.notes, fmt.Sprintf("feed %s: not modified since the last run; asking its %d items one by one", it.Article.Source, len(e.Items)))
				for _, k := range e.Items {
					recheck[k] = len(w.feeds)
				}
				w.feeds = append(w.feeds, store.Record{Key: key, Feed: true, Web: store.WebNotModified, Source: e})
				continue
			}
			w.skipped = append(w.skipped, store.Record{Key: key, Web: store.WebNotModified})
			continue
		}
		if e, ok := known[key]; ok && e.Feed && it.Feed == "" && it.Article.Err != nil {
			// A feed that failed before its body could tell what it is:
			// the index knows it as a feed.
			w.feeds = append(w.feeds, store.Record{Key: key, Feed: true, Web: store.WebFailed, Source: e, Err: it.Article.Err.Error()})
			continue
		}
		fetch := store.WebFetched
		if it.Article.Err != nil || hasWarning(&it.Article, sources.WarnFeedContent) {
			fetch = store.WebFailed // the page could not be read (the feed's content may stand in)
		}
		if inFeed {
			w.itemFeed[key] = fi
		}
		w.articles = append(w.articles, it.Article)
		w.keys = append(w.keys, key)
		w.fetch = append(w.fetch, fetch)
	}
	return recheck
}

func hasWarning(a *extract.Article, code string) bool {
	for _, w := range a.Warnings {
		if w.Code == code {
			return true
		}
	}
	return false
}

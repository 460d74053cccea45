package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/llm"
	"github.com/dealwatch/dealwatch/extract/rules"
	"github.com/dealwatch/dealwatch/store"
)

// batchOptions are the flags of "dealwatch run" for the Batch API, the
// triage and the cost summary.
type batchOptions struct {
	API    bool          // --batch-api
	NoWait bool          // --no-wait
	Resume bool          // --resume
	Poll   time.Duration // --batch-poll
	// MaxRequests and MaxBytes split the requests into batches (hidden
	// flags; the Batch API's limits by default).
	MaxRequests, MaxBytes int
	Triage                string // --triage on|off
	Price                 string // --price-per-1k PROMPT,COMPLETION
}

// AddFlags registers the flags.
func (o *batchOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	fs.BoolVar(&o.API, "batch-api", false, "send the model's requests through the Batch API (half the price, answers within 24 h); the run waits for them unless --no-wait")
	fs.BoolVar(&o.NoWait, "no-wait", false, "with --batch-api: submit the batch and end; a later run (or run --resume) collects the answers")
	fs.BoolVar(&o.Resume, "resume", false, "collect the answers of submitted batches: wait for them and store their articles (with no PATH, the batches' own sources)")
	fs.DurationVar(&o.Poll, "batch-poll", 30*time.Second, "how often a waiting run asks the Batch API about its batches")
	fs.IntVar(&o.MaxRequests, "batch-max-requests", llm.BatchMaxRequests, "most requests in one batch input file")
	fs.IntVar(&o.MaxBytes, "batch-max-bytes", llm.BatchMaxBytes, "largest batch input file, in bytes")
	_ = fs.MarkHidden("batch-max-requests")
	_ = fs.MarkHidden("batch-max-bytes")
	fs.StringVar(&o.Triage, "triage", "on", "on: articles where the figures, the deal cues and the rules show no possible deal get no model call (stored with a \"triaged\" note); off: every article goes to the model")
	fs.StringVar(&o.Price, "price-per-1k", env.Getenv("DEALWATCH_PRICE_PER_1K"), "the `PROMPT,COMPLETION` prices per 1,000 tokens (e.g. 0.00015,0.0006): the run summary gives the cost, batch answers at half price (env DEALWATCH_PRICE_PER_1K)")
}

// prices is --price-per-1k read.
type prices struct {
	prompt, completion float64
	set                bool
}

func (o *batchOptions) prices() (prices, error) {
	if strings.TrimSpace(o.Price) == "" {
		return prices{}, nil
	}
	p, c, ok := strings.Cut(o.Price, ",")
	pv, err1 := strconv.ParseFloat(strings.TrimSpace(p), 64)
	cv, err2 := strconv.ParseFloat(strings.TrimSpace(c), 64)
	if !ok || err1 != nil || err2 != nil || pv < 0 || cv < 0 {
		return prices{}, usageErr("--price-per-1k %q: want PROMPT,COMPLETION prices per 1,000 tokens, e.g. 0.15,0.60", o.Price)
	}
	return prices{pv, cv, true}, nil
}

// cost is what a run's tokens cost at p: batch answers at half price,
// as the Batch API bills them.
func (p prices) cost(c store.Counts) float64 {
	syncP, syncC := c.PromptTokens-c.BatchPromptTokens, c.CompletionTokens-c.BatchCompletionTokens
	full := float64(syncP)*p.prompt + float64(syncC)*p.completion
	half := (float64(c.BatchPromptTokens)*p.prompt + float64(c.BatchCompletionTokens)*p.completion) / 2
	return (full + half) / 1000
}

// triageOn reports whether the triage applies: --triage on, an LLM
// backend (the rules make no call to save).
func (o *batchOptions) triageOn(backend string) (bool, error) {
	switch o.Triage {
	case "on":
		return backend != "rules", nil
	case "off":
		return false, nil
	}
	return false, usageErr("--triage %q: choose on or off", o.Triage)
}

// triageFingerprint is what the triage adds to the run fingerprint, so
// that a source stored with one triage setting is read again with
// another: an article triaged away is not frozen once triage is off.
func (o *batchOptions) triageFingerprint(backend string) string {
	on, _ := o.triageOn(backend)
	if on {
		return "on " + rules.TriageVersion
	}
	if backend == "rules" {
		return ""
	}
	return "off"
}

// newTriage wraps ex (an LLM backend) in the triage, whose rules know
// the companies of --entities too.
func newTriage(bo *backendOptions, ex extract.Extractor, client *llm.Client) (*extract.Triage, error) {
	x, err := newRulesExtractor(bo)
	if err != nil {
		return nil, err
	}
	rx, ok := x.(*rules.Extractor)
	if !ok {
		return nil, fmt.Errorf("triage: unexpected rules extractor %T", x)
	}
	t := &extract.Triage{Next: ex, Check: func(a extract.Article) (bool, string) {
		v := rx.Triage(a)
		return v.Send, v.Reason
	}}
	if client != nil {
		t.Cached = client.Cached
	}
	return t, nil
}

// errHeld is the Extract error of an article kept back for the Batch
// API: not stored by this pass of the run (see batchRun.Defer).
var errHeld = errors.New("held for the Batch API")

// batchRun is the Batch API side of a run. At the start it asks the
// server about the batches in the store and collects the finished ones
// (collect); during the run its extractor (queue) answers the articles
// it has answers for, holds those whose request is in a batch still
// running, and, with --batch-api, queues the others; at the end (Finish)
// it submits the queue, waits unless --no-wait, and extracts the held
// articles with the answers.
type batchRun struct {
	db     *store.DB
	client *llm.Client
	next   extract.Extractor // the client, maybe behind nothing else
	opts   *batchOptions
	log    io.Writer
	wait   bool
	run    uint64

	mu sync.Mutex
	// inflight maps the custom_id of every request of an unfinished
	// batch to its batch id.
	inflight map[string]string
	// reread are the source keys whose answers are due (in flight or
	// collected and unused): read them even when unchanged.
	reread map[string]bool
	// syncOnly are requests of a batch that failed as a whole: they are
	// not submitted again, but asked synchronously.
	syncOnly map[string]bool
	// heldIDs are the articles (by id) Extract kept back; held their
	// records as Defer saw them.
	heldIDs map[string]heldID
	held    []heldArticle
	queued  map[string]bool // custom_ids to submit
	// seen are the sources this run extracted: their unused batch
	// results are dropped at the end (the text changed, or the answer
	// was in the cache).
	seen map[string]bool
	// unreachable counts the failed status requests per batch; a
	// waiting run gives up on a batch after maxUnreachable.
	unreachable map[string]int
	// collecting: the held articles are extracted (Finish).
	collecting bool

	// for the summary
	submitted     int
	batchIDs      []string
	waitingHeld   int
	notes         []string
	collectedNote []string
}

// heldID is what Extract knew of a held article: its custom_id and
// detected language.
type heldID struct{ custom, lang string }

type heldArticle struct {
	a      extract.Article
	key    string // article key (source)
	fetch  store.WebFetch
	custom string
}

func newBatchRun(db *store.DB, client *llm.Client, next extract.Extractor, o *batchOptions, log io.Writer) *batchRun {
	return &batchRun{
		db: db, client: client, next: next, opts: o, log: log,
		wait:     (o.API || o.Resume) && !o.NoWait, // a plain run does not wait for earlier batches
		inflight: map[string]string{}, reread: map[string]bool{}, syncOnly: map[string]bool{},
		heldIDs: map[string]heldID{}, queued: map[string]bool{}, seen: map[string]bool{}, unreachable: map[string]int{},
	}
}

func (b *batchRun) notef(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	b.notes = append(b.notes, msg)
	fmt.Fprintf(b.log, "dealwatch: batch: %s\n", msg)
}

// resumeInputs are the sources of the requests whose answers are due.
func (b *batchRun) resumeInputs() []string {
	out := make([]string, 0, len(b.reread))
	for k := range b.reread {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// MustRead reports whether source key must be read even if unchanged.
func (b *batchRun) MustRead(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.reread[key]
}

// collect asks the server about every batch not collected yet, collects
// the finished ones into the store, and loads every unused answer into
// the client. Only a store error is returned; a server that cannot be
// reached leaves the batches for the next run.
func (b *batchRun) collect(ctx context.Context) error {
	batches, err := b.db.Batches(true)
	if err != nil {
		return err
	}
	for _, bt := range batches {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if _, _, err := b.refresh(ctx, bt); err != nil {
			return err
		}
	}
	return b.loadResults()
}

// A submission marker: a batch being submitted, stored under
// submittingPrefix + the input file's name, with status
// statusSubmitting, and named in the batch's metadata under
// batchMetaKey.
const (
	submittingPrefix = "submitting:"
	statusSubmitting = "submitting"
	batchMetaKey     = "dealwatch_submission"
)

// adopt resolves a submission marker left by a killed run: the batch
// the server created for it takes its place, or, when there is none,
// the marker is dropped (its articles were never stored: the next run
// extracts them). ok is false when the server could not be asked.
func (b *batchRun) adopt(ctx context.Context, marker store.Batch) (store.Batch, bool, error) {
	st, found, err := b.client.FindBatch(ctx, batchMetaKey, marker.ID)
	if err != nil {
		if ctx.Err() != nil {
			return marker, false, ctx.Err()
		}
		b.notef("could not look for the batch of an interrupted submission (%v); the next run tries again", err)
		return marker, false, nil
	}
	if !found {
		return marker, false, b.db.DeleteBatch(marker.ID)
	}
	bt := marker
	bt.ID, bt.Status, bt.InputFile = st.ID, st.Status, st.InputFile
	if err := b.db.ReplaceBatch(marker.ID, bt); err != nil {
		return marker, false, err
	}
	fmt.Fprintf(b.log, "dealwatch: batch: found %s, submitted by run %d before it was interrupted\n", bt.ID, bt.Run)
	return bt, true, nil
}

// refresh asks about one batch, stores its status, and collects it when
// it is finished. It returns the batch as it now stands and whether it
// is finished (collected).
func (b *batchRun) refresh(ctx context.Context, bt store.Batch) (store.Batch, bool, error) {
	if bt.Status == statusSubmitting {
		var ok bool
		var err error
		if bt, ok, err = b.adopt(ctx, bt); err != nil || !ok {
			return bt, false, err
		}
	}
	st, err := b.client.RetrieveBatch(ctx, bt.ID)
	if err != nil {
		if ctx.Err() != nil {
			return bt, false, ctx.Err()
		}
		b.unreachable[bt.ID]++
		if b.unreachable[bt.ID] == 1 {
			b.notef("could not ask about batch %s (%v); its %d requests wait", bt.ID, err, len(bt.Requests))
		}
		b.markInflight(bt)
		return bt, false, nil
	}
	b.unreachable[bt.ID] = 0
	bt.Status, bt.Updated = st.Status, time.Now().UTC()
	bt.OutputFile, bt.ErrorFile = st.OutputFile, st.ErrorFile
	bt.Total, bt.Completed, bt.Failed, bt.Errors = st.Total, st.Completed, st.Failed, st.Errors
	if !llm.BatchDone(st.Status) {
		b.markInflight(bt)
		return bt, false, b.db.PutBatch(bt)
	}
	rs, err := b.client.BatchResults(ctx, st)
	if err != nil {
		if ctx.Err() != nil {
			return bt, false, ctx.Err()
		}
		b.notef("batch %s is %s but its results could not be read (%v); the next run tries again", bt.ID, st.Status, err)
		b.markInflight(bt)
		return bt, false, b.db.PutBatch(bt)
	}
	raw := make(map[string][]byte, len(rs))
	answers := 0
	for _, r := range rs {
		if r.OK() {
			answers++
		}
		v, _ := json.Marshal(r)
		raw[r.Key] = v
	}
	if err := b.db.CollectBatch(bt, raw); err != nil {
		return bt, false, err
	}
	b.mu.Lock()
	for _, rq := range bt.Requests {
		delete(b.inflight, rq.Key)
		b.reread[rq.Source] = true
		if st.Status == llm.BatchFailed {
			b.syncOnly[rq.Key] = true
		}
	}
	b.mu.Unlock()
	msg := fmt.Sprintf("batch %s %s: %d of %d requests answered", bt.ID, st.Status, answers, len(bt.Requests))
	if missing := len(bt.Requests) - answers; missing > 0 {
		msg += fmt.Sprintf("; %d without an answer are asked again", missing)
	}
	if len(st.Errors) > 0 {
		msg += " (" + strings.Join(st.Errors, "; ") + ")"
	}
	b.collectedNote = append(b.collectedNote, msg)
	fmt.Fprintf(b.log, "dealwatch: batch: %s\n", msg)
	return bt, true, nil
}

func (b *batchRun) markInflight(bt store.Batch) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, rq := range bt.Requests {
		b.inflight[rq.Key] = bt.ID
		b.reread[rq.Source] = true
	}
}

// loadResults gives the client the collected answers not used yet.
func (b *batchRun) loadResults() error {
	raw, err := b.db.BatchResults()
	if err != nil {
		return err
	}
	rs := make([]llm.BatchResult, 0, len(raw))
	for _, v := range raw {
		var r llm.BatchResult
		if json.Unmarshal(v, &r) == nil {
			rs = append(rs, r)
		}
	}
	b.client.AddBatchAnswers(rs)
	batches, err := b.db.Batches(false)
	if err != nil {
		return err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, bt := range batches {
		for _, rq := range bt.Requests {
			if _, ok := raw[rq.Key]; ok {
				b.reread[rq.Source] = true
			}
		}
	}
	return nil
}

// queue is the run's extractor below the triage: it answers from the
// cache and from batch answers, holds articles whose request is in a
// running batch, and queues the others for a new batch (--batch-api) or
// asks synchronously.
type batchQueue struct{ b *batchRun }

// Extract implements extract.Extractor.
func (q batchQueue) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	b := q.b
	key := b.client.ArticleKey(a)
	b.mu.Lock()
	collecting := b.collecting
	_, inflight := b.inflight[key]
	syncOnly := b.syncOnly[key]
	b.mu.Unlock()
	if collecting || b.client.HasBatchAnswer(key) || b.client.Cached(a) {
		return b.next.Extract(ctx, a)
	}
	if !inflight && (!b.opts.API || syncOnly) {
		return b.next.Extract(ctx, a)
	}
	b.mu.Lock()
	b.heldIDs[a.ID] = heldID{key, a.Lang}
	if !inflight {
		b.queued[key] = true
	}
	b.mu.Unlock()
	return extract.Extraction{}, &extract.ExtractError{Info: b.client.Info(), Err: errHeld}
}

// Info implements what runFingerprint asks an extractor.
func (q batchQueue) Info() extract.ExtractorInfo { return q.b.client.Info() }

// Defer is runJob.Defer: an article Extract held is kept out of the
// store for now, with what Finish needs to extract it again.
func (b *batchRun) Defer(a *extract.Article, o *extract.Outcome, key string, fetch store.WebFetch) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seen[key] = true
	if o.Result.Status != extract.StatusFailed {
		return false
	}
	if b.collecting {
		return false
	}
	id, ok := b.heldIDs[a.ID]
	if !ok {
		return false
	}
	h := heldArticle{a: *a, key: key, fetch: fetch, custom: id.custom}
	h.a.Lang = id.lang
	b.held = append(b.held, h)
	return true
}

// Finish is runJob.Deferred: it submits the queued requests, waits for
// the batches the held articles need (unless --no-wait), and extracts
// those articles with extractAll. Only store errors and ctx's are
// returned: a batch that cannot be submitted leaves its articles to
// synchronous calls.
func (b *batchRun) Finish(ctx context.Context, run uint64, extractAll func([]extract.Article, []string, []store.WebFetch) error) error {
	b.run = run
	if len(b.held) == 0 {
		return b.cleanup()
	}
	if err := b.submit(ctx); err != nil {
		return err
	}
	if b.wait {
		if err := b.waitFor(ctx); err != nil {
			return err
		}
		if err := b.loadResults(); err != nil {
			return err
		}
	}
	// Extract what can be now: everything when waiting, else the
	// articles whose batch could not be submitted.
	b.mu.Lock()
	b.collecting = true
	var arts []extract.Article
	var keys []string
	var fetch []store.WebFetch
	for _, h := range b.held {
		if _, ok := b.inflight[h.custom]; ok {
			b.waitingHeld++
			continue
		}
		arts, keys, fetch = append(arts, h.a), append(keys, h.key), append(fetch, h.fetch)
	}
	b.held = nil
	b.mu.Unlock()
	if err := extractAll(arts, keys, fetch); err != nil {
		return err
	}
	return b.cleanup()
}

// cleanup drops the batch results this run used, and those of the
// sources it extracted that it did not use (the article's text changed
// since, or its answer was in the cache): nothing is due for them any
// more.
func (b *batchRun) cleanup() error {
	drop := b.client.UsedBatchAnswers()
	batches, err := b.db.Batches(false)
	if err != nil {
		return err
	}
	old := time.Now().Add(-resultsKept)
	b.mu.Lock()
	for _, bt := range batches {
		if !bt.Collected {
			continue
		}
		stale := bt.Done != nil && bt.Done.Before(old)
		for _, rq := range bt.Requests {
			if b.seen[rq.Source] || stale {
				drop = append(drop, rq.Key)
			}
		}
	}
	b.mu.Unlock()
	return b.db.DeleteBatchResults(drop)
}

// resultsKept is how long the unused results of a collected batch are
// kept for a run to read their sources (a source that is gone, or no
// longer given to run, would keep them forever).
const resultsKept = 7 * 24 * time.Hour

// submit writes the queued requests into batch input files, uploads
// them and creates the batches, storing each batch at once.
func (b *batchRun) submit(ctx context.Context) error {
	var lines [][]byte
	var reqs []store.BatchRequest
	seen := map[string]bool{}
	for _, h := range b.held {
		if !b.queued[h.custom] || seen[h.custom] {
			continue
		}
		seen[h.custom] = true
		key, line, err := b.client.BatchLine(h.a)
		if err != nil {
			b.notef("%s: no batch request (%v); asked synchronously", h.key, err)
			continue
		}
		lines = append(lines, line)
		reqs = append(reqs, store.BatchRequest{Key: key, Source: h.key})
	}
	if len(lines) == 0 {
		return nil
	}
	files := llm.SplitBatches(lines, b.opts.MaxRequests, b.opts.MaxBytes)
	at := 0
	for i, f := range files {
		part := reqs[at : at+len(f)]
		at += len(f)
		name := fmt.Sprintf("dealwatch-run%d-%d.jsonl", b.run, i+1)
		// A marker first: a run killed between the server creating the
		// batch and the store keeping its id leaves the marker, and the
		// next run finds the batch by the marker's id in its metadata.
		now := time.Now().UTC()
		marker := store.Batch{ID: submittingPrefix + name, Run: b.run, Model: strVal(b.client.Info().Model), Status: statusSubmitting,
			Start: now, Updated: now, Total: len(f), Requests: part}
		if err := b.db.PutBatch(marker); err != nil {
			return err
		}
		st, err := b.client.SubmitBatch(ctx, name, f, map[string]any{"dealwatch_run": strconv.FormatUint(b.run, 10), batchMetaKey: marker.ID})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err() // the marker stays: the batch may exist
			}
			if err := b.db.DeleteBatch(marker.ID); err != nil {
				return err
			}
			b.notef("batch %d of %d could not be submitted (%v); its %d articles are asked synchronously", i+1, len(files), err, len(f))
			continue
		}
		bt := marker
		bt.ID, bt.Status, bt.InputFile = st.ID, st.Status, st.InputFile
		if err := b.db.ReplaceBatch(marker.ID, bt); err != nil {
			return err
		}
		b.markInflight(bt)
		b.submitted += len(f)
		b.batchIDs = append(b.batchIDs, st.ID)
		if err := b.db.AddRunCounts(b.run, func(c *store.Counts) { c.BatchSubmitted += len(f) }); err != nil {
			return err
		}
		fmt.Fprintf(b.log, "dealwatch: batch: submitted %s: %d requests (%s)\n", st.ID, len(f), name)
	}
	return nil
}

// waitFor polls the batches the held articles need until they are all
// finished, with a progress line at each poll.
func (b *batchRun) waitFor(ctx context.Context) error {
	start := time.Now()
	poll := b.opts.Poll
	if poll <= 0 {
		poll = 30 * time.Second
	}
	for {
		b.mu.Lock()
		want := map[string]bool{}
		for _, h := range b.held {
			if id, ok := b.inflight[h.custom]; ok {
				want[id] = true
			}
		}
		b.mu.Unlock()
		if len(want) == 0 {
			return nil
		}
		batches, err := b.db.Batches(true)
		if err != nil {
			return err
		}
		total, done, failed, open := 0, 0, 0, 0
		for _, bt := range batches {
			if !want[bt.ID] {
				continue
			}
			bt, finished, err := b.refresh(ctx, bt)
			if err != nil {
				return err
			}
			if !finished && b.unreachable[bt.ID] < maxUnreachable {
				open++
			}
			total += max(bt.Total, len(bt.Requests))
			done += bt.Completed
			failed += bt.Failed
		}
		fmt.Fprintf(b.log, "dealwatch: batch: %d of %d requests done, %d failed, %s elapsed (%d batch(es) still running)\n",
			done, total, failed, time.Since(start).Round(time.Second), open)
		if open == 0 {
			return nil
		}
		t := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// maxUnreachable is how many polls in a row a waiting run tries a
// batch the server cannot tell about before it stops waiting for it
// (its articles are collected by a later run).
const maxUnreachable = 5

// summary prints the Batch API lines of the run summary.
func (b *batchRun) summary(w io.Writer) {
	if b == nil {
		return
	}
	if b.submitted > 0 {
		fmt.Fprintf(w, "  batch      %d requests submitted in %s (%s)\n", b.submitted, countNoun(len(b.batchIDs), "batch", "batches"), strings.Join(b.batchIDs, ", "))
	}
	for _, n := range b.collectedNote {
		fmt.Fprintf(w, "  batch      %s\n", n)
	}
	if b.waitingHeld > 0 {
		fmt.Fprintf(w, "  batch      %d articles wait for their batch answers: a later run collects them (dealwatch run --resume)\n", b.waitingHeld)
	}
}

// check refuses flag combinations that cannot work.
func (o *batchOptions) check(backend string) error {
	if _, err := o.triageOn(backend); err != nil {
		return err
	}
	if _, err := o.prices(); err != nil {
		return err
	}
	if (o.API || o.Resume && backend != "rules") && backend != "openai" {
		// --resume with the default backend takes openai (resumeBackend)
		return usageErr("--batch-api and --resume need --backend openai (the Batch API is OpenAI's)")
	}
	if o.NoWait && !o.API && !o.Resume {
		return usageErr("--no-wait goes with --batch-api")
	}
	if o.MaxRequests < 1 || o.MaxBytes < 1 {
		return usageErr("--batch-max-requests and --batch-max-bytes must be positive")
	}
	return nil
}

// setup builds the run's extractor chain around ex: the triage (when on)
// in front of the Batch API queue (openai backend) in front of ex. It
// collects the finished batches of earlier runs first. br is nil when
// the Batch API is not involved (rules and replay backends).
func (o *batchOptions) setup(ctx context.Context, env *Env, db *store.DB, bo *backendOptions, ex extract.Extractor) (chain extract.Extractor, br *batchRun, err error) {
	bo.Triage = o.triageFingerprint(bo.Backend)
	chain = ex
	client, _ := ex.(*llm.Client)
	if client != nil && bo.Backend == "openai" {
		br = newBatchRun(db, client, ex, o, env.Stderr)
		if err := br.collect(ctx); err != nil {
			return nil, nil, err
		}
		chain = batchQueue{br}
	}
	if on, _ := o.triageOn(bo.Backend); on {
		t, err := newTriage(bo, chain, client)
		if err != nil {
			return nil, nil, err
		}
		chain = t
	}
	return chain, br, nil
}

// summary prints the triage, Batch API and cost lines of the run
// summary.
func (o *batchOptions) summary(w io.Writer, r store.Run, br *batchRun) {
	c := r.Counts
	if on, _ := o.triageOn(r.Backend); on || c.Triaged > 0 {
		fmt.Fprintf(w, "  triage     %s not sent to the model (%s saved)\n", countNoun(c.Triaged, "article", "articles"), countNoun(c.Triaged, "call", "calls"))
	}
	br.summary(w)
	if p, _ := o.prices(); p.set {
		fmt.Fprintf(w, "  cost       $%.4f for %d tokens at $%g prompt, $%g completion per 1k (batch answers at half price)\n", p.cost(c), c.Tokens(), p.prompt, p.completion)
	}
}

// resumeBackend fills in what --resume can tell from the store: the
// openai backend when the backend was left at its default (rules, which
// has no batches), and the model of the latest batch when none is given.
// due reports whether any batch is unfinished or has unused answers.
func (o *batchOptions) resumeBackend(db *store.DB, bo *backendOptions) (due bool, err error) {
	if bo.Backend == "rules" {
		bo.Backend = "openai"
	}
	batches, err := db.Batches(false)
	if err != nil {
		return false, err
	}
	results, err := db.BatchResults()
	if err != nil {
		return false, err
	}
	due = len(results) > 0
	for _, bt := range batches {
		due = due || !bt.Collected
	}
	if strings.TrimSpace(bo.Model) == "" {
		for i := len(batches) - 1; i >= 0; i-- {
			if batches[i].Model != "" {
				bo.Model = batches[i].Model
				break
			}
		}
	}
	return due, nil
}

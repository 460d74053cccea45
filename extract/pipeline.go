package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"
)

// Detector names the language of a piece of text. lang is lowercase ISO
// 639-1 ("it", "zh"), or "und" when the text gives no clue; confidence is
// in [0,1]. langid.Detector is the real one.
type Detector interface {
	Detect(text string) (lang string, confidence float64)
}

// Extractor finds the deals an article states. The article's Lang is
// already set to its detected, supported language. An error means the
// article failed (after the backend's own retries); the pipeline records
// it on the result and goes on with the other articles.
type Extractor interface {
	Extract(ctx context.Context, a Article) (Extraction, error)
}

// Extraction is what an Extractor returns for one article.
type Extraction struct {
	Deals    []Deal
	Warnings []Warning
	Info     ExtractorInfo
	Usage    Usage
}

// ExtractError is an Extractor failure that still knows what produced
// it (backend, model) and what it cost, so a failed result is honest.
type ExtractError struct {
	Info  ExtractorInfo
	Usage Usage
	Err   error
}

func (e *ExtractError) Error() string { return e.Err.Error() }
func (e *ExtractError) Unwrap() error { return e.Err }

// Supported lists the languages dealwatch extracts from.
var Supported = []string{"it", "es", "en"}

// IsSupported reports whether lang is one of Supported.
func IsSupported(lang string) bool {
	for _, s := range Supported {
		if s == lang {
			return true
		}
	}
	return false
}

// Pipeline turns Articles into ArticleResults: language detection, the
// backend, then grounding of every figure against the text.
//
// The zero Pipeline is not usable: Detector is required. A nil Extractor
// yields results with no deals and backend "none".
type Pipeline struct {
	Detector  Detector
	Extractor Extractor
	// Concurrency bounds how many articles are processed at once in Run;
	// zero means 1.
	Concurrency int
}

// Outcome is one processed article: its result and the LLM work it took.
type Outcome struct {
	Result ArticleResult
	Usage  Usage
	// Err is the extractor's error when it failed (Result says so in
	// words); a caller tests it for ErrUnavailable.
	Err error
}

// ErrUnavailable means the extractor's backend cannot be reached (its
// circuit breaker is open after repeated connection failures): the
// article was not attempted, and no other article will be either.
var ErrUnavailable = errors.New("the extraction backend is unreachable")

// Process returns the result for one article. It never returns an error:
// every failure is recorded in the result's status and error.
func (p *Pipeline) Process(ctx context.Context, a Article) Outcome {
	w, o, ok := p.begin(a)
	if !ok {
		return o
	}
	return p.finish(ctx, w)
}

// backendWork is an article ready for the backend: checked, its
// language detected, with the result so far.
type backendWork struct {
	a Article
	r ArticleResult
}

// begin does the CPU work before the backend: the checks and the
// language detection. ok is false when the article is done without the
// backend (failed, empty, unsupported, or no Extractor): o is its
// outcome.
func (p *Pipeline) begin(a Article) (w backendWork, o Outcome, ok bool) {
	r := ArticleResult{
		SchemaVersion: SchemaVersion,
		Article: ArticleInfo{
			ID:        a.ID,
			Source:    a.Source,
			Title:     StrPtr(a.Title),
			Published: StrPtr(a.Published),
			Lang:      "und",
		},
		Extractor: ExtractorInfo{Backend: "none"},
		Warnings:  append([]Warning(nil), a.Warnings...),
	}
	fail := func(st Status, msg string) (backendWork, Outcome, bool) {
		r.Status = st
		r.Error = &msg
		return backendWork{}, Outcome{Result: r}, false
	}
	if a.Err != nil {
		return fail(StatusFailed, a.Err.Error())
	}
	if strings.TrimSpace(a.Text) == "" {
		return fail(StatusEmpty, fmt.Sprintf("%s has no text: nothing to extract", a.Source))
	}
	lang, conf, segs := DetectLanguage(p.Detector, a.Text)
	r.Article.Lang, r.Article.LangConfidence, r.Article.Segments = lang, conf, segs
	if !IsSupported(lang) {
		return fail(StatusUnsupported, fmt.Sprintf("%s is in %s, which dealwatch does not extract from (supported: it, es, en)", a.Source, LanguageName(lang)))
	}
	if p.Extractor == nil {
		r.Status = StatusOK
		return backendWork{}, Outcome{Result: r}, false
	}
	a.Lang = lang
	return backendWork{a: a, r: r}, Outcome{}, true
}

// finish calls the backend for an article begin made ready and grounds
// what it found.
func (p *Pipeline) finish(ctx context.Context, w backendWork) Outcome {
	a, r := w.a, w.r
	ex, err := p.Extractor.Extract(ctx, a)
	if err != nil {
		var ee *ExtractError
		var u Usage
		if errors.As(err, &ee) {
			r.Extractor = ee.Info
			u = ee.Usage
		}
		msg := err.Error()
		r.Status, r.Error = StatusFailed, &msg
		return Outcome{Result: r, Usage: u, Err: err}
	}
	r.Extractor = ex.Info
	for i := range ex.Deals {
		UpgradeDeal(&ex.Deals[i])
	}
	deals, warns := Ground(a, ex.Deals)
	r.Deals = deals
	r.Warnings = append(r.Warnings, ex.Warnings...)
	r.Warnings = append(r.Warnings, warns...)
	r.Status = StatusOK
	return Outcome{Result: r, Usage: ex.Usage}
}

// emitBuffer is how many finished outcomes Run holds for emit beyond
// one per backend slot: about a store batch, so that a slow emit (a
// store commit with its fsync) does not stop the workers.
const emitBuffer = 64

// Run processes articles and calls emit for each as it finishes, one
// call at a time (never concurrently) and always from the goroutine
// that called Run, with the article's index.
//
// The work runs in two stages so that the backend never waits for CPU
// work: the checks and the language detection run on at most GOMAXPROCS
// goroutines, up to Concurrency articles ahead of the backend; the
// backend is called for at most Concurrency articles at once, each
// followed by the grounding of its figures. Finished outcomes wait for
// emit in a bounded buffer (Concurrency + 64), so a slow emit holds
// the workers up only once the buffer is full.
//
// Run stops queuing when ctx is done and returns ctx's error in that
// case: articles not yet sent to the backend are dropped (never
// emitted); the ones in flight are emitted as they finish; articles
// already emitted stay emitted.
func (p *Pipeline) Run(ctx context.Context, articles []Article, emit func(i int, o Outcome)) error {
	if len(articles) == 0 {
		return ctx.Err()
	}
	slots := max(p.Concurrency, 1)
	cpus := min(max(runtime.GOMAXPROCS(0), 1), len(articles))
	type finished struct {
		i int
		o Outcome
	}
	type ready struct {
		i int
		w backendWork
	}
	readyc := make(chan ready, slots)
	done := make(chan finished, slots+emitBuffer)

	// The last detector to stop closes readyc; the last backend worker
	// closes done. Every worker exits before done is closed, and Run
	// returns only once done is drained: Run owns them all.
	var next atomic.Int64
	var detecting, extracting atomic.Int32
	detecting.Store(int32(cpus))
	extracting.Store(int32(slots))
	for range cpus {
		go func() {
			defer func() {
				if detecting.Add(-1) == 0 {
					close(readyc)
				}
			}()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(articles) {
					return
				}
				w, o, ok := p.begin(articles[i])
				if !ok {
					done <- finished{i, o}
					continue
				}
				select {
				case readyc <- ready{i, w}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	for range slots {
		go func() {
			defer func() {
				if extracting.Add(-1) == 0 {
					close(done)
				}
			}()
			for r := range readyc {
				if ctx.Err() != nil {
					continue // not queued: drain readyc so the detectors can stop
				}
				done <- finished{r.i, p.finish(ctx, r.w)}
			}
		}()
	}
	for f := range done {
		emit(f.i, f.o)
	}
	return ctx.Err()
}

// RunAll is Run that collects the outcomes in input order.
func (p *Pipeline) RunAll(ctx context.Context, articles []Article) ([]Outcome, error) {
	out := make([]Outcome, len(articles))
	err := p.Run(ctx, articles, func(i int, o Outcome) { out[i] = o })
	return out, err
}

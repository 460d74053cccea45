package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
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
	fail := func(st Status, msg string) Outcome {
		r.Status = st
		r.Error = &msg
		return Outcome{Result: r}
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
		return Outcome{Result: r}
	}
	a.Lang = lang
	ex, err := p.Extractor.Extract(ctx, a)
	if err != nil {
		var ee *ExtractError
		var u Usage
		if errors.As(err, &ee) {
			r.Extractor = ee.Info
			u = ee.Usage
		}
		o := fail(StatusFailed, err.Error())
		o.Usage = u
		o.Err = err
		return o
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

// Run processes articles with at most Concurrency at once and calls emit
// for each as it finishes, one call at a time (never concurrently), with
// the article's index. It stops queuing when ctx is done and returns
// ctx's error in that case; articles already emitted stay emitted.
func (p *Pipeline) Run(parent context.Context, articles []Article, emit func(i int, o Outcome)) error {
	g, ctx := errgroup.WithContext(parent)
	n := p.Concurrency
	if n < 1 {
		n = 1
	}
	g.SetLimit(n)
	var mu sync.Mutex
	for i := range articles {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			o := p.Process(ctx, articles[i])
			mu.Lock()
			defer mu.Unlock()
			emit(i, o)
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return parent.Err()
}

// RunAll is Run that collects the outcomes in input order.
func (p *Pipeline) RunAll(ctx context.Context, articles []Article) ([]Outcome, error) {
	out := make([]Outcome, len(articles))
	err := p.Run(ctx, articles, func(i int, o Outcome) { out[i] = o })
	return out, err
}

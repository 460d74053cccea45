package main

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
)

// comparedArticle is one changed article compared: its diff, and the
// schema versions of its two results when it has both (for a
// re-store's note).
type comparedArticle struct {
	ad                   articleDiff
	bothSides            bool
	schemaFrom, schemaTo int
	err                  error
}

// maxDiffWorkers bounds the goroutines that decode and compare the
// changed articles of a diff.
const maxDiffWorkers = 4

// eachArticleDiff calls fn, in key order, with every article changed
// between runs lo and hi compared (backward: from hi to lo). The store
// reads the articles' versions in one transaction on one goroutine;
// decoding and comparing them, nearly all of the work, is spread over
// up to GOMAXPROCS goroutines (maxDiffWorkers at most), and fn is called
// on one goroutine in key order whatever the scheduling. At most a few
// articles per worker are in flight, so memory follows the biggest
// articles, not the run. The first error (of reading, decoding, fn, or
// ctx) stops everything and is returned.
func eachArticleDiff(ctx context.Context, db *store.DB, lo, hi uint64, backward bool, fn func(*comparedArticle) error) error {
	workers := max(1, min(runtime.GOMAXPROCS(0), maxDiffWorkers))
	type job struct {
		raw  store.RawPair
		done chan comparedArticle // buffered: a worker never waits on it
	}
	g, ctx := errgroup.WithContext(ctx)
	jobs := make(chan *job)
	// order has the jobs in key order; its capacity bounds the articles
	// read but not yet written.
	order := make(chan *job, 4*workers)
	g.Go(func() error {
		defer close(order)
		defer close(jobs)
		return db.EachChangedRaw(lo, hi, func(r store.RawPair) error {
			j := &job{raw: r, done: make(chan comparedArticle, 1)}
			for _, ch := range []chan *job{order, jobs} {
				select {
				case ch <- j:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			return nil
		})
	})
	for range workers {
		g.Go(func() error {
			opts := reconcileOptions() // one each: nothing shared
			for j := range jobs {
				j.done <- compareArticle(opts, &j.raw, backward)
			}
			return nil
		})
	}
	g.Go(func() error {
		for j := range order {
			var c comparedArticle
			select {
			case c = <-j.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if c.err != nil {
				return c.err
			}
			if err := fn(&c); err != nil {
				return err
			}
		}
		return nil
	})
	return g.Wait()
}

// compareArticle decodes a changed article's results and compares them.
func compareArticle(opts *reconcile.Options, raw *store.RawPair, backward bool) comparedArticle {
	p, err := raw.Decode()
	if err != nil {
		return comparedArticle{err: err}
	}
	before, after := p.Before, p.After
	if backward {
		before, after = after, before
	}
	c := comparedArticle{ad: diffPair(opts, p.Key, before, after, p.Causes)}
	if before != nil && after != nil {
		c.bothSides, c.schemaFrom, c.schemaTo = true, schemaVersion(before), schemaVersion(after)
	}
	return c
}

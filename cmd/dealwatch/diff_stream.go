package main

import (
	"context"
	"fmt"
	"os"
	"runtime/debug"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
)

// gcPercentPass is the garbage collector's percentage during the
// article pass of a diff in its own process (see writeDiff).
const gcPercentPass = 400

// diffWriter writes a diff as its parts come, in this order: begin with
// the runs compared (no totals yet), every changed article in key order,
// what failed in the runs in between, the reconciled deals that changed
// in id order, then end with the totals. A writer holds back (spools)
// what its output puts after the totals; close frees what it holds,
// whether or not end was reached.
type diffWriter interface {
	begin(s *diffSummary) error
	article(ad *articleDiff) error
	failed(r *articleRecordDiff) error
	deal(r *dealRecordDiff) error
	end(s *diffSummary) error
	close()
}

// writeDiff compares the end of run a with the end of run b and writes
// the diff to w. It holds one article's results and fact changes at a
// time, and one deal's briefs: memory follows the biggest article, not
// the run (the totals are counted on the way). Where the runs have no
// deal snapshot to compare (a killed run, another dealwatch's snapshot)
// the deals are reconciled from the stored results, as "deals" does,
// which holds them all.
//
// With ownProcess (the diff command, alone in its process), the garbage
// collector runs less often during the article pass, unless GOGC is set:
// the pass's live heap is a few MB, so the default would collect every
// few MB of decoded results, hundreds of times on a big run, for about a
// quarter of the CPU; at gcPercentPass the heap stays at a few tens of
// MB. A server (the desk) leaves the setting alone: it is the process's.
func writeDiff(ctx context.Context, db *store.DB, runs map[uint64]store.Run, a, b uint64, w diffWriter, ownProcess bool) error {
	defer w.close()
	lo, hi := min(a, b), max(a, b)
	backward := a > b
	s := diffSummary{Scope: "summary", Backward: backward, From: runRef(runs, a), To: runRef(runs, b)}
	if err := w.begin(&s); err != nil {
		return err
	}
	schemaFrom, schemaTo := map[int]bool{}, map[int]bool{}
	restoreGC := func() {}
	if ownProcess && os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(gcPercentPass)
		restoreGC = func() { debug.SetGCPercent(old) }
	}
	err := eachArticleDiff(ctx, db, lo, hi, backward, func(c *comparedArticle) error {
		switch c.ad.Rec.Change {
		case "":
			return nil
		case "re_stored":
			s.ReStored++
			if c.bothSides {
				schemaFrom[c.schemaFrom], schemaTo[c.schemaTo] = true, true
			}
		case "not_extracted":
			s.NotExtract++
		case "new":
			s.New++
		case "removed":
			s.Removed++
		default:
			s.Changed++
		}
		s.Facts += len(c.ad.Facts)
		return w.article(&c.ad)
	})
	restoreGC() // the deals may be reconciled whole: the default again
	if err != nil {
		return fmt.Errorf("diff runs %d and %d: %w", a, b, err)
	}
	// What failed in the runs in between (failed articles are never
	// stored as versions; the run's errors keep them), each source once.
	if !backward {
		seen := map[string]bool{}
		for id := lo + 1; id <= hi; id++ {
			if _, ok := runs[id]; !ok {
				continue
			}
			err := db.EachRunError(id, func(e store.RunError) error {
				if seen[e.Source] {
					return nil
				}
				seen[e.Source] = true
				msg := e.Message
				s.NotExtract++
				return w.failed(&articleRecordDiff{Scope: "article", Change: "not_extracted", Status: extract.StatusFailed,
					Article: diffArticle{ID: e.Article, File: e.Source}, Cause: fmt.Sprintf("failed in run %d", id), Error: &msg})
			})
			if err != nil {
				return fmt.Errorf("diff: errors of run %d: %w", id, err)
			}
		}
	}
	if err := writeChangedDeals(db, a, b, w, &s.Deals); err != nil {
		return err
	}
	if s.ReStored > 0 {
		note := fmt.Sprintf("%s re-stored because the schema changed (schema %s → %s); their facts did not change",
			countNoun(s.ReStored, "article", "articles"), intSet(schemaFrom), intSet(schemaTo))
		s.SchemaNote = &note
	}
	s.Description = summaryLine(s)
	return w.end(&s)
}

// writeChangedDeals writes the reconciled deals that changed from the
// end of run a to the end of run b, one deal at a time from the runs'
// snapshots, and counts them in n. Without snapshots to compare it
// reconciles every stored result as of both runs.
func writeChangedDeals(db *store.DB, a, b uint64, w diffWriter, n *int) error {
	ok, err := db.EachChangedDeal(a, b, func(bb, ab *store.DealBrief) error {
		var before, after []extract.ReconciledDeal
		if bb != nil {
			before = []extract.ReconciledDeal{bb.Deal()}
		}
		if ab != nil {
			after = []extract.ReconciledDeal{ab.Deal()}
		}
		trimSharedConflicts(before, after)
		return writeCompared(before, after, w, n)
	})
	if err != nil {
		return fmt.Errorf("diff: deals of runs %d and %d: %w", a, b, err)
	}
	if ok {
		return nil
	}
	// One run's results at a time: only the deals are kept.
	reconciled := func(run uint64) ([]extract.ReconciledDeal, error) {
		var rs []extract.ArticleResult
		if run != 0 {
			var err error
			if rs, err = db.ResultsAt(run); err != nil {
				return nil, fmt.Errorf("read results of run %d: %w", run, err)
			}
		}
		return reconcileOptions().Reconcile(rs), nil
	}
	before, err := reconciled(a)
	if err != nil {
		return err
	}
	after, err := reconciled(b)
	if err != nil {
		return err
	}
	return writeCompared(before, after, w, n)
}

// writeCompared writes reconcile.CompareReconciled of before and after
// as records, and counts them in n.
func writeCompared(before, after []extract.ReconciledDeal, w diffWriter, n *int) error {
	bm, am := make(map[string]*extract.ReconciledDeal, len(before)), make(map[string]*extract.ReconciledDeal, len(after))
	for i := range before {
		bm[before[i].ID] = &before[i]
	}
	for i := range after {
		am[after[i].ID] = &after[i]
	}
	for _, c := range reconcile.CompareReconciled(before, after) {
		r := dealRecordDiff{Scope: "reconciled_deal", Deal: c.Deal, Change: c.Change, Note: c.Note}
		if d, ok := bm[c.Deal]; ok {
			cur := d.Current
			r.Before = &cur
		}
		if d, ok := am[c.Deal]; ok {
			cur := d.Current
			r.After = &cur
		}
		*n++
		if err := w.deal(&r); err != nil {
			return err
		}
	}
	return nil
}

package main

import (
	"fmt"
	"slices"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// snapshotDeals brings the stored deal snapshot up to the end of run
// runID, so that deals, history and diff read it instead of reconciling
// every result. Only the facts whose deals the runs since the last
// snapshot may have changed are reconciled again: those sharing an
// identity key with a fact of a changed article, now or before,
// transitively (reconcile.DealKeys, store.DealComponents), in batches,
// so the cost and the memory follow the night's articles, not the
// store. The changed articles' results are read once, and their
// reconcile-ready facts stored (store.Facts); every other article
// comes from its stored facts, never from its whole result, so a new
// source of a deal with thousands costs the decoding of those facts
// only. The export index (store.ExportIndexWriter) is written from
// the same deals. A store whose snapshot is of an older format, by
// another dealwatch, without current facts or without a current export
// index is reconciled whole, batch by batch. It returns how many deals
// there are and how many need review.
func snapshotDeals(db *store.DB, runID uint64) (deals, review int, err error) {
	opts := reconcileOptions()
	base, err := db.DealBase()
	if err != nil {
		return 0, 0, err
	}
	// The export index (store.ExportIndexWriter) follows the snapshot;
	// when it is not current for the snapshot (written by a dealwatch
	// without it, or left half done), everything is reconciled again so
	// that it is rebuilt whole.
	expRun, err := db.ExportIndexRun()
	if err != nil {
		return 0, 0, err
	}
	incremental := base.Incremental && expRun == base.Run
	var changed []string
	switch {
	case !base.Format2:
		if err := db.ResetDeals(); err != nil {
			return 0, 0, err
		}
		changed, err = db.ArticleKeys()
	case !incremental:
		changed, err = db.ArticleKeys()
	default:
		changed, err = db.ChangedSince(base.Run)
	}
	if err != nil {
		return 0, 0, err
	}
	exp, err := db.BeginExportIndex(changed, !incremental)
	if err != nil {
		return 0, 0, err
	}
	// The changed articles' facts: their keys, those naming no party,
	// and what reconciling them needs, stored for this run and the next.
	entries := make(map[string]store.IndexEntry, len(changed))
	var noParty []extract.UnverifiedFact
	const chunk = 512
	facts := make(map[string]*store.Facts)
	for start := 0; start < len(changed); start += chunk {
		keys := changed[start:min(start+chunk, len(changed))]
		err := db.EachLatestOf(keys, func(key string, r *extract.ArticleResult) error {
			dk := opts.DealKeys(r)
			entries[key] = store.IndexEntry{ID: r.Article.ID, Facts: dk}
			facts[key] = store.NewFacts(r, dk)
			if only := onlyDeals(r, dk, func(keys []string) bool { return len(keys) == 0 }); only != nil {
				_, unv := opts.All([]extract.ArticleResult{*only})
				noParty = append(noParty, withoutPlaceholders(unv)...)
			}
			return nil
		})
		if err != nil {
			return 0, 0, fmt.Errorf("read latest results: %w", err)
		}
		for _, k := range keys {
			if _, ok := entries[k]; !ok {
				entries[k] = store.IndexEntry{}
				facts[k] = nil
			}
		}
		if len(facts) >= 8*chunk || start+chunk >= len(changed) { // few write transactions
			if err := db.PutFacts(facts); err != nil {
				return 0, 0, err
			}
			clear(facts)
		}
	}
	comps, err := db.DealComponents(entries)
	if err != nil {
		return 0, 0, err
	}
	var total store.DealCounts
	var batchKeys, batchArts []string
	blank := extract.Deal{Kind: placeholderKind}
	flush := func() error {
		if len(batchKeys) == 0 {
			return nil
		}
		defer func() { batchKeys, batchArts = batchKeys[:0], batchArts[:0] }()
		in := make(map[string]bool, len(batchKeys))
		for _, k := range batchKeys {
			in[k] = true
		}
		slices.Sort(batchArts)
		batchArts = slices.Compact(batchArts)
		results := make([]extract.ArticleResult, 0, len(batchArts))
		ids := make([]string, 0, len(batchArts))
		err := db.EachFacts(batchArts, func(key string, f *store.Facts) error {
			ids = append(ids, f.ID)
			if r := f.Result(func(keys []string) bool { return in[keys[0]] }, blank); r != nil {
				results = append(results, *r)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read reconcile facts: %w", err)
		}
		ds, unv := opts.All(results)
		unv = withoutPlaceholders(unv)
		delta, err := db.ReplaceDeals(runID, batchKeys, ds, unv)
		if err != nil {
			return err
		}
		if err := exp.Replace(batchKeys, ids, ds, unv); err != nil {
			return err
		}
		total.Deals += delta.Deals
		total.Review += delta.Review
		total.Unverified += delta.Unverified
		return nil
	}
	// Batches of about 2,000 articles: one transaction each, memory
	// bounded by the batch (a deal with more sources is one batch).
	for _, c := range comps {
		if len(batchArts) > 0 && len(batchArts)+len(c.Articles) > 2000 {
			if err := flush(); err != nil {
				return 0, 0, err
			}
		}
		batchKeys = append(batchKeys, c.Keys...)
		batchArts = append(batchArts, c.Articles...)
	}
	if err := flush(); err != nil {
		return 0, 0, err
	}
	counts, err := db.FinishDeals(runID, total, entries, noParty, !incremental)
	if err != nil {
		return 0, 0, err
	}
	if err := exp.Finish(runID); err != nil {
		return 0, 0, err
	}
	// The review queue applies reviewers' decisions to the briefs.
	briefs, _, ok, err := db.LatestDealBriefs()
	if err != nil {
		return 0, 0, err
	}
	if !ok {
		return 0, 0, fmt.Errorf("run %d: the deals just stored are missing", runID)
	}
	review, err = queueLength(db, briefs)
	return counts.Deals, review, err
}

// placeholderKind marks the deals onlyDeals and store.Facts.Result
// blank out.
const placeholderKind extract.Kind = "\x00placeholder"

// onlyDeals returns a copy of r whose deals that keep does not accept
// (by their identity keys, facts[i]) are replaced by placeholders that
// reconcile into no deal (so the deals keep their indexes, which
// warnings name), or nil when keep accepts none.
func onlyDeals(r *extract.ArticleResult, facts [][]string, keep func(keys []string) bool) *extract.ArticleResult {
	if len(facts) == 0 {
		return nil
	}
	out := *r
	out.Deals = make([]extract.Deal, len(r.Deals))
	kept := false
	for i := range r.Deals {
		if keep(facts[i]) {
			out.Deals[i] = r.Deals[i]
			kept = true
		} else {
			out.Deals[i] = extract.Deal{Kind: placeholderKind}
		}
	}
	if !kept {
		return nil
	}
	return &out
}

// withoutPlaceholders drops the unverified facts onlyDeals made.
func withoutPlaceholders(unv []extract.UnverifiedFact) []extract.UnverifiedFact {
	return slices.DeleteFunc(unv, func(u extract.UnverifiedFact) bool { return u.Deal.Kind == placeholderKind })
}

package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// The per-article export ("dealwatch export"): one row per deal of the
// latest result of every article, ordered by source, then by position
// in the text, each naming the reconciled deal it belongs to.

// exportArticles writes the per-article export to w. From a current
// deal snapshot of this dealwatch with its export index it walks the
// articles in output order and writes each source's rows as it reads
// them; otherwise it reconciles every stored result first.
func exportArticles(w io.Writer, db *store.DB, asJSON, bom bool) error {
	out := newRowWriter(w, asJSON, bom, exportColumns)
	if err := out.begin(); err != nil {
		return err
	}
	ok, err := exportArticlesStream(out, db)
	if err != nil {
		return err
	}
	if !ok {
		if err := exportArticlesReconciled(out, db); err != nil {
			return err
		}
	}
	return out.finish()
}

// exportArticlesStream writes the rows from the export index; ok is
// false, and nothing is written, when it is not current.
func exportArticlesStream(out *rowWriter, db *store.DB) (ok bool, err error) {
	var werr error // an error of the output, returned as it is
	ok, err = db.EachArticleDeals(func(group []store.ArticleDeals) error {
		ix := groupDealIndex(group)
		var facts []exportFact
		for i := range group {
			facts = appendFacts(facts, &group[i].Result)
		}
		sortFacts(facts)
		for _, f := range facts {
			if werr = writeFact(out, f, ix); werr != nil {
				return werr
			}
		}
		return nil
	})
	if werr != nil {
		return ok, werr
	}
	if err != nil {
		return ok, fmt.Errorf("read latest results: %w", err)
	}
	return ok, nil
}

// exportArticlesReconciled writes the rows from every stored result,
// reconciled here to name each fact's deal.
func exportArticlesReconciled(out *rowWriter, db *store.DB) error {
	results, err := db.Latest()
	if err != nil {
		return fmt.Errorf("read latest results: %w", err)
	}
	ix := newDealIndex(reconcileOptions().Reconcile(results), reconcileOptions().Unverified(results))
	var facts []exportFact
	for i := range results {
		facts = appendFacts(facts, &results[i])
	}
	sortFacts(facts)
	for _, f := range facts {
		if err := writeFact(out, f, ix); err != nil {
			return err
		}
	}
	return nil
}

// exportFact is one deal of an article's result, with its key.
type exportFact struct {
	r   *extract.ArticleResult
	key string
	d   extract.Deal
}

// appendFacts appends the deals of r, in its order.
func appendFacts(facts []exportFact, r *extract.ArticleResult) []exportFact {
	keys := store.DealKeys(r.Deals)
	for j, d := range r.Deals {
		facts = append(facts, exportFact{r, keys[j], d})
	}
	return facts
}

// sortFacts orders facts by source, then by position in the text,
// keeping the order they came in otherwise.
func sortFacts(facts []exportFact) {
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := facts[i], facts[j]
		if a.r.Article.Source != b.r.Article.Source {
			return a.r.Article.Source < b.r.Article.Source
		}
		return a.d.Evidence.Start < b.d.Evidence.Start
	})
}

// groupDealIndex is the dealIndex of the articles of one source, from
// their export index entries: for their facts, it names the deals a
// dealIndex of every reconciled deal would.
func groupDealIndex(group []store.ArticleDeals) *dealIndex {
	ix := &dealIndex{byArticle: map[string][]*extract.ReconciledDeal{}, unverified: map[string]string{}}
	done := map[string]bool{}
	for _, a := range group {
		id := a.Result.Article.ID
		if done[id] {
			continue // the same text at two paths: the same entries
		}
		done[id] = true
		for _, d := range a.Deals {
			ix.byArticle[id] = append(ix.byArticle[id], &extract.ReconciledDeal{ID: d.ID, Kind: d.Kind, Parties: d.Parties})
		}
		// By deal id, as reconcile sorts the unverified facts: the last
		// of one position wins, as in newDealIndex.
		for _, u := range a.Unverified {
			ix.unverified[id+"\x00"+strconv.Itoa(u.Start)] = u.DealID
		}
	}
	return ix
}

// writeFact writes the row of one fact, named after its deal in ix.
func writeFact(out *rowWriter, x exportFact, ix *dealIndex) error {
	r, dealID := x.r, ix.of(x.r.Article.ID, x.d)
	l := exportLine{Article: r.Article.ID, Source: r.Article.Source, Title: r.Article.Title, Published: r.Article.Published, Lang: r.Article.Lang,
		Key: x.key, DealID: dealID, Deal: x.d}
	return out.write(l, func() []string { return exportRow(*r, x.key, dealID, x.d) })
}

package main

import (
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// TestDealIndexUnsure: a fact the backend is unsure of is exported with
// the id of the deal it would belong to, as an unverified fact, and never
// attached to a reconciled deal as one of its facts.
func TestDealIndexUnsure(t *testing.T) {
	money := &extract.Money{Value: figures.Dec(38, 9), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total}
	deal := func(conf float64, start int) extract.Deal {
		return extract.Deal{Kind: extract.KindCompute, Status: extract.DealAgreed, Grounded: true, Confidence: conf, Amount: money,
			Parties:  []extract.Party{{Name: "OpenAI", Role: extract.RoleBuyer}, {Name: "Amazon", Role: extract.RoleSeller}},
			Evidence: extract.Span{Text: "OpenAI and Amazon", Start: start, End: start + 17}}
	}
	sure := extract.ArticleResult{Article: extract.ArticleInfo{ID: "a1"}, Status: extract.StatusOK, Deals: []extract.Deal{deal(0.9, 0)}}
	unsure := extract.ArticleResult{Article: extract.ArticleInfo{ID: "a2"}, Status: extract.StatusOK, Deals: []extract.Deal{deal(0.45, 10)}}
	in := []extract.ArticleResult{sure, unsure}
	var o *reconcile.Options
	deals, unv := o.All(in)
	if len(deals) != 1 || deals[0].Sources() != 1 {
		t.Fatalf("deals = %+v, want one deal of one source", deals)
	}
	if len(unv) != 1 || unv[0].Article != "a2" {
		t.Fatalf("unverified = %+v, want the unsure fact of a2", unv)
	}
	ix := newDealIndex(deals, unv)
	if got, want := ix.of("a2", unsure.Deals[0]), deals[0].ID; got != want {
		t.Errorf("of(unsure) = %q, want %q (as an unverified fact)", got, want)
	}
	if got := len(ix.byArticle["a2"]); got != 0 {
		t.Errorf("the unsure article backs %d reconciled deals, want 0", got)
	}
}

package reconcile_test

import (
	"slices"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// TestDealKeysLinkRounds: a figure-less round naming only its raiser and
// an investment into that raiser share a key, since Reconcile may join
// them although their deal keys differ.
func TestDealKeysLinkRounds(t *testing.T) {
	var o *reconcile.Options
	round := rcArticle("sha256:01", "2026-03-01", rcDeal(extract.KindFundingRound, extract.DealAnnounced, "Kestrel Compute:raiser"))
	inv := rcArticle("sha256:02", "2026-03-10", rcDeal(extract.KindInvestment, extract.DealAnnounced, "Sorrel Capital:investor,Kestrel Compute:investee", rcAmount(rcUSD("5e8"))))
	a, b := o.DealKeys(&round)[0], o.DealKeys(&inv)[0]
	shared := false
	for _, k := range a {
		shared = shared || slices.Contains(b, k)
	}
	if !shared {
		t.Errorf("DealKeys(round) = %v, DealKeys(investment) = %v; want a shared key", a, b)
	}
	if got := reconcile.Reconcile([]extract.ArticleResult{round, inv}); len(got) == 1 {
		t.Logf("joined into %s", got[0].ID)
	}
}

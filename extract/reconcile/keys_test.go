package reconcile_test

import (
	"encoding/json"
	"slices"
	"strings"
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

// TestDealKeysComponentsReconcileAlike: for every scenario, reconciling
// each set of facts closed under shared DealKeys on its own gives the
// deals reconciling everything gives. The store's incremental snapshot
// relies on it: a night reconciles only the components its articles
// touch, so every join Reconcile makes must be visible in the keys.
//
// Ventures in the gazetteer (Options.Ventures) are linked, and so is a
// venture an article describes with its members as parties ("Solara,
// the joint venture of Ferrovia Energia and Orbis Infrastructure"):
// that article's keys name the venture and its members. Known gap: when
// the backend lists only the venture and its members are named only in
// the clause ("Solara, la joint venture creata da Ferrovia Energia e
// Orbis Infrastructure"), the venture is learned from the names other
// articles give as parties, and no key of the describing article says
// so; a night that reconciles only one side keeps them apart until a
// full reconcile (another build, or a store of an older format) joins
// them.
func TestDealKeysComponentsReconcileAlike(t *testing.T) {
	learned := map[string]bool{
		"it/es/en: members named only in the venture's clause": true,
	}
	for _, sc := range rcScenarios() {
		t.Run(sc.name, func(t *testing.T) {
			if learned[sc.name] {
				t.Skip("known gap: a venture learned from the articles links facts whose keys do not meet (see the test's comment)")
			}
			parent := map[string]string{}
			var find func(string) string
			find = func(k string) string {
				if p, ok := parent[k]; ok && p != k {
					r := find(p)
					parent[k] = r
					return r
				}
				parent[k] = k
				return k
			}
			keys := make([][][]string, len(sc.in))
			for i := range sc.in {
				keys[i] = sc.opts.DealKeys(&sc.in[i])
				for _, ks := range keys[i] {
					for _, k := range ks {
						parent[find(k)] = find(ks[0])
					}
				}
			}
			roots := map[string]bool{}
			for k := range parent {
				roots[find(k)] = true
			}
			got := []extract.ReconciledDeal{}
			for root := range roots {
				var part []extract.ArticleResult
				for i, r := range sc.in {
					var ds []extract.Deal
					for j, d := range r.Deals {
						if len(keys[i][j]) > 0 && find(keys[i][j][0]) == root {
							ds = append(ds, d)
						}
					}
					if len(ds) > 0 {
						r.Deals = ds
						part = append(part, r)
					}
				}
				got = append(got, sc.opts.Reconcile(part)...)
			}
			slices.SortFunc(got, func(a, b extract.ReconciledDeal) int { return strings.Compare(a.ID, b.ID) })
			want := sc.opts.Reconcile(sc.in)
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Errorf("reconciled by key components:\n%s\nall at once:\n%s", gj, wj)
			}
		})
	}
}

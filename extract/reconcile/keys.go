package reconcile

import (
	"slices"

	"github.com/dealwatch/dealwatch/extract"
)

// Keys returns the identity keys of r's deals ("amazon+openai/compute_contract"):
// one per principal pair of every deal with a party, grounded or not,
// sorted. Two results whose keys meet can be in one deal; results whose
// keys never meet, directly or through other results, never are, and
// Reconcile gives each connected set of results the same deals whatever
// else it is given. An incremental reconciler uses this to re-reconcile
// only the results connected to the ones that changed. A result whose
// status is not ok has no keys.
func (o *Options) Keys(r *extract.ArticleResult) []string {
	if r.Status != extract.StatusOK {
		return nil
	}
	var vs []extract.Venture
	if o != nil {
		vs = o.Ventures
	}
	ix := newIdentifier(vs)
	var out []string
	for di := range r.Deals {
		keys, _, _, ok := ix.identify(&r.Deals[di])
		if ok {
			out = append(out, keys...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

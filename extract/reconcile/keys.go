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

// DealKeys returns the identity keys of each of r's deals, by index
// (nil for a deal that names no party), or nil when r's status is not
// ok. The keys of one deal are always in one deal; two deals of one
// article are in one deal only when their keys meet, directly or
// through other articles' deals: Reconcile gives a set of deals closed
// under shared keys the same result whatever else it is given.
func (o *Options) DealKeys(r *extract.ArticleResult) [][]string {
	if r.Status != extract.StatusOK {
		return nil
	}
	var vs []extract.Venture
	if o != nil {
		vs = o.Ventures
	}
	ix := newIdentifier(vs)
	out := make([][]string, len(r.Deals))
	for di := range r.Deals {
		if keys, _, _, ok := ix.identify(&r.Deals[di]); ok {
			out[di] = slices.Clone(keys)
		}
	}
	return out
}

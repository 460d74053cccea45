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
	all := make([][]roleOf, len(r.Deals))
	for di := range r.Deals {
		d := &r.Deals[di]
		keys, _, roles, ok := ix.identify(d)
		if !ok {
			continue
		}
		all[di] = roles
		ks := slices.Clone(keys)
		// group joins facts of one pair whatever their kinds (figures
		// that agree, a generic fact and the pair's specific deal), and
		// joinMembers a venture member named alone to the venture's deal
		// with the same counterparty: a key of the pair links them.
		for _, k := range keys {
			ks = append(ks, PairKeyPrefix+pairOf(k))
		}
		if len(roles) == 2 {
			for k, member := range roles {
				if jvs := ix.members[member.key]; len(jvs) == 1 && roles[1-k].key != jvs[0].key {
					ks = append(ks, PairKeyPrefix+pairOf(ix.key(d.Kind, jvs[0].key, roles[1-k].key)))
				}
			}
		}
		// joinRounds joins a figure-less round naming only its raiser to
		// an investment into that raiser (same article or within
		// roundWindow days): a key of the payee links them, so they are
		// always reconciled together.
		if d.Kind == extract.KindInvestment || d.Kind == extract.KindFundingRound {
			payer := false
			for _, ro := range roles {
				payer = payer || sideOf(ro.role) == sidePayer
			}
			for _, ro := range roles {
				if payer && sideOf(ro.role) == sidePayee {
					ks = append(ks, PayeeKeyPrefix+ro.key)
				}
			}
			if d.Kind == extract.KindFundingRound && d.Amount == nil && len(roles) == 1 {
				ks = append(ks, PayeeKeyPrefix+roles[0].key)
			}
		}
		out[di] = ks
	}
	// joinCosigners joins a co-signer's fact to a deal of its article
	// that shares a party: it takes that deal's keys.
	for di := range r.Deals {
		d := &r.Deals[di]
		if out[di] == nil || !generic(d.Kind) || d.Amount != nil || d.Mention == extract.MentionBackground || !refersToAgreement(d.Evidence.Text) {
			continue
		}
		for dj := range r.Deals {
			e := &r.Deals[dj]
			if dj == di || out[dj] == nil || generic(e.Kind) || e.Amount == nil || e.Mention == extract.MentionBackground {
				continue
			}
			if sharesParty(&rfact{roles: all[di]}, &rfact{roles: all[dj]}) {
				out[di] = append(out[di], out[dj]...)
			}
		}
	}
	for di := range out {
		if out[di] != nil {
			slices.Sort(out[di])
			out[di] = slices.Compact(out[di])
		}
	}
	return out
}

// PairKeyPrefix starts the keys DealKeys adds to link the facts of one
// pair of parties whatever their kinds. They name no deal.
const PairKeyPrefix = "~pair:"

// PayeeKeyPrefix starts the keys DealKeys adds to link facts that
// reconcile joins although their deal keys differ (a figure-less round
// and an investment into its raiser). They name no deal.
const PayeeKeyPrefix = "~payee:"

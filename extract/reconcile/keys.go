package reconcile

import (
	"slices"
	"strings"

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
//
// A joint venture the article itself describes ("Atlantide Compute, la
// sociedad conjunta creada por Enerfluvia y Stratamere") gives its
// deals the keys they have with the venture known and without it, so
// they meet the facts of other articles that name the venture alone or
// its members alone. A venture learned from one article joins facts of
// two other articles that name neither side's link (its members in
// one, itself alone in another) only when the describing article is
// reconciled with them: a full reconcile joins them.
func (o *Options) DealKeys(r *extract.ArticleResult) [][]string {
	if r.Status != extract.StatusOK {
		return nil
	}
	var vs []extract.Venture
	if o != nil {
		vs = o.Ventures
	}
	out := dealKeys(r, vs)
	learned := learnVentures([]extract.ArticleResult{*r}, vs)
	if len(learned) == len(vs) {
		return out
	}
	// With the venture known, and with its members in its place.
	for _, more := range [][][]string{dealKeys(r, learned), dealKeys(withMembers(r, learned[len(vs):]), vs)} {
		for di, ks := range more {
			if ks != nil && out[di] != nil {
				out[di] = append(out[di], ks...)
				slices.Sort(out[di])
				out[di] = slices.Compact(out[di])
			}
		}
	}
	return out
}

// withMembers returns a copy of r whose deals name the members of the
// ventures vs, in the venture's role, wherever they name a venture.
func withMembers(r *extract.ArticleResult, vs []extract.Venture) *extract.ArticleResult {
	c := *r
	c.Deals = slices.Clone(r.Deals)
	for di := range c.Deals {
		d := &c.Deals[di]
		var ps []extract.Party
		for _, p := range d.Parties {
			i := slices.IndexFunc(vs, func(v extract.Venture) bool { return strings.EqualFold(v.Name, p.Name) })
			if i < 0 {
				ps = append(ps, p)
				continue
			}
			for _, m := range vs[i].Members {
				ps = append(ps, extract.Party{Name: m, Role: p.Role, Mention: m})
			}
		}
		d.Parties = ps
	}
	return &c
}

// dealKeys is DealKeys with the ventures vs known.
func dealKeys(r *extract.ArticleResult, vs []extract.Venture) [][]string {
	ix := newIdentifier(vs)
	out := make([][]string, len(r.Deals))
	all := make([][]roleOf, len(r.Deals))
	principals := make([]string, len(r.Deals))
	for di := range r.Deals {
		d := &r.Deals[di]
		keys, _, roles, ok := ix.identify(d)
		if !ok {
			continue
		}
		all[di] = roles
		principals[di] = principalOf(&rfact{keys: keys, alias: ix.principal})
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
	// joinVentureInvestors joins a figure-less investment into a party to
	// that party's own deal of the same kind with a figure in the
	// article: it takes that deal's keys.
	for di := range r.Deals {
		d := &r.Deals[di]
		if out[di] == nil || d.Amount != nil || d.Mention == extract.MentionBackground || (d.Kind != extract.KindInvestment && d.Kind != extract.KindFundingRound) {
			continue
		}
		for _, ro := range all[di] {
			if sideOf(ro.role) != sidePayee {
				continue
			}
			for dj := range r.Deals {
				if dj != di && out[dj] != nil && r.Deals[dj].Amount != nil && r.Deals[dj].Kind == d.Kind && principals[dj] == pairOfParty(ro.key) {
					out[di] = append(out[di], out[dj]...)
				}
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

package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// Reconcile groups the grounded deals of results into real-world deals
// and returns them sorted by ID, with the zero Options: no joint
// ventures known. See Options.Reconcile.
func Reconcile(results []extract.ArticleResult) []extract.ReconciledDeal {
	var o *Options
	return o.Reconcile(results)
}

// Unverified returns the deals of results that Reconcile does not count,
// with the zero Options. See Options.Unverified.
func Unverified(results []extract.ArticleResult) []extract.UnverifiedFact {
	var o *Options
	return o.Unverified(results)
}

// Reconcile groups the grounded deals of results into real-world deals
// and returns them sorted by ID. It is a pure function: the same results
// in any order give the same deals. A nil *Options is the zero Options.
//
// # Identity
//
// A deal rests on its kind and its principal parties: the payer (buyer,
// investor, customer, distributor) and the payee (seller, investee,
// supplier, raiser) by role, by canonical name (Party.Name, which
// backends already map from aliases: AWS → Amazon). Facts that share a
// payer and a payee are one deal, whatever other co-signers an article
// names; a funding round rests on its raiser alone; facts without roles
// rest on their pairs of parties. A joint venture (Options.Ventures)
// stands for its members: a side that names the venture, or two or more
// of its members, is the venture's. Ventures the gazetteer does not know
// are learned from the articles: a party the evidence describes as a
// joint venture (consorzio, empresa conjunta...) of two or more other
// parties of the deal. A figure-less funding round that names only its
// raiser joins the one investment into that raiser stated in the same
// article or else within 31 days; when several could be its deal, it
// stays apart. Outlets name a deal's kind
// differently: facts of the same parties whose kinds differ but whose
// figures agree are one deal, and a figure-less partnership (or "other")
// fact joins the one deal of a specific kind its parties have. The id
// names the pair stated most often and the most frequent specific kind. A capacity-only fact and an amount fact of one deal are one
// deal. Only results with status ok count, and only their deals with
// Grounded true, a confidence of extract.MinConfidence or more, and a
// literal amount that fits the deal (see Unverified).
//
// Identity has a sense of time: a figure stated more than Options.Gap
// after the deal was last seen, as news, with no revision cue (a
// previous amount, an increment, an expansion) and matching no figure
// the deal had, starts another deal of the same parties; its id adds the
// month it was first seen: "acme+zeta/investment/2026-03".
//
// # Timeline
//
// Each article's view of a deal (its facts for the deal merged: repeats
// of a figure, the previous amount, the tranches and capacity it states,
// a conversion into another currency, separate contracts and their sum)
// is placed by the article's publication date, then by article id; an
// undated article comes first, and "2025" before "2025-11" before
// "2025-11-03". Each view is related to what the views before it
// established (see extract.Relation), and a view that conflicts is
// recorded in Conflicts (one per field, every disagreeing value with its
// article) with its likely cause and does not move the current figure.
// Figures are compared exactly, within 0.5% for rounding, and their
// qualifiers are honoured: "over $2B", "up to $8B" and "$8B" can all be
// true at once and never conflict; a figure in another currency at a
// plausible exchange rate is a conversion, not a rival ($10B and €8.6B),
// while the same number in two currencies ($38B and €38B) conflicts. An
// article that states two figures X and Y where the current figure plus
// X is Y states an expansion by X to Y, and a figure presented as one
// more contract ("a further $0.8 billion", "un ulteriore contratto",
// "otro acuerdo") adds to the total. A plan stated after an agreement is
// detail, not a rival figure. A figure a party states replaces the
// figures media only reported (and settles the conflicts those reports
// had among themselves), and a result replaces a target. A
// background mention (extract.MentionBackground) never moves the current
// figure nor raises a conflict.
//
// # Status
//
// A later rejection of an announced, agreed, completed or expanded deal,
// a deal described as only offered after it was announced, and any other
// status after a rejection or a cancellation are status conflicts, when a
// sentence states them (a table row alone does not), unless the later
// article states the reversal ("reversed its earlier decision", "two
// months after giving its preliminary approval", "da marcha atrás", "ci
// ha ripensato"): then the status moves on, with relation revised and a
// note that says so. An offer that is later rejected, or
// a report that is later confirmed, is not: the status moves on. A
// vaguer status after a firmer one (reported after agreed) does not
// change the current status.
func (o *Options) Reconcile(results []extract.ArticleResult) []extract.ReconciledDeal {
	deals, _ := o.run(results, false)
	return deals
}

// Unverified returns the deals of results that Reconcile does not count,
// sorted by deal id, date, article and position in the text: those not
// grounded, those the backend is unsure of (confidence under
// extract.MinConfidence, Reason starts with extract.WarnLowConfidence),
// those that name no party, and those whose literal amount
// cannot be the deal's (Reason starts with extract.WarnImplausibleAmt:
// "hasta US$20.000" for a deal other articles put at billions, a scale
// word dropped by the outlet).
func (o *Options) Unverified(results []extract.ArticleResult) []extract.UnverifiedFact {
	_, unv := o.run(results, true)
	return unv
}

// All returns what Reconcile and Unverified return, in one pass.
func (o *Options) All(results []extract.ArticleResult) ([]extract.ReconciledDeal, []extract.UnverifiedFact) {
	return o.run(results, true)
}

func (o *Options) run(results []extract.ArticleResult, wantUnverified bool) ([]extract.ReconciledDeal, []extract.UnverifiedFact) {
	if o == nil {
		o = &Options{}
	}
	n := 0
	for ri := range results {
		n += len(results[ri].Deals)
	}
	facts := make([]rfact, 0, n)
	var unv []extract.UnverifiedFact
	var loose []looseFact // unverified facts, to give them the id of their deal
	ix := newIdentifier(learnVentures(results, o.Ventures))
	for ri := range results {
		r := &results[ri]
		if r.Status != extract.StatusOK {
			continue
		}
		pub := normDate(r.Article.Published)
		for di := range r.Deals {
			d := &r.Deals[di]
			if !d.Grounded {
				if wantUnverified {
					keys, fallback, _, _ := ix.identify(d)
					loose = append(loose, looseFact{keys: keys, fallback: fallback})
					unv = append(unv, extract.UnverifiedFact{Article: r.Article.ID, AsOf: extract.StrPtr(pub), Source: r.Article.Source, Deal: *d, Reason: ungroundedReason(r.Warnings, di)})
				}
				continue
			}
			if d.Unsure() {
				if wantUnverified {
					keys, fallback, _, _ := ix.identify(d)
					loose = append(loose, looseFact{keys: keys, fallback: fallback})
					unv = append(unv, extract.UnverifiedFact{Article: r.Article.ID, AsOf: extract.StrPtr(pub), Source: r.Article.Source, Deal: *d, Reason: lowConfidenceReason(d)})
				}
				continue
			}
			keys, fallback, roles, ok := ix.identify(d)
			if !ok {
				if wantUnverified {
					loose = append(loose, looseFact{})
					unv = append(unv, extract.UnverifiedFact{Article: r.Article.ID, AsOf: extract.StrPtr(pub), Source: r.Article.Source, Deal: *d, Reason: "names no party"})
				}
				continue
			}
			facts = append(facts, rfact{
				keys: keys, id: fallback, roles: roles, article: r.Article.ID, pub: pub,
				source: r.Article.Source, d: d, alias: ix.principal,
			})
		}
	}
	groups := ix.group(facts)
	facts, implausible := dropImplausible(facts)
	if wantUnverified {
		for _, f := range implausible {
			loose = append(loose, looseFact{id: f.id})
			unv = append(unv, extract.UnverifiedFact{Article: f.article, AsOf: extract.StrPtr(f.pub), Source: f.source, Deal: *f.d, Reason: implausibleReason(f)})
		}
		for i := range unv {
			unv[i].DealID = loose[i].resolve(groups)
		}
		extract.SortUnverified(unv)
	}
	slices.SortFunc(facts, cmpFacts)
	out := make([]extract.ReconciledDeal, 0)
	for i := 0; i < len(facts); {
		j := i + 1
		for j < len(facts) && facts[j].id == facts[i].id {
			j++
		}
		out = append(out, reconcileDeal(facts[i:j], groups.byID[facts[i].id], o)...)
		i = j
	}
	slices.SortFunc(out, func(a, b extract.ReconciledDeal) int { return strings.Compare(a.ID, b.ID) })
	return out, unv
}

// lowConfidenceReason says why a deal the backend is unsure of is not
// counted.
func lowConfidenceReason(d *extract.Deal) string {
	why := "the backend is unsure of the deal"
	if len(d.Parties) < 2 {
		why = "parties guessed or one side missing"
	}
	return fmt.Sprintf("%s: %s (confidence %.2f, under %.2f)", extract.WarnLowConfidence, why, d.Confidence, extract.MinConfidence)
}

// ungroundedReason joins the warnings about deal index di.
func ungroundedReason(ws []extract.Warning, di int) string {
	var parts []string
	for _, w := range ws {
		if w.Deal != nil && *w.Deal == di {
			parts = append(parts, w.Code+": "+w.Message)
		}
	}
	if len(parts) == 0 {
		return "not grounded in the text"
	}
	return strings.Join(parts, "; ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// normDate returns p when it is "YYYY", "YYYY-MM" or "YYYY-MM-DD", else "".
// These strings order correctly as strings: a less precise date sorts
// first within its period.
func normDate(p *string) string {
	if p == nil {
		return ""
	}
	s := *p
	switch len(s) {
	case 4, 7, 10:
	default:
		return ""
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return ""
			}
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	return s
}

package reconcile

import (
	"fmt"
	"slices"

	"github.com/dealwatch/dealwatch/extract"
)

// tentativeView reports whether a view only reports, forecasts, plans or
// offers the deal.
func tentativeView(v *view) bool {
	switch v.status {
	case extract.DealPlanned, extract.DealOffered, extract.DealReportedV1, extract.DealPredictedV1:
		return true
	}
	return v.confirmation == extract.Reported || v.confirmation == extract.Forecast
}

// dropSettledRumours removes the amount conflicts that only rumours,
// targets and forecasts had among themselves, once a figure a party
// states, dated after them, is current: "$10B per sources", "$12B per
// sources", then "$12B" announced is no disagreement left to review.
// Their history entries become superseded.
func (ep *episode) dropSettledRumours() {
	st := ep.st
	g, ok := ep.groups[extract.FieldAmount]
	if !ok || st.confirmation != extract.Confirmed || st.amount == nil {
		return
	}
	tentative := map[string]bool{}
	for _, v := range ep.views {
		t, seen := tentative[v.article]
		tentative[v.article] = (t || !seen) && tentativeView(v)
	}
	c := ep.rd.Conflicts[g.at]
	for _, a := range c.Articles {
		if !tentative[a] || st.pubOf[a] > st.supportPub {
			return
		}
	}
	ep.rd.Conflicts = slices.Delete(ep.rd.Conflicts, g.at, g.at+1)
	delete(ep.groups, extract.FieldAmount)
	for _, o := range ep.groups {
		if o.at > g.at {
			o.at--
		}
	}
	inAmount := make(map[string]bool, len(c.Articles))
	for _, a := range c.Articles {
		inAmount[a] = true
	}
	inOther := map[string]bool{}
	for _, o := range ep.rd.Conflicts {
		for _, a := range o.Articles {
			inOther[a] = true
		}
	}
	for i := range ep.rd.History {
		h := &ep.rd.History[i]
		if h.Relation == extract.RelConflict && inAmount[h.Article] && !inOther[h.Article] {
			h.Relation = extract.RelSuperseded
			h.Note += fmt.Sprintf("; settled by %s, which a party states in %s", extract.FormatMoney(st.amount), st.ref(st.support))
		}
	}
}

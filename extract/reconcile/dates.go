package reconcile

import (
	"sort"
	"strconv"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// Dates: facts carry their article's publication date and, when the
// backend read one, their own ("2025", "2025-09", "2025-09-30"); these
// helpers compare them at the precision both have.

// recalled returns the earlier episode a background view recalls, nil
// when it belongs to the current one, cur: the view states its own date
// ("hace un año, en septiembre de 2025, Sorrel ya había aportado 4.000
// millones" in September 2026), that date is before cur began, and the
// episode of that date knows the view's figure or has none that differs.
func recalled(done []*episode, cur *episode, v *view) *episode {
	if !v.background || len(done) == 0 {
		return nil
	}
	own := normDate(&v.announced)
	if own == "" || coarseCmp(own, cur.start) >= 0 {
		return nil
	}
	// The last episode after the first that began by own, else the
	// first. Episodes begin in date order, and coarseCmp(start, own) <= 0
	// holds for a prefix of any list of dates in order (a start after
	// own at the precision of both is followed only by such starts): a
	// binary search finds it.
	e := done[sort.Search(len(done)-1, func(i int) bool { return coarseCmp(done[i+1].start, own) > 0 })]
	if v.amount != nil && e.st.amount != nil && !e.st.knows(v.amount) && !compatible(e.st.amount, v.amount) && !e.stated(v.amount) {
		return nil
	}
	return e
}

// coarseCmp compares two dates at the precision of the less precise:
// "2025" equals "2025-09-30", "2025-09" is before "2026-01".
func coarseCmp(a, b string) int {
	n := min(len(a), len(b))
	return strings.Compare(a[:n], b[:n])
}

// month is the "YYYY-MM" (or "YYYY") of a date, "undated" for "".
func month(pub string) string {
	switch {
	case pub == "":
		return "undated"
	case len(pub) >= 7:
		return pub[:7]
	}
	return pub
}

// days is a date as a number of days, near enough to compare gaps (31-day
// months); a missing month or day counts as the first.
func days(pub string) int {
	y, _ := strconv.Atoi(pub[:4])
	m, d := 1, 1
	if len(pub) >= 7 {
		m, _ = strconv.Atoi(pub[5:7])
	}
	if len(pub) >= 10 {
		d, _ = strconv.Atoi(pub[8:10])
	}
	return y*372 + (m-1)*31 + d - 1
}

// stated reports whether a view of the episode stated figure m (a
// figure in conflict counts: the recall repeats one side of it).
func (ep *episode) stated(m *extract.Money) bool {
	for _, w := range ep.figures.update(ep.views) {
		if sameCurrency(w, m) && closeMoney(w, m) {
			return true
		}
	}
	return false
}

// statedFigures are the distinct figures the views of an episode state,
// made when a recall first asks and brought up to date at each: an
// episode with thousands of views that repeat a few figures answers in
// a few steps. Figures are alike when sameCurrency and closeMoney
// cannot tell them apart: same currency, value and upper bound.
type statedFigures struct {
	list []*extract.Money
	seen map[figureOf]bool
	done int // views already indexed
}

// figureOf is what sameCurrency and closeMoney read of a figure.
type figureOf struct {
	currency   string
	value, max float64
	hasMax     bool
}

// update indexes the views not indexed yet and returns the figures.
func (f *statedFigures) update(views []*view) []*extract.Money {
	for ; f.done < len(views); f.done++ {
		w := views[f.done].amount
		if w == nil {
			continue
		}
		k := figureOf{currency: w.Currency, value: approx(w.Value)}
		if w.Max != nil {
			k.max, k.hasMax = approx(*w.Max), true
		}
		if f.seen[k] {
			continue
		}
		if f.seen == nil {
			f.seen = make(map[figureOf]bool)
		}
		f.seen[k] = true
		f.list = append(f.list, w)
	}
	return f.list
}

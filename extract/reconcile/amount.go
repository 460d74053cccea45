package reconcile

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// judgeIncrementOnly relates a view that states an increment and no
// total: the increment is added to the current figure.
func (st *dealState) judgeIncrementOnly(v *view, j *judgement) {
	a, inc := st.amount, v.increment
	j.rel = extract.RelIncrement
	if st.knowsIncrement(inc) {
		j.keep = true
		j.note("repeats the increment %s; current stays %s", extract.FormatMoney(inc), extract.FormatMoney(a))
		return
	}
	if a.Currency != inc.Currency || a.Period != inc.Period {
		j.note("an increment of %s to %s, in other terms: not added", extract.FormatMoney(inc), extract.FormatMoney(a))
		return
	}
	sum, ok := a.Value.Add(inc.Value)
	if !ok {
		return
	}
	m := *a
	m.Value, m.Max, m.Text, m.Start, m.End = sum, nil, "", 0, 0
	if m.Qualifier == figures.Range || m.Qualifier == figures.UpTo {
		m.Qualifier = figures.About
	}
	j.amount, j.moveAmount, j.supersede, j.reason = &m, true, true, extract.ReasonStatedRevision
	j.note("expanded by %s: %s + %s = %s", extract.FormatMoney(inc), extract.FormatMoney(a), extract.FormatMoney(inc), extract.FormatMoney(&m))
}

func (st *dealState) knowsIncrement(m *extract.Money) bool {
	for _, x := range st.increments {
		if x.Currency == m.Currency && closeMoney(x, m) {
			return true
		}
	}
	return false
}

// judgeAmount relates v's amount to the current figure.
func (st *dealState) judgeAmount(v *view, j *judgement) {
	a, b := st.amount, v.amount
	if b.Currency != a.Currency {
		if c := v.conversionIn(a.Currency); c != nil {
			b = c // the article converts its figure into the deal's currency
			j.amount = c
		} else if st.knowsConversion(b) {
			j.rel, j.keep = extract.RelSame, true
			j.note("the current figure %s in %s, as an earlier article converted it", extract.FormatMoney(a), b.Currency)
			return
		}
	}
	conflict := func(field extract.ConflictField, cause extract.ConflictCause, format string, args ...any) {
		j.rel = extract.RelConflict
		j.conflicts = append(j.conflicts, extract.Conflict{
			Field: field, Cause: cause,
			Values:   []any{*a, *v.amount},
			Articles: []string{st.amountArticle, v.article},
			Note:     fmt.Sprintf(format, args...),
		})
	}
	alike := a.Currency == b.Currency && a.Period == b.Period && closeMoney(a, b)
	switch {
	case !alike && v.status == extract.DealPredictedV1 && st.status != extract.DealPredictedV1:
		j.rel, j.keep = extract.RelAdditionalDetail, true
		j.note("a forecast of %s, not counted as the deal's figure (current %s)", extract.FormatMoney(b), extract.FormatMoney(a))
		return
	case !alike && v.status == extract.DealPlanned && committed(st.status) && v.previous == nil && v.increment == nil:
		j.rel, j.keep = extract.RelAdditionalDetail, true
		j.note("a plan of %s, not counted as the deal's figure (current %s)", extract.FormatMoney(b), extract.FormatMoney(a))
		return
	case !alike && st.status == extract.DealPredictedV1 && v.status != extract.DealPredictedV1 && v.status != "":
		j.rel, j.moveAmount, j.supersede, j.reason = extract.RelAdditionalDetail, true, true, extract.ReasonLatest
		j.note("first figure beyond a forecast: %s (the forecast was %s)", extract.FormatMoney(b), extract.FormatMoney(a))
		return
	case a.Currency != b.Currency && a.Period == b.Period && converts(a, b):
		j.rel, j.keep = extract.RelRestated, true
		j.note("%s is the current %s in %s at a plausible exchange rate; current stays", extract.FormatMoney(b), extract.FormatMoney(a), b.Currency)
		return
	case a.Currency != b.Currency:
		conflict(extract.FieldAmount, extract.CauseCurrency, "currency mismatch: %s in %s, %s in %s", extract.FormatMoney(a), st.ref(st.amountArticle), extract.FormatMoney(b), st.ref(v.article))
		return
	case a.Period != b.Period:
		per, tot := a, b
		if b.Period == figures.PerYear {
			per, tot = b, a
		}
		term := v.term
		if term == nil {
			term = st.term
		}
		if term != nil && closeF(approx(per.Value)**term, approx(tot.Value), 0.02) {
			j.rel = extract.RelAdditionalDetail
			j.note("%s over %g years is the %s total", extract.FormatMoney(per), *term, extract.FormatMoney(tot))
			return
		}
		conflict(extract.FieldPeriod, extract.CausePerYear, "per-year figure against a total: %s in %s, %s in %s; no term reconciles them", extract.FormatMoney(a), st.ref(st.amountArticle), extract.FormatMoney(b), st.ref(v.article))
		return
	case alike:
		j.moveAmount, j.reason = true, extract.ReasonLatest
		switch {
		case confirms(st, v):
			j.rel, j.reason = extract.RelConfirmed, extract.ReasonLatestConfirmed
			j.note("%s confirms %s, which was %s in %s", st.ref(v.article), extract.FormatMoney(a), st.confirmation, st.ref(st.amountArticle))
		case sameStatement(a, b):
			j.rel = extract.RelSame
			j.notes = append(j.notes, "same figure as "+st.ref(st.amountArticle))
		default:
			j.rel = extract.RelRestated
			j.note("same figure as %s, stated as %s (was %s)", st.ref(st.amountArticle), extract.FormatMoney(b), extract.FormatMoney(a))
		}
		if weaker(st, v) {
			j.moveAmount = false // a report repeating what a party stated does not replace it
		}
		return
	case compatible(a, b):
		switch {
		case confirms(st, v):
			j.rel, j.moveAmount, j.reason = extract.RelConfirmed, true, extract.ReasonLatestConfirmed
			j.note("%s states %s, which the %s %s in %s allowed", st.ref(v.article), extract.FormatMoney(b), st.confirmation, extract.FormatMoney(a), st.ref(st.amountArticle))
		case precision(b) >= precision(a) && !weaker(st, v):
			j.rel, j.moveAmount, j.reason = extract.RelRestated, true, extract.ReasonLatest
			j.note("%s fits %s in %s (the qualifiers allow both)", extract.FormatMoney(b), extract.FormatMoney(a), st.ref(st.amountArticle))
		default:
			j.rel = extract.RelRestated
			j.note("%s fits the current %s; current stays", extract.FormatMoney(b), extract.FormatMoney(a))
		}
		return
	}
	rel := extract.RelRevisedDown
	if approx(b.Value) > approx(a.Value) {
		rel = extract.RelRevisedUp
	}
	if p := v.previous; p != nil {
		switch {
		case sameCurrency(p, a) && closeMoney(p, a):
			j.rel, j.moveAmount, j.supersede, j.reason = rel, true, true, extract.ReasonStatedRevision
			j.note("the article states the previous amount %s: %s → %s", extract.FormatMoney(p), extract.FormatMoney(a), extract.FormatMoney(b))
		case st.findSuperseded(p) != nil:
			conflict(extract.FieldAmount, extract.CauseRevision, "%s revises %s to %s, but %s had already revised it to %s", st.ref(v.article), extract.FormatMoney(p), extract.FormatMoney(b), st.ref(st.amountArticle), extract.FormatMoney(a))
		default:
			j.rel, j.moveAmount, j.supersede, j.reason = rel, true, true, extract.ReasonStatedRevision
			j.note("the article states a previous amount %s, not seen in earlier articles (current was %s)", extract.FormatMoney(p), extract.FormatMoney(a))
		}
		return
	}
	if inc := v.increment; inc != nil && sameCurrency(inc, a) {
		j.rel, j.moveAmount, j.supersede, j.reason = extract.RelIncrement, true, true, extract.ReasonStatedRevision
		sum := approx(a.Value) + approx(inc.Value)
		if addsUp(sum, b) {
			j.note("expanded by %s: %s + %s ≈ %s", extract.FormatMoney(inc), extract.FormatMoney(a), extract.FormatMoney(inc), extract.FormatMoney(b))
		} else {
			j.note("expanded by %s to %s as the article states (current was %s)", extract.FormatMoney(inc), extract.FormatMoney(b), extract.FormatMoney(a))
		}
		return
	}
	if v.status == extract.DealExpanded && rel == extract.RelRevisedUp {
		j.rel, j.moveAmount, j.supersede, j.reason = rel, true, true, extract.ReasonStatedRevision
		j.note("the deal is expanded: %s → %s", extract.FormatMoney(a), extract.FormatMoney(b))
		return
	}
	if len(v.parts) > 0 && rel == extract.RelRevisedUp && includes(v.parts, a) {
		j.rel, j.moveAmount, j.supersede, j.reason = rel, true, true, extract.ReasonStatedRevision
		j.note("a new total %s that includes the current %s (%s)", extract.FormatMoney(b), extract.FormatMoney(a), v.partsNote())
		return
	}
	for _, p := range st.parts {
		if sameCurrency(p, b) && closeMoney(p, b) {
			j.rel = extract.RelRestated
			j.note("%s is one of the separate contracts of %s; current stays %s", extract.FormatMoney(b), st.ref(st.amountArticle), extract.FormatMoney(a))
			return
		}
	}
	if len(st.parts) > 1 && closeF(sumOf(st.parts, a.Currency), approx(b.Value), 0.02) {
		j.rel, j.moveAmount, j.reason = extract.RelRestated, true, extract.ReasonLatest
		j.note("%s is the sum of the separate contracts of %s", extract.FormatMoney(b), st.ref(st.amountArticle))
		return
	}
	if st.knowsIncrement(b) || st.isDifference(b) {
		j.rel = extract.RelIncrement
		j.note("%s is an increment of the deal, not a total; current stays %s", extract.FormatMoney(b), extract.FormatMoney(a))
		return
	}
	if s := st.findSuperseded(b); s != nil {
		j.rel, j.keep = extract.RelRestated, true
		j.note("repeats %s, the figure before a revision; current stays %s", extract.FormatMoney(s.m), extract.FormatMoney(a))
		return
	}
	slip := scaleSlip(approx(a.Value), approx(b.Value)) != 0 || digitSlip(a.Value, b.Value) != ""
	if !slip && sameCurrency(a, b) && a.Period == b.Period && rel == extract.RelRevisedUp && statesTotal(v.evidence, b) {
		j.rel, j.moveAmount, j.supersede, j.reason = rel, true, true, extract.ReasonStatedRevision
		j.note("the article states a new total: %s → %s", extract.FormatMoney(a), extract.FormatMoney(b))
		return
	}
	if !slip && sameCurrency(a, b) && a.Period == b.Period && (additive(v.evidence) || v.apart) {
		st.addContract(v, b, j)
		return
	}
	if !slip && tentative(st) && firmer(st, v) {
		j.rel, j.moveAmount, j.supersede, j.reason = extract.RelSuperseded, true, true, extract.ReasonLatest
		if v.confirmation == extract.Confirmed {
			j.reason = extract.ReasonLatestConfirmed
		}
		j.note("%s (%s, %s) replaces the %s %s of %s", extract.FormatMoney(b), stageOf(v.status), v.confirmation, tentativeWord(st), extract.FormatMoney(a), st.ref(st.amountArticle))
		return
	}
	for _, t := range st.tranches {
		if closeMoney(&t.Amount, b) {
			conflict(extract.FieldAmount, extract.CauseTranche, "tranche reported as the total: %s in %s is the %s tranche of the %s total in %s", extract.FormatMoney(b), st.ref(v.article), t.Condition, extract.FormatMoney(a), st.ref(st.amountArticle))
			return
		}
	}
	for _, t := range v.tranches {
		if closeMoney(&t.Amount, a) {
			conflict(extract.FieldAmount, extract.CauseTranche, "tranche reported as the total: %s in %s is the %s tranche of the %s total in %s", extract.FormatMoney(a), st.ref(st.amountArticle), t.Condition, extract.FormatMoney(b), st.ref(v.article))
			return
		}
	}
	if k := scaleSlip(approx(a.Value), approx(b.Value)); k != 0 {
		conflict(extract.FieldAmount, extract.CauseScale, "10^%d scale slip: %s in %s, %s in %s (billion vs trillion, mil millones vs billones?)", k, extract.FormatMoney(a), st.ref(st.amountArticle), extract.FormatMoney(b), st.ref(v.article))
		return
	}
	if how := digitSlip(a.Value, b.Value); how != "" {
		conflict(extract.FieldAmount, extract.CauseDigit, "%s: %s in %s, %s in %s, and no revision stated", how, extract.FormatMoney(a), st.ref(st.amountArticle), extract.FormatMoney(b), st.ref(v.article))
		return
	}
	conflict(extract.FieldAmount, extract.CauseUnexplained, "different figures and no revision stated: %s in %s, %s in %s", extract.FormatMoney(a), st.ref(st.amountArticle), extract.FormatMoney(b), st.ref(v.article))
}

// confirms reports whether view v, stated by a party, confirms a current
// figure that was only reported or forecast.
func confirms(st *dealState, v *view) bool {
	return v.confirmation == extract.Confirmed && (st.confirmation == extract.Reported || st.confirmation == extract.Forecast)
}

// weaker reports whether view v is only a report or a forecast of a
// figure a party stated.
func weaker(st *dealState, v *view) bool {
	return st.confirmation == extract.Confirmed && (v.confirmation == extract.Reported || v.confirmation == extract.Forecast)
}

// tentative reports whether the current figure is a target, an offer or
// a rumour: one a firmer figure may replace.
func tentative(st *dealState) bool {
	switch st.status {
	case extract.DealPlanned, extract.DealOffered, extract.DealReportedV1, extract.DealPredictedV1:
		return true
	}
	return st.confirmation == extract.Reported || st.confirmation == extract.Forecast
}

func tentativeWord(st *dealState) string {
	switch {
	case st.status == extract.DealPlanned:
		return "target"
	case st.status == extract.DealOffered:
		return "offer"
	case st.confirmation == extract.Forecast:
		return "forecast"
	}
	return "reported figure"
}

// firmer reports whether view v states the deal more firmly than the
// state: a party states it where media only reported it, or it went
// from a target or an offer to an announced, agreed or completed deal.
func firmer(st *dealState, v *view) bool {
	if v.confirmation != extract.Confirmed {
		return false
	}
	if st.confirmation == extract.Reported || st.confirmation == extract.Forecast {
		return true
	}
	return committed(v.status) && !committed(st.status)
}

// precision orders qualifiers: an exact figure says more than an
// approximate one, which says more than a bound.
func precision(m *extract.Money) int {
	switch m.Qualifier {
	case figures.Exact, "":
		return 3
	case figures.About, figures.Range:
		return 2
	}
	return 1
}

// bounds returns the interval of values m allows.
func bounds(m *extract.Money) (lo, hi float64) {
	v := approx(m.Value)
	switch m.Qualifier {
	case figures.Over, figures.AtLeast:
		return v * (1 - relTol), math.Inf(1)
	case figures.UpTo:
		return 0, v * (1 + relTol)
	case figures.About:
		return v * 0.95, v * 1.05
	case figures.Range:
		if m.Max != nil {
			return v * (1 - relTol), approx(*m.Max) * (1 + relTol)
		}
	}
	return v * (1 - relTol), v * (1 + relTol)
}

// compatible reports whether a and b (same currency and period) can both
// be true: "over $2B" and "$8B", "up to $8B" and "$8B".
func compatible(a, b *extract.Money) bool {
	if a.Currency != b.Currency || a.Period != b.Period {
		return false
	}
	if precision(a) == 3 && precision(b) == 3 {
		return closeMoney(a, b)
	}
	alo, ahi := bounds(a)
	blo, bhi := bounds(b)
	return math.Max(alo, blo) <= math.Min(ahi, bhi)
}

// addsUp reports whether total m is sum, as m's qualifier reads it
// ("over $32B" for 12 + 20).
func addsUp(sum float64, m *extract.Money) bool {
	lo, hi := bounds(m)
	return sum >= lo*0.98 && sum <= hi*1.02 || closeF(sum, approx(m.Value), 0.03)
}

// includes reports whether m is one of parts, or the sum of some of them.
func includes(parts []*extract.Money, m *extract.Money) bool {
	var vs []float64
	for _, p := range parts {
		if p.Currency == m.Currency {
			vs = append(vs, approx(p.Value))
		}
	}
	if len(vs) > 12 {
		vs = vs[:12]
	}
	x := approx(m.Value)
	for mask := 1; mask < 1<<len(vs); mask++ {
		s := 0.0
		for i, v := range vs {
			if mask&(1<<i) != 0 {
				s += v
			}
		}
		if closeF(s, x, 0.02) {
			return true
		}
	}
	return false
}

func sumOf(ms []*extract.Money, cur string) float64 {
	s := 0.0
	for _, m := range ms {
		if m.Currency == cur {
			s += approx(m.Value)
		}
	}
	return s
}

// isDifference reports whether m is the difference between the current
// figure and one it superseded: the increment of an expansion, restated.
func (st *dealState) isDifference(m *extract.Money) bool {
	for _, s := range st.superseded {
		if s.m.Currency == m.Currency && m.Currency == st.amount.Currency {
			if d := approx(st.amount.Value) - approx(s.m.Value); d > 0 && closeF(d, approx(m.Value), 0.02) {
				return true
			}
		}
	}
	return false
}

func (st *dealState) knowsConversion(m *extract.Money) bool {
	for _, c := range st.conversions {
		if c.Currency == m.Currency && closeMoney(c, m) {
			return true
		}
	}
	return false
}

// findSuperseded returns the superseded figure m repeats, or nil.
func (st *dealState) findSuperseded(m *extract.Money) *srcMoney {
	for i := range st.superseded {
		s := &st.superseded[i]
		if sameCurrency(s.m, m) && closeMoney(s.m, m) {
			return s
		}
	}
	return nil
}

// scaleSlip returns 3 or 6 when x and y are 10^3 or 10^6 apart (within
// rounding), else 0.
func scaleSlip(x, y float64) int {
	if x <= 0 || y <= 0 {
		return 0
	}
	r := math.Max(x, y) / math.Min(x, y)
	for _, k := range []int{3, 6} {
		if closeF(r, math.Pow10(k), relTol) {
			return k
		}
	}
	return 0
}

// digitSlip says how the plain digits of x and y differ by one slip: "a
// factor of 10 ...", "an inserted or dropped digit" (38 vs 138) or
// "transposed digits" (38 vs 83); "" otherwise.
func digitSlip(x, y figures.Decimal) string {
	a, b := x.String(), y.String()
	if len(a) > len(b) {
		a, b = b, a
	}
	switch {
	case len(b) == len(a)+1:
		for i := 0; i < len(b); i++ {
			if b[:i]+b[i+1:] == a {
				if fx, fy := approx(x), approx(y); closeF(math.Max(fx, fy)/math.Min(fx, fy), 10, relTol) {
					return "a factor of 10 (a misplaced decimal point or a zero too many)"
				}
				return "an inserted or dropped digit"
			}
		}
	case len(a) == len(b):
		for i := 0; i+1 < len(a); i++ {
			if a[i] != b[i] {
				if a[i] == b[i+1] && a[i+1] == b[i] && a[i] != a[i+1] && a[i+2:] == b[i+2:] {
					return "transposed digits"
				}
				return ""
			}
		}
	}
	return ""
}

// usdRates are plausible ranges of units of a currency per US dollar in
// 2025–2026, wide enough for rounding by outlets ("about €8.6 billion"
// for $10 billion). They tell a conversion from a disagreement; the same
// number in two currencies ($38B and €38B) stays a conflict.
var usdRates = map[string][2]float64{
	"USD": {1, 1},
	"EUR": {0.82, 0.96},
	"GBP": {0.71, 0.83},
	"CHF": {0.76, 0.92},
	"JPY": {135, 162},
	"CNY": {6.8, 7.4},
	"CAD": {1.30, 1.46},
	"AUD": {1.40, 1.62},
	"INR": {82, 92},
	"KRW": {1300, 1500},
}

// converts reports whether b can be a in another currency at a plausible
// exchange rate.
func converts(a, b *extract.Money) bool {
	ra, oka := usdRates[a.Currency]
	rb, okb := usdRates[b.Currency]
	if !oka || !okb || a.Currency == b.Currency {
		return false
	}
	// b/a is (b per USD)/(a per USD); its range is rb/ra, widened by 1%.
	x := approx(b.Value) / approx(a.Value)
	lo, hi := rb[0]/ra[1]*0.99, rb[1]/ra[0]*1.01
	return x >= lo && x <= hi
}

// additiveCues mark a figure as one more contract or tranche of a deal
// already known: "a further", "another", "un ulteriore", "otro", "an
// extension".
var additiveCues = []string{
	"further", "another", "additional", "extension", "top-up", "top up",
	"ulterior", "un altro", "un'altra", "aggiuntiv", "estension",
	"otro ", "otra ", "adicional", "extensión", "ampliación de",
	"a new contract", "a new agreement", "a new deal", "a second contract", "a second agreement",
	"un nuovo contratto", "un nuovo accordo", "un secondo contratto",
	"un nuevo contrato", "un nuevo acuerdo", "un segundo contrato",
}

// totalCues, just before a figure, say that it is the deal's new total:
// "bringing the total to $4.2 billion", "portando il totale a",
// "elevando el total a".
var totalCues = []string{
	"total to ", "total of ", "totaling ", "totalling ", "in total ",
	"totale a ", "totale di ", "complessivo di ", "complessivi ",
	"total a ", "total de ", "total hasta ",
}

// statesTotal reports whether the evidence presents m as the deal's new
// total.
func statesTotal(spans []extract.Span, m *extract.Money) bool {
	if m.Text == "" {
		return false
	}
	for _, sp := range spans {
		i := strings.Index(sp.Text, m.Text)
		if i < 0 {
			continue
		}
		before := strings.ToLower(sp.Text[max(0, i-32):i])
		for _, c := range totalCues {
			if strings.Contains(before, c) {
				return true
			}
		}
	}
	return false
}

// additive reports whether the evidence presents its figure as one more
// contract of a deal already known.
func additive(spans []extract.Span) bool {
	for _, sp := range spans {
		t := strings.ToLower(sp.Text)
		for _, c := range additiveCues {
			if strings.Contains(t, c) {
				return true
			}
		}
	}
	return false
}

// addContract relates a figure that the article presents as one more
// contract: it adds to the current total.
func (st *dealState) addContract(v *view, b *extract.Money, j *judgement) {
	a := st.amount
	sum, ok := a.Value.Add(b.Value)
	if !ok {
		return
	}
	m := *a
	m.Value, m.Max, m.Text, m.Start, m.End = sum, nil, "", 0, 0
	if m.Qualifier == figures.Range || m.Qualifier == figures.UpTo {
		m.Qualifier = figures.About
	}
	j.rel, j.amount, j.moveAmount, j.supersede, j.reason = extract.RelIncrement, &m, true, true, extract.ReasonStatedRevision
	j.note("one more contract of %s: %s + %s = %s in all", extract.FormatMoney(b), extract.FormatMoney(a), extract.FormatMoney(b), extract.FormatMoney(&m))
	parts := slices.Clone(st.parts)
	if len(parts) == 0 {
		parts = append(parts, a)
	}
	if len(parts) < maxParts {
		parts = append(parts, b)
	}
	j.parts = parts
}

// maxParts bounds the contracts a deal remembers, so that a deal with
// thousands of sources stays O(n log n).
const maxParts = 64

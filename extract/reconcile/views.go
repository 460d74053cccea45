package reconcile

import (
	"math"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// relTol is the relative tolerance for "equal within rounding".
const relTol = 0.005

// view is one article's view of a deal: its facts merged.
type view struct {
	article, source, pub string
	start                int // first evidence byte, for order within the article
	amount, previous     *extract.Money
	tranches             []extract.Tranche
	capacity             []extract.Capacity
	hardware             []string
	term                 *float64
	status               extract.DealStatus   // the stage, or DealReportedV1/DealPredictedV1 (see legacyStatus)
	confirmation         extract.Confirmation // the surest confirmation of the article's facts
	roles                []roleOf
	evidence             []extract.Span
}

// roleOf is a party's role in one view (key is the lowercased name).
type roleOf struct {
	key, name string
	role      extract.Role
}

// cmpFacts orders facts by deal id, then date, article, position in the
// text, then by content, so the order never depends on the input's.
func cmpFacts(a, b rfact) int {
	if c := strings.Compare(a.id, b.id); c != 0 {
		return c
	}
	if c := strings.Compare(a.pub, b.pub); c != 0 {
		return c
	}
	if c := strings.Compare(a.article, b.article); c != 0 {
		return c
	}
	da, db := a.d, b.d
	if c := cmpInt(da.Evidence.Start, db.Evidence.Start); c != 0 {
		return c
	}
	if c := cmpInt(da.Evidence.End, db.Evidence.End); c != 0 {
		return c
	}
	if c := cmpMoney(da.Amount, db.Amount); c != 0 {
		return c
	}
	if c := cmpMoney(da.PreviousAmount, db.PreviousAmount); c != 0 {
		return c
	}
	if c := strings.Compare(string(da.Status), string(db.Status)); c != 0 {
		return c
	}
	if c := cmpInt(len(da.Capacity), len(db.Capacity)); c != 0 {
		return c
	}
	if c := cmpInt(len(da.Tranches), len(db.Tranches)); c != 0 {
		return c
	}
	if c := cmpInt(len(da.Parties), len(db.Parties)); c != 0 {
		return c
	}
	if da.Confidence != db.Confidence {
		if da.Confidence < db.Confidence {
			return -1
		}
		return 1
	}
	return strings.Compare(a.source, b.source)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// cmpMoney orders nil first, then by value, currency, period, qualifier.
func cmpMoney(a, b *extract.Money) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	if a.Value != b.Value {
		if c := a.Value.Cmp(b.Value); c != 0 {
			return c
		}
	}
	for _, p := range [][2]string{{a.Currency, b.Currency}, {string(a.Period), string(b.Period)}, {string(a.Qualifier), string(b.Qualifier)}, {a.Text, b.Text}} {
		if p[0] != p[1] {
			if p[0] < p[1] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// articleViews merges the facts of one article (in text order) into
// views. Facts whose amounts agree, or where one is the other's previous
// amount or tranche, are one view; an amount that disagrees opens another
// view. Facts without an amount join the first view.
func articleViews(fs []rfact, arena *viewArena, views []*view) []*view {
	first := len(views)
	amt := make([]int, 0, len(fs))
	var rest []int
	for i := range fs {
		if fs[i].d.Amount != nil {
			amt = append(amt, i)
		} else {
			rest = append(rest, i)
		}
	}
	// Strongest statement first: a stated revision, then tranches, then
	// a per-year figure (more specific than the same number as a total).
	prio := func(d *extract.Deal) int {
		p := 0
		if d.PreviousAmount != nil {
			p += 4
		}
		if len(d.Tranches) > 0 {
			p += 2
		}
		if d.Amount.Period == figures.PerYear {
			p++
		}
		return p
	}
	slices.SortStableFunc(amt, func(i, j int) int { return prio(fs[j].d) - prio(fs[i].d) })
	for _, i := range amt {
		f := &fs[i]
		placed := false
		for _, v := range views[first:] {
			if v.absorbs(f.d.Amount) {
				v.merge(f)
				placed = true
				break
			}
		}
		if !placed {
			views = append(views, arena.newView(f))
		}
	}
	mine := views[first:]
	slices.SortStableFunc(mine, func(a, b *view) int { return cmpInt(a.start, b.start) })
	for _, i := range rest {
		if len(views) == first {
			views = append(views, arena.newView(&fs[i]))
			continue
		}
		views[first].merge(&fs[i])
	}
	return views
}

// viewArena allocates the views of one deal in one block.
type viewArena struct {
	views []view // capacity: the deal's number of facts, never exceeded
	spans []extract.Span
}

func newViewArena(facts int) *viewArena {
	return &viewArena{views: make([]view, 0, facts), spans: make([]extract.Span, facts)}
}

// newView starts a view from fact f.
func (a *viewArena) newView(f *rfact) *view {
	a.views = append(a.views, view{article: f.article, source: f.source, pub: f.pub, start: f.d.Evidence.Start, amount: f.d.Amount})
	v := &a.views[len(a.views)-1]
	k := len(a.views) - 1
	a.spans[k] = f.d.Evidence
	v.evidence = a.spans[k : k+1 : k+1]
	shared := true
	for _, r := range f.roles {
		shared = shared && r.role != ""
	}
	if shared {
		v.roles = f.roles // cap == len: a later append copies
	}
	v.merge(f)
	return v
}

// absorbs reports whether amount m belongs to this view: the same figure,
// the previous amount it replaces, or one of its tranches.
func (v *view) absorbs(m *extract.Money) bool {
	if v.amount == nil {
		return false
	}
	if sameCurrency(v.amount, m) && closeMoney(v.amount, m) {
		return true
	}
	if v.previous != nil && sameCurrency(v.previous, m) && closeMoney(v.previous, m) {
		return true
	}
	for i := range v.tranches {
		if sameCurrency(&v.tranches[i].Amount, m) && closeMoney(&v.tranches[i].Amount, m) {
			return true
		}
	}
	return false
}

// merge adds what fact f states to the view.
func (v *view) merge(f *rfact) {
	d := f.d
	if d.Evidence.Start < v.start {
		v.start = d.Evidence.Start
	}
	dupe := false
	for _, e := range v.evidence {
		if e.Start == d.Evidence.Start && e.End == d.Evidence.End {
			dupe = true
			break
		}
	}
	if !dupe {
		i := len(v.evidence)
		for i > 0 && v.evidence[i-1].Start > d.Evidence.Start {
			i--
		}
		v.evidence = slices.Insert(v.evidence, i, d.Evidence)
	}
	if v.previous == nil && d.PreviousAmount != nil {
		v.previous = d.PreviousAmount
	}
	if len(v.tranches) == 0 && len(d.Tranches) > 0 {
		v.tranches = d.Tranches
	}
	for _, c := range d.Capacity {
		if !hasCapacity(v.capacity, c) {
			v.capacity = append(v.capacity, c)
		}
	}
	for _, h := range d.Hardware {
		if !containsFold(v.hardware, h) {
			v.hardware = append(v.hardware, h)
		}
	}
	if v.term == nil && d.TermYears != nil {
		v.term = d.TermYears
	}
	if st := legacyStatus(d); statusRank(st) > statusRank(v.status) {
		v.status = st
	}
	if c := confirmationOf(d); confirmationRank(c) > confirmationRank(v.confirmation) {
		v.confirmation = c
	}
	for _, r := range f.roles {
		if r.role == "" {
			continue
		}
		found := false
		for _, x := range v.roles {
			if x.key == r.key {
				found = true
				break
			}
		}
		if !found {
			v.roles = append(v.roles, r)
		}
	}
}

// statusRank orders statuses from the vaguest to the most definitive,
// to pick one article's status when its facts differ.
func statusRank(s extract.DealStatus) int {
	switch s {
	case extract.DealPredictedV1:
		return 1
	case extract.DealReportedV1:
		return 2
	case extract.DealPlanned:
		return 3
	case extract.DealOffered:
		return 4
	case extract.DealAnnounced:
		return 5
	case extract.DealAgreed:
		return 6
	case extract.DealExpanded:
		return 7
	case extract.DealCompleted:
		return 8
	case extract.DealRejected:
		return 9
	}
	return 0
}

// committed reports whether s says the deal was made.
func committed(s extract.DealStatus) bool {
	switch s {
	case extract.DealAnnounced, extract.DealAgreed, extract.DealCompleted, extract.DealExpanded:
		return true
	}
	return false
}

// statusConflict reports whether a later view's status contradicts the
// earlier one's.
func statusConflict(earlier, later extract.DealStatus) bool {
	if earlier == "" || later == "" || earlier == later {
		return false
	}
	switch {
	case earlier == extract.DealRejected:
		return true
	case later == extract.DealRejected:
		return committed(earlier)
	case later == extract.DealOffered:
		return committed(earlier)
	}
	return false
}

// opposite reports whether two roles of one party contradict each other.
func opposite(a, b extract.Role) bool {
	pairs := [][2]extract.Role{{extract.RoleBuyer, extract.RoleSeller}, {extract.RoleInvestor, extract.RoleInvestee}, {extract.RoleSupplier, extract.RoleCustomer}, {extract.RoleInvestor, extract.RoleRaiser}}
	for _, p := range pairs {
		if a == p[0] && b == p[1] || a == p[1] && b == p[0] {
			return true
		}
	}
	return false
}

func hasCapacity(cs []extract.Capacity, c extract.Capacity) bool {
	for _, x := range cs {
		if x.Unit == c.Unit && deref(x.Purpose) == deref(c.Purpose) && approx(x.Value) == approx(c.Value) {
			return true
		}
	}
	return false
}

func containsFold(xs []string, s string) bool {
	for _, x := range xs {
		if lower(x) == lower(s) {
			return true
		}
	}
	return false
}

// approx returns d as a float64, for ratios and tolerances only: exact
// values stay in Decimal.
func approx(d figures.Decimal) float64 {
	return float64(d.Coef) * math.Pow10(d.Exp)
}

// closeF reports whether x and y are equal within relTol.
func closeF(x, y, tol float64) bool {
	return math.Abs(x-y) <= tol*math.Max(math.Abs(x), math.Abs(y))
}

// closeMoney reports whether two amounts are equal within rounding, or
// one lies in the other's range. Currency and period are not compared.
func closeMoney(a, b *extract.Money) bool {
	x, y := approx(a.Value), approx(b.Value)
	if closeF(x, y, relTol) {
		return true
	}
	if a.Max != nil && inRange(y, x, approx(*a.Max)) {
		return true
	}
	if b.Max != nil && inRange(x, y, approx(*b.Max)) {
		return true
	}
	return false
}

func inRange(x, lo, hi float64) bool {
	return x >= lo*(1-relTol) && x <= hi*(1+relTol)
}

func sameCurrency(a, b *extract.Money) bool { return a.Currency == b.Currency }

// sameStatement reports whether two close amounts are stated the same
// way (qualifier and bounds).
func sameStatement(a, b *extract.Money) bool {
	if a.Qualifier != b.Qualifier || (a.Max == nil) != (b.Max == nil) {
		return false
	}
	return a.Max == nil || closeF(approx(*a.Max), approx(*b.Max), relTol)
}

func lower(s string) string { return strings.ToLower(s) }

// legacyStatus folds a deal's confirmation into its stage the way schema
// 1 did (an unconfirmed announcement is "reported", a forecast
// "predicted"), which the timeline rules were written for. Output goes
// back through stageOf.
func legacyStatus(d *extract.Deal) extract.DealStatus {
	switch c := confirmationOf(d); {
	case c == extract.Forecast:
		return extract.DealPredictedV1
	case c == extract.Reported && (d.Status == extract.DealAnnounced || d.Status == extract.DealReportedV1):
		return extract.DealReportedV1
	}
	return d.Status
}

// confirmationOf is d's confirmation; a deal that predates schema 2
// and was not upgraded is read as UpgradeDeal would read it.
func confirmationOf(d *extract.Deal) extract.Confirmation {
	if d.Confirmation != "" {
		return d.Confirmation
	}
	switch d.Status {
	case extract.DealReportedV1:
		return extract.Reported
	case extract.DealPredictedV1:
		return extract.Forecast
	}
	return extract.Confirmed
}

// stageOf is the schema-2 stage of a view's status.
func stageOf(s extract.DealStatus) extract.DealStatus {
	if s == extract.DealReportedV1 || s == extract.DealPredictedV1 || s == "" {
		return extract.DealAnnounced
	}
	return s
}

// confirmationRank orders confirmations by the precedence documented
// on Confirmation: denied, then confirmed, then reported, then forecast.
func confirmationRank(c extract.Confirmation) int {
	switch c {
	case extract.Denied:
		return 4
	case extract.Confirmed:
		return 3
	case extract.Reported:
		return 2
	case extract.Forecast:
		return 1
	}
	return 0
}

package reconcile

import (
	"fmt"
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
	increment            *extract.Money
	tranches             []extract.Tranche
	capacity             []extract.Capacity
	hardware             []string
	term                 *float64
	status               extract.DealStatus   // the stage, or DealReportedV1/DealPredictedV1 (see legacyStatus)
	textStatus           extract.DealStatus   // the same, counting only facts stated in sentences (not table rows)
	confirmation         extract.Confirmation // the surest confirmation of the article's facts
	roles                []roleOf
	evidence             []extract.Span
	// background: every fact of the view is a background mention.
	background bool
	// parts are the separate contracts, or the parts of a sum, that the
	// article states for the deal, in text order.
	parts []*extract.Money
	// conversions are the view's figure in other currencies.
	conversions []*extract.Money
	announced   string // the first AnnouncedOn of its facts
	// newsStatus: status comes from a news fact (see merge).
	newsStatus bool
	// apart: another fact of the article, recalling an older figure of
	// the deal, says this one is a separate contract ("The agreement is
	// separate from the $2.1 billion contract ... which is unchanged").
	apart bool
}

// roleOf is a party's role in one view (key is the lowercased name).
type roleOf struct {
	key, name string
	role      extract.Role
	// implied: the role is its members' (a venture that stands for
	// them, see collapseVentures), not one the article gives the
	// venture; it never contradicts another role.
	implied bool
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
// amount, tranche or conversion into another currency, are one view; an
// amount that disagrees opens another view. Facts without an amount join
// the first view. Views of figures that the article presents as parts of
// a sum it states, or as separate contracts, are then folded into one.
func articleViews(fs []rfact, arena *viewArena, views []*view) []*view {
	first := len(views)
	amt := make([]int, 0, len(fs))
	var rest []int
	for i := range fs {
		d := fs[i].d
		fs[i].incOnly = d.Amount != nil && (d.Increment != nil && sameCurrency(d.Amount, d.Increment) && closeMoney(d.Amount, d.Increment) ||
			d.Increment == nil && d.PreviousAmount == nil && incrementCue(d.Evidence.Text, d.Amount.Text))
		if d.Amount != nil && !fs[i].incOnly {
			amt = append(amt, i)
		} else {
			rest = append(rest, i)
		}
	}
	// Strongest statement first: a stated revision, then tranches, then
	// a per-year figure (more specific than the same number as a total).
	prio := func(d *extract.Deal) int {
		p := 0
		if d.PreviousAmount != nil || d.Increment != nil {
			p += 4
		}
		if len(d.Tranches) > 0 {
			p += 2
		}
		if d.Amount.Period == figures.PerYear {
			p++
		}
		if d.Mention != extract.MentionBackground {
			p += 8
		}
		return p
	}
	slices.SortStableFunc(amt, func(i, j int) int {
		if c := prio(fs[j].d) - prio(fs[i].d); c != 0 {
			return c
		}
		return cmpInt(fs[i].d.Amount.Start, fs[j].d.Amount.Start) // the figure written first; its conversion after it
	})
	where := make([]int, len(fs)) // index of each fact's view in views
	for _, i := range amt {
		f := &fs[i]
		placed := false
		for k, v := range views[first:] {
			if how := v.absorbs(f.d.Amount); how != absorbNone {
				v.merge(f)
				if how == absorbConversion {
					v.conversions = append(v.conversions, f.d.Amount)
				}
				where[i] = first + k
				placed = true
				break
			}
		}
		if !placed {
			where[i] = len(views)
			views = append(views, arena.newView(f))
		}
	}
	if len(views)-first > 1 {
		views = foldParts(fs, amt, where, views, first)
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

// foldParts folds the views of one article (views[first:]) when the
// article presents their figures as parts of a sum it states (the sum's
// view keeps the others as parts), or as separate contracts (a cue such
// as "a further", "ulteriore", "otro", an increment, or other dates: the
// first view keeps the others as parts). Otherwise the views stay apart.
func foldParts(fs []rfact, amt, where []int, views []*view, first int) []*view {
	mine := views[first:]
	into := -1
	for t, v := range mine {
		if v.amount == nil || v.background {
			continue
		}
		n, sum := 0, 0.0
		for o, w := range mine {
			if o != t && w.amount != nil && !w.background && w.amount.Currency == v.amount.Currency && w.amount.Period == v.amount.Period {
				n++
				sum += approx(w.amount.Value)
			}
		}
		if n >= 2 && closeF(sum, approx(v.amount.Value), 0.02) {
			into = t
			break
		}
	}
	if into < 0 {
		cue := false
		for _, i := range amt {
			d := fs[i].d
			if d.Increment != nil || separateCue(d.Evidence.Text) {
				cue = true
			}
		}
		for _, w := range mine[1:] {
			if w.announced != "" && mine[0].announced != "" && w.announced != mine[0].announced {
				cue = true
			}
		}
		if !cue {
			return views
		}
		into = 0
		for t, w := range mine {
			if w.start < mine[into].start {
				into = t
			}
		}
	}
	t := mine[into]
	var parts []*view
	for o, w := range mine {
		if o != into && !w.background {
			parts = append(parts, w)
		}
	}
	slices.SortStableFunc(parts, func(a, b *view) int { return cmpInt(a.start, b.start) })
	if into == 0 || len(parts) == len(mine)-1 && t.start < parts[0].start {
		// separate contracts: the first is a part too
		if !sumView(t, parts) {
			t.parts = append(t.parts, t.amount)
		}
	}
	for _, w := range parts {
		t.parts = append(t.parts, w.amount)
	}
	for _, i := range amt {
		k := where[i] - first
		if k != into && !mine[k].background {
			t.merge(&fs[i])
		}
	}
	out := views[:first]
	for _, w := range mine {
		if w == t || w.background {
			out = append(out, w)
		}
	}
	return out
}

// apartCues, in a sentence that recalls an older figure of the deal, say
// that the article's own figure is another contract.
var apartCues = []string{
	"separate from", "in addition to", "on top of", "distinct from",
	"separato da", "separata da", "distinto da", "distinta da", "si aggiunge a", "oltre al contratto", "oltre all'accordo",
	"independiente de", "distinto de", "distinta de", "separado de", "separada de", "se suma a", "además del contrato", "además del acuerdo",
}

// markApart marks the news views of one article as separate contracts
// when a background view of the article, with another figure, says so.
func markApart(vs []*view) {
	for _, w := range vs {
		if !w.background || w.amount == nil || !hasCue(w.evidence, apartCues) {
			continue
		}
		for _, v := range vs {
			if !v.background && v.amount != nil && !closeMoney(v.amount, w.amount) {
				v.apart = true
			}
		}
	}
}

// hasCue reports whether one of the spans contains one of cues.
func hasCue(spans []extract.Span, cues []string) bool {
	for _, sp := range spans {
		t := strings.ToLower(sp.Text)
		for _, c := range cues {
			if strings.Contains(t, c) {
				return true
			}
		}
	}
	return false
}

// sumView reports whether t's figure is the sum of the parts' figures.
func sumView(t *view, parts []*view) bool {
	s := 0.0
	for _, w := range parts {
		s += approx(w.amount.Value)
	}
	return len(parts) >= 2 && closeF(s, approx(t.amount.Value), 0.02)
}

// separateCues mark a figure as one more contract, or a sum of several:
// "a further $0.8 billion", "un ulteriore contratto", "otro acuerdo",
// "$4.2 billion in all".
var separateCues = []string{
	"further", "another", "additional", "separate", "second contract", "new contract", "new agreement", "in all", "in total",
	"ulterior", "un altro", "un'altra", "secondo contratto", "nuovo contratto", "nuovo accordo", "aggiuntiv", "in totale", "complessiv",
	"otro ", "otra ", "adicional", "segundo contrato", "nuevo contrato", "nuevo acuerdo", "en total", "en conjunto",
}

func separateCue(text string) bool {
	t := strings.ToLower(text)
	for _, c := range separateCues {
		if strings.Contains(t, c) {
			return true
		}
	}
	return false
}

// partsNote describes the view's parts.
func (v *view) partsNote() string {
	ps := make([]string, len(v.parts))
	for i, p := range v.parts {
		ps[i] = extract.FormatMoney(p)
	}
	if sumView(v, nil) || len(v.parts) > 0 && !(v.parts[0] == v.amount) {
		return fmt.Sprintf("%s is the sum of %d contracts the article states: %s", extract.FormatMoney(v.amount), len(v.parts), strings.Join(ps, " + "))
	}
	return fmt.Sprintf("%d separate contracts in one article: %s", len(v.parts), strings.Join(ps, ", "))
}

// conversionIn returns the view's figure in currency cur, or nil.
func (v *view) conversionIn(cur string) *extract.Money {
	for _, c := range v.conversions {
		if c.Currency == cur {
			return c
		}
	}
	return nil
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
	amount := f.d.Amount
	if f.incOnly {
		amount = nil
	}
	a.views = append(a.views, view{article: f.article, source: f.source, pub: f.pub, start: f.d.Evidence.Start, amount: amount, background: f.d.Mention == extract.MentionBackground, announced: deref(f.d.AnnouncedOn)})
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

type absorb int

const (
	absorbNone absorb = iota
	absorbSame
	absorbConversion
)

// absorbs reports whether amount m belongs to this view: the same figure,
// the previous amount it replaces, one of its tranches, or the figure in
// another currency (an article states one figure once, "$10 billion
// (about €8.6 billion)": never a rival).
func (v *view) absorbs(m *extract.Money) absorb {
	if v.amount == nil {
		return absorbNone
	}
	if sameCurrency(v.amount, m) && closeMoney(v.amount, m) {
		return absorbSame
	}
	if v.previous != nil && sameCurrency(v.previous, m) && closeMoney(v.previous, m) {
		return absorbSame
	}
	for i := range v.tranches {
		if sameCurrency(&v.tranches[i].Amount, m) && closeMoney(&v.tranches[i].Amount, m) {
			return absorbSame
		}
	}
	if m.Currency != v.amount.Currency && m.Currency != "" && v.amount.Currency != "" && m.Period == v.amount.Period {
		if r := approx(m.Value) / approx(v.amount.Value); r > 0.2 && r < 5 && v.conversionIn(m.Currency) == nil {
			return absorbConversion
		}
	}
	return absorbNone
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
	// A background mention recalls an older step ("a further $0.8
	// billion in May"): it never makes the article's own figure an
	// increment.
	if v.increment == nil && d.Increment != nil && d.Mention != extract.MentionBackground {
		v.increment = d.Increment
	}
	if v.increment == nil && f.incOnly && d.Mention != extract.MentionBackground {
		v.increment = d.Amount
	}
	if d.Mention != extract.MentionBackground {
		v.background = false
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
	// The stage of a view is its news facts'; a background fact merged
	// into it (a figure-less recall of an older round) gives the stage
	// only while no news fact has.
	news := d.Mention != extract.MentionBackground
	if news && !v.newsStatus {
		v.status, v.textStatus, v.newsStatus = "", "", true
	}
	if news || !v.newsStatus {
		if st := legacyStatus(d); statusRank(st) > statusRank(v.status) {
			v.status = st
		}
		if st := legacyStatus(d); !tableRow(d.Evidence.Text) && statusRank(st) > statusRank(v.textStatus) {
			v.textStatus = st
		}
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
	case extract.DealCancelled:
		return 10
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
		return later != extract.DealCancelled
	case earlier == extract.DealCancelled:
		return committed(later)
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

// tableRow reports whether evidence is a row of a table ("| Amazon |
// OpenAI | $50B |") rather than a sentence.
func tableRow(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "|") || strings.Count(t, "|") >= 2 || strings.Count(t, "\t") >= 2
}

// incrementCues end the words before a figure that is an increment, not
// a total: "expanded by $20 billion", "ampliato di 20 miliardi",
// "amplió en 20.000 millones", "an additional €2 billion".
var incrementCues = []string{
	"by an additional ", "by a further ", "an additional ", "a further ", "additional ",
	"ampliato di ", "aumentato di ", "ampliata di ", "aumentata di ", "cresciuto di ", "ulteriori ", "altri ",
	"amplió en ", "amplía en ", "ampliado en ", "aumentó en ", "aumenta en ", "incrementó en ", "otros ", "adicionales ",
}

// incrementCue reports whether the figure written as money in text reads
// as an increment.
func incrementCue(text, money string) bool {
	if money == "" {
		return false
	}
	i := strings.Index(text, money)
	if i < 0 {
		return false
	}
	before := strings.ToLower(text[max(0, i-24):i])
	for _, c := range incrementCues {
		if strings.HasSuffix(before, c) {
			return true
		}
	}
	// "by $20 billion" after a verb of growth: "expanded its agreement
	// with Nimbra by $20 billion", "raised the commitment by".
	if strings.HasSuffix(before, "by ") {
		wider := strings.ToLower(text[max(0, i-80):i])
		for _, v := range []string{"expand", "increas", "boost", "rais", "grow", "grew", "enlarg", "extend", "top"} {
			if strings.Contains(wider, v) {
				return true
			}
		}
	}
	return false
}

// reversalCues mark a status that the article itself presents as a
// reversal of an earlier one: "reversed its earlier decision", "two
// months after giving its preliminary approval", "da marcha atrás", "ci
// ha ripensato". With one in the evidence, a later status that
// contradicts the earlier one is a stated revision, not a conflict.
var reversalCues = []string{
	// en
	"reversed", "reversal", "reverses", "backtrack", "u-turn", "about-face", "changed its mind", "change of heart",
	"walked back", "backed out", "backed away", "pulled out", "reconsidered", "went back on",
	"after giving", "after initially", "after approving", "after accepting", "after agreeing", "after backing",
	"earlier approval", "previous approval", "earlier decision", "preliminary approval",
	// es
	"marcha atrás", "revirtió", "revierte", "revocó", "revoca", "se retractó", "se echó atrás", "se echa atrás",
	"cambió de opinión", "cambió de idea", "tras haber aprobado", "tras haber aceptado", "tras haber dado",
	"después de haber aprobado", "después de haber aceptado", "después de haber dado", "tras dar su", "tras aprobar", "tras aceptar",
	"aprobación preliminar",
	// it
	"ripensat", "ripensamento", "marcia indietro", "dietrofront", "retromarcia", "revocat", "ha cambiato idea",
	"dopo aver approvato", "dopo aver accettato", "dopo aver dato", "dopo avere approvato", "approvazione preliminare",
}

// reversal reports whether the evidence presents its status as a
// reversal of an earlier one.
func reversal(spans []extract.Span) bool {
	for _, sp := range spans {
		t := strings.ToLower(sp.Text)
		for _, c := range reversalCues {
			if strings.Contains(t, c) {
				return true
			}
		}
	}
	return false
}

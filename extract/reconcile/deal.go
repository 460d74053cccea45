package reconcile

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// dealState is what the views so far establish about a deal.
type dealState struct {
	amount        *extract.Money
	amountArticle string
	// weak: the current figure comes from a background mention only; a
	// news figure replaces it without a conflict.
	weak bool
	// support is the article (its date and source) behind the current
	// figure, and reason why it is current.
	support, supportPub, supportSource string
	reason                             extract.CurrentReason
	status                             extract.DealStatus
	confirmation                       extract.Confirmation // of the view behind the current figure
	statusArticle                      string
	tranches                           []extract.Tranche
	trancheArticle                     string
	capacity                           []srcCapacity
	hardware                           []string
	term                               *float64
	termArticle                        string
	roles                              []srcRole
	// superseded are figures a revision replaced, oldest first, each once.
	superseded []srcMoney
	// parts are the separate contracts (or parts of a sum) that the view
	// behind the current figure states.
	parts []*extract.Money
	// increments are the increments stated so far.
	increments []*extract.Money
	// conversions are the current figure in other currencies, as the
	// articles converted it.
	conversions []*extract.Money
	// lastPub is the latest date of a view of the deal.
	lastPub string
	// pubOf is each article's date, for notes.
	pubOf map[string]string
}

// ref names an article in a note: "sha256:… (2026-02-27)".
func (st *dealState) ref(article string) string {
	pub := st.pubOf[article]
	if pub == "" {
		pub = "undated"
	}
	return article + " (" + pub + ")"
}

func (st *dealState) refs(articles []string) string {
	out := make([]string, len(articles))
	for i, a := range articles {
		out[i] = st.ref(a)
	}
	return strings.Join(out, ", ")
}

type srcMoney struct {
	m       *extract.Money
	article string
}

type srcCapacity struct {
	c       extract.Capacity
	article string
}

type srcRole struct {
	roleOf
	article string
}

// judgement is how a view relates to the state.
type judgement struct {
	rel       extract.Relation
	notes     []string
	conflicts []extract.Conflict
	// moveAmount: the view's amount becomes the current figure.
	moveAmount bool
	// amount is the figure that becomes current when it is not the
	// view's own (an increment added to the current figure).
	amount *extract.Money
	// reason is why the figure moves.
	reason extract.CurrentReason
	// supersede: a revision replaces the current figure.
	supersede bool
	// keep: the view changes nothing (a superseded figure restated).
	keep bool
	// status is the view's status as counted (a status stated only in a
	// table row is not); "" to leave the status alone.
	status extract.DealStatus
}

func (j *judgement) note(format string, a ...any) {
	j.notes = append(j.notes, fmt.Sprintf(format, a...))
}

// conflictGroup collects the disagreements on one field of a deal.
type conflictGroup struct {
	at    int // index in the deal's Conflicts
	notes []string
	more  int // notes left out
}

// maxNotes is how many disagreements a conflict's note spells out.
const maxNotes = 3

// episode is one deal being built: the views of one deal id that belong
// together in time.
type episode struct {
	rd     extract.ReconciledDeal
	st     *dealState
	groups map[extract.ConflictField]*conflictGroup
	seen   map[string]bool // field|article|value already in a conflict
	views  []*view
}

// reconcileDeal reconciles the facts of one deal id, which time may
// split into several deals.
func reconcileDeal(fs []rfact, gi *groupInfo, o *Options) []extract.ReconciledDeal {
	kind, names := gi.kind, gi.names
	arena := newViewArena(len(fs))
	views := make([]*view, 0, len(fs))
	pubOf := make(map[string]string)
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].article == fs[i].article && fs[j].pub == fs[i].pub {
			j++
		}
		pubOf[fs[i].article] = fs[i].pub
		views = articleViews(fs[i:j], arena, views)
		i = j
	}
	gap := o.gapDays()
	var out []extract.ReconciledDeal
	ids := map[string]bool{}
	newEpisode := func(v *view) *episode {
		id := fs[0].id
		if len(out) > 0 {
			id += "/" + month(v.pub)
			for n := 2; ids[id]; n++ {
				id = fs[0].id + "/" + month(v.pub) + "-" + strconv.Itoa(n)
			}
		}
		ids[id] = true
		return &episode{
			rd:     extract.ReconciledDeal{ID: id, Kind: kind, Parties: names, Conflicts: []extract.Conflict{}},
			st:     &dealState{pubOf: pubOf},
			groups: make(map[extract.ConflictField]*conflictGroup),
			seen:   make(map[string]bool),
		}
	}
	ep := newEpisode(views[0])
	last := "\x00"
	for k, v := range views {
		if v == nil {
			continue // folded into another view of its article
		}
		if v.article != last {
			last = v.article
			ep.st.pairIncrements(views[k:])
			if v = views[k]; v == nil {
				continue
			}
		}
		if len(ep.views) > 0 && ep.st.splits(v, gap) {
			out = append(out, ep.finish(o))
			ep = newEpisode(v)
		}
		ep.add(v)
	}
	return append(out, ep.finish(o))
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

// splits reports whether view v starts another deal of the same parties:
// it is news, dated more than gap days after the deal was last seen, it
// states a figure with no revision cue, the figure matches none the deal
// had (nor fits the current one's qualifier), and it does not firm up a
// target, an offer or a rumour.
func (st *dealState) splits(v *view, gap int) bool {
	if gap < 0 || v.background || v.pub == "" || st.lastPub == "" || v.amount == nil || st.amount == nil {
		return false
	}
	if days(v.pub)-days(st.lastPub) <= gap {
		return false
	}
	if v.previous != nil || v.increment != nil || v.status == extract.DealExpanded {
		return false
	}
	if st.knows(v.amount) || compatible(st.amount, v.amount) {
		return false
	}
	// A target, an offer or a rumour that a firmer figure replaces, even
	// months later, is the same deal.
	return !(tentative(st) && firmer(st, v))
}

// pairIncrements folds, among the views of one article (the first
// views of vs, up to the next article), a figure X into a figure Y when
// the current figure plus X is Y: the article states an expansion by X
// to a new total Y ("amplió en 20.000 millones ... hasta superar los
// 32.000 millones") though its facts do not say which is which. Y's view
// gets X as its increment; X's view is set to nil.
func (st *dealState) pairIncrements(vs []*view) {
	if st.amount == nil {
		return
	}
	n := 1
	for n < len(vs) && vs[n] != nil && vs[n].article == vs[0].article {
		n++
	}
	if n < 2 {
		return
	}
	a := approx(st.amount.Value)
	for yi := 0; yi < n; yi++ {
		y := vs[yi]
		if y == nil || y.amount == nil || y.increment != nil || y.previous != nil || y.amount.Currency != st.amount.Currency || y.amount.Period != st.amount.Period {
			continue
		}
		for xi := 0; xi < n; xi++ {
			x := vs[xi]
			if xi == yi || x == nil || x.amount == nil || x.amount.Currency != y.amount.Currency || x.amount.Period != y.amount.Period || x.background != y.background {
				continue
			}
			if xv := approx(x.amount.Value); xv < approx(y.amount.Value) && addsUp(a+xv, y.amount) && !closeF(a, approx(y.amount.Value), relTol) {
				y.increment = x.amount
				y.evidence = mergeSpans(y.evidence, x.evidence)
				if x.start < y.start {
					y.start = x.start
				}
				vs[xi] = nil
				break
			}
		}
	}
}

// mergeSpans returns the spans of a and b in text order, each once.
func mergeSpans(a, b []extract.Span) []extract.Span {
	out := slices.Clone(a)
	for _, s := range b {
		if !slices.ContainsFunc(out, func(x extract.Span) bool { return x.Start == s.Start && x.End == s.End }) {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y extract.Span) int { return cmpInt(x.Start, y.Start) })
	return out
}

// knows reports whether m is a figure the deal has had: the current
// figure, a superseded one, a part, an increment or a conversion.
func (st *dealState) knows(m *extract.Money) bool {
	same := func(x *extract.Money) bool { return x.Currency == m.Currency && closeMoney(x, m) }
	if same(st.amount) || st.findSuperseded(m) != nil {
		return true
	}
	for _, l := range [][]*extract.Money{st.parts, st.increments, st.conversions} {
		for _, x := range l {
			if same(x) {
				return true
			}
		}
	}
	return false
}

// add relates view v to the episode so far and records it.
func (ep *episode) add(v *view) {
	st := ep.st
	var jd judgement
	if len(ep.views) == 0 {
		jd = judgement{rel: extract.RelFirst, moveAmount: v.amount != nil, reason: extract.ReasonFirst, status: v.status}
		if v.amount == nil && v.increment != nil {
			jd.note("an increment of %s to a deal with no known total", extract.FormatMoney(v.increment))
		}
		if n := len(v.parts); n > 0 {
			jd.note("%s", v.partsNote())
		}
	} else {
		jd = st.judge(v)
	}
	ep.views = append(ep.views, v)
	if jd.rel == extract.RelConflict {
		ep.addConflicts(jd.conflicts)
	} else if !jd.keep {
		st.accept(v, jd)
	}
	if v.pub > st.lastPub {
		st.lastPub = v.pub
	}
	var note string
	switch len(jd.notes) {
	case 0:
	case 1:
		note = jd.notes[0]
	default:
		note = strings.Join(jd.notes, "; ")
	}
	ep.rd.History = append(ep.rd.History, extract.HistoryEntry{
		Article: v.article, AsOf: extract.StrPtr(v.pub), Amount: v.amount, Status: stageOf(v.status), Confirmation: v.confirmation,
		Relation: jd.rel, Source: v.source, Note: note,
		Evidence: v.evidence, Previous: v.previous, Tranches: v.tranches,
		Capacity: v.capacity, Hardware: v.hardware, TermYears: v.term,
	})
}

// addConflicts adds the view's disagreements to the deal's conflicts:
// one per field, each value once per article.
func (ep *episode) addConflicts(cs []extract.Conflict) {
	for _, c := range cs {
		g, ok := ep.groups[c.Field]
		if !ok {
			g = &conflictGroup{at: len(ep.rd.Conflicts)}
			ep.groups[c.Field] = g
			ep.rd.Conflicts = append(ep.rd.Conflicts, extract.Conflict{Field: c.Field, Cause: c.Cause})
		}
		rc := &ep.rd.Conflicts[g.at]
		added := false
		for i, a := range c.Articles {
			k := string(c.Field) + "|" + a + "|" + valueText(c.Values[i])
			if ep.seen[k] {
				continue
			}
			ep.seen[k] = true
			rc.Articles = append(rc.Articles, a)
			rc.Values = append(rc.Values, c.Values[i])
			added = true
		}
		if !added {
			continue
		}
		if len(g.notes) < maxNotes {
			g.notes = append(g.notes, c.Note)
		} else {
			g.more++
		}
	}
}

// finish sets the deal's current figure, its conflicts' notes and its
// review, honouring the reviewer's decision.
func (ep *episode) finish(o *Options) extract.ReconciledDeal {
	st, rd := ep.st, &ep.rd
	ep.dropSettledRumours()
	for _, g := range ep.groups {
		note := strings.Join(g.notes, "; ")
		if g.more > 0 {
			note += fmt.Sprintf("; and %d more", g.more)
		}
		rd.Conflicts[g.at].Note = note
	}
	reason := st.reason
	articles := map[string]bool{}
	for _, v := range ep.views {
		articles[v.article] = true
	}
	switch {
	case len(articles) == 1:
		reason = extract.ReasonOnlySource
	case ep.groups[extract.FieldAmount] != nil || ep.groups[extract.FieldPeriod] != nil:
		reason = extract.ReasonDisputed
	case reason == "":
		reason = extract.ReasonFirst
	}
	rd.Current = extract.Current{
		Amount: st.amount, Status: stageOf(st.status), Confirmation: st.confirmation,
		AsOf: extract.StrPtr(st.supportPub), Article: st.support, Source: st.supportSource, Reason: reason,
	}
	if dec, ok := o.Decisions[rd.ID]; ok {
		ep.apply(dec)
	}
	rd.Review = extract.ReviewNone
	for _, c := range rd.Conflicts {
		if c.Resolution == extract.ResolutionNone {
			rd.Review = extract.ReviewNeeded
		}
	}
	return *rd
}

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
	for i := range ep.rd.History {
		h := &ep.rd.History[i]
		if h.Relation == extract.RelConflict && slices.Contains(c.Articles, h.Article) && !ep.conflictsOtherThanAmount(h.Article) {
			h.Relation = extract.RelSuperseded
			h.Note += fmt.Sprintf("; settled by %s, which a party states in %s", extract.FormatMoney(st.amount), st.ref(st.support))
		}
	}
}

// conflictsOtherThanAmount reports whether article is in a conflict on
// another field than the amount.
func (ep *episode) conflictsOtherThanAmount(article string) bool {
	for _, c := range ep.rd.Conflicts {
		if c.Field != extract.FieldAmount && slices.Contains(c.Articles, article) {
			return true
		}
	}
	return false
}

// apply honours a reviewer's decision.
func (ep *episode) apply(dec Decision) {
	rd := &ep.rd
	covered := func(c extract.Conflict) bool {
		if len(dec.Seen) == 0 {
			return true
		}
		for _, a := range c.Articles {
			if !slices.Contains(dec.Seen, a) {
				return false
			}
		}
		return true
	}
	if m := dec.Chosen; m != nil {
		var pick *view
		for _, v := range ep.views {
			if dec.Article != "" && v.article != dec.Article {
				continue
			}
			if v.amount != nil && v.amount.Currency == m.Currency && v.amount.Period == m.Period && closeMoney(v.amount, m) {
				pick = v
			}
		}
		cur := extract.Current{Amount: m, Status: rd.Current.Status, Confirmation: rd.Current.Confirmation, Reason: extract.ReasonResolvedByReviewer}
		if pick != nil {
			cur.Amount, cur.Confirmation, cur.AsOf, cur.Article, cur.Source = pick.amount, pick.confirmation, extract.StrPtr(pick.pub), pick.article, pick.source
		}
		rd.Current = cur
		for i := range rd.Conflicts {
			if c := &rd.Conflicts[i]; (c.Field == extract.FieldAmount || c.Field == extract.FieldPeriod) && covered(*c) {
				c.Resolution = extract.ResolutionResolved
			}
		}
	}
	for i := range rd.Conflicts {
		if c := &rd.Conflicts[i]; c.Resolution == extract.ResolutionNone && slices.Contains(dec.Dismissed, c.Field) && covered(*c) {
			c.Resolution = extract.ResolutionDismissed
		}
	}
}

// valueText is a conflict value in words.
func valueText(v any) string {
	switch x := v.(type) {
	case extract.Money:
		return extract.FormatMoney(&x)
	case extract.Capacity:
		return extract.FormatCapacity(x)
	case float64:
		return fmt.Sprintf("%g years", x)
	default:
		return fmt.Sprint(x)
	}
}

// judge relates view v to the state.
func (st *dealState) judge(v *view) judgement {
	if v.background && st.amount != nil && !st.weak {
		return st.judgeBackground(v)
	}
	j := judgement{status: v.status}
	switch {
	case v.amount != nil && st.amount == nil:
		j.rel, j.moveAmount, j.reason = extract.RelAdditionalDetail, true, extract.ReasonLatest
		j.note("first figure for the deal: %s", extract.FormatMoney(v.amount))
	case v.amount != nil && st.weak && !v.background:
		j.rel, j.moveAmount, j.reason = extract.RelAdditionalDetail, true, extract.ReasonLatest
		j.note("first figure reported as news: %s (a background mention gave %s)", extract.FormatMoney(v.amount), extract.FormatMoney(st.amount))
	case v.amount != nil:
		st.judgeAmount(v, &j)
	case v.increment != nil && st.amount != nil:
		st.judgeIncrementOnly(v, &j)
	}
	if j.keep {
		return j
	}
	if v.background {
		// A background mention adds detail but never a conflict.
		if j.rel == "" {
			j.rel = extract.RelSame
			j.note("background mention")
		}
		j.status = ""
		return j
	}
	revised := j.rel == extract.RelRevisedUp || j.rel == extract.RelRevisedDown || j.rel == extract.RelIncrement
	if statusConflict(st.status, v.status) {
		if statusConflict(st.status, v.textStatus) {
			j.conflicts = append(j.conflicts, extract.Conflict{
				Field: extract.FieldStatus, Cause: extract.CauseStatus,
				Values:   []any{string(st.status), string(v.textStatus)},
				Articles: []string{st.statusArticle, v.article},
				Note:     fmt.Sprintf("%s in %s, %s in %s", stageOf(st.status), st.ref(st.statusArticle), stageOf(v.textStatus), st.ref(v.article)) + statusHint(st.status, v.textStatus),
			})
		} else {
			j.note("status %s stated only in a table row, not counted", stageOf(v.status))
			j.status = v.textStatus
		}
	}
	var was, now, from []string
	for _, r := range v.roles {
		for _, s := range st.roles {
			if s.key == r.key && opposite(s.role, r.role) {
				was = append(was, s.name+": "+string(s.role))
				now = append(now, r.name+": "+string(r.role))
				if !slices.Contains(from, s.article) {
					from = append(from, s.article)
				}
			}
		}
	}
	if len(was) > 0 {
		j.conflicts = append(j.conflicts, extract.Conflict{
			Field: extract.FieldParties, Cause: extract.CauseRoles,
			Values:   []any{strings.Join(was, ", "), strings.Join(now, ", ")},
			Articles: []string{from[0], v.article},
			Note:     fmt.Sprintf("%s in %s but %s in %s: who pays whom is unclear", strings.Join(was, ", "), st.refs(from), strings.Join(now, ", "), st.ref(v.article)),
		})
	}
	if !revised && v.term != nil && st.term != nil && math.Abs(*v.term-*st.term) > 0.5 {
		j.conflicts = append(j.conflicts, extract.Conflict{
			Field: extract.FieldTermYears, Cause: extract.CauseTerm,
			Values:   []any{*st.term, *v.term},
			Articles: []string{st.termArticle, v.article},
			Note:     fmt.Sprintf("a term of %g years in %s, %g years in %s, and no revision stated", *st.term, st.ref(st.termArticle), *v.term, st.ref(v.article)),
		})
	}
	if !revised {
		for _, c := range v.capacity {
			for _, s := range st.capacity {
				if s.c.Unit != c.Unit || deref(s.c.Purpose) != deref(c.Purpose) || closeF(approx(s.c.Value), approx(c.Value), relTol) {
					continue
				}
				if disjointFold(st.hardware, v.hardware) {
					continue // capacity on other hardware: more capacity, not a contradiction
				}
				j.conflicts = append(j.conflicts, extract.Conflict{
					Field: extract.FieldCapacity, Cause: extract.CauseCapacity,
					Values:   []any{s.c, c},
					Articles: []string{s.article, v.article},
					Note:     fmt.Sprintf("%s in %s, %s in %s, and no revision stated", extract.FormatCapacity(s.c), st.ref(s.article), extract.FormatCapacity(c), st.ref(v.article)),
				})
			}
		}
	}
	if len(j.conflicts) > 0 {
		j.rel = extract.RelConflict
		j.notes = j.notes[:0]
		for _, c := range j.conflicts {
			j.notes = append(j.notes, string(c.Field)+": "+c.Note)
		}
		return j
	}
	if n := len(v.parts); n > 0 && !slices.ContainsFunc(j.notes, func(s string) bool { return strings.Contains(s, "contracts") || strings.Contains(s, "parts") }) {
		j.note("%s", v.partsNote())
	}
	if j.rel == "" || j.rel == extract.RelSame {
		if d := st.newDetail(v); d != "" {
			j.rel = extract.RelAdditionalDetail
			j.note("%s", d)
		} else if j.status != "" && j.status != st.status && st.status != "" && statusRank(j.status) > statusRank(st.status) {
			j.rel = extract.RelRestated
			j.note("status now %s (was %s)", stageOf(j.status), stageOf(st.status))
		} else if j.rel == "" {
			j.rel = extract.RelSame
			if v.amount == nil {
				j.note("mentions the deal without a figure")
			}
		}
	}
	return j
}

// judgeBackground relates a background mention to a deal with a news
// figure: it never moves the figure nor raises a conflict.
func (st *dealState) judgeBackground(v *view) judgement {
	j := judgement{keep: true}
	switch {
	case v.amount == nil:
		j.rel = extract.RelSame
		j.note("background mention without a figure")
	case st.amount.Currency == v.amount.Currency && st.amount.Period == v.amount.Period && closeMoney(st.amount, v.amount):
		j.rel = extract.RelSame
		j.note("background mention of the current figure")
	default:
		j.rel = extract.RelRestated
		j.note("background mention of %s, not counted; current stays %s", extract.FormatMoney(v.amount), extract.FormatMoney(st.amount))
	}
	return j
}

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

// statusHint says why two statuses contradict.
func statusHint(earlier, later extract.DealStatus) string {
	switch {
	case later == extract.DealRejected:
		return ": a later article says it was rejected"
	case earlier == extract.DealRejected:
		return ": a later article treats a rejected deal as alive"
	case earlier == extract.DealCancelled:
		return ": a later article treats a cancelled deal as alive"
	case later == extract.DealOffered:
		return ": a later article calls it only an offer"
	}
	return ""
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

// newDetail describes what v adds to the state, or "".
func (st *dealState) newDetail(v *view) string {
	var adds []string
	if len(v.tranches) > 0 && len(st.tranches) == 0 {
		parts := make([]string, len(v.tranches))
		for i, t := range v.tranches {
			parts[i] = extract.FormatMoney(&t.Amount) + " " + string(t.Condition)
		}
		adds = append(adds, "tranches "+strings.Join(parts, " + "))
	}
	for _, c := range v.capacity {
		found := false
		for _, s := range st.capacity {
			if s.c.Unit == c.Unit && deref(s.c.Purpose) == deref(c.Purpose) && closeF(approx(s.c.Value), approx(c.Value), relTol) {
				found = true
				break
			}
		}
		if !found {
			adds = append(adds, "capacity "+extract.FormatCapacity(c))
		}
	}
	if v.term != nil && st.term == nil {
		adds = append(adds, fmt.Sprintf("a term of %g years", *v.term))
	}
	var hw []string
	for _, h := range v.hardware {
		if !containsFold(st.hardware, h) {
			hw = append(hw, h)
		}
	}
	if len(hw) > 0 {
		adds = append(adds, "hardware "+strings.Join(hw, ", "))
	}
	if len(adds) == 0 {
		return ""
	}
	return "adds " + strings.Join(adds, "; ")
}

// accept makes a non-conflicting view part of the state.
func (st *dealState) accept(v *view, j judgement) {
	revised := j.rel == extract.RelRevisedUp || j.rel == extract.RelRevisedDown || j.rel == extract.RelIncrement
	if j.moveAmount {
		amount := v.amount
		if j.amount != nil {
			amount = j.amount
		}
		if j.supersede && st.amount != nil && st.findSuperseded(st.amount) == nil {
			st.superseded = append(st.superseded, srcMoney{st.amount, st.amountArticle})
		}
		if j.supersede || len(v.tranches) > 0 {
			st.tranches, st.trancheArticle = v.tranches, v.article
		}
		if j.supersede || len(v.parts) > 0 {
			st.parts = v.parts
		}
		if j.supersede || len(v.conversions) > 0 || amount != v.amount {
			st.conversions = st.conversions[:0:0]
			for _, c := range append(v.conversions, v.amount) {
				if c != nil && c.Currency != amount.Currency {
					st.conversions = append(st.conversions, c)
				}
			}
		}
		st.amount, st.amountArticle, st.weak = amount, v.article, v.background
		st.support, st.supportPub, st.supportSource, st.confirmation = v.article, v.pub, v.source, v.confirmation
		st.reason = j.reason
		// The figure the article says it replaces is an older figure too,
		// even when no earlier article stated it.
		if p := v.previous; p != nil && !(sameCurrency(p, amount) && closeMoney(p, amount)) && st.findSuperseded(p) == nil {
			st.superseded = append(st.superseded, srcMoney{p, v.article})
		}
	}
	if v.increment != nil && !st.knowsIncrement(v.increment) {
		st.increments = append(st.increments, v.increment)
	}
	if st.amount == nil {
		st.support, st.supportPub, st.supportSource, st.confirmation = v.article, v.pub, v.source, v.confirmation
		st.reason = extract.ReasonLatest
		if st.statusArticle == "" {
			st.reason = extract.ReasonFirst
		}
	}
	if s := j.status; s != "" && (statusRank(s) > statusRank(st.status) || s == st.status || revised && s == extract.DealExpanded) {
		st.status, st.statusArticle = s, v.article
	}
	for _, c := range v.capacity {
		i := st.findCapacity(c, v.hardware)
		switch {
		case i < 0:
			st.capacity = append(st.capacity, srcCapacity{c, v.article})
		case revised:
			st.capacity[i] = srcCapacity{c, v.article}
		case !closeF(approx(st.capacity[i].c.Value), approx(c.Value), relTol):
			st.capacity = append(st.capacity, srcCapacity{c, v.article})
		}
	}
	for _, h := range v.hardware {
		if !containsFold(st.hardware, h) {
			st.hardware = append(st.hardware, h)
		}
	}
	if v.term != nil && (st.term == nil || revised) {
		st.term, st.termArticle = v.term, v.article
	}
	for _, r := range v.roles {
		found := false
		for _, s := range st.roles {
			if s.key == r.key {
				found = true
				break
			}
		}
		if !found {
			st.roles = append(st.roles, srcRole{r, v.article})
		}
	}
}

// findCapacity returns the index of the state's capacity with c's unit
// and purpose (on overlapping hardware), or -1.
func (st *dealState) findCapacity(c extract.Capacity, hardware []string) int {
	if disjointFold(st.hardware, hardware) {
		return -1
	}
	for i, s := range st.capacity {
		if s.c.Unit == c.Unit && deref(s.c.Purpose) == deref(c.Purpose) {
			return i
		}
	}
	return -1
}

// disjointFold reports whether both lists are non-empty and share no
// item (ignoring case).
func disjointFold(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range b {
		if containsFold(a, x) {
			return false
		}
	}
	return true
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

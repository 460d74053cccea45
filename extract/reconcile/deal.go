package reconcile

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
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
	capacity                           capacityState
	hardware                           []string
	term                               *float64
	termArticle                        string
	// unsigned is the latest news article that said the deal is not
	// signed yet, with the stage it gave (see judgeUnsigned).
	unsigned       string
	unsignedStatus extract.DealStatus
	roles          []srcRole
	// roleAt is the index in roles of each party's role, by key, made
	// when there are more than scanMax roles (see roleIndex).
	roleAt map[string]int
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
	// pubPtr shares the dates' pointers among history entries.
	pubPtr map[string]*string
}

// asOf returns a shared pointer to pub, nil for "".
func (st *dealState) asOf(pub string) *string {
	if pub == "" {
		return nil
	}
	if p, ok := st.pubPtr[pub]; ok {
		return p
	}
	if st.pubPtr == nil {
		st.pubPtr = make(map[string]*string)
	}
	p := &pub
	st.pubPtr[pub] = p
	return p
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
	// parts replace the state's parts when not nil (one more contract).
	parts []*extract.Money
	// status is the view's status as counted (a status stated only in a
	// table row is not); "" to leave the status alone.
	status extract.DealStatus
	// reversed: the view's status contradicts the state's, and the
	// article states the reversal; the status moves on.
	reversed bool
	// caps are the view's capacity disagreements, conflicts after those
	// of conflicts (see addCapacityConflicts).
	caps []capPair
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
	start  string // publication date of its first view
	rd     extract.ReconciledDeal
	st     *dealState
	groups map[extract.ConflictField]*conflictGroup
	seen   map[string]bool // field|article|value already in a conflict
	views  []*view
	// figures are the distinct figures of views, for stated.
	figures statedFigures
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
		n := len(views)
		views = articleViews(fs[i:j], arena, views)
		markApart(views[n:])
		i = j
	}
	gap := o.gapDays()
	var done []*episode // the deal's earlier episodes, finished at the end
	ids := map[string]bool{}
	// The episodes' histories take turns in one array of a history entry
	// per view: a finished episode keeps its entries (an entry it gets
	// later, a recall, moves it to an array of its own) and the next
	// starts after them.
	spare := make([]extract.HistoryEntry, 0, len(views))
	newEpisode := func(v *view) *episode {
		id := fs[0].id
		if len(done) > 0 {
			id += "/" + month(v.pub)
			for n := 2; ids[id]; n++ {
				id = fs[0].id + "/" + month(v.pub) + "-" + strconv.Itoa(n)
			}
		}
		ids[id] = true
		return &episode{
			rd:     extract.ReconciledDeal{ID: id, Kind: kind, Parties: names, Conflicts: []extract.Conflict{}, History: spare},
			start:  v.pub,
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
			done = append(done, ep)
			h := ep.rd.History
			ep.rd.History, spare = h[:len(h):len(h)], h[len(h):len(h):cap(h)]
			ep = newEpisode(v)
		}
		if e := recalled(done, ep, v); e != nil {
			e.add(v)
			continue
		}
		ep.add(v)
	}
	out := make([]extract.ReconciledDeal, 0, len(done)+1)
	for _, e := range done {
		out = append(out, e.finish())
	}
	return append(out, ep.finish())
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
		ep.addCapacityConflicts(v, jd.caps)
	} else if !jd.keep {
		st.accept(v, jd)
	}
	// A background mention recalls the deal; it does not keep it alive
	// for splitting in time (splits), unless nothing else dated it.
	if v.pub > st.lastPub && (!v.background || st.lastPub == "") {
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
		Article: v.article, AsOf: ep.st.asOf(v.pub), Amount: v.amount, Status: stageOf(v.status), Confirmation: v.confirmation,
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
// review.
func (ep *episode) finish() extract.ReconciledDeal {
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
	oneArticle := true
	for _, v := range ep.views {
		oneArticle = oneArticle && v.article == ep.views[0].article
	}
	switch {
	case oneArticle:
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
	rd.Review = extract.ReviewNone
	for _, c := range rd.Conflicts {
		if c.Resolution == extract.ResolutionNone {
			rd.Review = extract.ReviewNeeded
		}
	}
	return *rd
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
	st.judgeUnsigned(v, &j)
	if statusConflict(st.status, v.status) {
		if statusConflict(st.status, v.textStatus) && reversal(v.evidence) {
			j.status, j.reversed = v.textStatus, true
			j.note("the article states the reversal: %s in %s, now %s", stageOf(st.status), st.ref(st.statusArticle), stageOf(v.textStatus))
		} else if statusConflict(st.status, v.textStatus) {
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
		i := st.roleIndex(r.key)
		if i < 0 {
			continue
		}
		if s := &st.roles[i]; opposite(s.role, r.role) && !s.implied && !r.implied {
			was = append(was, s.name+": "+string(s.role))
			now = append(now, r.name+": "+string(r.role))
			if !slices.Contains(from, s.article) {
				from = append(from, s.article)
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
	if termExtended(st, v) {
		j.note("the term is extended: %g → %g years", *st.term, *v.term)
	} else if !revised && v.term != nil && st.term != nil && math.Abs(*v.term-*st.term) > 0.5 {
		j.conflicts = append(j.conflicts, extract.Conflict{
			Field: extract.FieldTermYears, Cause: extract.CauseTerm,
			Values:   []any{*st.term, *v.term},
			Articles: []string{st.termArticle, v.article},
			Note:     fmt.Sprintf("a term of %g years in %s, %g years in %s, and no revision stated", *st.term, st.ref(st.termArticle), *v.term, st.ref(v.article)),
		})
	}
	if !revised {
		st.capacityConflicts(v, &j)
	}
	if len(j.conflicts) > 0 || len(j.caps) > 0 {
		j.rel = extract.RelConflict
		j.notes = j.notes[:0]
		for _, c := range j.conflicts {
			j.notes = append(j.notes, string(c.Field)+": "+c.Note)
		}
		if len(j.caps) > 0 {
			j.notes = append(j.notes, st.capacityNotes(v, j.caps))
		}
		return j
	}
	if j.reversed && (j.rel == "" || j.rel == extract.RelSame || j.rel == extract.RelRestated) {
		j.rel = extract.RelRevised
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
		if !st.capacity.hasClose(c) {
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
	st.noteUnsigned(v)
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
		switch {
		case j.parts != nil:
			st.parts = j.parts
		case j.supersede || len(v.parts) > 0:
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
	// A background mention recalls the deal in passing ("its $3 billion
	// Series C last year", "the round it is preparing"): it tells the
	// stage of what it recalls, not the deal's now, so it sets the stage
	// only of a deal that has none.
	if s := j.status; s != "" && (!v.background || st.status == "") && (j.reversed || statusRank(s) > statusRank(st.status) || s == st.status || revised && s == extract.DealExpanded) {
		st.status, st.statusArticle = s, v.article
	}
	st.acceptCapacity(v, revised)
	for _, h := range v.hardware {
		if !containsFold(st.hardware, h) {
			st.hardware = append(st.hardware, h)
		}
	}
	if v.term != nil && (st.term == nil || revised || termExtended(st, v)) {
		st.term, st.termArticle = v.term, v.article
	}
	for _, r := range v.roles {
		if st.roleIndex(r.key) >= 0 {
			continue
		}
		st.roles = append(st.roles, srcRole{r, v.article})
		switch {
		case st.roleAt != nil:
			st.roleAt[r.key] = len(st.roles) - 1
		case len(st.roles) > scanMax:
			st.roleAt = make(map[string]int, 2*len(st.roles))
			for i, s := range st.roles {
				st.roleAt[s.key] = i
			}
		}
	}
}

// roleIndex returns the index in st.roles of the party with key (keys
// are unique there), or -1: a scan of a deal's few parties, a map
// lookup when co-signers make them many.
func (st *dealState) roleIndex(key string) int {
	if st.roleAt != nil {
		if i, ok := st.roleAt[key]; ok {
			return i
		}
		return -1
	}
	for i := range st.roles {
		if st.roles[i].key == key {
			return i
		}
	}
	return -1
}

// termExtended reports whether v, an article that says the deal is
// expanded, gives it a longer term than the state's ("extending its term
// from five to seven years"): an extension, not a contradiction.
func termExtended(st *dealState, v *view) bool {
	return v.status == extract.DealExpanded && v.term != nil && st.term != nil && *v.term > *st.term+0.5
}

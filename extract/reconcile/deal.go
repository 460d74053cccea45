package reconcile

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// dealState is what the views so far establish about a deal.
type dealState struct {
	amount        *extract.Money
	amountArticle string
	// support is the article (and its date) behind the current figure.
	support, supportPub string
	status              extract.DealStatus
	confirmation        extract.Confirmation // of the view behind the current figure
	statusArticle       string
	tranches            []extract.Tranche
	trancheArticle      string
	capacity            []srcCapacity
	hardware            []string
	term                *float64
	termArticle         string
	roles               []srcRole
	// superseded are figures a revision replaced, oldest first.
	superseded []srcMoney
	// views are all the deal's views, to find an article's date for notes.
	views []*view
}

// ref names an article in a note: "sha256:… (2026-02-27)".
func (st *dealState) ref(article string) string {
	pub := "undated"
	for _, v := range st.views {
		if v.article == article {
			if v.pub != "" {
				pub = v.pub
			}
			break
		}
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
	// supersede: a revision replaces the current figure.
	supersede bool
	// keep: the view changes nothing (a superseded figure restated).
	keep bool
}

func (j *judgement) note(format string, a ...any) {
	j.notes = append(j.notes, fmt.Sprintf(format, a...))
}

// reconcileDeal reconciles the facts of one deal id.
func reconcileDeal(fs []rfact) extract.ReconciledDeal {
	kind := fs[0].d.Kind
	if kind == "" {
		kind = extract.KindOther
	}
	arena := newViewArena(len(fs))
	views := make([]*view, 0, len(fs))
	for i := 0; i < len(fs); {
		j := i + 1
		for j < len(fs) && fs[j].article == fs[i].article && fs[j].pub == fs[i].pub {
			j++
		}
		views = articleViews(fs[i:j], arena, views)
		i = j
	}
	rd := extract.ReconciledDeal{ID: fs[0].id, Kind: kind, Parties: fs[0].names, History: make([]extract.HistoryEntry, len(views)), Conflicts: []extract.Conflict{}}
	conflictAt := make(map[string]int)
	st := &dealState{views: views}
	for k, v := range views {
		var jd judgement
		if k == 0 {
			jd = judgement{rel: extract.RelFirst, moveAmount: v.amount != nil}
		} else {
			jd = st.judge(v)
		}
		if jd.rel == extract.RelConflict {
			for _, c := range jd.conflicts {
				key := conflictKey(c)
				if at, ok := conflictAt[key]; ok {
					rd.Conflicts[at] = mergeConflict(rd.Conflicts[at], c)
					continue
				}
				conflictAt[key] = len(rd.Conflicts)
				rd.Conflicts = append(rd.Conflicts, c)
			}
		} else if !jd.keep {
			st.accept(v, jd)
		}
		var note string
		switch len(jd.notes) {
		case 0:
		case 1:
			note = jd.notes[0]
		default:
			note = strings.Join(jd.notes, "; ")
		}
		rd.History[k] = extract.HistoryEntry{
			Article: v.article, AsOf: extract.StrPtr(v.pub), Amount: v.amount, Status: stageOf(v.status), Confirmation: v.confirmation,
			Relation: jd.rel, Source: v.source, Note: note,
			Evidence: v.evidence, Previous: v.previous, Tranches: v.tranches,
			Capacity: v.capacity, Hardware: v.hardware, TermYears: v.term,
		}
	}
	rd.Current = extract.Current{Amount: st.amount, Status: stageOf(st.status), Confirmation: st.confirmation, AsOf: extract.StrPtr(st.supportPub), Article: st.support}
	rd.Review = extract.ReviewNone
	if len(rd.Conflicts) > 0 {
		rd.Review = extract.ReviewNeeded
	}
	return rd
}

// conflictKey identifies a conflict so that a later article stating the
// same contradicting value joins it instead of adding another.
func conflictKey(c extract.Conflict) string {
	return string(c.Field) + "|" + string(c.Cause) + "|" + c.Articles[0] + "|" + valueText(c.Values[0]) + "|" + valueText(c.Values[len(c.Values)-1])
}

func mergeConflict(old, c extract.Conflict) extract.Conflict {
	for i, a := range c.Articles {
		found := false
		for _, b := range old.Articles {
			if a == b {
				found = true
				break
			}
		}
		if !found {
			old.Articles = append(old.Articles, a)
			old.Values = append(old.Values, c.Values[i])
		}
	}
	return old
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
	var j judgement
	if v.amount != nil {
		if st.amount == nil {
			j.rel, j.moveAmount = extract.RelAdditionalDetail, true
			j.note("first figure for the deal: %s", extract.FormatMoney(v.amount))
		} else {
			st.judgeAmount(v, &j)
		}
	}
	if j.keep {
		return j
	}
	revised := j.rel == extract.RelRevisedUp || j.rel == extract.RelRevisedDown
	if statusConflict(st.status, v.status) {
		j.conflicts = append(j.conflicts, extract.Conflict{
			Field: extract.FieldStatus, Cause: extract.CauseStatus,
			Values:   []any{string(st.status), string(v.status)},
			Articles: []string{st.statusArticle, v.article},
			Note:     fmt.Sprintf("%s in %s, %s in %s", st.status, st.ref(st.statusArticle), v.status, st.ref(v.article)) + statusHint(st.status, v.status),
		})
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
	if j.rel == "" || j.rel == extract.RelSame {
		if d := st.newDetail(v); d != "" {
			j.rel = extract.RelAdditionalDetail
			j.note("%s", d)
		} else if v.status != "" && v.status != st.status && st.status != "" && statusRank(v.status) > statusRank(st.status) {
			j.rel = extract.RelRestated
			j.note("status now %s (was %s)", v.status, st.status)
		} else if j.rel == "" {
			j.rel = extract.RelSame
			if v.amount == nil {
				j.note("mentions the deal without a figure")
			}
		}
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
	case later == extract.DealOffered:
		return ": a later article calls it only an offer"
	}
	return ""
}

// judgeAmount relates v's amount to the current figure.
func (st *dealState) judgeAmount(v *view, j *judgement) {
	a, b := st.amount, v.amount
	conflict := func(field extract.ConflictField, cause extract.ConflictCause, format string, args ...any) {
		j.rel = extract.RelConflict
		j.conflicts = append(j.conflicts, extract.Conflict{
			Field: field, Cause: cause,
			Values:   []any{*a, *b},
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
		j.rel, j.moveAmount, j.supersede = extract.RelAdditionalDetail, true, true
		j.note("first figure beyond a forecast: %s (the forecast was %s)", extract.FormatMoney(b), extract.FormatMoney(a))
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
	case closeMoney(a, b):
		j.moveAmount = true
		if sameStatement(a, b) {
			j.rel = extract.RelSame
			j.notes = append(j.notes, "same figure as "+st.ref(st.amountArticle))
		} else {
			j.rel = extract.RelRestated
			j.note("same figure as %s, stated as %s (was %s)", st.ref(st.amountArticle), extract.FormatMoney(b), extract.FormatMoney(a))
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
			j.rel, j.moveAmount, j.supersede = rel, true, true
			j.note("the article states the previous amount %s: %s → %s", extract.FormatMoney(p), extract.FormatMoney(a), extract.FormatMoney(b))
		case st.findSuperseded(p) != nil:
			conflict(extract.FieldAmount, extract.CauseRevision, "%s revises %s to %s, but %s had already revised it to %s", st.ref(v.article), extract.FormatMoney(p), extract.FormatMoney(b), st.ref(st.amountArticle), extract.FormatMoney(a))
		default:
			j.rel, j.moveAmount, j.supersede = rel, true, true
			j.note("the article states a previous amount %s, not seen in earlier articles (current was %s)", extract.FormatMoney(p), extract.FormatMoney(a))
		}
		return
	}
	if v.status == extract.DealExpanded && rel == extract.RelRevisedUp {
		j.rel, j.moveAmount, j.supersede = rel, true, true
		j.note("the deal is expanded: %s → %s", extract.FormatMoney(a), extract.FormatMoney(b))
		return
	}
	if s := st.findSuperseded(b); s != nil {
		j.rel, j.keep = extract.RelRestated, true
		j.note("repeats %s, the figure before a revision; current stays %s", extract.FormatMoney(s.m), extract.FormatMoney(a))
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
	revised := j.rel == extract.RelRevisedUp || j.rel == extract.RelRevisedDown
	if j.moveAmount {
		if j.supersede && st.amount != nil {
			st.superseded = append(st.superseded, srcMoney{st.amount, st.amountArticle})
		}
		if j.supersede || len(v.tranches) > 0 {
			st.tranches, st.trancheArticle = v.tranches, v.article
		}
		st.amount, st.amountArticle = v.amount, v.article
		st.support, st.supportPub, st.confirmation = v.article, v.pub, v.confirmation
		// The figure the article says it replaces is an older figure too,
		// even when no earlier article stated it.
		if p := v.previous; p != nil && !(sameCurrency(p, v.amount) && closeMoney(p, v.amount)) && st.findSuperseded(p) == nil {
			st.superseded = append(st.superseded, srcMoney{p, v.article})
		}
	}
	if st.amount == nil {
		st.support, st.supportPub, st.confirmation = v.article, v.pub, v.confirmation
	}
	if v.status != "" && (statusRank(v.status) > statusRank(st.status) || v.status == st.status || revised && v.status == extract.DealExpanded) {
		st.status, st.statusArticle = v.status, v.article
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

package main

import (
	"bytes"
	"context"
	"sort"

	"github.com/dealwatch/dealwatch/cmd/dealwatch/desk"
	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// deskData is the desk's view of the store through the command line's
// own code (desk.Data): the deals as "deals" and "history" read them,
// names as "show" resolves them, a run's diff as "diff" prints it.
type deskData struct{}

var _ desk.Data = deskData{}

func (deskData) Deals(db *store.DB, full bool) ([]desk.Item, error) {
	l, err := openDesk(db)
	if err != nil {
		return nil, err
	}
	ids, err := l.IDs()
	if err != nil {
		return nil, err
	}
	var items []desk.Item
	if full {
		for _, id := range ids {
			rd, err := l.Reviewed(id)
			if err != nil {
				return nil, err
			}
			items = append(items, desk.Item{Deal: rd.Deal, State: string(rd.State), InQueue: rd.State.InQueue(),
				Sources: rd.Raw.Sources(), Earlier: decisionLines(rd.Earlier, "earlier")})
		}
		return items, nil
	}
	briefs, states, _, err := l.States()
	if err != nil {
		return nil, err
	}
	applied := make(map[string]store.DealBrief, len(briefs))
	for _, b := range briefs {
		applied[b.ID] = b
	}
	for _, id := range ids {
		b, ok := applied[id]
		if !ok {
			// Rejected as a whole: listed as reconciled, marked rejected.
			rd, err := l.Reviewed(id)
			if err != nil {
				return nil, err
			}
			b = store.Brief(&rd.Raw)
		}
		st := states[id]
		items = append(items, desk.Item{Deal: b.Deal(), State: string(st), InQueue: st.InQueue(), Sources: b.Sources})
	}
	return items, nil
}

// Queue is the queue of "dealwatch review" (the deals whose review
// state is in the queue, with the decisions applied), ordered newest
// evidence first: the items match keeps, the first limit of them (0: all)
// decoded in full with their conflicts' sides. Only the deals shown and
// those someone decided on are decoded with their timelines; the others
// are ordered from their briefs and their conflicts alone.
func (deskData) Queue(db *store.DB, match func(desk.Item) bool, limit int) ([]desk.Item, int, error) {
	l, err := openDesk(db)
	if err != nil {
		return nil, 0, err
	}
	briefs, states, _, err := l.States()
	if err != nil {
		return nil, 0, err
	}
	var items []desk.Item
	var light []string
	for _, b := range briefs {
		st := states[b.ID]
		if !st.InQueue() {
			continue
		}
		items = append(items, desk.Item{Deal: b.Deal(), State: string(st), InQueue: true, Sources: b.Sources})
		if len(l.DecisionsOf(b.ID)) == 0 {
			light = append(light, b.ID)
		}
	}
	conflicts, snap, err := db.LatestConflicts(light)
	if err != nil {
		return nil, 0, err
	}
	waiting := make(map[string][]string, len(items))
	var all []string
	for _, it := range items {
		id := it.Deal.ID
		var ids []string
		if cs, ok := conflicts[id]; snap && ok {
			for _, c := range cs {
				ids = append(ids, c.Articles...)
			}
		} else {
			rd, err := l.Reviewed(id)
			if err != nil {
				return nil, 0, err
			}
			ids = waitingArticles(&rd.Deal)
		}
		waiting[id] = ids
		all = append(all, ids...)
	}
	arts, err := l.Articles(all)
	if err != nil {
		return nil, 0, err
	}
	kept := items[:0]
	for _, it := range items {
		for _, id := range waiting[it.Deal.ID] {
			if a, ok := arts[id]; ok && a.Key != "" {
				if s := storeTime(a.FirstSeen); s > it.Since {
					it.Since = s
				}
			}
		}
		for _, d := range l.DecisionsOf(it.Deal.ID) {
			if d.Action == store.Reopen {
				if s := storeTime(d.Time); s > it.Since {
					it.Since = s
				}
			}
		}
		if match == nil || match(it) {
			kept = append(kept, it)
		}
	}
	items = kept
	desk.SortNewest(items)
	total := len(items)
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	var shown []string
	full := make([]store.ReviewedDeal, len(items))
	for i, it := range items {
		if full[i], err = l.Reviewed(it.Deal.ID); err != nil {
			return nil, 0, err
		}
		shown = append(shown, waitingArticles(&full[i].Deal)...)
		for _, h := range full[i].Deal.History {
			shown = append(shown, h.Article)
		}
	}
	if arts, err = l.Articles(shown); err != nil {
		return nil, 0, err
	}
	for i := range items {
		rd := &full[i]
		items[i].Deal = rd.Deal
		items[i].Sides = conflictViews(&rd.Deal, arts)
		items[i].Earlier = decisionLines(rd.Earlier, "earlier")
	}
	return items, total, nil
}

// waitingArticles are the articles a queue item waits on: those of its
// open conflicts, or all of its history when it has none.
func waitingArticles(d *extract.ReconciledDeal) []string {
	var out []string
	for _, c := range store.OpenConflicts(d) {
		out = append(out, c.Articles...)
	}
	if len(out) == 0 {
		for _, h := range d.History {
			out = append(out, h.Article)
		}
	}
	return out
}

// decisionLines are decisions for people, marked mark.
func decisionLines(decs []store.Decision, mark string) []desk.DecisionLine {
	out := make([]desk.DecisionLine, 0, len(decs))
	for _, d := range decs {
		l := desk.DecisionLine{Seq: d.Seq, Action: string(d.Action), Field: string(d.Field), Article: d.Article,
			By: d.By, Note: d.Note, Time: d.Time, Mark: mark}
		if len(d.Value) > 0 {
			l.Value = conflictValueText(d.Value)
		}
		out = append(out, l)
	}
	return out
}

// newestEvidence is when the newest article of d's open conflicts (or of
// d) was first stored.
func newestEvidence(d *extract.ReconciledDeal, arts map[string]store.Article) string {
	var ids []string
	for _, c := range d.Conflicts {
		ids = append(ids, c.Articles...)
	}
	if len(ids) == 0 {
		for _, h := range d.History {
			ids = append(ids, h.Article)
		}
	}
	since := ""
	for _, id := range ids {
		if a, ok := arts[id]; ok {
			if s := storeTime(a.FirstSeen); s > since {
				since = s
			}
		}
	}
	return since
}

// conflictViews are d's open conflicts with each side's article, the
// sentence that states the value and the figure in it.
func conflictViews(d *extract.ReconciledDeal, arts map[string]store.Article) []desk.ConflictView {
	var out []desk.ConflictView
	for _, c := range store.OpenConflicts(d) {
		cv := desk.ConflictView{Field: string(c.Field), Cause: string(c.Cause), Note: c.Note}
		for i, a := range c.Articles {
			var v any
			if i < len(c.Values) {
				v = c.Values[i]
			}
			cv.Sides = append(cv.Sides, deskSide(d, a, v, c.Field, arts))
		}
		out = append(out, cv)
	}
	return out
}

func deskSide(d *extract.ReconciledDeal, article string, v any, field extract.ConflictField, arts map[string]store.Article) desk.Side {
	s := desk.Side{Value: conflictValueText(v), Article: article}
	if a, ok := arts[article]; ok {
		s.Title, s.File, s.AsOf = a.Title, a.Key, a.Published
	}
	want := store.ValueNorm(v)
	var pick *extract.HistoryEntry
	for i := range d.History {
		h := &d.History[i]
		if h.Article != article {
			continue
		}
		if pick == nil {
			pick = h
		}
		if (field == extract.FieldStatus && store.ValueNorm(string(h.Status)) == want) || (h.Amount != nil && store.ValueNorm(*h.Amount) == want) {
			pick = h
			break
		}
	}
	if pick != nil {
		if pick.AsOf != nil {
			s.AsOf = *pick.AsOf
		}
		if s.File == "" {
			s.File = pick.Source
		}
		if len(pick.Evidence) > 0 {
			s.Sentence = pick.Evidence[0]
		}
		if pick.Amount != nil && field != extract.FieldStatus {
			s.Figure = extract.Span{Text: pick.Amount.Text, Start: pick.Amount.Start, End: pick.Amount.End}
		}
	}
	return s
}

func (deskData) Deal(db *store.DB, ref string) (desk.DealView, error) {
	l, err := openDesk(db)
	if err != nil {
		return desk.DealView{}, err
	}
	id, err := findDeskDeal(l, ref)
	if err != nil {
		return desk.DealView{}, err
	}
	return dealView(l, id)
}

// DealViews returns every deal for its page, those waiting for review
// first, then by id.
func (deskData) DealViews(db *store.DB) ([]desk.DealView, error) {
	l, err := openDesk(db)
	if err != nil {
		return nil, err
	}
	ids, err := l.IDs()
	if err != nil {
		return nil, err
	}
	var out []desk.DealView
	for _, id := range ids {
		v, err := dealView(l, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].InQueue && !out[j].InQueue })
	return out, nil
}

// dealView is deal id of desk l for its page.
func dealView(l *store.Desk, id string) (desk.DealView, error) {
	rd, err := l.Reviewed(id)
	if err != nil {
		return desk.DealView{}, err
	}
	var ids []string
	for _, h := range rd.Raw.History {
		ids = append(ids, h.Article)
	}
	arts, err := l.Articles(ids)
	if err != nil {
		return desk.DealView{}, err
	}
	v := desk.DealView{Raw: rd.Raw, Unverified: rd.Unverified, Articles: arts, Fingerprint: store.Fingerprint(&rd.Raw)}
	v.Item = desk.Item{Deal: rd.Deal, State: string(rd.State), InQueue: rd.State.InQueue(), Sources: rd.Raw.Sources(),
		Sides: conflictViews(&rd.Deal, arts), Since: newestEvidence(&rd.Deal, arts), Earlier: decisionLines(rd.Earlier, "earlier")}
	marks := map[uint64]string{}
	for _, d := range rd.Applied {
		marks[d.Seq] = "applied"
	}
	for _, d := range rd.Earlier {
		marks[d.Seq] = "earlier"
	}
	for _, d := range l.DecisionsOf(id) {
		line := decisionLines([]store.Decision{d}, marks[d.Seq])[0]
		if d.Action == store.Reopen {
			line.Mark = "reopen"
		}
		v.Decisions = append(v.Decisions, line)
	}
	return v, nil
}

// Decide stores r through the code of "dealwatch review ACTION"
// (reviewOptions.decideOn), after checking that the deal's evidence is
// still what the reviewer saw.
func (deskData) Decide(ctx context.Context, db *store.DB, r desk.Request) (desk.Outcome, error) {
	l, err := openDesk(db)
	if err != nil {
		return desk.Outcome{}, err
	}
	if r.Fingerprint != "" {
		id, err := findDeskDeal(l, r.Deal)
		if err != nil {
			return desk.Outcome{}, err
		}
		raw, _, err := l.Raw(id)
		if err != nil {
			return desk.Outcome{}, err
		}
		if store.Fingerprint(&raw) != r.Fingerprint {
			return desk.Outcome{}, desk.ErrChanged
		}
	}
	o := reviewOptions{By: r.By, Note: r.Note, Field: r.Field, Value: r.Value, Article: r.Article}
	res, err := o.decideOn(ctx, db, l, store.Action(r.Action), r.Deal)
	if err != nil {
		return desk.Outcome{}, err
	}
	return desk.Outcome{Deal: res.Deal.ID, Seq: res.Stored.Seq, Line: decisionLine(res.Stored), State: string(res.State)}, nil
}

// FindArticle resolves an article name as show and history do.
func (deskData) FindArticle(db *store.DB, ref string) (string, int, error) {
	a, err := findArticle(db, ref)
	return a.Key, a.Version, err
}

// RunDiff is "dealwatch diff A B" without colours.
func (deskData) RunDiff(db *store.DB, a, b uint64) (string, error) {
	runs, err := db.Runs()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := writeDiff(context.Background(), db, runsByID(runs), a, b, newDiffText(&buf, termColours{}, false), false); err != nil {
		return "", err
	}
	return buf.String(), nil
}

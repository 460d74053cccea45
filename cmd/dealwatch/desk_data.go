package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/cmd/dealwatch/desk"
	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// deskData is the desk's view of the store through the command line's
// own code (desk.Data): the deals as "deals" and "history" read them,
// names as "show" resolves them, a run's diff as "diff" prints it.
type deskData struct{}

var _ desk.Data = deskData{}

// latestDealList returns the latest deals: from the snapshot when it is
// current (briefs only unless full), else reconciled from the results.
func latestDealList(db *store.DB, full bool) ([]extract.ReconciledDeal, error) {
	briefs, _, ok, err := db.LatestDealBriefs()
	if err != nil {
		return nil, err
	}
	if ok && !full {
		out := make([]extract.ReconciledDeal, len(briefs))
		for i := range briefs {
			out[i] = briefs[i].Deal()
		}
		return out, nil
	}
	if ok {
		out := make([]extract.ReconciledDeal, 0, len(briefs))
		for _, b := range briefs {
			d, _, ok, err := db.LatestDeal(b.ID)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, d)
			}
		}
		return out, nil
	}
	return reconcileLatest(db)
}

func (deskData) Deals(db *store.DB, full bool) ([]desk.Item, error) {
	var items []desk.Item
	briefs, _, ok, err := db.LatestDealBriefs()
	if err != nil {
		return nil, err
	}
	if ok && !full {
		for i := range briefs {
			items = append(items, desk.Item{Deal: briefs[i].Deal(), Sources: briefs[i].Sources})
		}
	} else {
		deals, err := latestDealList(db, full)
		if err != nil {
			return nil, err
		}
		for i := range deals {
			items = append(items, desk.Item{Deal: deals[i], Sources: deals[i].Sources()})
		}
	}
	for i := range items {
		items[i].State = "none"
		if items[i].Deal.Review == extract.ReviewNeeded {
			items[i].State, items[i].InQueue = "open", true
		}
	}
	return items, nil
}

func (dd deskData) Queue(db *store.DB) ([]desk.Item, error) {
	briefs, _, ok, err := db.LatestDealBriefs()
	if err != nil {
		return nil, err
	}
	var deals []extract.ReconciledDeal
	if ok {
		for _, b := range briefs {
			if b.Review != extract.ReviewNeeded {
				continue
			}
			d, _, ok, err := db.LatestDeal(b.ID)
			if err != nil {
				return nil, err
			}
			if ok {
				deals = append(deals, d)
			}
		}
	} else {
		all, err := reconcileLatest(db)
		if err != nil {
			return nil, err
		}
		for _, d := range all {
			if d.Review == extract.ReviewNeeded {
				deals = append(deals, d)
			}
		}
	}
	arts, err := articlesOfDeals(db, deals)
	if err != nil {
		return nil, err
	}
	items := make([]desk.Item, len(deals))
	for i := range deals {
		d := &deals[i]
		items[i] = desk.Item{Deal: *d, State: "open", InQueue: true, Sides: conflictViews(d, arts), Since: newestEvidence(d, arts)}
	}
	return items, nil
}

// articlesOfDeals returns the articles of the deals' timelines by id.
func articlesOfDeals(db *store.DB, deals []extract.ReconciledDeal) (map[string]store.Article, error) {
	want := map[string]bool{}
	for _, d := range deals {
		for _, h := range d.History {
			want[h.Article] = true
		}
	}
	out := make(map[string]store.Article, len(want))
	if len(want) == 0 {
		return out, nil
	}
	arts, err := db.Articles()
	if err != nil {
		return nil, err
	}
	for _, a := range arts {
		if want[a.ID] {
			out[a.ID] = a
		}
	}
	return out, nil
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
	for _, c := range d.Conflicts {
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
	s := desk.Side{Value: valueText(v), Article: article}
	if a, ok := arts[article]; ok {
		s.Title, s.File, s.AsOf = a.Title, a.Key, a.Published
	}
	want := normValue(v)
	var pick *extract.HistoryEntry
	for i := range d.History {
		h := &d.History[i]
		if h.Article != article {
			continue
		}
		if pick == nil {
			pick = h
		}
		if (field == extract.FieldStatus && normValue(string(h.Status)) == want) || (h.Amount != nil && normValue(*h.Amount) == want) {
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

// normValue is a conflict value without its offsets and text as
// written, for comparing.
func normValue(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil && obj != nil {
		delete(obj, "text")
		delete(obj, "start")
		delete(obj, "end")
		b, _ := json.Marshal(obj)
		return string(b)
	}
	return string(bytes.TrimSpace(raw))
}

// valueText is a conflict value for people: "$48B", "agreed", "2 GW".
func valueText(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var m extract.Money
	if json.Unmarshal(raw, &m) == nil && m.Currency != "" {
		return extract.FormatMoney(&m)
	}
	var c extract.Capacity
	if json.Unmarshal(raw, &c) == nil && c.Unit != "" {
		return extract.FormatCapacity(c)
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return fmt.Sprintf("%g years", f)
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func (deskData) Deal(db *store.DB, ref string) (desk.DealView, error) {
	ids, ok, err := db.LatestDealIDs()
	if err != nil {
		return desk.DealView{}, err
	}
	var all []extract.ReconciledDeal
	if !ok {
		if all, err = reconcileLatest(db); err != nil {
			return desk.DealView{}, err
		}
		ids = nil
		for _, d := range all {
			ids = append(ids, d.ID)
		}
	}
	id, err := findDeskDeal(ids, ref)
	if err != nil {
		return desk.DealView{}, err
	}
	var d extract.ReconciledDeal
	var unv []extract.UnverifiedFact
	if all != nil {
		for _, x := range all {
			if x.ID == id {
				d = x
			}
		}
	} else {
		var found bool
		if d, unv, found, err = db.LatestDeal(id); err != nil {
			return desk.DealView{}, err
		} else if !found {
			return desk.DealView{}, fmt.Errorf("deal %s: a run wrote to the store meanwhile; reload", id)
		}
	}
	arts, err := articlesOfDeals(db, []extract.ReconciledDeal{d})
	if err != nil {
		return desk.DealView{}, err
	}
	v := desk.DealView{Raw: d, Unverified: unv, Articles: arts}
	v.Item = desk.Item{Deal: d, State: "none", Sides: conflictViews(&d, arts), Since: newestEvidence(&d, arts)}
	if d.Review == extract.ReviewNeeded {
		v.State, v.InQueue = "open", true
	}
	return v, nil
}

// findDeskDeal resolves ref among ids: the same id in any case, or the only
// one it is a prefix of.
func findDeskDeal(ids []string, ref string) (string, error) {
	want := strings.ToLower(strings.TrimSpace(ref))
	if want == "" {
		return "", fmt.Errorf("no deal named: %w", store.ErrNotFound)
	}
	var pre []string
	for _, id := range ids {
		l := strings.ToLower(id)
		if l == want {
			return id, nil
		}
		if strings.HasPrefix(l, want) {
			pre = append(pre, id)
		}
	}
	if len(pre) == 1 {
		return pre[0], nil
	}
	sort.Strings(pre)
	if len(pre) > 1 {
		return "", fmt.Errorf("%q names %d deals: %s", ref, len(pre), strings.Join(pre, ", "))
	}
	return "", fmt.Errorf("deal %q: %w", ref, store.ErrNotFound)
}

func (deskData) Decide(ctx context.Context, db *store.DB, r desk.Request) (desk.Outcome, error) {
	return desk.Outcome{}, errors.New("decisions are not in the store yet (issue 13)")
}

func (deskData) FindArticle(db *store.DB, ref string) (string, int, error) {
	key, err := resolveArticle(db, ref)
	return key, 0, err
}

func (deskData) RunDiff(db *store.DB, a, b uint64) (string, error) {
	runs, err := db.Runs()
	if err != nil {
		return "", err
	}
	changes, err := db.DiffRuns(a, b)
	if err != nil {
		return "", err
	}
	dealChanges, err := reconciledChanges(db, a, b)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	writeChanges(&buf, termColours{}, runsByID(runs), a, b, changes)
	buf.WriteString("\n")
	if err := writeDealChanges(&buf, termColours{}, dealChanges); err != nil {
		return "", err
	}
	return buf.String(), nil
}

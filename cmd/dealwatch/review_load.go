package main

import (
	"fmt"
	"io"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// latestDeals is the latest reconciled deals as the read commands need
// them, with the reviewers' decisions: from the snapshot the last run
// stored when it is current (only the deals someone decided on are
// decoded in full), else reconciled from the latest results.
type latestDeals struct {
	db     *store.DB
	briefs []store.DealBrief // sorted by id, decisions not applied
	// full holds every deal when they were reconciled here (no current
	// snapshot); nil when they come from the snapshot.
	full       map[string]*extract.ReconciledDeal
	unverified []extract.UnverifiedFact
	decisions  map[string][]store.Decision
	// arts caches the articles looked up by id.
	arts map[string]store.Article
}

// articles returns the articles of ids (those the store knows), from
// the cache when looked up before.
func (l *latestDeals) articles(ids []string) (map[string]store.Article, error) {
	if l.arts == nil {
		l.arts = map[string]store.Article{}
	}
	var missing []string
	for _, id := range ids {
		if _, ok := l.arts[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		got, err := l.db.ArticlesByID(missing)
		if err != nil {
			return nil, err
		}
		for _, id := range missing {
			l.arts[id] = got[id] // zero when unknown: not looked up again
		}
	}
	return l.arts, nil
}

// loadLatestDeals reads the latest deals and every decision.
func loadLatestDeals(db *store.DB) (*latestDeals, error) {
	l := &latestDeals{db: db}
	var err error
	if l.decisions, err = db.DecisionsByDeal(); err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	briefs, _, ok, err := db.LatestDealBriefs()
	if err != nil {
		return nil, fmt.Errorf("read deals: %w", err)
	}
	if ok {
		unv, ok2, err := db.LatestUnverified()
		if err != nil {
			return nil, fmt.Errorf("read deals: %w", err)
		}
		if ok2 {
			l.briefs, l.unverified = briefs, unv
			return l, nil
		}
	}
	results, err := db.Latest()
	if err != nil {
		return nil, fmt.Errorf("read latest results: %w", err)
	}
	deals := reconcileOptions().Reconcile(results)
	l.full = make(map[string]*extract.ReconciledDeal, len(deals))
	l.briefs = make([]store.DealBrief, len(deals))
	for i := range deals {
		l.full[deals[i].ID] = &deals[i]
		l.briefs[i] = store.Brief(&deals[i])
	}
	l.unverified = reconcileOptions().Unverified(results)
	return l, nil
}

// ids returns the deal ids, sorted.
func (l *latestDeals) ids() []string {
	out := make([]string, len(l.briefs))
	for i, b := range l.briefs {
		out[i] = b.ID
	}
	return out
}

// raw returns deal id as reconciled, with its full timeline and its
// unverified facts, before decisions.
func (l *latestDeals) raw(id string) (extract.ReconciledDeal, []extract.UnverifiedFact, error) {
	if l.full != nil {
		d, ok := l.full[id]
		if !ok {
			return extract.ReconciledDeal{}, nil, fmt.Errorf("deal %q: %w", id, store.ErrNotFound)
		}
		var unv []extract.UnverifiedFact
		for _, u := range l.unverified {
			if u.DealID == id {
				unv = append(unv, u)
			}
		}
		return cloneDeal(d), unv, nil
	}
	d, unv, ok, err := l.db.LatestDeal(id)
	if err != nil {
		return d, nil, fmt.Errorf("read deal: %w", err)
	}
	if !ok {
		return d, nil, fmt.Errorf("read deal %s: a run wrote to the store meanwhile; try again", id)
	}
	return d, unv, nil
}

// cloneDeal copies the slices ApplyDecisions replaces.
func cloneDeal(d *extract.ReconciledDeal) extract.ReconciledDeal {
	c := *d
	c.History = append([]extract.HistoryEntry(nil), d.History...)
	c.Conflicts = append([]extract.Conflict(nil), d.Conflicts...)
	return c
}

// reviewedDeal is a deal with its decisions applied.
type reviewedDeal struct {
	Raw        extract.ReconciledDeal // as reconciled
	Deal       extract.ReconciledDeal // decisions applied
	Unverified []extract.UnverifiedFact
	store.Reviewed
}

// reviewed returns deal id with its decisions applied.
func (l *latestDeals) reviewed(id string) (reviewedDeal, error) {
	raw, unv, err := l.raw(id)
	if err != nil {
		return reviewedDeal{}, err
	}
	d := cloneDeal(&raw)
	r := store.ApplyDecisions(&d, l.decisions[id])
	return reviewedDeal{Raw: raw, Deal: d, Unverified: append(unv, r.Rejected...), Reviewed: r}, nil
}

// state returns the review state of every deal and the briefs with
// decisions applied (a deal rejected as a whole is left out of briefs
// and its facts are added to the unverified ones). Only the deals with
// decisions are decoded in full.
func (l *latestDeals) states() (briefs []store.DealBrief, states map[string]store.ReviewState, unverified []extract.UnverifiedFact, err error) {
	states = make(map[string]store.ReviewState, len(l.briefs))
	unverified = l.unverified
	for _, b := range l.briefs {
		if len(l.decisions[b.ID]) == 0 {
			states[b.ID] = store.StateNone
			if b.Review == extract.ReviewNeeded {
				states[b.ID] = store.StateOpen
			}
			briefs = append(briefs, b)
			continue
		}
		rd, err := l.reviewed(b.ID)
		if err != nil {
			return nil, nil, nil, err
		}
		states[b.ID] = rd.State
		if len(rd.Rejected) > 0 {
			unverified = append(append([]extract.UnverifiedFact(nil), unverified...), rd.Rejected...)
		}
		if rd.State == store.StateRejected {
			continue
		}
		briefs = append(briefs, store.Brief(&rd.Deal))
	}
	return briefs, states, unverified, nil
}

// queue returns the deals waiting for review, oldest first: the first
// limit of them in full (limit <= 0: all), and how many there are. Only
// the deals shown, and those someone decided on, are decoded with their
// timelines; the others are ordered by their conflicts alone.
func (l *latestDeals) queue(limit int) ([]store.QueueItem, int, error) {
	var items []store.QueueItem
	var light []string // undecided deals that need review
	for _, b := range l.briefs {
		decs := l.decisions[b.ID]
		switch {
		case len(decs) > 0 && l.full == nil && conflictsOnly(decs):
			// Whether resolve and dismiss decisions hold depends on
			// the conflicts alone.
			light = append(light, b.ID)
		case len(decs) > 0:
			rd, err := l.reviewed(b.ID)
			if err != nil {
				return nil, 0, err
			}
			if rd.State.InQueue() {
				items = append(items, store.QueueItem{Deal: rd.Deal, Reviewed: rd.Reviewed})
			}
		case b.Review == extract.ReviewNeeded:
			if l.full != nil {
				items = append(items, store.QueueItem{Deal: cloneDeal(l.full[b.ID]), Reviewed: store.Reviewed{State: store.StateOpen}})
				continue
			}
			light = append(light, b.ID)
		}
	}
	partial := map[string]bool{}
	if len(light) > 0 {
		cs, ok, err := l.db.LatestConflicts(light)
		if err != nil {
			return nil, 0, err
		}
		if !ok {
			return nil, 0, fmt.Errorf("read the queue: a run wrote to the store meanwhile; try again")
		}
		for _, id := range light {
			d := extract.ReconciledDeal{ID: id, Conflicts: cs[id], Review: extract.ReviewNeeded}
			r := store.Reviewed{State: store.StateOpen}
			if decs := l.decisions[id]; len(decs) > 0 {
				if r = store.ApplyDecisions(&d, decs); !r.State.InQueue() {
					continue
				}
			}
			items = append(items, store.QueueItem{Deal: d, Reviewed: r})
			partial[id] = true
		}
	}
	// Since: when the newest article of the open conflicts (or of the
	// deal) was first stored; a reopen counts from the reopen.
	var ids []string
	for _, it := range items {
		ids = append(ids, waitingArticles(&it.Deal)...)
	}
	arts, err := l.articles(ids)
	if err != nil {
		return nil, 0, err
	}
	for i := range items {
		it := &items[i]
		for _, id := range waitingArticles(&it.Deal) {
			if a, ok := arts[id]; ok && a.Key != "" {
				if s := storeTime(a.FirstSeen); s > it.Since {
					it.Since = s
				}
			}
		}
		for _, d := range l.decisions[it.Deal.ID] {
			if d.Action == store.Reopen {
				if s := storeTime(d.Time); s > it.Since {
					it.Since = s
				}
			}
		}
	}
	store.SortQueue(items)
	total := len(items)
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	for i := range items {
		if !partial[items[i].Deal.ID] {
			continue
		}
		rd, err := l.reviewed(items[i].Deal.ID)
		if err != nil {
			return nil, 0, err
		}
		items[i].Deal, items[i].Reviewed = rd.Deal, rd.Reviewed
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

// writeDealDecisions writes the review part of "history DEAL_ID": the
// state and every decision, the stale ones marked.
func writeDealDecisions(w io.Writer, c termColours, rd reviewedDeal, all []store.Decision) {
	if len(all) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (review state: %s)\n", c.bold("DECISIONS"), rd.State)
	earlier := map[uint64]bool{}
	for _, d := range rd.Earlier {
		earlier[d.Seq] = true
	}
	applied := map[uint64]bool{}
	for _, d := range rd.Applied {
		applied[d.Seq] = true
	}
	for _, d := range all {
		mark := "  "
		switch {
		case applied[d.Seq]:
			mark = "✓ "
		case earlier[d.Seq]:
			mark = "! "
		}
		fmt.Fprintf(w, "  %s%s\n", mark, decisionLine(d))
	}
	if len(rd.Earlier) > 0 {
		fmt.Fprintln(w, "  (! made on evidence that changed since: the deal is back in the review queue)")
	}
}

// queueLength returns how many of the deals of briefs (the latest
// snapshot) wait for review once the decisions are applied.
func queueLength(db *store.DB, briefs []store.DealBrief) (int, error) {
	decisions, err := db.DecisionsByDeal()
	if err != nil {
		return 0, fmt.Errorf("read decisions: %w", err)
	}
	n := 0
	for _, b := range briefs {
		decs := decisions[b.ID]
		if len(decs) == 0 {
			if b.Review == extract.ReviewNeeded {
				n++
			}
			continue
		}
		d, _, ok, err := db.LatestDeal(b.ID)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, fmt.Errorf("deal %s: the snapshot just stored is not current", b.ID)
		}
		if store.ApplyDecisions(&d, decs).State.InQueue() {
			n++
		}
	}
	return n, nil
}

// conflictsOnly reports whether decs are all resolve and dismiss
// decisions, whose staleness depends on the deal's conflicts alone.
func conflictsOnly(decs []store.Decision) bool {
	for _, d := range decs {
		if d.Action != store.Resolve && d.Action != store.Dismiss {
			return false
		}
	}
	return true
}

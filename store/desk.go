package store

import (
	"fmt"
	"sort"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// Desk is the review desk: the latest reconciled deals with the
// reviewers' decisions, for "dealwatch review", "deals", "history",
// "export" and the web desk. The deals come from the snapshot the last
// run stored when it is current (only the deals shown or decided on are
// decoded in full), else from reconciling the latest results with the
// Reconciler given to OpenDesk. A Desk reads one state of the store: open
// a new one to see later runs and decisions.
type Desk struct {
	db *DB
	// snapRun is the run of the snapshot the desk reads, when it reads
	// one (full is nil): briefs and unverified are read from it on first
	// use (see load), so that a command about one deal ("history ID")
	// does not decode every brief.
	snapRun uint64
	loaded  bool
	briefs  []DealBrief // sorted by id, decisions not applied
	// full holds every deal when they were reconciled here (no current
	// snapshot); nil when they come from the snapshot.
	full       map[string]*extract.ReconciledDeal
	unverified []extract.UnverifiedFact
	decisions  map[string][]Decision
	// arts caches the articles looked up by id.
	arts map[string]Article
}

// Reconciler reconciles results into deals and the facts not counted
// (reconcile.Options.All with the program's options).
type Reconciler func([]extract.ArticleResult) ([]extract.ReconciledDeal, []extract.UnverifiedFact)

// Articles returns the articles of ids (those the store knows), from
// the cache when looked up before; an unknown id maps to a zero
// Article.
func (l *Desk) Articles(ids []string) (map[string]Article, error) {
	if l.arts == nil {
		l.arts = map[string]Article{}
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

// OpenDesk reads the latest deals and every decision; reconcile is used
// only when there is no current snapshot.
func OpenDesk(db *DB, reconcile Reconciler) (*Desk, error) {
	l := &Desk{db: db}
	var err error
	if l.decisions, err = db.DecisionsByDeal(); err != nil {
		return nil, fmt.Errorf("read decisions: %w", err)
	}
	run, ok, err := db.LatestSnapshotRun()
	if err != nil {
		return nil, fmt.Errorf("read deals: %w", err)
	}
	if ok {
		l.snapRun = run
		return l, nil
	}
	results, err := db.Latest()
	if err != nil {
		return nil, fmt.Errorf("read latest results: %w", err)
	}
	deals, unverified := reconcile(results)
	l.full = make(map[string]*extract.ReconciledDeal, len(deals))
	l.briefs = make([]DealBrief, len(deals))
	for i := range deals {
		l.full[deals[i].ID] = &deals[i]
		l.briefs[i] = Brief(&deals[i])
	}
	l.unverified = unverified
	l.loaded = true
	return l, nil
}

// errRunMeanwhile is returned when a run replaced the snapshot a desk
// reads between two of its reads.
var errRunMeanwhile = fmt.Errorf("a run wrote to the store meanwhile; try again")

// load reads every brief and unverified fact of the desk's snapshot,
// once.
func (l *Desk) load() error {
	if l.loaded {
		return nil
	}
	briefs, run, ok, err := l.db.LatestDealBriefs()
	if err != nil {
		return fmt.Errorf("read deals: %w", err)
	}
	if !ok || run != l.snapRun {
		return fmt.Errorf("read deals: %w", errRunMeanwhile)
	}
	unv, ok, err := l.db.LatestUnverified()
	if err != nil {
		return fmt.Errorf("read deals: %w", err)
	}
	if !ok {
		return fmt.Errorf("read deals: %w", errRunMeanwhile)
	}
	l.briefs, l.unverified, l.loaded = briefs, unv, true
	return nil
}

// DecisionsOf returns the decisions about deal id, oldest first.
func (l *Desk) DecisionsOf(id string) []Decision { return l.decisions[id] }

// Decided returns the ids of the deals someone decided on, sorted (some
// may have no article any more).
func (l *Desk) Decided() []string {
	ids := make([]string, 0, len(l.decisions))
	for id := range l.decisions {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// IDs returns the deal ids, sorted. From a snapshot not yet loaded
// they are the snapshot's keys: no brief is decoded.
func (l *Desk) IDs() ([]string, error) {
	if !l.loaded {
		ids, run, ok, err := l.db.SnapshotDealIDs()
		if err != nil {
			return nil, fmt.Errorf("read deals: %w", err)
		}
		if !ok || run != l.snapRun {
			return nil, fmt.Errorf("read deals: %w", errRunMeanwhile)
		}
		return ids, nil
	}
	out := make([]string, len(l.briefs))
	for i, b := range l.briefs {
		out[i] = b.ID
	}
	return out, nil
}

// Raw returns deal id as reconciled, with its full timeline and its
// unverified facts, before decisions.
func (l *Desk) Raw(id string) (extract.ReconciledDeal, []extract.UnverifiedFact, error) {
	if l.full != nil {
		d, ok := l.full[id]
		if !ok {
			return extract.ReconciledDeal{}, nil, fmt.Errorf("deal %q: %w", id, ErrNotFound)
		}
		var unv []extract.UnverifiedFact
		for _, u := range l.unverified {
			if u.DealID == id {
				unv = append(unv, u)
			}
		}
		return CloneDeal(d), unv, nil
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

// CloneDeal copies d with the slices ApplyDecisions replaces, so the
// copy can be decided on without changing d.
func CloneDeal(d *extract.ReconciledDeal) extract.ReconciledDeal {
	c := *d
	c.History = append([]extract.HistoryEntry(nil), d.History...)
	c.Conflicts = append([]extract.Conflict(nil), d.Conflicts...)
	return c
}

// ReviewedDeal is a deal with its decisions applied.
type ReviewedDeal struct {
	Raw        extract.ReconciledDeal // as reconciled
	Deal       extract.ReconciledDeal // decisions applied
	Unverified []extract.UnverifiedFact
	Reviewed
}

// Reviewed returns deal id with its decisions applied.
func (l *Desk) Reviewed(id string) (ReviewedDeal, error) {
	raw, unv, err := l.Raw(id)
	if err != nil {
		return ReviewedDeal{}, err
	}
	d := CloneDeal(&raw)
	r := ApplyDecisions(&d, l.decisions[id])
	return ReviewedDeal{Raw: raw, Deal: d, Unverified: append(unv, r.Rejected...), Reviewed: r}, nil
}

// States returns the review state of every deal and the briefs with
// decisions applied (a deal rejected as a whole is left out of briefs
// and its facts are added to the unverified ones). Only the deals with
// decisions are decoded in full.
func (l *Desk) States() (briefs []DealBrief, states map[string]ReviewState, unverified []extract.UnverifiedFact, err error) {
	if err := l.load(); err != nil {
		return nil, nil, nil, err
	}
	states = make(map[string]ReviewState, len(l.briefs))
	unverified = l.unverified
	for _, b := range l.briefs {
		if len(l.decisions[b.ID]) == 0 {
			states[b.ID] = StateNone
			if b.Review == extract.ReviewNeeded {
				states[b.ID] = StateOpen
			}
			briefs = append(briefs, b)
			continue
		}
		rd, err := l.Reviewed(b.ID)
		if err != nil {
			return nil, nil, nil, err
		}
		states[b.ID] = rd.State
		if len(rd.Rejected) > 0 {
			unverified = append(append([]extract.UnverifiedFact(nil), unverified...), rd.Rejected...)
		}
		if rd.State == StateRejected {
			continue
		}
		briefs = append(briefs, Brief(&rd.Deal))
	}
	return briefs, states, unverified, nil
}

// Queue returns the deals waiting for review, oldest first: the first
// limit of them in full (limit <= 0: all), and how many there are. Only
// the deals shown, and those someone decided on, are decoded with their
// timelines; the others are ordered by their conflicts alone.
func (l *Desk) Queue(limit int) ([]QueueItem, int, error) {
	candidates, waiting, err := l.queueBriefs()
	if err != nil {
		return nil, 0, err
	}
	var items []QueueItem
	var light []string // undecided deals that need review
	partial := map[string]bool{}
	for id, since := range waiting {
		// Placed by the queue index: decoded below if shown.
		items = append(items, QueueItem{Deal: extract.ReconciledDeal{ID: id, Review: extract.ReviewNeeded}, Reviewed: Reviewed{State: StateOpen}, Since: since})
		partial[id] = true
	}
	for _, b := range candidates {
		decs := l.decisions[b.ID]
		switch {
		case len(decs) > 0 && l.full == nil && conflictsOnly(decs):
			// Whether resolve and dismiss decisions hold depends on
			// the conflicts alone.
			light = append(light, b.ID)
		case len(decs) > 0:
			rd, err := l.Reviewed(b.ID)
			if err != nil {
				return nil, 0, err
			}
			if rd.State.InQueue() {
				items = append(items, QueueItem{Deal: rd.Deal, Reviewed: rd.Reviewed})
			}
		case b.Review == extract.ReviewNeeded:
			if l.full != nil {
				items = append(items, QueueItem{Deal: CloneDeal(l.full[b.ID]), Reviewed: Reviewed{State: StateOpen}})
				continue
			}
			light = append(light, b.ID)
		}
	}
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
			r := Reviewed{State: StateOpen}
			if decs := l.decisions[id]; len(decs) > 0 {
				if r = ApplyDecisions(&d, decs); !r.State.InQueue() {
					continue
				}
			}
			items = append(items, QueueItem{Deal: d, Reviewed: r})
			partial[id] = true
		}
	}
	// Since: when the newest article of the open conflicts (or of the
	// deal) was first stored; a reopen counts from the reopen.
	var ids []string
	for _, it := range items {
		ids = append(ids, WaitingArticles(&it.Deal)...)
	}
	firstSeen, err := l.db.FirstSeenByID(ids)
	if err != nil {
		return nil, 0, err
	}
	for i := range items {
		it := &items[i]
		for _, id := range WaitingArticles(&it.Deal) {
			if t, ok := firstSeen[id]; ok {
				if s := utcTime(t); s > it.Since {
					it.Since = s
				}
			}
		}
		for _, d := range l.decisions[it.Deal.ID] {
			if d.Action == Reopen {
				if s := utcTime(d.Time); s > it.Since {
					it.Since = s
				}
			}
		}
	}
	SortQueue(items)
	total := len(items)
	if limit > 0 && len(items) > limit {
		items = items[:limit]
	}
	for i := range items {
		if !partial[items[i].Deal.ID] {
			continue
		}
		rd, err := l.Reviewed(items[i].Deal.ID)
		if err != nil {
			return nil, 0, err
		}
		items[i].Deal, items[i].Reviewed = rd.Deal, rd.Reviewed
	}
	return items, total, nil
}

// WaitingArticles are the articles a queue item waits on: those of its
// open conflicts, or all of its history when it has none.
func WaitingArticles(d *extract.ReconciledDeal) []string {
	var out []string
	for _, c := range OpenConflicts(d) {
		out = append(out, c.Articles...)
	}
	if len(out) == 0 {
		for _, h := range d.History {
			out = append(out, h.Article)
		}
	}
	return out
}

// conflictsOnly reports whether decs are all resolve and dismiss
// decisions, whose staleness depends on the deal's conflicts alone.
func conflictsOnly(decs []Decision) bool {
	for _, d := range decs {
		if d.Action != Resolve && d.Action != Dismiss {
			return false
		}
	}
	return true
}

// utcTime is t as the store prints times: UTC, seconds.
func utcTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

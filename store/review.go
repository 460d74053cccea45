package store

import (
	"encoding/json"
	"sort"

	"github.com/dealwatch/dealwatch/extract"
)

// ReviewState is where a reconciled deal stands with its reviewers.
type ReviewState string

// The review states. Open, Changed and Reopened are in the queue.
const (
	StateNone      ReviewState = "none"      // nothing to review, no decision
	StateOpen      ReviewState = "open"      // conflicts nobody decided on
	StateChanged   ReviewState = "changed"   // decided on, but new evidence since: back in the queue
	StateReopened  ReviewState = "reopened"  // a reviewer reopened it
	StateResolved  ReviewState = "resolved"  // its conflicts were resolved (and dismissed)
	StateDismissed ReviewState = "dismissed" // its conflicts were dismissed
	StateConfirmed ReviewState = "confirmed" // a reviewer confirmed it
	StateRejected  ReviewState = "rejected"  // a reviewer rejected the deal: it does not count
)

// InQueue reports whether a deal in state s waits for a reviewer.
func (s ReviewState) InQueue() bool {
	return s == StateOpen || s == StateChanged || s == StateReopened
}

// Reviewed is a deal with its decisions applied.
type Reviewed struct {
	State ReviewState
	// Applied are the decisions that hold (since the last reopen), oldest
	// first; Earlier those that went stale because the deal changed:
	// shown to the reviewer when the deal is back in the queue.
	Applied []Decision
	Earlier []Decision
	// Settled are the conflicts the applied decisions took out of
	// review (they stay in the deal's Conflicts, with a Resolution).
	Settled []extract.Conflict
	// Rejected are the facts taken out by reject decisions, for the
	// unverified list.
	Rejected []extract.UnverifiedFact
}

// ApplyDecisions applies decs (the deal's decisions, oldest first) to
// d, a deal as reconciled, and says where it stands:
//
//   - a decision made before the last reopen, or stale (see Stale), is
//     not applied; a stale one puts the deal back in the queue
//     (StateChanged) and is returned in Earlier;
//   - reject of an article drops its history entries and its side of
//     every conflict (a conflict left with one side is gone), and the
//     current figure moves to the latest remaining entry when it came
//     from that article; reject of the deal empties it (StateRejected);
//   - resolve settles the conflicts of its field: the chosen value
//     becomes current (amount, period or status), with its article;
//   - dismiss settles the conflicts of its field, current unchanged;
//   - confirm settles every conflict, current unchanged.
//
// Settled conflicts stay in d.Conflicts with their Resolution
// (resolved, dismissed; see OpenConflicts), a chosen figure has the
// current reason resolved_by_reviewer, and d.Review is ReviewNeeded
// exactly when the deal is in the queue. The deal is reconciled without
// decisions (the snapshot a run stores) and they are applied when read,
// so a decision counts at once, without a run, and its staleness is
// judged on the evidence as reconciled.
func ApplyDecisions(d *extract.ReconciledDeal, decs []Decision) Reviewed {
	raw := *d // the deal as reconciled, for staleness
	rawConflicts := append([]extract.Conflict(nil), d.Conflicts...)
	raw.Conflicts = rawConflicts
	var r Reviewed
	start := 0
	for i, dec := range decs {
		if dec.Action == Reopen {
			start = i + 1
			r.Earlier = append(r.Earlier[:0], decs[:i]...)
		}
	}
	reopened := start > 0
	// A stale decision puts the deal back in the queue unless a later
	// decision, made on the new evidence, holds.
	var stale bool
	var staleDecs []Decision
	for _, dec := range decs[start:] {
		if Stale(dec, &raw) {
			stale = true
			staleDecs = append(staleDecs, dec)
			continue
		}
		r.Applied = append(r.Applied, dec)
		stale = false
	}
	if stale {
		r.Earlier = append(r.Earlier, staleDecs...)
	}
	last := StateNone
	for _, dec := range r.Applied {
		switch dec.Action {
		case Reject:
			if dec.Article == "" {
				r.Rejected = append(r.Rejected, rejectedFacts(d, "", dec)...)
				d.History, d.Conflicts = nil, nil
				d.Current = extract.Current{}
				last = StateRejected
				continue
			}
			r.Rejected = append(r.Rejected, rejectedFacts(d, dec.Article, dec)...)
			dropArticle(d, dec.Article)
		case Resolve:
			r.Settled = append(r.Settled, settle(d, dec.Field, extract.ResolutionResolved)...)
			choose(d, dec)
			last = StateResolved
		case Dismiss:
			r.Settled = append(r.Settled, settle(d, dec.Field, extract.ResolutionDismissed)...)
			if last != StateResolved {
				last = StateDismissed
			}
		case Confirm:
			r.Settled = append(r.Settled, settle(d, "", extract.ResolutionDismissed)...)
			last = StateConfirmed
		}
	}
	switch {
	case last == StateRejected:
		r.State = StateRejected
	case stale:
		r.State = StateChanged
	case len(OpenConflicts(d)) > 0:
		r.State = StateOpen
	case reopened && len(r.Applied) == 0:
		r.State = StateReopened
	default:
		r.State = last
	}
	d.Review = extract.ReviewNone
	if r.State.InQueue() {
		d.Review = extract.ReviewNeeded
	}
	return r
}

// settle marks the open conflicts of field ("" for all) with res and
// returns them; they stay in the deal, no longer needing review.
func settle(d *extract.ReconciledDeal, field extract.ConflictField, res extract.Resolution) []extract.Conflict {
	var out []extract.Conflict
	cs := make([]extract.Conflict, len(d.Conflicts))
	copy(cs, d.Conflicts)
	for i := range cs {
		if c := &cs[i]; c.Resolution == extract.ResolutionNone && (field == "" || c.Field == field) {
			c.Resolution = res
			out = append(out, *c)
		}
	}
	d.Conflicts = cs
	return out
}

// OpenConflicts returns the conflicts of d no decision settled.
func OpenConflicts(d *extract.ReconciledDeal) []extract.Conflict {
	var out []extract.Conflict
	for _, c := range d.Conflicts {
		if c.Resolution == extract.ResolutionNone {
			out = append(out, c)
		}
	}
	return out
}

// choose makes a resolve's chosen value current.
func choose(d *extract.ReconciledDeal, dec Decision) {
	// The chosen article's entry, when it states the chosen value (or
	// any value, when only the article was chosen).
	for i := len(d.History) - 1; i >= 0; i-- {
		h := d.History[i]
		if dec.Article != "" && h.Article != dec.Article {
			continue
		}
		if len(dec.Value) > 0 && !entryStates(h, dec) {
			continue
		}
		switch dec.Field {
		case extract.FieldStatus:
			d.Current.Status = h.Status
		default:
			if h.Amount == nil {
				continue
			}
			d.Current.Amount = h.Amount
		}
		d.Current.Article, d.Current.AsOf, d.Current.Confirmation, d.Current.Source = h.Article, h.AsOf, h.Confirmation, h.Source
		d.Current.Reason = extract.ReasonResolvedByReviewer
		return
	}
	// No entry states it (the article was rejected, or the value is not
	// an amount): take the value as decided.
	switch dec.Field {
	case extract.FieldStatus:
		var s extract.DealStatus
		if json.Unmarshal(dec.Value, &s) == nil && s != "" {
			d.Current.Status = s
			d.Current.Reason = extract.ReasonResolvedByReviewer
		}
	case extract.FieldAmount, extract.FieldPeriod, "":
		var m extract.Money
		if len(dec.Value) > 0 && json.Unmarshal(dec.Value, &m) == nil && m.Currency != "" {
			d.Current.Amount = &m
			d.Current.Reason = extract.ReasonResolvedByReviewer
			if dec.Article != "" {
				d.Current.Article = dec.Article
			}
		}
	}
}

// entryStates reports whether history entry h states a resolve's value.
func entryStates(h extract.HistoryEntry, dec Decision) bool {
	want := ValueNorm(dec.Value)
	if dec.Field == extract.FieldStatus {
		return ValueNorm(string(h.Status)) == want
	}
	return h.Amount != nil && moneyNorm(h.Amount) == want
}

// dropArticle removes article's entries and conflict sides from d.
func dropArticle(d *extract.ReconciledDeal, article string) {
	var hist []extract.HistoryEntry
	for _, h := range d.History {
		if h.Article != article {
			hist = append(hist, h)
		}
	}
	d.History = hist
	var cs []extract.Conflict
	for _, c := range d.Conflicts {
		var nc extract.Conflict = c
		nc.Articles, nc.Values = nil, nil
		for i, a := range c.Articles {
			if a == article {
				continue
			}
			nc.Articles = append(nc.Articles, a)
			if i < len(c.Values) {
				nc.Values = append(nc.Values, c.Values[i])
			}
		}
		if len(nc.Articles) >= 2 {
			cs = append(cs, nc)
		}
	}
	d.Conflicts = cs
	if d.Current.Article != article {
		return
	}
	d.Current = extract.Current{}
	for i := len(d.History) - 1; i >= 0; i-- {
		h := d.History[i]
		if h.Relation == extract.RelConflict {
			continue
		}
		d.Current = extract.Current{Amount: h.Amount, Status: h.Status, Confirmation: h.Confirmation, AsOf: h.AsOf, Article: h.Article,
			Source: h.Source, Reason: extract.ReasonLatest}
		if h.Amount != nil {
			break
		}
	}
}

// rejectedFacts lists the history entries of article ("" for all) as
// unverified facts rejected by dec.
func rejectedFacts(d *extract.ReconciledDeal, article string, dec Decision) []extract.UnverifiedFact {
	reason := "rejected by " + dec.By
	if dec.Note != "" {
		reason += ": " + dec.Note
	}
	var out []extract.UnverifiedFact
	for _, h := range d.History {
		if article != "" && h.Article != article {
			continue
		}
		out = append(out, extract.UnverifiedFact{
			DealID: d.ID, Article: h.Article, AsOf: h.AsOf, Source: h.Source, Reason: reason,
			Deal: extract.Deal{Kind: d.Kind, Status: h.Status, Confirmation: h.Confirmation, Amount: h.Amount,
				Evidence: firstSpan(h.Evidence)},
		})
	}
	return out
}

func firstSpan(ss []extract.Span) extract.Span {
	if len(ss) == 0 {
		return extract.Span{}
	}
	return ss[0]
}

// QueueItem is a deal waiting for review.
type QueueItem struct {
	Deal extract.ReconciledDeal // decisions applied (see OpenConflicts)
	Reviewed
	// Since is when the deal started waiting: when the newest article
	// of its open conflicts (or of the deal) was first stored, or the
	// reopen.
	Since string
}

// SortQueue orders items oldest first (by Since, then deal id).
func SortQueue(items []QueueItem) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Since != items[j].Since {
			return items[i].Since < items[j].Since
		}
		return items[i].Deal.ID < items[j].Deal.ID
	})
}

package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// DealWalk reads a desk's deals for a listing that prints them as it
// reads them ("dealwatch deals"): passes over the deals in id order,
// the unverified facts and lookups of one deal, all of one state of the
// store, decisions applied. From a format-2 snapshot each pass is a
// cursor over it, in one read transaction, and decodes only the briefs
// its caller may print; deals reconciled here (no current snapshot) or
// of a format-1 snapshot are walked in memory.
type DealWalk struct {
	l    *Desk
	snap *bolt.Bucket // nil: in memory
	pg   pager
	// decided are the snapshot's deals someone decided on, decisions
	// applied, by id; decidedIDs their ids, sorted.
	decided    map[string]*walkDecided
	decidedIDs []string
	// In memory: States' answer.
	briefs     []DealBrief
	states     map[string]ReviewState
	unverified []extract.UnverifiedFact
	byID       map[string]int
}

// walkDecided is a deal decided on, decisions applied.
type walkDecided struct {
	brief     DealBrief
	state     ReviewState
	rawReview bool // the deal as reconciled needs review
	rejected  []extract.UnverifiedFact
}

// errNotFmt2 says a snapshot is of format 1: it is walked in memory.
var errNotFmt2 = errors.New("format-1 snapshot")

// Walk calls fn with a walk over the desk's deals. From a snapshot it
// holds one read transaction while fn runs: fn should write to a file
// or memory, not wait on a reader. It returns fn's error, or an error
// when a run replaced the snapshot since the desk was opened.
func (l *Desk) Walk(fn func(w *DealWalk) error) error {
	if !l.loaded {
		err := l.db.view(func(tx *bolt.Tx) error {
			run, ok := l.db.currentSnapshot(tx)
			if !ok || run != l.snapRun {
				return errRunMeanwhile
			}
			if !isFmt2(tx) {
				return errNotFmt2
			}
			w := &DealWalk{l: l, snap: tx.Bucket(bucketDealSnap), pg: pager{tx: tx}, decided: map[string]*walkDecided{}}
			for _, id := range l.Decided() {
				d, err := w.decide(id)
				if err != nil {
					return err
				}
				if d != nil {
					w.decided[id] = d
					w.decidedIDs = append(w.decidedIDs, id)
				}
			}
			return fn(w)
		})
		switch {
		case err == errRunMeanwhile:
			return fmt.Errorf("read deals: %w", err)
		case err != errNotFmt2:
			return err
		}
	}
	briefs, states, unverified, err := l.States()
	if err != nil {
		return err
	}
	w := &DealWalk{l: l, briefs: briefs, states: states, unverified: unverified, byID: make(map[string]int, len(briefs))}
	for i, b := range briefs {
		w.byID[b.ID] = i
	}
	return fn(w)
}

// decide applies the decisions about deal id of the snapshot; nil when
// the snapshot has no such deal. Dismiss, confirm and reopen decisions
// depend on and change only the deal's conflicts (and its review state):
// for them only the conflicts of its line are decoded, not its timeline
// (megabytes for a deal with thousands of sources), so that the list
// starts at once however many such decisions there are.
func (w *DealWalk) decide(id string) (*walkDecided, error) {
	decs := w.l.decisions[id]
	if w.snap.Get(append([]byte{snapBrief}, id...)) == nil {
		return nil, nil
	}
	before, after, state, ok, err := decideConflicts(w.snap, id, decs)
	if err != nil {
		return nil, err
	}
	if ok {
		return &walkDecided{brief: after, state: state, rawReview: before.Review == extract.ReviewNeeded}, nil
	}
	d, _, found, err := snapDeal(w.snap, id)
	if err != nil || !found {
		return nil, err
	}
	rawReview := d.Review == extract.ReviewNeeded
	r := ApplyDecisions(&d, decs)
	return &walkDecided{brief: Brief(&d), state: r.State, rawReview: rawReview, rejected: r.Rejected}, nil
}

// decideConflicts applies decs, when they are all dismiss, confirm and
// reopen decisions (conflictsDecisions), to deal id of a format-2
// snapshot from its brief and the conflicts of its line: its brief
// before and after them and its review state. ok is false when decs
// need the deal's timeline, or the snapshot has no such deal.
func decideConflicts(snap *bolt.Bucket, id string, decs []Decision) (before, after DealBrief, state ReviewState, ok bool, err error) {
	raw := snap.Get(append([]byte{snapBrief}, id...))
	if raw == nil || !conflictsDecisions(decs) {
		return before, after, "", false, nil
	}
	if before, err = decodeBrief(raw); err != nil {
		return before, after, "", false, fmt.Errorf("decode deal %s: %w", id, err)
	}
	cs, err := lineConflicts(snap.Get(append([]byte{snapPublic}, id...)))
	if err != nil {
		return before, after, "", false, fmt.Errorf("decode deal %s: %w", id, err)
	}
	if len(cs) != len(before.Conflicts) {
		return before, after, "", false, nil // not the same deal: decode it whole
	}
	b := before
	d := extract.ReconciledDeal{ID: b.ID, Kind: b.Kind, Parties: b.Parties, Current: b.Current, Review: b.Review, Conflicts: cs}
	r := ApplyDecisions(&d, decs)
	after = b
	after.Review = d.Review
	after.Conflicts = append([]BriefConflict(nil), b.Conflicts...)
	for i := range after.Conflicts {
		after.Conflicts[i].Resolution = d.Conflicts[i].Resolution
	}
	return before, after, r.State, true, nil
}

// conflictsDecisions reports whether decs are all dismiss, confirm and
// reopen decisions: their staleness and effects depend on the deal's
// current figure and conflicts alone (Stale, ApplyDecisions).
func conflictsDecisions(decs []Decision) bool {
	for _, d := range decs {
		if d.Action != Dismiss && d.Action != Confirm && d.Action != Reopen {
			return false
		}
	}
	return true
}

// Counts returns how many deals there are (those rejected as a whole
// left out) and how many of them need review, decisions applied. From a
// snapshot they are its stored counts, corrected for the deals decided
// on: nothing is decoded.
func (w *DealWalk) Counts() (deals, review int, err error) {
	if w.snap == nil {
		for _, b := range w.briefs {
			if b.Review == extract.ReviewNeeded {
				review++
			}
		}
		return len(w.briefs), review, nil
	}
	var m snapshotMeta
	if v := w.snap.Get(keySnapMeta); v != nil && json.Unmarshal(v, &m) == nil {
		deals, review = m.Deals, m.Review
	} else {
		// No counts stored: count the briefs.
		c := w.snap.Cursor()
		prefix := []byte{snapBrief}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			w.pg.step()
			deals++
			if BriefNeedsReview(v) {
				review++
			}
		}
	}
	for _, id := range w.decidedIDs {
		d := w.decided[id]
		if d.rawReview {
			review--
		}
		if d.state == StateRejected {
			deals--
			continue
		}
		if d.brief.Review == extract.ReviewNeeded {
			review++
		}
	}
	return deals, review, nil
}

// Briefs calls fn with the brief and review state of every deal, in id
// order, decisions applied; a deal rejected as a whole is left out.
// maybe, when not nil, is a quick test on a deal's id and its brief's
// stored JSON (before decisions) that may say yes wrongly, never no
// wrongly: a deal it rejects is not decoded. The deals decided on, and
// those walked in memory, are given to fn whatever maybe says; fn
// filters what it gets.
func (w *DealWalk) Briefs(maybe func(id string, raw []byte) bool, fn func(b *DealBrief, state ReviewState) error) error {
	if w.snap == nil {
		for i := range w.briefs {
			if err := fn(&w.briefs[i], w.states[w.briefs[i].ID]); err != nil {
				return err
			}
		}
		return nil
	}
	c := w.snap.Cursor()
	prefix := []byte{snapBrief}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		w.pg.step()
		id := string(k[1:])
		if d := w.decided[id]; d != nil {
			if d.state == StateRejected {
				continue
			}
			b := d.brief
			if err := fn(&b, d.state); err != nil {
				return err
			}
			continue
		}
		if maybe != nil && !maybe(id, v) {
			continue
		}
		b, err := decodeBrief(v)
		if err != nil {
			return fmt.Errorf("decode deal %s: %w", id, err)
		}
		if err := fn(&b, undecidedState(&b)); err != nil {
			return err
		}
	}
	return nil
}

// undecidedState is the review state of a deal nobody decided on.
func undecidedState(b *DealBrief) ReviewState {
	if b.Review == extract.ReviewNeeded {
		return StateOpen
	}
	return StateNone
}

// Brief returns deal id's brief, decisions applied; ok is false when
// there is no such deal or it was rejected as a whole.
func (w *DealWalk) Brief(id string) (b DealBrief, ok bool, err error) {
	if w.snap == nil {
		i, ok := w.byID[id]
		if !ok {
			return b, false, nil
		}
		return w.briefs[i], true, nil
	}
	if d := w.decided[id]; d != nil {
		return d.brief, d.state != StateRejected, nil
	}
	v := w.snap.Get(append([]byte{snapBrief}, id...))
	if v == nil {
		return b, false, nil
	}
	if b, err = decodeBrief(v); err != nil {
		return b, false, fmt.Errorf("decode deal %s: %w", id, err)
	}
	return b, true, nil
}

// Unverified calls fn with every fact not counted, in
// reconcile.Unverified's order, then the facts of the deals decided on
// that decisions rejected, by deal id (as States returns them). From a
// snapshot it holds the facts of one deal id at a time.
func (w *DealWalk) Unverified(fn func(u *extract.UnverifiedFact) error) error {
	if w.snap == nil {
		for i := range w.unverified {
			if err := fn(&w.unverified[i]); err != nil {
				return err
			}
		}
		return nil
	}
	// The keys are "u" + deal id + 0x00 + article id + 0x00 + seq: the
	// facts of one deal id are together, deal ids in order (0x00 ends
	// an id before any byte that continues a longer one), so sorting
	// each deal's facts gives reconcile's order.
	var group []extract.UnverifiedFact
	emit := func() error {
		extract.SortUnverified(group)
		for i := range group {
			if err := fn(&group[i]); err != nil {
				return err
			}
		}
		group = group[:0]
		return nil
	}
	c := w.snap.Cursor()
	prefix := []byte{snapUnverified}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		w.pg.step()
		i := bytes.IndexByte(v, 0)
		if i < 0 {
			return fmt.Errorf("bad unverified fact %x", k)
		}
		var u unverifiedJSON
		if err := json.Unmarshal(v[i+1:], &u); err != nil {
			return fmt.Errorf("decode unverified fact %x: %w", k, err)
		}
		if len(group) > 0 && group[0].DealID != u.DealID {
			if err := emit(); err != nil {
				return err
			}
		}
		group = append(group, extract.UnverifiedFact{DealID: u.DealID, Article: u.Article, AsOf: u.AsOf, Source: u.Source, Deal: u.Deal, Reason: u.Reason})
	}
	if err := emit(); err != nil {
		return err
	}
	for _, id := range w.decidedIDs {
		for i := range w.decided[id].rejected {
			if err := fn(&w.decided[id].rejected[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// BriefNeedsReview reports whether a brief's stored JSON says its deal
// needs review (before decisions).
func BriefNeedsReview(raw []byte) bool { return bytes.Contains(raw, reviewNeeded) }

// sourcesKey is how a stored brief names its number of sources: the
// field is at the top level, and no object nested in a brief has a
// field of that name ("source" is not it), so these bytes are that key.
var sourcesKey = []byte(`"sources":`)

// BriefSources reads the number of sources from a brief's stored JSON
// without decoding it; ok is false when it cannot.
func BriefSources(raw []byte) (n int, ok bool) {
	i := bytes.LastIndex(raw, sourcesKey)
	if i < 0 {
		return 0, false
	}
	rest := raw[i+len(sourcesKey):]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	n, err := strconv.Atoi(string(rest[:j]))
	return n, err == nil
}

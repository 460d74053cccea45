package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// BriefMayName reports whether a deal brief's stored JSON may name the
// party party (in any case, as strings.EqualFold compares): false only
// when it surely does not. A brief in plain ASCII without escapes holds
// each party as written, so the party must be in it, ASCII letters in
// any case; any other brief, or party, may match.
func BriefMayName(raw []byte, party string) bool {
	if party == "" || !plainASCII([]byte(party)) || !plainASCII(raw) {
		return true
	}
	return containsFoldASCII(raw, party)
}

// plainASCII reports whether b is ASCII with no JSON escape and no
// character JSON escapes.
func plainASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf || c == '\\' || c < 0x20 {
			return false
		}
	}
	return true
}

// containsFoldASCII reports whether s contains sub, ASCII letters
// compared in any case.
func containsFoldASCII(s []byte, sub string) bool {
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	n := len(sub)
	if n == 0 {
		return true
	}
	first := lower(sub[0])
	for i := 0; i+n <= len(s); i++ {
		if lower(s[i]) != first {
			continue
		}
		j := 1
		for j < n && lower(s[i+j]) == lower(sub[j]) {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

// StatesMatching is States for the deals whose stored brief passes
// maybe (a quick test on its JSON that may say yes wrongly, never no
// wrongly, such as BriefMayName) and every deal decided on; the caller
// still filters the briefs it gets. total is how many deals States would
// return. Only these briefs and their unverified facts are decoded;
// from a snapshot it reads one transaction. Deals reconciled here (no
// current snapshot) are all returned.
func (l *Desk) StatesMatching(maybe func(raw []byte) bool) (briefs []DealBrief, states map[string]ReviewState, unverified []extract.UnverifiedFact, total int, err error) {
	return l.statesPicked(func(tx *bolt.Tx, snap *bolt.Bucket, pick func(id string, v []byte) error) (int, error) {
		return scanBriefs(snap, l.decisions, maybe, pick)
	})
}

// StatesOfParty is StatesMatching for the deals that name party among
// their parties (in any case, as strings.EqualFold compares): the
// caller still filters the briefs it gets. With the snapshot's party
// index only those deals are read (snapindex.go); without it every
// brief is tested with BriefMayName. Decisions never change a deal's
// parties, so a deal decided on that does not name the party is read
// only when a decision may reject it as a whole: total counts the deals
// that are not rejected.
func (l *Desk) StatesOfParty(party string) (briefs []DealBrief, states map[string]ReviewState, unverified []extract.UnverifiedFact, total int, err error) {
	mayReject := func(id string) bool {
		return slices.ContainsFunc(l.decisions[id], func(d Decision) bool { return d.Action == Reject && d.Article == "" })
	}
	return l.statesPicked(func(tx *bolt.Tx, snap *bolt.Bucket, pick func(id string, v []byte) error) (int, error) {
		if _, deals, ok := freshDealIndex(tx); ok {
			var also []string
			for _, id := range l.Decided() {
				if mayReject(id) {
					also = append(also, id)
				}
			}
			for _, id := range indexedDealIDs(snap, partyPrefix(party), also) {
				if v := snap.Get(append([]byte{snapBrief}, id...)); v != nil {
					if err := pick(id, v); err != nil {
						return 0, err
					}
				}
			}
			return int(deals), nil
		}
		n := 0
		c := snap.Cursor()
		prefix := []byte{snapBrief}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			n++
			if id := string(k[1:]); BriefMayName(v, party) || mayReject(id) {
				if err := pick(id, v); err != nil {
					return 0, err
				}
			}
		}
		return n, nil
	})
}

// scanBriefs calls pick with every brief of snap that passes maybe or
// whose deal was decided on, and returns the number of briefs.
func scanBriefs(snap *bolt.Bucket, decisions map[string][]Decision, maybe func(raw []byte) bool, pick func(id string, v []byte) error) (int, error) {
	n := 0
	c := snap.Cursor()
	prefix := []byte{snapBrief}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n++
		id := string(k[1:])
		if len(decisions[id]) == 0 && !maybe(v) {
			continue
		}
		if err := pick(id, v); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// statesPicked is States for the briefs that choose passes to pick,
// in id order, in one read transaction of the desk's snapshot; choose
// returns the number of deals of the snapshot.
func (l *Desk) statesPicked(choose func(tx *bolt.Tx, snap *bolt.Bucket, pick func(id string, v []byte) error) (int, error)) (briefs []DealBrief, states map[string]ReviewState, unverified []extract.UnverifiedFact, total int, err error) {
	if l.loaded {
		briefs, states, unverified, err = l.States()
		return briefs, states, unverified, len(briefs), err
	}
	var picked []DealBrief
	n := 0
	err = l.db.view(func(tx *bolt.Tx) error {
		run, ok := l.db.currentSnapshot(tx)
		if !ok || run != l.snapRun || !isFmt2(tx) {
			return errRunMeanwhile
		}
		snap := tx.Bucket(bucketDealSnap)
		var err error
		n, err = choose(tx, snap, func(id string, v []byte) error {
			b, err := decodeBrief(v)
			if err != nil {
				return fmt.Errorf("decode deal %s: %w", id, err)
			}
			picked = append(picked, b)
			unv, err := eachUnverified(snap, id, true)
			if err != nil {
				return err
			}
			unverified = append(unverified, unv...)
			return nil
		})
		return err
	})
	if err == errRunMeanwhile {
		// A format-1 snapshot, or a run meanwhile: read it all.
		if err = l.load(); err != nil {
			return nil, nil, nil, 0, err
		}
		briefs, states, unverified, err = l.States()
		return briefs, states, unverified, len(briefs), err
	}
	if err != nil {
		return nil, nil, nil, 0, fmt.Errorf("read deals: %w", err)
	}
	total = n
	states = make(map[string]ReviewState, len(picked))
	for _, b := range picked {
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
			return nil, nil, nil, 0, err
		}
		states[b.ID] = rd.State
		unverified = append(unverified, rd.Rejected...)
		if rd.State == StateRejected {
			total--
			continue
		}
		briefs = append(briefs, Brief(&rd.Deal))
	}
	return briefs, states, unverified, total, nil
}

func decodeBrief(v []byte) (DealBrief, error) {
	var b DealBrief
	err := json.Unmarshal(v, &b)
	return b, err
}

// reviewNeeded is how a stored brief says its deal needs review: the
// field is at the top level of the brief, and text inside strings has
// its quotes escaped, so these bytes are found only there.
var reviewNeeded = []byte(`"review":"` + string(extract.ReviewNeeded) + `"`)

// queueBriefs returns the briefs the queue is made of: those of the
// deals that need review and of the deals decided on, sorted by id.
// From a snapshot not yet loaded only those are decoded, and with its
// review-queue index only those are read (snapindex.go).
//
// With the snapshot's review-queue index (snapindex.go), the deals no
// one decided on are not read: waiting holds each one's place in the
// queue (the value of its queue key), and briefs only the deals
// decided on; waiting is nil otherwise.
func (l *Desk) queueBriefs() (out []DealBrief, waiting map[string]string, err error) {
	if l.loaded {
		return l.briefs, nil, nil
	}
	err = l.db.view(func(tx *bolt.Tx) error {
		run, ok := l.db.currentSnapshot(tx)
		if !ok || run != l.snapRun || !isFmt2(tx) {
			return errRunMeanwhile
		}
		if snap, _, ok := freshDealIndex(tx); ok {
			waiting = map[string]string{}
			c := snap.Cursor()
			for k, v := c.Seek([]byte{snapQueue}); k != nil && k[0] == snapQueue; k, v = c.Next() {
				if id := string(k[1:]); len(l.decisions[id]) == 0 {
					waiting[id] = string(v)
				}
			}
			for _, id := range l.Decided() {
				v := snap.Get(append([]byte{snapBrief}, id...))
				if v == nil {
					continue // a deal that is gone
				}
				b, err := decodeBrief(v)
				if err != nil {
					return fmt.Errorf("decode deal %s: %w", id, err)
				}
				out = append(out, b)
			}
			return nil
		}
		c := tx.Bucket(bucketDealSnap).Cursor()
		prefix := []byte{snapBrief}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(l.decisions[string(k[1:])]) == 0 && !bytes.Contains(v, reviewNeeded) {
				continue
			}
			b, err := decodeBrief(v)
			if err != nil {
				return fmt.Errorf("decode deal %s: %w", k[1:], err)
			}
			out = append(out, b)
		}
		return nil
	})
	if err == errRunMeanwhile {
		// A format-1 snapshot, or a run meanwhile (then load fails too).
		if err := l.load(); err != nil {
			return nil, nil, err
		}
		return l.briefs, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read deals: %w", err)
	}
	return out, waiting, nil
}

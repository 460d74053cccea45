package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Deal snapshots: the reconciled deals as of the end of a run, so that
// "dealwatch deals", "history DEAL_ID" and "diff" answer without decoding
// every article's result and reconciling them again.
//
//	dealruns  run id (8 bytes BE) → JSON snapshotMeta: the run has a
//	          snapshot. run id + deal id → JSON DealBrief. Kept for
//	          every run (a few hundred bytes per deal), for diff.
//	dealsnap  the latest snapshot only, replaced by the next one:
//	          "run" → run id (8 bytes BE); "p" + deal id → the deal's
//	          canonical JSON (exactly a "deals --json" line without its
//	          new line); "x" + deal id → JSON dealExtra (the fields of
//	          HistoryEntry and Conflict that do not marshal); "u" +
//	          uint32 BE seq → deal id + 0x00 + JSON unverifiedJSON.
//
// A snapshot of run R is current while no run after R wrote a version
// (the last key of runvers names run R or an earlier one) and it was
// reconciled by the same code (Options.Reconciler: a new dealwatch may
// reconcile differently, so its readers ignore an older one's snapshots
// and its next run writes its own). Readers fall
// back to reconciling the stored results when it is not (a store written
// by an older dealwatch, a killed run that stored some articles).
var (
	bucketDealRuns = []byte("dealruns")
	bucketDealSnap = []byte("dealsnap")

	keySnapRun = []byte("run")
)

const (
	snapPublic     = 'p'
	snapExtra      = 'x'
	snapUnverified = 'u'
)

// DealBrief is what "deals" and "diff" need of a reconciled deal: its
// identity, current figure, review state and conflicts, without its
// timeline. Deal turns it back into an extract.ReconciledDeal with no
// History.
type DealBrief struct {
	ID        string          `json:"id"`
	Kind      extract.Kind    `json:"kind"`
	Parties   []string        `json:"parties"`
	Current   extract.Current `json:"current"`
	Review    extract.Review  `json:"review"`
	Conflicts []BriefConflict `json:"conflicts,omitempty"`
	// Sources is the number of distinct articles in the deal's history
	// (ReconciledDeal.Sources).
	Sources int `json:"sources"`
	// Capacity is the deal's capacity (GW, MW) as the current article
	// states it, else as the latest article that states one does.
	Capacity []extract.Capacity `json:"capacity,omitempty"`
}

// BriefConflict is a Conflict without its values and articles (the note
// names them).
type BriefConflict struct {
	Field extract.ConflictField `json:"field"`
	Note  string                `json:"note"`
	Cause extract.ConflictCause `json:"cause,omitempty"`
	// Resolution is a reviewer's decision on it, "" when none.
	Resolution extract.Resolution `json:"resolution,omitempty"`
}

// Brief returns d's brief.
func Brief(d *extract.ReconciledDeal) DealBrief {
	b := DealBrief{ID: d.ID, Kind: d.Kind, Parties: d.Parties, Current: d.Current, Review: d.Review, Sources: d.Sources(), Capacity: DealCapacity(d)}
	for _, c := range d.Conflicts {
		b.Conflicts = append(b.Conflicts, BriefConflict{Field: c.Field, Note: c.Note, Cause: c.Cause, Resolution: c.Resolution})
	}
	return b
}

// DealCapacity is the capacity of the current article's view of d, else
// of the latest view that states one.
func DealCapacity(d *extract.ReconciledDeal) []extract.Capacity {
	var latest []extract.Capacity
	for _, h := range d.History {
		if len(h.Capacity) == 0 {
			continue
		}
		if h.Article == d.Current.Article {
			return h.Capacity
		}
		latest = h.Capacity
	}
	return latest
}

// Deal returns the brief as a ReconciledDeal without History and with
// conflicts without Values: enough for reconcile.CompareReconciled.
func (b DealBrief) Deal() extract.ReconciledDeal {
	d := extract.ReconciledDeal{ID: b.ID, Kind: b.Kind, Parties: b.Parties, Current: b.Current, Review: b.Review}
	for _, c := range b.Conflicts {
		d.Conflicts = append(d.Conflicts, extract.Conflict{Field: c.Field, Note: c.Note, Cause: c.Cause})
	}
	return d
}

// snapshotMeta marks that a run has a snapshot.
type snapshotMeta struct {
	Deals      int `json:"deals"`
	Review     int `json:"review"`
	Unverified int `json:"unverified"`
	// By is Options.Reconciler of the writer that reconciled them.
	By string `json:"by"`
	// Delta marks a run of format 2: its entries list the deals that
	// changed in it, their briefs are in dealhist.
	Delta bool `json:"delta,omitempty"`
}

// ofReconciler reports whether the snapshot marker v was written by this
// store's reconciler.
func (db *DB) ofReconciler(v []byte) bool {
	var m snapshotMeta
	return json.Unmarshal(v, &m) == nil && m.By == db.reconciler
}

// histExtra holds the fields of an extract.HistoryEntry tagged json:"-".
type histExtra struct {
	Source    string             `json:"source,omitempty"`
	Note      string             `json:"note,omitempty"`
	Evidence  []extract.Span     `json:"evidence,omitempty"`
	Previous  *extract.Money     `json:"previous,omitempty"`
	Tranches  []extract.Tranche  `json:"tranches,omitempty"`
	Capacity  []extract.Capacity `json:"capacity,omitempty"`
	Hardware  []string           `json:"hardware,omitempty"`
	TermYears *float64           `json:"term_years,omitempty"`
}

// dealExtra holds what a deal's canonical JSON leaves out.
type dealExtra struct {
	History []histExtra             `json:"history"`
	Causes  []extract.ConflictCause `json:"causes"`
}

// unverifiedJSON is extract.UnverifiedFact with JSON names.
type unverifiedJSON struct {
	DealID  string       `json:"deal_id"`
	Article string       `json:"article"`
	AsOf    *string      `json:"as_of"`
	Source  string       `json:"source"`
	Deal    extract.Deal `json:"deal"`
	Reason  string       `json:"reason"`
}

// MarshalDealLine returns a deal's canonical JSON line as "dealwatch
// deals --json" writes it (no HTML escaping), without the new line.
func MarshalDealLine(d *extract.ReconciledDeal) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encode deal %s: %w", d.ID, err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// PutDeals stores the reconciled deals and unverified facts as of the end
// of run runID (they must come from the store's latest results, with no
// other run writing in between): the run's briefs, and the full snapshot
// that replaces the previous one. Writing it again for the same run
// replaces it.
func (db *DB) PutDeals(runID uint64, deals []extract.ReconciledDeal, unverified []extract.UnverifiedFact) error {
	type enc struct{ brief, line, extra []byte }
	encoded := make([]enc, len(deals))
	review := 0
	for i := range deals {
		d := &deals[i]
		if d.Review == extract.ReviewNeeded {
			review++
		}
		var e enc
		var err error
		if e.brief, err = json.Marshal(Brief(d)); err != nil {
			return fmt.Errorf("encode deal %s: %w", d.ID, err)
		}
		if e.line, err = MarshalDealLine(d); err != nil {
			return err
		}
		x := dealExtra{History: make([]histExtra, len(d.History))}
		for j, h := range d.History {
			x.History[j] = histExtra{Source: h.Source, Note: h.Note, Evidence: h.Evidence, Previous: h.Previous,
				Tranches: h.Tranches, Capacity: h.Capacity, Hardware: h.Hardware, TermYears: h.TermYears}
		}
		for _, c := range d.Conflicts {
			x.Causes = append(x.Causes, c.Cause)
		}
		if e.extra, err = json.Marshal(x); err != nil {
			return fmt.Errorf("encode deal %s: %w", d.ID, err)
		}
		encoded[i] = e
	}
	unv := make([][]byte, len(unverified))
	for i, u := range unverified {
		v, err := json.Marshal(unverifiedJSON{u.DealID, u.Article, u.AsOf, u.Source, u.Deal, u.Reason})
		if err != nil {
			return fmt.Errorf("encode unverified fact of %s: %w", u.Article, err)
		}
		unv[i] = append(append([]byte(u.DealID), 0), v...)
	}
	meta, err := json.Marshal(snapshotMeta{Deals: len(deals), Review: review, Unverified: len(unverified), By: db.reconciler})
	if err != nil {
		return err
	}
	err = db.update(func(tx *bolt.Tx) error {
		if _, err := getRun(tx, runID); err != nil {
			return err
		}
		runs, err := tx.CreateBucketIfNotExists(bucketDealRuns)
		if err != nil {
			return err
		}
		if err := deletePrefix(runs, u64(runID)); err != nil {
			return err
		}
		if err := runs.Put(u64(runID), meta); err != nil {
			return err
		}
		if tx.Bucket(bucketDealSnap) != nil {
			if err := tx.DeleteBucket(bucketDealSnap); err != nil {
				return err
			}
		}
		snap, err := tx.CreateBucket(bucketDealSnap)
		if err != nil {
			return err
		}
		if err := snap.Put(keySnapRun, u64(runID)); err != nil {
			return err
		}
		// One ascending pass per key prefix: deals are sorted by id, so
		// each Put appends at the end of its bucket. Alternating the two
		// snapshot prefixes would insert every key in the middle of the
		// keys already written, which costs bbolt O(deals²).
		runs.FillPercent, snap.FillPercent = 0.95, 0.95
		for i := range deals {
			if err := runs.Put(append(u64(runID), deals[i].ID...), encoded[i].brief); err != nil {
				return err
			}
		}
		for i := range deals {
			if err := snap.Put(append([]byte{snapPublic}, deals[i].ID...), encoded[i].line); err != nil {
				return err
			}
		}
		for i := range deals {
			if err := snap.Put(append([]byte{snapExtra}, deals[i].ID...), encoded[i].extra); err != nil {
				return err
			}
		}
		for i, v := range unv {
			if err := snap.Put(append([]byte{snapUnverified}, u32(uint32(i))...), v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store deals of run %d: %w", runID, err)
	}
	return nil
}

// CarryDeals gives run runID the latest snapshot when it is still
// current (no version was written since, runID included): the run
// changed nothing, so its deals are those of the snapshot. It reports
// false, storing nothing, when the deals must be reconciled again
// (PutDeals).
func (db *DB) CarryDeals(runID uint64) (bool, error) {
	carried := false
	err := db.update(func(tx *bolt.Tx) error {
		if _, err := getRun(tx, runID); err != nil {
			return err
		}
		snapRun, ok := db.currentSnapshot(tx)
		if !ok {
			return nil
		}
		if snapRun == runID {
			carried = true
			return nil
		}
		runs := tx.Bucket(bucketDealRuns)
		from := u64(snapRun)
		type kv struct{ k, v []byte }
		var copies []kv
		c := runs.Cursor()
		for k, v := c.Seek(from); k != nil && bytes.HasPrefix(k, from); k, v = c.Next() {
			copies = append(copies, kv{append(u64(runID), k[8:]...), append([]byte(nil), v...)})
		}
		if len(copies) == 0 {
			return nil // no marker: nothing to carry
		}
		if err := deletePrefix(runs, u64(runID)); err != nil {
			return err
		}
		for _, e := range copies {
			if err := runs.Put(e.k, e.v); err != nil {
				return err
			}
		}
		carried = true
		return tx.Bucket(bucketDealSnap).Put(keySnapRun, u64(runID))
	})
	if err != nil {
		return false, fmt.Errorf("carry deals to run %d: %w", runID, err)
	}
	return carried, nil
}

// currentSnapshot returns the run of the latest snapshot and whether it
// is current: no run after it wrote a version.
func (db *DB) currentSnapshot(tx *bolt.Tx) (uint64, bool) {
	snap := tx.Bucket(bucketDealSnap)
	if snap == nil {
		return 0, false
	}
	v := snap.Get(keySnapRun)
	if len(v) != 8 {
		return 0, false
	}
	run := binary.BigEndian.Uint64(v)
	if isFmt2(tx) {
		// Format 2: used whoever reconciled it (SnapshotBy says who); the
		// next run of this dealwatch reconciles everything again.
	} else if runs := tx.Bucket(bucketDealRuns); runs == nil || !db.ofReconciler(runs.Get(v)) {
		return run, false // reconciled by another version of the code
	}
	if rv := tx.Bucket(bucketRunVers); rv != nil {
		if k, _ := rv.Cursor().Last(); len(k) >= 8 && binary.BigEndian.Uint64(k[:8]) > run {
			return run, false
		}
	}
	return run, true
}

// LatestDealBriefs returns the briefs of the latest snapshot, sorted by
// deal id, and the snapshot's run. ok is false when there is no current
// snapshot: the caller reconciles Latest() instead.
func (db *DB) LatestDealBriefs() (briefs []DealBrief, run uint64, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		run, ok = db.currentSnapshot(tx)
		if !ok {
			return nil
		}
		if isFmt2(tx) {
			c := tx.Bucket(bucketDealSnap).Cursor()
			prefix := []byte{snapBrief}
			pg := pager{tx: tx}
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				pg.step()
				var b DealBrief
				if err := json.Unmarshal(v, &b); err != nil {
					return fmt.Errorf("decode deal %s: %w", k[1:], err)
				}
				briefs = append(briefs, b)
			}
			return nil
		}
		briefs, ok, err = db.briefsAt(tx, run)
		return err
	})
	return briefs, run, ok, err
}

// DealBriefsAt returns the briefs of the deals as of the end of run
// runID, sorted by deal id. ok is false when the run has no snapshot
// (it was aborted, or written by an older dealwatch): the caller
// reconciles ResultsAt(runID) instead. Run 0, the empty store, has no
// deals.
func (db *DB) DealBriefsAt(runID uint64) (briefs []DealBrief, ok bool, err error) {
	if runID == 0 {
		return nil, true, nil
	}
	err = db.view(func(tx *bolt.Tx) error {
		briefs, ok, err = db.briefsAt(tx, runID)
		return err
	})
	return briefs, ok, err
}

func (db *DB) briefsAt(tx *bolt.Tx, runID uint64) ([]DealBrief, bool, error) {
	runs := tx.Bucket(bucketDealRuns)
	if runs == nil {
		return nil, false, nil
	}
	prefix := u64(runID)
	c := runs.Cursor()
	k, v := c.Seek(prefix)
	if !bytes.Equal(k, prefix) {
		return nil, false, nil // no snapshot for this run
	}
	if deltaRun(runs, runID) {
		return briefsFromHist(tx.Bucket(bucketDealHist), runID)
	}
	if !db.ofReconciler(v) {
		return nil, false, nil // another reconciler's
	}
	var out []DealBrief
	for k, v := c.Next(); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var b DealBrief
		if err := json.Unmarshal(v, &b); err != nil {
			return nil, false, fmt.Errorf("decode deal %s of run %d: %w", k[8:], runID, err)
		}
		out = append(out, b)
	}
	return out, true, nil
}

// briefsFromHist returns the briefs as of the end of run runID from
// every deal's history.
func briefsFromHist(hist *bolt.Bucket, runID uint64) ([]DealBrief, bool, error) {
	var out []DealBrief
	if hist == nil {
		return out, true, nil
	}
	var id []byte
	var last []byte
	emit := func() error {
		if len(last) == 0 {
			return nil
		}
		var b DealBrief
		if err := json.Unmarshal(last, &b); err != nil {
			return fmt.Errorf("decode deal %s of run %d: %w", id, runID, err)
		}
		out = append(out, b)
		return nil
	}
	c := hist.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) < 9 {
			continue
		}
		kid, run := k[:len(k)-9], binary.BigEndian.Uint64(k[len(k)-8:])
		if !bytes.Equal(kid, id) {
			if err := emit(); err != nil {
				return nil, false, err
			}
			id, last = append(id[:0], kid...), nil
		}
		if run <= runID {
			last = append(last[:0], v...)
			if len(v) == 0 {
				last = last[:0]
			}
		}
	}
	if err := emit(); err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// EachLatestDealLine calls fn with the canonical JSON of every deal of
// the latest snapshot (MarshalDealLine), sorted by deal id. The bytes
// are valid only during the call. ok is false, and fn is not called,
// when there is no current snapshot.
func (db *DB) EachLatestDealLine(fn func(line []byte) error) (ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.currentSnapshot(tx); !ok {
			return nil
		}
		c := tx.Bucket(bucketDealSnap).Cursor()
		prefix := []byte{snapPublic}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			line, err := unpack(v)
			if err != nil {
				return fmt.Errorf("deal %s: %w", k[1:], err)
			}
			if err := fn(line); err != nil {
				return err
			}
		}
		return nil
	})
	return ok, err
}

// LatestDeal returns deal id of the latest snapshot with its full
// timeline (the fields tagged json:"-" included) and the unverified
// facts that would belong to it. It returns ErrNotFound for an unknown
// id, and ok false when there is no current snapshot.
func (db *DB) LatestDeal(id string) (d extract.ReconciledDeal, unverified []extract.UnverifiedFact, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.currentSnapshot(tx); !ok {
			return nil
		}
		snap := tx.Bucket(bucketDealSnap)
		line := snap.Get(append([]byte{snapPublic}, id...))
		if line == nil {
			return fmt.Errorf("deal %q: %w", id, ErrNotFound)
		}
		line, err := unpack(line)
		if err != nil {
			return fmt.Errorf("decode deal %s: %w", id, err)
		}
		extra, err := unpack(snap.Get(append([]byte{snapExtra}, id...)))
		if err != nil {
			return fmt.Errorf("decode deal %s: %w", id, err)
		}
		if d, err = decodeDeal(line, extra); err != nil {
			return fmt.Errorf("decode deal %s: %w", id, err)
		}
		unverified, err = eachUnverified(snap, id, true)
		return err
	})
	return d, unverified, ok, err
}

// LatestUnverified returns the unverified facts of the latest snapshot,
// in reconcile.Unverified's order; ok is false when there is no current
// snapshot.
func (db *DB) LatestUnverified() (out []extract.UnverifiedFact, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.currentSnapshot(tx); !ok {
			return nil
		}
		out, err = eachUnverified(tx.Bucket(bucketDealSnap), "", false)
		return err
	})
	return out, ok, err
}

// eachUnverified decodes the unverified facts of the snapshot, only
// those of deal id when filter is set.
func eachUnverified(snap *bolt.Bucket, id string, filter bool) ([]extract.UnverifiedFact, error) {
	var out []extract.UnverifiedFact
	c := snap.Cursor()
	prefix := []byte{snapUnverified}
	fmt2 := bytes.Equal(snap.Get(keySnapFmt), snapFmt2)
	if fmt2 && filter {
		prefix = append(append(prefix, id...), 0)
	}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		i := bytes.IndexByte(v, 0)
		if i < 0 {
			return nil, fmt.Errorf("bad unverified fact %x", k)
		}
		if filter && string(v[:i]) != id {
			continue
		}
		var u unverifiedJSON
		if err := json.Unmarshal(v[i+1:], &u); err != nil {
			return nil, fmt.Errorf("decode unverified fact %x: %w", k, err)
		}
		out = append(out, extract.UnverifiedFact{DealID: u.DealID, Article: u.Article, AsOf: u.AsOf, Source: u.Source, Deal: u.Deal, Reason: u.Reason})
	}
	if fmt2 {
		extract.SortUnverified(out)
	}
	return out, nil
}

// decodeDeal rebuilds a ReconciledDeal from its canonical JSON and its
// extra fields. Conflict values are kept as the raw JSON they were
// written as, so the deal marshals to the same bytes again.
func decodeDeal(line, extra []byte) (extract.ReconciledDeal, error) {
	// ReconciledDeal's fields, with conflict values left raw: one pass
	// over a line that can be megabytes for a deal with thousands of
	// sources.
	var raw struct {
		ID        string                 `json:"id"`
		Kind      extract.Kind           `json:"kind"`
		Parties   []string               `json:"parties"`
		Current   extract.Current        `json:"current"`
		History   []extract.HistoryEntry `json:"history"`
		Conflicts []struct {
			Field    extract.ConflictField `json:"field"`
			Values   []json.RawMessage     `json:"values"`
			Articles []string              `json:"articles"`
			Note     string                `json:"note"`
		} `json:"conflicts"`
		Review extract.Review `json:"review"`
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		return extract.ReconciledDeal{}, err
	}
	d := extract.ReconciledDeal{ID: raw.ID, Kind: raw.Kind, Parties: raw.Parties, Current: raw.Current, History: raw.History, Review: raw.Review}
	if raw.Conflicts != nil {
		d.Conflicts = make([]extract.Conflict, len(raw.Conflicts))
	}
	for i, c := range raw.Conflicts {
		d.Conflicts[i] = extract.Conflict{Field: c.Field, Articles: c.Articles, Note: c.Note, Values: make([]any, len(c.Values))}
		for j, v := range c.Values {
			d.Conflicts[i].Values[j] = v
		}
	}
	if extra == nil {
		return d, nil
	}
	var x dealExtra
	if err := json.Unmarshal(extra, &x); err != nil {
		return d, err
	}
	for i := range d.History {
		if i < len(x.History) {
			h, e := &d.History[i], x.History[i]
			h.Source, h.Note, h.Evidence, h.Previous = e.Source, e.Note, e.Evidence, e.Previous
			h.Tranches, h.Capacity, h.Hardware, h.TermYears = e.Tranches, e.Capacity, e.Hardware, e.TermYears
		}
	}
	for i := range d.Conflicts {
		if i < len(x.Causes) {
			d.Conflicts[i].Cause = x.Causes[i]
		}
	}
	return d, nil
}

// deletePrefix deletes every key of b starting with prefix.
func deletePrefix(b *bolt.Bucket, prefix []byte) error {
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return err
		}
	}
	return nil
}

// ChangedDealBriefs returns the briefs of the deals that differ between
// the ends of runs a and b: those of run a (before) and run b (after)
// whose stored brief is not byte-identical in the other run, so that
// reconcile.CompareReconciled over them gives the same changes as over all
// deals while decoding only what changed. ok is false when either run
// has no snapshot.
func (db *DB) ChangedDealBriefs(a, b uint64) (before, after []DealBrief, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		runs := tx.Bucket(bucketDealRuns)
		if da, dbb := deltaRun(runs, a), deltaRun(runs, b); (da || a == 0) && dbb {
			ok = true
			return changedFromHist(tx, a, b, &before, &after)
		} else if da || dbb {
			return nil // one of each format: the caller reconciles
		}
		ra, okA := db.rawBriefs(tx, a)
		rb, okB := db.rawBriefs(tx, b)
		if ok = okA && okB; !ok {
			return nil
		}
		decode := func(run uint64, id string, v []byte) (DealBrief, error) {
			var d DealBrief
			if err := json.Unmarshal(v, &d); err != nil {
				return d, fmt.Errorf("decode deal %s of run %d: %w", id, run, err)
			}
			return d, nil
		}
		for id, v := range ra {
			if w, same := rb[id]; same && bytes.Equal(v, w) {
				continue
			}
			d, err := decode(a, id, v)
			if err != nil {
				return err
			}
			before = append(before, d)
		}
		for id, v := range rb {
			if w, same := ra[id]; same && bytes.Equal(v, w) {
				continue
			}
			d, err := decode(b, id, v)
			if err != nil {
				return err
			}
			after = append(after, d)
		}
		return nil
	})
	sortBriefs(before)
	sortBriefs(after)
	return before, after, ok, err
}

// changedFromHist appends to before and after the briefs of the deals
// that changed between runs a and b (format 2).
func changedFromHist(tx *bolt.Tx, a, b uint64, before, after *[]DealBrief) error {
	lo, hi := min(a, b), max(a, b)
	runs, hist := tx.Bucket(bucketDealRuns), tx.Bucket(bucketDealHist)
	ids := map[string]bool{}
	c := runs.Cursor()
	for k, _ := c.Seek(u64(lo + 1)); k != nil && binary.BigEndian.Uint64(k[:8]) <= hi; k, _ = c.Next() {
		if len(k) > 8 {
			ids[string(k[8:])] = true
		}
	}
	for id := range ids {
		va, vb := histAt(hist, id, a), histAt(hist, id, b)
		if bytes.Equal(va, vb) {
			continue
		}
		for _, x := range []struct {
			v   []byte
			out *[]DealBrief
		}{{va, before}, {vb, after}} {
			if len(x.v) == 0 {
				continue
			}
			var d DealBrief
			if err := json.Unmarshal(x.v, &d); err != nil {
				return fmt.Errorf("decode deal %s: %w", id, err)
			}
			*x.out = append(*x.out, d)
		}
	}
	return nil
}

// rawBriefs returns run's stored briefs by deal id (bytes valid inside
// tx). Run 0, the empty store, has none.
func (db *DB) rawBriefs(tx *bolt.Tx, runID uint64) (map[string][]byte, bool) {
	out := map[string][]byte{}
	if runID == 0 {
		return out, true
	}
	runs := tx.Bucket(bucketDealRuns)
	if runs == nil {
		return nil, false
	}
	prefix := u64(runID)
	c := runs.Cursor()
	if k, v := c.Seek(prefix); !bytes.Equal(k, prefix) || !db.ofReconciler(v) || deltaRun(runs, runID) {
		return nil, false
	}
	for k, v := c.Next(); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		out[string(k[8:])] = v
	}
	return out, true
}

func sortBriefs(bs []DealBrief) {
	sort.Slice(bs, func(i, j int) bool { return bs[i].ID < bs[j].ID })
}

// LatestDealIDs returns the ids of the deals of the latest snapshot,
// sorted; ok is false when there is no current snapshot.
func (db *DB) LatestDealIDs() (ids []string, ok bool, err error) {
	return db.LatestDealIDsWith("")
}

// LatestDealIDsWith returns the ids of the deals of the latest snapshot
// that start with prefix, sorted, reading only those; ok is false when
// there is no current snapshot.
func (db *DB) LatestDealIDsWith(idPrefix string) (ids []string, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.currentSnapshot(tx); !ok {
			return nil
		}
		c := tx.Bucket(bucketDealSnap).Cursor()
		prefix := append([]byte{snapPublic}, idPrefix...)
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			ids = append(ids, string(k[1:]))
		}
		return nil
	})
	return ids, ok, err
}

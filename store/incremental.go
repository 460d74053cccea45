package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Incremental deal snapshots (format 2 of the deal buckets). A run
// re-reconciles only the articles connected to the ones it changed
// (through the identity keys of their deals, see reconcile.Keys) and
// replaces their deals in the latest snapshot; a run that changes
// nothing adds a marker of a few bytes.
//
//	dealsnap  "fmt" → "2"; "run" → run id (8 bytes BE); "meta" → JSON
//	          snapshotMeta (counts and reconciler of the whole snapshot);
//	          "p" + deal id → canonical JSON line; "x" + deal id → JSON
//	          dealExtra; "b" + deal id → JSON DealBrief; "u" + deal id +
//	          0x00 + article id + 0x00 + uint32 BE seq → deal id + 0x00 +
//	          JSON unverified fact (deal id "" for facts naming no party);
//	          "q" + deal id → empty: the deal needs review; "n" + folded
//	          party + 0x00 + deal id → empty: the deal names the party;
//	          "index" → run id + number of deals (8 bytes BE each): the
//	          "q" and "n" keys are current, kept by every run from that
//	          one on (snapindex.go).
//	dealidx   "k" + article key → JSON IndexEntry (the article's id, the
//	          identity keys of its deals and the deals it is in);
//	          "i" + identity key + 0x00 + article key → empty.
//	dealhist  deal id + 0x00 + run id (8 bytes BE) → JSON DealBrief as of
//	          the end of that run, written only when it changed; empty
//	          when the deal ceased to be (merged, split, its articles
//	          changed).
//	dealruns  run id → JSON snapshotMeta with "delta": true; run id +
//	          deal id → empty: the deals that changed in that run, for
//	          diff. (Format 1 kept every brief of every run here.)
var (
	bucketDealIdx  = []byte("dealidx")
	bucketDealHist = []byte("dealhist")

	keySnapFmt  = []byte("fmt")
	keySnapMeta = []byte("meta")
	snapFmt2    = []byte("2")
)

const (
	snapBrief = 'b'
	idxKey    = 'k'
	idxIdent  = 'i'
)

// IndexEntry is what the deal index keeps of an article: its id and
// the identity keys of each of its deals (reconcile.DealKeys; nil for a
// deal that names no party).
type IndexEntry struct {
	ID    string     `json:"id"`
	Facts [][]string `json:"facts,omitempty"`
}

// keys returns the entry's identity keys, each once.
func (e IndexEntry) keys() []string {
	var out []string
	for _, f := range e.Facts {
		for _, k := range f {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// DealBase says how the next snapshot can be made: Incremental when the
// latest snapshot is of format 2, by this reconciler, with its index and
// current reconcile-ready facts (dealfacts.go); then only the articles
// changed after Run need reconciling again.
type DealBase struct {
	Run         uint64
	Incremental bool
	// Format2 is set when the buckets are of format 2 (by any
	// reconciler): their index names the deals to replace.
	Format2 bool
}

// DealBase returns the state of the latest deal snapshot.
func (db *DB) DealBase() (DealBase, error) {
	var b DealBase
	err := db.view(func(tx *bolt.Tx) error {
		snap := tx.Bucket(bucketDealSnap)
		if snap == nil || !bytes.Equal(snap.Get(keySnapFmt), snapFmt2) || tx.Bucket(bucketDealIdx) == nil {
			return nil
		}
		b.Format2 = true
		v := snap.Get(keySnapRun)
		if len(v) != 8 {
			return nil
		}
		b.Run = binary.BigEndian.Uint64(v)
		var m snapshotMeta
		b.Incremental = json.Unmarshal(snap.Get(keySnapMeta), &m) == nil && m.By == db.reconciler &&
			bytes.Equal(snap.Get(keySnapFacts), v) // the facts are current (dealfacts.go)
		return nil
	})
	return b, err
}

// ResetDeals empties the latest snapshot, its indexes and the deals'
// histories and makes them format 2 (the format-1 briefs kept for diff
// stay; format-2 runs lose their markers, so diff reconciles them). A
// run calls it before reconciling everything into a store whose
// snapshot is not of format 2.
func (db *DB) ResetDeals() error {
	return db.update(func(tx *bolt.Tx) error {
		if runs := tx.Bucket(bucketDealRuns); runs != nil {
			var del [][]byte
			c := runs.Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				if len(k) >= 8 && deltaRun(runs, binary.BigEndian.Uint64(k[:8])) {
					del = append(del, append([]byte(nil), k...))
				}
			}
			for i := len(del) - 1; i >= 0; i-- { // markers last
				if err := runs.Delete(del[i]); err != nil {
					return err
				}
			}
		}
		for _, name := range [][]byte{bucketDealSnap, bucketDealIdx, bucketDealHist} {
			if tx.Bucket(name) != nil {
				if err := tx.DeleteBucket(name); err != nil {
					return err
				}
			}
		}
		snap, err := tx.CreateBucket(bucketDealSnap)
		if err != nil {
			return err
		}
		if _, err := tx.CreateBucket(bucketDealIdx); err != nil {
			return err
		}
		if _, err := tx.CreateBucketIfNotExists(bucketDealHist); err != nil {
			return err
		}
		// The empty snapshot's index is empty: kept from the run that
		// resets it (snapindex.go).
		if err := putDealIndex(snap, lastRun(tx), 0); err != nil {
			return err
		}
		return snap.Put(keySnapFmt, snapFmt2)
	})
}

// ChangedSince returns the keys of the articles that a run after run
// wrote a version of, sorted.
func (db *DB) ChangedSince(run uint64) ([]string, error) {
	seen := map[string]bool{}
	err := db.view(func(tx *bolt.Tx) error {
		rv := tx.Bucket(bucketRunVers)
		if rv == nil {
			return nil
		}
		c := rv.Cursor()
		for k, _ := c.Seek(u64(run + 1)); k != nil; k, _ = c.Next() {
			if len(k) > 8 {
				seen[string(k[8:])] = true
			}
		}
		return nil
	})
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, err
}

// ArticleKeys returns the key of every stored article, sorted.
func (db *DB) ArticleKeys() ([]string, error) {
	var out []string
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		if b == nil {
			return nil
		}
		pg := pager{tx: tx}
		return b.ForEach(func(k, _ []byte) error {
			out = append(out, string(k))
			pg.step()
			return nil
		})
	})
	return out, err
}

// EachLatestOf calls fn with the latest result of each of keys that is
// a stored article, in keys' order, in one read transaction.
func (db *DB) EachLatestOf(keys []string, fn func(key string, r *extract.ArticleResult) error) error {
	return db.view(func(tx *bolt.Tx) error {
		pg := pager{tx: tx}
		for _, key := range keys {
			pg.step()
			a, ok, err := getArticle(tx, key)
			if err != nil {
				return err
			}
			if !ok || a.Versions == 0 {
				continue
			}
			v, err := getVersion(tx, key, a.Versions)
			if err != nil {
				return err
			}
			if err := fn(key, &v.Result); err != nil {
				return err
			}
		}
		return nil
	})
}

// DealCounts are the counts of a snapshot, or a change of them.
type DealCounts struct{ Deals, Review, Unverified int }

// ReplaceDeals replaces, in the latest snapshot, the deals of the
// identity keys keys (one or more whole Components: the deals whose id
// is one of them, or one of them and a month, "a+b/kind/2026-03", and
// the unverified facts named after them) with deals and unverified,
// which must be what reconciling exactly the facts with these keys
// gives. The deals whose brief changed are recorded for run runID
// (dealhist, dealruns), and the review-queue and party indexes follow
// the briefs in the same transaction (snapindex.go). It returns the
// change of the counts.
func (db *DB) ReplaceDeals(runID uint64, keys []string, deals []extract.ReconciledDeal, unverified []extract.UnverifiedFact) (DealCounts, error) {
	var delta DealCounts
	type enc struct{ brief, line, extra []byte }
	encoded := make([]enc, len(deals))
	for i := range deals {
		var err error
		if encoded[i].brief, encoded[i].line, encoded[i].extra, err = encodeDeal(&deals[i]); err != nil {
			return delta, err
		}
	}
	err := db.update(func(tx *bolt.Tx) error {
		snap, hist, runs, err := dealBuckets(tx)
		if err != nil {
			return err
		}
		// The deals of these keys, with their briefs.
		old := map[string][]byte{}
		for _, k := range keys {
			prefix := append([]byte{snapBrief}, k...)
			c := snap.Cursor()
			for ik, v := c.Seek(prefix); ik != nil && bytes.HasPrefix(ik, prefix); ik, v = c.Next() {
				if rest := ik[len(prefix):]; len(rest) == 0 || rest[0] == '/' {
					old[string(ik[1:])] = append([]byte(nil), v...)
				}
			}
			for _, sep := range []byte{0, '/'} {
				n, err := countDeletePrefix(snap, append(append([]byte{snapUnverified}, k...), sep))
				if err != nil {
					return err
				}
				delta.Unverified -= n
			}
		}
		var ix dealIndexChange
		for id, brief := range old {
			delta.Deals--
			if reviewOf(brief) {
				delta.Review--
			}
			ix.drop(id, brief)
			for _, p := range []byte{snapPublic, snapExtra, snapBrief} {
				if err := snap.Delete(append([]byte{p}, id...)); err != nil {
					return err
				}
			}
		}
		record := func(id string, brief []byte) error {
			if err := hist.Put(append(append([]byte(id), 0), u64(runID)...), brief); err != nil {
				return err
			}
			return runs.Put(append(u64(runID), id...), nil)
		}
		for i := range deals {
			// A deal of other keys with the same id is replaced too.
			if v := snap.Get(append([]byte{snapBrief}, deals[i].ID...)); v != nil {
				ix.drop(deals[i].ID, v)
			}
			if err := ix.add(tx, &deals[i]); err != nil {
				return err
			}
		}
		if err := ix.apply(snap); err != nil {
			return err
		}
		// One ascending pass per key prefix (deals are sorted by id): a
		// Put in the middle of the keys a transaction already wrote
		// costs bbolt a shift of them, O(n²) over a pass.
		for _, p := range []byte{snapPublic, snapExtra, snapBrief} {
			for i := range deals {
				v := encoded[i].brief
				switch p {
				case snapPublic:
					v = pack(encoded[i].line)
				case snapExtra:
					v = pack(encoded[i].extra)
				}
				if err := snap.Put(append([]byte{p}, deals[i].ID...), v); err != nil {
					return err
				}
			}
		}
		written := map[string][]byte{}
		for i := range deals {
			written[deals[i].ID] = encoded[i].brief
			delta.Deals++
			if deals[i].Review == extract.ReviewNeeded {
				delta.Review++
			}
		}
		for id := range old {
			if _, ok := written[id]; !ok {
				written[id] = nil
			}
		}
		for _, id := range sortedKeys(written) {
			if prev, ok := old[id]; !ok || !bytes.Equal(prev, written[id]) {
				if err := record(id, written[id]); err != nil {
					return err
				}
			}
		}
		n, err := putUnverified(snap, unverified)
		delta.Unverified += n
		return err
	})
	if err != nil {
		return DealCounts{}, fmt.Errorf("store deals of run %d: %w", runID, err)
	}
	return delta, nil
}

func dealBuckets(tx *bolt.Tx) (snap, hist, runs *bolt.Bucket, err error) {
	if snap, err = tx.CreateBucketIfNotExists(bucketDealSnap); err != nil {
		return
	}
	if hist, err = tx.CreateBucketIfNotExists(bucketDealHist); err != nil {
		return
	}
	runs, err = tx.CreateBucketIfNotExists(bucketDealRuns)
	return
}

// putUnverified stores facts under "u" + deal id + 0x00 + article id +
// 0x00 + seq.
func putUnverified(snap *bolt.Bucket, unverified []extract.UnverifiedFact) (int, error) {
	seq := map[string]uint32{}
	kv := make(map[string][]byte, len(unverified))
	for _, u := range unverified {
		v, err := json.Marshal(unverifiedJSON{u.DealID, u.Article, u.AsOf, u.Source, u.Deal, u.Reason})
		if err != nil {
			return 0, fmt.Errorf("encode unverified fact of %s: %w", u.Article, err)
		}
		prefix := string(append(append(append(append([]byte{snapUnverified}, u.DealID...), 0), u.Article...), 0))
		n := seq[prefix]
		seq[prefix] = n + 1
		kv[prefix+string(u32(n))] = append(append([]byte(u.DealID), 0), v...)
	}
	for _, k := range sortedKeys(kv) { // one ascending pass
		if err := snap.Put([]byte(k), kv[k]); err != nil {
			return 0, err
		}
	}
	return len(unverified), nil
}

// FinishDeals marks the latest snapshot as that of run runID: it stores
// the index entries of the articles that changed (article key → entry
// of its latest result) and their facts that name no party (unverified,
// deal id ""), adds delta (the sum of ReplaceDeals' answers) to the
// counts and gives the run its marker. The run must have stored the
// reconcile-ready facts of the changed articles (PutFacts); all says
// that changed is every article, so the facts are complete even if they
// were not before. It returns the snapshot's counts.
func (db *DB) FinishDeals(runID uint64, delta DealCounts, changed map[string]IndexEntry, noParty []extract.UnverifiedFact, all bool) (DealCounts, error) {
	var m snapshotMeta
	err := db.update(func(tx *bolt.Tx) error {
		if _, err := getRun(tx, runID); err != nil {
			return err
		}
		snap, _, runs, err := dealBuckets(tx)
		if err != nil {
			return err
		}
		idx, err := tx.CreateBucketIfNotExists(bucketDealIdx)
		if err != nil {
			return err
		}
		var idents []string // "i" keys to put, sorted below
		pg := pager{tx: tx}
		for _, key := range sortedKeys(changed) {
			pg.step()
			ik := append([]byte{idxKey}, key...)
			if v := idx.Get(ik); v != nil {
				var e IndexEntry
				if err := json.Unmarshal(v, &e); err != nil {
					return fmt.Errorf("decode deal index of %s: %w", key, err)
				}
				for _, k := range e.keys() {
					if err := idx.Delete(append(append(append([]byte{idxIdent}, k...), 0), key...)); err != nil {
						return err
					}
				}
				n, err := countDeletePrefix(snap, append(append([]byte{snapUnverified, 0}, e.ID...), 0))
				if err != nil {
					return err
				}
				delta.Unverified -= n
			}
			e := changed[key]
			if err := putJSON(idx, ik, e); err != nil {
				return err
			}
			for _, k := range e.keys() {
				idents = append(idents, string(append(append(append([]byte{idxIdent}, k...), 0), key...)))
			}
		}
		slices.Sort(idents) // one ascending pass (see ReplaceDeals)
		for _, ik := range idents {
			if err := idx.Put([]byte(ik), nil); err != nil {
				return err
			}
		}
		n, err := putUnverified(snap, noParty)
		if err != nil {
			return err
		}
		delta.Unverified += n
		if v := snap.Get(keySnapMeta); v != nil {
			if err := json.Unmarshal(v, &m); err != nil {
				return fmt.Errorf("decode deal snapshot meta: %w", err)
			}
		}
		m.Deals += delta.Deals
		m.Review += delta.Review
		m.Unverified += delta.Unverified
		m.By, m.Delta = db.reconciler, true
		v, err := json.Marshal(m)
		if err != nil {
			return err
		}
		if err := snap.Put(keySnapFmt, snapFmt2); err != nil {
			return err
		}
		if err := snap.Put(keySnapMeta, v); err != nil {
			return err
		}
		prev := snap.Get(keySnapRun)
		if all || prev != nil && bytes.Equal(snap.Get(keySnapFacts), prev) {
			err = snap.Put(keySnapFacts, u64(runID))
		} else {
			err = snap.Delete(keySnapFacts)
		}
		if err != nil {
			return err
		}
		if err := snap.Put(keySnapRun, u64(runID)); err != nil {
			return err
		}
		return runs.Put(u64(runID), v)
	})
	if err != nil {
		return DealCounts{}, fmt.Errorf("finish deals of run %d: %w", runID, err)
	}
	return DealCounts{m.Deals, m.Review, m.Unverified}, nil
}

// encodeDeal returns a deal's brief, canonical line and extras.
func encodeDeal(d *extract.ReconciledDeal) (brief, line, extra []byte, err error) {
	if brief, err = json.Marshal(Brief(d)); err != nil {
		return nil, nil, nil, fmt.Errorf("encode deal %s: %w", d.ID, err)
	}
	if line, err = MarshalDealLine(d); err != nil {
		return nil, nil, nil, err
	}
	x := dealExtra{History: make([]histExtra, len(d.History))}
	for j, h := range d.History {
		x.History[j] = histExtra{Source: h.Source, Note: h.Note, Evidence: h.Evidence, Previous: h.Previous,
			Tranches: h.Tranches, Capacity: h.Capacity, Hardware: h.Hardware, TermYears: h.TermYears}
	}
	for _, c := range d.Conflicts {
		x.Causes = append(x.Causes, c.Cause)
	}
	if extra, err = json.Marshal(x); err != nil {
		return nil, nil, nil, fmt.Errorf("encode deal %s: %w", d.ID, err)
	}
	return brief, line, extra, nil
}

func reviewOf(brief []byte) bool {
	var b struct {
		Review extract.Review `json:"review"`
	}
	return json.Unmarshal(brief, &b) == nil && b.Review == extract.ReviewNeeded
}

func countDeletePrefix(b *bolt.Bucket, prefix []byte) (int, error) {
	n := 0
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// isFmt2 reports whether the latest snapshot is of format 2.
func isFmt2(tx *bolt.Tx) bool {
	snap := tx.Bucket(bucketDealSnap)
	return snap != nil && bytes.Equal(snap.Get(keySnapFmt), snapFmt2)
}

// histAt returns deal id's brief as of the end of run (nil: no deal).
func histAt(hist *bolt.Bucket, id string, run uint64) []byte {
	if hist == nil || run == 0 {
		return nil
	}
	prefix := append([]byte(id), 0)
	c := hist.Cursor()
	k, _ := c.Seek(append(append([]byte(nil), prefix...), u64(run+1)...))
	var v []byte
	if k == nil {
		k, v = c.Last()
	} else {
		k, v = c.Prev()
	}
	if k == nil || !bytes.HasPrefix(k, prefix) || len(k) != len(prefix)+8 {
		return nil
	}
	return v
}

// deltaRun reports whether run has a format-2 marker.
func deltaRun(runs *bolt.Bucket, run uint64) bool {
	if runs == nil {
		return false
	}
	var m snapshotMeta
	v := runs.Get(u64(run))
	return v != nil && json.Unmarshal(v, &m) == nil && m.Delta
}

// SnapshotBy returns the reconciler that made the latest deal snapshot,
// and whether it is this store's (Options.Reconciler): readers use a
// snapshot of another dealwatch as it is, and say so; the next run
// reconciles everything again.
func (db *DB) SnapshotBy() (by string, same bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		snap := tx.Bucket(bucketDealSnap)
		if snap == nil || !isFmt2(tx) {
			same = true
			return nil
		}
		var m snapshotMeta
		if v := snap.Get(keySnapMeta); v != nil && json.Unmarshal(v, &m) == nil {
			by, same = m.By, m.By == db.reconciler
		}
		return nil
	})
	return by, same, err
}

package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Indexes of the latest deal snapshot (format 2), so that the review
// queue and "deals --party" read only the deals they show, not every
// brief of the store:
//
//	dealsnap  "q" + deal id → when the newest article of the deal's
//	          conflicts was first stored (UTC, seconds, as the queue
//	          prints it; empty when no article is known): the deal's
//	          brief needs review (DealBrief.Review is "needed"), and
//	          this is where the review queue puts it while no one has
//	          decided on it (see Desk.Queue).
//	          "n" + foldParty(party) + 0x00 + deal id → empty: one key
//	          per party of the deal's brief; names equal under
//	          strings.EqualFold have the same fold, so a lookup finds
//	          every deal naming the party in any case (and the caller
//	          still compares the names).
//	          "index" → run id (8 bytes BE), then the number of deals
//	          (8 bytes BE, the "b" keys): the keys above agree with the
//	          briefs, and are kept in the transactions that write them
//	          by every run from that run on.
//
// Readers use the index only while its run is the store's last run.
// BeginRun moves that run forward when it is, and otherwise builds the
// index again from the briefs, in the same transaction. A dealwatch
// that does not keep the index (an older one) starts its runs without
// moving it, so after any run of it, even one killed halfway through
// replacing deals, readers scan the briefs until the next run of this
// dealwatch rebuilds the index. ReplaceDeals keeps it; ResetDeals
// empties it with the snapshot.
var keySnapIndex = []byte("index")

const (
	snapQueue = 'q'
	snapParty = 'n'
)

// foldParty returns name with each character replaced by the smallest
// character of its case-folding orbit (unicode.SimpleFold), so that
// two names are equal under strings.EqualFold exactly when their folds
// are equal (bytes that are not UTF-8 read as U+FFFD, as EqualFold
// reads them).
func foldParty(name string) []byte {
	out := make([]byte, 0, len(name))
	for _, r := range name {
		switch {
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		case r >= utf8.RuneSelf:
			m := r
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				m = min(m, f)
			}
			r = m
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// partyKey is the party index key of deal id for a party whose fold is
// folded.
func partyKey(folded []byte, id string) []byte {
	k := make([]byte, 0, 2+len(folded)+len(id))
	k = append(append(append(k, snapParty), folded...), 0)
	return append(k, id...)
}

// queueSince is the value of a deal's queue key: when the newest
// article of its conflicts was first stored, as Desk.Queue orders an
// undecided deal (the snapshot's conflicts are all undecided).
func queueSince(tx *bolt.Tx, conflicts [][]string) (string, error) {
	var ids []string
	for _, c := range conflicts {
		ids = append(ids, c...)
	}
	seen, err := firstSeenIn(tx, ids)
	if err != nil {
		return "", err
	}
	since := ""
	for _, t := range seen {
		since = max(since, utcTime(t))
	}
	return since, nil
}

// conflictArticles returns the articles of each of d's conflicts.
func conflictArticles(cs []extract.Conflict) [][]string {
	out := make([][]string, len(cs))
	for i, c := range cs {
		out[i] = c.Articles
	}
	return out
}

// lineConflictArticles reads the articles of each conflict of a deal's
// stored line ("p" key).
func lineConflictArticles(id string, v []byte) ([][]string, error) {
	line, err := unpack(v)
	if err != nil {
		return nil, fmt.Errorf("decode deal %s: %w", id, err)
	}
	var cs []struct {
		Articles []string `json:"articles"`
	}
	if err := decodeConflicts(line, &cs); err != nil {
		return nil, fmt.Errorf("decode deal %s: %w", id, err)
	}
	out := make([][]string, len(cs))
	for i, c := range cs {
		out[i] = c.Articles
	}
	return out, nil
}

// briefQueueSince returns the value of deal id's queue key, read from
// its stored line.
func briefQueueSince(tx *bolt.Tx, snap *bolt.Bucket, id string) (string, error) {
	cs, err := lineConflictArticles(id, snap.Get(append([]byte{snapPublic}, id...)))
	if err != nil {
		return "", err
	}
	return queueSince(tx, cs)
}

// briefKeys returns the index keys of a deal from its stored brief:
// its queue key (nil when it needs no review) and its party keys.
func briefKeys(id string, brief []byte) (queue []byte, parties [][]byte, err error) {
	var b struct {
		Parties []string       `json:"parties"`
		Review  extract.Review `json:"review"`
	}
	if err := json.Unmarshal(brief, &b); err != nil {
		return nil, nil, fmt.Errorf("decode deal %s: %w", id, err)
	}
	if b.Review == extract.ReviewNeeded {
		queue = append([]byte{snapQueue}, id...)
	}
	for _, p := range b.Parties {
		k := partyKey(foldParty(p), id)
		if !slices.ContainsFunc(parties, func(o []byte) bool { return bytes.Equal(o, k) }) {
			parties = append(parties, k)
		}
	}
	return queue, parties, nil
}

// lastRun returns the id of the last run of the store, 0 when none.
func lastRun(tx *bolt.Tx) uint64 {
	runs := tx.Bucket(bucketRuns)
	if runs == nil {
		return 0
	}
	if k, _ := runs.Cursor().Last(); len(k) == 8 {
		return binary.BigEndian.Uint64(k)
	}
	return 0
}

// dealIndex reads the index marker: the run it is kept from and the
// number of deals; ok is false when there is none.
func dealIndex(snap *bolt.Bucket) (run, deals uint64, ok bool) {
	v := snap.Get(keySnapIndex)
	if len(v) != 16 {
		return 0, 0, false
	}
	return binary.BigEndian.Uint64(v[:8]), binary.BigEndian.Uint64(v[8:]), true
}

func putDealIndex(snap *bolt.Bucket, run, deals uint64) error {
	return snap.Put(keySnapIndex, binary.BigEndian.AppendUint64(u64(run), deals))
}

// freshDealIndex returns the latest snapshot's bucket and its number of
// deals when its index can be read: the snapshot is of format 2 and
// the index is kept by the last run. ok is false otherwise (readers
// scan the briefs).
func freshDealIndex(tx *bolt.Tx) (snap *bolt.Bucket, deals uint64, ok bool) {
	snap = tx.Bucket(bucketDealSnap)
	if snap == nil || !isFmt2(tx) {
		return nil, 0, false
	}
	run, deals, ok := dealIndex(snap)
	if !ok || run != lastRun(tx) || run == 0 {
		return nil, 0, false
	}
	return snap, deals, true
}

// keepDealIndex is BeginRun's part: it hands the index on from run prev
// (the last run before) to run next, or builds it again from the
// briefs when prev did not keep it.
func keepDealIndex(tx *bolt.Tx, prev, next uint64) error {
	snap := tx.Bucket(bucketDealSnap)
	if snap == nil {
		return nil // no snapshot: ResetDeals starts one with its index
	}
	if run, deals, ok := dealIndex(snap); ok && run == prev && prev != 0 {
		return putDealIndex(snap, next, deals)
	}
	return rebuildDealIndex(tx, snap, next)
}

// rebuildDealIndex replaces the index of snap by one built from its
// briefs, kept from run run. A brief that does not decode leaves the
// snapshot without an index (readers scan the briefs) instead of
// stopping the run.
func rebuildDealIndex(tx *bolt.Tx, snap *bolt.Bucket, run uint64) error {
	for _, p := range []byte{snapQueue, snapParty} {
		if err := deletePrefix(snap, []byte{p}); err != nil {
			return err
		}
	}
	var queue, parties [][]byte
	var deals uint64
	pg := pager{tx: tx}
	c := snap.Cursor()
	prefix := []byte{snapBrief}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		pg.step()
		q, ps, err := briefKeys(string(k[1:]), v)
		if err != nil {
			// A damaged brief ("dealwatch check" reports it): no index,
			// readers scan the briefs.
			return snap.Delete(keySnapIndex)
		}
		if q != nil {
			queue = append(queue, q)
		}
		parties = append(parties, ps...)
		deals++
	}
	since := make([][]byte, len(queue))
	for i, q := range queue {
		pg.stepBytes(len(snap.Get(append([]byte{snapPublic}, q[1:]...))))
		s, err := briefQueueSince(tx, snap, string(q[1:]))
		if err != nil {
			return snap.Delete(keySnapIndex) // a damaged line, as above
		}
		since[i] = []byte(s)
	}
	slices.SortFunc(parties, bytes.Compare) // one ascending pass (see ReplaceDeals)
	for i, k := range queue {
		if err := snap.Put(k, since[i]); err != nil {
			return err
		}
	}
	for _, k := range parties {
		if err := snap.Put(k, nil); err != nil {
			return err
		}
	}
	return putDealIndex(snap, run, deals)
}

// dealIndexChange collects the index keys a ReplaceDeals transaction
// deletes and writes, and the change of the number of deals.
type dealIndexChange struct {
	del   [][]byte
	put   []indexKV
	deals int64
}

type indexKV struct{ k, v []byte }

// drop records that the deal id with stored brief brief is deleted.
func (ch *dealIndexChange) drop(id string, brief []byte) {
	ch.deals--
	ch.del = append(ch.del, append([]byte{snapQueue}, id...))
	if _, ps, err := briefKeys(id, brief); err == nil {
		ch.del = append(ch.del, ps...)
	}
	// An unreadable brief has keys this cannot name; "dealwatch check"
	// reports them, and they only make a lookup decode a missing deal.
}

// add records that deal d is written, reading in tx when the articles
// of its conflicts were first stored (they are, by then).
func (ch *dealIndexChange) add(tx *bolt.Tx, d *extract.ReconciledDeal) error {
	ch.deals++
	if d.Review == extract.ReviewNeeded {
		since, err := queueSince(tx, conflictArticles(d.Conflicts))
		if err != nil {
			return fmt.Errorf("index deal %s: %w", d.ID, err)
		}
		ch.put = append(ch.put, indexKV{append([]byte{snapQueue}, d.ID...), []byte(since)})
	}
	seen := map[string]bool{}
	for _, p := range d.Parties {
		f := string(foldParty(p))
		if !seen[f] {
			seen[f] = true
			ch.put = append(ch.put, indexKV{k: partyKey([]byte(f), d.ID)})
		}
	}
	return nil
}

// apply writes the change into snap: deletions first, then the new keys
// in one ascending pass, then the number of deals. Without an index
// marker (a snapshot being replaced by a dealwatch that does not keep
// it) only the keys are written: the next BeginRun rebuilds it.
func (ch *dealIndexChange) apply(snap *bolt.Bucket) error {
	for _, k := range ch.del {
		if err := snap.Delete(k); err != nil {
			return err
		}
	}
	slices.SortFunc(ch.put, func(a, b indexKV) int { return bytes.Compare(a.k, b.k) })
	for _, kv := range ch.put {
		if err := snap.Put(kv.k, kv.v); err != nil {
			return err
		}
	}
	run, deals, ok := dealIndex(snap)
	if !ok {
		return nil
	}
	n := int64(deals) + ch.deals
	if n < 0 {
		n = 0 // "dealwatch check" reports the disagreement
	}
	return putDealIndex(snap, run, uint64(n))
}

// indexedDealIDs returns, from a fresh index, the ids of the deals whose
// index keys start with prefix (one party's) and the ids of also,
// sorted and each once.
func indexedDealIDs(snap *bolt.Bucket, prefix []byte, also []string) []string {
	ids := append([]string(nil), also...)
	c := snap.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		ids = append(ids, string(k[len(prefix):]))
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// partyPrefix is the index prefix of the deals naming party.
func partyPrefix(party string) []byte {
	return append(append([]byte{snapParty}, foldParty(party)...), 0)
}

// checkDealIndex checks that the snapshot's index agrees with its
// briefs, when readers use it (it is the last run's).
func checkDealIndex(tx *bolt.Tx, fail func(string, ...any)) {
	snap, deals, ok := freshDealIndex(tx)
	if !ok {
		return // absent, or left behind: readers scan the briefs, the next run rebuilds it
	}
	const why = "; readers trust the deal index, so the review queue or \"deals --party\" may be wrong until the snapshot is rebuilt (dealwatch recover)"
	want := map[string]bool{}
	since := map[string]string{} // queue key → its value
	var n uint64
	c := snap.Cursor()
	prefix := []byte{snapBrief}
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		n++
		q, ps, err := briefKeys(string(k[1:]), v)
		if err != nil {
			fail("deal %q of the latest snapshot: %v", k[1:], err)
			continue
		}
		if q != nil {
			want[string(q)] = true
		}
		for _, p := range ps {
			want[string(p)] = true
		}
	}
	for q := range want {
		if q[0] != snapQueue {
			continue
		}
		s, err := briefQueueSince(tx, snap, q[1:])
		if err != nil {
			fail("deal %q of the latest snapshot: %v", q[1:], err)
			continue
		}
		since[q] = s
	}
	if n != deals {
		fail("deal index counts %d deals, the latest snapshot has %d%s", deals, n, why)
	}
	have := map[string]bool{}
	for _, p := range []byte{snapQueue, snapParty} {
		for k, v := c.Seek([]byte{p}); k != nil && k[0] == p; k, v = c.Next() {
			have[string(k)] = true
			switch s, ok := since[string(k)]; {
			case !want[string(k)]:
				fail("deal index key %q names no deal of the latest snapshot with that review state or party%s", k, why)
			case ok && s != string(v):
				fail("deal %q waits in the review queue since %q, its queue key says %q%s", k[1:], s, v, why)
			}
		}
	}
	for _, k := range sortedKeys(want) {
		if have[k] {
			continue
		}
		if k[0] == snapQueue {
			fail("deal %q needs review but is not in the review queue index%s", k[1:], why)
		} else {
			party, id, _ := bytes.Cut([]byte(k[1:]), []byte{0})
			fail("deal %q names party %q but the party index has no key for it%s", id, party, why)
		}
	}
}

// EachPartyDealLine is EachLatestDealLine for the deals that may name
// party (in any case): with the snapshot's party index, those the index
// names, sorted by id; the caller still compares the names (decisions
// never change a deal's parties). ok is false when there is no current
// snapshot; indexed is false, and fn not called, when the snapshot has
// no current party index: the caller reads every line.
func (db *DB) EachPartyDealLine(party string, fn func(line []byte) error) (ok, indexed bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.currentSnapshot(tx); !ok {
			return nil
		}
		snap, _, fresh := freshDealIndex(tx)
		if indexed = fresh; !fresh {
			return nil
		}
		for _, id := range indexedDealIDs(snap, partyPrefix(party), nil) {
			v := snap.Get(append([]byte{snapPublic}, id...))
			if v == nil {
				continue
			}
			line, err := unpack(v)
			if err != nil {
				return fmt.Errorf("deal %s: %w", id, err)
			}
			if err := fn(line); err != nil {
				return err
			}
		}
		return nil
	})
	return ok, indexed, err
}

// IndexesCurrent reports whether the readers use the indexes: those of
// the latest deal snapshot (the review queue, "deals --party") and the
// article index ("articles --status"). Each is current when the last
// run kept it; the next run of this dealwatch builds a missing one.
func (db *DB) IndexesCurrent() (deals, articles bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		_, _, deals = freshDealIndex(tx)
		_, articles = freshArtIndex(tx)
		return nil
	})
	return deals, articles, err
}

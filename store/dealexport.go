package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// The export index: what "dealwatch export" needs of the latest deal
// snapshot, kept next to it so that both exports write their first row
// at once and read one entry at a time, instead of reconciling (or
// decoding) every deal before writing anything.
//
//	dealexp   "\x00run" → run id (8 bytes BE): the deal snapshot run the
//	          index is current for; "\x00fmt" → expLayout. No other
//	          keys start with 0x00.
//	          'a' + article id + 0x00 + deal id → expArticle entry: the
//	          deal's history names the article (then the deal's kind
//	          and parties), and the evidence starts of the article's
//	          facts not counted that are named after the deal; what the
//	          per-article export matches the article's facts on.
//	          'd' + deal id → the deal's DealDigest, decisions not
//	          applied (binary, see encodeDigest).
//	          'r' + exportOrder(last report, deal id) → empty: the deals
//	          in the order "export --deals" writes them, newest report
//	          first.
//	          's' + source + 0x00 + article key → the article's id and
//	          latest version number: the articles in the order the
//	          per-article export writes them (by source, then key);
//	          'k' + article key → its source, to find its 's' entry
//	          again. Both follow the article records of every article
//	          a run changed. "\x00nul" → empty: a source holds a 0x00,
//	          so the 's' entries cannot order it; the per-article
//	          export then reconciles the results until the next full
//	          rebuild.
//
// A run writes it with the snapshot (ExportIndexWriter, from the same
// reconciled deals and unverified facts as ReplaceDeals) and marks it
// current for its run last, after FinishDeals. A dealwatch older than
// the index changes the snapshot without it and leaves the mark on an
// older run: readers then fall back to reconciling the stored results,
// and the next run of this dealwatch rebuilds the index whole
// (ExportIndexRun tells it to). The bucket is created on first use, so
// the format version is unchanged and an older dealwatch ignores it.
var (
	bucketDealExp = []byte("dealexp")
	keyExpRun     = []byte("\x00run")
	keyExpLayout  = []byte("\x00fmt")
	keyExpNUL     = []byte("\x00nul")
)

// expLayout is the layout of the bucket, "\x00fmt": an index of another
// layout is not current, and the next run rebuilds it. Change it with
// the layout.
const expLayout = "2"

const (
	expArticleKey = 'a'
	expDigestKey  = 'd'
	expOrderKey   = 'r'
	expSourceKey  = 's'
	expKeySource  = 'k'
	// expFormat is the first byte of the 'a' and 'd' values: change it
	// with their layout.
	expFormat = 1
)

// DealDigest is what a one-row-per-deal export needs of a reconciled
// deal: its identity, current figure, review state and counts, the
// dates of its first and last report and the articles behind it.
type DealDigest struct {
	ID      string
	Kind    extract.Kind
	Parties []string
	Current extract.Current
	State   ReviewState
	// Conflicts is the number of its conflicts, settled or not.
	Conflicts int
	// Sources is the number of distinct articles in its history.
	Sources    int
	CapacityGW *float64
	// FirstReport and LastReport are the earliest and latest dates of
	// its history, "" when no entry is dated.
	FirstReport, LastReport string
	// Articles are the ids of the articles of its history, each once, in
	// the history's order.
	Articles []string
}

// DigestOf returns the digest of d in review state state.
func DigestOf(d *extract.ReconciledDeal, state ReviewState) DealDigest {
	s := DealDigest{ID: d.ID, Kind: d.Kind, Parties: d.Parties, Current: d.Current, State: state,
		Conflicts: len(d.Conflicts), Sources: d.Sources(), CapacityGW: CapacityGW(d)}
	seen := make(map[string]bool, len(d.History))
	for _, h := range d.History {
		if !seen[h.Article] {
			seen[h.Article] = true
			s.Articles = append(s.Articles, h.Article)
		}
		if h.AsOf != nil && *h.AsOf != "" {
			if s.FirstReport == "" || *h.AsOf < s.FirstReport {
				s.FirstReport = *h.AsOf
			}
			if *h.AsOf > s.LastReport {
				s.LastReport = *h.AsOf
			}
		}
	}
	return s
}

// CapacityGW is the power capacity of the deal's latest view that
// states one and is not a conflict (GW and MW summed, in GW), nil when
// none does.
func CapacityGW(d *extract.ReconciledDeal) *float64 {
	for i := len(d.History) - 1; i >= 0; i-- {
		h := d.History[i]
		if h.Relation == extract.RelConflict {
			continue
		}
		total, any := 0.0, false
		for _, c := range h.Capacity {
			switch strings.ToUpper(c.Unit) {
			case "GW":
				total += c.Value.Float64()
				any = true
			case "MW":
				total += c.Value.Float64() / 1000
				any = true
			}
		}
		if any {
			return &total
		}
	}
	return nil
}

// ExportLess reports whether digest a comes before b in "export
// --deals": the newest last report first, a deal with none last, then
// by id.
func ExportLess(a, b *DealDigest) bool {
	if a.LastReport != b.LastReport {
		return a.LastReport > b.LastReport
	}
	return a.ID < b.ID
}

// exportOrder is the order index key of a deal: the bytes of its last
// report complemented and ended by 0xff, so that a later report sorts
// first and a report sorts before the reports it is a prefix of ("2026-04-15"
// before "2026-04", "" last), then its id. Reports are dates (digits and
// dashes), so no complemented byte is 0xff.
func exportOrder(lastReport, id string) []byte {
	k := make([]byte, 0, 2+len(lastReport)+len(id))
	k = append(k, expOrderKey)
	for i := 0; i < len(lastReport); i++ {
		k = append(k, 0xff-lastReport[i])
	}
	k = append(k, 0xff)
	return append(k, id...)
}

func encodeDigest(s *DealDigest) []byte {
	w := factsWriter{b: make([]byte, 0, 128+40*len(s.Articles))}
	w.b = append(w.b, expFormat)
	w.str(s.LastReport) // first: deleting an entry reads only this
	w.str(s.ID)
	w.str(string(s.Kind))
	w.slice(s.Parties == nil, len(s.Parties))
	for _, p := range s.Parties {
		w.str(p)
	}
	c := &s.Current
	w.money(c.Amount)
	w.str(string(c.Status))
	w.str(string(c.Confirmation))
	w.strPtr(c.AsOf)
	w.str(c.Article)
	w.str(c.Source)
	w.str(string(c.Reason))
	w.str(string(s.State))
	w.uint(s.Conflicts)
	w.uint(s.Sources)
	w.bool(s.CapacityGW != nil)
	if s.CapacityGW != nil {
		w.float(*s.CapacityGW)
	}
	w.str(s.FirstReport)
	w.uint(len(s.Articles))
	for _, a := range s.Articles {
		w.str(a)
	}
	return w.b
}

func decodeDigest(v []byte) (DealDigest, error) {
	var s DealDigest
	if len(v) == 0 || v[0] != expFormat {
		return s, fmt.Errorf("unknown format")
	}
	r := factsReader{b: v[1:]}
	s.LastReport = r.str()
	s.ID = r.str()
	s.Kind = extract.Kind(r.str())
	if n, isNil := r.slice(); !isNil {
		s.Parties = make([]string, n)
		for i := range s.Parties {
			s.Parties[i] = r.str()
		}
	}
	c := &s.Current
	c.Amount = r.money()
	c.Status = extract.DealStatus(r.str())
	c.Confirmation = extract.Confirmation(r.str())
	c.AsOf = r.strPtr()
	c.Article = r.str()
	c.Source = r.str()
	c.Reason = extract.CurrentReason(r.str())
	s.State = ReviewState(r.str())
	s.Conflicts = r.uint()
	s.Sources = r.uint()
	if r.bool() {
		f := r.float()
		s.CapacityGW = &f
	}
	s.FirstReport = r.str()
	s.Articles = make([]string, r.count())
	for i := range s.Articles {
		s.Articles[i] = r.str()
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = fmt.Errorf("%d bytes left over", len(r.b))
	}
	return s, r.err
}

// digestLastReport reads the last report of an encoded digest.
func digestLastReport(v []byte) (string, bool) {
	if len(v) == 0 || v[0] != expFormat {
		return "", false
	}
	r := factsReader{b: v[1:]}
	s := r.str()
	return s, r.err == nil
}

// expArticle is an 'a' entry: what the per-article export needs to
// know of one deal about one article.
type expArticle struct {
	member  bool // the deal's history names the article
	kind    extract.Kind
	parties []string
	starts  []int // evidence starts of the article's facts not counted named after the deal
}

func (e *expArticle) encode() []byte {
	w := factsWriter{b: make([]byte, 0, 64)}
	w.b = append(w.b, expFormat)
	w.bool(e.member)
	if e.member {
		w.str(string(e.kind))
		w.slice(e.parties == nil, len(e.parties))
		for _, p := range e.parties {
			w.str(p)
		}
	}
	w.uint(len(e.starts))
	for _, s := range e.starts {
		w.int(s)
	}
	return w.b
}

func decodeExpArticle(v []byte) (expArticle, error) {
	var e expArticle
	if len(v) == 0 || v[0] != expFormat {
		return e, fmt.Errorf("unknown format")
	}
	r := factsReader{b: v[1:]}
	if e.member = r.bool(); e.member {
		e.kind = extract.Kind(r.str())
		if n, isNil := r.slice(); !isNil {
			e.parties = make([]string, n)
			for i := range e.parties {
				e.parties[i] = r.str()
			}
		}
	}
	e.starts = make([]int, r.count())
	for i := range e.starts {
		e.starts[i] = r.int()
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = fmt.Errorf("%d bytes left over", len(r.b))
	}
	return e, r.err
}

// ExportIndexRun returns the deal snapshot run the export index is
// current for, 0 when there is none. A run whose snapshot base is not
// that run rebuilds the index whole.
func (db *DB) ExportIndexRun() (uint64, error) {
	var run uint64
	err := db.view(func(tx *bolt.Tx) error {
		run = exportIndexRun(tx)
		return nil
	})
	return run, err
}

func exportIndexRun(tx *bolt.Tx) uint64 {
	b := tx.Bucket(bucketDealExp)
	if b == nil || string(b.Get(keyExpLayout)) != expLayout {
		return 0
	}
	if v := b.Get(keyExpRun); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}

// exportIndexCurrent returns the run of the current deal snapshot and
// whether the export index is current for it.
func (db *DB) exportIndexCurrent(tx *bolt.Tx) (uint64, bool) {
	run, ok := db.currentSnapshot(tx)
	if !ok || !isFmt2(tx) {
		return run, false
	}
	return run, exportIndexRun(tx) == run
}

// ExportIndexWriter writes the export index of the deal snapshot a run
// makes: Replace with every batch of deals ReplaceDeals stores, Finish
// after FinishDeals.
type ExportIndexWriter struct {
	db *DB
	// oldIDs are the article ids the changed articles had in the stored
	// deal index: the deals being replaced may name them.
	oldIDs []string
}

// BeginExportIndex starts the export index of a run whose changed
// articles (keys) are reconciled again, and brings their source order
// entries up to their article records. full says that every article
// is: the index is emptied first. Until Finish the index is not
// current, so readers do not use it half written.
func (db *DB) BeginExportIndex(changed []string, full bool) (*ExportIndexWriter, error) {
	w := &ExportIndexWriter{db: db}
	err := db.update(func(tx *bolt.Tx) error {
		if full && tx.Bucket(bucketDealExp) != nil {
			if err := tx.DeleteBucket(bucketDealExp); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucketIfNotExists(bucketDealExp)
		if err != nil {
			return err
		}
		if err := b.Delete(keyExpRun); err != nil {
			return err
		}
		if err := putSourceOrder(tx, b, changed); err != nil {
			return err
		}
		idx := tx.Bucket(bucketDealIdx)
		if full || idx == nil {
			return nil
		}
		for _, key := range changed {
			v := idx.Get(append([]byte{idxKey}, key...))
			if v == nil {
				continue
			}
			var e IndexEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode deal index of %s: %w", key, err)
			}
			if e.ID != "" {
				w.oldIDs = append(w.oldIDs, e.ID)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("start the export index: %w", err)
	}
	slices.Sort(w.oldIDs)
	w.oldIDs = slices.Compact(w.oldIDs)
	return w, nil
}

// putSourceOrder replaces the source order entries ('s' and 'k') of
// the articles keys with those of their records.
func putSourceOrder(tx *bolt.Tx, b *bolt.Bucket, keys []string) error {
	puts := map[string][]byte{}
	pg := pager{tx: tx}
	for _, key := range keys {
		pg.step()
		kk := append([]byte{expKeySource}, key...)
		if old := b.Get(kk); old != nil {
			if err := b.Delete(sourceKey(string(old), key)); err != nil {
				return err
			}
			if err := b.Delete(kk); err != nil {
				return err
			}
		}
		a, ok, err := getArticle(tx, key)
		if err != nil {
			return err
		}
		if !ok || a.Versions == 0 {
			continue
		}
		if strings.IndexByte(a.Source, 0) >= 0 {
			if err := b.Put(keyExpNUL, nil); err != nil {
				return err
			}
			continue
		}
		w := factsWriter{b: []byte{expFormat}}
		w.str(a.ID)
		w.uint(a.Versions)
		puts[string(sourceKey(a.Source, key))] = w.b
		puts[string(kk)] = []byte(a.Source)
	}
	for _, k := range sortedKeys(puts) { // one ascending pass (see ReplaceDeals)
		if err := b.Put([]byte(k), puts[k]); err != nil {
			return err
		}
	}
	return nil
}

// sourceKey is the 's' key of article key read from source.
func sourceKey(source, key string) []byte {
	k := make([]byte, 0, 2+len(source)+len(key))
	k = append(append(append(k, expSourceKey), source...), 0)
	return append(k, key...)
}

// Replace replaces the index entries of the deals of the identity keys
// keys (as ReplaceDeals does: the deals whose id is one of them, or one
// of them and a month) with those of deals and unverified, the result of
// reconciling the facts of the articles with ids articleIDs that have
// these keys.
func (w *ExportIndexWriter) Replace(keys, articleIDs []string, deals []extract.ReconciledDeal, unverified []extract.UnverifiedFact) error {
	inKeys := make(map[string]bool, len(keys))
	for _, k := range keys {
		inKeys[k] = true
	}
	ofKeys := func(dealID string) bool {
		if inKeys[dealID] {
			return true
		}
		for i := 0; i < len(dealID); i++ {
			if dealID[i] == '/' && inKeys[dealID[:i]] {
				return true
			}
		}
		return false
	}
	puts := map[string][]byte{}
	arts := map[string]*expArticle{} // article id + 0x00 + deal id
	entry := func(article, deal string) *expArticle {
		k := string(append(append(append([]byte{expArticleKey}, article...), 0), deal...))
		e := arts[k]
		if e == nil {
			e = &expArticle{}
			arts[k] = e
		}
		return e
	}
	for i := range deals {
		d := &deals[i]
		c := CloneDeal(d)
		s := DigestOf(d, ApplyDecisions(&c, nil).State)
		puts[string(append([]byte{expDigestKey}, d.ID...))] = encodeDigest(&s)
		puts[string(exportOrder(s.LastReport, d.ID))] = nil
		for _, a := range s.Articles {
			e := entry(a, d.ID)
			e.member, e.kind, e.parties = true, d.Kind, d.Parties
		}
	}
	for _, u := range unverified {
		if u.DealID != "" {
			e := entry(u.Article, u.DealID)
			e.starts = append(e.starts, u.Deal.Evidence.Start)
		}
	}
	for k, e := range arts {
		puts[k] = e.encode()
	}
	ids := append(slices.Clone(articleIDs), w.oldIDs...)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	err := w.db.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketDealExp)
		if err != nil {
			return err
		}
		var del [][]byte
		c := b.Cursor()
		for _, k := range keys {
			prefix := append([]byte{expDigestKey}, k...)
			for ik, v := c.Seek(prefix); ik != nil && bytes.HasPrefix(ik, prefix); ik, v = c.Next() {
				if rest := ik[len(prefix):]; len(rest) > 0 && rest[0] != '/' {
					continue
				}
				lr, ok := digestLastReport(v)
				if !ok {
					return fmt.Errorf("bad export digest of deal %s; run \"dealwatch run\" to rebuild it", ik[1:])
				}
				del = append(del, slices.Clone(ik), exportOrder(lr, string(ik[1:])))
			}
		}
		for _, id := range ids {
			prefix := append(append([]byte{expArticleKey}, id...), 0)
			for ik, _ := c.Seek(prefix); ik != nil && bytes.HasPrefix(ik, prefix); ik, _ = c.Next() {
				if ofKeys(string(ik[len(prefix):])) {
					del = append(del, slices.Clone(ik))
				}
			}
		}
		for _, k := range del {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		for _, k := range sortedKeys(puts) { // one ascending pass (see ReplaceDeals)
			if err := b.Put([]byte(k), puts[k]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store the export index: %w", err)
	}
	return nil
}

// Finish marks the export index current for run runID, whose snapshot
// FinishDeals has just stored.
func (w *ExportIndexWriter) Finish(runID uint64) error {
	err := w.db.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketDealExp)
		if err != nil {
			return err
		}
		if err := b.Put(keyExpLayout, []byte(expLayout)); err != nil {
			return err
		}
		return b.Put(keyExpRun, u64(runID))
	})
	if err != nil {
		return fmt.Errorf("finish the export index of run %d: %w", runID, err)
	}
	return nil
}

package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Reads of the export index (dealexport.go): the exports walk it in
// their output order, one entry at a time, in one read transaction.

// ArticleDeals is an article's latest result with what the export
// index keeps about it: the reconciled deals whose history names it and
// the deals its facts not counted are named after.
type ArticleDeals struct {
	Key    string
	Result extract.ArticleResult
	// Deals are the reconciled deals whose history names the article's
	// id, by deal id.
	Deals []DealRef
	// Unverified are the evidence starts of the article's facts not
	// counted and the deals they are named after (facts naming no deal
	// are left out), by deal id.
	Unverified []UnverifiedRef
}

// DealRef is a reconciled deal as the per-article export matches facts
// to it.
type DealRef struct {
	ID      string
	Kind    extract.Kind
	Parties []string
}

// UnverifiedRef is a fact not counted: where its evidence starts and
// the deal it is named after.
type UnverifiedRef struct {
	Start  int
	DealID string
}

// articleRef is what the walk needs of an article.
type articleRef struct {
	key, id, source string
	versions        int
}

// EachArticleDeals calls fn with the latest result of every stored
// article and its export index entries, by source: each call gets the
// articles read from one source (usually one; several when files at
// different paths were read under the same relative name), ordered by
// id, then key; sources in ascending order. It walks the index's
// source order in one transaction and decodes one source's results at
// a time. ok is false, and fn is not called, when the export index is
// not current for a current deal snapshot reconciled by this dealwatch
// (Options.Reconciler): a store of an older dealwatch, a run that
// stored articles and was killed; the caller reconciles the results
// itself.
func (db *DB) EachArticleDeals(fn func(group []ArticleDeals) error) (ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		if _, ok = db.exportIndexCurrent(tx); !ok {
			return nil
		}
		// The export names the deals this dealwatch reconciles: a
		// snapshot of another is not used for it.
		var m snapshotMeta
		exp := tx.Bucket(bucketDealExp)
		if v := tx.Bucket(bucketDealSnap).Get(keySnapMeta); v == nil || json.Unmarshal(v, &m) != nil || m.By != db.reconciler || exp.Get(keyExpNUL) != nil {
			ok = false
			return nil
		}
		pg := pager{tx: tx}
		var group []articleRef
		emit := func() error {
			if len(group) == 0 {
				return nil
			}
			sort.SliceStable(group, func(i, j int) bool { return group[i].id < group[j].id })
			out := make([]ArticleDeals, 0, len(group))
			for _, a := range group {
				pg.step()
				v, err := getVersion(tx, a.key, a.versions)
				if err != nil {
					return err
				}
				ad := ArticleDeals{Key: a.key, Result: v.Result}
				if ad.Deals, ad.Unverified, err = articleEntries(exp, v.Result.Article.ID); err != nil {
					return err
				}
				out = append(out, ad)
			}
			group = group[:0]
			return fn(out)
		}
		c := exp.Cursor()
		prefix := []byte{expSourceKey}
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			i := bytes.IndexByte(k[1:], 0)
			if i < 0 || len(v) == 0 || v[0] != expFormat {
				return fmt.Errorf("bad export source entry %q; run \"dealwatch run\" to rebuild it", k)
			}
			r := factsReader{b: v[1:]}
			a := articleRef{source: string(k[1 : 1+i]), key: string(k[2+i:]), id: r.str(), versions: r.uint()}
			if r.err != nil {
				return fmt.Errorf("bad export source entry %q; run \"dealwatch run\" to rebuild it", k)
			}
			if len(group) > 0 && group[0].source != a.source {
				if err := emit(); err != nil {
					return err
				}
			}
			group = append(group, a)
		}
		return emit()
	})
	return ok, err
}

// articleEntries reads the export index entries of article id.
func articleEntries(exp *bolt.Bucket, id string) ([]DealRef, []UnverifiedRef, error) {
	var deals []DealRef
	var unv []UnverifiedRef
	prefix := append(append([]byte{expArticleKey}, id...), 0)
	c := exp.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		deal := string(k[len(prefix):])
		e, err := decodeExpArticle(v)
		if err != nil {
			return nil, nil, fmt.Errorf("decode export index of %s in %s: %w; run \"dealwatch run\" to rebuild it", id, deal, err)
		}
		if e.member {
			deals = append(deals, DealRef{ID: deal, Kind: e.kind, Parties: e.parties})
		}
		for _, s := range e.starts {
			unv = append(unv, UnverifiedRef{Start: s, DealID: deal})
		}
	}
	return deals, unv, nil
}

// ArticleSeen is when an article was first and last seen by a run.
type ArticleSeen struct {
	FirstSeen, LastSeen time.Time
}

// seenReader finds the article that has or had an id, as ArticlesByID
// does, and when it was seen (from its record: a listing entry may be
// older than it).
type seenReader struct {
	ids  *bolt.Cursor
	arts *bolt.Bucket
	pg   pager
}

func newSeenReader(tx *bolt.Tx) *seenReader {
	r := &seenReader{arts: tx.Bucket(bucketArticles), pg: pager{tx: tx}}
	if b := tx.Bucket(bucketIDs); b != nil {
		r.ids = b.Cursor()
	}
	return r
}

// of returns when the articles of ids were seen, those the store knows,
// in ids' order.
func (r *seenReader) of(ids []string) ([]ArticleSeen, error) {
	var out []ArticleSeen
	for _, id := range ids {
		if r.ids == nil || id == "" {
			continue
		}
		r.pg.step()
		prefix := append([]byte(id), 0)
		k, _ := r.ids.Seek(prefix)
		if k == nil || !bytes.HasPrefix(k, prefix) {
			continue
		}
		key := k[len(prefix):]
		if r.arts == nil {
			break
		}
		v := r.arts.Get(key)
		if v == nil {
			continue
		}
		seen, ok := recordSeen(v)
		if !ok {
			var a Article
			if err := json.Unmarshal(v, &a); err != nil {
				return nil, fmt.Errorf("decode article %s: %w", key, err)
			}
			seen = ArticleSeen{a.FirstSeen, a.LastSeen}
		}
		out = append(out, seen)
	}
	return out, nil
}

var (
	firstSeenKey = []byte(`"first_seen":"`)
	lastSeenKey  = []byte(`"last_seen":"`)
)

// recordSeen reads when an article was seen from its record's JSON
// without decoding the rest: the keys are at its top level (quotes in
// strings are escaped, so these bytes are the keys), the times in
// RFC 3339 as encoding/json writes them. ok is false when it cannot.
func recordSeen(v []byte) (s ArticleSeen, ok bool) {
	at := func(key []byte) (time.Time, bool) {
		i := bytes.Index(v, key)
		if i < 0 {
			return time.Time{}, false
		}
		rest := v[i+len(key):]
		j := bytes.IndexByte(rest, '"')
		if j < 0 {
			return time.Time{}, false
		}
		t, err := time.Parse(time.RFC3339Nano, string(rest[:j]))
		return t, err == nil
	}
	var ok1, ok2 bool
	s.FirstSeen, ok1 = at(firstSeenKey)
	s.LastSeen, ok2 = at(lastSeenKey)
	return s, ok1 && ok2
}

// SeenOf returns when the articles of ids were seen, those the store
// knows (as ArticlesByID finds them), in ids' order.
func (db *DB) SeenOf(ids []string) ([]ArticleSeen, error) {
	var out []ArticleSeen
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		out, err = newSeenReader(tx).of(ids)
		return err
	})
	return out, err
}

// EachDealDigest calls fn with the digest of every deal, decisions
// applied and deals rejected as a whole left out, in the order of
// "export --deals" (ExportLess), and when the articles behind it were
// seen (SeenOf). It walks the export index in one read transaction,
// decoding one deal at a time; only the deals someone decided on are
// decoded in full. ok is false, and fn is not called, when the index is
// not current for the desk's snapshot or the deals were reconciled
// here: the caller digests the Reviewed deals itself.
func (l *Desk) EachDealDigest(fn func(s *DealDigest, seen []ArticleSeen) error) (ok bool, err error) {
	if l.full != nil {
		return false, nil
	}
	err = l.db.view(func(tx *bolt.Tx) error {
		run, current := l.db.exportIndexCurrent(tx)
		if run != l.snapRun {
			return errRunMeanwhile
		}
		if ok = current; !ok {
			return nil
		}
		snap, exp := tx.Bucket(bucketDealSnap), tx.Bucket(bucketDealExp)
		// The deals decided on, decisions applied: those whose decisions
		// change only their conflicts keep their digest and place, with
		// another review state; the others are decoded whole and put in
		// the output order.
		var decided []DealDigest
		light := map[string]ReviewState{}
		for _, id := range l.Decided() {
			_, _, state, ok, err := decideConflicts(snap, id, l.decisions[id])
			if err != nil {
				return err
			}
			if ok {
				light[id] = state
				continue
			}
			d, _, found, err := snapDeal(snap, id)
			if err != nil {
				return err
			}
			if !found {
				continue
			}
			r := ApplyDecisions(&d, l.decisions[id])
			if r.State != StateRejected {
				decided = append(decided, DigestOf(&d, r.State))
			}
		}
		sort.Slice(decided, func(i, j int) bool { return ExportLess(&decided[i], &decided[j]) })
		seen := newSeenReader(tx)
		pg := pager{tx: tx}
		write := func(s *DealDigest) error {
			at, err := seen.of(s.Articles)
			if err != nil {
				return err
			}
			return fn(s, at)
		}
		c := exp.Cursor()
		prefix := []byte{expOrderKey}
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			pg.step()
			i := bytes.IndexByte(k, 0xff)
			if i < 0 {
				return fmt.Errorf("bad export order key %q; run \"dealwatch run\" to rebuild it", k)
			}
			id := string(k[i+1:])
			state, isLight := light[id]
			if len(l.decisions[id]) > 0 && !isLight {
				continue // decided on: in decided
			}
			v := exp.Get(append([]byte{expDigestKey}, id...))
			if v == nil {
				return fmt.Errorf("export index: deal %s has no digest; run \"dealwatch run\" to rebuild it", id)
			}
			s, err := decodeDigest(v)
			if err != nil {
				return fmt.Errorf("decode export digest of deal %s: %w; run \"dealwatch run\" to rebuild it", id, err)
			}
			if isLight {
				s.State = state
			}
			for len(decided) > 0 && ExportLess(&decided[0], &s) {
				if err := write(&decided[0]); err != nil {
					return err
				}
				decided = decided[1:]
			}
			if err := write(&s); err != nil {
				return err
			}
		}
		for i := range decided {
			if err := write(&decided[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err == errRunMeanwhile {
		return false, fmt.Errorf("read deals: %w", err)
	}
	return ok, err
}

// snapDeal reads deal id of a format-2 snapshot with its full timeline
// and its unverified facts, as LatestDeal does, inside a transaction;
// found is false when the snapshot has no such deal.
func snapDeal(snap *bolt.Bucket, id string) (d extract.ReconciledDeal, unverified []extract.UnverifiedFact, found bool, err error) {
	line := snap.Get(append([]byte{snapPublic}, id...))
	if line == nil {
		return d, nil, false, nil
	}
	if line, err = unpack(line); err != nil {
		return d, nil, false, fmt.Errorf("decode deal %s: %w", id, err)
	}
	extra, err := unpack(snap.Get(append([]byte{snapExtra}, id...)))
	if err != nil {
		return d, nil, false, fmt.Errorf("decode deal %s: %w", id, err)
	}
	if d, err = decodeDeal(line, extra); err != nil {
		return d, nil, false, fmt.Errorf("decode deal %s: %w", id, err)
	}
	unverified, err = eachUnverified(snap, id, true)
	return d, unverified, true, err
}

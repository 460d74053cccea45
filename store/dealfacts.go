package store

import (
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Reconcile-ready facts. Next to its index entry, the deal index keeps
// what reconciliation reads of each article's latest result, so a run
// that reconciles thousands of old articles again (a new source of a
// deal with thousands) reads them without decoding whole results:
//
//	dealidx   "f" + article key → factsFormat, then the binary Facts
//	          (factcodec.go): only results with status ok and a deal
//	          with identity keys have one.
//	dealsnap  "frun" → run id (8 bytes BE): the facts are those of
//	          every article's latest result as of the end of this run.
//
// A run writes the facts of the articles it reconciles from their
// results (the changed ones) before it reconciles, and "frun" with the
// snapshot's "run" when it finishes (FinishDeals), if the facts were
// current before or the run wrote every article's. Facts written by a
// run that did not finish belong to articles the next run reads again
// (changed after the snapshot's run), so they are never used stale. A
// snapshot whose "frun" is not its "run" (a store of an older dealwatch,
// or of one that did not keep facts) is not incremental: the next run
// reconciles everything and writes every article's facts.
var keySnapFacts = []byte("frun")

const idxFacts = 'f'

// Facts is what reconciliation reads of an article's latest result:
// the article's id, source and date, its deals that have identity keys
// (with their index in the result and their keys, as
// reconcile.DealKeys gives them) and the warnings about those deals.
type Facts struct {
	ID, Source string
	Published  *string
	// NDeals is how many deals the result has, with or without keys.
	NDeals   int
	Deals    []FactDeal
	Warnings []extract.Warning
}

// FactDeal is one deal of Facts.
type FactDeal struct {
	Index int
	Keys  []string
	Deal  extract.Deal
}

// NewFacts returns the facts of result r whose deals have the identity
// keys keys (by index, reconcile.DealKeys), or nil when r's status is
// not ok or no deal has a key: such a result never joins a deal.
func NewFacts(r *extract.ArticleResult, keys [][]string) *Facts {
	if r.Status != extract.StatusOK {
		return nil
	}
	f := &Facts{ID: r.Article.ID, Source: r.Article.Source, Published: r.Article.Published, NDeals: len(r.Deals)}
	for i := range r.Deals {
		if i < len(keys) && len(keys[i]) > 0 {
			f.Deals = append(f.Deals, FactDeal{Index: i, Keys: keys[i], Deal: r.Deals[i]})
		}
	}
	if len(f.Deals) == 0 {
		return nil
	}
	for _, w := range r.Warnings {
		if w.Deal != nil && f.has(*w.Deal) {
			f.Warnings = append(f.Warnings, w)
		}
	}
	return f
}

func (f *Facts) has(index int) bool {
	for i := range f.Deals {
		if f.Deals[i].Index == index {
			return true
		}
	}
	return false
}

// Result returns a result that reconciles as the article's latest
// result restricted to the deals keep accepts (by their keys): those
// deals at their indexes, blank at every other index (so the warnings
// still name the right deal), or nil when keep accepts none.
func (f *Facts) Result(keep func(keys []string) bool, blank extract.Deal) *extract.ArticleResult {
	var deals []extract.Deal
	for i := range f.Deals {
		if !keep(f.Deals[i].Keys) {
			continue
		}
		if deals == nil {
			deals = make([]extract.Deal, f.NDeals)
			for j := range deals {
				deals[j] = blank
			}
		}
		deals[f.Deals[i].Index] = f.Deals[i].Deal
	}
	if deals == nil {
		return nil
	}
	return &extract.ArticleResult{
		SchemaVersion: extract.SchemaVersion,
		Article:       extract.ArticleInfo{ID: f.ID, Source: f.Source, Published: f.Published},
		Status:        extract.StatusOK,
		Deals:         deals,
		Warnings:      f.Warnings,
	}
}

func (f *Facts) encode() []byte {
	w := factsWriter{b: make([]byte, 0, 256)}
	w.b = append(w.b, factsFormat)
	w.str(f.ID)
	w.str(f.Source)
	w.strPtr(f.Published)
	w.uint(f.NDeals)
	w.uint(len(f.Deals))
	for i := range f.Deals {
		d := &f.Deals[i]
		w.uint(d.Index)
		w.uint(len(d.Keys))
		for _, k := range d.Keys {
			w.str(k)
		}
		w.deal(&d.Deal)
	}
	w.uint(len(f.Warnings))
	for _, x := range f.Warnings {
		w.str(x.Code)
		w.str(x.Message)
		w.bool(x.Deal != nil)
		if x.Deal != nil {
			w.int(*x.Deal)
		}
	}
	return w.b
}

func decodeFacts(key string, v []byte) (*Facts, error) {
	if len(v) == 0 || v[0] != factsFormat {
		return nil, fmt.Errorf("decode facts of %s: unknown format; run \"dealwatch run\" again to rebuild them", key)
	}
	r := factsReader{b: v[1:]}
	f := &Facts{ID: r.str(), Source: r.str(), Published: r.strPtr(), NDeals: r.uint()}
	f.Deals = make([]FactDeal, r.count())
	for i := range f.Deals {
		d := &f.Deals[i]
		d.Index = r.uint()
		if d.Index >= f.NDeals {
			r.fail()
		}
		d.Keys = make([]string, r.count())
		for j := range d.Keys {
			d.Keys[j] = r.str()
		}
		r.deal(&d.Deal)
	}
	for range r.count() {
		w := extract.Warning{Code: r.str(), Message: r.str()}
		if r.bool() {
			i := r.int()
			w.Deal = &i
		}
		f.Warnings = append(f.Warnings, w)
	}
	if r.err == nil && len(r.b) > 0 {
		r.err = fmt.Errorf("%d bytes left over", len(r.b))
	}
	if r.err != nil {
		return nil, fmt.Errorf("decode facts of %s: %w; run \"dealwatch run\" again to rebuild them", key, r.err)
	}
	return f, nil
}

// PutFacts stores the facts of articles (article key → facts; nil
// deletes them), in one transaction.
func (db *DB) PutFacts(facts map[string]*Facts) error {
	keys := make([]string, 0, len(facts))
	for k := range facts {
		keys = append(keys, k)
	}
	sort.Strings(keys) // one ascending pass (see ReplaceDeals)
	err := db.update(func(tx *bolt.Tx) error {
		idx, err := tx.CreateBucketIfNotExists(bucketDealIdx)
		if err != nil {
			return err
		}
		for _, k := range keys {
			fk := append([]byte{idxFacts}, k...)
			if f := facts[k]; f != nil {
				err = idx.Put(fk, f.encode())
			} else {
				err = idx.Delete(fk)
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store reconcile facts: %w", err)
	}
	return nil
}

// EachFacts calls fn with the stored facts of each of keys that has
// them, in keys' order, in one read transaction. The facts are current
// for the articles not changed since the snapshot when DealBase says
// Incremental, and for those whose facts this run wrote (PutFacts).
func (db *DB) EachFacts(keys []string, fn func(key string, f *Facts) error) error {
	return db.view(func(tx *bolt.Tx) error {
		idx := tx.Bucket(bucketDealIdx)
		if idx == nil {
			return nil
		}
		fk := []byte{idxFacts}
		pg := pager{tx: tx}
		for _, key := range keys {
			pg.step()
			fk = append(fk[:1], key...)
			v := idx.Get(fk)
			if v == nil {
				continue
			}
			f, err := decodeFacts(key, v)
			if err != nil {
				return err
			}
			if err := fn(key, f); err != nil {
				return err
			}
		}
		return nil
	})
}

package main

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
)

// The review screen: "dealwatch diff" from run A to run B, in that
// direction whichever is older. Every record of "diff --json" has a
// scope (diff.schema.json):
//
//	summary          the runs compared and the counts
//	article          an article new, changed, removed, re-stored with no
//	                 fact changed (schema changed), or not extracted
//	                 (empty, unsupported language, failed)
//	fact             one article's statement of a deal added, removed, or
//	                 changed in one field; paired by deal identity
//	reconciled_deal  a reconciled deal that changed (new conflict,
//	                 current figure moved...)
//
// This file has the records and the comparison of one article's
// results; diff_stream.go walks the changes between two runs one article
// and one deal at a time, diff_text.go writes the screen and
// diff_json.go the records, each holding back in a spool
// (diff_spool.go) what comes after the totals.

// diffRun names a run in the summary.
type diffRun struct {
	Run     uint64  `json:"run"`
	Started *string `json:"started"`
	State   string  `json:"state"`
	started time.Time
}

type diffSummary struct {
	Scope       string  `json:"scope"`
	From        diffRun `json:"from"`
	To          diffRun `json:"to"`
	Backward    bool    `json:"backward"` // from a later run to an earlier one
	New         int     `json:"new"`
	Changed     int     `json:"changed"`
	Removed     int     `json:"removed"`
	ReStored    int     `json:"re_stored"`
	NotExtract  int     `json:"not_extracted"`
	Facts       int     `json:"fact_changes"`
	Deals       int     `json:"deal_changes"`
	SchemaNote  *string `json:"schema_note"`
	Description string  `json:"description"`
}

// diffArticle is an article in the diff.
type diffArticle struct {
	ID         string  `json:"id"`
	PreviousID *string `json:"previous_id"`
	Title      *string `json:"title"`
	File       string  `json:"file"`
	Published  *string `json:"published"`
	Lang       string  `json:"lang"`
}

type articleRecordDiff struct {
	Scope   string         `json:"scope"`
	Change  string         `json:"change"` // new, changed, removed, re_stored, not_extracted
	Status  extract.Status `json:"status"`
	Article diffArticle    `json:"article"`
	Cause   string         `json:"cause"`
	Error   *string        `json:"error"`
}

// factRecord is one change to one article's statement of a deal.
type factRecord struct {
	Scope   string `json:"scope"`
	Change  string `json:"change"` // added, removed, changed
	Article string `json:"article"`
	File    string `json:"file"`
	// Deal is the reconciled deal's id ("" when the fact names no
	// party).
	Deal   string `json:"deal"`
	Field  string `json:"field"`  // the field that changed; "" for added, removed
	Before any    `json:"before"` // structured: Money, a status, parties...
	After  any    `json:"after"`
	// Fact is the whole statement, for added and removed.
	Fact *factValue `json:"fact"`
	// Sentence is the evidence of the new value (of the old one for a
	// removal).
	Sentence string `json:"sentence"`
	// Counted is false for a fact reconciliation leaves out: not
	// grounded in the text (Ungrounded) or implausible.
	Counted     bool     `json:"counted"`
	Ungrounded  bool     `json:"ungrounded"`
	Implausible bool     `json:"implausible"`
	Warnings    []string `json:"warnings"`
}

// factValue is a deal as one article states it, as data.
type factValue struct {
	Kind         extract.Kind         `json:"kind"`
	Status       extract.DealStatus   `json:"status"`
	Confirmation extract.Confirmation `json:"confirmation"`
	Parties      []extract.Party      `json:"parties"`
	Amount       *extract.Money       `json:"amount"`
	Capacity     []extract.Capacity   `json:"capacity"`
}

type dealRecordDiff struct {
	Scope  string             `json:"scope"`
	Deal   string             `json:"deal"`
	Change extract.ChangeKind `json:"change"`
	Before *extract.Current   `json:"before"`
	After  *extract.Current   `json:"after"`
	Note   string             `json:"note"`
}

// articleDiff is one article with its fact changes.
type articleDiff struct {
	Rec   articleRecordDiff
	Facts []factRecord
}

func schemaVersion(r *extract.ArticleResult) int {
	if r.StoredSchema != 0 {
		return r.StoredSchema
	}
	return r.SchemaVersion
}

func intSet(m map[int]bool) string {
	var ks []int
	for k := range m {
		ks = append(ks, k)
	}
	sort.Ints(ks)
	var ss []string
	for _, k := range ks {
		ss = append(ss, fmt.Sprint(k))
	}
	return strings.Join(ss, ", ")
}

func runRef(runs map[uint64]store.Run, id uint64) diffRun {
	if id == 0 {
		return diffRun{Run: 0, State: "empty store"}
	}
	r := runs[id]
	s := storeTime(r.Started)
	return diffRun{Run: id, Started: &s, State: string(r.State), started: r.Started}
}

func summaryLine(s diffSummary) string {
	var parts []string
	add := func(n int, one, many string) {
		if n > 0 {
			parts = append(parts, countNoun(n, one, many))
		}
	}
	add(s.Changed, "article changed", "articles changed")
	add(s.New, "new article", "new articles")
	add(s.Removed, "article removed", "articles removed")
	add(s.NotExtract, "article not extracted", "articles not extracted")
	add(s.ReStored, "article re-stored (schema changed)", "articles re-stored (schema changed)")
	if len(parts) == 0 {
		return "no article changed"
	}
	return strings.Join(parts, ", ") + "; " + countNoun(s.Facts, "fact change", "fact changes") + ", " + countNoun(s.Deals, "deal change", "deal changes")
}

// diffPair compares one article's results (either may be nil); o
// reconciles each result alone to name its facts' deals.
func diffPair(o *reconcile.Options, key string, before, after *extract.ArticleResult, causes []string) articleDiff {
	ref := after
	if ref == nil {
		ref = before
	}
	if ref == nil {
		return articleDiff{}
	}
	cause := store.Cause(before, after)
	if cause == "" {
		cause = strings.Join(causes, ", ")
	}
	if cause == "" {
		cause = store.CauseUnexplained
	}
	ad := articleDiff{Rec: articleRecordDiff{Scope: "article", Status: ref.Status, Cause: cause,
		Article: diffArticle{ID: ref.Article.ID, Title: ref.Article.Title, File: key, Published: ref.Article.Published, Lang: ref.Article.Lang}}}
	if before != nil && after != nil && before.Article.ID != after.Article.ID {
		ad.Rec.Article.PreviousID = extract.StrPtr(before.Article.ID)
	}
	ad.Facts = diffFacts(o, key, before, after)
	switch {
	case after != nil && after.Status != extract.StatusOK && (before == nil || before.Status != after.Status || len(ad.Facts) == 0):
		ad.Rec.Change = "not_extracted"
		if after.Error != nil {
			ad.Rec.Error = after.Error
		}
	case before == nil:
		ad.Rec.Change = "new"
	case after == nil:
		ad.Rec.Change = "removed"
	case len(ad.Facts) == 0 && before.Status == after.Status && strings.Contains(cause, store.CauseSchema):
		ad.Rec.Change = "re_stored"
	default:
		ad.Rec.Change = "changed"
	}
	return ad
}

// fact is one deal of one article, with its reconciled identity.
type fact struct {
	d        extract.Deal
	i        int // index in the result
	deal     string
	key      string // store.DealKey
	warnings []string
	ungr     bool
	implaus  bool
}

// factsOf returns the facts of r, each with the id of the deal o
// reconciles it into when r is reconciled alone (the deals and the
// facts not counted, in one pass).
func factsOf(o *reconcile.Options, r *extract.ArticleResult) []fact {
	if r == nil {
		return nil
	}
	ix := newDealIndex(o.All([]extract.ArticleResult{*r}))
	keys := store.DealKeys(r.Deals)
	out := make([]fact, len(r.Deals))
	for i, d := range r.Deals {
		f := fact{d: d, i: i, deal: ix.of(r.Article.ID, d), key: keys[i], ungr: !d.Grounded}
		for _, w := range r.Warnings {
			if w.Deal != nil && *w.Deal == i {
				f.warnings = append(f.warnings, w.Code+": "+w.Message)
				if w.Code == extract.WarnImplausible || w.Code == extract.WarnImplausibleAmt {
					f.implaus = true
				}
			}
		}
		out[i] = f
	}
	return out
}

// diffFacts pairs the facts of two results by deal identity (then by
// the full key, then in text order) and compares them field by field.
func diffFacts(o *reconcile.Options, key string, before, after *extract.ArticleResult) []factRecord {
	bf, af := factsOf(o, before), factsOf(o, after)
	bUsed, aUsed := make([]bool, len(bf)), make([]bool, len(af))
	type pair struct{ b, a *fact }
	var pairs []pair
	pass := func(same func(b, a *fact) bool) {
		for j := range af {
			if aUsed[j] {
				continue
			}
			for i := range bf {
				if !bUsed[i] && same(&bf[i], &af[j]) {
					bUsed[i], aUsed[j] = true, true
					pairs = append(pairs, pair{&bf[i], &af[j]})
					break
				}
			}
		}
	}
	pass(func(b, a *fact) bool { return b.key == a.key })
	pass(func(b, a *fact) bool { return b.deal != "" && b.deal == a.deal })
	for i := range bf {
		if !bUsed[i] {
			pairs = append(pairs, pair{b: &bf[i]})
		}
	}
	for j := range af {
		if !aUsed[j] {
			pairs = append(pairs, pair{a: &af[j]})
		}
	}
	articleOf := func(r *extract.ArticleResult) string {
		if r == nil {
			return ""
		}
		return r.Article.ID
	}
	var out []factRecord
	for _, p := range pairs {
		ref := p.a
		art := articleOf(after)
		if ref == nil {
			ref, art = p.b, articleOf(before)
		}
		base := factRecord{Scope: "fact", Article: art, File: key, Deal: ref.deal, Sentence: ref.d.Evidence.Text,
			Ungrounded: ref.ungr, Implausible: ref.implaus, Counted: !ref.ungr && !ref.implaus && ref.deal != "", Warnings: ref.warnings}
		if base.Warnings == nil {
			base.Warnings = []string{}
		}
		switch {
		case p.b == nil:
			r := base
			r.Change, r.Fact = "added", factOf(p.a.d)
			out = append(out, r)
		case p.a == nil:
			r := base
			r.Change, r.Fact = "removed", factOf(p.b.d)
			out = append(out, r)
		default:
			for _, fc := range factFieldChanges(p.b.d, p.a.d) {
				r := base
				r.Change, r.Field, r.Before, r.After = "changed", fc.field, fc.before, fc.after
				out = append(out, r)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Deal < out[j].Deal })
	return out
}

func factOf(d extract.Deal) *factValue {
	f := &factValue{Kind: d.Kind, Status: d.Status, Confirmation: d.Confirmation, Parties: d.Parties, Amount: d.Amount, Capacity: d.Capacity}
	if f.Parties == nil {
		f.Parties = []extract.Party{}
	}
	if f.Capacity == nil {
		f.Capacity = []extract.Capacity{}
	}
	return f
}

type structChange struct {
	field         string
	before, after any
}

// factFieldChanges compares two statements of a deal field by field,
// with structured values. Offsets, the text as written and the
// evidence are provenance, not facts, and are left out.
func factFieldChanges(b, a extract.Deal) []structChange {
	var out []structChange
	add := func(field string, bv, av any, same bool) {
		if !same {
			out = append(out, structChange{field, bv, av})
		}
	}
	add("kind", b.Kind, a.Kind, b.Kind == a.Kind)
	add("status", b.Status, a.Status, b.Status == a.Status)
	add("confirmation", b.Confirmation, a.Confirmation, b.Confirmation == a.Confirmation)
	add("mention", b.Mention, a.Mention, b.Mention == a.Mention)
	add("parties", partiesOf(b.Parties), partiesOf(a.Parties), sameJSON(partiesOf(b.Parties), partiesOf(a.Parties)))
	add("amount", b.Amount, a.Amount, sameMoney(b.Amount, a.Amount))
	add("previous_amount", b.PreviousAmount, a.PreviousAmount, sameMoney(b.PreviousAmount, a.PreviousAmount))
	add("increment", b.Increment, a.Increment, sameMoney(b.Increment, a.Increment))
	add("tranches", b.Tranches, a.Tranches, sameJSON(tranchesNorm(b.Tranches), tranchesNorm(a.Tranches)))
	add("capacity", b.Capacity, a.Capacity, sameJSON(capacityNorm(b.Capacity), capacityNorm(a.Capacity)))
	add("hardware", b.Hardware, a.Hardware, sameJSON(b.Hardware, a.Hardware))
	add("term_years", b.TermYears, a.TermYears, sameJSON(b.TermYears, a.TermYears))
	add("announced_on", b.AnnouncedOn, a.AnnouncedOn, sameJSON(b.AnnouncedOn, a.AnnouncedOn))
	add("grounded", b.Grounded, a.Grounded, b.Grounded == a.Grounded)
	return out
}

// partyRole is a party as data, without the mention as written.
type partyRole struct {
	Name string       `json:"name"`
	Role extract.Role `json:"role"`
}

func partiesOf(ps []extract.Party) []partyRole {
	out := make([]partyRole, 0, len(ps))
	for _, p := range ps {
		out = append(out, partyRole{p.Name, p.Role})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Role < out[j].Role
	})
	return out
}

func sameMoney(a, b *extract.Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	return store.ValueNorm(*a) == store.ValueNorm(*b)
}

func tranchesNorm(ts []extract.Tranche) []string {
	var out []string
	for _, t := range ts {
		out = append(out, store.ValueNorm(t.Amount)+" "+string(t.Condition))
	}
	return out
}

func capacityNorm(cs []extract.Capacity) []string {
	var out []string
	for _, c := range cs {
		out = append(out, store.ValueNorm(c))
	}
	return out
}

func sameJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

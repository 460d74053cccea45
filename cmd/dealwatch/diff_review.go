package main

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
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

// reviewDiff is everything "diff" shows.
type reviewDiff struct {
	Summary  diffSummary
	Articles []articleDiff
	Failed   []articleRecordDiff
	Deals    []dealRecordDiff
}

// articleDiff is one article with its fact changes.
type articleDiff struct {
	Rec   articleRecordDiff
	Facts []factRecord
}

// buildReviewDiff compares the end of run a with the end of run b.
func buildReviewDiff(db *store.DB, runs map[uint64]store.Run, a, b uint64) (*reviewDiff, error) {
	lo, hi := min(a, b), max(a, b)
	backward := a > b
	pairs, err := db.ChangedBetween(lo, hi)
	if err != nil {
		return nil, err
	}
	rd := &reviewDiff{}
	schemaFrom, schemaTo := map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		before, after := p.Before, p.After
		if backward {
			before, after = after, before
		}
		ad := diffPair(p.Key, before, after, p.Causes)
		switch ad.Rec.Change {
		case "":
			continue
		case "re_stored":
			rd.Summary.ReStored++
			if before != nil && after != nil {
				schemaFrom[schemaVersion(before)], schemaTo[schemaVersion(after)] = true, true
			}
		case "not_extracted":
			rd.Summary.NotExtract++
		case "new":
			rd.Summary.New++
		case "removed":
			rd.Summary.Removed++
		default:
			rd.Summary.Changed++
		}
		rd.Summary.Facts += len(ad.Facts)
		rd.Articles = append(rd.Articles, ad)
	}
	// What failed in the runs in between (failed articles are never
	// stored as versions; the run's errors keep them).
	if !backward {
		seen := map[string]bool{}
		for id := lo + 1; id <= hi; id++ {
			if _, ok := runs[id]; !ok {
				continue
			}
			errs, err := db.RunErrors(id)
			if err != nil {
				return nil, err
			}
			for _, e := range errs {
				if seen[e.Source] {
					continue
				}
				seen[e.Source] = true
				msg := e.Message
				rd.Failed = append(rd.Failed, articleRecordDiff{Scope: "article", Change: "not_extracted", Status: extract.StatusFailed,
					Article: diffArticle{ID: e.Article, File: e.Source}, Cause: fmt.Sprintf("failed in run %d", id), Error: &msg})
			}
		}
		rd.Summary.NotExtract += len(rd.Failed)
	}
	before, after, err := reconciledAt(db, a, b)
	if err != nil {
		return nil, err
	}
	bm, am := map[string]*extract.ReconciledDeal{}, map[string]*extract.ReconciledDeal{}
	for i := range before {
		bm[before[i].ID] = &before[i]
	}
	for i := range after {
		am[after[i].ID] = &after[i]
	}
	for _, c := range reconcile.CompareReconciled(before, after) {
		r := dealRecordDiff{Scope: "reconciled_deal", Deal: c.Deal, Change: c.Change, Note: c.Note}
		if d, ok := bm[c.Deal]; ok {
			cur := d.Current
			r.Before = &cur
		}
		if d, ok := am[c.Deal]; ok {
			cur := d.Current
			r.After = &cur
		}
		rd.Deals = append(rd.Deals, r)
	}
	rd.Summary.Deals = len(rd.Deals)
	rd.Summary.Scope = "summary"
	rd.Summary.Backward = backward
	rd.Summary.From, rd.Summary.To = runRef(runs, a), runRef(runs, b)
	if rd.Summary.ReStored > 0 {
		note := fmt.Sprintf("%s re-stored because the schema changed (schema %s → %s); their facts did not change",
			countNoun(rd.Summary.ReStored, "article", "articles"), intSet(schemaFrom), intSet(schemaTo))
		rd.Summary.SchemaNote = &note
	}
	rd.Summary.Description = summaryLine(rd.Summary)
	return rd, nil
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

// diffPair compares one article's results (either may be nil).
func diffPair(key string, before, after *extract.ArticleResult, causes []string) articleDiff {
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
	ad.Facts = diffFacts(key, before, after)
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

func factsOf(r *extract.ArticleResult) []fact {
	if r == nil {
		return nil
	}
	ix := newDealIndex(reconcileOptions().Reconcile([]extract.ArticleResult{*r}), reconcileOptions().Unverified([]extract.ArticleResult{*r}))
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
func diffFacts(key string, before, after *extract.ArticleResult) []factRecord {
	bf, af := factsOf(before), factsOf(after)
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

// writeReviewDiffJSON writes the records, summary first.
func writeReviewDiffJSON(w io.Writer, rd *reviewDiff) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rd.Summary); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	for _, a := range rd.Articles {
		if err := enc.Encode(a.Rec); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
		for _, f := range a.Facts {
			if err := enc.Encode(f); err != nil {
				return fmt.Errorf("write diff: %w", err)
			}
		}
	}
	for _, f := range rd.Failed {
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
	}
	for _, d := range rd.Deals {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
	}
	return nil
}

// writeReviewDiff writes the review screen: articles by title and file,
// their fact changes field by field with the sentence, what was not
// extracted, then the reconciled deals.
func writeReviewDiff(w io.Writer, c termColours, rd *reviewDiff, showIDs bool) error {
	s := rd.Summary
	label := func(r diffRun) string {
		if r.Run == 0 {
			return "the empty store"
		}
		return fmt.Sprintf("run %d (%s, %s)", r.Run, localTime(r.started), r.State)
	}
	fmt.Fprintf(w, "%s\n", c.bold(fmt.Sprintf("changes from %s to %s", label(s.From), label(s.To))))
	if s.Backward {
		fmt.Fprintln(w, "(backward: from the later run to the earlier one)")
	}
	fmt.Fprintf(w, "%s\n", s.Description)
	if s.SchemaNote != nil {
		fmt.Fprintf(w, "%s\n", c.yellow(*s.SchemaNote))
	}
	name := func(a diffArticle) string {
		l := articleLabel(derefStr(a.Title), a.File)
		if showIDs {
			l += "  " + c.dim(a.ID)
			if a.PreviousID != nil {
				l += c.dim(" (was " + *a.PreviousID + ")")
			}
		}
		return l
	}
	sections := []struct {
		change, title string
	}{{"changed", "CHANGED ARTICLES"}, {"new", "NEW ARTICLES"}, {"removed", "REMOVED ARTICLES"}}
	for _, sec := range sections {
		first := true
		for _, a := range rd.Articles {
			if a.Rec.Change != sec.change {
				continue
			}
			if first {
				fmt.Fprintf(w, "\n%s\n", c.bold(sec.title))
				first = false
			}
			fmt.Fprintf(w, "  %s  %s\n", name(a.Rec.Article), c.yellow("("+a.Rec.Cause+")"))
			if len(a.Facts) == 0 {
				fmt.Fprintf(w, "    %s\n", c.dim("no deal in it"))
			}
			writeFactChanges(w, c, a.Facts)
		}
	}
	var notExtracted []articleRecordDiff
	for _, a := range rd.Articles {
		if a.Rec.Change == "not_extracted" {
			notExtracted = append(notExtracted, a.Rec)
		}
	}
	notExtracted = append(notExtracted, rd.Failed...)
	if len(notExtracted) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold("NOT EXTRACTED (empty, unsupported language, failed)"))
		for _, a := range notExtracted {
			why := ""
			switch a.Status {
			case extract.StatusUnsupported:
				why = "language " + orDash(a.Article.Lang)
			case extract.StatusEmpty:
				why = "no text"
			}
			if a.Error != nil {
				why = clean(*a.Error)
			}
			fmt.Fprintf(w, "  %-21s %s: %s\n", a.Status, name(a.Article), why)
		}
	}
	if s.ReStored > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold("RE-STORED, NO FACT CHANGED"))
		for _, a := range rd.Articles {
			if a.Rec.Change == "re_stored" {
				fmt.Fprintf(w, "  %s  %s\n", name(a.Rec.Article), c.dim("("+a.Rec.Cause+")"))
			}
		}
	}
	fmt.Fprintln(w)
	if len(rd.Deals) == 0 {
		_, err := fmt.Fprintln(w, "deals: no change")
		return err
	}
	fmt.Fprintf(w, "%s\n", c.bold("DEALS: "+countNoun(len(rd.Deals), "change", "changes")))
	for _, ch := range rd.Deals {
		what := string(ch.Change)
		switch ch.Change {
		case extract.ChangeConflicted, extract.ChangeNewConflict:
			what = c.red(what)
		case extract.ChangeResolved, extract.ChangeAdded:
			what = c.green(what)
		}
		var desc string
		switch {
		case ch.Before == nil && ch.After != nil:
			desc = describeCurrent(*ch.After, nil)
		case ch.After == nil && ch.Before != nil:
			desc = describeCurrent(*ch.Before, nil)
		case ch.Before != nil && ch.After != nil:
			bd, ad := describeCurrent(*ch.Before, nil), describeCurrent(*ch.After, nil)
			desc = ad
			if bd != ad {
				desc = bd + " → " + ad
			}
		}
		fmt.Fprintf(w, "  %s  %s  %s\n", ch.Deal, what, desc)
		if ch.Note != "" && ch.Change != extract.ChangeCurrentMoved && ch.Change != extract.ChangeStatusChanged {
			fmt.Fprintf(w, "    %s\n", clean(hideIDs(ch.Note, showIDs)))
		}
	}
	return nil
}

var articleIDPattern = regexp.MustCompile(`\s*\(?\bin sha256:[0-9a-f]{16}\b\)?`)

// hideIDs drops " in sha256:…" from a conflict note unless ids were
// asked for.
func hideIDs(s string, show bool) string {
	if show {
		return s
	}
	return articleIDPattern.ReplaceAllString(s, "")
}

// writeFactChanges writes an article's fact changes grouped by deal.
func writeFactChanges(w io.Writer, c termColours, fs []factRecord) {
	last, lastSentence := "\x00", ""
	for i, f := range fs {
		mark := ""
		switch {
		case f.Ungrounded:
			mark = "  " + c.red("[UNGROUNDED: not found in the text; not counted]")
		case f.Implausible:
			mark = "  " + c.red("[IMPLAUSIBLE: not counted]")
		}
		deal := orDash(f.Deal)
		switch f.Change {
		case "added":
			fmt.Fprintf(w, "    %s%s\n", c.green("+ "+deal+": "+factText(f.Fact)), mark)
		case "removed":
			fmt.Fprintf(w, "    %s%s\n", c.red("- "+deal+": "+factText(f.Fact)), mark)
		default:
			if f.Deal != last {
				fmt.Fprintf(w, "    %s%s\n", c.yellow("~ "+deal), mark)
			}
			fmt.Fprintf(w, "        %s: %s → %s\n", f.Field, c.red(structText(f.Before)), c.green(structText(f.After)))
		}
		last = f.Deal
		// The sentence once per deal: after its last field change.
		if f.Change == "changed" && i+1 < len(fs) && fs[i+1].Change == "changed" && fs[i+1].Deal == f.Deal && fs[i+1].Sentence == f.Sentence {
			continue
		}
		if f.Sentence != "" && f.Sentence != lastSentence {
			fmt.Fprintf(w, "          “%s”\n", truncate(clean(f.Sentence), 200))
		}
		lastSentence = f.Sentence
	}
}

// factText is a statement for people: "compute_contract, agreed
// (confirmed): OpenAI (buyer), Amazon (seller); $38B".
func factText(f *factValue) string {
	if f == nil {
		return ""
	}
	var ps []string
	for _, p := range f.Parties {
		ps = append(ps, clean(p.Name)+" ("+string(p.Role)+")")
	}
	s := fmt.Sprintf("%s, %s", f.Kind, f.Status)
	if f.Confirmation != "" {
		s += " (" + string(f.Confirmation) + ")"
	}
	s += ": " + strings.Join(ps, ", ")
	if f.Amount != nil {
		s += "; " + money(f.Amount)
	}
	for _, cp := range f.Capacity {
		s += "; " + conflictValueText(cp)
	}
	return s
}

// structText is a structured value for people.
func structText(v any) string {
	switch x := v.(type) {
	case nil:
		return "(none)"
	case *extract.Money:
		if x == nil {
			return "(none)"
		}
		return money(x)
	case []partyRole:
		var ps []string
		for _, p := range x {
			ps = append(ps, clean(p.Name)+" ("+string(p.Role)+")")
		}
		return orDash(strings.Join(ps, ", "))
	case *string:
		if x == nil {
			return "(none)"
		}
		return clean(*x)
	case *float64:
		if x == nil {
			return "(none)"
		}
		return fmt.Sprintf("%g", *x)
	case []extract.Capacity:
		var cs []string
		for _, cp := range x {
			cs = append(cs, conflictValueText(cp))
		}
		return orDash(strings.Join(cs, "; "))
	case []string:
		return orDash(clean(strings.Join(x, "; ")))
	case []extract.Tranche:
		var ts []string
		for _, t := range x {
			ts = append(ts, money(&t.Amount)+" "+string(t.Condition))
		}
		return orDash(strings.Join(ts, "; "))
	}
	return clean(fmt.Sprint(v))
}

func derefStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

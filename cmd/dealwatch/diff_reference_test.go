package main

// The whole-in-memory diff that "dealwatch diff" was before it streamed
// (issue 20), kept verbatim (renamed ref…) as the reference the
// streamed diff must match byte for byte: it builds every article's
// changes and every deal change before writing anything.

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
)

// refReviewDiff is everything "diff" shows.
type refReviewDiff struct {
	Summary  diffSummary
	Articles []articleDiff
	Failed   []articleRecordDiff
	Deals    []dealRecordDiff
}

// refBuildReviewDiff compares the end of run a with the end of run b.
func refBuildReviewDiff(db *store.DB, runs map[uint64]store.Run, a, b uint64) (*refReviewDiff, error) {
	lo, hi := min(a, b), max(a, b)
	backward := a > b
	pairs, err := db.ChangedBetween(lo, hi)
	if err != nil {
		return nil, err
	}
	rd := &refReviewDiff{}
	schemaFrom, schemaTo := map[int]bool{}, map[int]bool{}
	for _, p := range pairs {
		before, after := p.Before, p.After
		if backward {
			before, after = after, before
		}
		ad := refDiffPair(p.Key, before, after, p.Causes)
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
	before, after, err := refReconciledAt(db, a, b)
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

// refDiffPair compares one article's results (either may be nil).
func refDiffPair(key string, before, after *extract.ArticleResult, causes []string) articleDiff {
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
	ad.Facts = refDiffFacts(key, before, after)
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

func refFactsOf(r *extract.ArticleResult) []fact {
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

// refDiffFacts pairs the facts of two results by deal identity (then by
// the full key, then in text order) and compares them field by field.
func refDiffFacts(key string, before, after *extract.ArticleResult) []factRecord {
	bf, af := refFactsOf(before), refFactsOf(after)
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

// refWriteReviewDiffJSON writes the records, summary first.
func refWriteReviewDiffJSON(w io.Writer, rd *refReviewDiff) error {
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

// refWriteReviewDiff writes the review screen: articles by title and file,
// their fact changes field by field with the sentence, what was not
// extracted, then the reconciled deals.
func refWriteReviewDiff(w io.Writer, c termColours, rd *refReviewDiff, showIDs bool) error {
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

// refReconciledAt returns the reconciled deals as of the ends of runs a and
// b that may differ: from the snapshots when both runs have one (only
// the deals whose brief changed, without timelines), else all of them
// reconciled from the results.
func refReconciledAt(db *store.DB, a, b uint64) (before, after []extract.ReconciledDeal, err error) {
	// The deals stored at the end of each run, when both have them.
	if ba, bb, ok, err := db.ChangedDealBriefs(a, b); err != nil {
		return nil, nil, err
	} else if ok {
		before, after := dealsOfBriefs(ba), dealsOfBriefs(bb)
		trimSharedConflicts(before, after)
		return before, after, nil
	}
	var rb []extract.ArticleResult
	if a != 0 {
		if rb, err = db.ResultsAt(a); err != nil {
			return nil, nil, fmt.Errorf("read results of run %d: %w", a, err)
		}
	}
	var ra []extract.ArticleResult
	if b != 0 {
		if ra, err = db.ResultsAt(b); err != nil {
			return nil, nil, fmt.Errorf("read results of run %d: %w", b, err)
		}
	}
	return reconcileOptions().Reconcile(rb), reconcileOptions().Reconcile(ra), nil
}

// dealsOfBriefs turns briefs back into deals without timelines, enough
// for reconcile.CompareReconciled.
func dealsOfBriefs(bs []store.DealBrief) []extract.ReconciledDeal {
	out := make([]extract.ReconciledDeal, len(bs))
	for i, b := range bs {
		out[i] = b.Deal()
	}
	return out
}

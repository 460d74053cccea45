package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// diffText is the diffWriter of the review screen: the runs compared at
// once, then the totals, the articles by section (changed, new, removed,
// not extracted, re-stored), each by title and file with its fact
// changes field by field and their sentences, then the reconciled deals.
// The sections are spooled while the runs are compared, since the
// totals come first.
type diffText struct {
	w       io.Writer
	c       termColours
	showIDs bool
	// sections are the article sections in the order they are shown;
	// started says which have their title.
	sections [5]sectionSpool
	started  [5]bool
	deals    sectionSpool
}

// The article sections of the screen, in their order.
const (
	secChanged = iota
	secNew
	secRemoved
	secNotExtracted
	secReStored
)

var sectionTitles = [5]string{"CHANGED ARTICLES", "NEW ARTICLES", "REMOVED ARTICLES", "NOT EXTRACTED (empty, unsupported language, failed)", "RE-STORED, NO FACT CHANGED"}

// newDiffText returns the screen's writer to w, with colours c and, when
// showIDs, the articles' ids.
func newDiffText(w io.Writer, c termColours, showIDs bool) *diffText {
	return &diffText{w: w, c: c, showIDs: showIDs}
}

// begin writes the first line (the runs compared) at once.
func (t *diffText) begin(s *diffSummary) error {
	label := func(r diffRun) string {
		if r.Run == 0 {
			return "the empty store"
		}
		return fmt.Sprintf("run %d (%s, %s)", r.Run, localTime(r.started), r.State)
	}
	fmt.Fprintf(t.w, "%s\n", t.c.bold(fmt.Sprintf("changes from %s to %s", label(s.From), label(s.To))))
	if s.Backward {
		fmt.Fprintln(t.w, "(backward: from the later run to the earlier one)")
	}
	return nil
}

// section returns the spool of section i, with its title.
func (t *diffText) section(i int) io.Writer {
	sp := &t.sections[i]
	if !t.started[i] {
		t.started[i] = true
		fmt.Fprintf(sp, "\n%s\n", t.c.bold(sectionTitles[i]))
	}
	return sp
}

// name is an article by title and file, with its ids when asked for.
func (t *diffText) name(a diffArticle) string {
	l := articleLabel(derefStr(a.Title), a.File)
	if t.showIDs {
		l += "  " + t.c.dim(a.ID)
		if a.PreviousID != nil {
			l += t.c.dim(" (was " + *a.PreviousID + ")")
		}
	}
	return l
}

// article spools an article, with its fact changes, into its section.
func (t *diffText) article(ad *articleDiff) error {
	var sec int
	switch ad.Rec.Change {
	case "changed":
		sec = secChanged
	case "new":
		sec = secNew
	case "removed":
		sec = secRemoved
	case "not_extracted":
		return t.failed(&ad.Rec)
	case "re_stored":
		w := t.section(secReStored)
		fmt.Fprintf(w, "  %s  %s\n", t.name(ad.Rec.Article), t.c.dim("("+ad.Rec.Cause+")"))
		return t.sections[secReStored].err
	default:
		return nil
	}
	w := t.section(sec)
	fmt.Fprintf(w, "  %s  %s\n", t.name(ad.Rec.Article), t.c.yellow("("+ad.Rec.Cause+")"))
	if len(ad.Facts) == 0 {
		fmt.Fprintf(w, "    %s\n", t.c.dim("no deal in it"))
	}
	writeFactChanges(w, t.c, ad.Facts)
	return t.sections[sec].err
}

// failed writes an article not extracted: one stored as such, or one
// that failed in a run in between.
func (t *diffText) failed(a *articleRecordDiff) error {
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
	fmt.Fprintf(t.section(secNotExtracted), "  %-21s %s: %s\n", a.Status, t.name(a.Article), why)
	return t.sections[secNotExtracted].err
}

// deal spools a reconciled deal's change.
func (t *diffText) deal(ch *dealRecordDiff) error {
	c := t.c
	what := changeWord(c, ch.Change)
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
	fmt.Fprintf(&t.deals, "  %s  %s  %s\n", ch.Deal, what, desc)
	if ch.Note != "" && ch.Change != extract.ChangeCurrentMoved && ch.Change != extract.ChangeStatusChanged {
		fmt.Fprintf(&t.deals, "    %s\n", clean(hideIDs(ch.Note, t.showIDs)))
	}
	return t.deals.err
}

// end writes the totals, then the sections held back.
func (t *diffText) end(s *diffSummary) error {
	fmt.Fprintf(t.w, "%s\n", s.Description)
	if s.SchemaNote != nil {
		fmt.Fprintf(t.w, "%s\n", t.c.yellow(*s.SchemaNote))
	}
	for i := range t.sections {
		if err := t.sections[i].writeTo(t.w); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
	}
	fmt.Fprintln(t.w)
	if s.Deals == 0 {
		_, err := fmt.Fprintln(t.w, "deals: no change")
		return err
	}
	fmt.Fprintf(t.w, "%s\n", t.c.bold("DEALS: "+countNoun(s.Deals, "change", "changes")))
	if err := t.deals.writeTo(t.w); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// close frees the spools.
func (t *diffText) close() {
	for i := range t.sections {
		t.sections[i].close()
	}
	t.deals.close()
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

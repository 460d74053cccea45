package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// The readable "dealwatch deals": review needed first, then the deals
// two or more sources agree on, then those with one source, then the
// facts not counted. It is written as the deals are read: the header
// from the snapshot's counts, a pass that finds how wide the ids of
// each section are (reading no brief's JSON), then one pass over the
// deals per section (each decoding only the briefs that may be in it),
// so the first line shows at once and memory does not grow with the
// store. With filters a first pass counts the deals that pass them.

// writeReadable writes the readable list of the desk's deals that pass
// the filters.
//
// With --party the deals that may name the party come from the
// snapshot's party index (StatesOfParty): the passes test an id, not a
// brief's bytes.
func (o *dealsOptions) writeReadable(env *Env, l *store.Desk) error {
	f := o.Filter
	if f.Party != "" {
		briefs, _, _, _, err := l.StatesOfParty(f.Party)
		if err != nil {
			return err
		}
		f.partyIDs = make(map[string]bool, len(briefs))
		for _, b := range briefs {
			f.partyIDs[b.ID] = true
		}
	}
	return l.Walk(func(w *store.DealWalk) error {
		return writeDealWalk(env.Stdout, newTermColours(env), termWidth(env), &f, w)
	})
}

// writeDealWalk writes the readable list of the deals of w that pass f,
// fitted to width columns, and the facts not counted of those deals.
// A first pass, that decodes nothing without filters, finds how wide
// each section's ids are (and with filters how many deals pass them).
func writeDealWalk(out io.Writer, c termColours, width int, f *dealFilter, w *store.DealWalk) error {
	total, review, err := w.Counts()
	if err != nil {
		return err
	}
	var maybe func(id string, raw []byte) bool // the filters' quick test
	switch {
	case f.partyIDs != nil:
		maybe = func(id string, _ []byte) bool { return f.partyIDs[id] }
	case f.Party != "":
		maybe = func(_ string, raw []byte) bool { return store.BriefMayName(raw, f.Party) }
	}
	match := func(b *store.DealBrief) bool { return !f.any() || f.match(b) }
	shown, shownReview := total, review
	header := func() {
		of := ""
		if total != shown {
			of = fmt.Sprintf(" (of %d)", total)
		}
		fmt.Fprintf(out, "%s%s, %s\n", countNoun(shown, "deal", "deals"), of, countNoun(shownReview, "needs review", "need review"))
		if total == 0 {
			fmt.Fprintln(out, "(no grounded deal in the store; run \"dealwatch run PATH...\" first)")
		}
	}
	if f.any() {
		shown, shownReview = 0, 0 // counted below
	} else {
		header() // at once
	}
	var idWidth [2]int // of the agreed and one-source sections
	widen := func(agreed bool, id string) {
		i := 1
		if agreed {
			i = 0
		}
		idWidth[i] = max(idWidth[i], utf8.RuneCountInString(id)+4) // "  " + id + padding
	}
	err = w.Briefs(func(id string, raw []byte) bool {
		if f.any() {
			return maybe == nil || maybe(id, raw)
		}
		if !store.BriefNeedsReview(raw) {
			n, ok := store.BriefSources(raw)
			if !ok {
				return true
			}
			widen(n >= 2, id)
		}
		return false
	}, func(b *store.DealBrief, _ store.ReviewState) error {
		if !match(b) {
			return nil
		}
		if f.any() {
			shown++
			if b.Review == extract.ReviewNeeded {
				shownReview++
			}
		}
		if b.Review != extract.ReviewNeeded {
			widen(b.Sources >= 2, b.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if f.any() {
		header()
	}
	both := func(a func(string, []byte) bool, b func([]byte) bool) func(string, []byte) bool {
		if a == nil {
			return func(_ string, raw []byte) bool { return b(raw) }
		}
		return func(id string, raw []byte) bool { return a(id, raw) && b(raw) }
	}

	// Review needed: each deal with its open conflicts, wrapped.
	title := false
	err = w.Briefs(both(maybe, store.BriefNeedsReview), func(d *store.DealBrief, state store.ReviewState) error {
		if d.Review != extract.ReviewNeeded || !match(d) {
			return nil
		}
		if !title {
			title = true
			fmt.Fprintf(out, "\n%s\n", c.bold(c.red("NEEDS REVIEW")))
		}
		io.WriteString(out, colourFirst(wrap("  "+d.ID+"  ["+string(state)+"]  ", "      ", dealCurrentLine(*d), width), d.ID, c.bold))
		for _, k := range d.Conflicts {
			if k.Resolution != extract.ResolutionNone {
				continue // settled by a reviewer
			}
			io.WriteString(out, colourFirst(wrap("    conflict "+string(k.Field)+":", "      ", humanText(hideIDs(k.Note, false)), width), "conflict", c.red))
		}
		return nil
	})
	if err != nil {
		return err
	}

	// The others, one line each in columns: those two or more sources
	// agree on, then those with one source.
	for i, sec := range []struct {
		title  string
		agreed bool
	}{{"AGREED ACROSS SOURCES", true}, {"ONE SOURCE", false}} {
		inSection := func(raw []byte) bool {
			if store.BriefNeedsReview(raw) {
				return false
			}
			n, ok := store.BriefSources(raw)
			return !ok || (n >= 2) == sec.agreed
		}
		cols := &columns{w: out, widths: []int{idWidth[i]}}
		err := w.Briefs(both(maybe, inSection), func(d *store.DealBrief, state store.ReviewState) error {
			if d.Review == extract.ReviewNeeded || (d.Sources >= 2) != sec.agreed || !match(d) {
				return nil
			}
			if cols.rows == 0 {
				fmt.Fprintf(out, "\n%s\n", c.bold(c.green(sec.title)))
			}
			return cols.row("review: "+string(state), "  "+d.ID, dealFigure(d.Current.Amount, d.Capacity), orDash(string(d.Current.Status)),
				asOf(d.Current.AsOf), countNoun(d.Sources, "source", "sources"))
		})
		if err != nil {
			return err
		}
		if err := cols.flush(); err != nil {
			return err
		}
	}

	// The facts not counted, of the deals shown.
	title = false
	looked, lastID, kept := false, "", false // the deal of the last fact, shown or not
	return w.Unverified(func(u *extract.UnverifiedFact) error {
		if f.any() {
			if !looked || u.DealID != lastID {
				looked, lastID = true, u.DealID
				b, ok, err := w.Brief(u.DealID)
				if err != nil {
					return err
				}
				kept = ok && match(&b)
			}
			if !kept {
				return nil
			}
		}
		if !title {
			title = true
			fmt.Fprintf(out, "\n%s\n", c.bold(c.yellow("UNVERIFIED (not counted: not found in the text as stated, or unsure)")))
		}
		fmt.Fprintf(out, "  %s  %s  %s  %s\n", orDash(u.DealID), dealFigure(u.Deal.Amount, u.Deal.Capacity), u.Article, clean(u.Source))
		io.WriteString(out, wrap("    ", "    ", humanText(u.Reason), width))
		return nil
	})
}

// columnsBlock is how many rows columns holds before writing them.
const columnsBlock = 1024

// columns writes rows of cells in columns as text/tabwriter does
// (padding 2, widths in runes), a block of rows at a time, so that a
// long list streams: a column is as wide as the widest cell of the rows
// written so far and never narrows, so rows stay aligned with those
// above them, and a list of up to columnsBlock rows is exactly what a
// tabwriter gives.
type columns struct {
	w      io.Writer
	widths []int
	block  [][]string // cells, then the last (unaligned) text
	rows   int        // rows given so far
	buf    strings.Builder
}

// row adds a row: cells in columns, then last.
func (t *columns) row(last string, cells ...string) error {
	t.rows++
	t.block = append(t.block, append(cells, last))
	if len(t.block) >= columnsBlock {
		return t.flush()
	}
	return nil
}

// flush writes the rows held.
func (t *columns) flush() error {
	for _, r := range t.block {
		for i, cell := range r[:len(r)-1] {
			if i == len(t.widths) {
				t.widths = append(t.widths, 0)
			}
			t.widths[i] = max(t.widths[i], utf8.RuneCountInString(cell)+2)
		}
	}
	for _, r := range t.block {
		t.buf.Reset()
		for i, cell := range r[:len(r)-1] {
			t.buf.WriteString(cell)
			t.buf.WriteString(strings.Repeat(" ", t.widths[i]-utf8.RuneCountInString(cell)))
		}
		t.buf.WriteString(r[len(r)-1])
		t.buf.WriteByte('\n')
		if _, err := io.WriteString(t.w, t.buf.String()); err != nil {
			return err
		}
	}
	t.block = t.block[:0]
	return nil
}

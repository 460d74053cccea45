package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"slices"
	"strings"
	"testing"
	"text/tabwriter"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
	"github.com/google/go-cmp/cmp"
)

// oldDeals is the readable "dealwatch deals" as it was before it
// streamed: every brief read (States, or StatesMatching for --party),
// filtered, then written with a tabwriter over each section.
func oldDeals(db *store.DB, f dealFilter, width int) (string, error) {
	l, err := openDesk(db)
	if err != nil {
		return "", err
	}
	var briefs []store.DealBrief
	var states map[string]store.ReviewState
	var unverified []extract.UnverifiedFact
	var total int
	if f.Party != "" {
		briefs, states, unverified, total, err = l.StatesMatching(func(raw []byte) bool { return store.BriefMayName(raw, f.Party) })
	} else {
		briefs, states, unverified, err = l.States()
		total = len(briefs)
	}
	if err != nil {
		return "", err
	}
	if f.any() {
		kept := map[string]bool{}
		briefs = slices.DeleteFunc(briefs, func(b store.DealBrief) bool {
			kept[b.ID] = f.match(&b)
			return !kept[b.ID]
		})
		unverified = slices.DeleteFunc(unverified, func(u extract.UnverifiedFact) bool { return !kept[u.DealID] })
	}
	var out bytes.Buffer
	err = oldWriteDeals(&out, termColours{}, width, briefs, states, unverified, total)
	return out.String(), err
}

// oldWriteDeals is writeDeals as it was before the list streamed: it writes the readable list, fitted to width columns: review
// needed first, then the deals two or more sources agree on, then those
// with one source, then the unverified facts.
func oldWriteDeals(w io.Writer, c termColours, width int, deals []store.DealBrief, states map[string]store.ReviewState, unverified []extract.UnverifiedFact, total int) error {
	state := func(d store.DealBrief) string {
		if s, ok := states[d.ID]; ok {
			return string(s)
		}
		if d.Review == extract.ReviewNeeded {
			return string(store.StateOpen)
		}
		return string(store.StateNone)
	}
	var review, agreed, single []store.DealBrief
	for _, d := range deals {
		switch {
		case d.Review == extract.ReviewNeeded:
			review = append(review, d)
		case d.Sources >= 2:
			agreed = append(agreed, d)
		default:
			single = append(single, d)
		}
	}
	of := ""
	if total != len(deals) {
		of = fmt.Sprintf(" (of %d)", total)
	}
	fmt.Fprintf(w, "%s%s, %s\n", countNoun(len(deals), "deal", "deals"), of, countNoun(len(review), "needs review", "need review"))
	if total == 0 {
		fmt.Fprintln(w, "(no grounded deal in the store; run \"dealwatch run PATH...\" first)")
	}
	if len(review) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.red("NEEDS REVIEW")))
		for _, d := range review {
			io.WriteString(w, colourFirst(wrap("  "+d.ID+"  ["+state(d)+"]  ", "      ", dealCurrentLine(d), width), d.ID, c.bold))
			for _, k := range d.Conflicts {
				if k.Resolution != extract.ResolutionNone {
					continue // settled by a reviewer
				}
				io.WriteString(w, colourFirst(wrap("    conflict "+string(k.Field)+":", "      ", humanText(hideIDs(k.Note, false)), width), "conflict", c.red))
			}
		}
	}
	for _, sec := range []struct {
		title string
		deals []store.DealBrief
	}{{"AGREED ACROSS SOURCES", agreed}, {"ONE SOURCE", single}} {
		if len(sec.deals) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", c.bold(c.green(sec.title)))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, d := range sec.deals {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\treview: %s\n", d.ID, dealFigure(d.Current.Amount, d.Capacity), orDash(string(d.Current.Status)), asOf(d.Current.AsOf), countNoun(d.Sources, "source", "sources"), state(d))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(unverified) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.yellow("UNVERIFIED (not counted: not found in the text as stated, or unsure)")))
		for _, u := range unverified {
			fmt.Fprintf(w, "  %s  %s  %s  %s\n", orDash(u.DealID), dealFigure(u.Deal.Amount, u.Deal.Capacity), u.Article, clean(u.Source))
			io.WriteString(w, wrap("    ", "    ", humanText(u.Reason), width))
		}
	}
	return nil
}

// newDeals is the readable list as "dealwatch deals" now writes it.
func newDeals(db *store.DB, f dealFilter, width int) (string, error) {
	l, err := openDesk(db)
	if err != nil {
		return "", err
	}
	var out bytes.Buffer
	err = l.Walk(func(w *store.DealWalk) error { return writeDealWalk(&out, termColours{}, width, &f, w) })
	return out.String(), err
}

// compareDeals checks that the streamed list is the old one, for every
// filter of filters, at two widths.
func compareDeals(t *testing.T, path string, filters []dealFilter) {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range filters {
		for _, width := range []int{80, 200} {
			want, err := oldDeals(db, f, width)
			if err != nil {
				t.Fatal(err)
			}
			got, err := newDeals(db, f, width)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("deals %+v at %d columns differs from the whole-list writer (-old +new):\n%s", f, width, d)
			}
		}
	}
}

// readableFilters are the filters the streamed list is checked with.
var readableFilters = []dealFilter{
	{}, {Party: "openai"}, {Party: "Meta"}, {Party: "nobody"}, {Kind: "investment"}, {Stage: "agreed"},
	{Review: "needed"}, {Review: "none"}, {Since: "2026-03"}, {Party: "OpenAI", Kind: "compute_contract"},
}

// TestDealsReadableStreamed: the readable list written as the deals are
// read is the list the whole-list writer gave: from deals reconciled by
// the command (no snapshot), from a snapshot, with decisions (a deal
// rejected whole, an article rejected, a conflict resolved, a deal
// confirmed), after a night, and with every filter.
func TestDealsReadableStreamed(t *testing.T) {
	compareDeals(t, dealsFixture(t), readableFilters)
	f := newExportFixture(t)
	f.firstNight()
	compareDeals(t, f.path, readableFilters)
	f.decide(store.Decision{Deal: "coreweave+meta/compute_contract", Action: store.Reject})
	f.decide(store.Decision{Deal: "amazon+openai/compute_contract", Action: store.Reject, Article: "sha256:a1a1a1a1a1a1a1a1"})
	f.decide(store.Decision{Deal: "openai+oracle/compute_contract", Action: store.Resolve, Article: "sha256:c3c3c3c3c3c3c3c3"})
	f.decide(store.Decision{Deal: "amazon+openai/investment", Action: store.Dismiss})
	f.decide(store.Decision{Deal: "nvidia+openai/chip_supply", Action: store.Confirm})
	compareDeals(t, f.path, readableFilters)
	f.save(false, map[string]*extract.ArticleResult{
		"/news/g.txt": exResult("sha256:9a9a9a9a9a9a9a9a", "news/g.txt", "2025-06-01",
			exDeal(extract.KindCompute, extract.DealAgreed, "CoreWeave:seller,Meta:buyer", exUSD("5e9"), "Meta signs a first $5 billion deal with CoreWeave", 3)),
	})
	compareDeals(t, f.path, readableFilters)
	// A deal with two conflicts, one of them dismissed: the other keeps
	// it in review.
	f.save(false, map[string]*extract.ArticleResult{
		"/news/i.txt": exResult("sha256:1b1b1b1b1b1b1b1b", "news/i.txt", "2026-05-02",
			exDeal(extract.KindInvestment, extract.DealAnnounced, "Amazon:investor,OpenAI:investee", exUSD("80e9"), "Amazon puts $80 billion in OpenAI", 40)),
	})
	f.decide(store.Decision{Deal: "amazon+openai/investment", Action: store.Dismiss, Field: extract.FieldStatus})
	compareDeals(t, f.path, readableFilters)
	// A killed run: the command reconciles the stored results.
	f.save(true, map[string]*extract.ArticleResult{
		"/news/h.txt": exResult("sha256:abababababababab", "news/h.txt", "2026-06-15",
			exDeal(extract.KindInvestment, extract.DealCompleted, "Microsoft:investor,OpenAI:investee", exUSD("13e9"), "Microsoft's $13 billion in OpenAI", 12)),
	})
	compareDeals(t, f.path, readableFilters)
}

// TestColumns: up to a block of rows, columns writes what a tabwriter
// does; past it, every block is aligned, a column never narrows, and it
// widens only when a wider cell comes.
func TestColumns(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	cell := func(max int) string {
		return strings.Repeat("é", rng.Intn(max)) + strings.Repeat("x", rng.Intn(3))
	}
	rows := func(n, max int) [][]string {
		var out [][]string
		for range n {
			out = append(out, []string{"  " + cell(max), cell(max), cell(4), "review: " + cell(5)})
		}
		return out
	}
	for _, n := range []int{0, 1, 7, columnsBlock} {
		in := rows(n, 30)
		var want, got bytes.Buffer
		tw := tabwriter.NewWriter(&want, 0, 4, 2, ' ', 0)
		cols := &columns{w: &got}
		for _, r := range in {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r[0], r[1], r[2], r[3])
			if err := cols.row(r[3], r[:3]...); err != nil {
				t.Fatal(err)
			}
		}
		tw.Flush()
		if err := cols.flush(); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Errorf("%d rows: columns wrote\n%s\nwant (tabwriter)\n%s", n, got.String(), want.String())
		}
	}
	// Three blocks; the second has a wider first cell than the first.
	in := append(append(rows(columnsBlock, 10), rows(columnsBlock, 40)...), rows(columnsBlock/2, 10)...)
	var got bytes.Buffer
	cols := &columns{w: &got}
	for _, r := range in {
		if err := cols.row(r[3], r[:3]...); err != nil {
			t.Fatal(err)
		}
	}
	if err := cols.flush(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(got.String(), "\n"), "\n")
	if len(lines) != len(in) {
		t.Fatalf("%d lines, want %d", len(lines), len(in))
	}
	at := func(l string) int { return utf8RuneIndex(l, "review: ") }
	for i, l := range lines {
		block := i / columnsBlock
		if first := lines[block*columnsBlock]; at(l) != at(first) {
			t.Fatalf("line %d: review at %d, the first of its block at %d:\n%s\n%s", i, at(l), at(first), first, l)
		}
		if i > 0 && at(l) < at(lines[i-1]) {
			t.Fatalf("line %d: a column narrowed:\n%s\n%s", i, lines[i-1], l)
		}
	}
	if at(lines[columnsBlock]) <= at(lines[0]) || at(lines[2*columnsBlock]) != at(lines[columnsBlock]) {
		t.Errorf("the columns do not widen once for the wider block and stay: %d, %d, %d", at(lines[0]), at(lines[columnsBlock]), at(lines[2*columnsBlock]))
	}
}

// utf8RuneIndex is strings.Index in runes.
func utf8RuneIndex(s, sub string) int {
	i := strings.Index(s, sub)
	if i < 0 {
		return -1
	}
	return len([]rune(s[:i]))
}

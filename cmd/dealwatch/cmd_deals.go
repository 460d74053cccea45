package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
)

// dealsOptions are the flags of "dealwatch deals".
type dealsOptions struct {
	db     dbOptions
	JSON   bool // one ReconciledDeal per line (reconciled-deal.schema.json)
	Filter dealFilter
}

// AddFlags registers the flags of "dealwatch deals".
func (o *dealsOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.db.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one reconciled deal per line as JSON (reconciled-deal.schema.json)")
	fs.StringVar(&o.Filter.Party, "party", "", "only deals with this company among their parties (`NAME`, any case)")
	fs.StringVar(&o.Filter.Kind, "kind", "", "only deals of this `KIND`: "+joinStrings(extract.Kinds))
	fs.StringVar(&o.Filter.Stage, "stage", "", "only deals whose current stage is `STAGE`: "+joinStrings(extract.DealStatuses))
	fs.StringVar(&o.Filter.Since, "since", "", "only deals whose current figure is dated `DATE` (YYYY, YYYY-MM or YYYY-MM-DD) or later")
	fs.StringVar(&o.Filter.Review, "review", "", "only deals that need review today (needed) or not (none)")
}

// dealFilter narrows "dealwatch deals"; a zero field matches any deal.
type dealFilter struct {
	Party, Kind, Stage, Since, Review string
	// partyIDs, when not nil, are the deals that may name Party, from
	// the snapshot's party index (see writeReadable).
	partyIDs map[string]bool
}

// any reports whether any filter is set.
func (f *dealFilter) any() bool {
	return f.Party != "" || f.Kind != "" || f.Stage != "" || f.Since != "" || f.Review != ""
}

// check validates the filters: a usage error names the values allowed.
func (f *dealFilter) check() error {
	f.Party = strings.TrimSpace(f.Party)
	if f.Kind != "" && !slices.Contains(extract.Kinds, extract.Kind(f.Kind)) {
		return usageErr("--kind %q: choose %s", f.Kind, joinStrings(extract.Kinds))
	}
	if f.Stage != "" && !slices.Contains(extract.DealStatuses, extract.DealStatus(f.Stage)) {
		return usageErr("--stage %q: choose %s", f.Stage, joinStrings(extract.DealStatuses))
	}
	switch f.Review {
	case "", string(extract.ReviewNeeded), string(extract.ReviewNone):
	default:
		return usageErr("--review %q: choose needed or none", f.Review)
	}
	if f.Since != "" {
		ok := false
		for _, layout := range []string{"2006", "2006-01", "2006-01-02"} {
			if _, err := time.Parse(layout, f.Since); err == nil && len(f.Since) == len(layout) {
				ok = true
			}
		}
		if !ok {
			return usageErr("--since %q: give a date as YYYY, YYYY-MM or YYYY-MM-DD", f.Since)
		}
	}
	return nil
}

// match reports whether the deal passes every filter. --since compares
// dates to the precision both have ("2026-04" is on or after
// "2026-04-15"); an undated deal never passes it.
func (f *dealFilter) match(d *store.DealBrief) bool {
	if f.Kind != "" && string(d.Kind) != f.Kind {
		return false
	}
	if f.Stage != "" && string(d.Current.Status) != f.Stage {
		return false
	}
	if f.Review != "" && string(d.Review) != f.Review {
		return false
	}
	if f.Party != "" && !slices.ContainsFunc(d.Parties, func(p string) bool { return strings.EqualFold(p, f.Party) }) {
		return false
	}
	if f.Since != "" {
		if d.Current.AsOf == nil {
			return false
		}
		asOf, since := *d.Current.AsOf, f.Since
		n := min(len(asOf), len(since))
		if asOf[:n] < since[:n] {
			return false
		}
	}
	return true
}

// joinStrings is "a, b or c".
func joinStrings[S ~string](xs []S) string {
	var b strings.Builder
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		b.WriteString(string(x))
	}
	return b.String()
}

func newDealsCmd(env *Env) *cobra.Command {
	var o dealsOptions
	cmd := &cobra.Command{
		Use:     "deals [flags]",
		GroupID: groupStore,
		Short:   "Reconciled deals across articles, conflicts first",
		Long: `Deals reconciles the deals of the latest version of every stored article:
the articles that report the same deal are put together, and the deal's
current figure and stage are those of the latest dated report. Deals
whose sources disagree need review and come first, with the conflicts;
then the deals the sources agree on; then the facts not counted because
they are not found in the text as stated, or the backend is unsure of
them (confidence under 0.5).

--party, --kind, --stage, --since and --review narrow the list (each
flag given must match); "--review needed" lists the deals that need
review as of the latest run.

With --json it prints one reconciled deal per line, sorted by id
(reconciled-deal.schema.json), and nothing else.`,
		Example: `  dealwatch deals --db news.db
  dealwatch deals --party OpenAI --kind compute_contract
  dealwatch deals --review needed --since 2026-01
  dealwatch deals --stage agreed --json | jq .id`,
		Args: needArgs(0, 0, "no arguments (use dealwatch history DEAL_ID for one deal)"),
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

// run prints the deals reconciled from the latest version of every
// stored article: those needing review first, then the rest, then the
// facts not counted because they are not grounded. With --json it prints
// one ReconciledDeal per line, sorted by id, and nothing else: the same
// store always gives the same bytes.
func (o *dealsOptions) run(ctx context.Context, env *Env, args []string) (err error) {
	env, flush := streamStdout(env)
	defer func() { err = flush(err) }()
	if err := o.Filter.check(); err != nil {
		return err
	}
	db, err := o.db.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	snapshotNote(env, db)
	decisions, err := db.DecisionsByDeal()
	if err != nil {
		return fmt.Errorf("read decisions: %w", err)
	}
	// The snapshot "run" stored at its end answers without decoding and
	// reconciling every result; it is used while no version was written
	// after it, else the deals are reconciled here. Only the deals a
	// reviewer decided on are decoded, to apply the decisions.
	if o.JSON {
		bw := bufio.NewWriterSize(env.Stdout, 64<<10)
		each := db.EachLatestDealLine
		if o.Filter.Party != "" {
			// With the party index, only that party's lines are read.
			each = func(fn func(line []byte) error) (bool, error) {
				ok, indexed, err := db.EachPartyDealLine(o.Filter.Party, fn)
				if err != nil || !ok || indexed {
					return ok, err
				}
				return db.EachLatestDealLine(fn)
			}
		}
		ok, err := each(func(line []byte) error {
			if len(decisions) > 0 {
				out, _, err := decidedLine(line, decisions)
				if err != nil || out == nil {
					return err
				}
				line = out
			}
			if o.Filter.Party != "" {
				if parties, ok := lineParties(line); ok && !slices.ContainsFunc(parties, func(p string) bool { return strings.EqualFold(p, o.Filter.Party) }) {
					return nil // decoded only when it may match
				}
			}
			if o.Filter.any() {
				var d extract.ReconciledDeal
				if err := json.Unmarshal(line, &d); err != nil {
					return fmt.Errorf("decode deal: %w", err)
				}
				if b := store.Brief(&d); !o.Filter.match(&b) {
					return nil
				}
			}
			bw.Write(line)
			return bw.WriteByte('\n')
		})
		if err != nil {
			return fmt.Errorf("read deals: %w", err)
		}
		if ok {
			if err := bw.Flush(); err != nil {
				return fmt.Errorf("write deals: %w", err)
			}
			return nil
		}
	} else {
		l, err := openDesk(db)
		if err != nil {
			return err
		}
		return o.writeReadable(env, l)
	}
	results, err := db.Latest()
	if err != nil {
		return fmt.Errorf("read latest results: %w", err)
	}
	deals := reconcileOptions().Reconcile(results)
	kept := deals[:0]
	for i := range deals {
		if r := store.ApplyDecisions(&deals[i], decisions[deals[i].ID]); r.State != store.StateRejected {
			kept = append(kept, deals[i])
		}
	}
	deals = kept
	if o.JSON {
		if o.Filter.any() {
			deals = slices.DeleteFunc(deals, func(d extract.ReconciledDeal) bool {
				b := store.Brief(&d)
				return !o.Filter.match(&b)
			})
		}
		return writeDealsJSON(env.Stdout, deals)
	}
	return nil
}

// decidedLine applies the decisions on the deal of a "deals --json"
// line: decided is false when there are none; out is nil when the deal
// was rejected as a whole.
func decidedLine(line []byte, decisions map[string][]store.Decision) (out []byte, decided bool, err error) {
	var head struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(line, &head); err != nil {
		return nil, false, fmt.Errorf("decode deal: %w", err)
	}
	decs := decisions[head.ID]
	if len(decs) == 0 {
		return line, false, nil
	}
	var d extract.ReconciledDeal
	if err := json.Unmarshal(line, &d); err != nil {
		return nil, false, fmt.Errorf("decode deal %s: %w", head.ID, err)
	}
	if r := store.ApplyDecisions(&d, decs); r.State == store.StateRejected {
		return nil, true, nil
	}
	out, err = store.MarshalDealLine(&d)
	return out, true, err
}

// writeDealsJSON writes one deal per line.
func writeDealsJSON(w io.Writer, deals []extract.ReconciledDeal) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range deals {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("write deal %s: %w", d.ID, err)
		}
	}
	return nil
}

// colourFirst colours the first occurrence of word in s.
func colourFirst(s, word string, colour func(string) string) string {
	i := strings.Index(s, word)
	if i < 0 {
		return s
	}
	return s[:i] + colour(word) + s[i+len(word):]
}

// dealCurrentLine is "over $138B, expanded, as of 2026-02-27 (sha256:…) · 3 sources".
func dealCurrentLine(d store.DealBrief) string {
	return fmt.Sprintf("%s (%s) · %s", describeCurrent(d.Current, d.Capacity), d.Current.Article, countNoun(d.Sources, "source", "sources"))
}

func asOf(p *string) string {
	if p == nil {
		return "undated"
	}
	return *p
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// dealHistory prints the timeline of deal id, reconciled from the
// latest version of every stored article: each article's view with its
// relation and the sentences it comes from, then the conflicts and the
// facts not counted. An id that is not a deal is ErrNotFound, with the
// closest ids.
func dealHistory(ctx context.Context, env *Env, db *store.DB, id string) error {
	snapshotNote(env, db)
	l, err := openDesk(db)
	if err != nil {
		return err
	}
	found, err := findDeskDeal(l, id)
	if err != nil {
		return err
	}
	rd, err := l.Reviewed(found)
	if err != nil {
		return err
	}
	c := newTermColours(env)
	if err := writeDealHistory(env.Stdout, c, termWidth(env), rd.Deal, rd.Unverified); err != nil {
		return err
	}
	writeDealDecisions(env.Stdout, c, rd, l.DecisionsOf(found))
	return nil
}

// snapshotNote says on stderr when the stored deals were reconciled by
// another dealwatch (an upgrade, another build): they are shown as they
// are rather than reconciled again on every read; the next run
// reconciles them with this one.
func snapshotNote(env *Env, db *store.DB) {
	if by, same, err := db.SnapshotBy(); err == nil && !same {
		fmt.Fprintf(env.Stderr, "note: these deals were reconciled by another dealwatch (%s); the next run reconciles them again\n", sanitize(by))
	}
}

// writeDealHistory writes one deal's timeline.
func writeDealHistory(w io.Writer, c termColours, width int, d extract.ReconciledDeal, unverified []extract.UnverifiedFact) error {
	fmt.Fprintf(w, "%s  %s · %s\n", c.bold(d.ID), clean(strings.Join(d.Parties, ", ")), d.Kind)
	cur := describeCurrent(d.Current, store.DealCapacity(&d)) + " (" + d.Current.Article + ")"
	if why := reasonWords[d.Current.Reason]; why != "" {
		cur += ": " + why
	}
	io.WriteString(w, wrap("current:", "         ", cur, width))
	review := string(d.Review)
	if d.Review == extract.ReviewNeeded {
		review = c.red(review)
	}
	fmt.Fprintf(w, "review:  %s · %s\n", review, countNoun(d.Sources(), "source", "sources"))
	for _, h := range d.History {
		rel := string(h.Relation)
		if h.Relation == extract.RelConflict {
			rel = c.red(rel)
		}
		fmt.Fprintf(w, "\n%s  %s  %s  %s  %s\n", asOf(h.AsOf), h.Article, dealFigure(h.Amount, h.Capacity), orDash(string(h.Status)), c.bold(rel))
		if h.Source != "" {
			fmt.Fprintf(w, "    %s\n", c.dim(clean(h.Source)))
		}
		if h.Note != "" {
			io.WriteString(w, wrap("    ", "    ", humanText(h.Note), width))
		}
		for _, e := range h.Evidence {
			io.WriteString(w, wrap("    ", "    ", fmt.Sprintf("“%s” [%d:%d]", oneLine(e.Text), e.Start, e.End), width))
		}
	}
	if len(d.Conflicts) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.red("CONFLICTS")))
		for _, k := range d.Conflicts {
			io.WriteString(w, wrap("  "+string(k.Field)+":", "    ", humanText(k.Note), width))
			io.WriteString(w, wrap("    articles:", "      ", strings.Join(k.Articles, ", "), width))
		}
	}
	if len(unverified) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.yellow("UNVERIFIED (not counted)")))
		for _, u := range unverified {
			fmt.Fprintf(w, "  %s  %s  %s\n", asOf(u.AsOf), u.Article, dealFigure(u.Deal.Amount, u.Deal.Capacity))
			io.WriteString(w, wrap("    ", "    ", humanText(u.Reason), width))
			if u.Deal.Evidence.Text != "" {
				io.WriteString(w, wrap("    ", "    ", "“"+oneLine(u.Deal.Evidence.Text)+"”", width))
			}
		}
	}
	return nil
}

// oneLine folds white space runs (new lines in the evidence) into one
// space and drops control characters (see clean): evidence is article
// text, untrusted.
func oneLine(s string) string { return clean(s) }

// reconcileLatest reconciles the latest version of every stored article,
// for commands that report on deals ("run" at its end, "deals", "diff").
func reconcileLatest(db *store.DB) ([]extract.ReconciledDeal, error) {
	results, err := db.Latest()
	if err != nil {
		return nil, fmt.Errorf("read latest results: %w", err)
	}
	return reconcileOptions().Reconcile(results), nil
}

// countReview returns how many deals need review.
func countReview(deals []extract.ReconciledDeal) int {
	n := 0
	for _, d := range deals {
		if d.Review == extract.ReviewNeeded {
			n++
		}
	}
	return n
}

// writeDealChanges writes reconcile.CompareReconciled's changes for people,
// one line per change ("deal  change  before → after") and the note
// below it (wrapped to width), for "dealwatch diff".
func writeDealChanges(w io.Writer, c termColours, width int, changes []extract.DealChange) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "deals: no change")
		return err
	}
	fmt.Fprintf(w, "deals: %s\n", countNoun(len(changes), "change", "changes"))
	for _, ch := range changes {
		what := changeWord(c, ch.Change)
		var desc string
		switch {
		case ch.Before == "":
			desc = ch.After
		case ch.After == "":
			desc = ch.Before
		case ch.Before == ch.After:
			desc = ch.After
		default:
			desc = ch.Before + " → " + ch.After
		}
		fmt.Fprintf(w, "  %s  %s  %s\n", ch.Deal, what, humanText(desc))
		if ch.Note != "" && ch.Change != extract.ChangeCurrentMoved && ch.Change != extract.ChangeStatusChanged {
			io.WriteString(w, wrap("    ", "      ", humanText(ch.Note), width))
		}
	}
	return nil
}

// reconcileOptions are the options every command reconciles with: the
// project's venture gazetteer.
func reconcileOptions() *reconcile.Options {
	return &reconcile.Options{Ventures: extract.KnownVentures()}
}

// reasonWords says why a current figure is current, for people.
var reasonWords = map[extract.CurrentReason]string{
	extract.ReasonOnlySource:         "the only source",
	extract.ReasonLatest:             "the latest article that states it",
	extract.ReasonLatestConfirmed:    "the latest figure a party states",
	extract.ReasonStatedRevision:     "a revision the article states",
	extract.ReasonFirst:              "the first figure; no later one replaces it",
	extract.ReasonDisputed:           "disputed by later articles",
	extract.ReasonResolvedByReviewer: "chosen by a reviewer",
}

// lineParties reads the parties of a deal's canonical JSON line without
// decoding the rest (they come before its timeline); ok is false when
// the line does not start with id, kind and parties.
func lineParties(line []byte) (parties []string, ok bool) {
	dec := json.NewDecoder(bytes.NewReader(line))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	for range 3 {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		key, _ := t.(string)
		if key == "parties" {
			if err := dec.Decode(&parties); err != nil {
				return nil, false
			}
			return parties, true
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, false
		}
	}
	return nil, false
}

// changeWord is a deal change's word for people, red when it needs a
// look (a new conflict), green when it settles one.
func changeWord(c termColours, change extract.ChangeKind) string {
	what := string(change)
	switch change {
	case extract.ChangeConflicted, extract.ChangeNewConflict:
		what = c.red(what)
	case extract.ChangeResolved, extract.ChangeAdded:
		what = c.green(what)
	}
	return what
}

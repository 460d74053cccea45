package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// dealsOptions are the flags of "dealwatch deals".
type dealsOptions struct {
	db   dbOptions
	JSON bool // one ReconciledDeal per line (reconciled-deal.schema.json)
}

// AddFlags registers the flags of "dealwatch deals".
func (o *dealsOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.db.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one reconciled deal per line as JSON (reconciled-deal.schema.json)")
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
they are not found in the text as stated.

With --json it prints one reconciled deal per line, sorted by id
(reconciled-deal.schema.json), and nothing else.`,
		Example: `  dealwatch deals --db news.db
  dealwatch deals --json | jq .id`,
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
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	db, err := o.db.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
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
		ok, err := db.EachLatestDealLine(func(line []byte) error {
			if len(decisions) > 0 {
				if out, decided, err := decidedLine(line, decisions); err != nil || decided {
					if err != nil || out == nil {
						return err
					}
					line = out
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
		results, err := db.Latest()
		if err != nil {
			return fmt.Errorf("read latest results: %w", err)
		}
		deals := extract.Reconcile(results)
		kept := deals[:0]
		for i := range deals {
			if r := store.ApplyDecisions(&deals[i], decisions[deals[i].ID]); r.State != store.StateRejected {
				kept = append(kept, deals[i])
			}
		}
		return writeDealsJSON(env.Stdout, kept)
	}
	l, err := loadLatestDeals(db)
	if err != nil {
		return err
	}
	briefs, states, unverified, err := l.states()
	if err != nil {
		return err
	}
	return writeDeals(env.Stdout, newTermColours(env), briefs, states, unverified)
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

// briefsOf returns the briefs of deals, for writeDeals.
func briefsOf(deals []extract.ReconciledDeal) []store.DealBrief {
	out := make([]store.DealBrief, len(deals))
	for i := range deals {
		out[i] = store.Brief(&deals[i])
	}
	return out
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

// writeDeals writes the readable list: review needed first, then the
// rest, then the unverified facts.
func writeDeals(w io.Writer, c termColours, deals []store.DealBrief, states map[string]store.ReviewState, unverified []extract.UnverifiedFact) error {
	state := func(d store.DealBrief) string {
		if s, ok := states[d.ID]; ok {
			return string(s)
		}
		if d.Review == extract.ReviewNeeded {
			return string(store.StateOpen)
		}
		return string(store.StateNone)
	}
	var review, ok []store.DealBrief
	for _, d := range deals {
		if d.Review == extract.ReviewNeeded {
			review = append(review, d)
		} else {
			ok = append(ok, d)
		}
	}
	fmt.Fprintf(w, "%s, %s\n", countNoun(len(deals), "deal", "deals"), countNoun(len(review), "needs review", "need review"))
	if len(deals) == 0 {
		fmt.Fprintln(w, "(no grounded deal in the store; run \"dealwatch run PATH...\" first)")
	}
	if len(review) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.red("NEEDS REVIEW")))
		for _, d := range review {
			fmt.Fprintf(w, "  %s  [%s]  %s\n", c.bold(d.ID), state(d), dealCurrentLine(d))
			for _, k := range d.Conflicts {
				fmt.Fprintf(w, "    %s %s: %s\n", c.red("conflict"), k.Field, k.Note)
			}
		}
	}
	if len(ok) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.green("AGREED ACROSS SOURCES")))
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		for _, d := range ok {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\treview: %s\n", d.ID, extract.FormatMoney(d.Current.Amount), orDash(string(d.Current.Status)), asOf(d.Current.AsOf), countNoun(d.Sources, "source", "sources"), state(d))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(unverified) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.yellow("UNVERIFIED (not counted: not found in the text as stated)")))
		for _, u := range unverified {
			fmt.Fprintf(w, "  %s  %s  %s  %s\n", orDash(u.DealID), extract.FormatMoney(u.Deal.Amount), u.Article, u.Source)
			fmt.Fprintf(w, "    %s\n", u.Reason)
		}
	}
	return nil
}

// dealCurrentLine is "over $138B, expanded, as of 2026-02-27 (sha256:…) · 3 sources".
func dealCurrentLine(d store.DealBrief) string {
	return fmt.Sprintf("%s (%s) · %s", extract.DescribeCurrent(d.Current), d.Current.Article, countNoun(d.Sources, "source", "sources"))
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
	l, err := loadLatestDeals(db)
	if err != nil {
		return err
	}
	found, err := findDealID(l.ids(), id)
	if err != nil {
		return err
	}
	rd, err := l.reviewed(found)
	if err != nil {
		return err
	}
	c := newTermColours(env)
	if err := writeDealHistory(env.Stdout, c, rd.Deal, rd.Unverified); err != nil {
		return err
	}
	writeDealDecisions(env.Stdout, c, rd, l.decisions[found])
	return nil
}

// writeDealHistory writes one deal's timeline.
func writeDealHistory(w io.Writer, c termColours, d extract.ReconciledDeal, unverified []extract.UnverifiedFact) error {
	fmt.Fprintf(w, "%s  %s · %s\n", c.bold(d.ID), strings.Join(d.Parties, ", "), d.Kind)
	fmt.Fprintf(w, "current: %s (%s)\n", extract.DescribeCurrent(d.Current), d.Current.Article)
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
		fmt.Fprintf(w, "\n%s  %s  %s  %s  %s\n", asOf(h.AsOf), h.Article, extract.FormatMoney(h.Amount), orDash(string(h.Status)), c.bold(rel))
		if h.Source != "" {
			fmt.Fprintf(w, "    %s\n", c.dim(h.Source))
		}
		if h.Note != "" {
			fmt.Fprintf(w, "    %s\n", h.Note)
		}
		for _, e := range h.Evidence {
			fmt.Fprintf(w, "    “%s” [%d:%d]\n", oneLine(e.Text), e.Start, e.End)
		}
	}
	if len(d.Conflicts) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.red("CONFLICTS")))
		for _, k := range d.Conflicts {
			fmt.Fprintf(w, "  %s: %s\n", k.Field, k.Note)
			fmt.Fprintf(w, "    articles: %s\n", strings.Join(k.Articles, ", "))
		}
	}
	if len(unverified) > 0 {
		fmt.Fprintf(w, "\n%s\n", c.bold(c.yellow("UNVERIFIED (not counted)")))
		for _, u := range unverified {
			fmt.Fprintf(w, "  %s  %s  %s\n", asOf(u.AsOf), u.Article, extract.FormatMoney(u.Deal.Amount))
			fmt.Fprintf(w, "    %s\n", u.Reason)
			if u.Deal.Evidence.Text != "" {
				fmt.Fprintf(w, "    “%s”\n", oneLine(u.Deal.Evidence.Text))
			}
		}
	}
	return nil
}

// oneLine folds white space runs (new lines in the evidence) into one
// space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// reconcileLatest reconciles the latest version of every stored article,
// for commands that report on deals ("run" at its end, "deals", "diff").
func reconcileLatest(db *store.DB) ([]extract.ReconciledDeal, error) {
	results, err := db.Latest()
	if err != nil {
		return nil, fmt.Errorf("read latest results: %w", err)
	}
	return extract.Reconcile(results), nil
}

// snapshotDeals stores the reconciled deals as of the end of run runID
// (store.PutDeals), so that deals, history and diff read them instead of
// reconciling every result. A run that wrote no version carries the
// previous snapshot over without reconciling. It returns how many deals
// there are and how many need review.
func snapshotDeals(db *store.DB, runID uint64) (deals, review int, err error) {
	carried, err := db.CarryDeals(runID)
	if err != nil {
		return 0, 0, err
	}
	if !carried {
		results, err := db.Latest()
		if err != nil {
			return 0, 0, fmt.Errorf("read latest results: %w", err)
		}
		all := extract.Reconcile(results)
		if err := db.PutDeals(runID, all, extract.Unverified(results)); err != nil {
			return 0, 0, err
		}
	}
	briefs, ok, err := db.DealBriefsAt(runID)
	if err != nil {
		return 0, 0, err
	}
	if !ok {
		return 0, 0, fmt.Errorf("run %d: the deals just stored are missing", runID)
	}
	review, err = queueLength(db, briefs)
	return len(briefs), review, err
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

// writeDealChanges writes extract.CompareReconciled's changes for people,
// one line per change ("deal  change  before → after") and the note
// below it, for "dealwatch diff".
func writeDealChanges(w io.Writer, c termColours, changes []extract.DealChange) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "deals: no change")
		return err
	}
	fmt.Fprintf(w, "deals: %s\n", countNoun(len(changes), "change", "changes"))
	for _, ch := range changes {
		what := string(ch.Change)
		switch ch.Change {
		case extract.ChangeConflicted, extract.ChangeNewConflict:
			what = c.red(what)
		case extract.ChangeResolved, extract.ChangeAdded:
			what = c.green(what)
		}
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
		fmt.Fprintf(w, "  %s  %s  %s\n", ch.Deal, what, desc)
		if ch.Note != "" && ch.Change != extract.ChangeCurrentMoved && ch.Change != extract.ChangeStatusChanged {
			fmt.Fprintf(w, "    %s\n", ch.Note)
		}
	}
	return nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// diffOptions are the flags of "dealwatch diff".
type diffOptions struct {
	DB   dbOptions
	JSON bool
}

// AddFlags registers the flags of "dealwatch diff".
func (o *diffOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one change per line as JSON (JSON Lines)")
}

func newDiffCmd(env *Env) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:     "diff [flags] [RUN_A [RUN_B]]",
		GroupID: groupStore,
		Short:   "What changed between two runs",
		Long: `Diff shows what changed from run RUN_A to run RUN_B: articles and deals
added, removed or changed, field by field, then the reconciled deals
that changed (a new conflict, a current figure that moved). Without
arguments it compares the last two complete runs; with one, that run and
the last complete one. Run 0 is the empty store.`,
		Example: `  dealwatch diff
  dealwatch diff 3
  dealwatch diff 0 5 --json`,
		Args: needArgs(0, 2, "at most two run numbers"),
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *diffOptions) run(ctx context.Context, env *Env, rest []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	var ids []uint64
	for _, a := range rest {
		n, err := strconv.ParseUint(a, 10, 64)
		if err != nil {
			return usageErr("diff: %q is not a run number (see dealwatch runs)", a)
		}
		ids = append(ids, n)
	}
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	runs, err := db.Runs()
	if err != nil {
		return err
	}
	a, b, err := pickRuns(runs, ids)
	if err != nil {
		return err
	}
	if b == 0 {
		if !o.JSON {
			fmt.Fprintln(env.Stdout, "no complete runs yet: nothing to compare (run dealwatch run PATH... first)")
		}
		return nil
	}
	changes, err := db.DiffRuns(a, b)
	if err != nil {
		return err
	}
	dealChanges, err := reconciledChanges(db, a, b)
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, c := range changes {
			if err := enc.Encode(c); err != nil {
				return fmt.Errorf("write change: %w", err)
			}
		}
		for _, c := range dealChanges {
			line := struct {
				Scope string `json:"scope"`
				extract.DealChange
			}{"reconciled_deal", c}
			if err := enc.Encode(line); err != nil {
				return fmt.Errorf("write change: %w", err)
			}
		}
		return nil
	}
	colours := newTermColours(env)
	writeChanges(env.Stdout, colours, runsByID(runs), a, b, changes)
	fmt.Fprintln(env.Stdout)
	return writeDealChanges(env.Stdout, colours, termWidth(env), dealChanges)
}

// reconciledChanges compares the reconciled deals as of the end of run a
// with those as of the end of run b: a deal that became conflicted, a
// current figure that moved.
func reconciledChanges(db *store.DB, a, b uint64) ([]extract.DealChange, error) {
	// The deals stored at the end of each run, when both have them.
	if ba, bb, ok, err := db.ChangedDealBriefs(a, b); err != nil {
		return nil, err
	} else if ok {
		before, after := dealsOfBriefs(ba), dealsOfBriefs(bb)
		trimSharedConflicts(before, after)
		return reconcile.CompareReconciled(before, after), nil
	}
	var before []extract.ArticleResult
	if a != 0 {
		var err error
		if before, err = db.ResultsAt(a); err != nil {
			return nil, fmt.Errorf("read results of run %d: %w", a, err)
		}
	}
	after, err := db.ResultsAt(b)
	if err != nil {
		return nil, fmt.Errorf("read results of run %d: %w", b, err)
	}
	return reconcile.CompareReconciled(reconcileOptions().Reconcile(before), reconcileOptions().Reconcile(after)), nil
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

// trimSharedConflicts drops, from each deal present before and after,
// the conflicts (by field and note) that the deal has on both sides.
// CompareReconciled reports only the conflicts that are new, and whether
// a deal needs review before and after, so the result is the same; but
// it compares the conflict lists pairwise, which a deal with hundreds of
// conflicts makes slow. One conflict is kept on a side that had any.
func trimSharedConflicts(before, after []extract.ReconciledDeal) {
	type fieldNote struct {
		field extract.ConflictField
		note  string
	}
	old := make(map[string]*extract.ReconciledDeal, len(before))
	for i := range before {
		old[before[i].ID] = &before[i]
	}
	for i := range after {
		a := &after[i]
		b, ok := old[a.ID]
		if !ok || len(a.Conflicts) == 0 || len(b.Conflicts) == 0 {
			continue
		}
		known := make(map[fieldNote]bool, len(b.Conflicts))
		for _, c := range b.Conflicts {
			known[fieldNote{c.Field, c.Note}] = true
		}
		var fresh []extract.Conflict
		for _, c := range a.Conflicts {
			if !known[fieldNote{c.Field, c.Note}] {
				fresh = append(fresh, c)
			}
		}
		if len(fresh) == 0 {
			// Nothing new: the same single conflict on both sides.
			a.Conflicts = a.Conflicts[:1]
			b.Conflicts = a.Conflicts
			continue
		}
		// None of fresh is in b, so any one of b's conflicts keeps
		// "needed review before" without hiding one of them.
		a.Conflicts = fresh
		b.Conflicts = b.Conflicts[:1]
	}
}

// pickRuns chooses the runs to compare: the last two complete runs with
// no argument (or 0 and the only one), RUN_A and the last complete run
// with one, both with two. Run 0 is the empty store.
func pickRuns(runs []store.Run, ids []uint64) (a, b uint64, err error) {
	known := runsByID(runs)
	for _, id := range ids {
		if _, ok := known[id]; !ok && id != 0 {
			return 0, 0, fmt.Errorf("run %d: %w (see dealwatch runs)", id, store.ErrNotFound)
		}
	}
	var complete []uint64
	for _, r := range runs {
		if r.State == store.RunComplete {
			complete = append(complete, r.ID)
		}
	}
	last := func(k int) uint64 {
		if len(complete) < k {
			return 0
		}
		return complete[len(complete)-k]
	}
	switch len(ids) {
	case 0:
		return last(2), last(1), nil
	case 1:
		return ids[0], last(1), nil
	default:
		return ids[0], ids[1], nil
	}
}

func runsByID(runs []store.Run) map[uint64]store.Run {
	m := make(map[uint64]store.Run, len(runs))
	for _, r := range runs {
		m[r.ID] = r
	}
	return m
}

// writeChanges prints changes grouped by article, with +, - and ~ marks.
func writeChanges(w io.Writer, c termColours, runs map[uint64]store.Run, a, b uint64, changes []store.Change) {
	label := func(id uint64) string {
		if id == 0 {
			return "the empty store"
		}
		r := runs[id]
		return fmt.Sprintf("run %d (%s, %s)", id, localTime(r.Started), r.State)
	}
	articles := map[string]bool{}
	for _, ch := range changes {
		articles[ch.Source+"\x00"+ch.Article] = true
	}
	fmt.Fprintf(w, "%s\n", c.bold(fmt.Sprintf("changes from %s to %s: %s in %s",
		label(a), label(b), countNoun(len(changes), "change", "changes"), countNoun(len(articles), "article", "articles"))))
	var lastArticle, lastDeal string
	for _, ch := range changes {
		if art := ch.Source + "\x00" + ch.Article; art != lastArticle {
			lastArticle, lastDeal = art, ""
			fmt.Fprintf(w, "\n%s  %s  %s\n", c.bold(sanitize(ch.Source)), c.dim(ch.Article), c.yellow("("+sanitize(ch.Cause)+")"))
		}
		switch {
		case ch.Deal == "":
			fmt.Fprintf(w, "  ~ article %s: %s → %s\n", ch.Field, changeValue(ch.Before), changeValue(ch.After))
		case ch.Change == store.Added:
			fmt.Fprintf(w, "  %s\n", c.green("+ "+humanText(*ch.After)))
		case ch.Change == store.Removed:
			fmt.Fprintf(w, "  %s\n", c.red("- "+humanText(*ch.Before)))
		default:
			if ch.Deal != lastDeal {
				fmt.Fprintf(w, "  %s\n", c.yellow("~ "+humanText(ch.Deal)))
			}
			fmt.Fprintf(w, "      %s: %s → %s\n", ch.Field, c.red(changeValue(ch.Before)), c.green(changeValue(ch.After)))
		}
		lastDeal = ch.Deal
	}
}

func changeValue(s *string) string {
	if s == nil {
		return "(none)"
	}
	return humanText(*s)
}

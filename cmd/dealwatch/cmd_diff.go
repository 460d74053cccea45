package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// diffOptions are the flags of "dealwatch diff".
type diffOptions struct {
	DB   dbOptions
	JSON bool
	IDs  bool
}

// AddFlags registers the flags of "dealwatch diff".
func (o *diffOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one record per line as JSON (JSON Lines, diff.schema.json)")
	fs.BoolVar(&o.IDs, "ids", false, "show article ids (sha256:…) next to titles and files")
}

func newDiffCmd(env *Env) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:     "diff [flags] [RUN_A [RUN_B]]",
		GroupID: groupStore,
		Short:   "What changed between two runs",
		Long: `Diff shows what changed from run RUN_A to run RUN_B, in that direction
(RUN_A may be the later one): the articles changed, new or removed, named
by title and file, each with its deals' changes field by field (old →
new) and the sentence of the new value; facts not counted (not found in
the text, implausible) marked as such; the articles not extracted (empty,
unsupported language, failed) in their own section; then the reconciled
deals that changed (a new conflict, a current figure that moved). With
--json every record has a scope (diff.schema.json) and structured
values. Without
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
	// The output streams: what is written goes out at once (see
	// streamStdout), and writeDiff holds back only what comes after the
	// totals, in a spool, so memory stays small whatever the runs.
	env, flush := streamStdout(env)
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
	if b == 0 && len(ids) < 2 { // "diff N 0" compares back to the empty store
		if !o.JSON {
			fmt.Fprintln(env.Stdout, "no complete runs yet: nothing to compare (run dealwatch run PATH... first)")
		}
		return nil
	}
	var w diffWriter = newDiffText(env.Stdout, newTermColours(env), o.IDs)
	if o.JSON {
		w = newDiffJSONWriter(env.Stdout)
	}
	return writeDiff(ctx, db, runsByID(runs), a, b, w, true)
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

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runLine is one run in "dealwatch runs --json".
type runLine struct {
	ID            uint64  `json:"id"`
	State         string  `json:"state"`
	Started       string  `json:"started"`
	Finished      *string `json:"finished"`
	Backend       string  `json:"backend"`
	Model         string  `json:"model"`
	PromptVersion string  `json:"prompt_version"`
	Program       string  `json:"program"`
	ArticlesSeen  int     `json:"articles_seen"`
	New           int     `json:"new"`
	Changed       int     `json:"changed"`
	NewVersions   int     `json:"new_versions"`
	Unchanged     int     `json:"unchanged"`
	Skipped       int     `json:"skipped"`
	Failed        int     `json:"failed"`
	LLMCalls      int     `json:"llm_calls"`
	CacheHits     int     `json:"cache_hits"`
	Tokens        int     `json:"tokens"`
	Note          string  `json:"note,omitempty"`
}

func newRunLine(r store.Run) runLine {
	l := runLine{
		ID: r.ID, State: string(r.State), Started: storeTime(r.Started),
		Backend: r.Backend, Model: r.Model, PromptVersion: r.PromptVersion, Program: r.Program,
		ArticlesSeen: r.Counts.Seen, New: r.Counts.New, Changed: r.Counts.Changed,
		NewVersions: r.Counts.NewVersions, Unchanged: r.Counts.Unchanged, Skipped: r.Counts.Skipped,
		Failed: r.Counts.Failed, LLMCalls: r.Counts.LLMCalls, CacheHits: r.Counts.CacheHits,
		Tokens: r.Counts.Tokens(), Note: r.Note,
	}
	if r.Finished != nil {
		f := storeTime(*r.Finished)
		l.Finished = &f
	}
	return l
}

// runsOptions are the flags of "dealwatch runs".
type runsOptions struct {
	DB     dbOptions
	JSON   bool
	Errors bool
}

// AddFlags registers the flags of "dealwatch runs".
func (o *runsOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one run per line as JSON (JSON Lines)")
	fs.BoolVar(&o.Errors, "errors", false, "also list what failed in each run")
}

func newRunsCmd(env *Env) *cobra.Command {
	var o runsOptions
	cmd := &cobra.Command{
		Use:     "runs [flags]",
		GroupID: groupStore,
		Short:   "List the runs in the store",
		Long: `Runs lists every run in the store, oldest first: its state (running,
complete, aborted), when it started and finished, the backend, and how
many articles it saw, stored, skipped and failed. With --errors it also
lists what failed in each run.`,
		Example: `  dealwatch runs --db news.db
  dealwatch runs --errors
  dealwatch runs --json | jq .failed`,
		Args: noArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *runsOptions) run(ctx context.Context, env *Env, args []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	runs, err := db.Runs()
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, r := range runs {
			if err := enc.Encode(newRunLine(r)); err != nil {
				return fmt.Errorf("write run: %w", err)
			}
		}
		return nil
	}
	if len(runs) == 0 {
		fmt.Fprintf(env.Stdout, "no runs in %s yet\n", db.Path())
		return nil
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTATE\tSTARTED\tFINISHED\tBACKEND\tSEEN\tNEW\tCHANGED\tUNCHANGED\tFAILED\tVERSIONS\tLLM CALLS\tCACHE HITS\tTOKENS")
	for _, r := range runs {
		l := newRunLine(r)
		fin := "-"
		if l.Finished != nil {
			fin = *l.Finished
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n",
			l.ID, l.State, l.Started, fin, runBackend(r), l.ArticlesSeen, l.New, l.Changed, l.Unchanged, l.Failed, l.NewVersions, l.LLMCalls, l.CacheHits, l.Tokens)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range runs {
		if r.State == store.RunAborted && r.Note != "" {
			fmt.Fprintf(env.Stdout, "run %d aborted: %s\n", r.ID, r.Note)
		}
		if !o.Errors || r.Counts.Failed == 0 {
			continue
		}
		errs, err := db.RunErrors(r.ID)
		if err != nil {
			return err
		}
		for _, e := range errs {
			fmt.Fprintf(env.Stdout, "run %d failed: %s: %s\n", r.ID, e.Source, e.Message)
		}
	}
	return nil
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	// Token details and the Batch API and triage counts (absent when
	// zero).
	PromptTokens     int    `json:"prompt_tokens,omitempty"`
	CompletionTokens int    `json:"completion_tokens,omitempty"`
	BatchRequests    int    `json:"batch_requests,omitempty"`
	BatchSubmitted   int    `json:"batch_submitted,omitempty"`
	BatchTokens      int    `json:"batch_tokens,omitempty"`
	Triaged          int    `json:"triaged,omitempty"`
	Note             string `json:"note,omitempty"`
}

func newRunLine(r store.Run) runLine {
	l := runLine{
		ID: r.ID, State: string(r.State), Started: storeTime(r.Started),
		Backend: r.Backend, Model: r.Model, PromptVersion: r.PromptVersion, Program: r.Program,
		ArticlesSeen: r.Counts.Seen, New: r.Counts.New, Changed: r.Counts.Changed,
		NewVersions: r.Counts.NewVersions, Unchanged: r.Counts.Unchanged, Skipped: r.Counts.Skipped,
		Failed: r.Counts.Failed, LLMCalls: r.Counts.LLMCalls, CacheHits: r.Counts.CacheHits,
		Tokens: r.Counts.Tokens(), Note: r.Note,
		PromptTokens: r.Counts.PromptTokens, CompletionTokens: r.Counts.CompletionTokens,
		BatchRequests: r.Counts.BatchRequests, BatchSubmitted: r.Counts.BatchSubmitted,
		BatchTokens: r.Counts.BatchPromptTokens + r.Counts.BatchCompletionTokens, Triaged: r.Counts.Triaged,
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
	Wide   bool
}

// AddFlags registers the flags of "dealwatch runs".
func (o *runsOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one run per line as JSON (JSON Lines)")
	fs.BoolVar(&o.Errors, "errors", false, "also list what failed in each run")
	fs.BoolVar(&o.Wide, "wide", false, "every column: finish time, model, prompt version, program, unchanged, skipped, versions, cache hits, batch answers, triaged articles, tokens")
}

func newRunsCmd(env *Env) *cobra.Command {
	var o runsOptions
	cmd := &cobra.Command{
		Use:     "runs [flags]",
		GroupID: groupStore,
		Short:   "List the runs in the store",
		Long: `Runs lists every run in the store, oldest first: its state (running,
complete, aborted), when it started and finished, the backend, and how
many articles it saw, stored and failed, and the LLM calls it made, in
100 columns; --wide adds the other columns (finish time, model, prompt
version, cache hits, tokens...). Times are local. With --errors it also
lists what failed in each run.`,
		Example: `  dealwatch runs --db news.db
  dealwatch runs --errors
  dealwatch runs --wide
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
	markInterrupted(db, runs)
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
	if err := writeRunsTable(env.Stdout, runs, o.Wide); err != nil {
		return err
	}
	for _, r := range runs {
		if r.State == store.RunAborted && r.Note != "" {
			fmt.Fprintf(env.Stdout, "run %d aborted: %s\n", r.ID, sanitize(r.Note))
		}
		if !o.Errors || r.Counts.Failed == 0 {
			continue
		}
		errs, err := db.RunErrors(r.ID)
		if err != nil {
			return err
		}
		for _, e := range errs {
			fmt.Fprintf(env.Stdout, "run %d failed: %s: %s\n", r.ID, sanitize(e.Source), sanitize(e.Message))
		}
	}
	return nil
}

// writeRunsTable writes the runs as a table: in at most 100 columns, or
// with every column when wide.
func writeRunsTable(w io.Writer, runs []store.Run, wide bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	if wide {
		fmt.Fprintln(tw, "RUN\tSTATE\tSTARTED\tFINISHED\tTOOK\tBACKEND\tMODEL\tPROMPT\tPROGRAM\tSEEN\tNEW\tCHANGED\tUNCHANGED\tSKIPPED\tFAILED\tVERSIONS\tLLM CALLS\tCACHE HITS\tBATCH\tTRIAGED\tTOKENS")
	} else {
		fmt.Fprintln(tw, "RUN\tSTATE\tSTARTED\tTOOK\tBACKEND\tSEEN\tNEW\tCHANGED\tFAILED\tLLM")
	}
	for _, r := range runs {
		c := r.Counts
		took := "-"
		if r.Finished != nil {
			took = shortDuration(r.Finished.Sub(r.Started))
		}
		if wide {
			fin := "-"
			if r.Finished != nil {
				fin = localTime(*r.Finished)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n",
				r.ID, r.State, localTime(r.Started), fin, took, r.Backend, orDash(r.Model), orDash(r.PromptVersion), orDash(r.Program),
				c.Seen, c.New, c.Changed, c.Unchanged, c.Skipped, c.Failed, c.NewVersions, c.LLMCalls, c.CacheHits, c.BatchRequests, c.Triaged, c.Tokens())
			continue
		}
		backend := r.Backend
		if r.Model != "" {
			backend += " " + r.Model
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\n",
			r.ID, r.State, shortTime(r.Started), took, truncate(backend, 16), c.Seen, c.New, c.Changed, c.Failed, c.LLMCalls)
	}
	return tw.Flush()
}

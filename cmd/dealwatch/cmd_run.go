package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/langid"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// runOptions are the flags of "dealwatch run".
type runOptions struct {
	DB       dbOptions
	Backend  backendOptions
	MaxBytes int64
	Force    bool
	Batch    int
	Feeds    string
	Web      webOptions
	Deadline time.Duration
	BatchAPI batchOptions
}

// runMemoryLimit is the soft heap limit of a run (see limitMemory).
const runMemoryLimit = 80 << 20

// limitMemory keeps a nightly run's memory bounded (CONTRIBUTING.md: at
// most 150 MB for 10,000 articles): with a soft heap limit the collector works
// before the heap doubles, which costs no measurable time here. The
// GOMEMLIMIT environment variable overrides it.
func limitMemory(env *Env) {
	if env.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(runMemoryLimit)
	}
}

// AddFlags registers the flags of "dealwatch run".
func (o *runOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	o.Backend.AddFlags(fs, env)
	fs.Int64Var(&o.MaxBytes, "max-bytes", sources.DefaultMaxBytes, "largest input file or response body read, in bytes")
	fs.BoolVar(&o.Force, "force", false, "re-read and re-extract every source, even those unchanged since the last run")
	fs.IntVar(&o.Batch, "batch", 64, "articles stored per transaction (each article is stored whole or not at all)")
	addWebFlags(fs, &o.Feeds, &o.Web)
	fs.DurationVar(&o.Deadline, "deadline", defaultDeadline, "stop the run after this long, keeping what it stored (0 = no deadline); the rest is tried next run")
	o.BatchAPI.AddFlags(fs, env)
}

func newRunCmd(env *Env) *cobra.Command {
	var o runOptions
	cmd := &cobra.Command{
		Use:     "run [flags] PATH|URL...",
		GroupID: groupStore,
		Short:   "Nightly batch: extract new or changed articles into the store",
		Long: `Run reads the sources (files, folders, web pages, feeds listed with
--feeds), extracts the deals of every article that is new or changed
since the last run, and stores them as a new version of the article;
unchanged articles and web pages that answer "not modified" are skipped.
At the end it reconciles the deals across articles and prints a summary.

One run writes to a store at a time (the store is locked; a second run
waits --lock-timeout, then exits 2); the reading commands work while a
run is in progress. An interrupted run keeps what it stored.

On a terminal a progress bar shows the articles done; otherwise a
progress line is logged every 100 articles or 10 seconds.

With an LLM backend, articles with no money or capacity figure and no
deal cue are not sent to the model (--triage=off sends them). With
--batch-api the model's requests go through OpenAI's Batch API (half
the price, answers within 24 h): the run waits for the answers, or with
--no-wait ends after submitting, and a later run (or run --resume)
stores them.`,
		Example: `  dealwatch run testdata/corpus
  dealwatch run --db news.db --feeds feeds.txt
  DEALWATCH_DB=news.db dealwatch run --backend openai --model gpt-4o-mini articles/
  dealwatch run --backend openai --model gpt-4o-mini --batch-api --no-wait articles/
  dealwatch run --backend openai --model gpt-4o-mini --resume`,
		Args: cobra.ArbitraryArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *runOptions) run(ctx context.Context, env *Env, paths []string) error {
	limitMemory(env)
	if o.Deadline < 0 {
		return usageErr("--deadline %s: give a positive duration, or 0 for none", o.Deadline)
	}
	paths, fetcher, err := webInputs(paths, o.Feeds, &o.Web, o.MaxBytes)
	if err != nil {
		return err
	}
	if len(paths) == 0 && !o.BatchAPI.Resume {
		return usageErr("run needs at least one file, folder, URL or --feeds FILE")
	}
	if err := o.BatchAPI.check(o.Backend.Backend); err != nil {
		return err
	}
	db, err := o.DB.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	o.Backend.Cache = db
	if o.BatchAPI.Resume {
		due, err := o.BatchAPI.resumeBackend(db, &o.Backend)
		if err != nil {
			return err
		}
		if !due && len(paths) == 0 {
			fmt.Fprintln(env.Stdout, "no batch answers are due: nothing to resume")
			return nil
		}
	}
	ex, err := newExtractor(&o.Backend, env)
	if err != nil {
		return err
	}
	chain, br, err := o.BatchAPI.setup(ctx, env, db, &o.Backend, ex)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		if paths = br.resumeInputs(); len(paths) == 0 {
			fmt.Fprintln(env.Stdout, "no batch answers are due: nothing to resume")
			return nil
		}
	}
	det := &lazyDetector{new: func() (extract.Detector, error) { return langid.New(nil) }}
	info := store.RunInfo{Backend: o.Backend.Backend, Model: o.Backend.Model, Program: Version, Inputs: paths}
	if xi, ok := extractorInfo(ex); ok {
		info.Model, info.PromptVersion = strVal(xi.Model), strVal(xi.PromptVersion)
	}
	job := &runJob{
		DB:          db,
		Pipeline:    &extract.Pipeline{Detector: det, Extractor: chain, Concurrency: o.Backend.Concurrency},
		Inputs:      paths,
		Info:        info,
		Fingerprint: runFingerprint(&o.Backend, ex),
		Force:       o.Force,
		Batch:       o.Batch,
		MaxBytes:    o.MaxBytes,
		Fetcher:     fetcher,
		Progress:    newProgress(env),
		Prepare:     det.load,
		Deadline:    o.Deadline,
	}
	if br != nil {
		job.Defer, job.Deferred, job.MustRead = br.Defer, br.Finish, br.MustRead
	}
	start := time.Now()
	run, err := job.Do(ctx)
	if run.ID == 0 {
		return err
	}
	writeRunSummary(env.Stdout, run, time.Since(start))
	o.BatchAPI.summary(env.Stdout, run, br)
	if err != nil {
		return err
	}
	if job.DealsErr != nil {
		fmt.Fprintf(env.Stdout, "  deals      not updated: saving them failed (see below)\n")
	} else {
		fmt.Fprintf(env.Stdout, "  deals      %d reconciled, %d in the review queue (dealwatch review)\n", job.Deals, job.Review)
	}
	for _, nf := range job.NotFetched {
		fmt.Fprintf(env.Stderr, "dealwatch: not fetched: %s\n", sanitize(nf))
	}
	if c := run.Counts; c.Failed > 0 || c.FeedsFailed > 0 {
		errs, _ := db.RunErrors(run.ID)
		for _, e := range errs {
			fmt.Fprintf(env.Stderr, "dealwatch: failed: %s: %s\n", e.Source, e.Message)
		}
		what := fmt.Sprintf("%d of %d articles", c.Failed, c.Seen)
		if c.FeedsFailed > 0 {
			what += fmt.Sprintf(" and %d of %d feeds", c.FeedsFailed, c.Feeds+c.FeedsFailed)
		}
		if job.DealsErr == nil {
			return fmt.Errorf("%w: %s failed in run %d; the others are stored", ErrPartial, what, run.ID)
		}
		fmt.Fprintf(env.Stderr, "dealwatch: %s failed in run %d; the others are stored\n", what, run.ID)
	}
	if job.DealsErr != nil {
		return dealsNotSaved(run.ID, job.DealsErr)
	}
	return nil
}

// writeRunSummary prints what a run did.
func writeRunSummary(w io.Writer, r store.Run, elapsed time.Duration) {
	c := r.Counts
	rate := ""
	if elapsed > 0 && c.Seen > 0 {
		rate = ", " + formatRate(c.Seen, elapsed)
	}
	fmt.Fprintf(w, "run %d %s in %s%s (backend %s)\n", r.ID, r.State, elapsed.Round(time.Millisecond), rate, runBackend(r))
	fmt.Fprintf(w, "  articles   %d seen: %d new, %d changed, %d unchanged (%d skipped: source not modified), %d failed\n",
		c.Seen, c.New, c.Changed, c.Unchanged, c.Skipped, c.Failed)
	fmt.Fprintf(w, "  versions   %d new\n", c.NewVersions)
	if web := c.WebFetched + c.WebNotModified + c.WebFailed; web > 0 {
		fmt.Fprintf(w, "  web        %s: %d fetched, %d not modified, %d not fetched; %s read, %d failed\n",
			countNoun(web, "source", "sources"), c.WebFetched, c.WebNotModified, c.WebFailed,
			countNoun(c.Feeds, "feed", "feeds"), c.FeedsFailed)
	}
	if r.Backend != "rules" { // the offline backend calls no LLM
		batch := ""
		if c.BatchRequests > 0 {
			batch = ", " + countNoun(c.BatchRequests, "batch answer", "batch answers")
		}
		fmt.Fprintf(w, "  LLM        %s, %s%s, %d tokens (%d prompt, %d completion)\n",
			countNoun(c.LLMCalls, "call", "calls"), countNoun(c.CacheHits, "cache hit", "cache hits"), batch, c.Tokens(), c.PromptTokens, c.CompletionTokens)
	}
	if r.Note != "" && r.State != store.RunComplete {
		fmt.Fprintf(w, "  note       %s\n", r.Note)
	}
}

func runBackend(r store.Run) string {
	s := r.Backend
	if r.Model != "" {
		s += " " + r.Model
	}
	if r.PromptVersion != "" && r.Backend != "rules" { // the rules' version is no prompt
		s += ", prompt " + r.PromptVersion
	}
	return s
}

package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// checkOptions are the flags of "dealwatch check".
type checkOptions struct {
	DB dbOptions
}

// AddFlags registers the flags of "dealwatch check".
func (o *checkOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
}

func newCheckCmd(env *Env) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:     "check [flags]",
		GroupID: groupStore,
		Short:   "Check that the store is readable and consistent",
		Long: `Check reads the whole store: bbolt's own page checks (every page
reachable once, no page past the end of the file), then dealwatch's
(every article's versions exist and the latest matches it, every version
names a run, the indexes point at what exists, the deal snapshots belong
to their runs). It exits 0 when the store is sound and 2 with the list of
problems otherwise; "dealwatch recover" then copies what is readable into
a new store. It only reads, also while a run is in progress.`,
		Example: `  dealwatch check --db news.db`,
		Args:    noArgs,
		RunE:    action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *checkOptions) run(ctx context.Context, env *Env, args []string) error {
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	cerr := db.Check()
	db.Close()
	if cerr == nil {
		fmt.Fprintf(env.Stdout, "%s: no problems found\n", o.DB.Path)
		return nil
	}
	if errors.Is(cerr, store.ErrCorrupt) {
		return cerr
	}
	problems := strings.Split(cerr.Error(), "\n")
	for _, p := range problems {
		fmt.Fprintf(env.Stdout, "%s: %s\n", o.DB.Path, sanitize(p))
	}
	return &store.CorruptError{Path: o.DB.Path, Detail: countNoun(len(problems), "problem", "problems") + " found"}
}

// recoverOptions are the flags of "dealwatch recover".
type recoverOptions struct {
	DB  dbOptions
	Out string
}

// AddFlags registers the flags of "dealwatch recover".
func (o *recoverOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.StringVar(&o.Out, "out", "", "the new store `FILE` to write (must not exist)")
}

func newRecoverCmd(env *Env) *cobra.Command {
	var o recoverOptions
	cmd := &cobra.Command{
		Use:     "recover --db BAD --out NEW",
		GroupID: groupStore,
		Short:   "Copy what is readable of a damaged store into a new one",
		Long: `Recover reads a damaged store (truncated, or with damaged pages) and
copies every run, article version, source entry and cached LLM answer it
can read into a new store, which it then checks. An article keeps its
versions up to the first lost one; a source whose stored result was lost
is read again by the next run; the deal snapshots are rebuilt by the next
run. The damaged store is never written. Then replace the old file with
the new one (keep the old one until you are satisfied).`,
		Example: `  dealwatch recover --db news.db --out news-recovered.db
  mv news.db news-damaged.db && mv news-recovered.db news.db`,
		Args: noArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *recoverOptions) run(ctx context.Context, env *Env, args []string) error {
	if strings.TrimSpace(o.Out) == "" {
		return usageErr("recover needs --out NEW.db, the new store to write")
	}
	if err := o.DB.check(); err != nil {
		return err
	}
	out := dbOptions{Path: o.Out}
	if err := out.check(); err != nil {
		return err
	}
	rep, err := store.Recover(o.DB.Path, o.Out)
	for _, l := range rep.Lost {
		fmt.Fprintf(env.Stderr, "dealwatch: lost: %s\n", sanitize(l))
	}
	if err != nil {
		return usageErr("%v", err)
	}
	fmt.Fprintf(env.Stdout, "recovered %s, %s and %s into %s\n",
		countNoun(rep.Runs, "run", "runs"), countNoun(rep.Articles, "article", "articles"),
		countNoun(rep.Versions, "version", "versions"), o.Out)
	if len(rep.Lost) > 0 {
		fmt.Fprintf(env.Stdout, "%s could not be copied (listed above); the next run reads the lost sources again\n", countNoun(len(rep.Lost), "item", "items"))
	}
	return nil
}

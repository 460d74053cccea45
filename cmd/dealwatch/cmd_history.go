package main

import (
	"errors"

	"context"
	"encoding/json"
	"fmt"
	"github.com/dealwatch/dealwatch/store"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// versionLine is one version in "dealwatch history sha256:… --json".
type versionLine struct {
	N       int    `json:"n"`
	Run     uint64 `json:"run"`
	Time    string `json:"time"`
	Cause   string `json:"cause"`
	Article string `json:"article"`
	Status  string `json:"status"`
	Deals   int    `json:"deals"`
}

// historyOptions are the flags of "dealwatch history".
type historyOptions struct {
	DB   dbOptions
	JSON bool
}

// AddFlags registers the flags of "dealwatch history".
func (o *historyOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one version per line as JSON (article ids only)")
}

func newHistoryCmd(env *Env) *cobra.Command {
	var o historyOptions
	cmd := &cobra.Command{
		Use:     "history [flags] ID",
		GroupID: groupStore,
		Short:   "The versions of an article, or the timeline of a deal",
		Long: `History with an article id (sha256:…) lists the versions of that article
the store keeps: the run that stored each, and why (new, text changed,
extractor changed). With a deal id ("amazon+openai/compute_contract", or
a unique prefix of one) it prints the deal's timeline across articles:
each article's figure and stage, how it relates to the others, the
sentences it comes from, the conflicts and the facts not counted.`,
		Example: `  dealwatch history sha256:4f2a
  dealwatch history amazon+openai/compute_contract
  dealwatch history amazon+openai/comp`,
		Args: needArgs(1, 1, "one id: an article id (sha256:…) or a deal id"),
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *historyOptions) run(ctx context.Context, env *Env, rest []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	id := rest[0]
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	// An article (id with or without "sha256:", a prefix, a path or a
	// URL), else a deal id ("amazon+openai/compute_contract"): the
	// reconciliation's timeline with each article's sentence.
	ref, err := findArticle(db, id)
	if err != nil {
		if strings.HasPrefix(id, "sha256:") || !errors.Is(err, store.ErrNotFound) {
			return err // an ambiguous article name, or the store failed
		}
		return dealHistory(ctx, env, db, id)
	}
	key := ref.Key
	vs, err := db.Versions(key)
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, v := range vs {
			l := versionLine{N: v.N, Run: v.Run, Time: storeTime(v.Time), Cause: v.Cause, Article: v.Result.Article.ID, Status: string(v.Result.Status), Deals: len(v.Result.Deals)}
			if err := enc.Encode(l); err != nil {
				return fmt.Errorf("write version: %w", err)
			}
		}
		return nil
	}
	art, err := db.Article(key)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s  %s\n", sanitize(art.Source), art.ID)
	fmt.Fprintf(env.Stdout, "  first seen in run %d, last seen in run %d; %s\n", art.FirstRun, art.LastRun, countNoun(art.Versions, "version", "versions"))
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  N\tRUN\tTIME\tARTICLE\tSTATUS\tDEALS\tCAUSE")
	for _, v := range vs {
		fmt.Fprintf(tw, "  %d\t%d\t%s\t%s\t%s\t%d\t%s\n", v.N, v.Run, localTime(v.Time), v.Result.Article.ID, v.Result.Status, len(v.Result.Deals), v.Cause)
	}
	return tw.Flush()
}

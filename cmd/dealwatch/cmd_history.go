package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
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

func cmdHistory(ctx context.Context, env *Env, args []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	var o dbOptions
	var asJSON bool
	fs := newFlagSet(env, "history", "ID")
	o.AddFlags(fs, env)
	fs.BoolVar(&asJSON, "json", false, "print one version per line as JSON")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return usageErr("history needs one id: an article id (sha256:…) or a deal id")
	}
	id := rest[0]
	db, err := o.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	if !strings.HasPrefix(id, "sha256:") {
		// A deal id ("amazon+openai/compute_contract"): the
		// reconciliation's timeline with each article's sentence.
		return dealHistory(ctx, env, db, id)
	}
	key, err := resolveArticle(db, id)
	if err != nil {
		return err
	}
	vs, err := db.Versions(key)
	if err != nil {
		return err
	}
	if asJSON {
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
	fmt.Fprintf(env.Stdout, "%s  %s\n", art.Source, art.ID)
	fmt.Fprintf(env.Stdout, "  first seen in run %d, last seen in run %d; %s\n", art.FirstRun, art.LastRun, countNoun(art.Versions, "version", "versions"))
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  N\tRUN\tTIME\tARTICLE\tSTATUS\tDEALS\tCAUSE")
	for _, v := range vs {
		fmt.Fprintf(tw, "  %d\t%d\t%s\t%s\t%s\t%d\t%s\n", v.N, v.Run, storeTime(v.Time), v.Result.Article.ID, v.Result.Status, len(v.Result.Deals), v.Cause)
	}
	return tw.Flush()
}

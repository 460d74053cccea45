package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dealwatch/dealwatch/store"
)

func cmdShow(ctx context.Context, env *Env, args []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	var o dbOptions
	var asJSON bool
	var n int
	fs := newFlagSet(env, "show", "ARTICLE_ID")
	o.AddFlags(fs, env)
	fs.BoolVar(&asJSON, "json", false, "print the stored ArticleResult as one JSON line")
	fs.IntVar(&n, "version", 0, "version `N` to show (default: the latest)")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return usageErr("show needs one article id (sha256:…, a prefix of one, or the article's path)")
	}
	if n < 0 {
		return usageErr("--version must be 1 or more")
	}
	db, err := o.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	key, err := resolveArticle(db, rest[0])
	if err != nil {
		return err
	}
	v, err := db.Version(key, n)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(v.Result)
	}
	art, err := db.Article(key)
	if err != nil {
		return err
	}
	writeVersionHeader(env, art, v)
	writeResult(env.Stdout, v.Result)
	return nil
}

func writeVersionHeader(env *Env, art store.Article, v store.Version) {
	fmt.Fprintf(env.Stdout, "version %d of %d, stored by run %d at %s: %s\n", v.N, art.Versions, v.Run, storeTime(v.Time), v.Cause)
}

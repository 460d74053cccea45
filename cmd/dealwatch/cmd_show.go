package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// showOptions are the flags of "dealwatch show".
type showOptions struct {
	DB      dbOptions
	JSON    bool
	Version int
}

// AddFlags registers the flags of "dealwatch show".
func (o *showOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print the stored ArticleResult as one JSON line")
	fs.IntVar(&o.Version, "version", 0, "version `N` to show (default: the latest)")
}

func newShowCmd(env *Env) *cobra.Command {
	var o showOptions
	cmd := &cobra.Command{
		Use:     "show [flags] ARTICLE_ID",
		GroupID: groupStore,
		Short:   "Show one article's stored result",
		Long: `Show prints the stored result of one article: its language, status and
deals with the evidence sentence, as "dealwatch extract" printed them
when the article was extracted. ARTICLE_ID is an article id (sha256:…),
a unique prefix of one, or the path or URL the article was read from.`,
		Example: `  dealwatch show sha256:4f2a
  dealwatch show testdata/corpus/000_baae7c18990669dd.txt --version 1
  dealwatch show sha256:4f2a --json`,
		Args: needArgs(1, 1, "one article id (sha256:…, a prefix of one, or the article's path)"),
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *showOptions) run(ctx context.Context, env *Env, rest []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	n := o.Version
	if n < 0 {
		return usageErr("--version must be 1 or more")
	}
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	ref, err := findArticle(db, rest[0])
	if err != nil {
		return err
	}
	key := ref.Key
	if n == 0 {
		n = ref.Version // an old id shows the version that had it
	}
	v, err := db.Version(key, n)
	if err != nil {
		return err
	}
	if o.JSON {
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
	fmt.Fprintf(env.Stdout, "version %d of %d, stored by run %d at %s: %s\n", v.N, art.Versions, v.Run, localTime(v.Time), sanitize(v.Cause))
}

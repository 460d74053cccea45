package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// readOptions are the flags of "dealwatch read".
type readOptions struct {
	Text     bool
	MaxBytes int64
	Feeds    string
	Web      webOptions
}

func (o *readOptions) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.Text, "text", false, "print only the normalized text of each article")
	fs.Int64Var(&o.MaxBytes, "max-bytes", sources.DefaultMaxBytes, "largest input file or response body read, in bytes")
	fs.StringVar(&o.Feeds, "feeds", "", "read the feed and article URLs listed in `FILE` (one per line, # comments)")
	o.Web.AddFlags(fs)
}

// webOptions are the flags of commands that fetch from the web.
type webOptions struct {
	Rate         float64
	Timeout      time.Duration
	AllowPrivate bool
}

// AddFlags adds --rate and --timeout.
func (o *webOptions) AddFlags(fs *pflag.FlagSet) {
	fs.Float64Var(&o.Rate, "rate", sources.DefaultRatePerHost, "most requests per second to one web site")
	fs.DurationVar(&o.Timeout, "timeout", sources.DefaultTimeout, "time limit of one web request, body included")
	fs.BoolVar(&o.AllowPrivate, "allow-private", false, "also fetch from loopback, private and link-local addresses (an intranet); refused by default")
}

// fetcher builds the run's one Fetcher from the flags.
func (o *webOptions) fetcher(maxBytes int64) (*sources.Fetcher, error) {
	if o.Rate <= 0 {
		return nil, usageErr("--rate must be above 0 requests per second, got %g", o.Rate)
	}
	if o.Timeout <= 0 {
		return nil, usageErr("--timeout must be positive, got %s", o.Timeout)
	}
	return sources.NewFetcher(&sources.FetchOptions{
		RatePerHost: o.Rate,
		Timeout:     o.Timeout,
		MaxBytes:    maxBytes,
		UserAgent:   sources.UserAgent(Version),

		AllowPrivate: o.AllowPrivate,
	}), nil
}

func newReadCmd(env *Env) *cobra.Command {
	var o readOptions
	cmd := &cobra.Command{
		Use:     "read [flags] PATH|URL...",
		GroupID: groupArticles,
		Short:   "Show an article exactly as the pipeline sees it",
		Long: `Read prints each article as the extraction pipeline will see it: the
metadata the sources found (title, publication date, language hint, the
web response's validators), a rule, then the normalized text. Use it to
check what a page or a feed entry turns into before extracting.`,
		Example: `  dealwatch read testdata/corpus/000_baae7c18990669dd.txt
  dealwatch read --text https://example.com/news/deal.html`,
		Args: cobra.ArbitraryArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

// run prints articles exactly as the pipeline will see them: the
// metadata sources found, then the normalized text.
func (o *readOptions) run(ctx context.Context, env *Env, inputs []string) error {
	if o.Feeds != "" {
		urls, err := sources.ReadFeedsFile(o.Feeds)
		if err != nil {
			return usageErr("--feeds: %v", err)
		}
		inputs = append(inputs, urls...)
	}
	if len(inputs) == 0 {
		return usageErr("read needs at least one file, folder or URL")
	}
	paths, urls := sources.SplitInputs(inputs)

	var articles []extract.Article
	var notes []string
	if len(paths) > 0 {
		as, ns := sources.Read(ctx, paths, &sources.Options{MaxBytes: o.MaxBytes})
		articles, notes = append(articles, as...), append(notes, ns...)
	}
	if len(urls) > 0 {
		f, err := o.Web.fetcher(o.MaxBytes)
		if err != nil {
			return err
		}
		as, ns := sources.ReadURLs(ctx, f, urls, nil)
		articles, notes = append(articles, as...), append(notes, ns...)
	}
	for _, n := range notes {
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", n)
	}

	failed, shown := 0, 0
	for _, a := range articles {
		if a.Err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "dealwatch: %s: %v\n", a.Source, a.Err)
			continue
		}
		if shown > 0 {
			fmt.Fprintln(env.Stdout)
		}
		shown++
		if o.Text {
			io.WriteString(env.Stdout, a.Text)
			if !strings.HasSuffix(a.Text, "\n") {
				fmt.Fprintln(env.Stdout)
			}
			continue
		}
		writeArticle(env.Stdout, a)
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d inputs could not be read", ErrPartial, failed, len(articles))
	}
	return nil
}

// writeArticle prints an article's metadata, a rule, and its text.
func writeArticle(w io.Writer, a extract.Article) {
	field := func(name, v string) {
		if v != "" {
			fmt.Fprintf(w, "%-14s %s\n", name, v)
		}
	}
	field("source", a.Source)
	field("id", a.ID)
	field("title", a.Title)
	field("published", a.Published)
	field("language", a.LangHint)
	if a.Origin.URL != a.Source {
		field("url", a.Origin.URL)
	}
	field("etag", a.Origin.ETag)
	field("last-modified", a.Origin.LastModified)
	if a.Origin.Size > 0 {
		field("size", fmt.Sprintf("%d bytes", a.Origin.Size))
	}
	field("text", fmt.Sprintf("%d bytes, %d paragraphs", len(a.Text), paragraphs(a.Text)))
	for _, wn := range a.Warnings {
		field("warning", wn.Code+": "+wn.Message)
	}
	fmt.Fprintln(w, strings.Repeat("─", 40))
	io.WriteString(w, a.Text)
	if !strings.HasSuffix(a.Text, "\n") {
		fmt.Fprintln(w)
	}
}

// paragraphs counts the blank-line separated paragraphs of text.
func paragraphs(text string) int {
	n := 0
	for _, p := range strings.Split(text, "\n\n") {
		if strings.TrimSpace(p) != "" {
			n++
		}
	}
	return n
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/langid"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// extractOptions are the flags of "dealwatch extract".
type extractOptions struct {
	JSON     bool
	MaxBytes int64
	Feeds    string
	Web      webOptions
	Backend  backendOptions
}

// AddFlags registers the flags of "dealwatch extract".
func (o *extractOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	fs.BoolVar(&o.JSON, "json", false, "print one ArticleResult JSON object per line (JSON Lines)")
	fs.Int64Var(&o.MaxBytes, "max-bytes", sources.DefaultMaxBytes, "largest input file or response body read, in bytes")
	addWebFlags(fs, &o.Feeds, &o.Web)
	o.Backend.AddFlags(fs, env)
}

func newExtractCmd(env *Env) *cobra.Command {
	var o extractOptions
	cmd := &cobra.Command{
		Use:     "extract [flags] PATH|URL...",
		GroupID: groupArticles,
		Short:   "Extract deals from articles and print them (no store)",
		Long: `Extract reads articles (files, folders, web pages, feeds), detects their
language and extracts the deals they report, then prints them: a readable
block per article, or with --json one ArticleResult per line
(extract/schema/article-result.schema.json). Nothing is stored:
"dealwatch run" stores.

The rules backend works offline and is the default; --backend openai
sends each article to an OpenAI-compatible server (OPENAI_API_KEY,
OPENAI_BASE_URL), and --backend replay answers from recorded cassettes.`,
		Example: `  dealwatch extract testdata/corpus
  dealwatch extract --json article.html > deals.jsonl
  dealwatch extract --feeds feeds.txt --rate 0.5
  dealwatch extract --backend openai --model gpt-4o-mini article.txt`,
		Args: cobra.ArbitraryArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

// addWebFlags adds the flags for URL and feed inputs of extract and run.
// The request time limit is --fetch-timeout here, since --timeout is the
// LLM's.
func addWebFlags(fs *pflag.FlagSet, feeds *string, o *webOptions) {
	fs.StringVar(feeds, "feeds", "", "read feed URLs from `FILE` (one per line, # comments), next to PATH arguments")
	fs.Float64Var(&o.Rate, "rate", sources.DefaultRatePerHost, "most requests per second to one web site")
	fs.DurationVar(&o.Timeout, "fetch-timeout", sources.DefaultTimeout, "time limit of one web request, body included")
	fs.BoolVar(&o.AllowPrivate, "allow-private", false, "also fetch from loopback, private and link-local addresses (an intranet); refused by default")
}

// webInputs returns the inputs plus the feeds file's URLs, and the
// fetcher to read URLs with.
func webInputs(paths []string, feeds string, o *webOptions, maxBytes int64) ([]string, *sources.Fetcher, error) {
	if feeds != "" {
		urls, err := sources.ReadFeedsFile(feeds)
		if err != nil {
			return nil, nil, usageErr("--feeds: %v", err)
		}
		paths = append(paths, urls...)
	}
	if _, urls := sources.SplitInputs(paths); len(urls) == 0 {
		return paths, nil, nil
	}
	f, err := o.fetcher(maxBytes)
	return paths, f, err
}

func (o *extractOptions) run(ctx context.Context, env *Env, paths []string) error {
	paths, fetcher, err := webInputs(paths, o.Feeds, &o.Web, o.MaxBytes)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErr("extract needs at least one file, folder, URL or --feeds FILE")
	}
	ex, err := newExtractor(&o.Backend, env)
	if err != nil {
		return err
	}
	det, err := langid.New(nil)
	if err != nil {
		return err
	}
	articles, notes := sources.Read(ctx, paths, &sources.Options{MaxBytes: o.MaxBytes, Fetcher: fetcher})
	for _, n := range notes {
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", n)
	}
	p := &extract.Pipeline{Detector: det, Extractor: ex, Concurrency: o.Backend.Concurrency}
	outs, err := p.RunAll(ctx, articles)
	if err != nil {
		return err
	}
	failed := 0
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for i, out := range outs {
		r := out.Result
		if r.Status == extract.StatusFailed {
			failed++
		}
		if o.JSON {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write result: %w", err)
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		writeResult(env.Stdout, r)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d articles failed (see their error)", ErrPartial, failed, len(outs))
	}
	return nil
}

// writeResult prints a short readable block for one result.
func writeResult(w io.Writer, r extract.ArticleResult) {
	fmt.Fprintf(w, "%s  %s\n", sanitize(r.Article.Source), r.Article.ID)
	lang := r.Article.Lang
	if len(r.Article.Segments) > 1 {
		var ls []string
		for _, s := range r.Article.Segments {
			ls = append(ls, s.Lang)
		}
		lang += " (segments: " + strings.Join(ls, ", ") + ")"
	}
	fmt.Fprintf(w, "  language  %s, confidence %.2f\n", lang, r.Article.LangConfidence)
	fmt.Fprintf(w, "  status    %s", r.Status)
	if r.Error != nil {
		fmt.Fprintf(w, ": %s", sanitize(*r.Error))
	}
	fmt.Fprintln(w)
	if r.Article.Title != nil {
		fmt.Fprintf(w, "  title     %s\n", sanitize(*r.Article.Title))
	}
	if r.Article.Published != nil {
		fmt.Fprintf(w, "  published %s\n", sanitize(*r.Article.Published))
	}
	backend := r.Extractor.Backend
	if r.Extractor.Model != nil {
		backend += " " + *r.Extractor.Model
	}
	if r.Status == extract.StatusOK {
		fmt.Fprintf(w, "  deals     %d (backend %s)\n", len(r.Deals), backend)
	}
	for _, d := range r.Deals {
		if d.Unsure() {
			// Under extract.MinConfidence: listed, never counted as a fact.
			fmt.Fprintf(w, "    - unsure (confidence %.2f, not counted): %s\n", d.Confidence, clean(DealLine(d)))
		} else {
			fmt.Fprintf(w, "    - %s\n", clean(DealLine(d)))
		}
		if len(d.Tranches) > 0 {
			var ts []string
			for _, t := range d.Tranches {
				ts = append(ts, MoneyString(t.Amount)+" "+string(t.Condition))
			}
			fmt.Fprintf(w, "      tranches  %s\n", strings.Join(ts, "; "))
		}
		if len(d.Hardware) > 0 {
			fmt.Fprintf(w, "      hardware  %s\n", clean(strings.Join(d.Hardware, ", ")))
		}
		if d.Evidence.Text != "" {
			fmt.Fprintf(w, "      evidence  “%s” [bytes %d–%d, confidence %.2f]\n", oneLine(d.Evidence.Text), d.Evidence.Start, d.Evidence.End, d.Confidence)
		}
	}
	for _, wn := range r.Warnings {
		fmt.Fprintf(w, "  warning   %s: %s\n", wn.Code, clean(wn.Message))
	}
}

// DealLine is a one-line summary of a deal: kind, status, parties, amount.
func DealLine(d extract.Deal) string {
	var ps []string
	for _, p := range d.Parties {
		ps = append(ps, p.Name+" ("+string(p.Role)+")")
	}
	s := fmt.Sprintf("%s, %s: %s", d.Kind, d.Status, strings.Join(ps, ", "))
	if d.Amount != nil {
		s += "; " + MoneyString(*d.Amount)
		if d.PreviousAmount != nil {
			s += " (was " + MoneyString(*d.PreviousAmount) + ")"
		}
	}
	if len(d.Capacity) > 0 {
		s += "; " + capacity(d.Capacity)
	}
	if d.TermYears != nil {
		s += fmt.Sprintf("; %g years", *d.TermYears)
	}
	if !d.Grounded {
		s += "  [UNGROUNDED]"
	}
	return s
}

// MoneyString formats an amount for people with the words it was read
// from: "over $138B/yr (“oltre 138 miliardi”)".
func MoneyString(m extract.Money) string {
	s := money(&m)
	if m.Text != "" {
		s += " (“" + m.Text + "”)"
	}
	return s
}

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// articlesOptions are the flags of "dealwatch articles".
type articlesOptions struct {
	DB     dbOptions
	JSON   bool
	Status []string
}

// AddFlags registers the flags of "dealwatch articles".
func (o *articlesOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "print one article per line as JSON")
	fs.StringSliceVar(&o.Status, "status", nil, "only articles with `STATUS`: ok, empty, unsupported, failed (repeat or separate with commas)")
}

func newArticlesCmd(env *Env) *cobra.Command {
	var o articlesOptions
	cmd := &cobra.Command{
		Use:     "articles [flags]",
		GroupID: groupStore,
		Short:   "Every article in the store with its status, language, title, date, source and deals",
		Long: `Articles lists every article the store knows: its status (ok, empty,
unsupported_language, failed), language, title, publication date, file
or URL, and how many deals it states. A source whose last attempt failed
(a missing file, an unreadable page) is listed as failed with the reason,
also when an earlier version of it is stored.`,
		Example: `  dealwatch articles
  dealwatch articles --status empty,unsupported,failed
  dealwatch articles --json | jq -r 'select(.deals > 0) | .file'`,
		Args: needArgs(0, 0, "no arguments"),
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

// articleRecord is one article in "articles --json".
type articleRecord struct {
	Scope     string         `json:"scope"` // "article"
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	File      string         `json:"file"` // path or URL
	Source    string         `json:"source"`
	Published string         `json:"published"`
	Lang      string         `json:"lang"`
	Status    extract.Status `json:"status"`
	Deals     int            `json:"deals"`
	Versions  int            `json:"versions"`
	FirstSeen string         `json:"first_seen"`
	LastSeen  string         `json:"last_seen"`
	// LastAttempt is "failed" when the last attempt to read the source
	// failed (the stored version, if any, is older); Error says why.
	LastAttempt string `json:"last_attempt"`
	Error       string `json:"error,omitempty"`
}

// statusAliases maps what --status accepts to statuses.
var statusAliases = map[string]extract.Status{
	"ok": extract.StatusOK, "empty": extract.StatusEmpty, "failed": extract.StatusFailed,
	"unsupported": extract.StatusUnsupported, "unsupported_language": extract.StatusUnsupported,
}

func (o *articlesOptions) run(ctx context.Context, env *Env, _ []string) (err error) {
	env, flush := streamStdout(env)
	defer func() { err = flush(err) }()
	var want []extract.Status
	for _, s := range o.Status {
		st, ok := statusAliases[strings.ToLower(strings.TrimSpace(s))]
		if !ok {
			return usageErr("articles: unknown --status %q: choose ok, empty, unsupported or failed", s)
		}
		if !slices.Contains(want, st) {
			want = append(want, st)
		}
	}
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	// Each article is written as it is read: JSON at once, the table
	// into the tabwriter (which needs every row for its widths).
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	c := newTermColours(env)
	wd := workDir()
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	rows := 0
	emit := func(a store.Listed) error {
		r := newArticleRecord(a)
		if o.JSON {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write article: %w", err)
			}
			return nil
		}
		if rows == 0 {
			fmt.Fprintln(tw, "STATUS\tLANG\tDATE\tDEALS\tTITLE\tFILE")
		}
		rows++
		writeArticleRow(tw, c, wd, r)
		return nil
	}
	var counts map[extract.Status]int
	if len(want) == 0 {
		// Every article, streamed from the listing.
		counts, err = db.EachListed(func(extract.Status, bool) bool { return true }, emit)
	} else {
		// Only the entries listed are read (with the article index) or
		// decoded; the others are counted.
		var list []store.Listed
		if list, counts, err = db.ArticleListingOf(want); err == nil {
			for _, a := range list {
				if err = emit(a); err != nil {
					break
				}
			}
		}
	}
	if err != nil || o.JSON {
		return err
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	var parts []string
	for _, s := range []extract.Status{extract.StatusOK, extract.StatusEmpty, extract.StatusUnsupported, extract.StatusFailed} {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	// The count comes first; the table is still in the tabwriter.
	fmt.Fprintf(env.Stdout, "%s in the store", countNoun(total, "article", "articles"))
	if len(parts) > 0 {
		fmt.Fprintf(env.Stdout, ": %s", strings.Join(parts, ", "))
	}
	fmt.Fprintln(env.Stdout)
	if rows == 0 {
		return nil
	}
	return tw.Flush()
}

// writeArticleRow writes one article's row (and its error's) of the
// "articles" table.
func writeArticleRow(tw io.Writer, c termColours, wd string, r articleRecord) {
	status := string(r.Status)
	switch {
	case r.Status == extract.StatusFailed:
		status = c.red(status)
	case r.LastAttempt == "failed":
		status = c.red(status + " (last attempt failed)")
	case r.Status != extract.StatusOK:
		status = c.yellow(status)
	}
	fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", status, orDash(r.Lang), orDash(r.Published), r.Deals, orDash(truncate(clean(r.Title), 60)), displayFileIn(wd, r.File))
	if r.Error != "" {
		fmt.Fprintf(tw, "\t\t\t\t  %s\t\n", c.dim(truncate(clean(r.Error), 100)))
	}
}

func newArticleRecord(a store.Listed) articleRecord {
	r := articleRecord{Scope: "article", ID: a.ID, Title: a.Title, File: a.Key, Source: a.Source, Published: a.Published,
		Lang: a.Lang, Status: a.Status, Deals: a.Deals, Versions: a.Versions, LastAttempt: "ok", Error: a.Error}
	if a.Versions > 0 {
		r.FirstSeen, r.LastSeen = storeTime(a.FirstSeen), storeTime(a.LastSeen)
	}
	if a.Failed {
		r.LastAttempt = "failed"
	}
	return r
}

// workDir is the working folder, "" when unknown.
func workDir() string {
	wd, err := filepath.Abs(".")
	if err != nil {
		return ""
	}
	return wd
}

// displayFileIn is a path relative to wd when it is inside it, else as
// stored; URLs as they are. Sanitised.
func displayFileIn(wd, key string) string {
	if strings.Contains(key, "://") {
		return clean(key)
	}
	if wd != "" {
		if rel, err := filepath.Rel(wd, key); err == nil && !strings.HasPrefix(rel, "..") {
			return clean(rel)
		}
	}
	return clean(key)
}

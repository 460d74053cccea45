package main

import (
	"bufio"
	"context"
	"strconv"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// exportLine is one deal in "dealwatch export --json".
type exportLine struct {
	Article   string       `json:"article"`
	Source    string       `json:"source"`
	Title     *string      `json:"title"`
	Published *string      `json:"published"`
	Lang      string       `json:"lang"`
	Key       string       `json:"key"`
	DealID    string       `json:"deal_id"` // the reconciled deal ("deals", "history"); "" when it names no party
	Deal      extract.Deal `json:"deal"`
}

// exportColumns are the CSV header.
var exportColumns = []string{
	"article", "source", "title", "published", "lang", "key", "deal_id",
	"kind", "status", "parties",
	"amount", "currency", "qualifier", "amount_max", "period", "amount_text",
	"previous_amount", "previous_currency",
	"capacity", "hardware", "term_years", "announced_on",
	"grounded", "confidence", "evidence", "evidence_start", "evidence_end",
}

// exportOptions are the flags of "dealwatch export".
type exportOptions struct {
	DB    dbOptions
	JSON  bool
	CSV   bool
	Deals bool
	BOM   bool
}

// AddFlags registers the flags of "dealwatch export".
func (o *exportOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.BoolVar(&o.JSON, "json", false, "write one deal per line as JSON (JSON Lines)")
	fs.BoolVar(&o.CSV, "csv", false, "write CSV with a header row (the default)")
	fs.BoolVar(&o.Deals, "deals", false, "one row per reconciled deal (current figure, stage, review state, sources) instead of one per article's deal")
	fs.BoolVar(&o.BOM, "bom", false, "start the CSV with a UTF-8 byte order mark, for Excel")
}

func newExportCmd(env *Env) *cobra.Command {
	var o exportOptions
	cmd := &cobra.Command{
		Use:     "export [flags]",
		GroupID: groupStore,
		Short:   "Write the latest deals of every article as CSV or JSON Lines",
		Long: `Export writes every deal of the latest version of every stored article,
one row per deal, as CSV with a header row (the default) or as JSON Lines
with --json. The deals are as each article states them, not reconciled
("dealwatch deals --json" gives the reconciled deals); each row names the
reconciled deal it belongs to (deal_id). Rows are ordered by file, then
by position in the text.

With --deals it writes one row per reconciled deal instead, with the
reviewers' decisions applied: id, current amount (value, currency,
qualifier, period), capacity in GW, stage, confirmation, review state,
number of sources, first and last seen; newest report first.

CSV cells that a spreadsheet would read as a formula get a leading
apostrophe, and control characters are removed.`,
		Example: `  dealwatch export --db news.db > mentions.csv
  dealwatch export --deals --csv --bom > deals.csv
  dealwatch export --json > deals.jsonl`,
		Args: noArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *exportOptions) run(ctx context.Context, env *Env, args []string) (err error) {
	env, flush := streamStdout(env)
	defer func() { err = flush(err) }()
	asJSON, asCSV := o.JSON, o.CSV
	if asJSON && asCSV {
		return usageErr("export: choose --json or --csv, not both")
	}
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	bw := bufio.NewWriterSize(env.Stdout, 64<<10)
	if o.Deals {
		if err := exportDeals(bw, db, asJSON, o.BOM); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := exportArticles(bw, db, asJSON, o.BOM); err != nil {
		return err
	}
	return bw.Flush()
}

func exportRow(r extract.ArticleResult, key, dealID string, d extract.Deal) []string {
	var parties []string
	for _, p := range d.Parties {
		parties = append(parties, p.Name+" ("+string(p.Role)+")")
	}
	var amount, currency, qualifier, amax, period, atext, prev, prevCur string
	if m := d.Amount; m != nil {
		amount, currency, qualifier, period, atext = m.Value.String(), m.Currency, string(m.Qualifier), string(m.Period), m.Text
		if m.Max != nil {
			amax = m.Max.String()
		}
	}
	if m := d.PreviousAmount; m != nil {
		prev, prevCur = m.Value.String(), m.Currency
	}
	var capacity []string
	for _, c := range d.Capacity {
		s := c.Value.String() + " " + c.Unit
		if c.Purpose != nil {
			s += " " + *c.Purpose
		}
		capacity = append(capacity, s)
	}
	term := ""
	if d.TermYears != nil {
		term = strconv.FormatFloat(*d.TermYears, 'g', -1, 64)
	}
	// Text from articles and models goes through csvCell: no control
	// characters, no formula a spreadsheet would evaluate.
	return []string{
		r.Article.ID, r.Article.Source, strVal(r.Article.Title), strVal(r.Article.Published), r.Article.Lang, key, dealID,
		string(d.Kind), string(d.Status), strings.Join(parties, "; "),
		amount, currency, qualifier, amax, period, atext,
		prev, prevCur,
		strings.Join(capacity, "; "), strings.Join(d.Hardware, "; "), term, strVal(d.AnnouncedOn),
		strconv.FormatBool(d.Grounded), strconv.FormatFloat(d.Confidence, 'f', 2, 64),
		csvCell(d.Evidence.Text), strconv.Itoa(d.Evidence.Start), strconv.Itoa(d.Evidence.End),
	}
}

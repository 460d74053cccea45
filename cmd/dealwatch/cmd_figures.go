package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/langid"
	"github.com/dealwatch/dealwatch/sources"
)

// figuresOptions are the flags of "dealwatch figures".
type figuresOptions struct {
	JSON     bool
	Lang     string
	MaxBytes int64
}

// AddFlags registers the options on fs.
func (o *figuresOptions) AddFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.JSON, "json", false, "print one JSON object per figure (JSON Lines)")
	fs.StringVar(&o.Lang, "lang", "", "read every article in this language (it, es, en) instead of detecting it")
	fs.Int64Var(&o.MaxBytes, "max-bytes", sources.DefaultMaxBytes, "largest input file read, in bytes")
}

// figureLine is one line of "dealwatch figures --json".
type figureLine struct {
	Source       string            `json:"source"`
	Kind         figures.Kind      `json:"kind"`
	Value        *figures.Decimal  `json:"value"` // null for dates and unread money
	Unit         string            `json:"unit"`
	Qualifier    figures.Qualifier `json:"qualifier"`
	Max          *figures.Decimal  `json:"max"`
	Period       figures.Period    `json:"period"`
	Text         string            `json:"text"`
	Start        int               `json:"start"`
	End          int               `json:"end"`
	Date         string            `json:"date,omitempty"`
	Implausible  bool              `json:"implausible,omitempty"`
	UnitInferred bool              `json:"unit_inferred,omitempty"`
	ScaleShared  bool              `json:"scale_shared,omitempty"`
	Note         string            `json:"note,omitempty"` // why an unread figure has no value
}

func newFiguresCmd(env *Env) *cobra.Command {
	var o figuresOptions
	cmd := &cobra.Command{
		Use:     "figures [flags] PATH...",
		GroupID: groupArticles,
		Short:   "List every figure the parser reads in articles",
		Long: `Figures lists every money amount, capacity (GW, MW), duration and date
the deterministic parser reads in each article, with the bytes it read
them from: what the extraction backends build deals from. Each language
segment of an article is read in its own language unless --lang says
which.`,
		Example: `  dealwatch figures testdata/corpus
  dealwatch figures --lang it --json article.txt`,
		Args: needArgs(1, -1, "at least one file or folder"),
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags())
	return cmd
}

func (o *figuresOptions) run(ctx context.Context, env *Env, paths []string) error {
	switch o.Lang {
	case "", "it", "es", "en":
	default:
		return usageErr("figures: --lang must be it, es or en, not %q", o.Lang)
	}
	var det extract.Detector
	if o.Lang == "" {
		d, err := langid.New(nil)
		if err != nil {
			return err
		}
		det = d
	}
	articles, notes := sources.Read(ctx, paths, &sources.Options{MaxBytes: o.MaxBytes})
	for _, n := range notes {
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", n)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for i, a := range articles {
		if err := ctx.Err(); err != nil {
			return err
		}
		if a.Err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "dealwatch: %s: %v\n", a.Source, a.Err)
			continue
		}
		figs, lang := articleFigures(det, o.Lang, a.Text)
		if o.JSON {
			for _, f := range figs {
				if err := enc.Encode(newFigureLine(a.Source, f)); err != nil {
					return fmt.Errorf("write figures: %w", err)
				}
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(env.Stdout)
		}
		writeFigures(env.Stdout, a.Source, lang, figs)
	}
	if failed > 0 {
		return fmt.Errorf("%w: %d of %d articles could not be read", ErrPartial, failed, len(articles))
	}
	return nil
}

// articleFigures reads the figures of text, each language segment in its
// own language, and returns them with the language reported.
func articleFigures(det extract.Detector, lang, text string) ([]figures.Figure, string) {
	if det == nil {
		return figures.Parse(text, lang), lang
	}
	dominant, _, segs := extract.DetectLanguage(det, text)
	if len(segs) <= 1 {
		return figures.Parse(text, dominant), dominant
	}
	parts := make([]figures.Segment, len(segs))
	names := make([]string, len(segs))
	for i, s := range segs {
		parts[i] = figures.Segment{Lang: s.Lang, Start: s.Start, End: s.End}
		names[i] = s.Lang
	}
	return figures.ParseSegments(text, parts), dominant + " (segments: " + strings.Join(names, ", ") + ")"
}

func newFigureLine(source string, f figures.Figure) figureLine {
	l := figureLine{
		Source:       source,
		Kind:         f.Kind,
		Unit:         f.Unit,
		Qualifier:    f.Qualifier,
		Max:          f.Max,
		Period:       f.Period,
		Text:         f.Text,
		Start:        f.Start,
		End:          f.End,
		Date:         f.Date,
		Implausible:  f.Implausible,
		UnitInferred: f.UnitInferred,
		ScaleShared:  f.ScaleShared,
		Note:         f.Note,
	}
	if f.Kind != figures.Date && f.Kind != figures.Unread {
		v := f.Value
		l.Value = &v
	}
	return l
}

// writeFigures prints one article's figures as an aligned table.
func writeFigures(w io.Writer, source, lang string, figs []figures.Figure) {
	fmt.Fprintf(w, "%s  (language %s, %d figures)\n", source, lang, len(figs))
	if len(figs) == 0 {
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  KIND\tVALUE\tUNIT\tQUALIFIER\tPERIOD\tBYTES\tTEXT\tNOTE")
	for _, f := range figs {
		value := f.Value.String()
		switch {
		case f.Kind == figures.Unread:
			value = "-"
		case f.Kind == figures.Date:
			value = f.Date
		case f.Max != nil:
			value += " – " + f.Max.String()
		}
		unit := f.Unit
		if f.Kind == figures.Money && unit == "" {
			unit = "?"
		}
		var notes []string
		if f.UnitInferred {
			notes = append(notes, "currency from context")
		}
		if f.ScaleShared {
			notes = append(notes, "scale from the next figure")
		}
		if f.Implausible {
			notes = append(notes, "IMPLAUSIBLE")
		}
		if f.Note != "" {
			notes = append(notes, f.Note)
		}
		text := strings.ReplaceAll(f.Text, "\n", " ")
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", f.Kind, value, unit, f.Qualifier, f.Period,
			strconv.Itoa(f.Start)+"-"+strconv.Itoa(f.End), strconv.Quote(text), strings.Join(notes, "; "))
	}
	tw.Flush()
}

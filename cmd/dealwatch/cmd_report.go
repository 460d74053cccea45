package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dealwatch/dealwatch/cmd/dealwatch/desk"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// reportOptions are the flags of "dealwatch report".
type reportOptions struct {
	DB          dbOptions
	Out         string
	MaxArticles int
}

// AddFlags registers the flags of "dealwatch report".
func (o *reportOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.StringVarP(&o.Out, "out", "o", "dealwatch-report.html", "the HTML `FILE` to write (- for standard output)")
	fs.IntVar(&o.MaxArticles, "max-articles", 200, "show at most `N` articles of the latest run in full")
}

func newReportCmd(env *Env) *cobra.Command {
	var o reportOptions
	cmd := &cobra.Command{
		Use:     "report [flags]",
		GroupID: groupStore,
		Short:   "Write the review as one self-contained HTML file",
		Long: `Report writes one HTML file for someone without dealwatch: the review
queue, every deal with its timeline, each source's sentence with its
figure highlighted and its decisions, and the articles the latest run
stored with their figures and parties highlighted. The style is inline;
it needs no script, no other file and no network to read.`,
		Example: `  dealwatch report --db news.db --out review.html`,
		Args:    noArgs,
		RunE:    action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *reportOptions) run(ctx context.Context, env *Env, _ []string) (err error) {
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	if o.Out == "-" {
		env, flush := bufferStdout(env)
		defer func() { err = flush(err) }()
		defer db.Close()
		return desk.WriteReport(env.Stdout, db, deskData{}, desk.ReportOptions{MaxArticles: o.MaxArticles})
	}
	// Written next to its name, then renamed: a reader never sees half
	// a report.
	tmp, err := os.CreateTemp(filepath.Dir(o.Out), ".dealwatch-report-*.html")
	if err != nil {
		db.Close()
		return fmt.Errorf("report: %w", err)
	}
	defer os.Remove(tmp.Name())
	werr := desk.WriteReport(tmp, db, deskData{}, desk.ReportOptions{MaxArticles: o.MaxArticles})
	db.Close()
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("report: %w", werr)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := os.Rename(tmp.Name(), o.Out); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	fmt.Fprintf(env.Stderr, "wrote %s\n", o.Out)
	return nil
}

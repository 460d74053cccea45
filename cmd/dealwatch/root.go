package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commandList is every subcommand, in the order "dealwatch help" shows
// them within their group. To add a command, write cmd_NAME.go with an
// options struct (AddFlags, run) and a newNAMECmd(env) constructor, and
// add the constructor here.
var commandList = []func(env *Env) *cobra.Command{
	newExtractCmd,
	newFiguresCmd,
	newReadCmd,
	newRunCmd,
	newRunsCmd,
	newDiffCmd,
	newDealsCmd,
	newShowCmd,
	newHistoryCmd,
	newReviewCmd,
	newArticlesCmd,
	newExportCmd,
	newServeCmd,
	newReportCmd,
	newCheckCmd,
	newRecoverCmd,
	newCompactCmd,
	newVersionCmd,
	newManCmd,
}

// Command groups in "dealwatch help". A command with no GroupID is listed
// under "Additional Commands".
const (
	groupArticles = "articles"
	groupStore    = "store"
)

// newRootCmd builds the dealwatch command tree for env.
func newRootCmd(env *Env) *cobra.Command {
	cobra.EnableCommandSorting = false
	root := &cobra.Command{
		Use:   "dealwatch",
		Short: "Keep the facts of AI-infrastructure deals reported in the news",
		Long: `dealwatch reads news articles (Italian, Spanish, English) about
AI-infrastructure deals and keeps the facts: who, what kind of deal, how
much money and capacity, at what stage, and the sentence that says so.

"dealwatch run" stores each article's deals in a local store, once per
article version; the other store commands read it, also while a run is
in progress.

Exit codes:
  0  all good
  1  some articles or sources failed (the rest were processed and stored)
  2  usage or configuration error, or the store is in use by another run`,
		Example: `  dealwatch extract testdata/corpus
  dealwatch run --db news.db --feeds feeds.txt
  dealwatch deals --db news.db --review needed`,
		Version:           Version,
		SilenceErrors:     true,
		SilenceUsage:      true,
		DisableAutoGenTag: true,
	}
	root.SetVersionTemplate("dealwatch {{.Version}}\n")
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetIn(env.Stdin)
	root.SetFlagErrorFunc(flagError)
	root.AddGroup(
		&cobra.Group{ID: groupArticles, Title: "Reading articles (no store):"},
		&cobra.Group{ID: groupStore, Title: "The store:"},
	)
	for _, newCmd := range commandList {
		root.AddCommand(newCmd(env))
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		switch c.Name() {
		case "help":
			c.Run, c.RunE = nil, helpTopic
		case "completion":
			c.RunE = func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 {
					return usageErr("completion needs a shell: bash, zsh, fish or powershell")
				}
				return usageErr("completion: unknown shell %q: choose bash, zsh, fish or powershell", args[0])
			}
		}
	}
	return root
}

// helpTopic is "dealwatch help [COMMAND]": the help of a command on
// standard output, or a usage error for one that does not exist.
func helpTopic(c *cobra.Command, args []string) error {
	cmd, rest, err := c.Root().Find(args)
	if err == nil && len(rest) > 0 && cmd.HasSubCommands() {
		err = fmt.Errorf("unknown command %q for %q", rest[0], cmd.CommandPath())
	}
	if err != nil {
		return usageErr("unknown help topic %q: %v", strings.Join(args, " "), err)
	}
	cmd.InitDefaultHelpFlag()
	cmd.InitDefaultVersionFlag()
	return cmd.Help()
}

// cmdError marks an error returned by a command's own code, as opposed
// to one cobra reports about the command line (always a usage error).
type cmdError struct{ err error }

func (e cmdError) Error() string { return e.err.Error() }
func (e cmdError) Unwrap() error { return e.err }

// action adapts a command's run method to cobra: it takes the context
// from the command and marks the errors as the command's own.
func action(env *Env, run func(ctx context.Context, env *Env, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		if err := run(cmd.Context(), env, args); err != nil {
			return cmdError{err}
		}
		return nil
	}
}

// noArgs is the Args of a command that takes none.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErr("%s takes no arguments, got %q", cmd.Name(), args)
	}
	return nil
}

// needArgs is the Args of a command that takes between min and max
// arguments (max < 0: any number); what names them in the error
// ("one article id (sha256:…)").
func needArgs(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < min:
			return usageErr("%s needs %s", cmd.Name(), what)
		case max >= 0 && len(args) > max:
			return usageErr("%s takes %s, got %d arguments: %q", cmd.Name(), what, len(args), args)
		}
		return nil
	}
}

// flagError adds "did you mean" to pflag's errors for a mistyped flag.
func flagError(cmd *cobra.Command, err error) error {
	msg := err.Error()
	var typed string
	switch {
	case strings.HasPrefix(msg, "unknown flag: --"):
		typed = strings.TrimPrefix(msg, "unknown flag: --")
	case strings.HasPrefix(msg, "unknown shorthand flag: "):
		// "-json" (one dash, as Go's flag package allowed) reads as
		// shorthands: "unknown shorthand flag: 'j' in -json".
		if _, after, ok := strings.Cut(msg, " in -"); ok {
			typed = after
		}
	}
	if typed != "" {
		typed, _, _ = strings.Cut(typed, "=")
		if s := suggestFlag(cmd, typed); s != "" {
			msg += "; did you mean --" + s + "?"
		}
	}
	return usageErr("%s", msg)
}

// suggestFlag returns the command's flag closest to typed, or "".
func suggestFlag(cmd *cobra.Command, typed string) string {
	best, bestDist := "", 3
	visit := func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		d := editDistance(strings.ToLower(typed), f.Name)
		if strings.HasPrefix(f.Name, typed) && len(typed) >= 2 {
			d = 1
		}
		if d < bestDist {
			best, bestDist = f.Name, d
		}
	}
	cmd.Flags().VisitAll(visit)
	cmd.InheritedFlags().VisitAll(visit)
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// execute runs the command tree on args and returns the exit code.
// Errors cobra reports (an unknown command or flag, a missing argument)
// are usage errors: exit 2, with a pointer to the command's help.
func execute(ctx context.Context, env *Env, args []string) int {
	root := newRootCmd(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	var ce cmdError
	if err == nil || errors.As(err, &ce) {
		if err != nil {
			err = ce.err
		}
		return exitCode(env, err)
	}
	if !errors.Is(err, ErrUsage) {
		err = fmt.Errorf("%w: %s", ErrUsage, strings.TrimRight(err.Error(), "\n"))
	}
	exitCode(env, err)
	path := "dealwatch"
	if cmd != nil && cmd.Name() != "help" {
		path = cmd.CommandPath()
	}
	fmt.Fprintf(env.Stderr, "Run '%s --help' for usage.\n", path)
	return 2
}

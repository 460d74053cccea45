// Command dealwatch is the command-line room of dealwatch: flags,
// configuration, wiring of sources → extract → store, and exit codes.
// It is thin on purpose; the work happens in the packages it wires.
//
// Exit codes: 0 all good; 1 some articles or sources failed (the rest
// were processed and stored); 2 usage or configuration error, or the
// store is in use by another process.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
)

// Version is the dealwatch version, printed by "dealwatch version" and
// sent in the HTTP User-Agent.
var Version = "0.1.0-dev"

// Errors that decide the exit code. Commands wrap them with %w.
var (
	// ErrUsage is a bad command line or configuration: exit code 2.
	ErrUsage = errors.New("usage")
	// ErrPartial means some articles or sources failed while the others
	// were processed: exit code 1.
	ErrPartial = errors.New("some inputs failed")
)

// Env is what a command runs with: its streams and the environment.
type Env struct {
	Stdout io.Writer
	Stderr io.Writer
	Stdin  io.Reader
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// IsTerminal reports whether Stderr is a terminal (progress bars,
	// colour).
	IsTerminal bool
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

// commands lists every subcommand, in the order "dealwatch help" shows.
func commands() []command {
	return []command{
		{"extract", "extract deals from articles and print them (no store)", cmdExtract},
		{"figures", "list every figure the parser reads in articles", cmdFigures},
		{"read", "show an article exactly as the pipeline sees it", cmdRead},
		{"run", "nightly batch: extract new or changed articles into the store", cmdRun},
		{"runs", "list the runs in the store", cmdRuns},
		{"diff", "what changed between two runs", cmdDiff},
		{"deals", "reconciled deals across articles, conflicts first", cmdDeals},
		{"show", "show one article's stored result", cmdShow},
		{"history", "the versions of an article, or the timeline of a deal", cmdHistory},
		{"review", "the review queue, and reviewers' decisions on deals", cmdReview},
		{"export", "write the latest deals of every article as JSON Lines or CSV", cmdExport},
		{"version", "print the version", cmdVersion},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv, IsTerminal: isTerminal(os.Stderr)}
	os.Exit(Main(ctx, env, os.Args[1:]))
}

// Main runs dealwatch with args (without the program name) and returns
// the exit code.
func Main(ctx context.Context, env *Env, args []string) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return exitCode(env, c.run(ctx, env, args[1:]))
		}
	}
	fmt.Fprintf(env.Stderr, "dealwatch: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dealwatch reads news articles (it, es, en) about AI-infrastructure deals and keeps the facts.")
	fmt.Fprintln(w, "\nUsage: dealwatch COMMAND [flags] [args]")
	fmt.Fprintln(w, "\nCommands:")
	cs := commands()
	width := 0
	for _, c := range cs {
		width = max(width, len(c.name))
	}
	for _, c := range cs {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dealwatch COMMAND -h' for a command's flags.")
}

// exitCode maps a command's error to the exit code and prints it.
func exitCode(env *Env, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, ErrUsage):
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", strings.TrimPrefix(err.Error(), "usage: "))
		return 2
	case errors.Is(err, ErrPartial):
		fmt.Fprintf(env.Stderr, "dealwatch: %v\n", err)
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(env.Stderr, "dealwatch: interrupted; what was finished is kept")
		return 1
	default:
		fmt.Fprintf(env.Stderr, "dealwatch: %v\n", err)
		return exitCodeFor(err)
	}
}

// usageErr returns an error that exits with code 2.
func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, a...))
}

// newFlagSet returns a FlagSet for a command that reports errors instead
// of exiting, with a usage line.
func newFlagSet(env *Env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: dealwatch %s [flags] %s\n\nFlags:\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// ("extract testdata/corpus --json"), and maps flag errors to ErrUsage.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %s %v", ErrUsage, fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return pos, nil
}

func cmdVersion(ctx context.Context, env *Env, args []string) error {
	fmt.Fprintf(env.Stdout, "dealwatch %s\n", Version)
	return nil
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

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
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/spf13/pflag"
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
	// Width is the width in columns of the terminal Stdout is on, 0 when
	// it is not a terminal (then human output fits 80 columns; see
	// termWidth).
	Width int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Getenv: os.Getenv, IsTerminal: isTerminal(os.Stderr), Width: terminalWidth()}
	os.Exit(Main(ctx, env, os.Args[1:]))
}

// Main runs dealwatch with args (without the program name) and returns
// the exit code. Without a command it prints the help to standard error
// and exits 2, as the go command does.
func Main(ctx context.Context, env *Env, args []string) int {
	if env.Getenv == nil {
		env.Getenv = os.Getenv
	}
	if env.Stdin == nil {
		env.Stdin = os.Stdin
	}
	if len(args) == 0 {
		root := newRootCmd(env)
		root.SetOut(env.Stderr)
		root.Help()
		return 2
	}
	return execute(ctx, env, args)
}

// exitCode maps a command's error to the exit code and prints it.
func exitCode(env *Env, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, pflag.ErrHelp):
		return 0
	case errors.Is(err, ErrUsage):
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", sanitizeLines(strings.TrimPrefix(err.Error(), "usage: ")))
		return 2
	case errors.Is(err, ErrPartial):
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", sanitizeLines(err.Error()))
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(env.Stderr, "dealwatch: interrupted; what was finished is kept")
		return 1
	default:
		fmt.Fprintf(env.Stderr, "dealwatch: %s\n", sanitizeLines(err.Error()))
		return exitCodeFor(err)
	}
}

// usageErr returns an error that exits with code 2.
func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, a...))
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

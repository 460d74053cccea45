package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// defaultDB is the store used when neither --db nor DEALWATCH_DB is set.
const defaultDB = "dealwatch.db"

// dbOptions are the store flags shared by every command that opens it.
type dbOptions struct {
	Path        string
	LockTimeout time.Duration
}

// AddFlags registers --db and --lock-timeout, with the default store from
// DEALWATCH_DB.
func (o *dbOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	def := env.Getenv("DEALWATCH_DB")
	if def == "" {
		def = defaultDB
	}
	fs.StringVar(&o.Path, "db", def, "store `FILE` (env DEALWATCH_DB)")
	fs.DurationVar(&o.LockTimeout, "lock-timeout", 0, "how long to wait for the store: for another run to finish (run; default 2s), for a run's write in progress to commit (reading commands; default 10s)")
}

// readTimeout is the default --lock-timeout of commands that read: they
// wait only for one transaction of a run in progress to commit (the
// longest, reconciling at the end of a big run, reads for a second or
// two), never for a whole run.
const readTimeout = 10 * time.Second

// open opens the store; read-only commands pass readOnly so they never
// create a file or take the writer's lock.
func (o *dbOptions) open(readOnly bool) (*store.DB, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	timeout := o.LockTimeout
	if timeout <= 0 {
		timeout = store.DefaultTimeout
		if readOnly {
			timeout = readTimeout
		}
	}
	return store.Open(o.Path, &store.Options{ReadOnly: readOnly, Timeout: timeout, Reconciler: reconcilerID()})
}

// check reports a --db that cannot be a store file as a usage error
// (exit 2): empty, a directory, or in a folder that does not exist.
func (o *dbOptions) check() error {
	if strings.TrimSpace(o.Path) == "" {
		return usageErr("--db is empty: give the store's file, e.g. --db %s (or set DEALWATCH_DB)", defaultDB)
	}
	fi, err := os.Stat(o.Path)
	switch {
	case err == nil && fi.IsDir():
		return usageErr("--db %s is a directory: give the store's file, e.g. --db %s", o.Path, filepath.Join(o.Path, defaultDB))
	case err == nil:
		return nil
	}
	dir := filepath.Dir(o.Path)
	di, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return usageErr("--db %s: the folder %s does not exist; create it first", o.Path, dir)
	case err == nil && !di.IsDir():
		return usageErr("--db %s: %s is a file, not a folder", o.Path, dir)
	}
	return nil
}

// reconcilerID identifies the code that reconciles deals, for the deal
// snapshots a run stores: a snapshot written by another dealwatch is
// ignored by readers, who reconcile again, until the next run writes
// one. It is the version and the commit; a build without a clean commit
// (go build outside git, a modified tree) adds its executable's size,
// which a change to the code almost always changes while rebuilding the
// same code ("go run") keeps it.
func reconcilerID() string {
	id := fmt.Sprintf("dealwatch %s schema %d", Version, extract.SchemaVersion)
	revision, modified := "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if revision != "" {
		id += " " + revision
	}
	if revision == "" || modified {
		if exe, err := os.Executable(); err == nil {
			if fi, err := os.Stat(exe); err == nil {
				id += fmt.Sprintf(" build of %d bytes", fi.Size())
			}
		}
	}
	return id
}

// articleKey is the store's key of a source: an absolute path, or the URL
// as given, so runs from different working folders agree.
func articleKey(source string) string {
	if strings.Contains(source, "://") {
		return source
	}
	if abs, err := filepath.Abs(source); err == nil {
		return abs
	}
	return source
}

// termColours are ANSI colour codes, used only when the output is a terminal
// and NO_COLOR is unset.
type termColours struct{ on bool }

func newTermColours(env *Env) termColours {
	out := env.Stdout
	if b, ok := out.(*stdoutBuffer); ok {
		out = b.dst
	}
	return termColours{on: env.IsTerminal && env.Getenv("NO_COLOR") == "" && isTerminal(os.Stdout) && out == os.Stdout}
}

// stdoutBuffer holds a command's standard output until the command is
// done (see spool): a listing of thousands of lines costs no write
// system call each, and a reader never writes to a slow pipe while it
// holds the store.
type stdoutBuffer struct {
	spool
	dst io.Writer
	// stream, when set, takes the writes instead of the spool (see
	// streamStdout).
	stream *streamSpool
}

func (b *stdoutBuffer) Write(p []byte) (int, error) {
	if b.stream != nil {
		return b.stream.Write(p)
	}
	return b.spool.Write(p)
}

// bufferStdout returns a copy of env whose Stdout is buffered, and the
// function that flushes it; a command defers
//
//	env, flush := bufferStdout(env)
//	defer func() { err = flush(err) }()
func bufferStdout(env *Env) (*Env, func(error) error) {
	b := &stdoutBuffer{dst: env.Stdout}
	e := *env
	e.Stdout = b
	return &e, func(err error) error {
		if ferr := b.writeTo(b.dst); ferr != nil && err == nil {
			return fmt.Errorf("write output: %w", ferr)
		}
		return err
	}
}

func (c termColours) wrap(code, s string) string {
	if !c.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (c termColours) green(s string) string  { return c.wrap("32", s) }
func (c termColours) red(s string) string    { return c.wrap("31", s) }
func (c termColours) yellow(s string) string { return c.wrap("33", s) }
func (c termColours) bold(s string) string   { return c.wrap("1", s) }
func (c termColours) dim(s string) string    { return c.wrap("2", s) }

// storeTime prints stored times the same way everywhere: UTC, seconds.
func storeTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

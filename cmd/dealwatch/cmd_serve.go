package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/dealwatch/dealwatch/cmd/dealwatch/desk"
	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// serveOptions are the flags of "dealwatch serve".
type serveOptions struct {
	DB          dbOptions
	Addr        string
	AllowRemote bool
	By          string
	DecideWait  time.Duration
}

// AddFlags registers the flags of "dealwatch serve".
func (o *serveOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
	fs.StringVar(&o.Addr, "addr", "127.0.0.1:8080", "`HOST:PORT` to listen on; loopback only unless --allow-remote")
	fs.BoolVar(&o.AllowRemote, "allow-remote", false, "allow a non-loopback --addr: anyone who can reach it can read the store and record decisions")
	fs.StringVar(&o.By, "by", env.Getenv("USER"), "the reviewer recorded with each decision (default $USER)")
	fs.DurationVar(&o.DecideWait, "decide-wait", 3*time.Second, "how long a decision waits for a run that holds the store before saying so")
}

func newServeCmd(env *Env) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:     "serve [flags]",
		GroupID: groupStore,
		Short:   "The review desk: a local web page for the morning review",
		Long: `Serve starts the review desk, a web app on this machine: the review
queue (newest evidence first, filters, keys j/k r d ?), each deal with
the sentence of every source and its figure highlighted and conflicts
side by side, each article's text with its figures and parties
highlighted, and every run with its diff. Decisions (resolve, dismiss,
reject, confirm, reopen, with a note) are stored exactly as "dealwatch
review" stores them, each in its own transaction.

It listens on 127.0.0.1:8080, loopback only: other machines cannot reach
it. A non-loopback --addr is refused unless --allow-remote is given
(then anyone who can reach the port can read the store and decide; there
is no login). Pages read while a run writes; a decision waits
--decide-wait for the run and otherwise says a run is going.`,
		Example: `  dealwatch serve --db news.db
  dealwatch serve --addr 127.0.0.1:9000 --by ann`,
		Args: noArgs,
		RunE: action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *serveOptions) run(ctx context.Context, env *Env, _ []string) error {
	if !desk.IsLoopbackAddr(o.Addr) && !o.AllowRemote {
		return usageErr("--addr %s is not a loopback address: the desk has no login, so it binds to 127.0.0.1 by default; pass --allow-remote to serve other machines", o.Addr)
	}
	srv, err := newDeskServer(&o.DB, o.By, o.DecideWait, o.AllowRemote)
	if err != nil {
		return err
	}
	// The store must be readable now, not at the first page.
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	db.Close()
	ln, err := net.Listen("tcp", o.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.Addr, err)
	}
	where := "loopback only: this machine"
	if !desk.IsLoopbackAddr(o.Addr) {
		where = "NOT loopback: other machines can reach it (--allow-remote)"
	}
	fmt.Fprintf(env.Stderr, "dealwatch desk on http://%s/ (%s), store %s; Ctrl-C stops it\n", ln.Addr(), where, o.DB.Path)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		// A decision in progress finishes (its transaction commits)
		// before the server stops.
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		fmt.Fprintln(env.Stderr, "dealwatch desk stopped")
		return err
	}
}

// newDeskServer returns the desk for the store of db: pages open it
// read-only, decisions for writing, waiting at most wait for a run.
func newDeskServer(db *dbOptions, by string, wait time.Duration, allowRemote bool) (*desk.Server, error) {
	if err := db.check(); err != nil {
		return nil, err
	}
	open := func(readOnly bool) (*store.DB, error) {
		if readOnly {
			return db.open(true)
		}
		return store.Open(db.Path, &store.Options{Timeout: wait, Reconciler: reconcilerID()})
	}
	return desk.New(desk.Options{Open: open, Data: deskData{}, By: by, AllowRemote: allowRemote})
}

package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// compactOptions are the flags of "dealwatch compact".
type compactOptions struct {
	DB dbOptions
}

// AddFlags registers the flags of "dealwatch compact".
func (o *compactOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	o.DB.AddFlags(fs, env)
}

func newCompactCmd(env *Env) *cobra.Command {
	var o compactOptions
	cmd := &cobra.Command{
		Use:     "compact [flags]",
		GroupID: groupStore,
		Short:   "Rewrite the store into a smaller file",
		Long: `Compact rewrites the store with only the pages in use and puts the new
file in place of the old one. The store's file never shrinks by itself:
the space that runs free (a first run's large transactions, deal
snapshots replaced) is reused by later runs but stays in the file until
compact. It takes the store like a run does (a run in progress makes it
wait --lock-timeout, then exit 2), writes FILE.compact next to the store,
then renames it over FILE: a crash leaves the old store or the new one.`,
		Example: `  dealwatch compact --db news.db`,
		Args:    noArgs,
		RunE:    action(env, o.run),
	}
	o.AddFlags(cmd.Flags(), env)
	return cmd
}

func (o *compactOptions) run(ctx context.Context, env *Env, args []string) error {
	db, err := o.DB.open(false)
	if err != nil {
		return err
	}
	before, after, err := db.Compact()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s → %s\n", sanitize(o.DB.Path), mib(before), mib(after))
	return nil
}

// mib writes a file size for people.
func mib(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

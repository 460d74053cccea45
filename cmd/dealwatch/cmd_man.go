package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd is the hidden "dealwatch man DIR": man pages of every
// command, generated from the same command tree as the help ("make man").
func newManCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "man DIR",
		Short:   "Write the man pages of dealwatch and its commands into DIR",
		Long:    "Man writes a man page (section 1) for dealwatch and for each of its commands into DIR, creating it if needed.",
		Example: "  dealwatch man man/\n  man -l man/dealwatch-run.1",
		Hidden:  true,
		Args:    needArgs(1, 1, "the folder to write the man pages into"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return action(env, func(ctx context.Context, env *Env, args []string) error {
				return writeManPages(cmd.Root(), args[0], env)
			})(cmd, args)
		},
	}
}

func writeManPages(root *cobra.Command, dir string, env *Env) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return usageErr("man: %v", err)
	}
	header := &doc.GenManHeader{Title: "DEALWATCH", Section: "1", Source: "dealwatch " + Version, Manual: "dealwatch manual"}
	if err := doc.GenManTree(root, header, dir); err != nil {
		return fmt.Errorf("write man pages: %w", err)
	}
	fmt.Fprintf(env.Stdout, "man pages written to %s\n", dir)
	return nil
}

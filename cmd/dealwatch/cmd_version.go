package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version",
		Long:    "Print the version of dealwatch; \"dealwatch --version\" does the same.",
		Example: "  dealwatch version",
		Args:    noArgs,
		RunE:    action(env, runVersion),
	}
}

func runVersion(ctx context.Context, env *Env, args []string) error {
	fmt.Fprintf(env.Stdout, "dealwatch %s\n", Version)
	return nil
}

package main

import (
	"context"
	"errors"
)

// cmdExport is a placeholder until its issue lands.
func cmdExport(ctx context.Context, env *Env, args []string) error {
	return errors.New("export (issue 6) is not built yet")
}

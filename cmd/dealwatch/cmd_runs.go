package main

import (
	"context"
	"errors"
)

// cmdRuns is a placeholder until its issue lands.
func cmdRuns(ctx context.Context, env *Env, args []string) error {
	return errors.New("runs (issue 6) is not built yet")
}

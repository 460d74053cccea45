package main

import (
	"context"
	"errors"
)

// cmdRun is a placeholder until its issue lands.
func cmdRun(ctx context.Context, env *Env, args []string) error {
	return errors.New("run (issue 6) is not built yet")
}

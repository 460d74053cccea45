package main

import (
	"context"
	"errors"
)

// cmdDiff is a placeholder until its issue lands.
func cmdDiff(ctx context.Context, env *Env, args []string) error {
	return errors.New("diff (issue 6) is not built yet")
}

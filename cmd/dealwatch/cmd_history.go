package main

import (
	"context"
	"errors"
)

// cmdHistory is a placeholder until its issue lands.
func cmdHistory(ctx context.Context, env *Env, args []string) error {
	return errors.New("history (issues 6, 7) is not built yet")
}

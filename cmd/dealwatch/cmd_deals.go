package main

import (
	"context"
	"errors"
)

// cmdDeals is a placeholder until its issue lands.
func cmdDeals(ctx context.Context, env *Env, args []string) error {
	return errors.New("deals (issue 7) is not built yet")
}

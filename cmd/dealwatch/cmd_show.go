package main

import (
	"context"
	"errors"
)

// cmdShow is a placeholder until its issue lands.
func cmdShow(ctx context.Context, env *Env, args []string) error {
	return errors.New("show (issue 6) is not built yet")
}

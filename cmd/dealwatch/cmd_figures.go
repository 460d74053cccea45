package main

import (
	"context"
	"errors"
)

// cmdFigures is a placeholder until its issue lands.
func cmdFigures(ctx context.Context, env *Env, args []string) error {
	return errors.New("figures (issue 3) is not built yet")
}

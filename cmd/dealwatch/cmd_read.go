package main

import (
	"context"
	"errors"
)

// cmdRead is a placeholder until its issue lands.
func cmdRead(ctx context.Context, env *Env, args []string) error {
	return errors.New("read (issue 8) is not built yet")
}

package main

import (
	"errors"

	"github.com/dealwatch/dealwatch/store"
)

// exitCodeFor returns the exit code of an error that is neither usage nor
// partial failure: 2 for configuration problems (the store is in use by
// another process, written by a newer dealwatch, missing, or the thing
// asked for is not in it), else 1 (a run that stopped: a full disk, an
// unreadable store).
func exitCodeFor(err error) int {
	switch {
	case errors.Is(err, store.ErrLocked),
		errors.Is(err, store.ErrFormat),
		errors.Is(err, store.ErrNoStore),
		errors.Is(err, store.ErrCorrupt),
		errors.Is(err, store.ErrLinked),
		errors.Is(err, store.ErrNotFound):
		return 2
	default:
		return 1
	}
}

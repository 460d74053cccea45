package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// defaultDeadline is run's --deadline: long enough for a big nightly run
// against a slow model, short enough that a hung server never makes the
// next night's run find the store in use.
const defaultDeadline = 6 * time.Hour

// errStopped marks a run that stopped before its end for a reason other
// than a signal: its deadline passed, or the LLM server is unreachable.
// The run is aborted, what it stored stays, and the rest is tried again
// next run (exit 1).
var errStopped = errors.New("run stopped")

// deadlineError is the cause of a run's context when --deadline passes.
type deadlineError struct{ d time.Duration }

func (e *deadlineError) Error() string {
	return fmt.Sprintf("the run's deadline of %s passed (--deadline)", e.d)
}

// stopped reports whether a run context's cause is one that stops the
// run with errStopped.
func stopped(cause error) bool {
	var d *deadlineError
	return errors.As(cause, &d) || errors.Is(cause, extract.ErrUnavailable)
}

// notAttempted reports whether an article's extraction error means it
// was never really tried: the backend is unreachable, or the run was
// stopped while it was in flight. Such articles are not stored, so the
// next run tries them again.
func notAttempted(ctx context.Context, err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, extract.ErrUnavailable) {
		return true
	}
	return ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded))
}

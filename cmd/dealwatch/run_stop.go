package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
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

// runInterrupted is how readers show a run left running by a process
// that is gone (killed with SIGKILL, a power cut): no process holds the
// store's writer lock. The next run marks it aborted.
const runInterrupted store.RunState = "interrupted"

// markInterrupted shows the running runs of runs as interrupted when no
// process is writing the store.
func markInterrupted(db *store.DB, runs []store.Run) {
	live := -1
	for i := range runs {
		if runs[i].State != store.RunRunning {
			continue
		}
		if live < 0 {
			live = 0
			if db.WriterActive() {
				live = 1
			}
		}
		if live == 0 {
			runs[i].State = runInterrupted
			if runs[i].Note == "" {
				runs[i].Note = "interrupted: the process that ran it is gone (killed?); the next run marks it aborted and finishes the job"
			}
		}
	}
}

// saveDeals reconciles and stores a completed run's deals (a variable so
// that tests can make the store fail at this step).
var saveDeals = snapshotDeals

// dealsNotSaved is the error of a run whose articles were stored but
// whose reconciled deals could not be (a full disk): exit 1.
func dealsNotSaved(run uint64, err error) error {
	return fmt.Errorf("%w: saving the reconciled deals of run %d: %w; the run's articles are stored, but its deals were not updated (\"dealwatch deals\" reconciles them itself until a run stores them)", errStore, run, err)
}

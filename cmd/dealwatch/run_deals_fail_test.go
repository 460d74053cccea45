package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/dealwatch/dealwatch/store"
)

// A store failure (a full disk) while saving the reconciled deals ends
// the run with exit 1, the cause, and says the deals were not updated.
func TestRunDealsSnapshotFails(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	genCorpus(t, corpus, 5, 1500)
	db := filepath.Join(t.TempDir(), "s.db")
	saveDeals = func(*store.DB, uint64) (int, int, error) {
		return 0, 0, fmt.Errorf("put deals: write %s: %w", db, syscall.ENOSPC)
	}
	t.Cleanup(func() { saveDeals = snapshotDeals })
	out, errOut, code := runCLI(t, nil, "run", "--db", db, corpus)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, "no space left on device") || !strings.Contains(errOut, "deals were not updated") {
		t.Errorf("stderr %q, want the cause and that the deals were not updated", errOut)
	}
	if !strings.Contains(out, "not updated") {
		t.Errorf("summary %q does not say the deals were not updated", out)
	}
}

package main

import (
	"io"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestDecisionKilled kills "dealwatch review resolve" with SIGKILL at
// random points of its life, on the real binary: every time, the store
// checks clean and the decision is either whole (every field as given,
// indexed under its deal) or absent.
func TestDecisionKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it many times")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	dir := filepath.Join(tmp, "corpus")
	os.MkdirAll(dir, 0o755)
	writeFile(t, dir, "aws-it.txt", nightIT)
	writeFile(t, dir, "aws-en.txt", strings.Replace(nightEN, "$38 billion", "$48 billion", 1))
	base := filepath.Join(tmp, "base.db")
	if out, err := exec.Command(bin, "run", "--db", base, dir).CombinedOutput(); err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	const deal = "amazon+openai/compute_contract"
	note := strings.Repeat("the filing says 48; ", 2000) // 40 KB: a write that takes a while
	args := func(path string) []string {
		return []string{"review", "resolve", deal, "--db", path, "--value", "$48B", "--by", "kim", "--note", note}
	}
	// The reference: how long one decision takes, start to exit.
	ref := filepath.Join(tmp, "ref.db")
	copyFile(t, base, ref)
	start := time.Now()
	if out, err := exec.Command(bin, args(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("reference decision: %v\n%s", err, out)
	}
	full := time.Since(start)

	check := func(path string) (int, error) {
		db, err := store.Open(path, &store.Options{ReadOnly: true})
		if err != nil {
			return 0, err
		}
		defer db.Close()
		if err := db.Check(); err != nil {
			return 0, err
		}
		decs, err := db.Decisions(deal)
		if err != nil {
			return 0, err
		}
		for _, d := range decs {
			if d.Deal != deal || d.Action != store.Resolve || d.Note != note || d.By != "kim" || len(d.Value) == 0 || len(d.Evidence) == 0 || d.Fingerprint == "" {
				t.Errorf("a partial decision: %+v", d)
			}
		}
		log, err := db.DecisionLog()
		if err != nil || len(log) != len(decs) {
			t.Errorf("log has %d decisions, the deal %d (%v)", len(log), len(decs), err)
		}
		return len(decs), nil
	}
	if n, err := check(ref); err != nil || n != 1 {
		t.Fatalf("reference store: %d decisions, %v", n, err)
	}
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	whole, absent := 0, 0
	const trials = 24
	for i := 0; i < trials; i++ {
		path := filepath.Join(tmp, "k.db")
		os.Remove(path)
		os.Remove(path + ".lock")
		copyFile(t, base, path)
		cmd := exec.Command(bin, args(path)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Spread over the process's life (and a little past it), with
		// jitter: the first trials kill it before it stores anything.
		span := int64(full) + int64(full)/5
		delay := time.Duration(span*int64(i)/trials + rng.Int63n(span/trials+1))
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		n, err := check(path)
		if err != nil {
			t.Fatalf("trial %d (killed after %v of %v): %v", i, delay, full, err)
		}
		switch n {
		case 0:
			absent++
		case 1:
			whole++
		default:
			t.Errorf("trial %d: %d decisions, want 0 or 1", i, n)
		}
	}
	t.Logf("%d trials over a decision of %v: %d whole, %d absent", trials, full.Round(time.Millisecond), whole, absent)
	if absent == 0 {
		t.Errorf("no trial killed the process before its decision was stored; the test proved little")
	}
}

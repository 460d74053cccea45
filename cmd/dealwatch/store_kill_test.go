package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

// buildBinary builds dealwatch into dir and returns its path.
func buildBinary(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "dealwatch")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// latestJSON is the store's latest results as canonical JSON, one per
// line, with each article's version count: what "the same state" means.
func latestJSON(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatalf("store %s inconsistent: %v", path, err)
	}
	rs, err := db.Latest()
	if err != nil {
		t.Fatal(err)
	}
	arts, err := db.Articles()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, a := range arts {
		b.WriteString(filepath.Base(a.Key) + " versions=" + strconv.Itoa(a.Versions) + "\n")
	}
	for _, r := range rs {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestStoreSubprocess runs the real binary: a second writer is refused,
// and runs killed with SIGKILL at random points leave a store that opens,
// shows them aborted, and is finished by the next run.
func TestStoreSubprocess(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it many times")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	corpus := filepath.Join(tmp, "corpus")
	const articles = 120
	genCorpus(t, corpus, articles, 2000)
	// The rules backend is the default; --batch 4 gives many commits to
	// be killed between.
	runArgs := func(db string) []string {
		return []string{"run", "--db", db, "--batch", "4", "--concurrency", "2", corpus}
	}

	t.Run("second writer refused", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "s.db")
		db, err := store.Open(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		start := time.Now()
		cmd := exec.Command(bin, runArgs(path)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err = cmd.Run()
		elapsed := time.Since(start)
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 {
			t.Errorf("second writer: %v, want exit code 2", err)
		}
		if !strings.Contains(stderr.String(), "in use by another dealwatch process") {
			t.Errorf("stderr %q does not say the store is in use", stderr.String())
		}
		if elapsed > 5*time.Second {
			t.Errorf("second writer took %v to be refused, want < 5s", elapsed)
		}
	})

	t.Run("readers during a run", func(t *testing.T) {
		// runs and deals answer while a run is writing, between its
		// batches, and see the run as running.
		path := filepath.Join(t.TempDir(), "r.db")
		cmd := exec.Command(bin, runArgs(path)...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		sawRunning, reads := false, 0
		var runErr error
	poll:
		for {
			select {
			case runErr = <-exited:
				break poll
			case <-time.After(20 * time.Millisecond):
			}
			if _, err := os.Stat(path); err != nil {
				continue
			}
			r := exec.Command(bin, "runs", "--db", path, "--json")
			var stderr bytes.Buffer
			r.Stderr = &stderr
			got, err := r.Output()
			if err != nil {
				t.Errorf("runs during a run: %v: %s", err, stderr.String())
				continue
			}
			reads++
			var l runLine
			if json.Unmarshal(bytes.TrimSpace(got), &l) == nil && l.State == "running" {
				if !sawRunning {
					if d, err := exec.Command(bin, "deals", "--db", path).CombinedOutput(); err != nil {
						t.Errorf("deals during a run: %v: %s", err, d)
					}
				}
				sawRunning = true
			}
		}
		if runErr != nil {
			t.Fatalf("the run with readers: %v\n%s", runErr, out.String())
		}
		if !sawRunning {
			t.Errorf("no reader saw the run running (%d reads)", reads)
		}
		t.Logf("%d reads during the run", reads)
	})

	t.Run("killed runs", func(t *testing.T) {
		// The reference run, uninterrupted. Watching its file tells when
		// the batches start to be written (after the language models
		// load), so most kills can land among them.
		ref := filepath.Join(t.TempDir(), "ref.db")
		start := time.Now()
		done := make(chan struct{})
		writes := make(chan []time.Duration, 1)
		go func() {
			var seen []time.Duration
			var last time.Time
			for {
				select {
				case <-done:
					writes <- seen
					return
				case <-time.After(5 * time.Millisecond):
				}
				if fi, err := os.Stat(ref); err == nil && !fi.ModTime().Equal(last) {
					last = fi.ModTime()
					seen = append(seen, time.Since(start))
				}
			}
		}()
		out, err := exec.Command(bin, runArgs(ref)...).CombinedOutput()
		full := time.Since(start)
		close(done)
		changes := <-writes
		if err != nil {
			t.Fatalf("reference run: %v\n%s", err, out)
		}
		// Writes: create + init, begin run, then the batches.
		batches := time.Duration(0)
		if len(changes) > 2 {
			batches = changes[2] - 20*time.Millisecond
		}
		want := latestJSON(t, ref)
		rng := rand.New(rand.NewSource(time.Now().UnixNano()))
		aborted, midway := 0, 0
		const trials = 5
		for i := 0; i < trials; i++ {
			path := filepath.Join(t.TempDir(), "k.db")
			cmd := exec.Command(bin, runArgs(path)...)
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			// The first trial kills anywhere in a full run, the others
			// while batches are being written: as soon as a reader sees
			// a random number of articles stored (a reader can open the
			// store during a run; aiming by the clock alone misses on a
			// loaded machine, where start-up times vary).
			began := time.Now()
			if i == 0 {
				time.Sleep(time.Duration(rng.Int63n(int64(full))))
			} else {
				waitStored(path, 1+rng.Intn(articles-8), full+10*time.Second)
			}
			delay := time.Since(began)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()

			stored := 0
			if _, err := os.Stat(path); err == nil {
				db, err := store.Open(path, &store.Options{ReadOnly: true})
				if err != nil {
					t.Fatalf("trial %d (killed after %v): open: %v", i, delay, err)
				}
				if err := db.Check(); err != nil {
					t.Errorf("trial %d (killed after %v): store inconsistent: %v", i, delay, err)
				}
				arts, _ := db.Articles()
				stored = len(arts)
				if stored > 0 && stored < articles {
					midway++
				}
				db.Close()
			}
			out, err := exec.Command(bin, runArgs(path)...).CombinedOutput()
			if err != nil {
				t.Fatalf("trial %d: run after the kill: %v\n%s", i, err, out)
			}
			runs, err := exec.Command(bin, "runs", "--db", path, "--json").Output()
			if err != nil {
				t.Fatal(err)
			}
			var states []string
			for _, l := range bytes.Split(bytes.TrimSpace(runs), []byte("\n")) {
				var r runLine
				json.Unmarshal(l, &r)
				states = append(states, r.State)
			}
			switch {
			case len(states) == 2 && states[0] == "aborted" && states[1] == "complete":
				aborted++
			case len(states) == 2 && states[0] == "complete" && states[1] == "complete":
				// killed after the run finished
			case len(states) == 1 && states[0] == "complete":
				// killed before the run began
			default:
				t.Errorf("trial %d (killed after %v): run states %v", i, delay, states)
			}
			if got := latestJSON(t, path); got != want {
				t.Errorf("trial %d (killed after %v): the store after the next run differs from an uninterrupted run's", i, delay)
			}
			t.Logf("trial %d: killed after %v of %v (batches from %v) with %d of %d articles stored; runs %v", i, delay.Round(time.Millisecond), full.Round(time.Millisecond), batches.Round(time.Millisecond), stored, articles, states)
		}
		if midway == 0 {
			t.Errorf("no trial killed a run midway through storing (a full run takes %v)", full)
		}
		if aborted == 0 {
			t.Errorf("no trial killed a run in progress (a full run takes %v); the test proved nothing", full)
		}
	})
}

// waitStored waits until a reader sees at least n articles in the store
// at path, or timeout.
func waitStored(path string, n int, timeout time.Duration) {
	for deadline := time.Now().Add(timeout); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		db, err := store.Open(path, &store.Options{ReadOnly: true, Timeout: time.Second})
		if err != nil {
			continue
		}
		arts, _ := db.Articles()
		db.Close()
		if len(arts) >= n {
			return
		}
	}
}

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

// processFixture builds the binary and a store of one run over a corpus.
func processFixture(t *testing.T, articles int) (bin, corpus, db string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	tmp := t.TempDir()
	bin = buildBinary(t, tmp)
	corpus = filepath.Join(tmp, "corpus")
	genCorpus(t, corpus, articles, 3000)
	db = filepath.Join(tmp, "s.db")
	if _, errOut, code := runBin(t, bin, "run", "--db", db, corpus); code != 0 {
		t.Fatalf("run: %d %s", code, errOut)
	}
	return bin, corpus, db
}

// A reader whose output nobody reads (a pager left open) does not hold
// the store: a run started meanwhile finishes at once.
func TestReaderOnFullPipeDoesNotBlockRun(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("sets the pipe size with F_SETPIPE_SZ")
	}
	// 100 articles: every listing, deals included, is longer than the
	// 4 KB pipe.
	bin, corpus, db := processFixture(t, 100)
	for _, args := range [][]string{{"export", "--json"}, {"diff", "0", "1"}, {"deals"}, {"export", "--csv"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			const fSetPipeSz = 1031
			syscall.Syscall(syscall.SYS_FCNTL, w.Fd(), fSetPipeSz, 4096)
			reader := exec.Command(bin, append(args, "--db", db)...)
			reader.Stdout = w
			if err := reader.Start(); err != nil {
				t.Fatal(err)
			}
			w.Close()
			time.Sleep(500 * time.Millisecond) // the reader is blocked on its output by now
			run := exec.Command(bin, "run", "--force", "--db", db, corpus)
			var runErr bytes.Buffer
			run.Stderr = &runErr
			done := make(chan error, 1)
			start := time.Now()
			run.Start()
			go func() { done <- run.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("run while a reader is blocked: %v\n%s", err, runErr.String())
				}
				t.Logf("run took %v", time.Since(start))
			case <-time.After(30 * time.Second):
				run.Process.Kill()
				<-done
				t.Errorf("run waited over 30s for a reader blocked on its output")
			}
			out, _ := io.ReadAll(r)
			if err := reader.Wait(); err != nil {
				t.Errorf("reader: %v", err)
			}
			t.Logf("%s printed %d bytes", args[0], len(out))
			if len(out) < 5000 {
				t.Errorf("reader printed %d bytes, want more than the pipe holds", len(out))
			}
		})
	}
}

// A symbolic link to the store locks the same file: a run through the
// link while another runs through the real name is refused (exit 2),
// and the first run is not disturbed. A store with a second hard link is
// refused for writing.
func TestLockThroughLinks(t *testing.T) {
	bin, corpus, db := processFixture(t, 5)
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(db, nil) // the live writer
	if err != nil {
		t.Fatal(err)
	}
	run, err := s.BeginRun(store.RunInfo{Backend: "rules"})
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, code := runBin(t, bin, "run", "--db", link, corpus)
	if code != 2 || !strings.Contains(errOut, "in use") {
		t.Errorf("run through a symlink while the store is written: exit %d %s", code, errOut)
	}
	// The live run is still running, not marked aborted by the second.
	if got, err := s.Run(run.ID); err != nil || got.State != store.RunRunning {
		t.Errorf("live run: %v %v", got.State, err)
	}
	// runs through the link sees it as running (its writer is alive).
	out, _, _ := runBin(t, bin, "runs", "--db", link)
	if !strings.Contains(out, "running") {
		t.Errorf("runs during a live run:\n%s", out)
	}
	s.Close()
	// The writer is gone without finishing its run: readers say so.
	out, _, _ = runBin(t, bin, "runs", "--db", link)
	if !strings.Contains(out, "interrupted") || strings.Contains(out, "running ") {
		t.Errorf("runs after the writer died:\n%s", out)
	}

	hard := filepath.Join(filepath.Dir(db), "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Skip("no hard links here")
	}
	_, errOut, code = runBin(t, bin, "run", "--db", db, corpus)
	if code != 2 || !strings.Contains(errOut, "hard links") {
		t.Errorf("run on a hard-linked store: exit %d %s", code, errOut)
	}
	if _, errOut, code := runBin(t, bin, "runs", "--db", hard); code != 0 {
		t.Errorf("reading a hard-linked store: exit %d %s", code, errOut)
	}
}

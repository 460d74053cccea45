package main

import (
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

// hungServer accepts connections and never answers.
func hungServer(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns = append(conns, c) // held open, never read
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		close(done)
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String() + "/v1"
}

// refusedURL is an address where nothing listens.
func refusedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/v1"
}

func lastRun(t *testing.T, db string) store.Run {
	t.Helper()
	s, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	runs, err := s.Runs()
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v", err)
	}
	if err := s.Check(); err != nil {
		t.Errorf("store inconsistent: %v", err)
	}
	return runs[len(runs)-1]
}

// A hung or refusing LLM server stops the run quickly with exit 1 and
// one message; the articles not attempted are done by the next run.
func TestRunStopsOnDeadServer(t *testing.T) {
	corpus := filepath.Join(t.TempDir(), "corpus")
	genCorpus(t, corpus, 20, 1500)
	llmEnv := func(base string) map[string]string {
		return map[string]string{"OPENAI_BASE_URL": base, "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "m"}
	}
	for _, tc := range []struct {
		name, base string
		args       []string
		want       string
	}{
		{"refused", refusedURL(t), nil, "stopped calling it"},
		{"hung", hungServer(t), []string{"--timeout", "300ms"}, "stopped calling it"},
		{"hung deadline", hungServer(t), []string{"--timeout", "10s", "--deadline", "1s"}, "deadline of 1s passed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			args := append([]string{"run", "--db", db, "--backend", "openai", "--max-retries", "0", "--concurrency", "1"}, tc.args...)
			start := time.Now()
			out, errOut, code := runCLI(t, llmEnv(tc.base), append(args, corpus)...)
			took := time.Since(start)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
			}
			if took > 8*time.Second {
				t.Errorf("took %v", took)
			}
			var msgs []string
			for _, l := range strings.Split(errOut, "\n") {
				if strings.HasPrefix(l, "dealwatch:") {
					msgs = append(msgs, l)
				}
			}
			if len(msgs) != 1 || !strings.Contains(msgs[0], tc.want) || !strings.Contains(msgs[0], "tried again next run") {
				t.Errorf("stderr %q, want one line with %q", errOut, tc.want)
			}
			if strings.Contains(out+errOut, llmTestKey) {
				t.Errorf("key printed")
			}
			r := lastRun(t, db)
			if r.State != store.RunAborted || r.Counts.Seen >= 20 {
				t.Errorf("run %s with %+v, want aborted with articles left", r.State, r.Counts)
			}
			// The server is back: the next run does every article not
			// done (failed ones included).
			srv, calls := fakeLLM(t, http.StatusOK, `{"deals":[]}`)
			_, errOut, code = runCLI(t, llmEnv(srv.URL+"/v1"), "run", "--db", db, "--backend", "openai", corpus)
			if code != 0 {
				t.Fatalf("next run: exit %d: %s", code, errOut)
			}
			if r := lastRun(t, db); r.State != store.RunComplete || int(calls.Load()) != 20-r.Counts.Unchanged-r.Counts.Triaged || r.Counts.Failed != 0 {
				t.Errorf("next run %s %+v after %d calls", r.State, r.Counts, calls.Load())
			}
		})
	}
}

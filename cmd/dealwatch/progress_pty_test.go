package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creack/pty"
)

// TestRunProgressBarOnTerminal runs an LLM run against a slow fake
// OpenAI server with its standard error on a pseudo-terminal, and checks
// that the bar counts articles as they are extracted, with the calls in
// flight, long before the run stores its first (and only) batch.
func TestRunProgressBarOnTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the language models")
	}
	const articles = 12
	var answered atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(250 * time.Millisecond)
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "m",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": `{"deals":[]}`}}},
			"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
		})
		answered.Add(1)
	}))
	defer srv.Close()
	dir := t.TempDir()
	for i := range articles {
		text := fmt.Sprintf("OpenAI e Amazon firmano il contratto numero %d per la capacità di calcolo nel cloud, annunciato oggi a Seattle dalle due società.\n", i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%02d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var mu sync.Mutex
	var screen bytes.Buffer
	// firstCount is the articles answered by the server when the bar
	// first showed a count above 0.
	firstCount, firstShown := -1, -1
	counted := regexp.MustCompile(`(\d+)/` + strconv.Itoa(articles) + ` articles`)
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			screen.Write(buf[:n])
			if firstShown < 0 {
				for _, m := range counted.FindAllStringSubmatch(screen.String(), -1) {
					if k, _ := strconv.Atoi(m[1]); k > 0 {
						firstShown, firstCount = k, int(answered.Load())
						break
					}
				}
			}
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()

	var stdout bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: tty, Stdin: strings.NewReader(""), IsTerminal: true,
		Getenv: func(k string) string {
			return map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "local-model"}[k]
		}}
	db := filepath.Join(t.TempDir(), "news.db")
	code := Main(context.Background(), env, []string{"run", "--db", db, "--backend", "openai", "--concurrency", "2", dir})
	tty.Close()
	<-readDone
	if code != 0 {
		t.Fatalf("run: exit %d\nstdout: %s\nterminal: %q", code, stdout.String(), screen.String())
	}
	mu.Lock()
	defer mu.Unlock()
	out := screen.String()
	if firstShown < 0 {
		t.Fatalf("the bar never showed an article done; terminal: %q", out)
	}
	// The run stores its one batch (64 articles) after the last
	// article: a count below the total was drawn before anything was
	// stored.
	if firstShown >= articles || firstCount >= articles {
		t.Errorf("the bar first showed %d/%d articles when the server had answered %d; want it to move before the end", firstShown, articles, firstCount)
	}
	for _, want := range []string{"in flight", "/s · ETA "} {
		if !strings.Contains(out, want) {
			t.Errorf("the bar never showed %q; terminal: %q", want, out)
		}
	}
	if !strings.Contains(stdout.String(), "12 seen: 12 new") || strings.Contains(stdout.String(), " 0 articles/s") {
		t.Errorf("summary: %s", stdout.String())
	}
}

// TestRunProgressLog checks the progress lines for logs: one every N
// articles, and one every so often while nothing finishes (LLM calls in
// flight), with a rate that is not rounded to 0.
func TestRunProgressLog(t *testing.T) {
	var buf syncBuffer
	p := &runProgress{w: &buf, log: slog.New(slog.NewTextHandler(&buf, nil)), tick: 10 * time.Millisecond, every: time.Hour, articles: 5}
	p.Start(7, 12, nil)
	p.Extracting(2)
	for range 11 {
		p.Extracted()
	}
	if got := strings.Count(buf.String(), "msg=progress"); got != 2 {
		t.Errorf("%d progress lines after 11 articles, want 2 (every 5):\n%s", got, buf.String())
	}
	p.mu.Lock()
	p.every = 50 * time.Millisecond
	p.mu.Unlock()
	time.Sleep(150 * time.Millisecond) // nothing finishes: the timed line
	p.Finish()
	out := buf.String()
	if got := strings.Count(out, "msg=progress"); got < 3 {
		t.Errorf("%d progress lines, want a timed one too:\n%s", got, out)
	}
	for _, want := range []string{"run=7 done=5 total=12 in_flight=2", "eta=", `msg="run finished" run=7 done=11 total=12`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "articles_per_s=0 ") {
		t.Errorf("a rate of 0 articles/s:\n%s", out)
	}
}

func TestFormatRate(t *testing.T) {
	tests := []struct {
		n       int
		elapsed time.Duration
		want    string
	}{
		{5, 131 * time.Millisecond, "38 articles/s"},
		{5, 12 * time.Second, "0.42 articles/s"},
		{40, 30 * time.Second, "1.3 articles/s"},
		{1, 10 * time.Minute, "0.1 articles/min"},
		{0, time.Second, "0 articles/s"},
	}
	for _, tt := range tests {
		if got := formatRate(tt.n, tt.elapsed); got != tt.want {
			t.Errorf("formatRate(%d, %v) = %q, want %q", tt.n, tt.elapsed, got, tt.want)
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the progress ticker.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

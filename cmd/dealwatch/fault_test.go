package main

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract/llm"
)

// faults decides, from a seeded generator, whether a request fails and
// how; off turns every fault off.
type faults struct {
	mu  sync.Mutex
	rng *rand.Rand
	off atomic.Bool
	n   atomic.Int32 // faults injected
}

func (f *faults) pick(p float64, kinds int) int {
	if f.off.Load() {
		return -1
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rng.Float64() >= p {
		return -1
	}
	f.n.Add(1)
	return f.rng.IntN(kinds)
}

// inject fails w in one of several ways, or returns false.
func (f *faults) inject(w http.ResponseWriter, r *http.Request, p float64) bool {
	switch f.pick(p, 5) {
	case 0:
		http.Error(w, "injected", http.StatusInternalServerError)
	case 1:
		w.Header().Set("Retry-After", "0")
		http.Error(w, "injected", http.StatusTooManyRequests)
	case 2: // hang past the client's timeout
		select {
		case <-r.Context().Done():
		case <-time.After(2 * time.Second):
		}
	case 3: // drop the connection
		if hj, ok := w.(http.Hijacker); ok {
			c, _, _ := hj.Hijack()
			c.Close()
		}
	case 4: // a cut body
		w.Header().Set("Content-Length", "100000")
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><head><title>cut")
		if hj, ok := w.(http.Hijacker); ok {
			c, buf, _ := hj.Hijack()
			buf.Flush()
			c.Close()
		}
	default:
		return false
	}
	return true
}

// TestFaultInjection runs the whole pipeline (files, a feed of pages,
// the LLM) against servers that fail at random, several times; once
// the faults stop, one more run ends with the same deals as a clean run
// on a fresh store.
func TestFaultInjection(t *testing.T) {
	repoRoot(t)
	for seed := range uint64(6) {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { faultRun(t, seed) })
	}
}

func faultRun(t *testing.T, seed uint64) {
	corpus, err := filepath.Glob("testdata/corpus/*.txt")
	if err != nil || len(corpus) < 5 {
		t.Fatalf("corpus: %v", err)
	}
	// The fake model answers each corpus article with its recorded
	// answer, found by a phrase of the article in the prompt.
	type known struct {
		phrase string
		answer json.RawMessage
	}
	var answers []known
	words := regexp.MustCompile(`[A-Za-z][A-Za-z ]{40,}`)
	cassettes, _ := filepath.Glob("testdata/cassettes/*.json")
	for _, p := range cassettes {
		c, err := llm.ReadCassette(p)
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(filepath.Join("testdata/corpus", c.Source))
		if err != nil {
			t.Fatal(err)
		}
		last := c.Responses[len(c.Responses)-1]
		answers = append(answers, known{words.FindString(string(text))[:40], last.Answer})
	}
	flt := &faults{rng: rand.New(rand.NewPCG(seed, 2026))}
	model := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if flt.inject(w, r, 0.4) {
			return
		}
		content := `{"deals":[]}`
		for _, k := range answers {
			if strings.Contains(string(body), k.phrase) {
				content = string(k.answer)
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "m",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
			"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
		})
	}))
	defer model.Close()
	// The web site: a feed of three corpus articles as pages, with
	// ETags.
	pages := map[string]string{}
	var items strings.Builder
	for i, p := range corpus[:3] {
		text, _ := os.ReadFile(p)
		paras := strings.Split(strings.TrimSpace(string(text)), "\n\n")
		var b strings.Builder
		fmt.Fprintf(&b, "<html lang=\"it\"><head><title>%s</title></head><body><article>", html.EscapeString(paras[0]))
		for _, para := range paras[1:] {
			b.WriteString("<p>" + html.EscapeString(para) + "</p>")
		}
		b.WriteString("</article></body></html>")
		name := fmt.Sprintf("/a%d.html", i)
		pages[name] = b.String()
		fmt.Fprintf(&items, "<item><title>Item %d</title><link>LINK%s</link><description>Item %d</description></item>", i, name, i)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if flt.inject(w, r, 0.5) {
			return
		}
		var body, ctype string
		switch {
		case r.URL.Path == "/feed.rss":
			ctype = "application/rss+xml"
			body = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>` + strings.ReplaceAll(items.String(), "LINK", "http://"+r.Host) + `</channel></rss>`
		case pages[r.URL.Path] != "":
			ctype, body = "text/html; charset=utf-8", pages[r.URL.Path]
		default:
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%x"`, len(body))
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", ctype)
		io.WriteString(w, body)
	}))
	defer site.Close()
	files := t.TempDir()
	for _, p := range corpus[3:] {
		b, _ := os.ReadFile(p)
		os.WriteFile(filepath.Join(files, filepath.Base(p)), b, 0o644)
	}
	env := map[string]string{"OPENAI_BASE_URL": model.URL + "/v1", "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "m"}
	run := func(db string) int {
		_, _, code := runCLI(t, env, "run", "--db", db, "--backend", "openai", "--allow-private", "--rate", "1000",
			"--timeout", "300ms", "--fetch-timeout", "300ms", "--max-retries", "1", "--concurrency", "2",
			files, site.URL+"/feed.rss")
		return code
	}
	deals := func(db string) string {
		out, errOut, code := runCLI(t, nil, "deals", "--db", db, "--json")
		if code != 0 {
			t.Fatalf("deals: %d %s", code, errOut)
		}
		return out
	}

	faulty := filepath.Join(t.TempDir(), "faulty.db")
	codes := []int{}
	for range 4 {
		codes = append(codes, run(faulty))
	}
	injected := flt.n.Load()
	flt.off.Store(true)
	if code := run(faulty); code != 0 {
		t.Errorf("the first run without faults: exit %d", code)
	}
	clean := filepath.Join(t.TempDir(), "clean.db")
	if code := run(clean); code != 0 {
		t.Fatalf("clean run: exit %d", code)
	}
	t.Logf("%d faults injected; exit codes of the faulty runs %v", injected, codes)
	if injected == 0 {
		t.Fatalf("no fault injected")
	}
	got, want := deals(faulty), deals(clean)
	if got != want {
		t.Errorf("deals after the faults differ from a clean run's:\n%s\nwant:\n%s", got, want)
	}
	if strings.Count(want, "\n") < 3 {
		t.Errorf("the clean run found only %d deals", strings.Count(want, "\n"))
	}
}

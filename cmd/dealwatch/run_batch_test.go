package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// fakeBatchAPI speaks OpenAI's chat completions, Files and Batches APIs
// as documented: POST /v1/files (multipart, purpose "batch"), POST
// /v1/batches, GET /v1/batches/{id} (validating → in_progress →
// finalizing → completed, one step per retrieve), GET
// /v1/files/{id}/content (output and error files, JSONL).
type fakeBatchAPI struct {
	*httptest.Server
	t *testing.T

	mu      sync.Mutex
	files   map[string][]byte
	batches map[string]*fakeBatch
	nextID  int
	// chat counts synchronous chat completions; chatBodies their
	// request bodies.
	chat       int
	chatBodies []map[string]any
	// hold keeps batches in_progress until released.
	hold bool
	// expireHalf makes a batch expire with half its requests answered.
	expireHalf bool
	// fail lists custom_ids that fail inside the batch (HTTP 500 in the
	// error file).
	fail map[string]bool
	// failFirst makes the first n requests of each batch fail that way.
	failFirst int
	// answer is the model's answer content to a request (batch or not);
	// nil means a valid empty answer.
	answer func(customID string, body map[string]any) string
	// created is signalled when a batch is created.
	created chan string
	// hangCreate makes POST /v1/batches create the batch, then never
	// answer (until the client gives up): the run is killed between
	// the server creating its batch and the store keeping its id.
	hangCreate bool
	// noFiles makes the Files API answer 404 (a server without it).
	noFiles bool
}

type fakeBatch struct {
	id, input, status string
	metadata          map[string]any
	lines             []map[string]any
	retrieves         int
	output, errFile   string
}

func newFakeBatchAPI(t *testing.T) *fakeBatchAPI {
	f := &fakeBatchAPI{t: t, files: map[string][]byte{}, batches: map[string]*fakeBatch{}, fail: map[string]bool{}, created: make(chan string, 16)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeBatchAPI) id(prefix string) string {
	f.nextID++
	return fmt.Sprintf("%s_%03d", prefix, f.nextID)
}

func (f *fakeBatchAPI) release() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.hold = false
}

func (f *fakeBatchAPI) chatCalls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.chat
}

func (f *fakeBatchAPI) content(customID string, body map[string]any) string {
	if f.answer != nil {
		return f.answer(customID, body)
	}
	return `{"deals":[]}`
}

func completion(content string) map[string]any {
	return map[string]any{
		"id": "chatcmpl-x", "object": "chat.completion", "model": "m",
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
		"usage":   map[string]any{"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeBatchAPI) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p := r.URL.Path
	switch {
	case r.Method == http.MethodPost && p == "/v1/chat/completions":
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		f.chat++
		f.chatBodies = append(f.chatBodies, body)
		writeJSON(w, 200, completion(f.content("", body)))

	case r.Method == http.MethodPost && p == "/v1/files" && f.noFiles:
		writeJSON(w, 404, map[string]any{"error": map[string]any{"message": "Invalid URL (POST /v1/files)", "type": "invalid_request_error"}})

	case r.Method == http.MethodPost && p == "/v1/files":
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			writeJSON(w, 400, map[string]any{"error": map[string]any{"message": err.Error()}})
			return
		}
		if got := r.FormValue("purpose"); got != "batch" {
			f.t.Errorf("file purpose %q, want batch", got)
		}
		file, hdr, err := r.FormFile("file")
		if err != nil {
			writeJSON(w, 400, map[string]any{"error": map[string]any{"message": err.Error()}})
			return
		}
		data, _ := io.ReadAll(file)
		id := f.id("file")
		f.files[id] = data
		writeJSON(w, 200, map[string]any{"id": id, "object": "file", "bytes": len(data), "created_at": 1700000000, "filename": hdr.Filename, "purpose": "batch"})

	case r.Method == http.MethodPost && p == "/v1/batches":
		var req struct {
			InputFileID      string         `json:"input_file_id"`
			Endpoint         string         `json:"endpoint"`
			CompletionWindow string         `json:"completion_window"`
			Metadata         map[string]any `json:"metadata"`
		}
		_ = json.NewDecoder(r.Body).Decode(&req)
		data, ok := f.files[req.InputFileID]
		if !ok || req.Endpoint != "/v1/chat/completions" || req.CompletionWindow != "24h" {
			writeJSON(w, 400, map[string]any{"error": map[string]any{"message": "bad batch request"}})
			return
		}
		b := &fakeBatch{id: f.id("batch"), input: req.InputFileID, status: "validating", metadata: req.Metadata}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 64<<20)
		for sc.Scan() {
			var line map[string]any
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				f.t.Errorf("batch input line: %v", err)
				continue
			}
			if line["method"] != "POST" || line["url"] != "/v1/chat/completions" || line["custom_id"] == "" {
				f.t.Errorf("batch input line %v", line)
			}
			b.lines = append(b.lines, line)
		}
		f.batches[b.id] = b
		select {
		case f.created <- b.id:
		default:
		}
		if f.hangCreate {
			f.mu.Unlock()
			<-r.Context().Done()
			f.mu.Lock()
			return
		}
		writeJSON(w, 200, f.batchJSON(b))

	case r.Method == http.MethodGet && p == "/v1/batches":
		var data []any
		for _, b := range f.batches {
			data = append(data, f.batchJSON(b))
		}
		writeJSON(w, 200, map[string]any{"object": "list", "data": data, "has_more": false})

	case r.Method == http.MethodGet && strings.HasPrefix(p, "/v1/batches/"):
		b, ok := f.batches[strings.TrimPrefix(p, "/v1/batches/")]
		if !ok {
			writeJSON(w, 404, map[string]any{"error": map[string]any{"message": "no such batch"}})
			return
		}
		b.retrieves++
		switch b.status {
		case "validating":
			b.status = "in_progress"
		case "in_progress":
			if !f.hold {
				b.status = "finalizing"
			}
		case "finalizing":
			f.finish(b)
		}
		writeJSON(w, 200, f.batchJSON(b))

	case r.Method == http.MethodGet && strings.HasPrefix(p, "/v1/files/") && strings.HasSuffix(p, "/content"):
		data, ok := f.files[strings.TrimSuffix(strings.TrimPrefix(p, "/v1/files/"), "/content")]
		if !ok {
			writeJSON(w, 404, map[string]any{"error": map[string]any{"message": "no such file"}})
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		_, _ = w.Write(data)

	default:
		writeJSON(w, 404, map[string]any{"error": map[string]any{"message": "no route " + r.Method + " " + p}})
	}
}

// finish writes a batch's output and error files.
func (f *fakeBatchAPI) finish(b *fakeBatch) {
	var out, errs bytes.Buffer
	b.status = "completed"
	n := len(b.lines)
	for i, l := range b.lines {
		cid, _ := l["custom_id"].(string)
		body, _ := l["body"].(map[string]any)
		switch {
		case f.expireHalf && i >= n/2:
			b.status = "expired"
			fmt.Fprintf(&errs, `{"id":"batch_req_%d","custom_id":%q,"response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}`+"\n", i, cid)
		case f.fail[cid] || i < f.failFirst:
			line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("batch_req_%d", i), "custom_id": cid,
				"response": map[string]any{"status_code": 500, "request_id": "req", "body": map[string]any{"error": map[string]any{"message": "The server had an error", "type": "server_error"}}}, "error": nil})
			errs.Write(append(line, '\n'))
		default:
			line, _ := json.Marshal(map[string]any{"id": fmt.Sprintf("batch_req_%d", i), "custom_id": cid,
				"response": map[string]any{"status_code": 200, "request_id": "req", "body": completion(f.content(cid, body))}, "error": nil})
			out.Write(append(line, '\n'))
		}
	}
	if out.Len() > 0 {
		b.output = f.id("file")
		f.files[b.output] = out.Bytes()
	}
	if errs.Len() > 0 {
		b.errFile = f.id("file")
		f.files[b.errFile] = errs.Bytes()
	}
}

func (f *fakeBatchAPI) batchJSON(b *fakeBatch) map[string]any {
	completed, failed := 0, 0
	if b.status == "completed" || b.status == "expired" {
		for i, l := range b.lines {
			if f.fail[l["custom_id"].(string)] || i < f.failFirst {
				failed++
			} else {
				completed++
			}
		}
		if b.status == "expired" {
			completed, failed = len(b.lines)/2, len(b.lines)-len(b.lines)/2
		}
	} else if b.status == "in_progress" || b.status == "finalizing" {
		completed = len(b.lines) / 2
	}
	m := map[string]any{
		"id": b.id, "object": "batch", "endpoint": "/v1/chat/completions", "errors": nil,
		"input_file_id": b.input, "completion_window": "24h", "status": b.status,
		"output_file_id": nil, "error_file_id": nil, "created_at": 1700000000, "expires_at": 1700086400,
		"request_counts": map[string]any{"total": len(b.lines), "completed": completed, "failed": failed},
		"metadata":       b.metadata,
	}
	if b.output != "" {
		m["output_file_id"] = b.output
	}
	if b.errFile != "" {
		m["error_file_id"] = b.errFile
	}
	return m
}

func (f *fakeBatchAPI) batchCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.batches)
}

// batchEnv runs dealwatch against the fake with a store in a temp dir.
type batchEnv struct {
	t   *testing.T
	api *fakeBatchAPI
	db  string
	env map[string]string
}

func newBatchEnv(t *testing.T) *batchEnv {
	repoRoot(t)
	api := newFakeBatchAPI(t)
	return &batchEnv{t: t, api: api, db: filepath.Join(t.TempDir(), "deals.db"),
		env: map[string]string{"OPENAI_BASE_URL": api.URL + "/v1", "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "gpt-test"}}
}

func (e *batchEnv) run(ctx context.Context, args ...string) (string, string, int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return e.env[k] }}
	all := append([]string{"run", "--db", e.db, "--backend", "openai", "--max-retries", "1", "--batch-poll", "5ms"}, args...)
	code := Main(ctx, env, all)
	if strings.Contains(out.String()+errb.String(), llmTestKey) {
		e.t.Errorf("the API key is printed")
	}
	return out.String(), errb.String(), code
}

func (e *batchEnv) store() *store.DB {
	e.t.Helper()
	db, err := store.Open(e.db, &store.Options{ReadOnly: true})
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	return db
}

func (e *batchEnv) lastRun() store.Run {
	e.t.Helper()
	db := e.store()
	runs, err := db.Runs()
	if err != nil || len(runs) == 0 {
		e.t.Fatalf("runs: %v %v", runs, err)
	}
	defer db.Close()
	return runs[len(runs)-1]
}

const corpusDir = "testdata/corpus"

func TestBatchAPIFullRun(t *testing.T) {
	e := newBatchEnv(t)
	out, errOut, code := e.run(context.Background(), "--batch-api", "--price-per-1k", "0.15,0.60", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	r := e.lastRun()
	c := r.Counts
	if c.New != 5 || c.Failed != 0 || c.BatchSubmitted != 5 || c.BatchRequests != 5 || c.LLMCalls != 0 || e.api.chatCalls() != 0 {
		t.Errorf("counts %+v, %d chat calls; want 5 new from 5 batch answers and no call\n%s", c, e.api.chatCalls(), out)
	}
	if c.PromptTokens != 500 || c.BatchPromptTokens != 500 || c.CompletionTokens != 100 {
		t.Errorf("tokens %+v", c)
	}
	for _, want := range []string{"5 batch answers", "5 requests submitted in 1 batch (batch_", "cost       $0.0675"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "requests done") {
		t.Errorf("no progress line on stderr:\n%s", errOut)
	}
	db := e.store()
	if n, _ := db.CacheLen(); n != 5 {
		t.Errorf("cache has %d answers, want 5", n)
	}
	if bs, _ := db.Batches(true); len(bs) != 0 {
		t.Errorf("%d batches not collected", len(bs))
	}
	if rs, _ := db.BatchResults(); len(rs) != 0 {
		t.Errorf("%d batch results left after use", len(rs))
	}
	db.Close()

	// runs --json gives the tokens and batch requests.
	var jout bytes.Buffer
	Main(context.Background(), &Env{Stdout: &jout, Stderr: io.Discard, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}, []string{"runs", "--db", e.db, "--json"})
	var line map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(jout.Bytes()), &line); err != nil {
		t.Fatalf("runs --json: %v: %s", err, jout.String())
	}
	if line["batch_requests"] != float64(5) || line["prompt_tokens"] != float64(500) || line["tokens"] != float64(600) {
		t.Errorf("runs --json: %v", line)
	}

	// the store with its batch buckets passes dealwatch check
	var cerr bytes.Buffer
	if code := Main(context.Background(), &Env{Stdout: io.Discard, Stderr: &cerr, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}, []string{"check", "--db", e.db}); code != 0 {
		t.Errorf("check: exit %d: %s", code, cerr.String())
	}

	// A second run: nothing changed, nothing asked.
	_, _, code = e.run(context.Background(), "--batch-api", corpusDir)
	if code != 0 || e.api.batchCount() != 1 || e.api.chatCalls() != 0 {
		t.Errorf("second run: exit %d, %d batches, %d calls", code, e.api.batchCount(), e.api.chatCalls())
	}
}

// An invalid batch answer is asked again synchronously, through the same
// validation as any answer; split limits make several batches.
func TestBatchAPIReaskAndSplit(t *testing.T) {
	e := newBatchEnv(t)
	first := map[string]bool{}
	e.api.answer = func(cid string, body map[string]any) string {
		if cid != "" && len(first) == 0 {
			first[cid] = true
			return `{"deals": "not a list"}`
		}
		return `{"deals":[]}`
	}
	out, errOut, code := e.run(context.Background(), "--batch-api", "--batch-max-requests", "2", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	c := e.lastRun().Counts
	if e.api.batchCount() != 3 || c.BatchSubmitted != 5 || c.BatchRequests != 5 || c.LLMCalls != 1 || c.New != 5 {
		t.Errorf("%d batches, counts %+v; want 3 batches, 5 batch answers and 1 re-ask", e.api.batchCount(), c)
	}
	// the re-ask holds the bad answer and the problem
	if len(e.api.chatBodies) != 1 || len(e.api.chatBodies[0]["messages"].([]any)) < 4 {
		t.Errorf("re-ask bodies: %v", e.api.chatBodies)
	}
	db := e.store()
	rs, _ := db.Latest()
	retried := 0
	for _, r := range rs {
		for _, w := range r.Warnings {
			if w.Code == extract.WarnLLMRetry {
				retried++
			}
		}
	}
	if retried != 1 {
		t.Errorf("%d results with llm_retry, want 1", retried)
	}
}

// A run killed after submitting its batch loses nothing: the next run
// (--resume, no paths) finds the batch by its stored id and stores the
// articles from its answers.
func TestBatchAPIKilledAndResumed(t *testing.T) {
	e := newBatchEnv(t)
	e.api.hold = true
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-e.api.created
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	_, errOut, code := e.run(ctx, "--batch-api", corpusDir)
	if code == 0 {
		t.Fatalf("killed run exited 0: %s", errOut)
	}
	db := e.store()
	bs, err := db.Batches(true)
	if err != nil || len(bs) != 1 || len(bs[0].Requests) != 5 {
		t.Fatalf("stored batches %+v, %v", bs, err)
	}
	if arts, _ := db.Articles(); len(arts) != 0 {
		t.Errorf("%d articles stored by the killed run", len(arts))
	}
	db.Close()

	e.api.release()
	// --resume alone: the backend and the model come from the store
	delete(e.env, "DEALWATCH_MODEL")
	var outb, errb bytes.Buffer
	code = Main(context.Background(), &Env{Stdout: &outb, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(k string) string { return e.env[k] }},
		[]string{"run", "--db", e.db, "--batch-poll", "5ms", "--resume"})
	out, errOut := outb.String(), errb.String()
	if code != 0 {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	c := e.lastRun().Counts
	if c.New != 5 || c.BatchRequests != 5 || c.LLMCalls != 0 || e.api.batchCount() != 1 {
		t.Errorf("resumed run: counts %+v, %d batches\n%s", c, e.api.batchCount(), out)
	}
	out, _, code = e.run(context.Background(), "--resume")
	if code != 0 || e.api.batchCount() != 1 || e.api.chatCalls() != 0 || !strings.Contains(out, "nothing to resume") {
		t.Errorf("second resume: exit %d: %s", code, out)
	}
	// a store with no batch at all, no key, no model: nothing to do
	_, _, code = runCLI(t, nil, "run", "--db", filepath.Join(t.TempDir(), "empty.db"), "--resume")
	if code != 0 {
		t.Errorf("resume on an empty store: exit %d", code)
	}
}

// --no-wait ends after submitting; a plain run the next night collects.
func TestBatchAPINoWait(t *testing.T) {
	e := newBatchEnv(t)
	e.api.hold = true
	out, errOut, code := e.run(context.Background(), "--batch-api", "--no-wait", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "5 articles wait for their batch answers") {
		t.Errorf("summary:\n%s", out)
	}
	if c := e.lastRun().Counts; c.Seen != 0 || c.BatchSubmitted != 5 {
		t.Errorf("counts %+v", c)
	}
	// Still running: the next run holds the articles, submits nothing new.
	_, _, code = e.run(context.Background(), "--batch-api", "--no-wait", corpusDir)
	if code != 0 || e.api.batchCount() != 1 {
		t.Errorf("exit %d, %d batches", code, e.api.batchCount())
	}
	e.api.release()
	for i := 0; i < 3; i++ { // a plain run asks about the batch once
		out, errOut, code = e.run(context.Background(), corpusDir)
		if code != 0 {
			t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
		}
		if c := e.lastRun().Counts; c.New > 0 {
			if c.New != 5 || c.BatchRequests != 5 || c.LLMCalls != 0 {
				t.Errorf("collecting run: %+v", c)
			}
			db := e.store()
			if rs, _ := db.BatchResults(); len(rs) != 0 {
				t.Errorf("%d batch results left after use", len(rs))
			}
			db.Close()
			// nothing is due: the next run skips every source
			out, _, _ = e.run(context.Background(), corpusDir)
			if c := e.lastRun().Counts; c.Skipped != 5 {
				t.Errorf("after collecting: %+v\n%s", c, out)
			}
			return
		}
	}
	t.Errorf("the batch answers were never collected; last summary:\n%s", out)
}

// A batch that expires half done keeps its answers; the rest are asked
// synchronously.
func TestBatchAPIExpiredHalfDone(t *testing.T) {
	e := newBatchEnv(t)
	e.api.expireHalf = true
	out, errOut, code := e.run(context.Background(), "--batch-api", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	c := e.lastRun().Counts
	if c.New != 5 || c.BatchRequests != 2 || c.LLMCalls != 3 || e.api.chatCalls() != 3 {
		t.Errorf("counts %+v, %d chat calls; want 2 batch answers and 3 calls", c, e.api.chatCalls())
	}
	if !strings.Contains(out, "expired: 2 of 5 requests answered") {
		t.Errorf("summary:\n%s", out)
	}
}

// Requests that fail inside a batch are asked synchronously.
func TestBatchAPIFailedRequests(t *testing.T) {
	e := newBatchEnv(t)
	e.api.failFirst = 2 // whatever their keys
	out, errOut, code := e.run(context.Background(), "--batch-api", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	c := e.lastRun().Counts
	if c.New != 5 || c.BatchRequests != 3 || c.LLMCalls != 2 {
		t.Errorf("counts %+v; want 3 batch answers and 2 synchronous calls", c)
	}
}

func TestBatchAPIUsage(t *testing.T) {
	repoRoot(t)
	for _, args := range [][]string{
		{"run", "--batch-api", corpusDir},
		{"run", "--backend", "openai", "--no-wait", corpusDir},
		{"run", "--triage", "maybe", corpusDir},
		{"run", "--price-per-1k", "cheap", corpusDir},
	} {
		env := map[string]string{"OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "m"}
		_, errOut, code := runCLI(t, env, append(args, "--db", filepath.Join(t.TempDir(), "x.db"))...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, errOut)
		}
	}
}

// A triaged article is stored with a note and no call; --triage=off
// changes the fingerprint, so the next run sends it.
func TestTriageRun(t *testing.T) {
	e := newBatchEnv(t)
	dir := t.TempDir()
	writeFile(t, dir, "opinion.txt", "Why the AI bubble talk misses the point\n\nEvery decade has its mania, and this one is no different. The question is not whether the hype will fade but what remains when it does: skills, habits and better tools.\n")
	writeFile(t, dir, "deal.txt", "Amazon invests $4 billion in Anthropic\n\nAmazon said on Monday it will invest $4 billion in Anthropic, the startup behind Claude, in a deal that makes AWS its main cloud provider.\n")
	out, errOut, code := e.run(context.Background(), dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	c := e.lastRun().Counts
	if c.Triaged != 1 || c.LLMCalls != 1 || c.New != 2 {
		t.Errorf("counts %+v", c)
	}
	if !strings.Contains(out, "triage     1 article not sent to the model (1 call saved)") {
		t.Errorf("summary:\n%s", out)
	}
	db := e.store()
	rs, _ := db.Latest()
	triaged := 0
	for _, r := range rs {
		for _, w := range r.Warnings {
			if w.Code == extract.WarnTriaged && r.Status == extract.StatusOK && len(r.Deals) == 0 {
				triaged++
			}
		}
	}
	db.Close()
	if triaged != 1 {
		t.Errorf("%d triaged results, want 1", triaged)
	}
	// same setting: nothing re-read
	_, _, _ = e.run(context.Background(), dir)
	if c := e.lastRun().Counts; c.Skipped != 2 {
		t.Errorf("second run %+v", c)
	}
	// triage off: both re-read, the triaged one sent, the other from the cache
	_, _, code = e.run(context.Background(), "--triage=off", dir)
	if c := e.lastRun().Counts; code != 0 || c.Skipped != 0 || c.LLMCalls != 1 || c.CacheHits != 1 || c.Triaged != 0 {
		t.Errorf("--triage=off run: exit %d, %+v", code, c)
	}
}

// A run killed after the server created its batch but before the store
// kept the batch's id: the next run finds the batch by the submission
// marker named in its metadata.
func TestBatchAPIKilledDuringCreate(t *testing.T) {
	e := newBatchEnv(t)
	e.api.hangCreate = true
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-e.api.created
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	_, errOut, code := e.run(ctx, "--batch-api", corpusDir)
	if code == 0 {
		t.Fatalf("killed run exited 0: %s", errOut)
	}
	db := e.store()
	bs, _ := db.Batches(true)
	if len(bs) != 1 || bs[0].Status != statusSubmitting {
		t.Fatalf("stored batches %+v, want one submission marker", bs)
	}
	db.Close()
	e.api.mu.Lock()
	e.api.hangCreate = false
	e.api.mu.Unlock()
	out, errOut, code := e.run(context.Background(), "--resume")
	if code != 0 {
		t.Fatalf("resume: exit %d\n%s\n%s", code, out, errOut)
	}
	if c := e.lastRun().Counts; c.New != 5 || c.BatchRequests != 5 || c.LLMCalls != 0 || e.api.batchCount() != 1 {
		t.Errorf("resumed run: counts %+v, %d batches\n%s\n%s", c, e.api.batchCount(), out, errOut)
	}
	if !strings.Contains(errOut, "found batch_") {
		t.Errorf("stderr: %s", errOut)
	}
}

// A server without the Batch API: the run says so and asks the model
// synchronously.
func TestBatchAPIUnavailable(t *testing.T) {
	e := newBatchEnv(t)
	e.api.noFiles = true
	out, errOut, code := e.run(context.Background(), "--batch-api", corpusDir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	if c := e.lastRun().Counts; c.New != 5 || c.LLMCalls != 5 || c.BatchSubmitted != 0 {
		t.Errorf("counts %+v", c)
	}
	if !strings.Contains(errOut, "could not be submitted") {
		t.Errorf("stderr: %s", errOut)
	}
	db := e.store()
	defer db.Close()
	if bs, _ := db.Batches(false); len(bs) != 0 {
		t.Errorf("batches stored: %+v", bs)
	}
}

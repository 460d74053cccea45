package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/llm"
	"github.com/dealwatch/dealwatch/prompts"
)

// Capturing requests: the exact request body the openai backend sends
// for each article of a folder, without a model. See TestCaptureRequests.
var (
	captureIn    = flag.String("capture", "", "TestCaptureRequests: `DIR` of articles whose requests to capture (relative to the repository root, or absolute)")
	captureOut   = flag.String("capture-out", "", "TestCaptureRequests: `DIR` to write the requests and cassette skeletons into")
	captureModel = flag.String("capture-model", "helper", "TestCaptureRequests: the model name the requests (and cassette keys) are for")
	captureMode  = flag.String("capture-schema-mode", llm.SchemaModeJSONSchema, "TestCaptureRequests: json_schema or json_object")
)

// captureEntry is one line of the capture's index.json.
type captureEntry struct {
	File      string `json:"file"`
	ArticleID string `json:"article_id,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Status    string `json:"status"`
	Key       string `json:"key,omitempty"`
	Request   string `json:"request,omitempty"`
	Cassette  string `json:"cassette,omitempty"`
	Note      string `json:"note,omitempty"`
}

// TestCaptureRequests runs `dealwatch extract --backend openai` on each
// article of -capture against a local server that records the request
// body and answers {"deals":[]}, and writes into -capture-out:
//
//   - NAME.request.json: the request body for article file NAME (model,
//     messages, response_format, token budget), indented;
//   - cassettes/KEY.json: a cassette skeleton for the article, keyed for
//     -capture-model and the current prompts, whose responses[0].answer
//     is to be filled with the model's answer (then `dealwatch extract
//     --backend replay --cassettes OUT/cassettes` replays them);
//   - index.json: file, article id, detected language, key and paths.
//
// Skipped unless -capture is given:
//
//	go test ./cmd/dealwatch -run TestCaptureRequests -count=1 \
//	    -capture /abs/articles -capture-out /abs/out [-capture-model NAME]
func TestCaptureRequests(t *testing.T) {
	if *captureIn == "" {
		t.Skip("no -capture DIR")
	}
	if *captureOut == "" {
		t.Fatal("-capture needs -capture-out DIR")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(root, p)
	}
	in, out := abs(*captureIn), abs(*captureOut)
	entries, err := os.ReadDir(in)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && !strings.HasPrefix(e.Name(), ".") {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	if err := os.MkdirAll(filepath.Join(out, "cassettes"), 0o755); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var bodies [][]byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, b)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"id": "capture", "object": "chat.completion", "model": *captureModel,
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": `{"deals":[]}`}}},
			"usage":   map[string]any{"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
		})
	}))
	defer srv.Close()
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1"}

	var index []captureEntry
	for _, name := range files {
		mu.Lock()
		bodies = nil
		mu.Unlock()
		stdout, stderr, _ := runCLI(t, env, "extract", "--backend", "openai", "--model", *captureModel,
			"--schema-mode", *captureMode, "--concurrency", "1", "--json", filepath.Join(in, name))
		ent := captureEntry{File: name}
		var r extract.ArticleResult
		if err := json.Unmarshal([]byte(strings.TrimSpace(stdout)), &r); err != nil {
			ent.Status = "error"
			ent.Note = strings.TrimSpace(stderr)
			index = append(index, ent)
			t.Errorf("%s: no result: %s", name, stderr)
			continue
		}
		ent.ArticleID, ent.Lang, ent.Status = r.Article.ID, r.Article.Lang, string(r.Status)
		mu.Lock()
		got := bodies
		mu.Unlock()
		switch {
		case len(got) == 0:
			ent.Note = "no request sent: " + string(r.Status)
		case len(got) > 1:
			ent.Note = "more than one request; the first is saved"
		}
		if len(got) > 0 {
			var ind bytes.Buffer
			if err := json.Indent(&ind, got[0], "", "  "); err != nil {
				t.Fatalf("%s: the request is not JSON: %v", name, err)
			}
			ent.Request = name + ".request.json"
			if err := os.WriteFile(filepath.Join(out, ent.Request), append(ind.Bytes(), '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			ent.Key = llm.Key(*captureModel, r.Article.ID)
			c := &llm.Cassette{Key: ent.Key, Note: "capture skeleton: replace responses[0].answer with the model answer", Model: *captureModel, PromptVersion: prompts.Version(), ArticleID: r.Article.ID, Source: name,
				Responses: []llm.Take{{Answer: json.RawMessage(`{"deals":[]}`), FinishReason: "stop"}}}
			if err := llm.WriteCassette(filepath.Join(out, "cassettes"), c); err != nil {
				t.Fatal(err)
			}
			ent.Cassette = filepath.Join("cassettes", ent.Key+".json")
		}
		index = append(index, ent)
		t.Logf("%s: %s %s %s", name, ent.Lang, ent.Status, ent.Request)
	}
	b, _ := json.MarshalIndent(index, "", "  ")
	if err := os.WriteFile(filepath.Join(out, "index.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

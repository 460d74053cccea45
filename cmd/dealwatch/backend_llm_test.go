package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
)

const llmTestKey = "sk-cli-test-SECRET-42"

func TestLLMBackendUsageErrors(t *testing.T) {
	repoRoot(t)
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"no model", map[string]string{"OPENAI_API_KEY": llmTestKey}, []string{"extract", "--backend", "openai", "testdata/corpus"}, "needs a model"},
		{"no key", map[string]string{"DEALWATCH_MODEL": "gpt-4o-mini"}, []string{"extract", "--backend", "openai", "testdata/corpus"}, "OPENAI_API_KEY is not set"},
		{"azure without key", map[string]string{"DEALWATCH_MODEL": "dep", "OPENAI_BASE_URL": "https://x.openai.azure.com"}, []string{"extract", "--backend", "openai", "testdata/corpus"}, "Azure OpenAI needs"},
		{"bad schema mode", map[string]string{"DEALWATCH_MODEL": "m", "OPENAI_API_KEY": llmTestKey}, []string{"extract", "--backend", "openai", "--schema-mode", "xml", "testdata/corpus"}, "--schema-mode"},
		{"cassettes with openai", map[string]string{"DEALWATCH_MODEL": "m", "OPENAI_API_KEY": llmTestKey}, []string{"extract", "--backend", "openai", "--cassettes", "x", "testdata/corpus"}, "--cassettes is for --backend replay"},
		{"replay without cassettes", nil, []string{"extract", "--backend", "replay", "testdata/corpus"}, "needs --cassettes"},
		{"replay of an empty dir", nil, []string{"extract", "--backend", "replay", "--cassettes", t.TempDir(), "testdata/corpus"}, "no cassettes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, tt.env, tt.args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.want)
			}
			if strings.Contains(out+errOut, llmTestKey) {
				t.Errorf("the API key is printed")
			}
		})
	}
}

func TestReplayCorpusCLI(t *testing.T) {
	repoRoot(t)
	out, errOut, code := runCLI(t, nil, "extract", "--backend", "replay", "--cassettes", "testdata/cassettes", "--json", "testdata/corpus")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rs := jsonLines(t, extracttest.ArticleResult, out)
	if len(rs) != 5 {
		t.Fatalf("%d results, want 5", len(rs))
	}
	codes := map[string]int{}
	for _, r := range rs {
		if r.Extractor.Backend != "replay" || r.Extractor.Model == nil || *r.Extractor.Model != "scripted" || r.Extractor.PromptVersion == nil {
			t.Errorf("%s: extractor %+v", r.Article.Source, r.Extractor)
		}
		for _, w := range r.Warnings {
			codes[w.Code]++
		}
	}
	for _, c := range []string{extract.WarnUnknownParty, extract.WarnUngroundedAmount, extract.WarnLLMRetry, extract.WarnTruncated} {
		if codes[c] == 0 {
			t.Errorf("no %s warning in the scripted run (warnings: %v)", c, codes)
		}
	}
}

// fakeLLM answers every chat completion with reply (status 200) or fails
// with status, echoing the key it was sent to check it is never shown.
func fakeLLM(t *testing.T, status int, reply string) (*httptest.Server, *atomic.Int32) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		if status != http.StatusOK {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":{"message":"rejected %s","type":"server_error"}}`, r.Header.Get("Authorization"))
			return
		}
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "m",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": reply}}},
			"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
		})
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func TestOpenAIBackendCLI(t *testing.T) {
	repoRoot(t)
	srv, calls := fakeLLM(t, http.StatusOK, `{"deals":[]}`)
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "local-model"}
	out, errOut, code := runCLI(t, env, "extract", "--backend", "openai", "--json", "testdata/corpus/000_baae7c18990669dd.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rs := jsonLines(t, extracttest.ArticleResult, out)
	if len(rs) != 1 || rs[0].Extractor.Backend != "openai" || *rs[0].Extractor.Model != "local-model" || calls.Load() != 1 {
		t.Errorf("results %+v after %d calls", rs, calls.Load())
	}
	if strings.Contains(out+errOut, llmTestKey) {
		t.Errorf("the API key is printed")
	}

	bad, badCalls := fakeLLM(t, http.StatusInternalServerError, "")
	env["OPENAI_BASE_URL"] = bad.URL + "/v1"
	out, errOut, code = runCLI(t, env, "extract", "--backend", "openai", "--max-retries", "1", "--json", "testdata/corpus/000_baae7c18990669dd.txt")
	if code != 1 {
		t.Errorf("exit %d, want 1 (the article failed): %s", code, errOut)
	}
	if badCalls.Load() != 2 {
		t.Errorf("calls = %d, want 2 (one retry)", badCalls.Load())
	}
	if strings.Contains(out+errOut, llmTestKey) {
		t.Errorf("the API key is printed: %s %s", out, errOut)
	}
	rs = jsonLines(t, extracttest.ArticleResult, out)
	if len(rs) != 1 || rs[0].Status != extract.StatusFailed || !strings.Contains(deref(rs[0].Error), "HTTP 500") {
		t.Errorf("results %+v, want one failed with HTTP 500", rs)
	}
}

// --record writes cassettes that --backend replay answers from, with the
// same result and no server.
func TestRecordThenReplayCLI(t *testing.T) {
	repoRoot(t)
	reply := `{"deals":[{"kind":"compute_contract","status":"agreed","parties":[{"name":"OpenAI","role":"buyer","mention":"OpenAI"},{"name":"Amazon","role":"seller","mention":"Amazon Web Services"}],"amount":{"value":38000000000,"currency":"USD","qualifier":"exact","max":null,"period":"total","text":"38 miliardi di dollari"},"previous_amount":null,"tranches":[],"capacity":[],"hardware":[],"term_years":null,"announced_on":"2025-11-03","evidence":{"text":"OpenAI ha appena firmato un accordo colossale con Amazon Web Services dal valore di 38 miliardi di dollari"},"confidence":0.9}]}`
	srv, calls := fakeLLM(t, http.StatusOK, reply)
	dir := t.TempDir()
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "DEALWATCH_MODEL": "local-model"}
	live, errOut, code := runCLI(t, env, "extract", "--backend", "openai", "--record", dir, "--json", "testdata/corpus/000_baae7c18990669dd.txt")
	if code != 0 || calls.Load() != 1 {
		t.Fatalf("live run: exit %d after %d calls: %s", code, calls.Load(), errOut)
	}
	replayed, errOut, code := runCLI(t, nil, "extract", "--backend", "replay", "--cassettes", dir, "--json", "testdata/corpus/000_baae7c18990669dd.txt")
	if code != 0 {
		t.Fatalf("replay: exit %d: %s", code, errOut)
	}
	a := jsonLines(t, extracttest.ArticleResult, live)
	b := jsonLines(t, extracttest.ArticleResult, replayed)
	if len(a) != 1 || len(b) != 1 || len(a[0].Deals) != 1 {
		t.Fatalf("live %d results, replay %d", len(a), len(b))
	}
	x, _ := json.Marshal(a[0].Deals)
	y, _ := json.Marshal(b[0].Deals)
	if string(x) != string(y) || b[0].Extractor.Backend != "replay" || *b[0].Extractor.Model != "local-model" {
		t.Errorf("replay differs:\n%s\n%s\n%+v", x, y, b[0].Extractor)
	}
	if !a[0].Deals[0].Grounded {
		t.Errorf("the recorded deal is not grounded: %+v %+v", a[0].Deals[0], a[0].Warnings)
	}
}

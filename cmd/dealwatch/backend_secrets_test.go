package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A malformed OPENAI_BASE_URL fails at start-up with exit 2 and never
// prints the user name and password it holds; nothing is stored.
func TestBadBaseURLFailsAtStart(t *testing.T) {
	repoRoot(t)
	for _, base := range []string{
		"http://admin:hunter2pass@host:port/v1",
		"http://admin:hunter2 pass@localhost:1/v1",
		"http://admin:hunter2%zzpass@localhost/v1",
		"ftp://admin:hunter2pass@localhost/v1",
		"localhost:11434",
		"http:///v1",
	} {
		t.Run(base, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "s.db")
			env := map[string]string{"OPENAI_BASE_URL": base, "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "m"}
			out, errOut, code := runCLI(t, env, "run", "--db", db, "--backend", "openai", "testdata/corpus/000_baae7c18990669dd.txt")
			if code != 2 || !strings.Contains(errOut, "OPENAI_BASE_URL") {
				t.Errorf("exit %d, stderr %q; want 2 naming OPENAI_BASE_URL", code, errOut)
			}
			for _, secret := range []string{"hunter2", "admin:", llmTestKey} {
				if strings.Contains(out+errOut, secret) {
					t.Errorf("output shows %q: %s", secret, errOut)
				}
			}
			if strings.Count(errOut, "\n") != 1 {
				t.Errorf("want one line, got %q", errOut)
			}
		})
	}
}

// A server that echoes the API key in its answer does not put the key
// in a --record cassette.
func TestRecordRedactsEchoedKey(t *testing.T) {
	repoRoot(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		auth := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		content := `{"deals":[],"note":"your key is ` + auth + `"}`
		json.NewEncoder(w).Encode(map[string]any{
			"id": "x", "object": "chat.completion", "model": "m",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content, "refusal": "no " + auth}}},
			"usage":   map[string]any{"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
		})
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "m"}
	out, errOut, _ := runCLI(t, env, "extract", "--backend", "openai", "--record", dir, "--json", "testdata/corpus/000_baae7c18990669dd.txt")
	if strings.Contains(out+errOut, llmTestKey) {
		t.Errorf("the key is printed")
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) == 0 {
		t.Fatalf("no cassette written: %s", errOut)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), llmTestKey) {
			t.Errorf("cassette %s holds the API key:\n%s", f, b)
		}
		if !strings.Contains(string(b), "[redacted]") {
			t.Errorf("cassette %s: the echoed key is not marked redacted", f)
		}
	}
}

package llm

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// step is one scripted server reply.
type step struct {
	status     int // 0 means 200
	retryAfter string
	delay      time.Duration
	content    string
	finish     string // "" means "stop"
	refusal    string
	body       string // a raw body instead of a completion
	hangup     bool   // close the connection without an answer
	promptTok  int
	complTok   int
}

// fakeServer speaks the chat-completions wire format from a script. The
// n-th request gets steps[n] (the last step repeats).
type fakeServer struct {
	*httptest.Server
	mu    sync.Mutex
	steps []step
	reqs  []map[string]any
	heads []http.Header
	// latency is added to every request (benchmarks).
	latency time.Duration
	// light skips decoding requests, so that a benchmark measures the
	// client, not the fake (request() is then empty).
	light bool
	n     int
}

func newFake(t testing.TB, steps ...step) *fakeServer {
	f := &fakeServer{steps: steps}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"no route `+r.URL.Path+`","type":"invalid_request_error"}}`, http.StatusNotFound)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var req map[string]any
	if !f.light {
		_ = json.Unmarshal(body, &req)
	}
	f.mu.Lock()
	i := f.n
	f.n++
	f.reqs = append(f.reqs, req)
	f.heads = append(f.heads, r.Header.Clone())
	var s step
	if len(f.steps) > 0 {
		s = f.steps[min(i, len(f.steps)-1)]
	}
	lat := f.latency
	f.mu.Unlock()

	if d := s.delay + lat; d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			return
		}
	}
	if s.hangup {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
	}
	if s.retryAfter != "" {
		w.Header().Set("Retry-After", s.retryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	if s.status != 0 && s.status != http.StatusOK {
		w.WriteHeader(s.status)
		if s.body != "" {
			io.WriteString(w, s.body)
			return
		}
		fmt.Fprintf(w, `{"error":{"message":"scripted %d","type":"server_error"}}`, s.status)
		return
	}
	if s.body != "" {
		io.WriteString(w, s.body)
		return
	}
	finish := s.finish
	if finish == "" {
		finish = "stop"
	}
	msg := map[string]any{"role": "assistant", "content": s.content}
	if s.refusal != "" {
		msg["refusal"] = s.refusal
		msg["content"] = nil
	}
	pt, ct := s.promptTok, s.complTok
	if pt == 0 {
		pt = 100
	}
	if ct == 0 {
		ct = 10
	}
	json.NewEncoder(w).Encode(map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", i), "object": "chat.completion", "created": 1, "model": "fake",
		"choices": []any{map[string]any{"index": 0, "message": msg, "finish_reason": finish}},
		"usage":   map[string]any{"prompt_tokens": pt, "completion_tokens": ct, "total_tokens": pt + ct},
	})
}

func (f *fakeServer) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *fakeServer) request(i int) map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[i]
}

// messages returns the messages of request i as role, content pairs.
func (f *fakeServer) messages(i int) [][2]string {
	var out [][2]string
	ms, _ := f.request(i)["messages"].([]any)
	for _, m := range ms {
		mm := m.(map[string]any)
		c, _ := mm["content"].(string)
		out = append(out, [2]string{mm["role"].(string), c})
	}
	return out
}

package llm

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// A batch request line is the article's first synchronous request, with
// the cache key as custom_id.
func TestBatchLineIsFirstRequest(t *testing.T) {
	f := newFake(t, step{content: answerJSON()})
	c, err := New(testOptions(f))
	if err != nil {
		t.Fatal(err)
	}
	a := articleES()
	if _, err := c.Extract(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	key, line, err := c.BatchLine(a)
	if err != nil {
		t.Fatal(err)
	}
	if key != Key("test-model", a.ID) {
		t.Errorf("custom_id %s, want the cache key %s", key, Key("test-model", a.ID))
	}
	var l struct {
		CustomID string         `json:"custom_id"`
		Method   string         `json:"method"`
		URL      string         `json:"url"`
		Body     map[string]any `json:"body"`
	}
	if err := json.Unmarshal(line, &l); err != nil {
		t.Fatal(err)
	}
	if l.CustomID != key || l.Method != "POST" || l.URL != "/v1/chat/completions" {
		t.Errorf("line %s", line)
	}
	if !reflect.DeepEqual(l.Body, f.request(0)) {
		t.Errorf("batch body differs from the synchronous request:\nbatch %v\nsync  %v", l.Body, f.request(0))
	}
}

// A batch answer goes through Extract's own path: an invalid one is
// asked again synchronously, and the usage tells both apart.
func TestBatchAnswerThroughExtract(t *testing.T) {
	f := newFake(t, step{content: answerJSON(awsDeal())})
	o := testOptions(f)
	o.Cache = &extract.MemCache{}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	a := articleES()
	key := c.ArticleKey(a)
	body := func(content string) json.RawMessage {
		b, _ := json.Marshal(map[string]any{"id": "x", "object": "chat.completion", "model": "m",
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": content}}},
			"usage":   map[string]any{"prompt_tokens": 50, "completion_tokens": 7}})
		return b
	}
	if n := c.AddBatchAnswers([]BatchResult{{Key: key, Status: 200, Body: body(`{"deals": 3}`)}, {Key: "other", Status: 500, Error: "x"}}); n != 1 {
		t.Fatalf("took %d answers, want 1", n)
	}
	ex, err := c.Extract(t.Context(), a)
	if err != nil {
		t.Fatal(err)
	}
	u := ex.Usage
	if u.BatchRequests != 1 || u.Calls != 1 || u.BatchPromptTokens != 50 || u.PromptTokens != 150 || f.calls() != 1 {
		t.Errorf("usage %+v after %d calls; want 1 batch answer and 1 re-ask", u, f.calls())
	}
	if len(ex.Deals) != 1 || !hasWarn(ex.Warnings, extract.WarnLLMRetry, "re-ask") {
		t.Errorf("deals %v warnings %v", ex.Deals, ex.Warnings)
	}
	// the re-ask carries the batch answer and the problem
	msgs := f.request(0)["messages"].([]any)
	if len(msgs) < 4 || !strings.Contains(fmt.Sprint(msgs[len(msgs)-2]), `{"deals": 3}`) {
		t.Errorf("re-ask messages %v", msgs)
	}
	if got := c.UsedBatchAnswers(); len(got) != 1 || got[0] != key {
		t.Errorf("used %v", got)
	}
	// cached: the next Extract costs nothing
	ex, _ = c.Extract(t.Context(), a)
	if ex.Usage.CacheHits != 1 || f.calls() != 1 {
		t.Errorf("second extract %+v", ex.Usage)
	}
}

func TestSplitBatches(t *testing.T) {
	lines := [][]byte{[]byte("aaaa"), []byte("bbbb"), []byte("cccc"), []byte("dddddddddd"), []byte("e")}
	got := SplitBatches(lines, 2, 12)
	var sizes []int
	for _, g := range got {
		sizes = append(sizes, len(g))
	}
	if !reflect.DeepEqual(sizes, []int{2, 1, 1, 1}) {
		t.Errorf("split %v", sizes)
	}
	if got := SplitBatches(lines, 0, 0); len(got) != 1 || len(got[0]) != 5 {
		t.Errorf("default limits split %d", len(got))
	}
}

func TestParseBatchFile(t *testing.T) {
	data := `{"id":"batch_req_1","custom_id":"k1","response":{"status_code":200,"request_id":"r","body":{"id":"c","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}]}},"error":null}
{"id":"batch_req_2","custom_id":"k2","response":{"status_code":400,"request_id":"r","body":{"error":{"message":"bad request","type":"invalid_request_error"}}},"error":null}
{"id":"batch_req_3","custom_id":"k3","response":null,"error":{"code":"batch_expired","message":"This request could not be executed before the completion window expired."}}

`
	rs, err := ParseBatchFile([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 3 || !rs[0].OK() || rs[1].OK() || rs[2].OK() {
		t.Fatalf("results %+v", rs)
	}
	if rs[1].Error != "bad request" || !strings.HasPrefix(rs[2].Error, "batch_expired: ") {
		t.Errorf("errors %q %q", rs[1].Error, rs[2].Error)
	}
	if _, err := ParseBatchFile([]byte("{not json\n")); err == nil {
		t.Error("a broken line parses")
	}
}

func TestReplayHasNoBatchAPI(t *testing.T) {
	c, err := NewReplay("../../testdata/cassettes", Options{})
	if err != nil {
		t.Skip(err)
	}
	if _, _, err := c.BatchLine(articleES()); err != ErrNoBatchAPI {
		t.Errorf("BatchLine on replay: %v", err)
	}
}

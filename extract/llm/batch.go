package llm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/prompts"
)

// The Batch API (OpenAI's /v1/files and /v1/batches) answers the same
// requests as chat completions at half the price, within 24 hours. A
// batch request is an article's first request exactly as Extract would
// send it, with the article's Key as custom_id; its answer then goes
// through Extract like a synchronous one (AddBatchAnswers): the same
// validation, re-asks (sent synchronously), budget raises, grounding and
// cache.

// Batch limits of OpenAI's Batch API: requests and bytes per input file.
const (
	BatchMaxRequests = 50000
	BatchMaxBytes    = 200 << 20
)

// Batch statuses (OpenAI's).
const (
	BatchValidating = "validating"
	BatchInProgress = "in_progress"
	BatchFinalizing = "finalizing"
	BatchCompleted  = "completed"
	BatchFailed     = "failed"
	BatchExpired    = "expired"
	BatchCancelling = "cancelling"
	BatchCancelled  = "cancelled"
)

// BatchDone reports whether a batch in status will not change any more:
// its output and error files (if any) are final.
func BatchDone(status string) bool {
	switch status {
	case BatchCompleted, BatchFailed, BatchExpired, BatchCancelled:
		return true
	}
	return false
}

// ErrNoBatchAPI means the client cannot use the Batch API (the replay
// backend).
var ErrNoBatchAPI = errors.New("the Batch API needs the openai backend")

// BatchStatus is a batch as the server describes it.
type BatchStatus struct {
	ID          string
	Status      string
	InputFile   string
	OutputFile  string
	ErrorFile   string
	Total       int
	Completed   int
	Failed      int
	Errors      []string // why a batch failed (validation), if it did
	CreatedAt   time.Time
	ExpiresAt   time.Time
	CompletedAt time.Time
}

// BatchResult is one line of a batch's output or error file: the answer
// to the request custom_id (Key), or why there is none.
type BatchResult struct {
	Key    string          `json:"custom_id"`
	Status int             `json:"status"` // HTTP status of the request; 0 when it never ran
	Body   json.RawMessage `json:"body,omitempty"`
	Error  string          `json:"error,omitempty"`
}

// OK reports whether r holds an answer.
func (r BatchResult) OK() bool { return r.Status == http.StatusOK && len(r.Body) > 0 }

// ArticleKey returns the request key of article a (see Key): the cache
// key and the batch custom_id.
func (c *Client) ArticleKey(a extract.Article) string { return Key(c.model, a.ID) }

// Cached reports whether the answer for a is in the cache.
func (c *Client) Cached(a extract.Article) bool {
	if c.cache == nil {
		return false
	}
	_, ok, err := c.cache.GetCache(c.ArticleKey(a))
	return ok && err == nil
}

// BatchLine returns a's first request as a line of a Batch API input
// file (JSONL, without the newline): custom_id is the article's key.
// a.Lang must be set.
func (c *Client) BatchLine(a extract.Article) (key string, line []byte, err error) {
	oc, ok := c.comp.(*openaiCompleter)
	if !ok {
		return "", nil, ErrNoBatchAPI
	}
	key = c.ArticleKey(a)
	in := prompts.Input{Lang: a.Lang, Title: a.Title, Published: a.Published, Text: a.Text, InlineSchema: c.inlineSchema}
	msgs, err := prompts.Render(in)
	if err != nil {
		return "", nil, err
	}
	req := request{Key: key, ArticleID: a.ID, Model: c.model, Messages: msgs, MaxTokens: c.maxTokens}
	line, err = json.Marshal(openai.BatchChatCompletionRequest{
		CustomID: key,
		Body:     oc.chatRequest(req),
		Method:   http.MethodPost,
		URL:      openai.BatchEndpointChatCompletions,
	})
	return key, line, err
}

// SplitBatches groups lines into input files of at most maxRequests
// lines and maxBytes bytes (0: the Batch API's limits). A line larger
// than maxBytes gets a file of its own (the server will refuse it; its
// article is then extracted synchronously).
func SplitBatches(lines [][]byte, maxRequests, maxBytes int) [][][]byte {
	if maxRequests <= 0 {
		maxRequests = BatchMaxRequests
	}
	if maxBytes <= 0 {
		maxBytes = BatchMaxBytes
	}
	var out [][][]byte
	var cur [][]byte
	size := 0
	for _, l := range lines {
		n := len(l) + 1
		if len(cur) > 0 && (len(cur) >= maxRequests || size+n > maxBytes) {
			out = append(out, cur)
			cur, size = nil, 0
		}
		cur = append(cur, l)
		size += n
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func (c *Client) openai() (*openai.Client, error) {
	oc, ok := c.comp.(*openaiCompleter)
	if !ok {
		return nil, ErrNoBatchAPI
	}
	return oc.client, nil
}

// api runs one Batch or Files API call with the client's timeout and
// retries (429, 5xx, timeouts, resets).
func (c *Client) api(ctx context.Context, what string, timeout time.Duration, call func(ctx context.Context) error) error {
	for attempt := 0; ; attempt++ {
		meta := &httpMeta{}
		actx, cancel := context.WithTimeout(context.WithValue(ctx, metaKey{}, meta), timeout)
		err := call(actx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		f := classify(ctx, err, meta)
		if !f.retryable || attempt >= c.maxRetries {
			return fmt.Errorf("%s: %w", what, &TransportError{Status: f.status, Attempts: attempt + 1, Msg: c.red.string(f.msg), Retryable: f.retryable})
		}
		if err := sleep(ctx, backoff(c.backoff, c.maxBackoff, attempt, meta.retryAfter)); err != nil {
			return err
		}
	}
}

// SubmitBatch uploads lines as one input file (purpose "batch") and
// creates a batch of chat completions on it, with a 24 h window.
// metadata is attached to the batch. On error, fileID is the uploaded
// file if the upload got through.
func (c *Client) SubmitBatch(ctx context.Context, name string, lines [][]byte, metadata map[string]any) (st BatchStatus, err error) {
	cl, err := c.openai()
	if err != nil {
		return BatchStatus{}, err
	}
	body := append(bytes.Join(lines, []byte("\n")), '\n')
	var file openai.File
	err = c.api(ctx, "upload the batch input file", max(c.timeout, 10*time.Minute), func(ctx context.Context) error {
		var err error
		file, err = cl.CreateFileBytes(ctx, openai.FileBytesRequest{Name: name, Bytes: body, Purpose: openai.PurposeBatch})
		return err
	})
	if err != nil {
		return BatchStatus{}, err
	}
	var b openai.BatchResponse
	err = c.api(ctx, "create the batch", c.timeout, func(ctx context.Context) error {
		var err error
		b, err = cl.CreateBatch(ctx, openai.CreateBatchRequest{
			InputFileID:      file.ID,
			Endpoint:         openai.BatchEndpointChatCompletions,
			CompletionWindow: "24h",
			Metadata:         metadata,
		})
		return err
	})
	if err != nil {
		return BatchStatus{InputFile: file.ID}, err
	}
	st = batchStatus(b.Batch)
	if st.InputFile == "" {
		st.InputFile = file.ID
	}
	return st, nil
}

// RetrieveBatch asks the server where batch id stands.
func (c *Client) RetrieveBatch(ctx context.Context, id string) (BatchStatus, error) {
	cl, err := c.openai()
	if err != nil {
		return BatchStatus{}, err
	}
	var b openai.BatchResponse
	err = c.api(ctx, "retrieve batch "+id, c.timeout, func(ctx context.Context) error {
		var err error
		b, err = cl.RetrieveBatch(ctx, id)
		return err
	})
	if err != nil {
		return BatchStatus{}, err
	}
	return batchStatus(b.Batch), nil
}

func batchStatus(b openai.Batch) BatchStatus {
	t := func(p *int) time.Time {
		if p == nil || *p == 0 {
			return time.Time{}
		}
		return time.Unix(int64(*p), 0).UTC()
	}
	st := BatchStatus{
		ID: b.ID, Status: b.Status, InputFile: b.InputFileID,
		Total: b.RequestCounts.Total, Completed: b.RequestCounts.Completed, Failed: b.RequestCounts.Failed,
		ExpiresAt: t(b.ExpiresAt), CompletedAt: t(b.CompletedAt),
	}
	if b.CreatedAt != 0 {
		st.CreatedAt = time.Unix(int64(b.CreatedAt), 0).UTC()
	}
	if b.OutputFileID != nil {
		st.OutputFile = *b.OutputFileID
	}
	if b.ErrorFileID != nil {
		st.ErrorFile = *b.ErrorFileID
	}
	if b.Errors != nil {
		for _, e := range b.Errors.Data {
			msg := e.Message
			if e.Code != "" {
				msg = e.Code + ": " + msg
			}
			if e.Line != nil {
				msg = fmt.Sprintf("line %d: %s", *e.Line, msg)
			}
			st.Errors = append(st.Errors, clip(msg, 300))
		}
	}
	return st
}

// BatchResults downloads a finished batch's output and error files and
// returns one result per line (the answers first).
func (c *Client) BatchResults(ctx context.Context, st BatchStatus) ([]BatchResult, error) {
	cl, err := c.openai()
	if err != nil {
		return nil, err
	}
	var out []BatchResult
	for _, id := range []string{st.OutputFile, st.ErrorFile} {
		if id == "" {
			continue
		}
		var data []byte
		err := c.api(ctx, "download batch file "+id, max(c.timeout, 10*time.Minute), func(ctx context.Context) error {
			raw, err := cl.GetFileContent(ctx, id)
			if err != nil {
				return err
			}
			defer raw.Close()
			var buf bytes.Buffer
			if _, err := buf.ReadFrom(raw); err != nil {
				return err
			}
			data = buf.Bytes()
			return nil
		})
		if err != nil {
			return nil, err
		}
		rs, err := ParseBatchFile(data)
		if err != nil {
			return nil, fmt.Errorf("batch file %s: %w", id, err)
		}
		out = append(out, rs...)
	}
	return out, nil
}

// batchLine is a line of an output or error file, as OpenAI documents it.
type batchLine struct {
	ID       string `json:"id"`
	CustomID string `json:"custom_id"`
	Response *struct {
		StatusCode int             `json:"status_code"`
		RequestID  string          `json:"request_id"`
		Body       json.RawMessage `json:"body"`
	} `json:"response"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// ParseBatchFile reads a batch output or error file (JSONL).
func ParseBatchFile(data []byte) ([]BatchResult, error) {
	var out []BatchResult
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var l batchLine
		if err := json.Unmarshal(line, &l); err != nil {
			return out, fmt.Errorf("line %d: %w", n, err)
		}
		r := BatchResult{Key: l.CustomID}
		if l.Response != nil {
			r.Status = l.Response.StatusCode
			if r.Status == http.StatusOK {
				r.Body = append(json.RawMessage(nil), l.Response.Body...)
			} else {
				r.Error = errorMessage(l.Response.Body)
			}
		}
		if l.Error != nil {
			r.Status = 0
			r.Body = nil
			r.Error = strings.TrimPrefix(l.Error.Code+": "+l.Error.Message, ": ")
		}
		if r.Error == "" && !r.OK() {
			r.Error = fmt.Sprintf("HTTP %d", r.Status)
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// errorMessage reads an API error body ({"error": {"message": …}}).
func errorMessage(body []byte) string {
	var e struct {
		Error struct {
			Message string `json:"message"`
			Code    any    `json:"code"`
		} `json:"error"`
	}
	if json.Unmarshal(body, &e) == nil && e.Error.Message != "" {
		return clip(e.Error.Message, 300)
	}
	return clip(string(body), 300)
}

// AddBatchAnswers makes the answers in rs the first answers of their
// articles' next Extract: instead of a request, the answer is taken from
// here (and counted as a batch request, with its tokens). It returns
// how many answers it took; results without an answer, or whose body
// is no chat completion, are left out (those articles are asked
// synchronously).
func (c *Client) AddBatchAnswers(rs []BatchResult) int {
	n := 0
	for _, r := range rs {
		if !r.OK() {
			continue
		}
		var cc openai.ChatCompletionResponse
		if json.Unmarshal(r.Body, &cc) != nil {
			continue
		}
		resp, err := fromCompletion(cc)
		if err != nil {
			continue
		}
		c.batch.put(r.Key, resp)
		n++
	}
	return n
}

// HasBatchAnswer reports whether the next Extract of the article with
// key is answered from a batch.
func (c *Client) HasBatchAnswer(key string) bool { return c.batch.has(key) }

// UsedBatchAnswers returns the keys whose batch answers were taken.
func (c *Client) UsedBatchAnswers() []string { return c.batch.usedKeys() }

// batchAnswers are batch answers waiting for their article's Extract.
// The zero value is empty and ready.
type batchAnswers struct {
	mu   sync.Mutex
	m    map[string]response
	used []string
}

func (b *batchAnswers) put(key string, r response) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[string]response{}
	}
	b.m[key] = r
}

func (b *batchAnswers) has(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.m[key]
	return ok
}

// take returns (and forgets) the batch answer to req, which must be an
// article's first request.
func (b *batchAnswers) take(req request) (response, bool) {
	if req.Seq != 0 {
		return response{}, false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	r, ok := b.m[req.Key]
	if ok {
		delete(b.m, req.Key)
		b.used = append(b.used, req.Key)
	}
	return r, ok
}

func (b *batchAnswers) usedKeys() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.used...)
}

// FindBatch looks for the batch whose metadata has key = value among
// the most recent batches (the first 1,000): a batch created by a run
// killed before it could store the batch's id.
func (c *Client) FindBatch(ctx context.Context, key, value string) (BatchStatus, bool, error) {
	cl, err := c.openai()
	if err != nil {
		return BatchStatus{}, false, err
	}
	var after *string
	limit := 100
	for page := 0; page < 10; page++ {
		var list openai.ListBatchResponse
		err := c.api(ctx, "list batches", c.timeout, func(ctx context.Context) error {
			var err error
			list, err = cl.ListBatch(ctx, after, &limit)
			return err
		})
		if err != nil {
			return BatchStatus{}, false, err
		}
		for _, b := range list.Data {
			if v, ok := b.Metadata[key].(string); ok && v == value {
				return batchStatus(b), true, nil
			}
		}
		if !list.HasMore || len(list.Data) == 0 {
			break
		}
		last := list.Data[len(list.Data)-1].ID
		after = &last
	}
	return BatchStatus{}, false, nil
}

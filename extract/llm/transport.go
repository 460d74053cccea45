package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/dealwatch/dealwatch/prompts"
)

// request is one chat completion to send. Key and Seq identify it for
// the replay backend: Seq counts the requests of one article's
// conversation (re-asks, larger budgets, parts), not transport retries.
type request struct {
	Key       string
	ArticleID string
	Seq       int
	Model     string
	Messages  []prompts.Message
	MaxTokens int
}

// response is what the client needs from a completion.
type response struct {
	Content          string
	Refusal          string
	FinishReason     string
	PromptTokens     int
	CompletionTokens int
}

// completer sends one request once; the Client adds retries, limits and
// accounting around it.
type completer interface {
	complete(ctx context.Context, r request) (response, error)
}

// openaiCompleter talks to an OpenAI-compatible server via go-openai.
type openaiCompleter struct {
	client     *openai.Client
	schemaMode string
	schema     json.RawMessage
	legacyMax  bool
}

func (o *openaiCompleter) complete(ctx context.Context, r request) (response, error) {
	resp, err := o.client.CreateChatCompletion(ctx, o.chatRequest(r))
	if err != nil {
		return response{}, err
	}
	return fromCompletion(resp)
}

// chatRequest is r as go-openai sends it (also a Batch API request's
// body).
func (o *openaiCompleter) chatRequest(r request) openai.ChatCompletionRequest {
	req := openai.ChatCompletionRequest{
		Model: r.Model,
		// go-openai omits a zero temperature; the smallest positive one
		// is as good as greedy decoding.
		Temperature: math.SmallestNonzeroFloat32,
	}
	if o.legacyMax {
		// Local servers (Ollama, vLLM, llama.cpp) read max_tokens; the
		// deprecation is OpenAI's, for its own newer models.
		//lint:ignore SA1019 local servers need max_tokens
		req.MaxTokens = r.MaxTokens
	} else {
		req.MaxCompletionTokens = r.MaxTokens
	}
	for _, m := range r.Messages {
		req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: m.Role, Content: m.Content})
	}
	switch o.schemaMode {
	case SchemaModeJSONObject:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	default:
		req.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name:   "deals",
				Schema: o.schema,
				Strict: true,
			},
		}
	}
	return req
}

// fromCompletion takes what the client needs from a completion.
func fromCompletion(resp openai.ChatCompletionResponse) (response, error) {
	if len(resp.Choices) == 0 {
		return response{}, &malformedError{"the response has no choices"}
	}
	ch := resp.Choices[0]
	return response{
		Content:          ch.Message.Content,
		Refusal:          ch.Message.Refusal,
		FinishReason:     string(ch.FinishReason),
		PromptTokens:     resp.Usage.PromptTokens,
		CompletionTokens: resp.Usage.CompletionTokens,
	}, nil
}

// malformedError is a 200 response the client cannot use (no choices);
// it is retried like a server error.
type malformedError struct{ msg string }

func (e *malformedError) Error() string { return e.msg }

// httpMeta is filled by metaDoer with what go-openai does not expose: the
// status and Retry-After of the last response to a request.
type httpMeta struct {
	status     int
	retryAfter time.Duration
	// maxBody caps the response body in bytes; 0 means no cap.
	maxBody int64
}

// bodyLimit is the largest response body accepted for a completion
// budget of budget tokens: a few times what the budget can produce (a
// token is about 4 bytes; JSON escaping can double it), plus the
// envelope. A server sending more is broken, and reading it all would
// cost the memory of a whole run.
func bodyLimit(budget int) int64 { return int64(budget)*24 + 64<<10 }

// bodyTooLargeError is a response body over its cap; it is not retried.
type bodyTooLargeError struct{ limit int64 }

func (e *bodyTooLargeError) Error() string {
	return fmt.Sprintf("the server's answer is over %d bytes, far more than the token budget allows; it was not read", e.limit)
}

// cappedBody reads a response body and fails once it passes limit bytes.
type cappedBody struct {
	io.ReadCloser
	limit, n int64
}

func (c *cappedBody) Read(p []byte) (int, error) {
	if c.n > c.limit {
		return 0, &bodyTooLargeError{c.limit}
	}
	if room := c.limit + 1 - c.n; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.ReadCloser.Read(p)
	c.n += int64(n)
	if c.n > c.limit {
		return n, &bodyTooLargeError{c.limit}
	}
	return n, err
}

type metaKey struct{}

// metaDoer wraps an *http.Client to record response metadata into the
// request context's httpMeta.
type metaDoer struct {
	client *http.Client
	now    func() time.Time
}

func (d *metaDoer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req)
	if resp != nil {
		if m, ok := req.Context().Value(metaKey{}).(*httpMeta); ok {
			m.status = resp.StatusCode
			m.retryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), d.now())
			if m.maxBody > 0 && resp.Body != nil {
				resp.Body = &cappedBody{ReadCloser: resp.Body, limit: m.maxBody}
			}
		}
	}
	return resp, err
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil && s >= 0 {
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// failure is a classified transport error.
type failure struct {
	status    int
	retryable bool
	cause     string // short label for warnings: "429", "5xx", "timeout", "reset"
	msg       string
	tooLong   bool // the prompt exceeds the model's context
}

// tooLong reports whether a 4xx message says the prompt does not fit the
// context (OpenAI, Azure, vLLM, llama.cpp and LM Studio wordings).
func tooLong(msg string) bool {
	m := strings.ToLower(msg)
	for _, s := range []string{"context_length_exceeded", "maximum context length", "context length", "context size", "context window", "prompt is too long", "too many tokens"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}

// classify decides whether err (from one attempt whose context is actx,
// under the caller's ctx) is worth retrying.
func classify(ctx context.Context, err error, meta *httpMeta) failure {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status := 0
	msg := err.Error()
	switch {
	case errors.As(err, &apiErr):
		status, msg = apiErr.HTTPStatusCode, apiErr.Message
		if code, _ := apiErr.Code.(string); code == "context_length_exceeded" {
			msg = "context_length_exceeded: " + msg
		}
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
		msg = strings.TrimSpace(string(reqErr.Body))
		if msg == "" {
			msg = reqErr.HTTPStatus
		}
	}
	if status == 0 && meta != nil && meta.status >= 400 {
		status = meta.status
	}
	msg = clip(msg, 300)
	if status != 0 {
		switch {
		case status == http.StatusTooManyRequests:
			return failure{status, true, "429", msg, false}
		case status == http.StatusRequestTimeout || status == http.StatusConflict:
			return failure{status, true, strconv.Itoa(status), msg, false}
		case status >= 500:
			return failure{status, true, "5xx", msg, false}
		case tooLong(msg):
			return failure{status: status, cause: "too long", msg: msg, tooLong: true}
		default:
			return failure{status, false, strconv.Itoa(status), msg, false}
		}
	}
	if ctx.Err() != nil {
		return failure{0, false, "canceled", ctx.Err().Error(), false}
	}
	var mal *malformedError
	var netErr net.Error
	var big *bodyTooLargeError
	switch {
	case errors.As(err, &big):
		return failure{0, false, "too large", big.Error(), false}
	case errors.Is(err, context.DeadlineExceeded):
		return failure{0, true, "timeout", "no answer within the request timeout", false}
	case errors.As(err, &netErr) && netErr.Timeout():
		return failure{0, true, "timeout", msg, false}
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.EPIPE):
		return failure{0, true, "reset", msg, false}
	case errors.As(err, &mal):
		return failure{0, true, "malformed", msg, false}
	case errors.As(err, &netErr):
		return failure{0, true, "network", msg, false}
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		return failure{0, true, "malformed", "the server sent a body that is not JSON", false}
	}
	return failure{0, false, "error", msg, false}
}

// backoff returns the wait before retry number attempt (0-based): full
// jitter over base·2^attempt, capped at max. A server's Retry-After wins
// when it is given.
func backoff(base, maxWait time.Duration, attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		// a little jitter so that clients told the same moment spread out
		return retryAfter + time.Duration(rand.Int64N(int64(base/4)+1))
	}
	d := base << min(attempt, 30)
	if d <= 0 || d > maxWait {
		d = maxWait
	}
	// full jitter, but never less than half, so tests and users see the
	// backoff grow
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

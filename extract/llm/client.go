package llm

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
	"golang.org/x/time/rate"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/prompts"
)

// Schema modes: how the answer's shape is requested.
const (
	// SchemaModeJSONSchema sends the schema as a strict json_schema
	// response_format; the server constrains decoding to it.
	SchemaModeJSONSchema = "json_schema"
	// SchemaModeJSONObject asks only for a JSON object (for servers
	// without json_schema support); the answer is validated locally.
	SchemaModeJSONObject = "json_object"
)

// Options configures a Client. The zero value of each field means the
// default given in its comment; Model is required for New.
type Options struct {
	// Model is the model (or Azure deployment) name.
	Model string
	// BaseURL is the API root, e.g. "http://localhost:11434/v1" for
	// Ollama; "" means OpenAI's.
	BaseURL string
	// APIKey authenticates to the server; "" sends no key (local
	// servers). It is never logged, stored or put in an error.
	APIKey string
	// Azure selects Azure OpenAI (api-key header, deployment URLs);
	// APIVersion is its api-version ("" means 2024-10-21).
	Azure      bool
	APIVersion string
	// HTTPClient sends the requests; nil means a new http.Client. Its
	// Timeout should be zero: Timeout below bounds each request.
	HTTPClient *http.Client
	// Concurrency bounds the requests in flight across all callers;
	// 0 means 4.
	Concurrency int
	// Timeout bounds one request; 0 means 120s.
	Timeout time.Duration
	// MaxRetries is how many times one request is retried on 429, 5xx,
	// timeouts and broken connections; 0 means 5, negative means none.
	MaxRetries int
	// Backoff is the first retry's wait, doubled at each retry (with
	// jitter) up to MaxBackoff; 0 means 1s and 60s. A Retry-After header
	// overrides it.
	Backoff, MaxBackoff time.Duration
	// MaxReasks is how many times an invalid answer is sent back to the
	// model with the problem; 0 means 2, negative means none.
	MaxReasks int
	// RPM and TPM limit requests and tokens per minute; 0 means no limit.
	RPM, TPM int
	// SchemaMode is SchemaModeJSONSchema (the default when "") or
	// SchemaModeJSONObject.
	SchemaMode string
	// MaxTokens is the first completion budget of a request and
	// MaxTokensLimit the most it is raised to when an answer is cut at
	// the budget, before the article is split into parts; 0 means 4096
	// and 16384.
	MaxTokens, MaxTokensLimit int
	// LegacyMaxTokens sends the budget as max_tokens (older local
	// servers) instead of max_completion_tokens.
	LegacyMaxTokens bool
	// BreakerFailures is how many requests in a row may fail at the
	// transport level (refused, timed out, broken) before the client
	// stops calling the server and fails every article at once with an
	// *UnavailableError; 0 means DefaultBreakerFailures, negative never.
	BreakerFailures int
	// Cache keeps validated answers by Key; nil means no cache.
	Cache extract.Cache
	// RecordDir, when set, receives one cassette per article (see
	// NewReplay) with every answer the server gave.
	RecordDir string
}

// Client extracts deals with an OpenAI-compatible chat model. It is safe
// for concurrent use; at most Options.Concurrency requests are in flight
// whatever the number of callers.
type Client struct {
	info       extract.ExtractorInfo
	model      string
	comp       completer
	val        *validator
	sem        chan struct{}
	rpm, tpm   *rate.Limiter
	timeout    time.Duration
	maxRetries int
	maxReasks  int
	backoff    time.Duration
	maxBackoff time.Duration
	maxTokens  int
	tokenLimit int
	cache      extract.Cache
	breaker    *breaker
	rec        *recorder
	red        redactor
	// inlineSchema puts the schema in the prompt (json_object mode).
	inlineSchema bool
	// batch holds answers obtained through the Batch API (see batch.go):
	// an article's first request is answered from there, not sent.
	batch batchAnswers
}

var _ extract.Extractor = (*Client)(nil)

// New returns a Client for the server in o (backend "openai"). It returns
// an error wrapping ErrConfig when Model is empty or SchemaMode unknown.
func New(o Options) (*Client, error) {
	if strings.TrimSpace(o.Model) == "" {
		return nil, fmt.Errorf("%w: no model name", ErrConfig)
	}
	var cfg openai.ClientConfig
	if o.Azure {
		cfg = openai.DefaultAzureConfig(o.APIKey, o.BaseURL)
		cfg.APIVersion = o.APIVersion
		if cfg.APIVersion == "" {
			cfg.APIVersion = "2024-10-21"
		}
		cfg.AzureModelMapperFunc = func(model string) string { return model }
	} else {
		cfg = openai.DefaultConfig(o.APIKey)
		if o.BaseURL != "" {
			cfg.BaseURL = strings.TrimRight(o.BaseURL, "/")
		}
	}
	hc := o.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	cfg.HTTPClient = &metaDoer{client: hc, now: time.Now}
	c, err := newClient(o, "openai")
	if err != nil {
		return nil, err
	}
	c.comp = &openaiCompleter{
		client:     openai.NewClientWithConfig(cfg),
		schemaMode: o.SchemaMode,
		schema:     prompts.Schema(),
		legacyMax:  o.LegacyMaxTokens,
	}
	if o.RecordDir != "" {
		c.rec = &recorder{dir: o.RecordDir, model: o.Model, cassettes: map[string]*Cassette{}, red: c.red}
	}
	return c, nil
}

func newClient(o Options, backend string) (*Client, error) {
	switch o.SchemaMode {
	case "", SchemaModeJSONSchema, SchemaModeJSONObject:
	default:
		return nil, fmt.Errorf("%w: schema mode %q (want %s or %s)", ErrConfig, o.SchemaMode, SchemaModeJSONSchema, SchemaModeJSONObject)
	}
	val, err := newValidator(prompts.Schema())
	if err != nil {
		return nil, err
	}
	def := func(v, d int) int {
		switch {
		case v == 0:
			return d
		case v < 0:
			return 0
		}
		return v
	}
	defDur := func(v, d time.Duration) time.Duration {
		if v <= 0 {
			return d
		}
		return v
	}
	conc := o.Concurrency
	if conc <= 0 {
		conc = 4
	}
	c := &Client{
		model:      o.Model,
		val:        val,
		sem:        make(chan struct{}, conc),
		timeout:    defDur(o.Timeout, 120*time.Second),
		maxRetries: def(o.MaxRetries, 5),
		maxReasks:  def(o.MaxReasks, 2),
		backoff:    defDur(o.Backoff, time.Second),
		maxBackoff: defDur(o.MaxBackoff, 60*time.Second),
		maxTokens:  def(o.MaxTokens, 4096),
		tokenLimit: def(o.MaxTokensLimit, 16384),
		cache:      o.Cache,
		breaker:    &breaker{n: def(o.BreakerFailures, DefaultBreakerFailures)},
		red:        redactor{secret: o.APIKey},

		inlineSchema: o.SchemaMode == SchemaModeJSONObject,
	}
	c.tokenLimit = max(c.tokenLimit, c.maxTokens)
	if o.RPM > 0 {
		c.rpm = rate.NewLimiter(rate.Limit(float64(o.RPM)/60), max(1, min(o.RPM, conc)))
	}
	if o.TPM > 0 {
		c.tpm = rate.NewLimiter(rate.Limit(float64(o.TPM)/60), o.TPM)
	}
	c.setInfo(backend, o.Model)
	return c, nil
}

func (c *Client) setInfo(backend, model string) {
	c.model = model
	c.info = extract.ExtractorInfo{Backend: backend, Model: extract.StrPtr(model), PromptVersion: extract.Ptr(prompts.Version())}
}

// Info returns what results extracted by c record as their extractor.
func (c *Client) Info() extract.ExtractorInfo { return c.info }

// Key returns the request key of an article: a hash of the model, the
// prompt version, the schema version and the article id. The cache and
// the cassettes are keyed by it.
func Key(model, articleID string) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d\x00%s", model, prompts.Version(), extract.SchemaVersion, articleID)
	return "k" + hex.EncodeToString(h.Sum(nil))[:24]
}

// Extract returns the deals the model finds in a, not yet grounded (the
// Pipeline grounds them). A cached answer costs no request. On failure
// it returns an *extract.ExtractError with the backend, the model and
// the usage so far, wrapping a *TransportError, a *FailedAnswerError
// (ErrInvalidAnswer, ErrRefused, ErrTruncated), ErrNoCassette or ctx's
// error.
func (c *Client) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	key := Key(c.model, a.ID)
	var u extract.Usage
	var warns []extract.Warning
	if c.cache != nil {
		e, ok, err := c.cache.GetCache(key)
		switch {
		case err != nil:
			warns = append(warns, extract.Warning{Code: "cache", Message: "reading the LLM cache failed, asking the model: " + c.red.string(err.Error())})
		case ok:
			var ce cached
			if json.Unmarshal(e.Raw, &ce) == nil && len(ce.Answer) > 0 {
				if ans, perr := c.val.parse(string(ce.Answer)); perr == nil {
					u.CacheHits = 1
					return extract.Extraction{Deals: ans.deals(), Warnings: ce.Warnings, Info: c.info, Usage: u}, nil
				}
			}
			// an unreadable entry is asked again and replaced
		}
	}
	r := &articleRun{c: c, key: key, a: a, usage: &u}
	ans, err := r.extract(ctx)
	if err != nil {
		return extract.Extraction{}, &extract.ExtractError{Info: c.info, Usage: u, Err: c.red.error(err)}
	}
	for i := range warns {
		warns[i].Message = c.red.string(warns[i].Message)
	}
	got := r.warnings()
	for i := range got {
		got[i].Message = c.red.string(got[i].Message)
	}
	if c.cache != nil {
		// The warnings say how the answer was obtained; they are cached
		// with it so that a re-run gives the same result.
		raw, _ := json.Marshal(cached{Answer: canonical(ans), Warnings: got})
		if err := c.cache.PutCache(key, extract.CacheEntry{Raw: raw, Usage: u, Time: time.Now().UTC()}); err != nil {
			warns = append(warns, extract.Warning{Code: "cache", Message: "storing the answer in the LLM cache failed: " + c.red.string(err.Error())})
		}
	}
	warns = append(warns, got...)
	return extract.Extraction{Deals: ans.deals(), Warnings: warns, Info: c.info, Usage: u}, nil
}

// cached is a cache entry's Raw: the validated answer and the warnings
// about how it was obtained.
type cached struct {
	Answer   json.RawMessage   `json:"answer"`
	Warnings []extract.Warning `json:"warnings"`
}

// articleRun is the work on one article: its conversation(s), the
// requests sent and what went wrong on the way.
type articleRun struct {
	c     *Client
	key   string
	a     extract.Article
	usage *extract.Usage

	seq          int // requests of the conversation (for replay)
	answers      int
	retries      retryNote
	reasks       int
	firstProblem string
	raised       int // budget raises after a cut answer
	maxBudget    int
	parts        int
	invalid      []extract.Warning // items dropped from valid answers
}

// maxSplitDepth bounds how many times a part is split again.
const maxSplitDepth = 3

func (r *articleRun) extract(ctx context.Context) (answer, error) {
	in := prompts.Input{Lang: r.a.Lang, Title: r.a.Title, Published: r.a.Published, Text: r.a.Text, InlineSchema: r.c.inlineSchema}
	ans, err := r.converse(ctx, in)
	if err == nil || !splittable(err) {
		return ans, err
	}
	pieces := split(r.a.Text, 2)
	if len(pieces) < 2 {
		return answer{}, err
	}
	return r.extractParts(ctx, pieces, 1)
}

func (r *articleRun) extractParts(ctx context.Context, pieces []string, depth int) (answer, error) {
	var all []answer
	for i, p := range pieces {
		in := prompts.Input{Lang: r.a.Lang, Title: r.a.Title, Published: r.a.Published, Text: p, Part: i + 1, Parts: len(pieces), InlineSchema: r.c.inlineSchema}
		ans, err := r.converse(ctx, in)
		switch {
		case err == nil:
			r.parts++
		case splittable(err) && depth < maxSplitDepth:
			if sub := split(p, 2); len(sub) == 2 {
				ans, err = r.extractParts(ctx, sub, depth+1)
			}
		}
		if err != nil {
			return answer{}, fmt.Errorf("part %d of %d: %w", i+1, len(pieces), err)
		}
		all = append(all, ans)
	}
	return merge(all), nil
}

// splittable reports whether err is cured by asking for a smaller part
// of the article: an answer cut at the budget, or a prompt too long for
// the model's context.
func splittable(err error) bool {
	return errors.Is(err, ErrTruncated) || errors.Is(err, ErrTooLong)
}

// converse asks for the deals of one text: request, validate, re-ask
// with the problem, raise the budget when the answer is cut.
func (r *articleRun) converse(ctx context.Context, in prompts.Input) (answer, error) {
	c := r.c
	msgs, err := prompts.Render(in)
	if err != nil {
		return answer{}, err
	}
	budget := c.maxTokens
	reasks := 0
	for {
		resp, err := r.call(ctx, msgs, budget)
		if err != nil {
			return answer{}, err
		}
		r.answers++
		if resp.Refusal != "" {
			return answer{}, &FailedAnswerError{Attempts: r.answers, Raw: resp.Content, Err: refusalError{clip(resp.Refusal, 300)}}
		}
		if resp.FinishReason == "content_filter" {
			return answer{}, &FailedAnswerError{Attempts: r.answers, Raw: resp.Content, Err: refusalError{"the server's content filter stopped the answer"}}
		}
		if resp.FinishReason == "length" {
			if budget < c.tokenLimit {
				budget = min(budget*2, c.tokenLimit)
				r.raised++
				r.maxBudget = max(r.maxBudget, budget)
				continue
			}
			return answer{}, &FailedAnswerError{Attempts: r.answers, Raw: resp.Content, Err: fmt.Errorf("%w at the token budget of %d", ErrTruncated, budget)}
		}
		ans, verr := c.val.parse(resp.Content)
		if verr == nil {
			r.noteDropped(in, ans.dropped)
			return ans, nil
		}
		if reasks >= c.maxReasks {
			var ae *AnswerError
			if errors.As(verr, &ae) && len(ae.dropped) > 0 {
				// A well-formed answer whose every deal is invalid: the
				// article is not failed for it; the deals are dropped
				// with a warning each, as in a partly valid answer.
				r.noteDropped(in, ae.dropped)
				return answer{}, nil
			}
			return answer{}, &FailedAnswerError{Attempts: r.answers, Raw: resp.Content, Err: verr}
		}
		reasks++
		r.reasks++
		if r.firstProblem == "" {
			r.firstProblem = verr.Error()
		}
		msgs = append(msgs,
			prompts.Message{Role: "assistant", Content: quoteAnswer(resp.Content)},
			prompts.Message{Role: "user", Content: prompts.Reask(verr.Error())})
	}
}

// maxQuotedAnswer is how much of a bad answer a re-ask sends back: the
// problem list says what is wrong; the whole answer would only make the
// next request as large (a runaway answer doubled at every re-ask).
const maxQuotedAnswer = 8 << 10

// quoteAnswer returns the start of a bad answer for a re-ask.
func quoteAnswer(content string) string {
	if len(content) <= maxQuotedAnswer {
		return content
	}
	n := maxQuotedAnswer
	for n > 0 && !utf8.RuneStart(content[n]) {
		n--
	}
	return fmt.Sprintf("%s\n[… answer cut here: %d bytes in all]", content[:n], len(content))
}

// noteDropped records an invalid_deal warning for each dropped item.
func (r *articleRun) noteDropped(in prompts.Input, dropped []droppedDeal) {
	for _, d := range dropped {
		w := d.warning()
		if in.Parts > 1 {
			w.Message = fmt.Sprintf("part %d of %d: %s", in.Part, in.Parts, w.Message)
		}
		r.invalid = append(r.invalid, w)
	}
}

// call sends one request with the client's limits and retries. Every
// request sent counts in the usage, failed or not.
func (r *articleRun) call(ctx context.Context, msgs []prompts.Message, budget int) (response, error) {
	c := r.c
	req := request{Key: r.key, ArticleID: r.a.ID, Seq: r.seq, Model: c.model, Messages: msgs, MaxTokens: budget}
	r.seq++
	if resp, ok := c.batch.take(req); ok {
		r.usage.BatchRequests++
		r.usage.PromptTokens += resp.PromptTokens
		r.usage.CompletionTokens += resp.CompletionTokens
		r.usage.BatchPromptTokens += resp.PromptTokens
		r.usage.BatchCompletionTokens += resp.CompletionTokens
		return resp, nil
	}
	for attempt := 0; ; attempt++ {
		if err := c.breaker.err(); err != nil {
			return response{}, err
		}
		est, err := c.wait(ctx, msgs, budget)
		if err != nil {
			return response{}, err
		}
		select {
		case c.sem <- struct{}{}:
		case <-ctx.Done():
			return response{}, ctx.Err()
		}
		meta := &httpMeta{maxBody: bodyLimit(budget)}
		actx, cancel := context.WithTimeout(context.WithValue(ctx, metaKey{}, meta), c.timeout)
		resp, err := c.comp.complete(actx, req)
		cancel()
		<-c.sem
		r.usage.Calls++
		if err == nil {
			c.breaker.answered()
			r.usage.PromptTokens += resp.PromptTokens
			r.usage.CompletionTokens += resp.CompletionTokens
			if used := resp.PromptTokens + resp.CompletionTokens; c.tpm != nil && used > est {
				// the estimate was short: charge the difference to the
				// requests that follow
				c.tpm.ReserveN(time.Now(), min(used-est, c.tpm.Burst()))
			}
			if c.rec != nil {
				if rerr := c.rec.add(req, r.a, resp); rerr != nil {
					return response{}, rerr
				}
			}
			return resp, nil
		}
		if ctx.Err() != nil {
			return response{}, ctx.Err()
		}
		if errors.Is(err, ErrNoCassette) {
			return response{}, err
		}
		f := classify(ctx, err, meta)
		if !transportFailure(f) {
			c.breaker.answered()
		} else if c.breaker.failed(c.red.string(f.msg)) {
			return response{}, c.breaker.err()
		}
		if !f.retryable || attempt >= c.maxRetries {
			return response{}, &TransportError{Status: f.status, Attempts: attempt + 1, Msg: c.red.string(f.msg), Retryable: f.retryable, TooLong: f.tooLong}
		}
		if limit := max(10*c.maxBackoff, 5*time.Minute); meta.retryAfter > limit {
			return response{}, &TransportError{Status: f.status, Attempts: attempt + 1, Retryable: true,
				Msg: fmt.Sprintf("the server asks to wait %v before retrying, more than the %v this run waits: %s", meta.retryAfter.Round(time.Second), limit, c.red.string(f.msg))}
		}
		wait := backoff(c.backoff, c.maxBackoff, attempt, meta.retryAfter)
		r.retries.add(f.cause)
		if err := sleep(ctx, wait); err != nil {
			return response{}, err
		}
	}
}

// wait blocks on the rate limits, if any, and returns the tokens it
// charged to the tokens-per-minute limit (an estimate: 4 bytes a token
// for the prompt, a quarter of the budget for the answer).
func (c *Client) wait(ctx context.Context, msgs []prompts.Message, budget int) (int, error) {
	if c.rpm != nil {
		if err := c.rpm.Wait(ctx); err != nil {
			return 0, fmt.Errorf("rate limit: %w", err)
		}
	}
	if c.tpm == nil {
		return 0, nil
	}
	n := budget / 4
	for _, m := range msgs {
		n += len(m.Content)/4 + 4
	}
	n = min(max(n, 1), c.tpm.Burst())
	if err := c.tpm.WaitN(ctx, n); err != nil {
		return 0, fmt.Errorf("token rate limit: %w", err)
	}
	return n, nil
}

// warnings says what it took to get the answer.
func (r *articleRun) warnings() []extract.Warning {
	var ws []extract.Warning
	if r.retries.count > 0 {
		causes := make([]string, 0, len(r.retries.causes))
		for _, k := range sortedKeys(r.retries.causes) {
			causes = append(causes, fmt.Sprintf("%s×%d", k, r.retries.causes[k]))
		}
		ws = append(ws, extract.Warning{Code: extract.WarnLLMRetry, Message: fmt.Sprintf("%d request(s) retried (%s)", r.retries.count, strings.Join(causes, ", "))})
	}
	if r.reasks > 0 {
		ws = append(ws, extract.Warning{Code: extract.WarnLLMRetry, Message: fmt.Sprintf("answer valid after %d re-ask(s); first problem: %s", r.reasks, clip(r.firstProblem, 300))})
	}
	if r.raised > 0 {
		ws = append(ws, extract.Warning{Code: extract.WarnTruncated, Message: fmt.Sprintf("answer cut at the token budget; budget raised %d time(s), to %d tokens", r.raised, r.maxBudget)})
	}
	if r.parts > 1 {
		ws = append(ws, extract.Warning{Code: extract.WarnTruncated, Message: fmt.Sprintf("article split into %d overlapping parts to fit the model; deals merged", r.parts)})
	}
	return append(ws, r.invalid...)
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

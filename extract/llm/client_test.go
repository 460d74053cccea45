package llm

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
	"github.com/dealwatch/dealwatch/extract/figures"
)

const testKey = "sk-test-SECRET-0123456789"

const textES = "OpenAI anunció compromisos por $1.4 billones en infraestructura de cómputo.\n\n" +
	"El acuerdo con Amazon Web Services asciende a 38.000 millones de dólares en siete años, según la compañía."

const evAWS = "El acuerdo con Amazon Web Services asciende a 38.000 millones de dólares en siete años, según la compañía."

func articleES() extract.Article {
	return extract.Article{ID: "sha256:00000000000000es", Source: "test-es.txt", Lang: "es", Text: textES}
}

// fixedLang is a Detector that always answers one language.
type fixedLang string

func (l fixedLang) Detect(string) (string, float64) { return string(l), 1 }

func awsDeal() wireDeal {
	return wireDeal{
		Kind: "compute_contract", Status: "agreed", Confirmation: "confirmed", Mention: "news",
		Parties:  []wireParty{{Name: "OpenAI", Role: "buyer", Mention: "OpenAI"}, {Name: "Amazon", Role: "seller", Mention: "Amazon Web Services"}},
		Amount:   &wireMoney{Value: figures.MustDecimal("38000000000"), Currency: "USD", Qualifier: "exact", Period: "total", Text: "38.000 millones de dólares"},
		Tranches: []wireTranche{}, Capacity: []wireCapacity{}, Hardware: []string{},
		TermYears: ptr(7.0), Evidence: wireEvidence{Text: evAWS}, Confidence: 0.9,
	}
}

func billonesDeal(value string) wireDeal {
	return wireDeal{
		Kind: "other", Status: "announced", Confirmation: "confirmed", Mention: "news",
		Parties:  []wireParty{{Name: "OpenAI", Role: "buyer", Mention: "OpenAI"}},
		Amount:   &wireMoney{Value: figures.MustDecimal(value), Currency: "USD", Qualifier: "exact", Period: "total", Text: "$1.4 billones"},
		Tranches: []wireTranche{}, Capacity: []wireCapacity{}, Hardware: []string{},
		Evidence: wireEvidence{Text: "OpenAI anunció compromisos por $1.4 billones en infraestructura de cómputo."}, Confidence: 0.8,
	}
}

func ptr[T any](v T) *T { return &v }

func answerJSON(deals ...wireDeal) string {
	if deals == nil {
		deals = []wireDeal{}
	}
	b, err := json.Marshal(answer{Deals: deals})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func testOptions(f *fakeServer) Options {
	return Options{
		Model: "test-model", BaseURL: f.URL + "/v1", APIKey: testKey, HTTPClient: f.Client(),
		// generous: a loaded machine under -race must not turn a slow
		// loopback answer into a timeout (the timeout test sets its own)
		Timeout: 10 * time.Second, Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
	}
}

// parserReady reports whether figures.Parse reads the test article's
// amounts; assertions on stored values wait for it.
func parserReady() bool {
	ok38, okBill := false, false
	for _, f := range figures.Parse(textES, "es") {
		if f.Kind == figures.Money && f.Text == "38.000 millones de dólares" && f.Value.Cmp(figures.MustDecimal("38e9")) == 0 {
			ok38 = true
		}
		if f.Kind == figures.Money && f.Text == "$1.4 billones" && f.Value.Cmp(figures.MustDecimal("1.4e12")) == 0 {
			okBill = true
		}
	}
	return ok38 && okBill
}

func hasWarn(ws []extract.Warning, code, substr string) bool {
	for _, w := range ws {
		if w.Code == code && strings.Contains(w.Message, substr) {
			return true
		}
	}
	return false
}

func process(t *testing.T, c *Client, a extract.Article) extract.Outcome {
	t.Helper()
	p := extract.Pipeline{Detector: fixedLang(a.Lang), Extractor: c}
	o := p.Process(context.Background(), a)
	b, err := json.Marshal(o.Result)
	if err != nil {
		t.Fatalf("marshal result: %v", err)
	}
	if err := extracttest.Validate(extracttest.ArticleResult, b); err != nil {
		t.Errorf("result is not schema-valid: %v\n%s", err, b)
	}
	if strings.Contains(string(b), testKey) {
		t.Errorf("the API key is in the result: %s", b)
	}
	return o
}

func TestExtract(t *testing.T) {
	good := step{content: answerJSON(awsDeal()), promptTok: 1000, complTok: 200}
	tests := []struct {
		name       string
		steps      []step
		opts       func(*Options)
		wantCalls  int
		wantStatus extract.Status
		wantWarn   [][2]string // code, substring
		wantErr    []string    // substrings of the result's error
		check      func(t *testing.T, f *fakeServer, o extract.Outcome)
	}{
		{
			name: "success", steps: []step{good}, wantCalls: 1, wantStatus: extract.StatusOK,
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if o.Usage.PromptTokens != 1000 || o.Usage.CompletionTokens != 200 || o.Usage.Calls != 1 {
					t.Errorf("usage = %+v, want 1 call, 1000+200 tokens", o.Usage)
				}
				if len(o.Result.Deals) != 1 {
					t.Fatalf("deals = %d, want 1", len(o.Result.Deals))
				}
				d := o.Result.Deals[0]
				if textES[d.Evidence.Start:d.Evidence.End] != evAWS {
					t.Errorf("evidence offsets [%d:%d] do not point at the quote", d.Evidence.Start, d.Evidence.End)
				}
				if d.Kind != extract.KindCompute || len(d.Parties) != 2 || d.Parties[1].Name != "Amazon" {
					t.Errorf("deal = %+v", d)
				}
				if parserReady() {
					if !d.Grounded || d.Amount.Value.Cmp(figures.MustDecimal("38e9")) != 0 || textES[d.Amount.Start:d.Amount.End] != d.Amount.Text {
						t.Errorf("amount = %+v grounded=%v, want 38e9 at its offsets, grounded", d.Amount, d.Grounded)
					}
					if len(o.Result.Warnings) != 0 {
						t.Errorf("warnings = %+v, want none", o.Result.Warnings)
					}
				}
				req := f.request(0)
				rf, _ := req["response_format"].(map[string]any)
				js, _ := rf["json_schema"].(map[string]any)
				if rf["type"] != "json_schema" || js["strict"] != true {
					t.Errorf("response_format = %v, want strict json_schema", rf)
				}
				if sch, _ := js["schema"].(map[string]any); sch["additionalProperties"] != false {
					t.Errorf("schema sent is not the strict one: %v", sch)
				}
				if req["model"] != "test-model" {
					t.Errorf("model = %v", req["model"])
				}
				if got := f.heads[0].Get("Authorization"); got != "Bearer "+testKey {
					t.Errorf("Authorization = %q", got)
				}
				if info := o.Result.Extractor; info.Backend != "openai" || *info.Model != "test-model" || info.PromptVersion == nil {
					t.Errorf("extractor = %+v", info)
				}
			},
		},
		{
			name:  "429 with Retry-After",
			steps: []step{{status: 429, retryAfter: "0.08"}, good}, wantCalls: 2, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnLLMRetry, "429×1"}},
		},
		{
			name:  "429 asking to wait for hours",
			steps: []step{{status: 429, retryAfter: "7200"}}, wantCalls: 1, wantStatus: extract.StatusFailed,
			wantErr: []string{"HTTP 429", "asks to wait 2h0m0s"},
		},
		{
			name:  "500 then 502 then success",
			steps: []step{{status: 500}, {status: 502}, good}, wantCalls: 3, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnLLMRetry, "5xx×2"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if o.Usage.Calls != 3 || o.Usage.PromptTokens != 1000 {
					t.Errorf("usage = %+v, want 3 calls and the tokens of the one answer", o.Usage)
				}
			},
		},
		{
			name:  "500 until the retries run out",
			steps: []step{{status: 500}}, opts: func(o *Options) { o.MaxRetries = 2 },
			wantCalls: 3, wantStatus: extract.StatusFailed, wantErr: []string{"HTTP 500", "after 3 attempts"},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if o.Usage.Calls != 3 || o.Result.Extractor.Backend != "openai" {
					t.Errorf("failed result: usage %+v extractor %+v, want 3 calls by openai", o.Usage, o.Result.Extractor)
				}
			},
		},
		{
			name:  "connection closed, then an empty choice list, then success",
			steps: []step{{hangup: true}, {body: `{"id":"x","object":"chat.completion","choices":[]}`}, good}, wantCalls: 3, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnLLMRetry, "malformed×1"}, {extract.WarnLLMRetry, "reset×1"}},
		},
		{
			name:  "timeout then success",
			steps: []step{{delay: time.Minute}, good}, opts: func(o *Options) { o.Timeout = time.Second },
			wantCalls: 2, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnLLMRetry, "timeout×1"}},
		},
		{
			name:  "truncated answer gets a larger budget",
			steps: []step{{content: `{"deals":[{"kind":"compute_con`, finish: "length"}, good}, wantCalls: 2, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnTruncated, "to 8192 tokens"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				a, b := f.request(0)["max_completion_tokens"], f.request(1)["max_completion_tokens"]
				if a != 4096.0 || b != 8192.0 {
					t.Errorf("budgets = %v, %v; want 4096 then 8192", a, b)
				}
				if len(f.messages(1)) != len(f.messages(0)) {
					t.Errorf("a larger budget must resend the same conversation, not a re-ask")
				}
			},
		},
		{
			name: "truncated at the limit: split into parts and merged",
			steps: []step{
				{content: `{"deals":[`, finish: "length"},
				{content: answerJSON(billonesDeal("1400000000000"))},
				{content: answerJSON(awsDeal())},
			},
			opts:      func(o *Options) { o.MaxTokens, o.MaxTokensLimit = 1000, 1000 },
			wantCalls: 3, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnTruncated, "split into 2"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if len(o.Result.Deals) != 2 {
					t.Errorf("deals = %d, want 2 merged from the parts", len(o.Result.Deals))
				}
				last := f.messages(1)
				if u := last[len(last)-1][1]; !strings.Contains(u, "part 1 of 2") || strings.Contains(u, "Amazon") {
					t.Errorf("part 1 prompt = %q", u)
				}
			},
		},
		{
			name: "prompt too long for the context: split into parts",
			steps: []step{
				{status: 400, body: `{"error":{"message":"This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}`},
				{content: answerJSON(billonesDeal("1400000000000"))},
				{content: answerJSON(awsDeal())},
			},
			wantCalls: 3, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnTruncated, "split into 2"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if len(o.Result.Deals) != 2 {
					t.Errorf("deals = %d, want 2", len(o.Result.Deals))
				}
			},
		},
		{
			name:      "400 for another reason is not split",
			steps:     []step{{status: 400, body: `{"error":{"message":"model not found","type":"invalid_request_error"}}`}},
			wantCalls: 1, wantStatus: extract.StatusFailed, wantErr: []string{"HTTP 400", "model not found"},
		},
		{
			name:  "invalid JSON then a valid re-ask",
			steps: []step{{content: `{"deals": [ {"kind": "compute_contract",,]}`}, good}, wantCalls: 2, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnLLMRetry, "not valid JSON"}},
		},
		{
			name:  "invalid JSON every time",
			steps: []step{{content: `deals: none`}}, wantCalls: 3, wantStatus: extract.StatusFailed,
			wantErr: []string{"invalid after 3 attempts", "not valid JSON", "last answer", "deals: none"},
		},
		{
			name: "schema-invalid then a valid re-ask",
			steps: []step{
				{content: `{"deals":[{"kind":"deal","status":"agreed","parties":[],"amount":null,"previous_amount":null,"tranches":[],"capacity":[],"hardware":[],"term_years":null,"announced_on":null,"confidence":0.9,"extra":1}]}`},
				good,
			},
			wantCalls: 2, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnLLMRetry, "re-ask"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				ms := f.messages(1)
				if len(ms) != len(f.messages(0))+2 {
					t.Fatalf("re-ask has %d messages, want the first %d + the answer + the problem", len(ms), len(f.messages(0)))
				}
				if ms[len(ms)-2][0] != "assistant" || !strings.Contains(ms[len(ms)-2][1], `"kind":"deal"`) {
					t.Errorf("re-ask does not replay the bad answer: %q", ms[len(ms)-2])
				}
				problem := ms[len(ms)-1][1]
				if strings.Contains(problem, "extra") {
					t.Errorf("re-ask %q complains of an unknown field, which is ignored", problem)
				}
				for _, want := range []string{`deals[0].kind: "deal" is not one of`, "deals[0].evidence: is missing"} {
					if !strings.Contains(problem, want) {
						t.Errorf("re-ask %q lacks %q", problem, want)
					}
				}
			},
		},
		{
			name: "semantic problems are re-asked",
			steps: []step{
				{content: strings.Replace(strings.Replace(answerJSON(awsDeal()), `"USD"`, `"dollars"`, 1), `"value":38000000000`, `"value":-1`, 1)},
				good,
			},
			wantCalls: 2, wantStatus: extract.StatusOK,
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				ms := f.messages(1)
				problem := ms[len(ms)-1][1]
				if !strings.Contains(problem, "deals[0].amount.currency") || !strings.Contains(problem, "deals[0].amount.value") {
					t.Errorf("re-ask = %q, want the currency and value problems", problem)
				}
			},
		},
		{
			name:  "refusal",
			steps: []step{{refusal: "I can't help with that request."}}, wantCalls: 1, wantStatus: extract.StatusFailed,
			wantErr: []string{"refused", "can't help"},
		},
		{
			name: "invented party",
			steps: []step{{content: answerJSON(func() wireDeal {
				d := awsDeal()
				d.Parties = append(d.Parties, wireParty{Name: "Microsoft", Role: "partner", Mention: "Microsoft Azure"})
				return d
			}())}},
			wantCalls: 1, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnUnknownParty, "Microsoft Azure"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if d := o.Result.Deals[0]; d.Grounded {
					t.Errorf("a deal with an invented party is grounded")
				}
			},
		},
		{
			name: "invented amount",
			steps: []step{{content: answerJSON(func() wireDeal {
				d := awsDeal()
				d.Amount.Text, d.Amount.Value = "50.000 millones de dólares", figures.MustDecimal("5e10")
				return d
			}())}},
			wantCalls: 1, wantStatus: extract.StatusOK,
			wantWarn: [][2]string{{extract.WarnUngroundedAmount, "50.000 millones de dólares"}},
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				d := o.Result.Deals[0]
				if d.Grounded {
					t.Errorf("a deal with an invented amount is grounded")
				}
				if d.Amount.Value.Cmp(figures.MustDecimal("5e10")) != 0 || d.Amount.Start != 0 || d.Amount.End != 0 {
					t.Errorf("ungrounded amount = %+v, want the model's value kept without offsets", d.Amount)
				}
			},
		},
		{
			name:  "billones read as billions",
			steps: []step{{content: answerJSON(billonesDeal("1400000000"))}}, wantCalls: 1, wantStatus: extract.StatusOK,
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				if !parserReady() {
					t.Skip("figures.Parse does not read the test article yet")
				}
				d := o.Result.Deals[0]
				if !hasWarn(o.Result.Warnings, extract.WarnScaleMismatch, "1400000000") {
					t.Errorf("warnings = %+v, want scale_mismatch", o.Result.Warnings)
				}
				if d.Amount.Value.Cmp(figures.MustDecimal("1400000000000")) != 0 || textES[d.Amount.Start:d.Amount.End] != "$1.4 billones" {
					t.Errorf("amount = %+v, want the parsed 1.4e12 at its offsets", d.Amount)
				}
				if d.Grounded {
					t.Errorf("a deal whose value the model misread is grounded")
				}
			},
		},
		{
			name:      "401 is not retried and the key is not shown",
			steps:     []step{{status: 401, body: `{"error":{"message":"Incorrect API key provided: ` + testKey + `","type":"invalid_request_error"}}`}},
			wantCalls: 1, wantStatus: extract.StatusFailed, wantErr: []string{"HTTP 401", "[redacted]"},
		},
		{
			name:  "json_object mode with a fenced answer",
			steps: []step{{content: "```json\n" + answerJSON(awsDeal()) + "\n```"}}, opts: func(o *Options) { o.SchemaMode = SchemaModeJSONObject },
			wantCalls: 1, wantStatus: extract.StatusOK,
			check: func(t *testing.T, f *fakeServer, o extract.Outcome) {
				rf, _ := f.request(0)["response_format"].(map[string]any)
				if rf["type"] != "json_object" || rf["json_schema"] != nil {
					t.Errorf("response_format = %v, want json_object", rf)
				}
				if sys := f.messages(0)[0][1]; !strings.Contains(sys, `"additionalProperties": false`) {
					t.Errorf("json_object mode: the system prompt does not carry the schema")
				}
				if len(o.Result.Deals) != 1 {
					t.Errorf("deals = %d, want 1", len(o.Result.Deals))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, tt.steps...)
			o := testOptions(f)
			if tt.opts != nil {
				tt.opts(&o)
			}
			c, err := New(o)
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			out := process(t, c, articleES())
			if got := f.calls(); got != tt.wantCalls {
				t.Errorf("calls = %d, want %d", got, tt.wantCalls)
			}
			if out.Usage.Calls != tt.wantCalls {
				t.Errorf("usage.Calls = %d, want %d", out.Usage.Calls, tt.wantCalls)
			}
			if out.Result.Status != tt.wantStatus {
				t.Fatalf("status = %s (error %v), want %s", out.Result.Status, deref(out.Result.Error), tt.wantStatus)
			}
			for _, w := range tt.wantWarn {
				if !hasWarn(out.Result.Warnings, w[0], w[1]) {
					t.Errorf("warnings = %+v, want %s containing %q", out.Result.Warnings, w[0], w[1])
				}
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(deref(out.Result.Error), w) {
					t.Errorf("error = %q, want it to contain %q", deref(out.Result.Error), w)
				}
			}
			if tt.name == "429 with Retry-After" && time.Since(start) < 80*time.Millisecond {
				t.Errorf("retried after %v, before the Retry-After of 80ms", time.Since(start))
			}
			if tt.check != nil {
				tt.check(t, f, out)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestCacheHitCostsNoCall(t *testing.T) {
	f := newFake(t, step{status: 503}, step{content: "{}"}, step{content: answerJSON(awsDeal()), promptTok: 500, complTok: 50})
	o := testOptions(f)
	cache := &extract.MemCache{}
	o.Cache = cache
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	first := process(t, c, articleES())
	second := process(t, c, articleES())
	if f.calls() != 3 {
		t.Errorf("calls = %d, want 3 (the second run is cached)", f.calls())
	}
	if len(first.Result.Warnings) < 2 {
		t.Errorf("first run warnings = %+v, want the retry and the re-ask", first.Result.Warnings)
	}
	fw, _ := json.Marshal(first.Result)
	sw, _ := json.Marshal(second.Result)
	if string(fw) != string(sw) {
		t.Errorf("a cached re-run gives another result:\n%s\n%s", fw, sw)
	}
	if second.Usage.CacheHits != 1 || second.Usage.Calls != 0 || second.Usage.Tokens() != 0 {
		t.Errorf("cached usage = %+v, want 1 hit, no call, no tokens", second.Usage)
	}
	if cache.Len() != 1 {
		t.Errorf("cache has %d entries, want 1", cache.Len())
	}
	a, _ := json.Marshal(first.Result.Deals)
	b, _ := json.Marshal(second.Result.Deals)
	if string(a) != string(b) {
		t.Errorf("cached deals differ:\n%s\n%s", a, b)
	}
	// another model is another key
	o.Model = "other-model"
	c2, _ := New(o)
	process(t, c2, articleES())
	if f.calls() != 4 {
		t.Errorf("calls = %d, want 4 (another model misses the cache)", f.calls())
	}
	// a failed answer is not cached
	f2 := newFake(t, step{refusal: "no"})
	o2 := testOptions(f2)
	o2.Cache = &extract.MemCache{}
	c3, _ := New(o2)
	process(t, c3, articleES())
	if o2.Cache.(*extract.MemCache).Len() != 0 {
		t.Errorf("a refusal was cached")
	}
}

func TestNoKeyForLocalServer(t *testing.T) {
	f := newFake(t, step{content: answerJSON()})
	o := testOptions(f)
	o.APIKey = ""
	o.LegacyMaxTokens = true
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	out := process(t, c, articleES())
	if out.Result.Status != extract.StatusOK || len(out.Result.Deals) != 0 {
		t.Errorf("result = %+v, want ok with no deals", out.Result)
	}
	if h := f.heads[0].Get("Authorization"); h != "" {
		t.Errorf("Authorization = %q, want none", h)
	}
	if req := f.request(0); req["max_tokens"] != 4096.0 || req["max_completion_tokens"] != nil {
		t.Errorf("legacy budget: max_tokens=%v max_completion_tokens=%v", req["max_tokens"], req["max_completion_tokens"])
	}
}

// The key must not leak through any message, even when the server echoes
// it back in every kind of failure.
func TestKeyNeverInErrorsOrWarnings(t *testing.T) {
	echo := `{"error":{"message":"bad key ` + testKey + `","type":"server_error"}}`
	f := newFake(t, step{status: 503, body: echo}, step{status: 500, body: "Bearer " + testKey}, step{content: "not json " + testKey})
	o := testOptions(f)
	o.MaxRetries = 2
	o.MaxReasks = -1
	c, _ := New(o)
	_, err := c.Extract(context.Background(), articleES())
	if err == nil {
		t.Fatal("want an error")
	}
	if strings.Contains(err.Error(), testKey) {
		t.Errorf("error shows the key: %v", err)
	}
	var ee *extract.ExtractError
	if !errors.As(err, &ee) || ee.Usage.Calls != 3 || ee.Info.Backend != "openai" {
		t.Errorf("error = %#v, want an ExtractError with 3 calls", err)
	}
	f2 := newFake(t, step{status: 500, body: echo})
	o2 := testOptions(f2)
	o2.MaxRetries = 1
	c2, _ := New(o2)
	_, err = c2.Extract(context.Background(), articleES())
	if err == nil || strings.Contains(err.Error(), testKey) || !errors.Is(err, ErrTransport) {
		t.Errorf("error = %v, want a redacted transport error", err)
	}
}

func TestCanceled(t *testing.T) {
	f := newFake(t, step{delay: 5 * time.Second})
	o := testOptions(f)
	o.Timeout = 10 * time.Second
	c, _ := New(o)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Extract(ctx, articleES())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the context's deadline", err)
	}
	if f.calls() != 1 {
		t.Errorf("calls = %d, want 1 (no retry after the caller gave up)", f.calls())
	}
}

func TestNewConfigErrors(t *testing.T) {
	if _, err := New(Options{}); !errors.Is(err, ErrConfig) {
		t.Errorf("New without model: %v, want ErrConfig", err)
	}
	if _, err := New(Options{Model: "m", SchemaMode: "xml"}); !errors.Is(err, ErrConfig) {
		t.Errorf("New with bad schema mode: %v, want ErrConfig", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"3", 3 * time.Second}, {"0.5", 500 * time.Millisecond}, {"-1", 0}, {"soon", 0},
		{now.Add(10 * time.Second).Format(http.TimeFormat), 10 * time.Second},
		{now.Add(-10 * time.Second).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := parseRetryAfter(tt.in, now); got != tt.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestBackoffGrows(t *testing.T) {
	base, maxWait := 100*time.Millisecond, time.Second
	for attempt, want := range []time.Duration{100, 200, 400, 800, 1000, 1000} {
		want *= time.Millisecond
		for range 20 {
			got := backoff(base, maxWait, attempt, 0)
			if got < want/2 || got > want {
				t.Fatalf("backoff(attempt %d) = %v, want in [%v, %v]", attempt, got, want/2, want)
			}
		}
	}
	if got := backoff(base, maxWait, 0, 3*time.Second); got < 3*time.Second || got > 3*time.Second+base/4 {
		t.Errorf("backoff with Retry-After 3s = %v", got)
	}
}

// Azure OpenAI: deployment URL, api-version, api-key header.
func TestAzure(t *testing.T) {
	var got *http.Request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Clone(context.Background())
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"choices": []any{map[string]any{"index": 0, "finish_reason": "stop", "message": map[string]any{"role": "assistant", "content": `{"deals":[]}`}}},
			"usage":   map[string]any{"prompt_tokens": 1, "completion_tokens": 1},
		})
	}))
	defer srv.Close()
	c, err := New(Options{Model: "my-deployment", BaseURL: srv.URL, APIKey: testKey, Azure: true, HTTPClient: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Extract(context.Background(), articleES()); err != nil {
		t.Fatal(err)
	}
	if got.URL.Path != "/openai/deployments/my-deployment/chat/completions" || got.URL.Query().Get("api-version") != "2024-10-21" {
		t.Errorf("request to %s", got.URL)
	}
	if got.Header.Get("api-key") != testKey || got.Header.Get("Authorization") != "" {
		t.Errorf("headers: api-key %q, Authorization %q", got.Header.Get("api-key"), got.Header.Get("Authorization"))
	}
}

package llm

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The client's semaphore bounds requests in flight whatever the number
// of callers (STYLE §6: the limit is on the resource).
func TestConcurrencyBoundIsOnTheClient(t *testing.T) {
	var inFlight, peak atomic.Int32
	f := newFake(t, step{content: answerJSON(), delay: 100 * time.Millisecond})
	inner := f.Config.Handler
	f.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		inner.ServeHTTP(w, r)
		inFlight.Add(-1)
	})
	o := testOptions(f)
	o.Concurrency = 2
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, a := range benchArticles(10) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Extract(context.Background(), a); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if p := peak.Load(); p != 2 {
		t.Errorf("peak requests in flight = %d, want 2", p)
	}
	if f.calls() != 10 {
		t.Errorf("calls = %d, want 10", f.calls())
	}
}

func TestRequestsPerMinute(t *testing.T) {
	f := newFake(t, step{content: answerJSON()})
	o := testOptions(f)
	o.RPM = 1200 // one every 50ms
	o.Concurrency = 1
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for _, a := range benchArticles(4) {
		if _, err := c.Extract(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < 140*time.Millisecond {
		t.Errorf("4 requests at 1200 rpm took %v, want at least 150ms", el)
	}
}

// The tokens-per-minute limit charges what the answers really cost: with
// a budget of 6000 tokens a minute (100 a second, burst 6000) and answers
// of 5000 tokens, the second request waits for the first one's excess.
func TestTokensPerMinute(t *testing.T) {
	f := newFake(t, step{content: answerJSON(), promptTok: 5950, complTok: 50})
	o := testOptions(f)
	o.TPM = 6000
	o.MaxTokens = 400
	o.Concurrency = 1
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	arts := benchArticles(2)
	if _, err := c.Extract(context.Background(), arts[0]); err != nil {
		t.Fatal(err)
	}
	// the first request used 6000 of the 6000 burst: the next one waits
	// for its estimate (~2.5k tokens at 100/s), far more than a test's
	// patience, so give it a short deadline and expect the limiter to say so
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = c.Extract(ctx, arts[1])
	if err == nil {
		t.Fatalf("second request went through at once; the limiter did not charge the first one's tokens")
	}
	if f.calls() != 1 {
		t.Errorf("calls = %d, want 1", f.calls())
	}
}

// A runaway answer is not read past a few times what the token budget
// allows, and is not retried (issue 19).
func TestAnswerBodyCap(t *testing.T) {
	huge := `{"deals":[],"pad":"` + strings.Repeat("x", 4<<20) + `"}`
	f := newFake(t, step{content: huge})
	o := testOptions(f)
	o.MaxTokens, o.MaxTokensLimit = 1000, 1000
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Extract(context.Background(), articleES())
	var te *TransportError
	if !errors.As(err, &te) || te.Retryable || !strings.Contains(err.Error(), "over 89536 bytes") {
		t.Fatalf("err = %v, want a non-retryable body-too-large error", err)
	}
	if f.calls() != 1 {
		t.Errorf("calls = %d, want 1", f.calls())
	}
	// an answer within the cap is read
	f2 := newFake(t, step{content: answerJSON(awsDeal())})
	o2 := testOptions(f2)
	o2.MaxTokens, o2.MaxTokensLimit = 1000, 1000
	c2, _ := New(o2)
	if _, err := c2.Extract(context.Background(), articleES()); err != nil {
		t.Errorf("a normal answer under a small budget: %v", err)
	}
}

// A re-ask sends back only the start of a long bad answer.
func TestReaskQuotesTheStart(t *testing.T) {
	bad := `{"deals":[` + strings.Repeat(`{"kind":"x"},`, 5000) + `]}` // broken JSON, 65 KB
	f := newFake(t, step{content: bad}, step{content: answerJSON(awsDeal())})
	c, err := New(testOptions(f))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Extract(context.Background(), articleES()); err != nil {
		t.Fatal(err)
	}
	ms := f.messages(1)
	quoted := ms[len(ms)-2]
	if quoted[0] != "assistant" || len(quoted[1]) > maxQuotedAnswer+100 || !strings.HasPrefix(quoted[1], bad[:100]) || !strings.Contains(quoted[1], "bytes in all") {
		t.Errorf("re-ask quotes %d bytes (%q...), want the start only", len(quoted[1]), clip(quoted[1], 80))
	}
}

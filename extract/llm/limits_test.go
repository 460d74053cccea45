package llm

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The client's semaphore bounds requests in flight whatever the number
// of callers (STYLE §6: the limit is on the resource).
func TestConcurrencyBoundIsOnTheClient(t *testing.T) {
	var inFlight, peak atomic.Int32
	f := newFake(t, step{content: answerJSON(), delay: 30 * time.Millisecond})
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

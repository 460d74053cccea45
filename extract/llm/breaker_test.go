package llm

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// After BreakerFailures refused connections in a row the client stops
// calling: the next articles fail at once with ErrUnavailable.
func TestBreakerOpensOnRefusedConnections(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	c, err := New(Options{Model: "m", BaseURL: base, Backoff: time.Millisecond, MaxBackoff: time.Millisecond, BreakerFailures: 3})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Extract(context.Background(), articleES())
	if !errors.Is(err, extract.ErrUnavailable) || !errors.Is(err, ErrTransport) {
		t.Fatalf("first article: %v, want ErrUnavailable", err)
	}
	var ee *extract.ExtractError
	if !errors.As(err, &ee) || ee.Usage.Calls != 3 {
		t.Errorf("first article took %+v calls, want 3", ee)
	}
	start := time.Now()
	_, err = c.Extract(context.Background(), articleES())
	if !errors.Is(err, extract.ErrUnavailable) || !errors.As(err, &ee) || ee.Usage.Calls != 0 || time.Since(start) > 100*time.Millisecond {
		t.Errorf("second article: %v (%+v), want ErrUnavailable without a call", err, ee)
	}
}

// An answer, even an HTTP error, resets the count.
func TestBreakerResetsOnAnswer(t *testing.T) {
	b := &breaker{n: 2}
	b.failed("x")
	b.answered()
	if b.failed("y") || b.err() != nil {
		t.Errorf("breaker open after an answer between failures")
	}
	if !b.failed("z") || b.err() == nil {
		t.Errorf("breaker closed after 2 failures in a row")
	}
	var off *breaker
	if off.failed("x") || off.err() != nil || (&breaker{}).failed("x") {
		t.Errorf("a disabled breaker opened")
	}
}

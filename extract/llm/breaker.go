package llm

import (
	"fmt"
	"sync"

	"github.com/dealwatch/dealwatch/extract"
)

// DefaultBreakerFailures is how many requests in a row may fail at the
// transport level (connection refused, no answer within the timeout, a
// broken connection) before the client stops calling the server.
const DefaultBreakerFailures = 5

// breaker is the client's circuit breaker: it opens after n consecutive
// transport failures, across all articles, and then stays open for the
// life of the client (one run). Any answer from the server, even an
// HTTP error, closes the count.
type breaker struct {
	n int // 0: never opens

	mu    sync.Mutex
	fails int
	last  string // the last failure, for the message
	open  bool
}

// failed records one transport failure; it reports whether the breaker
// is now open.
func (b *breaker) failed(msg string) bool {
	if b == nil || b.n <= 0 {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.fails++
	b.last = msg
	if b.fails >= b.n {
		b.open = true
	}
	return b.open
}

// answered records that the server answered.
func (b *breaker) answered() {
	if b == nil || b.n <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		b.fails = 0
	}
}

// err returns the breaker's error when it is open, else nil.
func (b *breaker) err() error {
	if b == nil || b.n <= 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.open {
		return nil
	}
	return &UnavailableError{Failures: b.fails, Last: b.last}
}

// UnavailableError is returned for every article once the circuit
// breaker is open: the server failed Failures requests in a row at the
// transport level, and the client no longer calls it.
type UnavailableError struct {
	Failures int
	Last     string // the last failure (key redacted)
}

func (e *UnavailableError) Error() string {
	return fmt.Sprintf("the LLM server failed %d requests in a row (last: %s); stopped calling it", e.Failures, e.Last)
}

// Unwrap returns ErrTransport and extract.ErrUnavailable.
func (e *UnavailableError) Unwrap() []error {
	return []error{ErrTransport, extract.ErrUnavailable}
}

// transportFailure reports whether a classified failure means the server
// could not be reached or did not answer (as opposed to an HTTP error).
func transportFailure(f failure) bool {
	if f.status != 0 {
		return false
	}
	switch f.cause {
	case "timeout", "reset", "network":
		return true
	}
	return false
}

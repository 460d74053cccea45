package llm

import (
	"errors"
	"fmt"
	"strings"
)

// Errors an Extract can fail with; the typed errors below unwrap to them.
var (
	// ErrInvalidAnswer means the model's answer was not valid JSON, broke
	// the schema or failed the semantic checks, after every re-ask.
	ErrInvalidAnswer = errors.New("invalid answer")
	// ErrRefused means the model refused to answer (a refusal message or
	// a content filter).
	ErrRefused = errors.New("model refused")
	// ErrTruncated means the answer was cut at the token budget even
	// after raising it and splitting the article.
	ErrTruncated = errors.New("answer truncated")
	// ErrTransport means the request could not be completed: HTTP errors,
	// timeouts or broken connections, after every retry.
	ErrTransport = errors.New("request failed")
	// ErrNoCassette means the replay backend has no recorded answer for
	// an article (or no more answers for a repeated request).
	ErrNoCassette = errors.New("no recorded answer")
	// ErrTooLong means the server refused the request because the
	// prompt does not fit the model's context; the article is split.
	ErrTooLong = errors.New("prompt longer than the model's context")
	// ErrConfig is a bad configuration (no model, bad schema mode).
	ErrConfig = errors.New("bad configuration")
)

// TransportError is a request that failed after its retries.
type TransportError struct {
	Status   int    // HTTP status, 0 for timeouts and network errors
	Attempts int    // requests sent
	Msg      string // what the server or the network said (key redacted)
	// Retryable reports whether the last failure was of a kind that is
	// retried (429, 5xx, timeouts, resets); false for 4xx such as 401.
	Retryable bool
	// TooLong is set when the server said the prompt exceeds the model's
	// context.
	TooLong bool
}

func (e *TransportError) Error() string {
	what := "error"
	if e.Status != 0 {
		what = fmt.Sprintf("HTTP %d", e.Status)
	}
	tries := ""
	if e.Attempts > 1 {
		tries = fmt.Sprintf(" after %d attempts", e.Attempts)
	}
	return fmt.Sprintf("LLM request failed%s: %s: %s", tries, what, e.Msg)
}

// Unwrap returns ErrTransport, and ErrTooLong when TooLong is set.
func (e *TransportError) Unwrap() []error {
	if e.TooLong {
		return []error{ErrTransport, ErrTooLong}
	}
	return []error{ErrTransport}
}

// FailedAnswerError is an article whose answer stayed unusable: invalid
// after every re-ask, refused, or truncated. Raw is the last answer the
// model gave (for debugging); the message shows its beginning.
type FailedAnswerError struct {
	Attempts int    // answers received for the article
	Raw      string // the last raw answer
	Err      error  // *AnswerError, ErrRefused or ErrTruncated
}

const rawInMessage = 600

func (e *FailedAnswerError) Error() string {
	var b strings.Builder
	switch {
	case errors.Is(e.Err, ErrInvalidAnswer):
		fmt.Fprintf(&b, "the model's answer is invalid after %d attempts: %v", e.Attempts, e.Err)
	default:
		fmt.Fprintf(&b, "%v", e.Err)
	}
	if strings.TrimSpace(e.Raw) != "" {
		fmt.Fprintf(&b, "; last answer (%d bytes): %s", len(e.Raw), clip(e.Raw, rawInMessage))
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *FailedAnswerError) Unwrap() error { return e.Err }

// refusalError is a refusal with the model's words.
type refusalError struct{ msg string }

func (e refusalError) Error() string { return "the model refused: " + e.msg }
func (e refusalError) Unwrap() error { return ErrRefused }

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// redactor removes a secret from text.
type redactor struct{ secret string }

func (r redactor) string(s string) string {
	if len(r.secret) < 4 {
		return s
	}
	return strings.ReplaceAll(s, r.secret, "[redacted]")
}

// redactedError is an error whose message had the secret removed. It
// keeps the cause for errors.Is and errors.As, whose own messages are not
// printed by the pipeline (it prints Error()).
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func (r redactor) error(err error) error {
	if err == nil {
		return nil
	}
	m := err.Error()
	if rm := r.string(m); rm != m {
		return &redactedError{msg: rm, err: sentinelOf(err)}
	}
	return err
}

// sentinelOf returns the package sentinel err wraps, so a redacted error
// still answers errors.Is without carrying the unredacted cause.
func sentinelOf(err error) error {
	for _, s := range []error{ErrInvalidAnswer, ErrRefused, ErrTruncated, ErrTooLong, ErrTransport, ErrNoCassette} {
		if errors.Is(err, s) {
			return s
		}
	}
	return nil
}

// retryNote describes the transport retries behind an answer, for the
// llm_retry warning.
type retryNote struct {
	count  int
	causes map[string]int
}

func (n *retryNote) add(cause string) {
	if n.causes == nil {
		n.causes = map[string]int{}
	}
	n.count++
	n.causes[cause]++
}

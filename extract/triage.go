package extract

import (
	"context"
	"sync/atomic"
)

// WarnTriaged marks a result the model was not asked for: the triage
// found no money or capacity figure and no deal cue that could make a
// deal, so the article is stored with no deals. A later run with
// --force or --triage=off sends it.
const WarnTriaged = "triaged"

// TriageFunc decides whether an article may state a deal (send) and
// says why (reason, for the result's note).
type TriageFunc func(a Article) (send bool, reason string)

// Triage is an Extractor that asks Next only for the articles that may
// state a deal: the others get no deals and a WarnTriaged note, and
// cost no call. It is safe for concurrent use when Next is.
type Triage struct {
	Next  Extractor
	Check TriageFunc
	// Cached, when set, reports whether Next has the article's answer
	// already (an LLM cache hit costs nothing, and is a better answer
	// than the triage's): such articles go to Next whatever the triage.
	Cached func(a Article) bool

	skipped atomic.Int64
}

var _ Extractor = (*Triage)(nil)

// Extract implements Extractor.
func (t *Triage) Extract(ctx context.Context, a Article) (Extraction, error) {
	if t.Check == nil || (t.Cached != nil && t.Cached(a)) {
		return t.Next.Extract(ctx, a)
	}
	send, reason := t.Check(a)
	if send {
		return t.Next.Extract(ctx, a)
	}
	if err := ctx.Err(); err != nil {
		return Extraction{}, &ExtractError{Info: t.Info(), Err: err}
	}
	t.skipped.Add(1)
	return Extraction{
		Info:     t.Info(),
		Warnings: []Warning{{Code: WarnTriaged, Message: "not sent to the model: " + reason + " (--triage=off or --force with another setting sends it)"}},
		Usage:    Usage{Triaged: 1},
	}, nil
}

// Info returns Next's ExtractorInfo, when Next says what it is.
func (t *Triage) Info() ExtractorInfo {
	if i, ok := t.Next.(interface{ Info() ExtractorInfo }); ok {
		return i.Info()
	}
	return ExtractorInfo{Backend: "none"}
}

// Skipped returns how many articles the triage kept from Next.
func (t *Triage) Skipped() int { return int(t.skipped.Load()) }

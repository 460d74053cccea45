package reconcile

import (
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// DefaultGap is Options.Gap when it is zero: about six months.
const DefaultGap = 183 * 24 * time.Hour

// Options changes how Reconcile reads the results. The zero value (and a
// nil *Options) knows no joint venture, no reviewer decision, and splits
// deals in time with DefaultGap.
type Options struct {
	// Ventures are the joint ventures known, with their members: a side
	// of a deal that names the venture, or two or more of its members,
	// is the venture's. Nil: none.
	Ventures []extract.Venture

	// Decisions are reviewers' decisions by deal id (the id Reconcile
	// gives the deal). Nil: none.
	Decisions map[string]Decision

	// Gap is how far apart in time two figures of the same parties may
	// be, with no revision cue and no figure in common, and still be one
	// deal. Zero means DefaultGap; negative means never split a deal in
	// time.
	Gap time.Duration
}

// Decision is what a reviewer decided about one reconciled deal.
//
// A decision holds only while the deal shows what the reviewer saw: a
// dismissal lists the articles of the conflicts it dismisses (Seen), and
// a conflict that a new article joins needs review again.
type Decision struct {
	// Chosen, when not nil, is the figure the reviewer says is right. It
	// becomes the deal's current figure (reason resolved_by_reviewer),
	// with the article of the latest view that states it (Article, when
	// set, picks the view), and the deal's amount and period conflicts
	// are marked resolved.
	Chosen  *extract.Money
	Article string

	// Dismissed lists the fields whose conflicts are not real
	// disagreements: they stay in the deal, marked dismissed, and do not
	// make it need review.
	Dismissed []extract.ConflictField

	// Seen lists the articles the reviewer saw in the deal's conflicts.
	// When it is not empty, a conflict naming an article not in it is
	// not covered by the decision. Empty: the decision covers whatever
	// the conflicts say.
	Seen []string
}

// gap returns the effective Gap in days, or -1 for never.
func (o *Options) gapDays() int {
	switch {
	case o.Gap < 0:
		return -1
	case o.Gap == 0:
		return int(DefaultGap / (24 * time.Hour))
	}
	return int(o.Gap / (24 * time.Hour))
}

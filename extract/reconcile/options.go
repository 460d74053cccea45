package reconcile

import (
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// DefaultGap is Options.Gap when it is zero: about six months.
const DefaultGap = 183 * 24 * time.Hour

// Options changes how Reconcile reads the results. The zero value (and a
// nil *Options) knows no joint venture and splits
// deals in time with DefaultGap.
type Options struct {
	// Ventures are the joint ventures known, with their members: a side
	// of a deal that names the venture, or two or more of its members,
	// is the venture's. Nil: none.
	Ventures []extract.Venture

	// Gap is how far apart in time two figures of the same parties may
	// be, with no revision cue and no figure in common, and still be one
	// deal. Zero means DefaultGap; negative means never split a deal in
	// time.
	Gap time.Duration
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

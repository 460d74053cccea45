package extract

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// Relation says how one article's view of a deal relates to what was
// known of the deal before it (the views of the articles published
// earlier). It is the schema's history[].relation.
type Relation string

// The relations of reconciled-deal.schema.json.
const (
	// RelFirst is the oldest view of the deal.
	RelFirst Relation = "first"
	// RelSame states the current figure again (equal within rounding:
	// $38B = 38 miliardi = 38.000 millones).
	RelSame Relation = "same"
	// RelRevisedUp and RelRevisedDown replace the current figure, and the
	// article says so: it states a previous amount equal to the current
	// figure ("sale da 38 a oltre 138 miliardi"), or the deal is expanded.
	RelRevisedUp   Relation = "revised_up"
	RelRevisedDown Relation = "revised_down"
	// RelRestated states the deal again in other terms: the same figure
	// with another qualifier ("over $38B"), a status that moved on
	// (announced, then agreed), or a figure that an earlier revision had
	// already replaced ("the original $38B deal"). The last kind never
	// moves the current figure.
	RelRestated Relation = "restated"
	// RelConflict disagrees with the current figure or status without a
	// stated revision; the deal's Conflicts say on what and why.
	RelConflict Relation = "conflict"
	// RelAdditionalDetail adds to the deal without contradicting it:
	// tranches that sum to the total, capacity, a term, a per-year figure
	// consistent with the total, a first figure for a deal known before
	// only by its capacity.
	RelAdditionalDetail Relation = "additional_detail"
	// RelIncrement adds to the deal: the article states an increment
	// ("expanded by $20 billion"), with or without the new total, or
	// repeats an increment an earlier article added. It is never a rival
	// total.
	RelIncrement Relation = "increment"
	// RelConfirmed states a figure that earlier articles only reported
	// (per media or unnamed sources), and a party now states it: the
	// same figure, or one the earlier qualifiers allow ("up to $8B",
	// then "$8B").
	RelConfirmed Relation = "confirmed"
	// RelSuperseded replaces an earlier target or rumour with a firmer
	// figure: "aims to raise $5B", then "closed a $5.5B round"; "$10B,
	// per sources", then "$8B", announced by the companies. The earlier
	// figure is superseded, not contradicted.
	RelSuperseded Relation = "superseded"
	// RelRevised moves the deal's status on where it would otherwise
	// contradict it, because the article itself states the reversal: a
	// board that "rejected the offer, two months after giving its
	// preliminary approval", "da marcha atrás", "ci ha ripensato".
	RelRevised Relation = "revised"
)

// Relations lists every Relation in schema order.
var Relations = []Relation{RelFirst, RelSame, RelRevisedUp, RelRevisedDown, RelRestated, RelConflict, RelAdditionalDetail, RelIncrement, RelConfirmed, RelSuperseded, RelRevised}

// CurrentReason says why a deal's current figure is the one it is.
type CurrentReason string

// The reasons of reconciled-deal.schema.json's current.reason.
const (
	// ReasonOnlySource: one article states the deal.
	ReasonOnlySource CurrentReason = "only_source"
	// ReasonLatest: the latest article that states the figure (later
	// ones repeat it or add detail).
	ReasonLatest CurrentReason = "latest"
	// ReasonLatestConfirmed: the latest figure a party states, which
	// replaces or confirms figures that were only reported or targeted.
	ReasonLatestConfirmed CurrentReason = "latest_confirmed"
	// ReasonStatedRevision: the article states a revision (a previous
	// amount, an expansion, an increment or a new total).
	ReasonStatedRevision CurrentReason = "stated_revision"
	// ReasonFirst: the first article's figure; later articles add no
	// figure that replaces it.
	ReasonFirst CurrentReason = "first"
	// ReasonDisputed: later articles state figures that conflict with
	// it; it stays until a person decides.
	ReasonDisputed CurrentReason = "disputed"
	// ReasonResolvedByReviewer: a reviewer chose this figure.
	ReasonResolvedByReviewer CurrentReason = "resolved_by_reviewer"
)

// CurrentReasons lists every CurrentReason in schema order.
var CurrentReasons = []CurrentReason{ReasonOnlySource, ReasonLatest, ReasonLatestConfirmed, ReasonStatedRevision, ReasonFirst, ReasonDisputed, ReasonResolvedByReviewer}

// Resolution is what a reviewer decided about a Conflict.
type Resolution string

// The resolutions of the schema. A conflict with no decision has "".
const (
	ResolutionNone      Resolution = ""
	ResolutionDismissed Resolution = "dismissed" // not a real disagreement: it needs no review
	ResolutionResolved  Resolution = "resolved"  // a reviewer chose the current figure
)

// Review says whether a person must look at a reconciled deal.
type Review string

// The review values of the schema.
const (
	ReviewNone   Review = "none"
	ReviewNeeded Review = "needed" // the deal has a Conflict no reviewer resolved or dismissed
)

// ConflictField names what two views of a deal disagree on.
type ConflictField string

// The conflict fields of the schema.
const (
	FieldAmount    ConflictField = "amount"
	FieldStatus    ConflictField = "status"
	FieldPeriod    ConflictField = "period"
	FieldParties   ConflictField = "parties"
	FieldTermYears ConflictField = "term_years"
	FieldCapacity  ConflictField = "capacity"
)

// ConflictCause is the likely cause of a Conflict, for programs; the
// Conflict's Note says the same in words.
type ConflictCause string

// The causes Reconcile recognises.
const (
	CauseDigit       ConflictCause = "digit"             // a digit inserted, dropped or transposed, or a factor of 10: 38 vs 138, no revision stated
	CauseScale       ConflictCause = "scale"             // 10^3 or 10^6 apart: billion vs trillion, mil millones vs billones
	CauseCurrency    ConflictCause = "currency"          // the figures are in different currencies
	CauseTranche     ConflictCause = "tranche_as_total"  // one article reports a tranche of the other's total as the total
	CausePerYear     ConflictCause = "per_year_vs_total" // a per-year figure against a total that the term does not explain
	CauseRevision    ConflictCause = "revision_mismatch" // two articles revise the same figure to different values
	CauseUnexplained ConflictCause = "unexplained"       // different figures and no revision stated
	CauseStatus      ConflictCause = "status"            // contradictory statuses: announced vs rejected
	CauseRoles       ConflictCause = "roles"             // a party in opposite roles: investor vs investee
	CauseTerm        ConflictCause = "term"              // different terms in years, no revision stated
	CauseCapacity    ConflictCause = "capacity"          // different capacity for the same unit and purpose
)

// ConflictCauses lists every ConflictCause in schema order.
var ConflictCauses = []ConflictCause{CauseDigit, CauseScale, CauseCurrency, CauseTranche, CausePerYear, CauseRevision, CauseUnexplained, CauseStatus, CauseRoles, CauseTerm, CauseCapacity}

// ReconciledDeal is one real-world deal as seen across all articles: its
// current figure, how it got there, and what disagrees. It marshals to
// exactly reconciled-deal.schema.json; the fields tagged json:"-" are for
// programs in this process (dealwatch history) and are not stored.
type ReconciledDeal struct {
	// ID is stable and readable: the canonical party names, lowercased,
	// sorted and joined by "+", then "/" and the kind:
	// "amazon+openai/compute_contract".
	ID        string         `json:"id"`
	Kind      Kind           `json:"kind"`
	Parties   []string       `json:"parties"` // canonical names, sorted
	Current   Current        `json:"current"`
	History   []HistoryEntry `json:"history"` // oldest first
	Conflicts []Conflict     `json:"conflicts"`
	Review    Review         `json:"review"`
}

// Current is a deal's current figure: the latest figure no other view
// contradicts, with the article that states it and that article's date.
// Amount is nil when no article gives the deal a figure.
type Current struct {
	Amount *Money     `json:"amount"`
	Status DealStatus `json:"status"`
	// Confirmation is how sure the article behind the current figure is
	// of it.
	Confirmation Confirmation `json:"confirmation"`
	AsOf         *string      `json:"as_of"`
	Article      string       `json:"article"`
	// Source is where Article was read from (its path or URL).
	Source string `json:"source"`
	// Reason says why this figure is current.
	Reason CurrentReason `json:"reason"`
}

// HistoryEntry is one article's view of a deal. An article that states
// two different figures for the same deal gives two entries, in the order
// of its text.
type HistoryEntry struct {
	Article      string       `json:"article"`
	AsOf         *string      `json:"as_of"` // the article's publication date, nil when unknown
	Amount       *Money       `json:"amount"`
	Status       DealStatus   `json:"status"`
	Confirmation Confirmation `json:"confirmation"`
	Relation     Relation     `json:"relation"`

	// Source is where the article was read from.
	Source string `json:"-"`
	// Note explains the relation in words ("previous amount 38B stated").
	Note string `json:"-"`
	// Evidence holds the sentences of the article that state this view,
	// in text order.
	Evidence []Span `json:"-"`
	// Previous is the amount the article says this one replaces.
	Previous  *Money     `json:"-"`
	Tranches  []Tranche  `json:"-"`
	Capacity  []Capacity `json:"-"`
	Hardware  []string   `json:"-"`
	TermYears *float64   `json:"-"`
}

// Conflict is a disagreement between views of a deal that Reconcile does
// not resolve: one per field of a deal, listing every disagreeing value.
// Values[i] is what Articles[i] states (Values[0] is the figure the
// others disagree with): Money for amount and period, a status string, a
// number of years, a Capacity, or "Party: role" for parties.
type Conflict struct {
	Field    ConflictField `json:"field"`
	Values   []any         `json:"values"`
	Articles []string      `json:"articles"`
	Note     string        `json:"note"`
	// Cause is the likely cause, as a code: that of the first
	// disagreement when several values disagree.
	Cause ConflictCause `json:"cause"`
	// Resolution is a reviewer's decision about the conflict; "" when
	// there is none.
	Resolution Resolution `json:"resolution"`
}

// Venture is a joint venture and its members, by canonical name: the
// "Helios" venture of three companies, reported sometimes as Helios and
// sometimes as its members. Reconciliation treats a deal whose payer (or
// payee) side names the venture, or two or more of its members, as a
// deal of the venture.
type Venture struct {
	Name    string   `json:"name"`
	Members []string `json:"members"`
}

// Sources returns the number of distinct articles in the deal's history.
func (d ReconciledDeal) Sources() int {
	seen := make(map[string]bool, len(d.History))
	for _, h := range d.History {
		seen[h.Article] = true
	}
	return len(seen)
}

// MarshalJSON writes nil slices as [] so the output always matches the
// schema.
func (d ReconciledDeal) MarshalJSON() ([]byte, error) {
	type plain ReconciledDeal
	if d.Parties == nil {
		d.Parties = []string{}
	}
	if d.History == nil {
		d.History = []HistoryEntry{}
	}
	if d.Conflicts == nil {
		d.Conflicts = []Conflict{}
	}
	return json.Marshal(plain(d))
}

// MarshalJSON writes nil slices as [].
func (c Conflict) MarshalJSON() ([]byte, error) {
	type plain Conflict
	if c.Values == nil {
		c.Values = []any{}
	}
	if c.Articles == nil {
		c.Articles = []string{}
	}
	return json.Marshal(plain(c))
}

// UnverifiedFact is a deal stated by an article that Reconcile does not
// count: its figures or parties were not grounded in the text, or it
// names no party. Reviewers see these apart from the reconciled deals.
type UnverifiedFact struct {
	DealID  string  // the id the deal would have; "" when it names no party
	Article string  // article id
	AsOf    *string // the article's publication date
	Source  string
	Deal    Deal
	Reason  string // why it does not count, e.g. "ungrounded_amount: ..."
}

// ChangeKind is what happened to a reconciled deal between two runs.
type ChangeKind string

// The changes CompareReconciled reports, in the order it reports them
// for one deal.
const (
	ChangeAdded         ChangeKind = "added"          // a deal no earlier article stated
	ChangeRemoved       ChangeKind = "removed"        // no article states the deal any more
	ChangeConflicted    ChangeKind = "conflicted"     // review went from none to needed
	ChangeNewConflict   ChangeKind = "new_conflict"   // still needs review, with more conflicts
	ChangeResolved      ChangeKind = "resolved"       // review went from needed to none
	ChangeCurrentMoved  ChangeKind = "current_moved"  // the current figure changed
	ChangeStatusChanged ChangeKind = "status_changed" // the current status changed
)

// DealChange is one change to a reconciled deal between two runs, for
// dealwatch diff. Before and After describe the deal's current figure in
// words ("over $138B, expanded, as of 2026-02-27"); Note says more (the
// new conflicts).
type DealChange struct {
	Deal   string     `json:"deal"`
	Change ChangeKind `json:"change"`
	Before string     `json:"before"`
	After  string     `json:"after"`
	Note   string     `json:"note"`
}

// DescribeCurrent says a current figure in words: "over $138B, expanded,
// as of 2026-02-27".
func DescribeCurrent(c Current) string {
	parts := []string{FormatMoney(c.Amount)}
	if c.Status != "" {
		parts = append(parts, string(c.Status))
	}
	if c.AsOf != nil {
		parts = append(parts, "as of "+*c.AsOf)
	} else {
		parts = append(parts, "undated")
	}
	return strings.Join(parts, ", ")
}

// FormatMoney writes an amount for people, the one money format of
// dealwatch's human output: "$38B", "€1.2B", "$1.4T", "over $138B",
// "up to $50B", "at least $1B", "about $10B", "$10B–15B", "$30B/yr",
// "2B CHF". The value is exact (38.5B, never 38.499999B). A nil amount is
// "no figure".
func FormatMoney(m *Money) string {
	if m == nil {
		return "no figure"
	}
	sym, suffix := "", ""
	switch m.Currency {
	case "USD":
		sym = "$"
	case "EUR":
		sym = "€"
	case "GBP":
		sym = "£"
	case "JPY":
		sym = "¥"
	case "":
	default:
		suffix = " " + m.Currency
	}
	var b strings.Builder
	switch m.Qualifier {
	case figures.Over:
		b.WriteString("over ")
	case figures.UpTo:
		b.WriteString("up to ")
	case figures.About:
		b.WriteString("about ")
	case figures.AtLeast:
		b.WriteString("at least ")
	}
	b.WriteString(sym)
	b.WriteString(ShortNumber(m.Value))
	if m.Max != nil && m.Max.Cmp(m.Value) != 0 {
		b.WriteString("–")
		b.WriteString(ShortNumber(*m.Max))
	}
	if m.Period == figures.PerYear {
		b.WriteString("/yr")
	}
	b.WriteString(suffix)
	return b.String()
}

// ShortNumber writes d with a T, B, M or K suffix when it is that large:
// 38000000000 → 38B, 1200000000 → 1.2B. The value stays exact.
func ShortNumber(d figures.Decimal) string {
	d = d.Norm()
	mag := len(figures.Decimal{Coef: abs64(d.Coef)}.String()) + d.Exp // digits before the point
	for _, u := range []struct {
		exp int
		s   string
	}{{12, "T"}, {9, "B"}, {6, "M"}, {3, "K"}} {
		if mag > u.exp {
			return figures.Decimal{Coef: d.Coef, Exp: d.Exp - u.exp}.String() + u.s
		}
	}
	return d.String()
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// FormatCapacity writes a capacity for people: "2 GW (training)".
func FormatCapacity(c Capacity) string {
	s := c.Value.String() + " " + c.Unit
	if c.Purpose != nil && *c.Purpose != "" {
		s += " (" + *c.Purpose + ")"
	}
	return s
}

// SortUnverified sorts unverified facts in their one order: by deal id,
// date, article, position in the text, then reason.
func SortUnverified(out []UnverifiedFact) {
	slices.SortStableFunc(out, func(a, b UnverifiedFact) int {
		if a.DealID != b.DealID {
			return strings.Compare(a.DealID, b.DealID)
		}
		if pa, pb := derefString(a.AsOf), derefString(b.AsOf); pa != pb {
			return strings.Compare(pa, pb)
		}
		if a.Article != b.Article {
			return strings.Compare(a.Article, b.Article)
		}
		if a.Deal.Evidence.Start != b.Deal.Evidence.Start {
			return a.Deal.Evidence.Start - b.Deal.Evidence.Start
		}
		return strings.Compare(a.Reason, b.Reason)
	})
}

func derefString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

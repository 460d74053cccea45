package extract

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
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
)

// Review says whether a person must look at a reconciled deal.
type Review string

// The review values of the schema.
const (
	ReviewNone   Review = "none"
	ReviewNeeded Review = "needed" // the deal has at least one Conflict
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
// not resolve. Values[i] is what Articles[i] states: Money for amount and
// period, a status string, a number of years, a Capacity, or
// "Party: role" for parties.
type Conflict struct {
	Field    ConflictField `json:"field"`
	Values   []any         `json:"values"`
	Articles []string      `json:"articles"`
	Note     string        `json:"note"`
	// Cause is the likely cause, as a code.
	Cause ConflictCause `json:"cause"`
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

// Reconcile groups the grounded deals of results into real-world deals
// and returns them sorted by ID. It is a pure function: the same results
// in any order give the same deals.
//
// # Identity
//
// A deal is identified by its canonical party names (Party.Name, which
// backends already map from aliases: AWS → Amazon) and its kind. A
// capacity-only fact and an amount fact for the same parties and kind are
// one deal. Only results with status ok count, and only their deals with
// Grounded true; see Unverified for the others.
//
// # Timeline
//
// Each article's view of a deal (its facts for the deal merged: repeats
// of a figure, the previous amount, the tranches and capacity it states)
// is placed by the article's publication date, then by article id; an
// undated article comes first, and "2025" before "2025-11" before
// "2025-11-03". Each view is related to what the views before it
// established (see Relation), and a view that conflicts is recorded in
// Conflicts with its field and likely cause and does not move the current
// figure. Figures are compared exactly, within 0.5% for rounding.
//
// # Status
//
// A later rejection of an announced, agreed, completed or expanded deal,
// a deal described as only offered after it was announced, and any other
// status after a rejection are status conflicts. An offer that is later
// rejected, or a report that is later confirmed, is not: the status
// moves on. A vaguer status after a firmer one (reported after agreed)
// does not change the current status.
func Reconcile(results []ArticleResult) []ReconciledDeal {
	n := 0
	for ri := range results {
		n += len(results[ri].Deals)
	}
	facts := make([]rfact, 0, n)
	ix := newIdentifier()
	for ri := range results {
		r := &results[ri]
		if r.Status != StatusOK {
			continue
		}
		pub := normDate(r.Article.Published)
		for di := range r.Deals {
			d := &r.Deals[di]
			if !d.Grounded {
				continue
			}
			id, names, roles, ok := ix.identify(d)
			if !ok {
				continue
			}
			facts = append(facts, rfact{
				id: id, names: names, roles: roles, article: r.Article.ID, pub: pub,
				source: r.Article.Source, d: d,
			})
		}
	}
	slices.SortFunc(facts, cmpFacts)
	out := make([]ReconciledDeal, 0)
	for i := 0; i < len(facts); {
		j := i + 1
		for j < len(facts) && facts[j].id == facts[i].id {
			j++
		}
		d := reconcileDeal(facts[i:j])
		d.Parties = ix.ids[d.ID].names
		out = append(out, d)
		i = j
	}
	return out
}

// Unverified returns the deals of results that Reconcile does not count:
// those not grounded and those that name no party, sorted by deal id,
// date, article and position in the text.
func Unverified(results []ArticleResult) []UnverifiedFact {
	var out []UnverifiedFact
	ix := newIdentifier()
	for ri := range results {
		r := &results[ri]
		if r.Status != StatusOK {
			continue
		}
		pub := normDate(r.Article.Published)
		for di := range r.Deals {
			d := r.Deals[di]
			id, _, _, named := ix.identify(&d)
			if d.Grounded && named {
				continue
			}
			reason := "names no party"
			if !d.Grounded {
				reason = ungroundedReason(r.Warnings, di)
			}
			out = append(out, UnverifiedFact{
				DealID: id, Article: r.Article.ID, AsOf: StrPtr(pub),
				Source: r.Article.Source, Deal: d, Reason: reason,
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.DealID != b.DealID {
			return a.DealID < b.DealID
		}
		if pa, pb := deref(a.AsOf), deref(b.AsOf); pa != pb {
			return pa < pb
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.Deal.Evidence.Start != b.Deal.Evidence.Start {
			return a.Deal.Evidence.Start < b.Deal.Evidence.Start
		}
		return a.Reason < b.Reason
	})
	return out
}

// ungroundedReason joins the warnings about deal index di.
func ungroundedReason(ws []Warning, di int) string {
	var parts []string
	for _, w := range ws {
		if w.Deal != nil && *w.Deal == di {
			parts = append(parts, w.Code+": "+w.Message)
		}
	}
	if len(parts) == 0 {
		return "not grounded in the text"
	}
	return strings.Join(parts, "; ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// rfact is one grounded deal of one article, with its identity.
type rfact struct {
	id      string
	names   []string // canonical display names, sorted
	roles   []roleOf
	article string
	pub     string // normalized publication date, "" when unknown
	source  string
	d       *Deal
}

// identifier computes deal identities, remembering canonical names and
// ids so that 100,000 facts about a few thousand deals allocate little.
type identifier struct {
	names map[string]canonName
	// ids interns deal ids and their display names.
	ids map[string]identity
	// roles is an arena for the facts' roles.
	roles []roleOf
	buf   []byte
}

type canonName struct{ display, key string }

type identity struct {
	id    string
	names []string
}

func newIdentifier() *identifier {
	return &identifier{names: make(map[string]canonName), ids: make(map[string]identity)}
}

// name returns a party name with white space collapsed, and its key
// (lowercased).
func (ix *identifier) name(raw string) canonName {
	if c, ok := ix.names[raw]; ok {
		return c
	}
	disp := strings.Join(strings.Fields(raw), " ")
	c := canonName{display: disp, key: strings.ToLower(disp)}
	ix.names[raw] = c
	return c
}

// identify returns the deal id, the sorted canonical party names, each
// named party's role (sorted by name), and false when the deal names no
// party. The names and roles must not be modified.
func (ix *identifier) identify(d *Deal) (string, []string, []roleOf, bool) {
	if len(ix.roles)+len(d.Parties) > cap(ix.roles) {
		ix.roles = make([]roleOf, 0, max(1024, 2*len(d.Parties)))
	}
	base := len(ix.roles)
	for _, p := range d.Parties {
		c := ix.name(p.Name)
		if c.key == "" {
			continue
		}
		dup := false
		for i := base; i < len(ix.roles); i++ {
			if r := &ix.roles[i]; r.key == c.key {
				dup = true
				if c.display < r.name {
					r.name = c.display
				}
				if r.role == "" {
					r.role = p.Role
				}
			}
		}
		if !dup {
			ix.roles = append(ix.roles, roleOf{key: c.key, name: c.display, role: p.Role})
		}
	}
	roles := ix.roles[base:len(ix.roles):len(ix.roles)]
	if len(roles) == 0 {
		return "", nil, nil, false
	}
	kind := d.Kind
	if kind == "" {
		kind = KindOther
	}
	slices.SortFunc(roles, func(a, b roleOf) int { return strings.Compare(a.key, b.key) })
	b := ix.buf[:0]
	for i, r := range roles {
		if i > 0 {
			b = append(b, '+')
		}
		for j := 0; j < len(r.key); j++ {
			if c := r.key[j]; c == ' ' {
				b = append(b, '-')
			} else {
				b = append(b, c)
			}
		}
	}
	b = append(b, '/')
	b = append(b, kind...)
	ix.buf = b
	if idt, ok := ix.ids[string(b)]; ok {
		// Of the spellings of one name ("OpenAI", "Openai"), keep the
		// least, whatever the input order.
		for i, r := range roles {
			if r.name < idt.names[i] {
				idt.names = slices.Clone(idt.names)
				idt.names[i] = r.name
				ix.ids[idt.id] = idt
			}
		}
		return idt.id, idt.names, roles, true
	}
	idt := identity{id: string(b), names: make([]string, len(roles))}
	for i, r := range roles {
		idt.names[i] = r.name
	}
	ix.ids[idt.id] = idt
	return idt.id, idt.names, roles, true
}

// normDate returns p when it is "YYYY", "YYYY-MM" or "YYYY-MM-DD", else "".
// These strings order correctly as strings: a less precise date sorts
// first within its period.
func normDate(p *string) string {
	if p == nil {
		return ""
	}
	s := *p
	switch len(s) {
	case 4, 7, 10:
	default:
		return ""
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return ""
			}
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	return s
}

package extract

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract/figures"
)

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

// CompareReconciled returns what changed from before to after (each the
// output of Reconcile for one run), sorted by deal id, then in the order
// of the ChangeKind constants. A deal whose current figure is only
// confirmed by a newer article does not change.
func CompareReconciled(before, after []ReconciledDeal) []DealChange {
	old := make(map[string]*ReconciledDeal, len(before))
	for i := range before {
		old[before[i].ID] = &before[i]
	}
	cur := make(map[string]*ReconciledDeal, len(after))
	for i := range after {
		cur[after[i].ID] = &after[i]
	}
	var out []DealChange
	for i := range after {
		a := &after[i]
		b, ok := old[a.ID]
		if !ok {
			out = append(out, DealChange{Deal: a.ID, Change: ChangeAdded, After: DescribeCurrent(a.Current), Note: conflictNotes(a.Conflicts, nil)})
			continue
		}
		out = append(out, compareDeal(b, a)...)
	}
	for i := range before {
		b := &before[i]
		if _, ok := cur[b.ID]; !ok {
			out = append(out, DealChange{Deal: b.ID, Change: ChangeRemoved, Before: DescribeCurrent(b.Current)})
		}
	}
	order := map[ChangeKind]int{ChangeAdded: 0, ChangeRemoved: 1, ChangeConflicted: 2, ChangeNewConflict: 3, ChangeResolved: 4, ChangeCurrentMoved: 5, ChangeStatusChanged: 6}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Deal != out[j].Deal {
			return out[i].Deal < out[j].Deal
		}
		return order[out[i].Change] < order[out[j].Change]
	})
	return out
}

func compareDeal(b, a *ReconciledDeal) []DealChange {
	var out []DealChange
	bd, ad := DescribeCurrent(b.Current), DescribeCurrent(a.Current)
	add := func(k ChangeKind, note string) {
		out = append(out, DealChange{Deal: a.ID, Change: k, Before: bd, After: ad, Note: note})
	}
	bNeed, aNeed := len(b.Conflicts) > 0, len(a.Conflicts) > 0
	switch {
	case !bNeed && aNeed:
		add(ChangeConflicted, conflictNotes(a.Conflicts, nil))
	case bNeed && aNeed:
		if n := conflictNotes(a.Conflicts, b.Conflicts); n != "" {
			add(ChangeNewConflict, n)
		}
	case bNeed && !aNeed:
		add(ChangeResolved, "")
	}
	if !equalMoney(b.Current.Amount, a.Current.Amount) {
		add(ChangeCurrentMoved, fmt.Sprintf("%s → %s", FormatMoney(b.Current.Amount), FormatMoney(a.Current.Amount)))
	}
	if b.Current.Status != a.Current.Status {
		add(ChangeStatusChanged, fmt.Sprintf("%s → %s", b.Current.Status, a.Current.Status))
	}
	return out
}

// conflictNotes joins the notes of the conflicts in cs that are not in
// known (by field and note).
func conflictNotes(cs, known []Conflict) string {
	var notes []string
	for _, c := range cs {
		seen := false
		for _, k := range known {
			if k.Field == c.Field && k.Note == c.Note {
				seen = true
				break
			}
		}
		if !seen {
			notes = append(notes, string(c.Field)+": "+c.Note)
		}
	}
	return strings.Join(notes, "; ")
}

// equalMoney reports whether two amounts are the same figure stated the
// same way (offsets and text aside).
func equalMoney(a, b *Money) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Value.Cmp(b.Value) != 0 || a.Currency != b.Currency || a.Qualifier != b.Qualifier || a.Period != b.Period {
		return false
	}
	if a.Max == nil || b.Max == nil {
		return a.Max == b.Max
	}
	return a.Max.Cmp(*b.Max) == 0
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

// FormatMoney writes an amount for people: "$38B", "over $138B",
// "€1.2B/year", "$10B–15B", "up to 500M GBP". The value is exact (38.5B,
// never 38.499999B). A nil amount is "no figure".
func FormatMoney(m *Money) string {
	if m == nil {
		return "no figure"
	}
	sym, suffix := "", " "+m.Currency
	switch m.Currency {
	case "USD":
		sym, suffix = "$", ""
	case "EUR":
		sym, suffix = "€", ""
	case "GBP":
		sym, suffix = "£", ""
	}
	if m.Currency == "" {
		suffix = ""
	}
	var b strings.Builder
	switch m.Qualifier {
	case figures.Over:
		b.WriteString("over ")
	case figures.UpTo:
		b.WriteString("up to ")
	case figures.About:
		b.WriteString("about ")
	}
	b.WriteString(sym)
	b.WriteString(shortDecimal(m.Value))
	if m.Qualifier == figures.Range && m.Max != nil {
		b.WriteString("–")
		b.WriteString(shortDecimal(*m.Max))
	}
	if m.Period == figures.PerYear {
		b.WriteString("/year")
	}
	b.WriteString(suffix)
	return b.String()
}

// shortDecimal writes d with a T, B, M or K suffix when it is that large.
func shortDecimal(d figures.Decimal) string {
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

// formatCapacity writes a capacity for people: "2 GW (training)".
func formatCapacity(c Capacity) string {
	s := c.Value.String() + " " + c.Unit
	if c.Purpose != nil && *c.Purpose != "" {
		s += " (" + *c.Purpose + ")"
	}
	return s
}

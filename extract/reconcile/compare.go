package reconcile

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// CompareReconciled returns what changed from before to after (each the
// output of Reconcile for one run), sorted by deal id, then in the order
// of the ChangeKind constants. A deal whose current figure is only
// confirmed by a newer article does not change.
func CompareReconciled(before, after []extract.ReconciledDeal) []extract.DealChange {
	old := make(map[string]*extract.ReconciledDeal, len(before))
	for i := range before {
		old[before[i].ID] = &before[i]
	}
	cur := make(map[string]*extract.ReconciledDeal, len(after))
	for i := range after {
		cur[after[i].ID] = &after[i]
	}
	var out []extract.DealChange
	for i := range after {
		a := &after[i]
		b, ok := old[a.ID]
		if !ok {
			out = append(out, extract.DealChange{Deal: a.ID, Change: extract.ChangeAdded, After: extract.DescribeCurrent(a.Current), Note: conflictNotes(a.Conflicts, nil)})
			continue
		}
		out = append(out, compareDeal(b, a)...)
	}
	for i := range before {
		b := &before[i]
		if _, ok := cur[b.ID]; !ok {
			out = append(out, extract.DealChange{Deal: b.ID, Change: extract.ChangeRemoved, Before: extract.DescribeCurrent(b.Current)})
		}
	}
	order := map[extract.ChangeKind]int{extract.ChangeAdded: 0, extract.ChangeRemoved: 1, extract.ChangeConflicted: 2, extract.ChangeNewConflict: 3, extract.ChangeResolved: 4, extract.ChangeCurrentMoved: 5, extract.ChangeStatusChanged: 6}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Deal != out[j].Deal {
			return out[i].Deal < out[j].Deal
		}
		return order[out[i].Change] < order[out[j].Change]
	})
	return out
}

func compareDeal(b, a *extract.ReconciledDeal) []extract.DealChange {
	var out []extract.DealChange
	bd, ad := extract.DescribeCurrent(b.Current), extract.DescribeCurrent(a.Current)
	add := func(k extract.ChangeKind, note string) {
		out = append(out, extract.DealChange{Deal: a.ID, Change: k, Before: bd, After: ad, Note: note})
	}
	bNeed, aNeed := needsReview(b), needsReview(a)
	switch {
	case !bNeed && aNeed:
		add(extract.ChangeConflicted, conflictNotes(a.Conflicts, nil))
	case bNeed && aNeed:
		if n := conflictNotes(a.Conflicts, b.Conflicts); n != "" {
			add(extract.ChangeNewConflict, n)
		}
	case bNeed && !aNeed:
		add(extract.ChangeResolved, "")
	}
	if !equalMoney(b.Current.Amount, a.Current.Amount) {
		add(extract.ChangeCurrentMoved, fmt.Sprintf("%s → %s", extract.FormatMoney(b.Current.Amount), extract.FormatMoney(a.Current.Amount)))
	}
	if b.Current.Status != a.Current.Status {
		add(extract.ChangeStatusChanged, fmt.Sprintf("%s → %s", b.Current.Status, a.Current.Status))
	}
	return out
}

// conflictNotes joins the notes of the conflicts in cs that are not in
// known (by field and note).
func conflictNotes(cs, known []extract.Conflict) string {
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
func equalMoney(a, b *extract.Money) bool {
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

// needsReview reports whether a deal needs review: its Review when set,
// else whether it has a conflict without a resolution.
func needsReview(d *extract.ReconciledDeal) bool {
	if d.Review != "" {
		return d.Review == extract.ReviewNeeded
	}
	for _, c := range d.Conflicts {
		if c.Resolution == extract.ResolutionNone {
			return true
		}
	}
	return false
}

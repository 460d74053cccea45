package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// Capacity: the capacities a deal's views established, and how a view's
// capacity relates to them. A deal stated by thousands of articles can
// hold hundreds of capacities (each accepted view whose capacity is not
// the first one of its unit and purpose adds one, repeats included), so
// they are indexed by unit and purpose and by value: a view finds the
// ones it disagrees with in O(log n) plus one step per disagreement, not
// by a scan of all of them. Each disagreement is still spelled out in
// the view's history note.

// srcCapacity is a capacity of the deal's state and the article that
// stated it.
type srcCapacity struct {
	c       extract.Capacity
	article string
	// prefix and key are made the first time the capacity is in a
	// conflict (see words): its words in a note, "5 GW in sha256:…
	// (2025-01-02), ", and its key in the episode's seen.
	prefix, key string
	// seen: key is in the episode's seen (which only grows).
	seen bool
}

// capPair is a disagreement between the state's capacity s (an index in
// capacityState.list) and the view's capacity c (an index in
// view.capacity).
type capPair struct{ s, c int }

// capacityState is the capacities of a deal, in the order they were
// added, indexed by unit and purpose. The zero value is empty.
type capacityState struct {
	list   []srcCapacity
	groups []capGroup
	// byKey is the index in groups of each unit and purpose, made when
	// there are more than scanMax groups; a scan finds one until then.
	byKey map[capKey]int
}

// scanMax is how many items (a deal's units and purposes of capacity,
// its parties) a scan looks through before a map indexes them: most
// deals have a few, and a map per deal would cost more than it saves.
const scanMax = 8

type capKey struct{ unit, purpose string }

// capGroup indexes the capacities of one unit and purpose.
type capGroup struct {
	key capKey
	// head is the first capacity of the unit and purpose (its index in
	// list): the one first returns and a revision replaces, so the only
	// one whose value changes.
	head int
	// vals are the distinct values of the others, ascending, when they
	// are in normalRange; at[i] lists (ascending) the indices in list of
	// those with value vals[i]. A new value costs an insertion into
	// vals (a copy of at most one word per distinct value).
	vals []float64
	at   [][]int
	// odd are the others whose value is outside normalRange (zero,
	// negative, not finite), compared one by one.
	odd []int
}

// normalRange reports whether x is a positive value far enough from 0
// and infinity that x*0.98 and x*1.02 are exact enough to bound the
// values within relTol of x.
func normalRange(x float64) bool { return x >= 1e-290 && x <= 1e290 }

func keyOf(c extract.Capacity) capKey { return capKey{c.Unit, deref(c.Purpose)} }

// add appends capacity c of article to the state.
func (cs *capacityState) add(c extract.Capacity, article string) {
	i := len(cs.list)
	cs.list = append(cs.list, srcCapacity{c: c, article: article})
	k := keyOf(c)
	g := cs.group(k)
	if g == nil {
		cs.groups = append(cs.groups, capGroup{key: k, head: i})
		switch {
		case cs.byKey != nil:
			cs.byKey[k] = len(cs.groups) - 1
		case len(cs.groups) > scanMax:
			cs.byKey = make(map[capKey]int, 2*len(cs.groups))
			for gi := range cs.groups {
				cs.byKey[cs.groups[gi].key] = gi
			}
		}
		return
	}
	x := approx(c.Value)
	if !normalRange(x) {
		g.odd = append(g.odd, i)
		return
	}
	at, found := slices.BinarySearch(g.vals, x)
	if found {
		g.at[at] = append(g.at[at], i)
		return
	}
	g.vals = slices.Insert(g.vals, at, x)
	g.at = slices.Insert(g.at, at, []int{i})
}

// group returns the group of unit and purpose k, or nil. The pointer is
// good until the next add.
func (cs *capacityState) group(k capKey) *capGroup {
	if cs.byKey != nil {
		if gi, ok := cs.byKey[k]; ok {
			return &cs.groups[gi]
		}
		return nil
	}
	for gi := range cs.groups {
		if cs.groups[gi].key == k {
			return &cs.groups[gi]
		}
	}
	return nil
}

// replace makes c of article the first capacity of its unit and purpose
// (index i, as first returned it): a revision.
func (cs *capacityState) replace(i int, c extract.Capacity, article string) {
	cs.list[i] = srcCapacity{c: c, article: article}
}

// first returns the index of the first capacity with c's unit and
// purpose, or -1.
func (cs *capacityState) first(c extract.Capacity) int {
	if g := cs.group(keyOf(c)); g != nil {
		return g.head
	}
	return -1
}

// hasClose reports whether a capacity of c's unit and purpose is c's
// value within relTol.
func (cs *capacityState) hasClose(c extract.Capacity) bool {
	g := cs.group(keyOf(c))
	if g == nil {
		return false
	}
	x := approx(c.Value)
	near := func(i int) bool { return closeF(approx(cs.list[i].c.Value), x, relTol) }
	if near(g.head) || slices.ContainsFunc(g.odd, near) {
		return true
	}
	lo, hi := g.window(x)
	for k := lo; k < hi; k++ {
		if closeF(g.vals[k], x, relTol) {
			return true
		}
	}
	return false
}

// window returns the range [lo, hi) of g.vals that may be within relTol
// of x: all of them when x is outside normalRange, else those within 2%
// (a value further away cannot be within relTol, rounding included).
func (g *capGroup) window(x float64) (lo, hi int) {
	if !normalRange(x) {
		return 0, len(g.vals)
	}
	lo, _ = slices.BinarySearch(g.vals, x*0.98)
	hi, _ = slices.BinarySearch(g.vals, x*1.02)
	for hi < len(g.vals) && g.vals[hi] <= x*1.02 {
		hi++
	}
	return lo, hi
}

// disagreeing appends to dst, ascending, the indices of the capacities
// that capacity c contradicts: those of its unit and purpose that are
// not its value within relTol, except, when the view states an
// expansion, the smaller ones (more capacity, not a contradiction).
// The hardware is the caller's to compare.
func (cs *capacityState) disagreeing(c extract.Capacity, expanded bool, dst []int) []int {
	g := cs.group(keyOf(c))
	if g == nil {
		return dst
	}
	x := approx(c.Value)
	n := len(dst)
	contradicts := func(y float64) bool { return !closeF(y, x, relTol) && !(expanded && x > y) }
	if contradicts(approx(cs.list[g.head].c.Value)) {
		dst = append(dst, g.head)
	}
	for _, i := range g.odd {
		if contradicts(approx(cs.list[i].c.Value)) {
			dst = append(dst, i)
		}
	}
	lo, hi := g.window(x)
	if !expanded {
		for k := 0; k < lo; k++ { // far below x: all contradict it
			dst = append(dst, g.at[k]...)
		}
	}
	for k := lo; k < hi; k++ { // one comparison for all the capacities of a value
		if contradicts(g.vals[k]) {
			dst = append(dst, g.at[k]...)
		}
	}
	for k := hi; k < len(g.vals); k++ { // far above x: all contradict it
		dst = append(dst, g.at[k]...)
	}
	slices.Sort(dst[n:])
	return dst
}

// words returns the state's capacity i with its prefix and key made.
func (st *dealState) words(i int) *srcCapacity {
	s := &st.capacity.list[i]
	if s.key == "" {
		text := extract.FormatCapacity(s.c)
		s.prefix = text + " in " + st.ref(s.article) + ", "
		s.key = string(extract.FieldCapacity) + "|" + s.article + "|" + text
	}
	return s
}

// capacityConflicts appends to j the disagreements between v's capacity
// and the state's: for each capacity of v, in order, each state capacity
// it contradicts, in the order they were added.
func (st *dealState) capacityConflicts(v *view, j *judgement) {
	if len(v.capacity) == 0 || len(st.capacity.list) == 0 || disjointFold(st.hardware, v.hardware) {
		return // capacity on other hardware: more capacity, not a contradiction
	}
	var idx []int
	for ci, c := range v.capacity {
		idx = st.capacity.disagreeing(c, v.status == extract.DealExpanded, idx[:0])
		for _, si := range idx {
			j.caps = append(j.caps, capPair{si, ci})
		}
	}
}

// capacityTail is the end of the note on a disagreement with v's
// capacity c: "2 GW in sha256:… (2026-12-15), and no revision stated".
func (st *dealState) capacityTail(v *view, c extract.Capacity) string {
	return extract.FormatCapacity(c) + " in " + st.ref(v.article) + ", and no revision stated"
}

// capacityNotes is the history note on v's capacity disagreements: for
// each, "capacity: 4 GW in A (date), 2 GW in B (date), and no revision
// stated", joined by "; ", the first maxNotes of them and "and N more"
// (the deal's capacity conflict lists every value): a deal with
// thousands of sources would otherwise write notes that grow with the
// square of its sources.
func (st *dealState) capacityNotes(v *view, pairs []capPair) string {
	more := 0
	if len(pairs) > maxNotes {
		pairs, more = pairs[:maxNotes], len(pairs)-maxNotes
	}
	tails := make([]string, len(v.capacity))
	n := 0
	for _, p := range pairs {
		if tails[p.c] == "" {
			tails[p.c] = st.capacityTail(v, v.capacity[p.c])
		}
		n += len("capacity: ; ") + len(st.words(p.s).prefix) + len(tails[p.c])
	}
	var b strings.Builder
	b.Grow(n)
	for k, p := range pairs {
		if k > 0 {
			b.WriteString("; ")
		}
		b.WriteString("capacity: ")
		b.WriteString(st.words(p.s).prefix)
		b.WriteString(tails[p.c])
	}
	if more > 0 {
		fmt.Fprintf(&b, "; and %d more capacity disagreements", more)
	}
	return b.String()
}

// addCapacityConflicts adds v's capacity disagreements to the deal's
// capacity conflict exactly as addConflicts adds one Conflict per pair
// (the state's capacity, then v's; each value once per article; a note
// for each pair that adds a value, up to maxNotes), without making the
// Conflicts: a pair whose values are both in costs O(1).
func (ep *episode) addCapacityConflicts(v *view, pairs []capPair) {
	if len(pairs) == 0 {
		return
	}
	st := ep.st
	g, ok := ep.groups[extract.FieldCapacity]
	if !ok {
		g = &conflictGroup{at: len(ep.rd.Conflicts)}
		ep.groups[extract.FieldCapacity] = g
		ep.rd.Conflicts = append(ep.rd.Conflicts, extract.Conflict{Field: extract.FieldCapacity, Cause: extract.CauseCapacity})
	}
	rc := &ep.rd.Conflicts[g.at]
	last, cSeen, tail := -1, false, ""
	for _, p := range pairs {
		s, c := st.words(p.s), v.capacity[p.c]
		if p.c != last {
			last, cSeen, tail = p.c, false, ""
		}
		added := false
		if !s.seen {
			if !ep.seen[s.key] {
				ep.seen[s.key] = true
				rc.Articles = append(rc.Articles, s.article)
				rc.Values = append(rc.Values, s.c)
				added = true
			}
			s.seen = true
		}
		if !cSeen {
			if k := string(extract.FieldCapacity) + "|" + v.article + "|" + extract.FormatCapacity(c); !ep.seen[k] {
				ep.seen[k] = true
				rc.Articles = append(rc.Articles, v.article)
				rc.Values = append(rc.Values, c)
				added = true
			}
			cSeen = true
		}
		if !added {
			continue
		}
		if len(g.notes) < maxNotes {
			if tail == "" {
				tail = st.capacityTail(v, c)
			}
			g.notes = append(g.notes, s.prefix+tail)
		} else {
			g.more++
		}
	}
}

// acceptCapacity makes v's capacity part of the state: a capacity of a
// new unit and purpose (or on other hardware) is added; a revision
// replaces the first of its unit and purpose; another value is added.
func (st *dealState) acceptCapacity(v *view, revised bool) {
	for _, c := range v.capacity {
		i := -1
		if !disjointFold(st.hardware, v.hardware) {
			i = st.capacity.first(c)
		}
		switch {
		case i < 0:
			st.capacity.add(c, v.article)
		case revised:
			st.capacity.replace(i, c, v.article)
		case !closeF(approx(st.capacity.list[i].c.Value), approx(c.Value), relTol):
			st.capacity.add(c, v.article)
		}
	}
}

// disjointFold reports whether both lists are non-empty and share no
// item (ignoring case).
func disjointFold(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	for _, x := range b {
		if containsFold(a, x) {
			return false
		}
	}
	return true
}

package reconcile

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// rfact is one grounded deal of one article, with its identity.
type rfact struct {
	// keys are the deal ids this fact could belong to: one per principal
	// pair of parties ("amazon+openai/compute_contract").
	keys []string
	// id is the deal id after grouping (before time splits the deal).
	id      string
	roles   []roleOf // sorted by key
	article string
	pub     string // normalized publication date, "" when unknown
	source  string
	d       *extract.Deal
	// incOnly: the fact's amount is an increment, not a total ("expanded
	// by $20 billion"), whether or not the backend said so.
	incOnly bool
	// alias is the venture's pair that names the fact's deal when the
	// fact names one of its members alone (joinMembers), or names the
	// venture with its members as its principal (identify).
	alias string
}

// looseFact is an unverified fact's identity, to name the deal it would
// belong to.
type looseFact struct {
	keys     []string
	fallback string
	id       string // known already (an implausible fact of a grouped deal)
}

func (l looseFact) resolve(g groups) string {
	if l.id != "" {
		return l.id
	}
	for _, k := range l.keys {
		if id, ok := g.byKey[k]; ok {
			return id
		}
	}
	return l.fallback
}

// identifier computes deal identities, remembering canonical names and
// keys so that 100,000 facts about a few thousand deals allocate little.
type identifier struct {
	names map[string]canonName
	// keys interns deal keys.
	keys map[string]string
	// roles is an arena for the facts' roles.
	roles []roleOf
	buf   []byte
	// ventures by lowercased name, and each member's ventures.
	ventures map[string]*venture
	members  map[string][]*venture
	// principal is the pair of the venture that the last fact
	// identified names as its principal, else "" (see identify).
	principal string
}

type venture struct {
	key, name string
	members   []string // keys
}

type canonName struct{ display, key string }

func newIdentifier(vs []extract.Venture) *identifier {
	ix := &identifier{names: make(map[string]canonName), keys: make(map[string]string)}
	if len(vs) > 0 {
		ix.ventures = make(map[string]*venture, len(vs))
		ix.members = make(map[string][]*venture)
		for _, v := range vs {
			c := ix.name(v.Name)
			if c.key == "" {
				continue
			}
			jv := &venture{key: c.key, name: c.display}
			for _, m := range v.Members {
				if mk := ix.name(m).key; mk != "" && mk != c.key && !slices.Contains(jv.members, mk) {
					jv.members = append(jv.members, mk)
					ix.members[mk] = append(ix.members[mk], jv)
				}
			}
			ix.ventures[c.key] = jv
		}
	}
	return ix
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

// side is where a role puts a party: the one who pays, the one paid, or
// neither.
type side int

const (
	sideNone side = iota
	sidePayer
	sidePayee
)

func sideOf(r extract.Role) side {
	switch r {
	case extract.RoleBuyer, extract.RoleInvestor, extract.RoleCustomer, extract.RoleDistributor:
		return sidePayer
	case extract.RoleSeller, extract.RoleInvestee, extract.RoleSupplier, extract.RoleRaiser:
		return sidePayee
	}
	return sideNone
}

// identify returns the keys of the deal (one per principal pair), a
// fallback id, each named party's role (sorted by name), and false when
// the deal names no party. The roles must not be modified. When a
// venture the fact names with its members is its principal, the
// fallback is the venture's key and ix.principal its pair (else "").
func (ix *identifier) identify(d *extract.Deal) (keys []string, fallback string, roles []roleOf, ok bool) {
	ix.principal = ""
	if len(ix.roles)+len(d.Parties)+2 > cap(ix.roles) {
		ix.roles = make([]roleOf, 0, max(16, 2*cap(ix.roles), 2*len(d.Parties)+2))
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
				if r.role == "" || sideOf(r.role) == sideNone && sideOf(p.Role) != sideNone {
					r.role = p.Role
				}
			}
		}
		if !dup {
			ix.roles = append(ix.roles, roleOf{key: c.key, name: c.display, role: p.Role})
		}
	}
	if len(ix.roles) == base {
		return nil, "", nil, false
	}
	var collapsed []string
	if ix.ventures != nil {
		collapsed = ix.collapseVentures(base)
	}
	roles = ix.roles[base:len(ix.roles):len(ix.roles)]
	slices.SortFunc(roles, func(a, b roleOf) int { return strings.Compare(a.key, b.key) })
	kind := d.Kind
	if kind == "" {
		kind = extract.KindOther
	}
	var payers, payees []int
	for i, r := range roles {
		switch sideOf(r.role) {
		case sidePayer:
			payers = append(payers, i)
		case sidePayee:
			payees = append(payees, i)
		}
	}
	switch {
	case kind == extract.KindFundingRound && len(payees) > 0:
		for _, q := range payees {
			keys = append(keys, ix.key(kind, roles[q].key))
		}
	case len(payers) > 0 && len(payees) > 0:
		for _, p := range payers {
			for _, q := range payees {
				if roles[p].key != roles[q].key {
					keys = append(keys, ix.key(kind, roles[p].key, roles[q].key))
				}
			}
		}
	}
	if len(keys) == 0 {
		// A venture the fact names with its members ("Atlantide Compute,
		// la nueva sociedad conjunta creada por Enerfluvia y Stratamere,
		// invertirá 3.000 millones, junto a Northgate") is the fact's
		// principal when no payer faces a payee: its own key joins the
		// facts that name the venture alone or its members alone.
		for _, v := range collapsed {
			keys = append(keys, ix.key(kind, v))
		}
		if len(keys) > 0 && len(roles) > 1 {
			fallback = keys[0]
		}
		switch {
		case len(roles) == 1:
			keys = append(keys, ix.key(kind, roles[0].key))
		case len(roles) <= 8:
			for i := range roles {
				for j := i + 1; j < len(roles); j++ {
					keys = append(keys, ix.key(kind, roles[i].key, roles[j].key))
				}
			}
		default:
			for j := 1; j < len(roles); j++ {
				keys = append(keys, ix.key(kind, roles[0].key, roles[j].key))
			}
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	ix.principal = pairOf(fallback)
	if fallback == "" {
		fallback = keys[0]
	}
	return keys, fallback, roles, true
}

// collapseVentures replaces, on each side of the roles from base on, the
// members of a joint venture by the venture when the side names it or
// two or more of its members, and returns the keys of those ventures.
func (ix *identifier) collapseVentures(base int) (collapsed []string) {
	for _, sd := range []side{sidePayer, sidePayee, sideNone} {
		for _, jv := range ix.venturesOn(base, sd) {
			named, members := false, 0
			var role extract.Role
			for i := base; i < len(ix.roles); i++ {
				r := ix.roles[i]
				if sideOf(r.role) != sd {
					continue
				}
				if r.key == jv.key {
					named = true
				} else if slices.Contains(jv.members, r.key) {
					members++
					if role == "" {
						role = r.role
					}
				}
			}
			if members == 0 || !named && members < 2 {
				continue
			}
			out := ix.roles[:base]
			for _, r := range ix.roles[base:] {
				if sideOf(r.role) == sd && slices.Contains(jv.members, r.key) {
					continue
				}
				out = append(out, r)
			}
			if !named && !slices.ContainsFunc(out[base:], func(r roleOf) bool { return r.key == jv.key }) {
				out = append(out, roleOf{key: jv.key, name: jv.name, role: role, implied: true})
			}
			ix.roles = out
			collapsed = append(collapsed, jv.key)
		}
	}
	return collapsed
}

// venturesOn returns the ventures a member on side sd belongs to.
func (ix *identifier) venturesOn(base int, sd side) []*venture {
	var out []*venture
	for _, r := range ix.roles[base:] {
		if sideOf(r.role) != sd {
			continue
		}
		for _, jv := range ix.members[r.key] {
			if !slices.Contains(out, jv) {
				out = append(out, jv)
			}
		}
	}
	return out
}

// key returns the interned deal key of the sorted party keys and kind:
// "amazon+openai/compute_contract".
func (ix *identifier) key(kind extract.Kind, parties ...string) string {
	if len(parties) == 2 && parties[1] < parties[0] {
		parties = []string{parties[1], parties[0]}
	}
	b := ix.buf[:0]
	for i, p := range parties {
		if i > 0 {
			b = append(b, '+')
		}
		for j := 0; j < len(p); j++ {
			if c := p[j]; c == ' ' {
				b = append(b, '-')
			} else {
				b = append(b, c)
			}
		}
	}
	b = append(b, '/')
	b = append(b, kind...)
	ix.buf = b
	if k, ok := ix.keys[string(b)]; ok {
		return k
	}
	k := string(b)
	ix.keys[k] = k
	return k
}

// groups describes the deals found by group.
type groups struct {
	byID  map[string]*groupInfo
	byKey map[string]string // a key to the id of the deal that has it
}

type groupInfo struct {
	kind  extract.Kind
	names []string // display names of every party, sorted by key
}

// pairOf is the parties part of a key: "amazon+openai" of
// "amazon+openai/compute_contract".
func pairOf(key string) string {
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		return key[:i]
	}
	return key
}

// generic reports whether a kind says little about the deal: outlets
// call the same deal a partnership, or nothing in particular.
func generic(k extract.Kind) bool {
	return k == extract.KindOther || k == extract.KindPartnership || k == ""
}

// figureKey is a figure of a pair rounded to two significant digits,
// with its currency and period: facts of one pair whose kinds differ but
// whose figures agree are one deal ("a $10B chip supply" and "a $10B
// compute contract").
type figureKey struct {
	pair     string
	value    float64
	currency string
	period   figures.Period
}

func roundFigure(m *extract.Money) float64 {
	v := approx(m.Value)
	if v <= 0 {
		return 0
	}
	e := math.Pow(10, math.Floor(math.Log10(v))-1)
	return math.Round(v/e) * e
}

// group joins facts that share a key (union-find: O(n α(n))), then facts
// of the same parties whose kinds differ but whose figures agree, and
// figure-less facts of a generic kind to the one deal of a specific kind
// their parties have. Each group is named by the pair of parties its
// facts state most often (ties: the least) and its most frequent kind
// (ties: the first in extract.Kinds, a specific kind before a generic
// one). It sets every fact's id.
func (ix *identifier) group(facts []rfact) groups {
	parent := make([]int32, len(facts))
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int32) {
		a, b = find(a), find(b)
		if a != b {
			if a < b {
				a, b = b, a
			}
			parent[a] = b
		}
	}
	owner := make(map[string]int32, len(facts)/4+1)
	for i := range facts {
		for _, k := range facts[i].keys {
			if j, ok := owner[k]; ok {
				union(int32(i), j)
			} else {
				owner[k] = int32(i)
			}
		}
	}
	// Kinds that differ, figures that agree.
	byFigure := make(map[figureKey]int32)
	for i := range facts {
		m := facts[i].d.Amount
		if m == nil || facts[i].incOnly {
			continue
		}
		r := roundFigure(m)
		if r == 0 {
			continue
		}
		for _, k := range facts[i].keys {
			fk := figureKey{pairOf(k), r, m.Currency, m.Period}
			if j, ok := byFigure[fk]; ok {
				union(int32(i), j)
			} else {
				byFigure[fk] = int32(i)
			}
		}
	}
	ix.joinMembers(facts, byFigure, union)
	// Figure-less facts of a generic kind join the one specific deal of
	// their parties.
	specific := make(map[string]int32) // pair → root, -1 when several
	for i := range facts {
		if generic(facts[i].d.Kind) {
			continue
		}
		r := find(int32(i))
		for _, k := range facts[i].keys {
			p := pairOf(k)
			if s, ok := specific[p]; !ok {
				specific[p] = r
			} else if s != r && s != -1 {
				specific[p] = -1
			}
		}
	}
	// Roots may have changed while specific was filled; settle them.
	for p, r := range specific {
		if r >= 0 {
			specific[p] = find(r)
		}
	}
	for i := range facts {
		if !generic(facts[i].d.Kind) || facts[i].d.Amount != nil {
			continue
		}
		for _, k := range facts[i].keys {
			if r, ok := specific[pairOf(k)]; ok && r >= 0 {
				union(int32(i), r)
				break
			}
		}
	}
	joinRounds(facts, find, union)
	joinCosigners(facts, find, union)
	joinVentureInvestors(facts, find, union)
	type count struct {
		root int32
		key  string
	}
	counts := make(map[count]int, len(owner))
	kinds := make(map[count]int)
	for i := range facts {
		r := find(int32(i))
		if a := facts[i].alias; a != "" {
			counts[count{r, a}]++
		} else {
			for _, k := range facts[i].keys {
				counts[count{r, pairOf(k)}]++
			}
		}
		kind := facts[i].d.Kind
		if kind == "" {
			kind = extract.KindOther
		}
		kinds[count{r, string(kind)}]++
	}
	best := make(map[int32]string)
	bestN := make(map[int32]int)
	for c, n := range counts {
		if b, ok := best[c.root]; !ok || n > bestN[c.root] || n == bestN[c.root] && pairBefore(c.key, b) {
			best[c.root], bestN[c.root] = c.key, n
		}
	}
	kindRank := func(k extract.Kind) int {
		r := slices.Index(extract.Kinds, k)
		if generic(k) {
			r += len(extract.Kinds)
		}
		return r
	}
	bestKind := make(map[int32]extract.Kind)
	bestKindN := make(map[int32]int)
	better := func(k extract.Kind, n int, b extract.Kind, bn int) bool {
		if generic(k) != generic(b) {
			return !generic(k)
		}
		if n != bn {
			return n > bn
		}
		return kindRank(k) < kindRank(b)
	}
	for c, n := range kinds {
		k := extract.Kind(c.key)
		if b, ok := bestKind[c.root]; !ok || better(k, n, b, bestKindN[c.root]) {
			bestKind[c.root], bestKindN[c.root] = k, n
		}
	}
	ids := make(map[int32]string, len(best))
	for r, pair := range best {
		ids[r] = pair + "/" + string(bestKind[r])
	}
	g := groups{byID: make(map[string]*groupInfo, len(best)), byKey: make(map[string]string, len(owner))}
	type nameOf struct{ key, name string }
	names := make(map[int32][]nameOf)
	for i := range facts {
		r := find(int32(i))
		facts[i].id = ids[r]
		ns := names[r]
		for _, ro := range facts[i].roles {
			found := false
			for k := range ns {
				if ns[k].key == ro.key {
					found = true
					if ro.name < ns[k].name {
						ns[k].name = ro.name
					}
					break
				}
			}
			if !found {
				ns = append(ns, nameOf{ro.key, ro.name})
			}
		}
		names[r] = ns
	}
	for r, id := range ids {
		ns := names[r]
		slices.SortFunc(ns, func(a, b nameOf) int { return strings.Compare(a.key, b.key) })
		gi := &groupInfo{kind: bestKind[r], names: make([]string, len(ns))}
		for i, n := range ns {
			gi.names[i] = n.name
		}
		g.byID[id] = gi
	}
	for k, i := range owner {
		g.byKey[k] = ids[find(i)]
	}
	return g
}

// dropImplausible removes the facts whose amount cannot be their deal's:
// under a million while another fact of the deal is a thousand times
// larger or more (a scale word the outlet dropped: "hasta US$20.000"
// for $20 billion). It returns the facts kept and those dropped.
func dropImplausible(facts []rfact) (kept, dropped []rfact) {
	top := make(map[string]float64)
	for i := range facts {
		if m := facts[i].d.Amount; m != nil {
			if v := approx(m.Value); v > top[facts[i].id] {
				top[facts[i].id] = v
			}
		}
	}
	kept = facts[:0]
	for _, f := range facts {
		if m := f.d.Amount; m != nil {
			if v := approx(m.Value); v < 1e6 && top[f.id] >= 1e3*v {
				dropped = append(dropped, f)
				continue
			}
		}
		kept = append(kept, f)
	}
	return kept, dropped
}

func implausibleReason(f rfact) string {
	return fmt.Sprintf("%s: %s read literally, while other articles give the deal figures a thousand times larger or more (a scale word dropped?)", extract.WarnImplausibleAmt, extract.FormatMoney(f.d.Amount))
}

// pairBefore orders the names a deal may take when they are stated as
// often: two parties before one (a round joined to its investor's deal
// is named by the pair), then the least.
func pairBefore(a, b string) bool {
	if pa, pb := strings.Contains(a, "+"), strings.Contains(b, "+"); pa != pb {
		return pa
	}
	return a < b
}

// roundWindow is how many days apart a figure-less round and an
// investment into its raiser may be stated and still be one deal.
const roundWindow = 31

// joinRounds joins a figure-less funding round ("Kestrel Compute closed
// a round led by Sorrel Capital", "a round led by Sorrel Capital last
// autumn") to the one deal of an investment into its raiser, by one of
// the investors it names if it names any, that is of the same time: the
// same article, else the round's own date when the backend read one
// ("2025" for "last autumn" in February 2026) and the investment's,
// else publication dates within roundWindow days. Other figure-less
// rounds are not candidates (they are the round again). When several
// deals could be the round's, it stays apart.
func joinRounds(facts []rfact, find func(int32) int32, union func(a, b int32)) {
	var into map[string][]int32 // payee key → investment facts
	for i := range facts {
		f := &facts[i]
		if f.d.Kind != extract.KindInvestment && f.d.Kind != extract.KindFundingRound {
			continue
		}
		hasPayer := false
		for _, r := range f.roles {
			if sideOf(r.role) == sidePayer {
				hasPayer = true
			}
		}
		if !hasPayer {
			continue
		}
		for _, r := range f.roles {
			if sideOf(r.role) == sidePayee {
				if into == nil {
					into = make(map[string][]int32)
				}
				into[r.key] = append(into[r.key], int32(i))
			}
		}
	}
	if into == nil {
		return
	}
	for i := range facts {
		f := &facts[i]
		if f.d.Kind != extract.KindFundingRound || f.d.Amount != nil {
			continue
		}
		raiser, investors, ok := roundParties(f.roles)
		if !ok {
			continue
		}
		cands := into[raiser]
		if len(cands) == 0 {
			continue
		}
		pick := func(ok func(g *rfact) bool) int32 {
			root := int32(-1)
			for _, c := range cands {
				g := &facts[c]
				if g.d.Kind == extract.KindFundingRound && g.d.Amount == nil || !ok(g) || len(investors) > 0 && !paidBy(g, investors) {
					continue
				}
				r := find(c)
				switch {
				case root == -1:
					root = r
				case root != r:
					return -2
				}
			}
			return root
		}
		r := pick(func(g *rfact) bool { return g.article == f.article })
		if r == -1 {
			if own := normDate(f.d.AnnouncedOn); own != "" {
				r = pick(func(g *rfact) bool { return sameTime(own, factDate(g)) })
			} else if f.pub != "" {
				r = pick(func(g *rfact) bool {
					if g.pub == "" {
						return false
					}
					d := days(g.pub) - days(f.pub)
					return d <= roundWindow && d >= -roundWindow
				})
			}
		}
		if r >= 0 {
			union(int32(i), r)
		}
	}
}

// roundParties returns a round's raiser (its one payee) and the
// investors it names; false when it names no raiser, several, or a
// party in another role.
func roundParties(roles []roleOf) (raiser string, investors []string, ok bool) {
	for _, r := range roles {
		switch sideOf(r.role) {
		case sidePayee:
			if raiser != "" {
				return "", nil, false
			}
			raiser = r.key
		case sidePayer:
			investors = append(investors, r.key)
		default:
			if len(roles) > 1 {
				return "", nil, false
			}
			raiser = r.key // the raiser alone, whatever its stated role
		}
	}
	return raiser, investors, raiser != ""
}

// paidBy reports whether one of the payers of g is among investors.
func paidBy(g *rfact, investors []string) bool {
	for _, r := range g.roles {
		if sideOf(r.role) == sidePayer && slices.Contains(investors, r.key) {
			return true
		}
	}
	return false
}

// factDate is the date a fact's deal happened: its own when the backend
// read one, else its article's ("" when neither is known).
func factDate(g *rfact) string {
	if d := normDate(g.d.AnnouncedOn); d != "" {
		return d
	}
	return g.pub
}

// sameTime reports whether a round's own date covers date: the same
// year when it states a year; the month, give or take roundWindow days,
// when it states a month ("last autumn" read as "2025-10" covers a
// round closed on 30 September); within roundWindow days when it
// states a day. A date less precise than the round's covers it when it
// contains it.
func sameTime(own, date string) bool {
	if date == "" {
		return false
	}
	if len(date) < len(own) || len(own) == 4 {
		n := min(len(own), len(date))
		return own[:n] == date[:n]
	}
	d := days(date) - days(own)
	if len(own) == 7 {
		return d >= -roundWindow && d < 31+roundWindow
	}
	return d <= roundWindow && d >= -roundWindow
}

package reconcile

import "github.com/dealwatch/dealwatch/extract"

// joinMembers joins the fact of a joint venture's member named alone to
// the venture's deal when it names the venture's counterparty and the
// same figure: "Orbis Infrastructure signs a €6 billion lease with
// Valdera Cloud", where Helios, the venture of Ferrovia Energia and
// Orbis Infrastructure, signed the €6 billion lease (an outlet, or the
// backend, left the other member out, so the fact is not collapsed into
// the venture). The deal keeps the venture's name. A member of several
// ventures is left alone. byFigure holds the facts' figures by pair (see
// group).
func (ix *identifier) joinMembers(facts []rfact, byFigure map[figureKey]int32, union func(a, b int32)) {
	if len(ix.members) == 0 {
		return
	}
	for i := range facts {
		f := &facts[i]
		m := f.d.Amount
		if m == nil || f.incOnly || len(f.roles) != 2 {
			continue
		}
		r := roundFigure(m)
		if r == 0 {
			continue
		}
		for k, member := range f.roles {
			jvs := ix.members[member.key]
			other := f.roles[1-k]
			if len(jvs) != 1 || other.key == jvs[0].key || containsKey(jvs[0].members, other.key) {
				continue
			}
			fk := figureKey{pairOf(ix.key(f.d.Kind, jvs[0].key, other.key)), r, m.Currency, m.Period}
			if j, ok := byFigure[fk]; ok {
				union(int32(i), j)
				f.alias = fk.pair
			}
		}
	}
}

func containsKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// partyFigure is a fact's figure for one of its parties: the key that
// joins a recall naming one party to a deal of that party.
func partyFigure(party string, m *extract.Money) figureKey {
	return figureKey{"\x00" + party, roundFigure(m), m.Currency, m.Period}
}

// joinRecalls joins a background recall that names a single party and a
// figure ("la sociedad conjunta Atlantide Compute anunció un plan de
// 3.000 millones de euros") to the one deal that names that party among
// others with the same figure. With no such deal, or several, it stays
// apart.
func joinRecalls(facts []rfact, find func(int32) int32, union func(a, b int32)) {
	var owner map[figureKey]int32 // → root, -1 when several
	for i := range facts {
		f := &facts[i]
		if f.d.Amount == nil || f.incOnly || len(f.roles) < 2 || roundFigure(f.d.Amount) == 0 {
			continue
		}
		if owner == nil {
			owner = make(map[figureKey]int32)
		}
		r := find(int32(i))
		for _, ro := range f.roles {
			k := partyFigure(ro.key, f.d.Amount)
			if o, ok := owner[k]; !ok {
				owner[k] = r
			} else if o != r && o != -1 && find(o) != r {
				owner[k] = -1
			}
		}
	}
	if owner == nil {
		return
	}
	for i := range facts {
		f := &facts[i]
		if f.d.Amount == nil || f.incOnly || len(f.roles) != 1 || f.d.Mention != extract.MentionBackground || roundFigure(f.d.Amount) == 0 {
			continue
		}
		if r, ok := owner[partyFigure(f.roles[0].key, f.d.Amount)]; ok && r >= 0 {
			union(int32(i), r)
		}
	}
}

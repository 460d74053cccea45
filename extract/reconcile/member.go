package reconcile

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

package rules

import (
	"regexp"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// prepKind is what the word before a company says about its role.
type prepKind uint8

const (
	prepNone   prepKind = iota
	prepTarget          // in, into, to, a, en: the one receiving money
	prepSource          // from, by, da, di, de: the one giving it
	prepWith            // with, con: the counterparty
)

var (
	targetPreps = cueSet("targetPreps")
	// "di"/"de" are not here: "l'azienda di Sam Altman", "acciones de
	// Amazon" are possessives far more often than givers of money.
	sourcePreps = cueSet("sourcePreps")
	withPreps   = cueSet("withPreps")
	articles    = cueSet("articles")
)

// prepBefore returns the kind of preposition right before the mention at
// pos, skipping an article.
func (d *doc) prepBefore(pos int) prepKind {
	if pos <= 0 || pos > len(d.lower) {
		return prepNone
	}
	before := d.lower[max(0, pos-24):pos]
	for round := 0; round < 2; round++ {
		before = strings.TrimRight(before, " ")
		w := lastWord(before)
		if w == "" {
			return prepNone
		}
		switch {
		case targetPreps[w]:
			return prepTarget
		case sourcePreps[w]:
			return prepSource
		case withPreps[w]:
			return prepWith
		case articles[w]:
			before = before[:len(before)-len(w)]
			continue
		}
		return prepNone
	}
	return prepNone
}

// lastWord returns the last word of s, with a trailing apostrophe kept
// ("dell'").
func lastWord(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	end := len(s)
	i := end
	if i > 0 && s[i-1] == '\'' {
		i--
	}
	for i > 0 {
		c := s[i-1]
		if c == ' ' || c == '(' || c == ',' || c == '"' || c == '\n' || c == ':' {
			break
		}
		i--
	}
	return s[i:end]
}

// hardwareVendor maps hardware families to the company that sells them.
var hardwareVendor = map[string]string{
	"Trainium": "Amazon", "Inferentia": "Amazon", "TPU": "Google", "Ironwood": "Google", "Trillium": "Google",
	"GB200": "Nvidia", "GB300": "Nvidia", "H100": "Nvidia", "H200": "Nvidia", "A100": "Nvidia", "B200": "Nvidia",
	"B300": "Nvidia", "Vera Rubin": "Nvidia", "Grace Blackwell": "Nvidia", "Rubin": "Nvidia", "Blackwell": "Nvidia", "Grace Hopper": "Nvidia",
	"Hopper": "Nvidia", "L40S": "Nvidia", "Instinct": "AMD", "Maia": "Microsoft", "Cobalt": "Microsoft", "Gaudi": "Intel",
}

// roles gives each party its role for a deal of kind k and reports
// whether word order or company types decided it (rather than a default).
// Parties are returned in the schema's role order.
func (d *doc) roles(k extract.Kind, ps []partyRef, hw []string) ([]partyRef, bool) {
	if len(ps) == 0 {
		return ps, false
	}
	g := d
	prep := make([]prepKind, len(ps))
	for i, p := range ps {
		if !p.implicit && p.kind != aliasPerson {
			prep[i] = d.prepBefore(p.pos)
		}
	}
	set := func(pick func(i int) bool, yes, no extract.Role) bool {
		n := 0
		for i := range ps {
			if pick(i) {
				n++
			}
		}
		if n == 0 || n == len(ps) {
			return false
		}
		for i := range ps {
			if pick(i) {
				ps[i].role = yes
			} else {
				ps[i].role = no
			}
		}
		return true
	}
	isCloud := func(i int) bool {
		return ps[i].kind == aliasCloud || g.hasType(ps[i].entity, "cloud") && !g.hasType(ps[i].entity, "lab")
	}
	ok := false
	switch k {
	case extract.KindInvestment:
		ok = set(func(i int) bool { return prep[i] == prepTarget }, extract.RoleInvestee, extract.RoleInvestor) ||
			set(func(i int) bool { return prep[i] == prepSource }, extract.RoleInvestor, extract.RoleInvestee) ||
			set(func(i int) bool { return g.hasType(ps[i].entity, "lab") && !g.hasType(ps[i].entity, "investor") }, extract.RoleInvestee, extract.RoleInvestor)
		if !ok {
			for i := range ps {
				ps[i].role = extract.RoleInvestee
			}
			ps[0].role = extract.RoleInvestor
		}
	case extract.KindFundingRound:
		// The raiser: a lab or a company outside the gazetteer, else the
		// one money goes into ("en Nscale"), else the one that is not an
		// investor; failing all, the article's main actor.
		tests := []func(i int) bool{
			func(i int) bool {
				return ps[i].entity < 0 && !g.hasType(ps[i].entity, "investor") || g.hasType(ps[i].entity, "lab") && !g.hasType(ps[i].entity, "investor") ||
					ps[i].implicit && !g.hasType(ps[i].entity, "investor")
			},
			func(i int) bool { return prep[i] == prepTarget },
			func(i int) bool { return !g.hasType(ps[i].entity, "investor") },
		}
		for _, test := range tests {
			if ok = set(test, extract.RoleRaiser, extract.RoleInvestor); ok {
				break
			}
		}
		if !ok {
			if len(ps) == 1 && !g.hasType(ps[0].entity, "investor") {
				ps[0].role = extract.RoleRaiser
				ok = true
			} else {
				for i := range ps {
					ps[i].role = extract.RoleInvestor
				}
				if d.hasFixed(ps, extract.RoleRaiser) {
					ok = true // fixRoles names the raiser the text names
				} else if p := d.mainRaiser(ps); p != nil {
					ps = append(ps, *p)
					ok = true
				} else {
					ps[0].role = extract.RoleRaiser
				}
			}
		}
	case extract.KindCompute:
		ok = set(func(i int) bool { return ps[i].kind == aliasCloud }, extract.RoleSeller, extract.RoleBuyer) ||
			set(isCloud, extract.RoleSeller, extract.RoleBuyer) ||
			set(func(i int) bool { return prep[i] == prepSource || prep[i] == prepWith || prep[i] == prepTarget }, extract.RoleSeller, extract.RoleBuyer)
		if !ok {
			for i := range ps {
				ps[i].role = extract.RoleSeller
			}
			ps[0].role = extract.RoleBuyer
		}
	case extract.KindChipSupply:
		vendor := func(i int) bool {
			for _, h := range hw {
				for fam, v := range hardwareVendor {
					if strings.HasPrefix(h, fam) && v == g.nameOf(ps[i].entity) {
						return true
					}
				}
			}
			return false
		}
		ok = set(vendor, extract.RoleSupplier, extract.RoleCustomer) ||
			set(func(i int) bool { return g.hasType(ps[i].entity, "chips") }, extract.RoleSupplier, extract.RoleCustomer)
		if !ok {
			for i := range ps {
				ps[i].role = extract.RoleSupplier
			}
			ps[0].role = extract.RoleCustomer
		}
	case extract.KindDistribution:
		ok = set(func(i int) bool {
			return isCloud(i) || g.hasType(ps[i].entity, "platform")
		}, extract.RoleDistributor, extract.RolePartner)
		if !ok {
			for i := range ps {
				ps[i].role = extract.RolePartner
			}
		}
	case extract.KindAcquisition:
		// "a takeover approach from Brookfield", "to sell ... to Sanmina":
		// the buyer; "the acquisition of ZT Systems": the target.
		ok = set(func(i int) bool { return d.acquisitionSide(ps[i]) == extract.RoleBuyer }, extract.RoleBuyer, extract.RoleSeller) ||
			set(func(i int) bool { return d.acquisitionSide(ps[i]) == extract.RoleSeller }, extract.RoleSeller, extract.RoleBuyer)
		if !ok {
			for i := range ps {
				ps[i].role = extract.RoleSeller
			}
			ps[0].role = extract.RoleBuyer
			ok = !ps[0].implicit
		}
	default:
		for i := range ps {
			ps[i].role = extract.RolePartner
		}
	}
	sortParties(ps)
	return ps, ok
}

// bidWords before "from"/"da"/"de" make the company after it the bidder.
var bidWords = cueWords("bidWords")

// targetWords before "of"/"di"/"de" make the company after it the target.
var targetWords = cueWords("targetWords")

// acquisitionSide returns the role the words before party p give it in an
// acquisition: buyer ("offer from X", "sell ... to X"), seller ("the
// acquisition of X", "l'acquisizione del 100% di X"), or "" when they say
// nothing.
func (d *doc) acquisitionSide(p partyRef) extract.Role {
	if p.implicit || p.pos <= 0 || p.pos > len(d.lower) {
		return ""
	}
	before := strings.TrimRight(d.lower[max(0, p.pos-60):p.pos], " ")
	last := lastWord(before)
	head := strings.TrimSuffix(before, last)
	switch last {
	case "from", "da", "dal", "de", "del":
		if hasAnyWord(head[max(0, len(head)-35):], bidWords) {
			return extract.RoleBuyer
		}
	case "to", "a", "al":
		if hasAnyWord(head, sellWords) {
			return extract.RoleBuyer
		}
	}
	// "la compra de Aligned al gestor australiano Macquarie", "the
	// purchase of ZT Systems from AMD": the company bought from sells.
	if m := reFromSeller.FindStringIndex(before); m != nil {
		h := before[:m[0]]
		if !hasAnyWord(h[max(0, len(h)-35):], bidWords) && hasAnyWord(h[max(0, len(h)-90):], targetWords) {
			return extract.RoleSeller
		}
	}
	switch last {
	case "of", "di", "de", "del", "della":
		if hasAnyWord(head[max(0, len(head)-30):], targetWords) {
			return extract.RoleSeller
		}
	case "que", "che", "that", "which":
		// "la oferta no vinculante que Blackstone presentó": the bidder.
		if hasAnyWord(head[max(0, len(head)-30):], bidWords) {
			return extract.RoleBuyer
		}
	}
	return ""
}

// reFromSeller: "al gestor australiano", "from", "dal fondo" at the end of
// the text before a company.
var reFromSeller = regexp.MustCompile(`(?:^|\s)(?:a|al|from|dal|dalla)(?:\s+\p{Ll}+){0,3}$`)

// mainRaiser returns the article's main actor as the raiser of a round
// whose named parties are all investors.
func (d *doc) mainRaiser(ps []partyRef) *partyRef {
	for _, m := range d.main {
		dup := false
		for _, p := range ps {
			dup = dup || p.entity == m.entity
		}
		if !dup && !d.hasType(m.entity, "investor") {
			q := m
			q.role = extract.RoleRaiser
			return &q
		}
	}
	return nil
}

func roleRank(r extract.Role) int {
	for i, x := range extract.Roles {
		if x == r {
			return i
		}
	}
	return len(extract.Roles)
}

// sortParties orders parties by role (schema order), then by mention.
func sortParties(ps []partyRef) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && partyLess(ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

func partyLess(a, b partyRef) bool {
	if ra, rb := roleRank(a.role), roleRank(b.role); ra != rb {
		return ra < rb
	}
	return a.pos < b.pos
}

// patternParties adds the companies word patterns name around group g,
// known to the gazetteer or not: a round's raiser ("InfiniteFound ha
// raccolto", "il round di X") and its lead investor ("guidato da Aker"),
// an acquisition's buyer ("Indra compró") and target ("la empresa de
// drones Aerotec"), and where money comes from ("from Brookfield").
func (d *doc) patternParties(kind extract.Kind, g *group, from, to int, ps []partyRef) []partyRef {
	add := func(name string, pos int, role extract.Role) {
		if notCompany[name] || notCompany[firstWord(name)] {
			return
		}
		ent, known := 0, false
		for _, m := range d.x.gaz.find(name) {
			if m.start == 0 {
				ent, known = m.entity, true
			}
		}
		if !known {
			ent = d.unknownID(name)
		}
		ref := partyRef{entity: ent, mention: name, pos: pos, kind: aliasCompany, fixed: role}
		for k := range ps {
			if ps[k].entity == ent {
				if role != "" {
					ps[k].fixed = role
				}
				return
			}
			if overlaps(ps[k], ref) {
				// "al Grupo Samca" where the mention found "Samca": the
				// pattern's full name is the party.
				if len(name) > len(ps[k].mention) {
					ps[k] = ref
				} else if role != "" {
					ps[k].fixed = role
				}
				return
			}
		}
		ps = append(ps, ref)
	}
	first := func(re *regexp.Regexp, lo, hi int) (string, int, bool) {
		lo, hi = max(lo, 0), min(hi, len(d.text))
		if lo >= hi {
			return "", 0, false
		}
		for _, m := range re.FindAllStringSubmatchIndex(d.text[lo:hi], -1) {
			name := d.text[lo+m[2] : lo+m[3]]
			if !notCompany[name] && !notCompany[firstWord(name)] {
				return name, lo + m[2], true
			}
		}
		return "", 0, false
	}
	switch kind {
	case extract.KindFundingRound:
		if p := d.possessiveStart(d.sentOf(from)); !d.hasRaiser(ps) && p != nil {
			// "Its previous round, a £35m Series A, was led by X": the
			// round of the company the sentence before is about.
			q := *p
			q.fixed = extract.RoleRaiser
			kept := []partyRef{q}
			for _, o := range ps {
				if o.entity != q.entity && !o.implicit {
					kept = append(kept, o)
				}
			}
			ps = kept
		}
		if !d.hasRaiser(ps) {
			if name, pos, ok := first(reRoundOf, from, to); ok {
				add(name, pos, extract.RoleRaiser)
			} else if name, pos, ok := first(reRaiseSubject, from, g.start+1); ok {
				add(name, pos, extract.RoleRaiser)
			}
			if d.hasFixed(ps, extract.RoleRaiser) {
				// Other companies of the clause are investors only when
				// the text says so ("led by").
				var kept []partyRef
				for _, p := range ps {
					if p.fixed != "" {
						kept = append(kept, p)
					}
				}
				ps = kept
			}
		}
		if name, pos, ok := first(reFromParty, g.end, to); ok {
			add(name, pos, extract.RoleInvestor)
		}
	case extract.KindAcquisition:
		if name, pos, ok := first(reAcqSubject, from, g.start); ok {
			add(name, pos, extract.RoleBuyer)
		}
		if name, pos, ok := first(reAcqTarget, from, to); ok {
			add(name, pos, extract.RoleSeller)
		}
	default:
		named := 0
		for _, p := range ps {
			if !p.brand {
				named++
			}
		}
		if named < 2 {
			if name, pos, ok := first(reFromParty, g.end, min(to, g.end+60)); ok {
				role := extract.Role("")
				if kind == extract.KindInvestment {
					role = extract.RoleInvestor
				}
				add(name, pos, role)
			} else if name, pos, ok := first(reWithParty, from, to); ok {
				// "una alianza con el fondo Echelon Data Centres", "a deal
				// with IREN for Nvidia GB300 capacity": the counterparty
				// replaces a hardware brand.
				var kept []partyRef
				for _, p := range ps {
					if !p.brand {
						kept = append(kept, p)
					}
				}
				ps = kept
				add(name, pos, "")
			}
		}
	}
	return ps
}

func (d *doc) hasFixed(ps []partyRef, r extract.Role) bool {
	for _, p := range ps {
		if p.fixed == r {
			return true
		}
	}
	return false
}

// fixRoles applies the roles patterns stated, and completes the other
// side: a round without a raiser gets the article's main actor; an
// acquisition's or investment's other companies take the opposite role.
func (d *doc) fixRoles(kind extract.Kind, ps []partyRef, ok bool) ([]partyRef, bool) {
	any := false
	for k := range ps {
		if ps[k].fixed != "" {
			ps[k].role = ps[k].fixed
			any = true
		}
	}
	if !any {
		return ps, ok
	}
	opposite := map[extract.Role]extract.Role{
		extract.RoleBuyer: extract.RoleSeller, extract.RoleSeller: extract.RoleBuyer,
		extract.RoleInvestor: extract.RoleInvestee, extract.RoleRaiser: extract.RoleInvestor,
	}
	for k := range ps {
		if ps[k].fixed != "" {
			continue
		}
		if kind == extract.KindAcquisition && ps[k].role != "" && d.acquisitionSide(ps[k]) == ps[k].role {
			continue // the text states its side ("al gestor Macquarie")
		}
		for _, q := range ps {
			if q.fixed != "" {
				if r, has := opposite[q.fixed]; has && ps[k].role == q.fixed {
					ps[k].role = r
				}
			}
		}
	}
	if kind == extract.KindFundingRound && !d.hasRole(ps, extract.RoleRaiser) {
		if p := d.mainRaiser(ps); p != nil {
			ps = append(ps, *p)
		}
	}
	sortParties(ps)
	return ps, true
}

func (d *doc) hasRole(ps []partyRef, r extract.Role) bool {
	for _, p := range ps {
		if p.role == r {
			return true
		}
	}
	return false
}

// soldTo sets the roles of "X will sell $3bn worth of servers to Y": the
// company after "to"/"a" following a sell verb buys, the others sell.
func (d *doc) soldTo(kind extract.Kind, ps []partyRef, ok bool) ([]partyRef, bool) {
	buyer, seller := extract.RoleBuyer, extract.RoleSeller
	switch kind {
	case extract.KindChipSupply:
		buyer, seller = extract.RoleCustomer, extract.RoleSupplier
	case extract.KindInvestment:
		// "agreed to sell a 49% stake in its campus to SoftBank": the
		// company a stake is sold to invests.
		buyer, seller = extract.RoleInvestor, extract.RoleInvestee
	}
	to, awarded := -1, -1
	for k, p := range ps {
		if p.implicit || p.pos <= 0 || p.pos > len(d.lower) {
			continue
		}
		before := strings.TrimRight(d.lower[max(0, p.pos-140):p.pos], " ")
		// "to Elon Musk's xAI": skip the owner's name.
		before = strings.TrimRight(reOwnerTail.ReplaceAllString(before, ""), " ")
		switch lw := lastWord(before); lw {
		case "to", "a", "al":
			if hasAnyWord(before, sellWords) {
				to = k
			}
			// "AWS ha affidato a Stack Infrastructure la costruzione": the
			// company a job is given to sells it.
			rest := strings.TrimRight(before[:len(before)-len(lw)], " ")
			if w := lastWord(rest); awardedAdverbs[w] {
				rest = strings.TrimRight(rest[:len(rest)-len(w)], " ")
			}
			for _, v := range awardVerbs {
				if strings.HasSuffix(rest, v) {
					awarded = k
				}
			}
		}
	}
	if to < 0 && awarded >= 0 && len(ps) >= 2 && kind != extract.KindInvestment {
		for k := range ps {
			ps[k].role = buyer
		}
		ps[awarded].role = seller
		sortParties(ps)
		return ps, true
	}
	if to < 0 || len(ps) < 2 {
		return ps, ok
	}
	for k := range ps {
		ps[k].role = seller
	}
	ps[to].role = buyer
	sortParties(ps)
	return ps, true
}

// awardedAdverbs may stand between an award verb and "a": "ha
// adjudicado además a".
var awardedAdverbs = cueSet("awardedAdverbs")

// reOwnerTail is a possessive owner's name at the end of a text: "elon
// musk's".
var reOwnerTail = regexp.MustCompile(`(?:\s\p{L}+)?\s\p{L}+['’]s$`)

// buyersBefore sets the roles of "BlackRock, MGX y Microsoft compran
// Aligned Data Centers": the companies before the buy verb buy, the
// company right after it is bought. Roles the text fixed stay.
func (d *doc) buyersBefore(i, from, to int, ps []partyRef, ok bool) ([]partyRef, bool) {
	if from >= to {
		return ps, ok
	}
	loc := reBuyName.FindStringIndex(d.text[from:to])
	if loc == nil {
		return ps, ok
	}
	verb, target := from+loc[0], from+loc[1]-1
	if d.hasFixed(ps, extract.RoleBuyer) {
		return ps, ok
	}
	seen := false
	for _, p := range ps {
		seen = seen || !p.implicit && p.pos == target
	}
	if !seen {
		return ps, ok
	}
	for k := range ps {
		switch {
		case ps[k].implicit || ps[k].fixed != "":
		case ps[k].pos < verb:
			ps[k].role = extract.RoleBuyer
		case ps[k].pos == target:
			ps[k].role = extract.RoleSeller
		}
	}
	sortParties(ps)
	return ps, true
}

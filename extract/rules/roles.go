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
	targetPreps = map[string]bool{"in": true, "into": true, "en": true, "nel": true, "nella": true, "to": true,
		"a": true, "ad": true, "al": true, "alla": true, "all'": true, "nell'": true, "verso": true, "towards": true}
	// "di"/"de" are not here: "l'azienda di Sam Altman", "acciones de
	// Amazon" are possessives far more often than givers of money.
	sourcePreps = map[string]bool{"from": true, "da": true, "dal": true, "dalla": true, "dall'": true, "by": true, "por": true}
	withPreps   = map[string]bool{"con": true, "with": true}
	articles    = map[string]bool{"the": true, "il": true, "lo": true, "la": true, "l'": true, "el": true, "los": true,
		"las": true, "i": true, "gli": true, "le": true}
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
var bidWords = []string{"approach", "offer", "bid", "proposal", "offerta", "proposta", "oferta", "propuesta"}

// targetWords before "of"/"di"/"de" make the company after it the target.
var targetWords = []string{"acquisition", "takeover", "purchase", "acquisizione", "acquisto", "rilevamento", "adquisición", "compra"}

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

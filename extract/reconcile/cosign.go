package reconcile

import (
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// agreementCues refer back to a deal the article has stated ("che ha
// sottoscritto l'accordo", "which also signed the agreement", "que
// financia la operación"): a fact whose sentence has one is about that
// deal, not about a deal of its own.
var agreementCues = []string{
	"the agreement", "the deal", "the contract", "the transaction",
	"l'accordo", "dell'accordo", "all'accordo", "nell'accordo", "l'intesa", "dell'intesa",
	"l'operazione", "dell'operazione", "all'operazione", "il contratto", "del contratto",
	"el acuerdo", "del acuerdo", "al acuerdo", "la operación", "de la operación",
	"el contrato", "del contrato", "la transacción",
}

// refersToAgreement reports whether a sentence refers back to a deal.
func refersToAgreement(s string) bool {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	for _, c := range agreementCues {
		if strings.Contains(s, c) {
			return true
		}
	}
	return false
}

// joinCosigners joins a co-signer's fact to the deal it co-signs: a
// figure-less fact of a generic kind, stated as news, whose sentence
// refers back to the agreement ("Al finanziamento dell'operazione
// partecipa anche Banca Adriatica, che ha sottoscritto l'accordo"),
// joins the one deal of a specific kind with a figure that the same
// article states as news and that shares a party with it. The deal then
// lists the co-signer among its parties, though other outlets do not
// name it. With no cue, or several such deals in the article, the fact
// stays apart.
func joinCosigners(facts []rfact, find func(int32) int32, union func(a, b int32)) {
	byArticle := map[string][]int32{} // article → its specific news deals with a figure
	for i := range facts {
		f := &facts[i]
		if !generic(f.d.Kind) && f.d.Amount != nil && f.d.Mention != extract.MentionBackground {
			byArticle[f.article] = append(byArticle[f.article], int32(i))
		}
	}
	for i := range facts {
		f := &facts[i]
		if !generic(f.d.Kind) || f.d.Amount != nil || f.d.Mention == extract.MentionBackground || !refersToAgreement(f.d.Evidence.Text) {
			continue
		}
		root := int32(-1)
		for _, c := range byArticle[f.article] {
			if !sharesParty(f, &facts[c]) {
				continue
			}
			switch r := find(c); {
			case root == -1:
				root = r
			case root != r:
				root = -2
			}
		}
		if root >= 0 {
			union(int32(i), root)
		}
	}
}

// sharesParty reports whether two facts name a party in common.
func sharesParty(a, b *rfact) bool {
	for _, x := range a.roles {
		for _, y := range b.roles {
			if x.key == y.key {
				return true
			}
		}
	}
	return false
}

// joinVentureInvestors joins the figure-less fact of an investor lined
// up for a venture ("Tagus Compute has lined up Qasr Capital as a
// minority investor") to the venture's own deal that the same article
// states with a figure, the venture as its principal (see identify), of
// the same kind: an investor only one outlet names is part of the
// venture's deal, not a deal of its own. With several such deals in the
// article the fact stays apart.
func joinVentureInvestors(facts []rfact, find func(int32) int32, union func(a, b int32)) {
	type key struct{ article, principal string }
	var byVenture map[key][]int32
	for i := range facts {
		f := &facts[i]
		if p := principalOf(f); p != "" && f.d.Amount != nil {
			if byVenture == nil {
				byVenture = map[key][]int32{}
			}
			k := key{f.article, p}
			byVenture[k] = append(byVenture[k], int32(i))
		}
	}
	if byVenture == nil {
		return
	}
	for i := range facts {
		f := &facts[i]
		if f.d.Amount != nil || f.d.Mention == extract.MentionBackground || (f.d.Kind != extract.KindInvestment && f.d.Kind != extract.KindFundingRound) {
			continue
		}
		for _, r := range f.roles {
			if sideOf(r.role) != sidePayee {
				continue
			}
			root := int32(-1)
			for _, c := range byVenture[key{f.article, pairOfParty(r.key)}] {
				if facts[c].d.Kind != f.d.Kind {
					continue
				}
				switch rc := find(c); {
				case root == -1:
					root = rc
				case root != rc:
					root = -2
				}
			}
			if root >= 0 {
				union(int32(i), root)
			}
		}
	}
}

// principalOf returns the one party a fact's deal is about when it has
// one: the venture it names with its members (alias), or the party of
// its only one-party key; else "".
func principalOf(f *rfact) string {
	if f.alias != "" {
		if strings.Contains(f.alias, "+") {
			return ""
		}
		return f.alias
	}
	if len(f.keys) == 1 {
		if p := pairOf(f.keys[0]); !strings.Contains(p, "+") {
			return p
		}
	}
	return ""
}

// pairOfParty is a party key as deal keys write it, the pair of a
// one-party key ("tagus compute" → "tagus-compute"; see
// identifier.key): what principalOf returns.
func pairOfParty(key string) string { return strings.ReplaceAll(key, " ", "-") }

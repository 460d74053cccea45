package rules

import (
	"regexp"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// distribution reads a sentence without figures that says a cloud or
// platform distributes a lab's models ("AWS li renderà disponibili su
// Bedrock", "distribuito tramite Amazon Bedrock").
func (d *doc) distribution(i int) []candidate {
	if !d.has(i, catDistribution) {
		return nil
	}
	s := d.sents[i]
	var parties []partyRef
	for _, m := range d.ments[i] {
		parties = addParty(parties, m)
	}
	platform, lab := false, false
	for _, p := range parties {
		if p.kind == aliasCloud || d.hasType(p.entity, "cloud") || d.hasType(p.entity, "platform") {
			platform = true
		} else if d.hasType(p.entity, "lab") {
			lab = true
		}
	}
	if !platform {
		return nil
	}
	if !lab {
		if len(parties) != 1 {
			return nil
		}
		p := d.otherMain(parties[0].entity)
		if p == nil || !d.hasType(p.entity, "lab") {
			return nil
		}
		parties = append(parties, *p)
	}
	parties, roleOK := d.roles(extract.KindDistribution, parties, nil)
	c := candidate{sent: i, parties: parties, kindCue: true, roleCue: roleOK, teaser: d.teaser[i]}
	c.deal = extract.Deal{Kind: extract.KindDistribution, Grounded: true,
		Evidence: extract.Span{Text: d.text[s.start:s.end], Start: s.start, End: s.end}}
	d.labels(&c, i, s.start, s.end, false)
	if date := d.dateIn(i, s.start, s.end); date != "" {
		c.deal.AnnouncedOn = extract.StrPtr(date)
	}
	c.freshDay = d.hitIn(i, catFresh, s.start, s.end)
	c.score = d.score(&c, s)
	return []candidate{c}
}

// vague reads a sentence that states a deal between two named companies
// with an amount it does not quantify ("un accordo ... del valore di
// diversi miliardi di dollari", "a multibillion-dollar deal").
func (d *doc) vague(i int) []candidate {
	if !d.has(i, catVague) {
		return nil
	}
	s := d.sents[i]
	var parties []partyRef
	for _, m := range d.ments[i] {
		if m.kind != aliasPerson && !d.productQualifier(m) {
			parties = addParty(parties, m)
		}
	}
	if len(parties) != 2 {
		return nil
	}
	sc, local := d.kindScores(i, s.start, s.end, s.start, s.end)
	for _, p := range parties {
		if p.kind == aliasCloud {
			sc[catCompute] += 2
		}
	}
	if len(d.hardwareIn(s.start, s.end)) > 0 {
		sc[catChip]++
	}
	kind := pickKind(sc, false)
	if kind == extract.KindOther {
		return nil // no word says what the deal is
	}
	parties, roleOK := d.roles(kind, parties, d.hardwareIn(s.start, s.end))
	c := candidate{sent: i, parties: parties, kindCue: local, roleCue: roleOK, teaser: d.teaser[i]}
	c.deal = extract.Deal{Kind: kind, Grounded: true, Hardware: d.hardwareIn(s.start, s.end),
		Evidence: extract.Span{Text: d.text[s.start:s.end], Start: s.start, End: s.end}}
	d.labels(&c, i, s.start, s.end, false)
	if date := d.dateIn(i, s.start, s.end); date != "" {
		c.deal.AnnouncedOn = extract.StrPtr(date)
	}
	c.freshDay = d.hitIn(i, catFresh, s.start, s.end)
	c.score = d.score(&c, s)
	return []candidate{c}
}

// agreementNouns name an agreement whose counterparty follows with
// "con"/"with": "un acuerdo de colaboración con Telefónica Tech".
var agreementNouns = cueWords("agreementNouns")

// negationWords deny a deal: "no agreement in place", "ha smentito".
var negationWords = cueWords("negationWords")

// agreements reads a signed agreement stated without figures: "Nubaria ha
// firmado un acuerdo de colaboración con Telefónica Tech", "Cerebras firmó
// un acuerdo con Meta ..., y otro con Mistral". The subject is the company
// named before the agreement (or, for "la empresa", the article's main
// actor); each company after "con"/"with" following an agreement noun is
// a counterparty. Denied agreements are not read.
func (d *doc) agreements(i int) []candidate {
	if !d.has(i, catAgreed) || !d.has(i, catPartnership) {
		return nil
	}
	s := d.sents[i]
	low := d.lower[s.start:s.end]
	for _, w := range negationWords {
		if strings.Contains(low, w) {
			return nil
		}
	}
	var ms []mention
	for _, m := range d.ments[i] {
		if m.kind != aliasPerson && !d.productQualifier(m) && !d.inApposition(i, m.start) {
			ms = append(ms, m)
		}
	}
	var out []candidate
	for k, m := range ms {
		before := strings.TrimRight(d.lower[max(s.start, m.start-45):m.start], " ")
		var prep string
		for _, w := range []string{" con", " with", " junto a", " insieme a"} {
			if strings.HasSuffix(before, w) {
				prep = w
				break
			}
		}
		if prep == "" || !hasAnyWord(before[:len(before)-len(prep)], agreementNouns) {
			continue
		}
		// The subject: the first company named before, else "la empresa".
		// A coordinated clause (", and Nvidia signed a memorandum with")
		// has its own subject: the company right after the clause break.
		var subj *partyRef
		first := 0
		if cut := lastBefore(d.marksOf(i).coordBreak, s.start, m.start); cut >= 0 {
			// "..., y otro con Mistral": no subject of its own, the
			// clause shares the sentence's.
			for j, o := range ms[:k] {
				if o.start >= cut {
					first = j
					break
				}
			}
		}
		for _, o := range ms[first:k] {
			if o.entity != m.entity {
				subj = &partyRef{entity: o.entity, mention: o.text, pos: o.start, kind: o.kind}
				break
			}
		}
		if subj == nil {
			// "Además, Nubaria ha firmado un acuerdo ... con": a subject
			// the gazetteer does not know.
			if name, pos, ok := d.unknownSubject(s.start, m.start); ok {
				ps := d.addNamed(nil, name, pos)
				subj = &ps[0]
			}
		}
		if subj == nil {
			if !d.hitIn(i, catCompanyRef, s.start, m.start) {
				continue
			}
			subj = d.otherMain(m.entity)
			if subj == nil {
				continue
			}
		}
		parties := []partyRef{*subj, {entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}}
		clauseEnd := s.end
		if k+1 < len(ms) {
			clauseEnd = ms[k+1].start
		}
		sc, local := d.kindScores(i, m.start, clauseEnd, m.start, m.end)
		for _, p := range parties {
			if p.kind == aliasCloud {
				sc[catCompute] += 2
			}
		}
		kind := pickKind(sc, false)
		if kind == extract.KindOther {
			kind = extract.KindPartnership
		}
		hw := d.hardwareIn(m.start, clauseEnd)
		parties, roleOK := d.roles(kind, parties, hw)
		c := candidate{sent: i, parties: parties, kindCue: local, roleCue: roleOK, teaser: d.teaser[i]}
		c.deal = extract.Deal{Kind: kind, Grounded: true, Hardware: hw,
			Evidence: extract.Span{Text: d.text[s.start:s.end], Start: s.start, End: s.end}}
		d.labels(&c, i, s.start, s.end, false)
		if date := d.dateIn(i, s.start, s.end); date != "" {
			c.deal.AnnouncedOn = extract.StrPtr(date)
		}
		if y, _, _, ok := findTerm(d.lower, m.start, s.end); ok {
			c.deal.TermYears = extract.Ptr(y)
		}
		c.freshDay = d.hitIn(i, catFresh, s.start, s.end)
		c.score = d.score(&c, s)
		out = append(out, c)
	}
	return out
}

// reBuyName: a buy verb or noun right before a capitalised name.
var reBuyName = regexp.MustCompile(`\b(?:compran|compra|compró|comprar|comprará|comprarán|compra de|acquista|acquistano|acquisterà|ha acquistato|buy|buys|bought|will buy|purchase of)\s+(?:(?:en|in|nel) \d{4},?\s+)?(?:(?:el|la|il|the)\s+(?:\p{Ll}+\s+)?)?(?:(?:empresa|compañía|società|company|firm)\s+)?\p{Lu}`)

// buysCompany reports whether [from, to) of sentence i buys a company (a
// name that is no hardware brand): "compran Aligned Data Centers", "la
// compra de Ampere", not "compra 2.000 GPU Nvidia" or "buys Nvidia chips".
func (d *doc) buysCompany(i, from, to int) bool {
	if from >= to {
		return false
	}
	for _, loc := range reBuyName.FindAllStringIndex(d.text[from:to], -1) {
		at := from + loc[1] - 1
		for _, m := range d.ments[i] {
			if m.start == at && m.kind != aliasPerson && !d.productQualifier(m) {
				return true
			}
		}
	}
	return false
}

package rules

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// nameOf returns the canonical name of entity e (negative: unknown).
func (d *doc) nameOf(e int) string {
	if e < 0 {
		return d.unknown[-e-1]
	}
	return d.x.gaz.name(e)
}

// hasType reports whether entity e has type t; unknown companies have none.
func (d *doc) hasType(e int, t string) bool {
	if e < 0 {
		return unknownHasType(d.unknown[-e-1], t)
	}
	return d.x.gaz.hasType(e, t)
}

// unknownTypeSuffixes gives a company outside the gazetteer a type from
// the last word of its name: "Angelini Ventures" invests, "Kao Data
// Centers" sells capacity.
var unknownTypeSuffixes = map[string][]string{
	"investor": {"Ventures", "Capital", "Partners", "Fund", "Investments", "Investment", "Holdings", "Equity", "Asset Management", "Fondo", "Fondos", "Inversiones", "Investimenti", "Management"},
	"cloud":    {"Cloud", "Compute", "Data Centers", "Data Centres", "Datacenter", "Datacenters", "Data Center", "Hosting"},
}

// unknownHasType reports whether an unknown company's name says type t.
func unknownHasType(name, t string) bool {
	for _, suf := range unknownTypeSuffixes[t] {
		if strings.HasSuffix(name, " "+suf) {
			return true
		}
	}
	return false
}

// unknownID returns the entity id of an unknown company name.
func (d *doc) unknownID(name string) int {
	// One company, two spellings in one article ("Kairos Compute" and
	// "Kairos", "Nubaria AI" and "Nubaria", "Acme S.p.A."): one id, named
	// by its longest form.
	key := unknownKey(name)
	for i, n := range d.unknown {
		k := unknownKey(n)
		if n == name || k == key || strings.HasPrefix(n, name+" ") || strings.HasPrefix(name, n+" ") {
			if len(name) > len(n) {
				d.unknown[i] = name
			}
			return -i - 1
		}
	}
	// "Aligned" in an article about "Aligned Data Centers": the short
	// form of a company the gazetteer found.
	for _, ms := range d.ments {
		for _, m := range ms {
			if m.entity >= 0 && m.kind != aliasPerson && strings.HasPrefix(d.nameOf(m.entity), name+" ") {
				return m.entity
			}
		}
	}
	d.unknown = append(d.unknown, name)
	return -len(d.unknown)
}

// companySuffixes are legal forms and generic trailing words that the
// same company is written with or without.
var companySuffixes = cueWords("companySuffixes")

// unknownKey is an unknown company's name without its trailing legal form
// or generic word ("Kairos Compute" → "Kairos").
func unknownKey(name string) string {
	for changed := true; changed; {
		changed = false
		for _, suf := range companySuffixes {
			if strings.HasSuffix(name, " "+suf) && len(name) > len(suf)+2 {
				name = strings.TrimRight(name[:len(name)-len(suf)-1], " ,")
				changed = true
			}
		}
	}
	return name
}

// partyRef is a company in a candidate deal.
type partyRef struct {
	entity   int
	mention  string
	pos      int // byte offset of the mention; implicit parties sort last
	kind     aliasKind
	implicit bool // not named in the sentence: taken from the title and lead
	// guessed marks the article's other main actor filled in for a side
	// the sentence does not name or refer to: a guess, not a reading.
	// A deal left with a guessed party has a confidence below 0.5.
	guessed bool
	shared  bool // the sentence's subject, shared by its clauses
	brand   bool // named as the brand of hardware ("Nvidia GB300")
	// fixed is a role the text states by pattern ("guidato da Aker": an
	// investor; "X ha raccolto": the raiser); roles keeps it.
	fixed extract.Role
	role  extract.Role
}

// rePronounSubject: a sentence whose subject is "It", the company the
// sentence before is about ("xAI has been raising money ... It is seeking
// to raise about $10bn").
var rePronounSubject = regexp.MustCompile(`^(?:(?:In|Last|Earlier|On|At|By|Later)\b[^,.;]{0,30}?,?\s+(?:it|they)|It|They) (?:is|are|has|have|had|will|would|plans|planned|raised|agreed|signed|announced|struck|closed|bought|acquired|invested|was|were)\b`)

// possessiveOpeners start a sentence about the company the sentence
// before is about: "Su última ronda", "Its largest model", "La sua quota".
var possessiveOpeners = cueWords("possessiveOpeners")

// possessiveStart returns, for a sentence that opens with a possessive,
// the subject of the sentence before (its first company named).
func (d *doc) possessiveStart(i int) *partyRef {
	if i == 0 {
		return nil
	}
	t := strings.TrimLeft(d.text[d.sents[i].start:d.sents[i].end], " \"'“«")
	ok := rePronounSubject.MatchString(t)
	for _, p := range possessiveOpeners {
		ok = ok || strings.HasPrefix(t, p)
	}
	if !ok {
		return nil
	}
	for _, m := range d.ments[i-1] {
		if m.kind != aliasPerson {
			return &partyRef{entity: m.entity, mention: m.text, pos: math.MaxInt32, kind: m.kind, implicit: true}
		}
	}
	// "The company booked revenue ... Its previous round": the article's
	// subject, which the sentence before names as "the company".
	if len(d.ments[i-1]) == 0 && len(d.main) > 0 && d.has(i-1, catCompanyRef) {
		p := d.main[0]
		p.pos, p.implicit = math.MaxInt32, true
		return &p
	}
	return nil
}

// appositionCues open an apposition that describes a company by another
// one: "X, backed by Y,", "X, controlada por Y,", "X, rivale di Y".
var appositionCues = cueWords("appositionCues")

// memberRelatives open a relative clause that names the members of a
// group: "AIP, en el que también participan Nvidia y xAI,".
var memberRelatives = cueWords("memberRelatives")

// memberVerbs say that the companies of such a clause are members.
var memberVerbs = cueWords("memberVerbs")

// inApposition reports whether the mention at pos of sentence i is inside
// an apposition: the text since the comma before it opens with an
// apposition cue.
func (d *doc) inApposition(i, pos int) bool {
	s := d.sents[i]
	k := strings.LastIndexAny(d.text[max(s.start, pos-60):pos], ",(")
	if k < 0 {
		return d.inNounApposition(i, pos)
	}
	seg := strings.TrimLeft(d.lower[max(s.start, pos-60)+k+1:pos], " ")
	for _, c := range appositionCues {
		if strings.HasPrefix(seg, c) {
			return true
		}
	}
	if hasPrefixAny(seg, memberRelatives) && hasAnyPhrase(seg, memberVerbs) {
		return true
	}
	return d.inNounApposition(i, pos)
}

// inNounApposition reports whether the mention at pos of sentence i is in
// a noun phrase after a comma that says who made or owns the company
// before it: "Humain, la empresa de IA creada por el PIF (PIF), y AMD".
func (d *doc) inNounApposition(i, pos int) bool {
	s := d.sents[i]
	from := max(s.start, pos-110)
	k := strings.LastIndex(d.text[from:pos], ",")
	if k < 0 {
		return false
	}
	seg := strings.TrimLeft(d.lower[from+k+1:pos], " ")
	if !hasPrefixAny(seg, []string{"la ", "el ", "il ", "lo ", "l'", "the ", "un ", "una ", "a ", "an "}) {
		return false
	}
	for _, c := range append(appositionCues, creatorCues...) {
		if strings.Contains(seg, " "+c) {
			return true
		}
	}
	return false
}

// creatorCues say who created a company inside an apposition.
var creatorCues = cueWords("creatorCues")

// ownerCues, written right after a company noun, name the owner of the
// company the noun stands for: "il gruppo controllato da Y compra...",
// "the company, owned by Y,". Y describes the subject; it is no side of
// the deal the sentence states.
var ownerCues = cueWords("ownerCues")

// ownerNouns are the nouns that stand for a company already named.
var ownerNouns = cueWords("ownerNouns")

// inOwnerPhrase reports whether the mention at pos of sentence i is the
// owner in "<company noun> controllato da <mention>".
func (d *doc) inOwnerPhrase(i, pos int) bool {
	s := d.sents[i]
	seg := strings.TrimRight(d.lower[max(s.start, pos-50):pos], " ")
	for _, c := range ownerCues {
		if !strings.HasSuffix(seg, c) {
			continue
		}
		before := strings.TrimRight(seg[:len(seg)-len(c)], " ,")
		for _, n := range ownerNouns {
			if strings.HasSuffix(before, " "+n) || before == n {
				return true
			}
		}
	}
	return false
}

func addParty(ps []partyRef, m mention) []partyRef {
	for _, p := range ps {
		if p.entity == m.entity {
			return ps
		}
	}
	return append(ps, partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind})
}

// partiesOf returns the companies named in sentence i, as implicit
// parties of a sentence that refers to its deal ("the deal").
func (d *doc) partiesOf(i int) []partyRef {
	var out []partyRef
	for _, m := range d.ments[i] {
		// A brand ("GPU Nvidia GB300") or a company in an apposition is
		// not a side of the deal the sentence states.
		if len(d.ments[i]) > 2 && (d.productQualifier(m) || d.inApposition(i, m.start)) {
			continue
		}
		p := partyRef{entity: m.entity, mention: m.text, pos: math.MaxInt32, kind: m.kind, implicit: true}
		dup := false
		for _, q := range out {
			// "Grupo Samca" and the "Samca" inside it: one company
			// found twice, once with its generic first word.
			dup = dup || q.entity == p.entity || overlaps(p, q)
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

// onlyBrand reports whether the one explicit party is named as the brand
// of hardware ("Nvidia GB300 GPUs").
func (d *doc) onlyBrand(ps []partyRef) bool {
	for _, p := range ps {
		if p.implicit || p.pos <= 0 || p.pos+len(p.mention) > len(d.text) || d.text[p.pos:p.pos+len(p.mention)] != p.mention {
			continue
		}
		return d.productQualifier(mention{entity: p.entity, kind: p.kind, start: p.pos, end: p.pos + len(p.mention), text: p.mention})
	}
	return false
}

// reItSubject is a pronoun subject before a verb: "Last month it signed".
var reItSubject = regexp.MustCompile(`(?:^|[\s,])(?:it|It)\s+(?:has\s+|had\s+|also\s+|then\s+)*\p{Ll}+ed\b`)

// prevSubject returns, for a sentence whose subject is "the company",
// "la compañía" or "it" before the figure at gStart, the one company the
// sentence before names (persons aside), when it is not entity e.
func (d *doc) prevSubject(i, from, gStart, e int) (partyRef, bool) {
	if i == 0 || d.sents[i-1].heading || d.sents[i-1].row != nil {
		return partyRef{}, false
	}
	// The reference opens the sentence ("The company signed", "Last
	// month it signed"): it is the subject, not a later clause's.
	st := d.sents[i].start
	head := min(gStart, st+30)
	if head <= st || !d.hitIn(i, catCompanyRef, st, head) && !reItSubject.MatchString(d.text[st:head]) {
		return partyRef{}, false
	}
	var found *mention
	for k, m := range d.ments[i-1] {
		if m.kind == aliasPerson || d.productQualifier(m) {
			continue
		}
		if found != nil && found.entity != m.entity {
			return partyRef{}, false // two companies: which one is meant is unclear
		}
		found = &d.ments[i-1][k]
	}
	if found == nil {
		return partyRef{}, false
	}
	if found.desc || found.start-d.sents[i-1].start > 50 || d.prepBefore(found.start) != prepNone || d.inRelative(i-1, found.start) {
		// The one company the sentence before names is not its subject
		// ("The company, which was spun out of Yandex, ..."), or is
		// itself a reference ("Il gruppo di Austin"): the reference
		// goes back to the main actor named last.
		return d.refSubject(i, e)
	}
	if found.entity == e {
		return partyRef{}, false
	}
	return partyRef{entity: found.entity, mention: found.text, pos: math.MaxInt32, kind: found.kind, implicit: true}, true
}

// refSubject returns the company a reference opening sentence i ("la
// società", "the company", "it") stands for when the sentence before
// names no subject for it: the article's main actor named last before
// sentence i by name (descriptors and persons aside; a sentence naming
// both main actors names the first), other than entity e. A main actor
// other than the article's first, named more than three sentences
// before, is a guess.
func (d *doc) refSubject(i, e int) (partyRef, bool) {
	if d.roundup || len(d.main) == 0 {
		return partyRef{}, false
	}
	for k := i - 1; k >= 0; k-- {
		pick := -1
		for _, m := range d.ments[k] {
			if m.desc || m.kind == aliasPerson || m.entity == e || d.productQualifier(m) {
				continue
			}
			for j, p := range d.main {
				if p.entity == m.entity && (pick < 0 || j < pick) {
					pick = j
				}
			}
		}
		if pick < 0 {
			continue
		}
		p := d.main[pick]
		p.implicit = true
		p.guessed = pick > 0 && i-k > 3
		return p, true
	}
	return partyRef{}, false
}

// otherMain returns the main actor of the article that is not entity e.
func (d *doc) otherMain(e int) *partyRef {
	if d.roundup {
		return nil // a digest's items are about different companies
	}
	for _, p := range d.main {
		if p.entity != e {
			q := p
			q.guessed = true
			return &q
		}
	}
	return nil
}

// inMention reports whether pos of sentence i is inside a company
// mention ("cloud" in "Google Cloud" is a name, not a cue).
func (d *doc) inMention(i, pos int) bool {
	ms := d.ments[i]
	k := sort.Search(len(ms), func(k int) bool { return ms[k].end > pos })
	return k < len(ms) && ms[k].start <= pos
}

// productWords name hardware next to a brand ("GPU Nvidia", "Nvidia
// chips", "AMD Instinct GPUs").
var productWords = cueSet("productWords")

// serviceBrands are cloud brands that prefix a service named after
// another company ("Azure OpenAI").
var serviceBrands = cueSet("serviceBrands")

// productQualifier reports whether mention m names the brand of hardware
// rather than a party: a product word or hardware name right before or
// after it.
func (d *doc) productQualifier(m mention) bool {
	if q, ok := d.qualifier[m.start]; ok {
		return q
	}
	q := d.isProductQualifier(m)
	if d.qualifier == nil {
		d.qualifier = map[int]bool{}
	}
	d.qualifier[m.start] = q
	return q
}

func (d *doc) isProductQualifier(m mention) bool {
	before := lastWord(strings.TrimRight(d.lower[max(0, m.start-16):m.start], " "))
	if productWords[before] {
		return true
	}
	if serviceBrands[before] && strings.ToLower(d.text[m.start-len(before)-1:m.start-1]) == before {
		return true // "Azure OpenAI": a cloud service named after the lab, no party
	}
	// "GPU de Nvidia", "chip di Nvidia", "processors from AMD".
	switch before {
	case "de", "di", "del", "from":
		w := strings.TrimRight(d.lower[max(0, m.start-24):m.start], " ")
		w = strings.TrimRight(w[:len(w)-len(before)], " ")
		if productWords[lastWord(w)] {
			return true
		}
	}
	after := strings.TrimLeft(d.text[m.end:min(len(d.text), m.end+30)], " ")
	// "Nvidia's GB200 chips", "Bloom Energy's fuel cells": the maker of
	// the product the deal is about.
	for _, p := range []string{"'s ", "’s "} {
		if strings.HasPrefix(d.text[m.end:min(len(d.text), m.end+4)], p) {
			rest := d.text[m.end+len(p) : min(len(d.text), m.end+40)]
			if end, _ := hardwareAt(rest, 0); end > 0 || productWords[strings.ToLower(firstWord(rest))] {
				return true
			}
		}
	}
	if productWords[strings.ToLower(firstWord(after))] {
		return true
	}
	if end, _ := hardwareAt(after, 0); end > 0 {
		return true
	}
	return false
}

// hardwareIn returns the canonical hardware names written in
// text[from:to], in order, without duplicates.
func (d *doc) hardwareIn(from, to int) []string {
	var out []string
	for _, h := range d.hw {
		if h.start >= from && h.end <= to {
			for _, n := range h.names {
				out = appendUnique(out, n)
			}
		}
	}
	return out
}

// unknownSubject returns a company the gazetteer does not know that is
// the subject of the clause text[from:to].
func (d *doc) unknownSubject(from, to int) (string, int, bool) {
	if from >= to {
		return "", 0, false
	}
	m := reSubject.FindStringSubmatchIndex(d.text[from:to])
	if m == nil {
		return "", 0, false
	}
	name := d.text[from+m[2] : from+m[3]]
	if notCompany[name] || notCompany[firstWord(name)] {
		return "", 0, false
	}
	for _, mm := range d.x.gaz.find(name) {
		if mm.start == 0 {
			return "", 0, false // known: the mention pass has it
		}
	}
	return name, from + m[2], true
}

// addNamed adds a company named by pattern (known or not) to ps.
func (d *doc) addNamed(ps []partyRef, name string, pos int) []partyRef {
	ent, known := 0, false
	for _, m := range d.x.gaz.find(name) {
		if m.start == 0 {
			ent, known = m.entity, true
		}
	}
	if !known {
		ent = d.unknownID(name)
	}
	ref := partyRef{entity: ent, mention: name, pos: pos, kind: aliasCompany}
	for _, p := range ps {
		if p.entity == ent || overlaps(p, ref) {
			return ps // "Grupo Samca" where "Samca" is a party already
		}
	}
	return append(ps, ref)
}

// fundNouns refer back to an investor named just before: "Blackstone ...
// El fondo ya es uno de los mayores inversores ... tras comprar QTS".
var fundNouns = cueWords("fundNouns")

// fundRef returns the investor a fund noun in [from, to) of sentence i
// refers to: the last investor named in that sentence before the noun or
// in the two sentences before it, when it is not already a party.
func (d *doc) fundRef(i, from, to int, ps []partyRef) (partyRef, bool) {
	if from >= to {
		return partyRef{}, false
	}
	low := d.lower[from:to]
	at := -1
	for _, n := range fundNouns {
		if k := strings.Index(low, n); k >= 0 && (k == 0 || !isWordByte(low[k-1])) && (at < 0 || k < at) {
			at = k
		}
	}
	if at < 0 {
		return partyRef{}, false
	}
	at += from
	for j := i; j >= 0 && j >= i-2; j-- {
		ms := d.ments[j]
		for k := len(ms) - 1; k >= 0; k-- {
			m := ms[k]
			if (j == i && m.start >= at) || m.kind == aliasPerson || !d.hasType(m.entity, "investor") {
				continue
			}
			for _, p := range ps {
				if p.entity == m.entity {
					return partyRef{}, false
				}
			}
			return partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}, true
		}
	}
	return partyRef{}, false
}

// reSubjectVerb: right after a sentence's opening company, a verb that
// makes it the subject of what follows ("Google has raised its backstop
// for Fluidstack's lease obligations at TeraWulf's campus").
var reSubjectVerb = regexp.MustCompile(`^\s+(?:has|have|will|is|agreed|signed|raised|lifted|increased|ha|hanno|han|è|aumenta|eleva|alza)\s+(?:raised|lifted|increased|agreed|signed|aumentado|elevado|alzato|aumentato|firmado|firmato)?`)

// reSubjectBuys: the opening company commits to buy or buys: it is a
// side of the purchase whoever else the sentence names ("Anthropic si è
// impegnata ad acquistare capacità su Microsoft Azure per 30 miliardi,
// nell'ambito di un'alleanza con Microsoft e Nvidia").
var reSubjectBuys = regexp.MustCompile(`^\s+(?:si è impegnat[ao] (?:ad|a) (?:acquistare|comprare)|se ha comprometido a (?:comprar|adquirir)|has committed to (?:buy|purchase|spend)|committed to (?:buy|purchase|spend)|will buy|will purchase|comprará|acquisterà|ha acquistato|ha comprado|bought)(?:\s|$|[,.;])`)

// addOpeningSubject adds the company that opens sentence i as its
// subject to the parties of g when the others are only named in
// possessives after it ("for Fluidstack's lease obligations at
// TeraWulf's campus"): the subject acts, the possessors are described.
func (d *doc) addOpeningSubject(i int, g *group, ps []partyRef) []partyRef {
	s := d.sents[i]
	if len(d.ments[i]) == 0 || len(ps) == 0 {
		return ps
	}
	m0 := d.ments[i][0]
	if m0.kind == aliasPerson || m0.start > g.start || strings.TrimLeft(d.text[s.start:m0.start], " \"'“«*") != "" ||
		!reSubjectVerb.MatchString(d.text[m0.end:min(s.end, m0.end+30)]) && !reSubjectBuys.MatchString(d.text[m0.end:min(s.end, m0.end+40)]) {
		return ps
	}
	buys := reSubjectBuys.MatchString(d.text[m0.end:min(s.end, m0.end+40)])
	for _, p := range ps {
		if p.entity == m0.entity {
			return ps
		}
		if !buys && (p.implicit || p.pos < m0.end || !strings.HasPrefix(d.text[p.pos+len(p.mention):min(s.end, p.pos+len(p.mention)+2)], "'s")) {
			return ps // a side named other than in a possessive
		}
	}
	if cs, _ := d.clause(s, *g); cs > m0.end {
		return ps // a clause break between the subject and the figures
	}
	return append(ps, partyRef{entity: m0.entity, mention: m0.text, pos: m0.start, kind: m0.kind})
}

// reAbsolute: "with X backstopping", "con X garantizando": an absolute
// clause whose company acts on the deal the sentence told first.
var reAbsolute = regexp.MustCompile(`^\s+\p{Ll}+(?:ing|ando|endo)\b`)

// absoluteSubject returns, for a party named in an absolute clause ("...
// a $3bn lease with Fluidstack, with Google backstopping $1.4bn of the
// lease obligations"), the subject of the sentence: the company the
// clause's figure is owed to or by.
func (d *doc) absoluteSubject(i int, ps []partyRef) (partyRef, bool) {
	if len(ps) != 1 || ps[0].implicit {
		return partyRef{}, false
	}
	p := ps[0]
	if p.pos < d.sents[i].start || p.pos+len(p.mention) > d.sents[i].end {
		return partyRef{}, false
	}
	before := strings.TrimRight(d.lower[max(d.sents[i].start, p.pos-6):p.pos], " ")
	if !strings.HasSuffix(before, "with") && !strings.HasSuffix(before, "con") {
		return partyRef{}, false
	}
	if !reAbsolute.MatchString(d.text[p.pos+len(p.mention) : min(d.sents[i].end, p.pos+len(p.mention)+25)]) {
		return partyRef{}, false
	}
	for _, m := range d.ments[i] {
		if m.start >= p.pos {
			break
		}
		if m.entity != p.entity && m.kind != aliasPerson && !d.productQualifier(m) {
			return partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}, true
		}
	}
	return partyRef{}, false
}

// gappedObject reads a gapped clause, "Microsoft investirà fino a 5
// miliardi nella società di Amodei e Nvidia fino a 10 miliardi": the
// company right after the conjunction, followed by its figure with no verb,
// does what the first clause says to the same object. It returns that
// object: the last company named before the conjunction other than the
// sentence's first.
func (d *doc) gappedObject(i int, g *group, ps []partyRef) (partyRef, bool) {
	if len(ps) != 1 || ps[0].implicit || ps[0].pos > g.start {
		return partyRef{}, false
	}
	p := ps[0]
	if p.pos < d.sents[i].start || p.pos+len(p.mention) > g.start {
		return partyRef{}, false
	}
	before := strings.TrimRight(d.lower[max(d.sents[i].start, p.pos-4):p.pos], " ")
	if !strings.HasSuffix(before, " e") && !strings.HasSuffix(before, " y") && !strings.HasSuffix(before, " and") {
		return partyRef{}, false
	}
	gap := strings.TrimSpace(d.lower[p.pos+len(p.mention) : g.start])
	switch gap {
	case "", "fino a", "hasta", "up to", "con", "con otros", "with", "with another", "another", "altri", "otros":
	default:
		return partyRef{}, false
	}
	ms := d.ments[i]
	for k := len(ms) - 1; k > 0; k-- {
		m := ms[k]
		if m.start >= p.pos || m.entity == p.entity || m.entity == ms[0].entity || d.productQualifier(m) {
			continue
		}
		return partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}, true
	}
	return partyRef{}, false
}

// reConsortium opens a list of the members of a buying group.
var reConsortium = regexp.MustCompile(`(?i:consorcio formado por|consorcio integrado por|consorcio liderado por|consorzio formato da|consorzio composto da|consorzio guidato da|cordata (?:formata|composta|guidata) da|consortium (?:of|led by|made up of|formed by|including|that includes))\s`)

// addConsortium adds the members of a consortium that is the subject of
// group g's clause ("Un consorcio formado por GIP, filial de BlackRock, el
// fondo emiratí MGX y la AIP ha acordado la compra de Aligned"): each
// company listed after the cue and before the verb is a side.
func (d *doc) addConsortium(i int, g *group, ps []partyRef) []partyRef {
	from := -1
	for _, c := range d.marksOf(i).consortium {
		if c[1] <= g.start {
			from = c[1]
		}
	}
	if from < 0 {
		return ps
	}
	to := min(g.start, from+300)
	for _, v := range []string{" ha ", " han ", " hanno ", " has ", " have ", " will ", " agreed", " acordó", " compra", " acquist"} {
		if k := strings.Index(d.lower[from:to], v); k >= 0 && from+k < to {
			to = from + k
		}
	}
	for _, m := range d.ments[i] {
		if m.start < from || m.start >= to || m.kind == aliasPerson || d.inApposition(i, m.start) {
			continue
		}
		have := false
		for _, p := range ps {
			have = have || p.entity == m.entity
		}
		if !have {
			ps = append(ps, partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind, fixed: extract.RoleBuyer})
		}
	}
	return ps
}

// dedupParties keeps the first party of each company.
func dedupParties(ps []partyRef) []partyRef {
	out := ps[:0:0]
	for _, p := range ps {
		dup := false
		for _, q := range out {
			dup = dup || q.entity == p.entity
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

// overlaps reports whether two explicit parties are mentions that share
// text.
func overlaps(p, q partyRef) bool {
	if p.implicit || q.implicit || p.pos <= 0 || q.pos <= 0 || p.pos == math.MaxInt32 || q.pos == math.MaxInt32 {
		return false
	}
	return p.pos < q.pos+len(q.mention) && q.pos < p.pos+len(p.mention)
}

// opensWithCompany reports whether sentence i opens with a company named
// before pos.
func (d *doc) opensWithCompany(i, pos int) bool {
	ms := d.ments[i]
	return len(ms) > 0 && ms[0].kind != aliasPerson && ms[0].start < pos &&
		strings.TrimLeft(d.text[d.sents[i].start:ms[0].start], " \"'“«*") == ""
}

// reRelative opens a relative or participial clause, whose companies are
// not the sentence's subject: "The company, which was spun out of X",
// "la società, che fa capo a X".
var reRelative = regexp.MustCompile(`,\s+(?:which|who|that|che|cui|que|quien|la cual|el cual|il quale|la quale|founded|spun|owned|backed|fondata|controllata|participada|fundada)\b`)

// inRelative reports whether pos of sentence i is inside a relative or
// participial clause opened after the sentence's start.
func (d *doc) inRelative(i, pos int) bool {
	return reRelative.MatchString(d.lower[d.sents[i].start:pos])
}

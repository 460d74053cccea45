package rules

import (
	"math"
	"regexp"
	"sort"
	"strings"
)

// This file holds what buildCandidate (candidates.go) asks about a
// candidate's parties: its score and confidence, who raises a round whose
// named companies all invest, and which company a description or a
// reference ("la promotora", "the company") stands for.

// score counts the cues that agree on a candidate; it picks the best
// evidence among repetitions and sets the confidence.
func (d *doc) score(c *candidate, s sentence) int {
	n := 0
	explicit := 0
	for _, p := range c.parties {
		if !p.implicit {
			explicit++
		}
	}
	if explicit >= 2 {
		n += 2
	} else if explicit == 1 && len(c.parties) == 1 {
		n++ // a round's raiser alone
	}
	if c.kindCue {
		n++
	}
	if c.roleCue {
		n++
	}
	if c.explicit {
		n++
	}
	if c.deal.PreviousAmount != nil || len(c.deal.Tranches) > 0 || len(c.deal.Capacity) > 0 || c.deal.TermYears != nil {
		n++
	}
	if s.row != nil {
		n++
	}
	if s.heading && s.row == nil {
		n--
	}
	if c.teaser {
		n -= 2
	}
	return n
}

// reParticipation ends with the phrase that names a round's participant:
// "con la partecipazione di", "with participation from".
var reParticipation = regexp.MustCompile(`(?:partecipazione|participación|participation)\s+(?:di|de|del|dello|della|of|from|by)\s+(?:(?:la|el|il|lo|the)\s+)?$`)

// investorsOnly reports whether every party of a round is named as one
// who puts money in: after "da", "by", "con", "with", a participation
// phrase, or listed with such a party ("da CDP Equity ed Eni Next").
func (d *doc) investorsOnly(ps []partyRef) bool {
	sorted := append([]partyRef(nil), ps...)
	sort.Slice(sorted, func(a, b int) bool { return sorted[a].pos < sorted[b].pos })
	for k, p := range sorted {
		if p.implicit || p.pos <= 0 || p.pos >= len(d.lower) || p.kind == aliasPerson {
			return false
		}
		if !d.namedAsInvestor(sorted, k) || d.descAt(p.pos) {
			return false // "la società guidata da Sam Altman": a company described, not an investor
		}
	}
	return true
}

// namedAsInvestor reports whether party k of sorted is named as one who
// puts money in: after "da", "by", "con", a participation phrase, or
// listed after such a party.
func (d *doc) namedAsInvestor(sorted []partyRef, k int) bool {
	p := sorted[k]
	switch d.prepBefore(p.pos) {
	case prepSource, prepWith:
		return true
	}
	if reParticipation.MatchString(d.lower[max(0, p.pos-50):p.pos]) {
		return true
	}
	if k > 0 {
		q := sorted[k-1]
		switch strings.Trim(d.lower[min(q.pos+len(q.mention), p.pos):p.pos], ", ") {
		case "e", "ed", "and", "y", "&":
			return true
		}
	}
	return false
}

// roundRaiser returns who raises a round whose named companies are all
// investors: the company opening sentence i before the figure at gStart
// as its subject, else the company a reference stands for.
func (d *doc) roundRaiser(i, gStart int, ps []partyRef) (partyRef, bool) {
	st := d.sents[i].start
	for _, m := range d.ments[i] {
		if m.start >= gStart || m.start-st > 50 {
			break
		}
		if m.kind == aliasPerson || m.desc || hasEntity(ps, m.entity) || d.prepBefore(m.start) != prepNone {
			continue
		}
		return partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}, true
	}
	p, ok := d.refSubject(i, -1)
	if !ok || hasEntity(ps, p.entity) {
		return partyRef{}, false
	}
	return p, true
}

// descAt reports whether a descriptor mention starts at pos.
func (d *doc) descAt(pos int) bool {
	i := d.sentOf(pos)
	if i < 0 || i >= len(d.ments) {
		return false
	}
	ms := d.ments[i]
	k := sort.Search(len(ms), func(k int) bool { return ms[k].end > pos })
	return k < len(ms) && ms[k].start <= pos && ms[k].desc
}

// refNouns are the company nouns specific enough to stand for the one
// company an article introduced with them ("la promotora madrileña
// Meseta Data Centers" ... "la promotora ha cerrado"); "the company",
// "il gruppo" are companyRef cues, read by subjectBefore.
var refNouns = func() map[string]bool {
	generic := map[string]bool{"startup": true, "start-up": true, "empresa": true, "compañía": true, "società": true, "azienda": true,
		"company": true, "firm": true, "gruppo": true, "grupo": true, "group": true}
	out := map[string]bool{}
	for _, n := range companyNouns {
		if !strings.Contains(n, " ") && !generic[n] {
			out[n] = true
		}
	}
	return out
}()

// reDefiniteNoun is a definite article and the noun after it: "la
// promotora", "the developer", "l'operatore".
var reDefiniteNoun = regexp.MustCompile(`(?:^|[\s,(])(?:la|el|il|lo|l'|l’|the)\s*([\p{Ll}-]+)`)

// introducedRef returns, for sentence i whose text before gStart names a
// company by a definite company noun ("la promotora", "the developer"),
// the one company the article introduced with that noun before ("la
// promotora madrileña Meseta Data Centers", "Northlake Compute, a
// Denver-based AI cloud provider"), when it is not entity e.
func (d *doc) introducedRef(i, gStart, e int) (partyRef, bool) {
	// The noun is in the words before the figure, not anywhere in a long
	// sentence.
	st := max(d.sents[i].start, gStart-120)
	for _, m := range reDefiniteNoun.FindAllStringSubmatchIndex(d.lower[st:gStart], -1) {
		noun := d.lower[st+m[2] : st+m[3]]
		if !refNouns[noun] {
			continue
		}
		var found *mention
		for _, mm := range d.introduced(noun) {
			if mm.start >= st+m[2] {
				break
			}
			if found != nil && found.entity != mm.entity {
				return partyRef{}, false // two companies so introduced: which one is unclear
			}
			found = mm
		}
		if found == nil && d.opensSubject(i, st+m[0]) {
			// "En primer lugar, la operadora comprará a Nvidia": a
			// company noun as the sentence's subject, introduced by no
			// name, is the main actor named last.
			return d.refSubject(i, e)
		}
		if found == nil || found.entity == e {
			return partyRef{}, false
		}
		return partyRef{entity: found.entity, mention: found.text, pos: math.MaxInt32, kind: found.kind, implicit: true}, true
	}
	return partyRef{}, false
}

// introduced returns, in text order, the company mentions the article
// introduces with noun; computed once per noun.
func (d *doc) introduced(noun string) []*mention {
	if ms, ok := d.intros[noun]; ok {
		return ms
	}
	var out []*mention
	for k := range d.ments {
		for j := range d.ments[k] {
			mm := &d.ments[k][j]
			if mm.desc || mm.kind == aliasPerson {
				continue
			}
			before := d.lower[max(0, mm.start-40):mm.start]
			after := d.lower[mm.end:min(len(d.lower), mm.end+60)]
			if introducedBy(before, after, noun) {
				out = append(out, mm)
			}
		}
	}
	if d.intros == nil {
		d.intros = map[string][]*mention{}
	}
	d.intros[noun] = out
	return out
}

// reAdjective is a demonym or an adjective of origin between a company
// noun and the name: "madrileña", "milanese", "statunitense".
// A word ending in a stressed vowel or "-ed" is a verb ("comprará",
// "signed"); a preposition links to an object.
var reAdjective = regexp.MustCompile(`^\p{Ll}{3,}$`)

// notAdjective are the words after a company noun that are no adjective.
var notAdjective = regexp.MustCompile(`(?:á|à|é|è|í|ì|ó|ò|ú|ù|ed|ing|ha|ado|ido|ato|ito)$|^(?:con|with|per|por|para|for|del|della|dello|and|que|che|who|which|that|has|had|was|ora|now|also|anche|ya|già|ahora|firma|signs)$`)

// introducedBy reports whether a company whose mention has before and
// after around it is introduced with noun: "la promotora madrileña X",
// "X, a Denver-based AI cloud provider", "X, promotora zaragozana".
func introducedBy(before, after, noun string) bool {
	if k := strings.LastIndex(before, noun); k >= 0 && (k == 0 || !isWordByte(before[k-1])) {
		rest := strings.Fields(before[k+len(noun):])
		if len(rest) == 0 && strings.HasSuffix(before, " ") ||
			len(rest) == 1 && strings.HasSuffix(before, " ") && reAdjective.MatchString(rest[0]) && !notAdjective.MatchString(rest[0]) {
			return true // "la promotora X", "la promotora madrileña X"
		}
	}
	if !strings.HasPrefix(after, ", ") {
		return false
	}
	clause := after[2:]
	if k := strings.IndexAny(clause, ",.;("); k >= 0 {
		clause = clause[:k]
	}
	words := strings.Fields(clause)
	if len(words) > 7 {
		return false
	}
	for _, w := range words {
		if w == noun {
			return true
		}
	}
	return false
}

// reCoordinated opens a clause that continues the sentence's subject
// with a new predicate: ", and instead agreed", ", e ha firmato", ", y
// firmó".
var reCoordinated = regexp.MustCompile(`^[\s,;]*(?:and|e|ed|y)\s+(?:(?:instead|also|then|later|anche|poi|invece|además|también|luego)\s+)?(?:has\s+|have\s+|had\s+|ha\s+|hanno\s+|han\s+|se\s+)?\p{Ll}+(?:ed|ó|ato|ito|ado|ido)\b`)

// coordinatedSubject returns, for a clause of sentence i starting at from
// that continues the subject of the sentence with a new verb, the
// company opening the sentence as its subject, when it is not entity e.
func (d *doc) coordinatedSubject(i, from, e int) (partyRef, bool) {
	s := d.sents[i]
	if from <= s.start || from >= s.end || !reCoordinated.MatchString(d.lower[from:min(s.end, from+60)]) || len(d.ments[i]) == 0 {
		return partyRef{}, false
	}
	m := d.ments[i][0]
	if m.kind == aliasPerson || m.desc || m.entity == e || m.start-s.start > 50 || m.start >= from ||
		d.prepBefore(m.start) != prepNone || d.inRelative(i, m.start) {
		return partyRef{}, false
	}
	return partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind, shared: true}, true
}

// opensSubject reports whether pos of sentence i opens its subject: only
// an introductory phrase closed by a comma ("En primer lugar,") or
// nothing is before it.
func (d *doc) opensSubject(i, pos int) bool {
	head := strings.TrimSpace(d.lower[d.sents[i].start:pos])
	if head == "" {
		return true
	}
	return len(head) <= 40 && strings.HasSuffix(head, ",") && strings.Count(head, ",") == 1
}

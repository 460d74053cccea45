package rules

import (
	"regexp"
	"sort"
	"strings"
)

// reAnalystForecast says analysts forecast what follows: "Morgan Stanley
// analysts expect", "Analysts at Bernstein predict", "los analistas de
// Citi prevén".
var reAnalystForecast = regexp.MustCompile(`\b(?:analysts?|analisti|analistas)\b[^.;]{0,40}?\b(?:expects?|expected|forecasts?|predicts?|estimates?|prevedono|stimano|si aspettano|prevén|estiman|esperan|calculan)\b`)

// dropForecaster removes from parties the bank or firm whose analysts
// forecast the deal: they are its source, not a side of it.
func (d *doc) dropForecaster(i int, parties []partyRef) ([]partyRef, bool) {
	s := d.sents[i]
	loc := d.marksOf(i).analyst
	if loc[0] < 0 {
		return parties, false
	}
	from, to := max(s.start, loc[0]-30), loc[1]
	out := parties[:0:0]
	for _, p := range parties {
		if !p.implicit && p.pos >= from && p.pos < to {
			continue
		}
		out = append(out, p)
	}
	return out, true
}

// deployWords say that the subject takes hardware of a brand: "will
// deploy 600,000 Nvidia GPUs" makes the brand the supplier.
var deployWords = cueWords("deployWords")

// capacityParties decides the parties of a capacity stated without money.
// The brand of the hardware ("40,000 Nvidia GB300 GPUs") is no party,
// unless the subject deploys or buys it ("will deploy 600,000 Nvidia
// GPUs"); when the subject supplies it ("CoreWeave will supply"), the
// other side is the article's main actor. A capacity that only one company
// has, with no deal word, is that company's own (96MW it operates, 200.000
// GPU in its supercomputer): not a deal.
func (d *doc) capacityParties(i int, g *group, from, to int, ps []partyRef) ([]partyRef, bool) {
	var own, brands []partyRef
	for _, p := range ps {
		switch {
		case p.implicit:
		case p.brand:
			brands = append(brands, p)
		default:
			own = append(own, p)
		}
	}
	if len(own) >= 2 {
		return ps, true
	}
	lowClause := d.lower[from:to]
	if len(own) == 1 && len(brands) > 0 && hasAnyWord(lowClause, deployWords) && !d.hitIn(i, catSupplyVerb, from, to) {
		return append(own, brands[0]), true
	}
	dealWord := d.hitIn(i, catPartnership, from, to) || d.hitIn(i, catSupplyVerb, from, to) || d.hitIn(i, catBuy, from, to) ||
		d.hitIn(i, catAnaphora, from, to) || d.hitIn(i, catDistribution, from, to) || d.hitIn(i, catAgreed, from, to) ||
		hasAnyWord(lowClause, deployWords)
	if !dealWord {
		return nil, false
	}
	if len(brands) > 0 && len(own) == 1 {
		return own, true // the main actor may be added as the other side
	}
	return ps, true
}

// clausePunct and clauseWords end the clause of one group before the next.
var (
	clausePunct = cueWords("clausePunct")
	clauseWords = cueWords("clauseWords")
)

// windows sets each group's clause: from the previous group's clause end
// to the first clause break after the group (a punctuation mark, else a
// conjunction, else the midpoint to the next group).
func (d *doc) windows(groups []group, s sentence) {
	sort.SliceStable(groups, func(a, b int) bool { return groups[a].start < groups[b].start })
	start := s.start
	for g := range groups {
		groups[g].wStart = start
		if g+1 == len(groups) {
			groups[g].wEnd = s.end
			break
		}
		from, to := groups[g].end, groups[g+1].start
		cut := -1
		if from < to {
			between := d.text[from:to]
			for _, p := range clausePunct {
				if k := strings.Index(between, p); k >= 0 && (cut < 0 || k < cut) {
					cut = k
				}
			}
			if cut < 0 {
				lb := d.lower[from:to]
				for _, w := range clauseWords {
					if k := strings.Index(lb, w); k >= 0 && (cut < 0 || k < cut) {
						cut = k
					}
				}
			}
			if cut < 0 {
				cut = (to - from) / 2
			}
		} else {
			cut = 0
		}
		groups[g].wEnd = from + cut
		start = from + cut
	}
}

// groupParties returns the companies of each group. A group takes the
// two companies mentioned nearest its figures in its clause (the one who
// pays and the one paid: "OpenAI ha firmato un accordo con Amazon Web
// Services dal valore di 38 miliardi") and those listed with them
// ("Amazon, Nvidia e SoftBank"). A group naming fewer than two takes the
// sentence's subject when it opens the sentence ("Amazon's investment
// math: $50 billion to OpenAI ... versus $25 billion to Anthropic"), then
// companies already taken by an earlier clause.
func (d *doc) groupParties(i int, groups []group) [][]partyRef {
	ments := d.ments[i]
	named := map[int]bool{}
	for _, m := range ments {
		if m.kind != aliasPerson {
			named[m.entity] = true
		}
	}
	var usable []mention
	for _, m := range ments {
		if m.kind == aliasPerson && named[m.entity] {
			continue
		}
		usable = append(usable, m)
	}
	// "Humain, backed by the Public Investment Fund, will deploy...": a
	// company named inside an apposition describes another one; it is no
	// party while the sentence names others.
	{
		kept := usable[:0:0]
		for _, m := range usable {
			if !d.inOwnerPhrase(i, m.start) {
				kept = append(kept, m)
			}
		}
		usable = kept
	}
	if len(usable) > 1 {
		kept := usable[:0:0]
		for _, m := range usable {
			if !d.inApposition(i, m.start) {
				kept = append(kept, m)
			}
		}
		if len(kept) > 0 {
			usable = kept
		}
	}
	out := make([][]partyRef, len(groups))
	if len(usable) == 0 {
		return out
	}
	// A company far after the figures is the subject of another clause
	// ("... $100 milioni per diventare l'hub ..., svelando una nuova
	// Create 2026 di Baidu").
	in := func(m mention, g int) bool {
		return m.start >= groups[g].wStart && (m.start < groups[g].wEnd || g == len(groups)-1) && m.start <= groups[g].end+80
	}
	shared := -1
	if len(groups) > 1 {
		m0 := usable[0]
		opens := strings.TrimLeft(d.text[d.sents[i].start:m0.start], " \"'“«¿¡") == ""
		if gap := groups[0].start - m0.end; m0.end <= groups[0].start && (gap > 25 || opens) {
			shared = m0.entity
		}
	}
	// near returns the usable mentions starting in [from, to): a binary
	// search, so a sentence with many groups stays linear.
	near := func(from, to int) []mention {
		lo := sort.Search(len(usable), func(k int) bool { return usable[k].start >= from })
		hi := lo
		for hi < len(usable) && usable[hi].start < to {
			hi++
		}
		return usable[lo:hi]
	}
	span := func(g int) []mention {
		to := groups[g].end + 81
		if g < len(groups)-1 {
			to = min(to, groups[g].wEnd)
		}
		return near(groups[g].wStart, to)
	}
	taken := map[int]bool{}
	for g := range groups {
		var mine []mention
		for _, m := range span(g) {
			if !taken[m.entity] && in(m, g) {
				mine = append(mine, m)
			}
		}
		for _, m := range d.nearest(mine, groups[g], d.sents[i]) {
			out[g] = addParty(out[g], m)
		}
		for _, p := range out[g] {
			taken[p.entity] = true
		}
	}
	if shared >= 0 {
		for g := range groups {
			// A clause with its own subject ("mentre Cassa Depositi e
			// Prestiti investirà") does not share the sentence's; an
			// object ("ha offerto a OpenAI") or a brand is no subject.
			ownSubject := false
			for _, p := range out[g] {
				if p.pos < groups[g].start && p.entity != shared && d.prepBefore(p.pos) == prepNone &&
					!d.productQualifier(mention{start: p.pos, end: p.pos + len(p.mention)}) {
					ownSubject = true
				}
			}
			if len(out[g]) < 2 && !ownSubject && groups[g].start-usable[0].end <= 250 {
				out[g] = addParty(out[g], usable[0])
				out[g][len(out[g])-1].shared = true
			}
		}
	}
	for g := range groups {
		own := 0
		for _, p := range out[g] {
			if !p.shared {
				own++
			}
		}
		var again []mention
		for _, m := range near(min(groups[g].wStart, groups[g].start-300), max(groups[g].wEnd, groups[g].end+81)) {
			// A clause naming no company of its own ("after a new $6.5
			// billion order") refers back to the companies before it.
			if m.entity != shared && (in(m, g) || own == 0 && len(groups) > 1 && m.end <= groups[g].start && groups[g].start-m.end <= 300) {
				again = append(again, m)
			}
		}
		for _, m := range d.nearest(again, groups[g], d.sents[i]) {
			if len(out[g]) >= 2 {
				break
			}
			out[g] = addParty(out[g], m)
		}
	}
	// "Humain, backed by the Public Investment Fund, will deploy 18,000
	// Nvidia GPUs": the clause after the apposition has no subject of its
	// own; the company the sentence opens with is it.
	if len(groups) == 1 && shared < 0 {
		m0 := usable[0]
		opens := strings.TrimLeft(d.text[d.sents[i].start:m0.start], " \"'“«¿¡*#") == ""
		nonBrand := 0
		for _, p := range out[0] {
			if !d.productQualifier(mention{start: p.pos, end: p.pos + len(p.mention)}) {
				nonBrand++
			}
		}
		if opens && nonBrand == 0 && m0.end <= groups[0].wStart && !d.productQualifier(m0) {
			out[0] = addParty(out[0], m0)
		}
	}
	for g := range out {
		for k := range out[g] {
			p := &out[g][k]
			p.brand = d.productQualifier(mention{start: p.pos, end: p.pos + len(p.mention)})
		}
		if groups[g].amount != nil {
			out[g] = d.replaceBrand(i, out[g], usable, groups[g])
			out[g] = d.possessiveSold(i, out[g], usable)
		}
		if d.sents[i].heading || i == 0 && !strings.HasSuffix(strings.TrimSpace(d.text[d.sents[i].start:d.sents[i].end]), ".") {
			out[g] = d.headlineSegment(i, out[g], groups[g])
		}
		sort.SliceStable(out[g], func(a, b int) bool { return out[g][a].pos < out[g][b].pos })
	}
	return out
}

// headlineSegment keeps, in a headline that lists several stories
// ("Meta's $27bn Hyperion financing, CoreWeave's failed takeover"), the
// companies of the group's own comma-separated item, when it names one.
func (d *doc) headlineSegment(i int, ps []partyRef, g group) []partyRef {
	s := d.sents[i]
	from := s.start
	if k := strings.LastIndexAny(d.text[s.start:g.start], ",;|"); k >= 0 {
		from = s.start + k + 1
	}
	to := s.end
	if k := strings.IndexAny(d.text[g.end:s.end], ",;|"); k >= 0 {
		to = g.end + k
	}
	// A list of stories has three items or more; "xAI raises $20 billion,
	// Nvidia takes part" is one story.
	if strings.Count(d.text[s.start:s.end], ",")+strings.Count(d.text[s.start:s.end], ";") < 2 {
		// Even so, a company another item names after a preposition is
		// that item's object ("rebuffs $3.1 billion takeover bid, sells
		// campus stake to SoftBank"; "GPU da Nvidia, un socio da 300
		// milioni"), not a side of this figure.
		var keep []partyRef
		for _, p := range ps {
			if p.implicit || p.pos >= from && p.pos < to || d.prepBefore(p.pos) == prepNone {
				keep = append(keep, p)
			}
		}
		return keep
	}
	var in []partyRef
	for _, p := range ps {
		if p.pos >= from && p.pos < to {
			in = append(in, p)
		}
	}
	if len(in) == 0 || len(in) == len(ps) {
		return ps
	}
	return in
}

// countryTargets name a country as where money goes.
var countryTargets = cueWords("countryTargets")

// sellWords sell a business: what follows ("ZT Systems' manufacturing
// business") is the asset, not a party.
var sellWords = cueWords("sellWords")

// possessiveSold replaces a company named as the owner of the asset sold
// ("to sell ZT Systems' U.S.-based manufacturing business to Sanmina") by
// the sentence's subject ("AMD said it had signed...").
func (d *doc) possessiveSold(i int, ps []partyRef, usable []mention) []partyRef {
	if len(usable) == 0 {
		return ps
	}
	subj := usable[0]
	for k, p := range ps {
		end := p.pos + len(p.mention)
		if p.entity == subj.entity || end+2 > len(d.text) {
			continue
		}
		rest := d.text[end:min(len(d.text), end+3)]
		if !strings.HasPrefix(rest, "'s ") && !strings.HasPrefix(rest, "' ") && !strings.HasPrefix(rest, "’s") {
			continue
		}
		before := d.lower[max(d.sents[i].start, p.pos-30):p.pos]
		if !hasAnyWord(before, sellWords) {
			continue
		}
		dup := false
		for _, q := range ps {
			dup = dup || q.entity == subj.entity
		}
		if dup {
			ps = append(ps[:k], ps[k+1:]...)
		} else {
			ps[k] = partyRef{entity: subj.entity, mention: subj.text, pos: subj.start, kind: subj.kind}
		}
		return ps
	}
	return ps
}

// replaceBrand swaps the brand of hardware ("clústeres de GPU Nvidia
// GB300") for the company the sentence names further away ("... en los
// centros de datos de Oracle"): the brand pays or receives nothing.
func (d *doc) replaceBrand(i int, ps []partyRef, usable []mention, g group) []partyRef {
	cs, ce := d.clause(d.sents[i], g)
	for k := range ps {
		if !ps[k].brand {
			continue
		}
		// "ha acquistato 3.000 GPU Nvidia", "pay $40 billion for Nvidia
		// chips": the buyer pays the brand, which is the supplier.
		if d.hitIn(i, catBuy, max(cs, ps[k].pos-40), ps[k].pos) || d.hitIn(i, catChip, max(cs, ps[k].pos-25), ps[k].pos) &&
			d.hitIn(i, catBuy, max(cs, ps[k].pos-60), ps[k].pos) {
			continue
		}
		best, bestDist := -1, 1<<30
		for mi, m := range usable {
			dup := false
			for _, p := range ps {
				dup = dup || p.entity == m.entity
			}
			if dup || d.productQualifier(m) || m.start < cs || m.start >= ce {
				continue
			}
			dist := m.start - g.end
			if m.end <= g.start {
				dist = g.start - m.end
			}
			if dist < bestDist {
				best, bestDist = mi, dist
			}
		}
		if best < 0 {
			continue
		}
		m := usable[best]
		ps[k] = partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}
	}
	return ps
}

// nearest returns the mentions of the two companies nearest to group g
// (one mention per company, in text order), plus companies listed right
// next to them ("Amazon, Nvidia e SoftBank").
func (d *doc) nearest(ms []mention, g group, s sentence) []mention {
	cs, ce := d.clause(s, g)
	dist := func(m mention) int {
		pen := 0
		if d.productQualifier(m) {
			pen += 200 // "GPU Nvidia GB300": a brand, a party only if the clause names no other
		}
		if m.end <= cs || m.start >= ce {
			pen += 300 // another clause: "..., while Oracle agreed to pay $40 billion"
		}
		switch {
		case m.end <= g.start:
			return g.start - m.end + pen
		case m.start >= g.end:
			return m.start - g.end + pen
		}
		return pen
	}
	var best []mention
	for _, m := range ms {
		if m.start >= ce && ce < s.end {
			// "recibirá 18.000 chips de Nvidia y cierra una alianza con
			// Qualcomm": a company of the coordinated deal is no side.
			if firstFrom(d.marksOf(d.sentOf(s.start)).coord, ce, ce+1) >= 0 {
				continue
			}
		}
		dup := false
		for k, b := range best {
			if b.entity == m.entity {
				dup = true
				if dist(m) < dist(b) {
					best[k] = m
				}
			}
		}
		if !dup {
			best = append(best, m)
		}
	}
	sort.SliceStable(best, func(a, b int) bool { return dist(best[a]) < dist(best[b]) })
	if len(best) <= 2 {
		return best
	}
	keep := best[:2]
	for changed := true; changed; {
		changed = false
		for _, m := range best[2:] {
			inKeep := false
			for _, k := range keep {
				inKeep = inKeep || k.entity == m.entity
			}
			if inKeep {
				continue
			}
			for _, k := range keep {
				if d.listed(k, m) {
					keep = append(keep, m)
					changed = true
					break
				}
			}
		}
	}
	return keep
}

// listed reports whether mentions a and b are items of one list: only
// commas, "and", "e", "y" or "&" between them.
func (d *doc) listed(a, b mention) bool {
	if b.start < a.start {
		a, b = b, a
	}
	if a.end > b.start {
		return false
	}
	between := strings.TrimSpace(d.lower[a.end:b.start])
	between = strings.TrimPrefix(between, "'s")
	switch strings.Trim(between, ", ") {
	case "", "and", "e", "y", "&", "ed":
		return true
	}
	return false
}

// newPartyClause reports whether a coordinated clause (", y", ", and",
// "; ") starts in [from, to) of sentence i and names a company before to.
func (d *doc) newPartyClause(i, from, to int) bool {
	cut := firstFrom(d.marksOf(i).coordBreak, from, to)
	if cut < 0 {
		return false
	}
	ms := d.ments[i]
	for k := sort.Search(len(ms), func(k int) bool { return ms[k].start > cut }); k < len(ms) && ms[k].start < to; k++ {
		if ms[k].kind != aliasPerson && !d.productQualifier(ms[k]) {
			return true
		}
	}
	return false
}

// strongBreaks end a clause within a sentence.
var strongBreaks = cueWords("strongBreaks")

// reCoordDeal finds a second deal coordinated with a first one in one
// clause: "recibirá 18.000 chips de Nvidia y cierra una alianza con
// Qualcomm", "2.000 GPU e una nuova intesa con Mistral".
var reCoordDeal = regexp.MustCompile(`\s(?:y|e|and)\s(?:\p{Ll}+\s){0,2}(?:una?\s|a\s|an\s|un'|una\s|su\s|sua\s|suo\s|its\s|their\s)(?:nuev[oa]\s|nuov[oa]\s|new\s|second[oa]?\s|segund[oa]\s|separate\s|separat[oa]\s|separad[oa]\s|distint[oa]\s|further\s|similar\s)?(?:[\d.,]+\s?\p{L}{0,3}\s)?(?:alianza|acuerdo|contrato|intesa|accordo|partnership|contratto|alleanza|agreement|deal|contract|alliance|memorandum|memorando|lease|affitto|locazione|arrendamiento|alquiler|préstamo|loan|prestito|inversión|investimento|investment|compra|adquisición|acquisizione|acquisition|ronda|round)\b|\s(?:y|e|and)\s(?:\p{Ll}+\s){0,2}(?:otro|otra|another|un altro|un'altra)\s+(?:con|with)\b`)

// clause returns the bounds of the clause of sentence s holding group g.
func (d *doc) clause(s sentence, g group) (int, int) {
	if d.breaksOf == nil {
		d.breaksOf = map[int][][2]int{}
	}
	breaks, ok := d.breaksOf[s.start]
	if !ok {
		lower := d.lower[s.start:s.end]
		for _, b := range strongBreaks {
			for off := 0; ; {
				k := strings.Index(lower[off:], b)
				if k < 0 {
					break
				}
				breaks = append(breaks, [2]int{s.start + off + k, s.start + off + k + len(b)})
				off += k + len(b)
			}
		}
		// on the text as written: the words before the determiner must
		// be lowercase ("and has signed a lease", not "and OpenAI signed a
		// deal").
		for _, loc := range reCoordDeal.FindAllStringIndex(d.text[s.start:s.end], -1) {
			breaks = append(breaks, [2]int{s.start + loc[0], s.start + loc[0] + 1})
		}
		d.breaksOf[s.start] = breaks
	}
	start, end := s.start, s.end
	for _, b := range breaks {
		if b[1] <= g.start && b[1] > start {
			start = b[1]
		}
		if b[0] >= g.end && b[0] < end {
			end = b[0]
		}
	}
	return start, end
}

// listMarkers open a bullet-list item.
var listMarkers = cueWords("listMarkers")

// listItemParties reads a bullet item of a list a sentence introduces
// with a colon ("Nvidia will supply ...: / - Samsung: 50,000 GPUs"): an
// item labelled by a company ("- X: figure") is one record whose sides are
// the label and the company the introduction names (or the article's main
// actor when it names none). Other companies inside the item describe it
// ("with SK Telecom offering the capacity"); they are no sides.
func (d *doc) listItemParties(i int) ([]partyRef, bool) {
	s := d.sents[i]
	if s.row != nil {
		return nil, false
	}
	txt := d.text[s.start:s.end]
	body := strings.TrimLeft(txt, " \t")
	marker := ""
	for _, m := range listMarkers {
		if strings.HasPrefix(body, m) {
			marker = m
			break
		}
	}
	if marker == "" {
		return nil, false
	}
	labelAt := s.start + (len(txt) - len(body)) + len(marker)
	for labelAt < s.end && d.text[labelAt] == ' ' {
		labelAt++
	}
	var label *mention
	for k := range d.ments[i] {
		m := d.ments[i][k]
		if m.start == labelAt && strings.HasPrefix(strings.TrimLeft(d.text[m.end:s.end], " "), ":") {
			label = &m
			break
		}
	}
	if label == nil {
		return nil, false
	}
	// The introduction: the first sentence before the list.
	lead := i - 1
	for lead >= 0 && d.isListItem(lead) {
		lead--
	}
	if lead < 0 || i-lead > 12 || !strings.HasSuffix(strings.TrimSpace(d.text[d.sents[lead].start:d.sents[lead].end]), ":") {
		return nil, false
	}
	deal := false
	var other *partyRef
	for j := lead; j >= 0 && j >= lead-1; j-- {
		s2 := d.sents[j]
		deal = deal || d.hitIn(j, catSupplyVerb, s2.start, s2.end) || d.hitIn(j, catBuy, s2.start, s2.end) ||
			d.hitIn(j, catPartnership, s2.start, s2.end) || d.hitIn(j, catAgreed, s2.start, s2.end) ||
			hasAnyWord(d.lower[s2.start:s2.end], deployWords)
		if other != nil {
			continue
		}
		for _, m := range d.ments[j] {
			if m.entity != label.entity && m.kind != aliasPerson && !d.productQualifier(m) {
				other = &partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}
				break
			}
		}
	}
	if !deal {
		return nil, false
	}
	if other == nil {
		other = d.otherMain(label.entity)
	}
	if other == nil {
		return nil, false
	}
	// The other side keeps its mention in the item when the item names it.
	for _, m := range d.ments[i] {
		if m.entity == other.entity {
			other = &partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind}
			break
		}
	}
	return []partyRef{{entity: label.entity, mention: label.text, pos: label.start, kind: label.kind}, *other}, true
}

// isListItem reports whether sentence i is a bullet-list item.
func (d *doc) isListItem(i int) bool {
	s := d.sents[i]
	body := strings.TrimLeft(d.text[s.start:s.end], " \t")
	for _, m := range listMarkers {
		if strings.HasPrefix(body, m) {
			return true
		}
	}
	return false
}

// coordBreaks join two clauses with their own subjects.
var coordBreaks = cueWords("coordBreaks")

// pronounBreaks open a coordinated clause with a pronoun subject.
var pronounBreaks = cueWords("pronounBreaks")

// dropCoordinated removes the companies of a second deal coordinated
// after group g ("recibirá 18.000 chips de Nvidia y cierra una alianza con
// Qualcomm": Qualcomm is a side of the alliance, not of the chips).
func (d *doc) dropCoordinated(g *group, to int, ps []partyRef) []partyRef {
	// "It counts A, B and C among its customers, and it is building a
	// 1GW cluster": a clause with its own pronoun subject; the companies
	// before it are no sides of its figures.
	if s := d.sents[d.sentOf(g.start)]; g.start > s.start {
		if cut := lastBefore(d.marksOf(d.sentOf(g.start)).pronoun, s.start, g.start); cut >= 0 {
			out := ps[:0:0]
			for _, p := range ps {
				if p.implicit || p.pos > cut {
					out = append(out, p)
				}
			}
			ps = out
		}
	}
	// "SoftBank culmina la compra de Ampere y completa su inversión de
	// 22.500 millones en OpenAI": the companies of the first deal are no
	// sides of the second; the subject that opens the sentence is.
	if s := d.sents[d.sentOf(g.start)]; g.start > s.start {
		if cut := lastBefore(d.marksOf(d.sentOf(g.start)).coord, s.start, g.start); cut >= 0 {
			var subj *mention
			if ms := d.ments[d.sentOf(g.start)]; len(ms) > 0 && strings.TrimLeft(d.text[s.start:ms[0].start], " \"'“«*") == "" {
				subj = &ms[0]
			}
			out := ps[:0:0]
			for _, p := range ps {
				if p.implicit || p.pos > cut || subj != nil && p.entity == subj.entity {
					out = append(out, p)
				}
			}
			if len(out) < len(ps) && subj != nil && subj.start < cut {
				have := false
				for _, p := range out {
					have = have || p.entity == subj.entity
				}
				if !have {
					out = append(out, partyRef{entity: subj.entity, mention: subj.text, pos: subj.start, kind: subj.kind})
				}
			}
			ps = out
		}
	}
	if g.end >= to {
		return ps
	}
	cut := firstFrom(d.marksOf(d.sentOf(g.start)).coord, g.end, to)
	if cut < 0 {
		return ps
	}
	out := ps[:0:0]
	for _, p := range ps {
		if p.implicit || p.pos < cut {
			out = append(out, p)
		}
	}
	return out
}

package rules

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// group is one deal's figures inside a sentence: an amount (or capacity
// alone) with what belongs to it.
type group struct {
	amount     *figures.Figure
	previous   *extract.Money
	tranches   []extract.Tranche
	caps       []figures.Figure
	start, end int // span of the group's figures
	wStart     int // the clause the group owns
	wEnd       int
}

// candidate is a deal as one sentence states it, before merging.
type candidate struct {
	deal     extract.Deal
	parties  []partyRef
	amount   *figures.Figure
	sent     int
	explicit bool // status from a cue, not the default
	score    int  // cues that agreed
	kindCue  bool
	roleCue  bool
	teaser   bool
	orphan   bool // no company named: can only confirm an existing deal
	stale    bool // the old size of a revised deal (set while merging)
	freshDay bool // "today", "just": announced_on may be the article's date
	// anaphoric is set when the amount is introduced as a known deal
	// ("Este acuerdo de $38 mil millones"): it may name other companies.
	anaphoric bool
	// roundedMatch is set by merge when c states a deal's amount rounded
	// or more precisely ("$14 billion" / "$14.2 billion").
	roundedMatch bool
	// each is set on one share of a distributive statement ("A and B
	// each invest $2 billion in C"): the entity whose share it is. Shares
	// of different companies are different deals.
	each    int
	eachSet bool
	// denied is set when a party denies the deal the candidate states;
	// confX when a cue stated its confirmation (not the default).
	denied bool
	confX  bool
	// increment is set when the amount is what an expansion adds
	// ("ampliato di 400 milioni", "an additional $2 billion").
	increment bool
}

// sentenceCandidates reads a prose sentence.
func (d *doc) sentenceCandidates(i, lastDeal int) []candidate {
	s := d.sents[i]
	var money, caps []figures.Figure
	lastNonDeal := -1
	for k, f := range d.figs[i] {
		switch f.Kind {
		case figures.Money:
			// The cue windows stop at neighbouring amounts, not at
			// percentages or dates ("Shares rose 12% to $127.50").
			prevEnd, nextStart := s.start, s.end
			for j := k - 1; j >= 0; j-- {
				if o := d.figs[i][j]; o.Kind == figures.Money || o.Kind == figures.Capacity {
					prevEnd = o.End
					break
				}
			}
			for j := k + 1; j < len(d.figs[i]); j++ {
				if o := d.figs[i][j]; o.Kind == figures.Money || o.Kind == figures.Capacity {
					nextStart = o.Start
					break
				}
			}
			// "$1.4 billones (en la escala anglosajona, $1.4 trillion)": a
			// restatement shares the fate of the figure it restates.
			restated := false
			for j := k - 1; j >= 0; j-- {
				if o := d.figs[i][j]; o.Kind == figures.Money {
					between := d.text[o.End:f.Start]
					restated = o.Unit == f.Unit && o.Value.Cmp(f.Value) == 0 && len(between) <= 80 &&
						strings.Contains(between, "(") && !strings.Contains(between, ")")
					break
				}
			}
			ok := !restated && d.isDealMoney(i, f, prevEnd, nextStart) && f.Value.Cmp(minDealAmount) >= 0
			// "had initially targeted $300 million but raised $450
			// million": a target a later amount supersedes is no deal.
			if ok && nextStart < s.end && hasAnyPhrase(d.lower[max(s.start, prevEnd, f.Start-40):f.Start], supersededTargets) {
				ok = false
			}
			// "revenue of $25.8 billion, including $12.6 billion from ...",
			// "un fatturato di 9,8 milioni e prevede di superare i 25
			// milioni": a figure that continues a non-deal one, with no
			// deal cue between them, is of the same kind.
			if ok && lastNonDeal >= 0 && d.continuesNonDeal(i, lastNonDeal, f.Start) {
				ok = false
			}
			switch {
			case ok:
				money = append(money, f)
				lastNonDeal = -1
			case !restated:
				lastNonDeal = f.End
			}
		case figures.Capacity:
			caps = append(caps, f)
		case figures.Count:
			if f.Unit == "GPUs" || f.Unit == "chips" {
				caps = append(caps, f)
			}
		}
	}
	// "L'operazione sarà eseguita in due tranche: 600 milioni alla firma e
	// 400 milioni entro la fine dell'anno": the parts of a deal stated
	// before, in a sentence that names no company, are not deals.
	if len(money) > 0 && len(d.ments[i]) == 0 && hasAnyWord(d.lower[s.start:s.end], trancheWords) {
		money = nil
	}
	var groups []group
	if len(money) > 0 {
		groups = d.moneyGroups(i, money)
		// "firmó con Oracle un contrato de 300.000 millones, y en octubre
		// acordó con Broadcom ... chips con una capacidad de 10 GW": a
		// capacity after a second coordinated deal is that deal's own,
		// not the amount's.
		lastEnd := groups[len(groups)-1].end
		for _, c := range caps {
			if c.Start > lastEnd && (firstFrom(d.marksOf(i).coord, lastEnd, c.Start) >= 0 || d.newPartyClause(i, lastEnd, c.Start)) {
				groups = append(groups, group{start: c.Start, end: c.End})
				lastEnd = c.End
			}
		}
	} else if len(caps) > 0 {
		// Capacities are one group, unless a second deal is coordinated
		// between them ("add 20,000 GPUs ... and has signed a 120MW lease
		// with X"): then each side of the break is its own.
		groups = []group{{start: caps[0].Start, end: caps[0].End}}
		for _, c := range caps[1:] {
			last := &groups[len(groups)-1]
			if firstFrom(d.marksOf(i).coord, last.end, c.Start) >= 0 {
				groups = append(groups, group{start: c.Start, end: c.End})
				continue
			}
			last.end = c.End
		}
	}
	if len(groups) == 0 {
		if cs := d.distribution(i); len(cs) > 0 {
			return cs
		}
		if cs := d.vague(i); len(cs) > 0 {
			return cs
		}
		return d.agreements(i)
	}
	d.windows(groups, s)
	for _, c := range caps {
		for g := range groups {
			if c.Start >= groups[g].wStart && c.Start < groups[g].wEnd {
				groups[g].caps = append(groups[g].caps, c)
				break
			}
		}
	}
	parties := d.groupParties(i, groups)
	var out []candidate
	for g := range groups {
		c, ok := d.buildCandidate(i, &groups[g], parties[g], len(groups) == 1, lastDeal)
		if ok {
			out = append(out, d.distribute(i, &groups[g], c, lastDeal)...)
		}
	}
	return out
}

// reDefiniteBefore ends with a definite or demonstrative article right
// before an amount: "The $250 million", "il contratto da" is not one.
var reDefiniteBefore = regexp.MustCompile(`(?:^|[\s(])(?:[Tt]he|[Tt]his|[Tt]hat|[Qq]uesti|[Qq]uesto|[Qq]uesta|[Ee]ste|[Ee]sta|[Ee]sos|[Gg]li|[Ii] |[Ll]os|[Ll]as)\s*$`)

// totalAfter returns the money of sentence i after pos that a
// cumulative cue introduces ("now totaling over $32 billion", "portando
// il totale a"), the new total of an expanded deal.
func (d *doc) totalAfter(i, pos int) (figures.Figure, bool) {
	for _, f := range d.figs[i] {
		if f.Kind != figures.Money || f.Start < pos {
			continue
		}
		if d.hitIn(i, catCumulative, max(pos, f.Start-40), f.Start) {
			return f, true
		}
		break
	}
	return figures.Figure{}, false
}

// reIncrementBefore ends the text before an amount that an expansion
// adds: "ha ampliato di", "amplió en", "expanded ... by", "an additional"
// after an expansion verb.
var reIncrementBefore = regexp.MustCompile(`(?:ampliat[oa]|amplia|ampliando|estes[oa]|esteso|aumentat[oa]|incrementat[oa]|ampliad[oa]|amplía|amplió|ampliará|aumentad[oa]|aument[óa]|incrementad[oa]|expanded|expands|expanding|increased|increases|upsized|boosted|enlarged)\s+(?:[\p{L}'’]+\s+){0,5}?(?:di|de|en|by|of)\s+(?:(?:circa|about|around|unos|some|otros|another|un altro|altri)\s+)?$|(?:expanded|expands|increased|ampliat[oa]|ampliad[oa]|amplió|amplía)\b[^.;]{0,80}?\b(?:an additional|additional|un ulteriore|ulteriori|adicionales|otros)\s+$`)

// supersededTargets come before a target that a later amount of the
// same sentence replaces: "initially targeted", "inicialmente".
var supersededTargets = cueWords("supersededTargets")

// distributiveWords say that each of several companies pays the amount:
// "each", "ciascuno", "cada una".
var distributiveWords = cueWords("distributiveWords")

// distribute splits a candidate whose amount each of several companies
// pays ("SoftBank and Nvidia have each agreed to invest $2 billion in
// Helix", "CDP Equity ed Eni Next, che hanno investito 90 milioni
// ciascuno") into one deal per company, each with the other side. The
// companies named before the amount are the payers; the other side is
// the companies named after it, else "la compañía" (the article's
// subject), else the company the deal just before was about.
func (d *doc) distribute(i int, g *group, c candidate, lastDeal int) []candidate {
	s := d.sents[i]
	if c.amount == nil || !d.marksOf(i).distributive {
		return []candidate{c}
	}
	var payers, other []partyRef
	for _, p := range c.parties {
		if !p.implicit && p.pos < g.start {
			payers = append(payers, p)
		} else {
			other = append(other, p)
		}
	}
	if len(payers) < 2 {
		return []candidate{c}
	}
	side := extract.RoleInvestee
	if c.deal.Kind == extract.KindFundingRound {
		side = extract.RoleRaiser
	}
	if len(other) == 0 {
		switch {
		case d.hitIn(i, catCompanyRef, g.end, s.end):
			for _, p := range d.main {
				if !hasEntity(payers, p.entity) {
					other = append(other, p)
					break
				}
			}
			if len(other) == 0 && i > 0 {
				for _, m := range d.ments[i-1] {
					if m.kind != aliasPerson && !hasEntity(payers, m.entity) {
						other = append(other, partyRef{entity: m.entity, mention: m.text, pos: math.MaxInt32, kind: m.kind})
						break
					}
				}
			}
		case lastDeal >= 0 && i-lastDeal <= 2:
			for _, p := range d.partiesOf(lastDeal) {
				if !hasEntity(payers, p.entity) {
					other = append(other, p)
					break
				}
			}
		}
		if len(other) == 0 {
			return []candidate{c}
		}
		for k := range other {
			other[k].implicit = true
		}
	}
	out := make([]candidate, 0, len(payers))
	for _, p := range payers {
		e := c
		p.role = extract.RoleInvestor
		e.parties = []partyRef{p}
		for _, o := range other {
			o.role = side
			e.parties = append(e.parties, o)
		}
		e.each, e.eachSet = p.entity, true
		out = append(out, e)
	}
	return out
}

// subjectBefore returns the company a reference ("la società", "the
// company") in sentence i stands for: the first company the sentence
// before names, else the article's first main actor, other than entity
// e; nil when neither is there.
func (d *doc) subjectBefore(i, e int) *partyRef {
	// The sentence before's subject: its first company, near its start
	// and after no preposition ("I dieci dipendenti di NeuroBit" is about
	// NeuroBit's staff, not by NeuroBit).
	if i > 0 && len(d.ments[i-1]) > 0 {
		m := d.ments[i-1][0]
		if m.kind != aliasPerson && m.entity != e && !d.productQualifier(m) && !m.desc &&
			m.start-d.sents[i-1].start <= 50 && d.prepBefore(m.start) == prepNone {
			return &partyRef{entity: m.entity, mention: m.text, pos: math.MaxInt32, kind: m.kind, implicit: true}
		}
	}
	if p, ok := d.refSubject(i, e); ok {
		// A reference further into the sentence ("while Google has
		// invested in the company") may be the object, not the subject:
		// its company is a guess.
		st := d.sents[i].start
		p.guessed = p.guessed || !d.hitIn(i, catCompanyRef, st, min(d.sents[i].end, st+30))
		return &p
	}
	if len(d.main) > 0 && d.main[0].entity != e {
		p := d.main[0]
		return &p
	}
	return nil
}

// hasEntity reports whether ps names entity e.
func hasEntity(ps []partyRef, e int) bool {
	for _, p := range ps {
		if p.entity == e {
			return true
		}
	}
	return false
}

// buildCandidate turns a group of sentence i and its parties into a
// candidate deal.
func (d *doc) buildCandidate(i int, g *group, parties []partyRef, single bool, lastDeal int) (candidate, bool) {
	s := d.sents[i]
	from, to := g.wStart, g.wEnd
	sc, local := d.kindScores(i, from, to, g.start, g.end)
	for _, p := range parties {
		if p.kind == aliasCloud && p.pos >= from && p.pos < to {
			sc[catCompute] += 2
		}
	}
	hw := d.hardwareIn(from, to)
	if len(hw) > 0 || len(g.caps) > 0 {
		sc[catChip]++
	}
	if d.buysCompany(i, from, to) {
		sc[catAcquisition] += 3 // "compran Aligned Data Centers por 40.000 millones"
		local = true
	}
	kind := pickKind(sc, g.amount != nil)
	if kind != extract.KindOther && !local && d.hitIn(i, catPartnership, from, to) {
		// "X raises £180m and signs a £0.45bn deal with Y": the second
		// clause names its own deal; the round of the first is not its kind.
		kind = extract.KindOther
	}
	if (kind == extract.KindFundingRound || kind == extract.KindOther && d.opensWithCompany(i, g.start)) && hasAnyWord(d.lower[from:to], loanWords) {
		// "ha firmado un préstamo sindicado de 400 millones con BBVA": a
		// loan is debt, not a funding round; the schema has no debt kind.
		kind = extract.KindOther
		// "la compañía ha firmado un préstamo ... con BBVA", "Equinix ha
		// firmado un préstamo ... con BBVA y Santander": the borrower is
		// the subject, named or the article's.
		var borrower *partyRef
		if ms := d.ments[i]; len(ms) > 0 && ms[0].kind != aliasPerson && ms[0].start < g.start &&
			strings.TrimLeft(d.text[d.sents[i].start:ms[0].start], " \"'“«*") == "" {
			borrower = &partyRef{entity: ms[0].entity, mention: ms[0].text, pos: ms[0].start, kind: ms[0].kind}
		} else if d.hitIn(i, catCompanyRef, from, g.start) && len(d.main) > 0 {
			borrower = &d.main[0]
		}
		if borrower != nil {
			have := false
			for _, p := range parties {
				have = have || p.entity == borrower.entity
			}
			if !have {
				parties = append([]partyRef{*borrower}, parties...)
			}
		}
	}
	if g.amount != nil && d.raisesRightBefore(from, g.start) {
		kind = extract.KindFundingRound // "InfiniteFound ha raccolto oltre $100 milioni"
	}
	if kind == extract.KindOther && sc[catPartnership] > 0 {
		// "expanded contract with OpenAI": a contract whose one side sells
		// cloud is a compute contract.
		n := 0
		for _, p := range parties {
			if d.hasType(p.entity, "cloud") && !d.hasType(p.entity, "lab") {
				n++
			}
		}
		if n == 1 && len(parties) >= 2 {
			kind = extract.KindCompute
		}
	}
	inRound := false
	if kind == extract.KindOther && lastDeal >= 0 && i-lastDeal <= 2 && d.kindOfSentence(lastDeal) == extract.KindFundingRound {
		kind = extract.KindInvestment // a participant of the round just named
		inRound = true
	}
	// "Microsoft ha smentito un'altra indiscrezione su un investimento
	// da 5 miliardi": a deal a party denies (confirmation denied).
	denied := reDeniedRumour.MatchString(d.lower[from:g.start])
	parties = d.patternParties(kind, g, from, to, parties)
	parties = d.dropCoordinated(g, to, parties)
	parties = d.addOpeningSubject(i, g, parties)
	parties = d.addConsortium(i, g, parties)
	var forecast bool
	parties, forecast = d.dropForecaster(i, parties)
	listed := false
	if lp, ok := d.listItemParties(i); ok {
		parties, listed = lp, true
	}
	if named := len(parties); named < 2 && kind != extract.KindFundingRound {
		// "La eléctrica Iberdrola ha firmado ...": a subject the gazetteer
		// does not know.
		if name, pos, ok := d.unknownSubject(from, g.start); ok {
			parties = d.addNamed(parties, name, pos)
		}
	}
	if len(parties) < 2 {
		if p, ok := d.fundRef(i, from, g.start, parties); ok {
			parties = append([]partyRef{p}, parties...) // the subject first
		}
	}
	if g.amount == nil && !listed {
		var ok bool
		if parties, ok = d.capacityParties(i, g, from, to, parties); !ok {
			return candidate{}, false
		}
	}
	c := candidate{sent: i, kindCue: local, teaser: d.teaser[i]}
	c.anaphoric = d.hitIn(i, catAnaphora, max(from, g.start-40), g.start)
	referred := false
	explicitCount := 0
	for _, p := range parties {
		if !p.implicit {
			explicitCount++
		}
	}
	switch {
	case explicitCount == 0:
		switch {
		case d.hitIn(i, catAnaphora, s.start, s.end) && lastDeal >= 0 && i-lastDeal <= 2:
			parties = d.partiesOf(lastDeal) // "the deal": the companies of the deal before
			referred = true
		case d.hitIn(i, catAnaphora, s.start, s.end) && i > 0 && len(d.partiesOf(i-1)) >= 2:
			parties = d.partiesOf(i - 1) // "el acuerdo podría valer...": the companies just named
			referred = true
		case d.possessiveStart(i) != nil:
			// "Su última ronda, de 480 millones": the company the
			// sentence before is about.
			parties = append(parties, *d.possessiveStart(i))
		case d.hitIn(i, catCompanyRef, from, g.start) && len(d.main) > 0:
			parties = append(parties, d.main[0]) // "the company", "la startup": the article's subject
			if kind != extract.KindFundingRound && len(parties) == 1 && !reGenericTarget.MatchString(d.text[g.end:to]) {
				if p := d.otherMain(d.main[0].entity); p != nil {
					parties = append(parties, *p)
				}
			}
		}
		if len(parties) == 0 {
			c.orphan = true
		}
	case explicitCount == 1 && kind == extract.KindFundingRound && d.hitIn(i, catCompanyRef, s.start, g.start) &&
		parties[0].role != extract.RoleRaiser && parties[0].fixed != extract.RoleRaiser && parties[0].pos > g.end:
		// "La compañía ha asegurado ya 45 millones de euros de
		// Kutxabank": the company raising is the one referred to.
		if p := d.subjectBefore(i, parties[0].entity); p != nil {
			q := *p
			q.fixed = extract.RoleRaiser
			parties = append(parties, q)
		}
	case explicitCount == 1 && kind == extract.KindFundingRound && parties[0].role != extract.RoleRaiser &&
		parties[0].fixed != extract.RoleRaiser && parties[0].pos > g.end:
		// "la promotora ha cerrado un préstamo sindicado de 900 millones
		// con un grupo de bancos liderado por Banco Santander": the
		// company the article introduced as "la promotora" raises it.
		if p, ok := d.introducedRef(i, g.start, parties[0].entity); ok {
			p.fixed = extract.RoleRaiser
			parties = append(parties, p)
		}
	case explicitCount == 1 && kind != extract.KindFundingRound:
		if forecast {
			// "Morgan Stanley analysts expect Microsoft to sign another
			// $10bn of contracts": a forecast names its one company; the
			// other side is not the article's main actor.
			return candidate{}, false
		}
		if d.onlyBrand(parties) && !d.hitIn(i, catCompanyRef, from, g.start) {
			// "contract covers up to 23,000 Nvidia GB300 GPUs": the one
			// company named makes the hardware; who deals is not said
			// ("The company expanded its use of Google Cloud TPUs" says it).
			return candidate{}, false
		}
		if d.hitIn(i, catSpend, max(from, g.start-60), g.start) {
			return candidate{}, false // spending with no counterparty: capex
		}
		if p, ok := d.coordinatedSubject(i, from, parties[0].entity); ok {
			// "X said its board had rejected an offer from Y, and instead
			// agreed to sell a stake to Z for $1.8 billion": the clause
			// has no subject of its own; the sentence's is X.
			parties = append(parties, p)
			break
		}
		if p, ok := d.introducedRef(i, g.start, parties[0].entity); ok {
			// "la promotora ha cerrado un préstamo ... con un grupo de
			// bancos liderado por Banco Santander": the company the
			// article introduced as "la promotora madrileña Meseta Data
			// Centers".
			parties = append(parties, p)
			break
		}
		if d.hitIn(i, catUnnamed, from, to) || reUnnamedWith.MatchString(d.text[g.start:to]) {
			break // "una oferta ... de un fondo soberano", "con produttori italiani": the other side is not named
		}
		if kind == extract.KindInvestment && (reGenericTarget.MatchString(d.text[g.end:to]) || reGenericBefore.MatchString(d.text[max(from, g.start-60):g.start])) {
			break // "ha investito oltre 1 miliardo nell'area": spent on things, no investee
		}
		if m := reNamedTarget.FindStringSubmatchIndex(d.text[g.end:to]); m != nil {
			name := d.text[g.end+m[2] : g.end+m[3]]
			if kind == extract.KindInvestment && !isPlace(name) && !notCompany[name] && !notCompany[firstWord(name)] {
				// "investirà 500 milioni di euro in Aruba": the investee,
				// a company the gazetteer does not know.
				parties = d.addNamed(parties, name, g.end+m[2])
				parties[len(parties)-1].fixed = extract.RoleInvestee
			}
			break // "una inversión de 6.690 millones de dólares en Aragón": the target is a place
		}
		if p, ok := d.gappedObject(i, g, parties); ok {
			parties = append(parties, p)
			break
		}
		if p, ok := d.absoluteSubject(i, parties); ok {
			parties = append(parties, p)
			break
		}
		if d.projectSubject(i, g.start) {
			// "El proyecto de Talavera, con una inversión total prevista de
			// 1.000 millones por parte de Meta": what a project costs its
			// owner, not a deal with anyone.
			return candidate{}, false
		}
		if firstFrom(d.marksOf(i).ownAssets, from, to) >= 0 {
			break // "en sus centros de datos de Aragón": spent on its own assets, no counterparty
		}
		if p, ok := d.prevSubject(i, from, g.start, parties[0].entity); ok {
			// "... contracts for Oracle. The company signed a $300 billion
			// agreement with OpenAI": the company the sentence before is
			// about, not the article's main actor.
			parties = append(parties, p)
			break
		}
		if d.has(i, catTopicShift) {
			break // "Separately, ...": not the article's main story
		}
		if hasAnyPhrase(d.lower[g.end:to], countryTargets) {
			return candidate{}, false // "has committed $30bn to the country": a national pledge
		}
		if d.hitIn(i, catAnaphora, s.start, g.start) && lastDeal >= 0 && i-lastDeal <= 2 {
			// "The agreement covers 250 MW of capacity at a campus
			// Prairie Digital is building": the deal just told, whose
			// other side is the company not named here.
			prev := d.partiesOf(lastDeal)
			if hasEntity(prev, parties[0].entity) && len(prev) == 2 {
				for _, p := range prev {
					if p.entity != parties[0].entity {
						p.implicit = true
						parties = append(parties, p)
					}
				}
				referred = true
				break
			}
		}
		if d.hitIn(i, catCompanyRef, s.start, g.start) {
			// "La società finanzierà l'operazione con un prestito ...
			// guidato da Intesa Sanpaolo": "la società" is the company
			// the sentence before is about, or the article's subject.
			if p := d.subjectBefore(i, parties[0].entity); p != nil {
				parties = append(parties, *p)
				break
			}
		}
		if p := d.otherMain(parties[0].entity); p != nil {
			parties = append(parties, *p)
		} else {
			return candidate{}, false
		}
	}
	c.anaphoric = c.anaphoric || referred
	parties = append([]partyRef(nil), parties...)
	parties = dedupParties(parties)
	if g.amount == nil && len(parties) < 2 && kind == extract.KindOther {
		// "El consorcio se hace con una cartera de 5 GW": capacity of one
		// company with no kind of deal is what it owns, not a deal.
		return candidate{}, false
	}
	if (kind == extract.KindFundingRound || kind == extract.KindInvestment || kind == extract.KindOther) && len(parties) >= 2 && d.investorsOnly(parties) {
		// "un round ... guidato da Orizzonte Ventures, con la
		// partecipazione di CDP", "sottoscritto da CDP Equity ed Eni
		// Next": every company named puts money in; the raiser is the
		// sentence's subject or the company referred to, else unknown.
		r, ok := d.roundRaiser(i, g.start, parties)
		if !ok {
			return candidate{}, false
		}
		r.fixed = extract.RoleRaiser
		parties = append(parties, r)
	}
	var roleOK bool
	parties, roleOK = d.roles(kind, parties, hw)
	parties, roleOK = d.fixRoles(kind, parties, roleOK)
	if kind == extract.KindCompute || kind == extract.KindChipSupply || kind == extract.KindInvestment {
		parties, roleOK = d.soldTo(kind, parties, roleOK)
	}
	if kind == extract.KindAcquisition {
		parties, roleOK = d.buyersBefore(i, from, to, parties, roleOK)
	}
	if kind == extract.KindChipSupply && !roleOK && len(parties) >= 2 && d.hitIn(i, catSupplyVerb, from, to) {
		// "Nscale ha firmato con Microsoft un contratto ... per fornire
		// 200.000 GPU": the subject supplies.
		first := 0
		for k := range parties {
			if parties[k].pos < parties[first].pos {
				first = k
			}
		}
		for k := range parties {
			parties[k].role = extract.RoleCustomer
		}
		parties[first].role = extract.RoleSupplier
		sortParties(parties)
	}
	if inRound {
		// Participants of a round: the companies named put money in, the
		// article's main actor (implicit) raises it.
		for k := range parties {
			parties[k].role = extract.RoleInvestor
			if parties[k].implicit {
				parties[k].role = extract.RoleInvestee
			}
		}
		sortParties(parties)
		roleOK = true
	}
	c.roleCue = roleOK
	c.parties = parties

	deal := extract.Deal{Kind: kind, Grounded: true}
	if g.amount != nil {
		m := extract.MoneyFromFigure(*g.amount)
		deal.Amount = &m
		c.amount = g.amount
		if g.previous == nil && (d.hitIn(i, catExpanded, s.start, g.start) || d.hitIn(i, catRevision, max(s.start, g.start-160), g.start)) &&
			reIncrementBefore.MatchString(d.lower[max(from, g.start-60):g.start]) {
			// "ha ampliato di 400 milioni il contratto": what the
			// expansion adds; finish moves it to Increment.
			c.increment = true
			deal.Increment = &m
			// "..., now totaling over $32 billion": the new total.
			if t, ok := d.totalAfter(i, g.end); ok {
				tm := extract.MoneyFromFigure(t)
				deal.Amount = &tm
			}
		}
		// "The $250 million investment will help fund ...": an amount
		// introduced by a definite article restates a deal told before.
		if reDefiniteBefore.MatchString(d.text[max(s.start, g.start-8):g.start]) {
			c.anaphoric = true
		}
	}
	deal.PreviousAmount = g.previous
	deal.Tranches = g.tranches
	for _, cf := range g.caps {
		deal.Capacity = append(deal.Capacity, d.capacity(i, cf, g))
	}
	deal.Hardware = hw
	if y, _, _, ok := findTerm(d.lower, from, to); ok {
		deal.TermYears = extract.Ptr(y)
	} else if single {
		if y, _, _, ok := findTerm(d.lower, s.start, s.end); ok {
			deal.TermYears = extract.Ptr(y)
		}
	}
	if date := d.dateIn(i, s.start, s.end); date != "" {
		deal.AnnouncedOn = extract.StrPtr(date)
	}
	c.freshDay = d.hitIn(i, catFresh, s.start, s.end)
	deal.Evidence = extract.Span{Text: d.text[s.start:s.end], Start: s.start, End: s.end}
	c.deal = deal
	c.denied = denied
	d.labels(&c, i, from, to, g.previous != nil)
	if kind == extract.KindFundingRound && c.deal.Status == extract.DealPlanned {
		// "Crusoe seeks up to $2 billion ..., with Founders Fund leading
		// early commitments": a round sought is the raiser's target;
		// who committed what is another figure.
		var raiser []partyRef
		for _, p := range c.parties {
			if p.role == extract.RoleRaiser {
				raiser = append(raiser, p)
			}
		}
		if len(raiser) > 0 {
			c.parties = raiser
		}
	}
	c.score = d.score(&c, s)
	return c, true
}

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

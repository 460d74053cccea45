package rules

import (
	"math"
	"regexp"
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

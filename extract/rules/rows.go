package rules

import (
	"regexp"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// rowCandidates reads a Markdown table row with its header: the party
// columns (Company, Partner, Investor...) name the parties in order, the
// first amount in a column that is not revenue or a price is the amount,
// and the other cells give kind, status and tranches.
func (d *doc) rowCandidates(i int) []candidate {
	s := d.sents[i]
	var partyCells []cell
	amountCol := -1
	var amount *figures.Figure
	for ci, c := range s.row {
		h := lowerSameLen(c.header)
		if isPartyHeader(h) {
			partyCells = append(partyCells, c)
			continue
		}
		if amount != nil || headerIsNonDeal(d.x.cues, h) {
			continue
		}
		for k, f := range d.figs[i] {
			if f.Kind == figures.Money && f.Start >= c.start && f.End <= c.end && !f.Implausible {
				amount = &d.figs[i][k]
				amountCol = ci
				break
			}
		}
	}
	if len(partyCells) == 0 {
		return d.rowFromDescription(i)
	}
	if amount == nil {
		return d.rowWithoutMoney(i, partyCells)
	}
	var parties []partyRef
	for _, pc := range partyCells {
		for _, m := range d.ments[i] {
			if m.start >= pc.start && m.end <= pc.end {
				parties = addParty(parties, m)
				break // the company of the cell; later names are context
			}
		}
	}
	if len(parties) == 0 {
		return nil
	}
	// Kind: the amount's header weighs 1 ("Investment Amount"), the other
	// cells 2 ("Equity + compute credits"), except cells under a header
	// that names a kind itself ("Compute Commitment"): every row has one,
	// so they describe the deal, not what it is.
	var sc [catPartnership + 1]int
	for ci, c := range s.row {
		if ci == amountCol {
			for _, h := range dedupHits(d.x.cues.scan(lowerSameLen(c.header), 0, nil)) {
				if h.cat <= catPartnership {
					sc[h.cat]++
				}
			}
			continue
		}
		isParty := false
		for _, pc := range partyCells {
			isParty = isParty || pc.start == c.start
		}
		if isParty || headerNamesKind(d.x.cues, lowerSameLen(c.header)) {
			continue
		}
		for _, h := range dedupHits(d.hitsIn(i, c.start, c.end)) {
			if h.cat <= catPartnership && !d.inMention(i, h.start) {
				sc[h.cat] += 2
			}
		}
	}
	kind := pickKind(sc, true)
	g := group{amount: amount, start: amount.Start, end: amount.End, wStart: s.start, wEnd: s.end}
	var money []figures.Figure
	k0 := 0
	for _, f := range d.figs[i] {
		if f.Kind == figures.Money && f.Start >= amount.Start {
			if f.Start == amount.Start {
				k0 = len(money)
			}
			money = append(money, f)
		}
	}
	used := make([]bool, len(money))
	if tr, _ := d.tranches(i, money, k0, used); len(tr) > 0 {
		g.tranches = tr
	}
	// One company, an amount and no other side: its revenue, its backlog
	// or its fund, not a deal the row can ground (a round has one side).
	c, ok := d.rowCandidate(i, kind, parties, sc, kind != extract.KindFundingRound)
	if !ok {
		return nil
	}
	m := extract.MoneyFromFigure(*amount)
	c.amount = amount
	c.deal.Amount = &m
	c.deal.Tranches = g.tranches
	d.labels(&c, i, s.start, s.end, false)
	c.score = d.score(&c, s)
	return []candidate{c}
}

// rowFromDescription reads a table row with no party column whose one
// cell states the deal as a sentence ("| Nvidia entra nel capitale di
// Nokia | 1 miliardo di dollari |"): the two companies of that cell are
// the parties, and the first amount (else capacity) in a later cell whose
// header is not a non-deal figure is the figure. A description naming one
// company, or a non-deal cue in it ("Nvidia, ricavi trimestrali attesi"),
// gives nothing.
func (d *doc) rowFromDescription(i int) []candidate {
	s := d.sents[i]
	descAt := -1
	var parties []partyRef
	for k, c := range s.row {
		var ps []partyRef
		for _, m := range d.ments[i] {
			if m.start >= c.start && m.end <= c.end && m.kind != aliasPerson && !d.productQualifier(m) {
				ps = addParty(ps, m)
			}
		}
		if len(ps) >= 2 {
			descAt, parties = k, ps
			break
		}
	}
	if descAt < 0 || len(parties) > 2 {
		return nil
	}
	desc := s.row[descAt]
	for _, c := range nonDealCats {
		if d.hitIn(i, c, desc.start, desc.end) {
			return nil
		}
	}
	var amount *figures.Figure
	var caps []figures.Figure
	for _, c := range s.row[descAt+1:] {
		if headerIsNonDeal(d.x.cues, lowerSameLen(c.header)) {
			continue
		}
		for k, f := range d.figs[i] {
			if f.Start < c.start || f.End > c.end || f.Implausible {
				continue
			}
			switch {
			case f.Kind == figures.Money && amount == nil && len(caps) == 0 && d.isDealMoney(i, f, c.start, c.end) && f.Value.Cmp(minDealAmount) >= 0:
				amount = &d.figs[i][k]
			case f.Kind == figures.Capacity && amount == nil && len(caps) == 0:
				caps = append(caps, f)
			}
		}
		if amount != nil || len(caps) > 0 {
			break
		}
	}
	var g group
	switch {
	case amount != nil:
		g = group{amount: amount, start: amount.Start, end: amount.End}
	case len(caps) > 0:
		g = group{start: caps[0].Start, end: caps[0].End, caps: caps}
	default:
		return nil
	}
	g.wStart, g.wEnd = s.start, s.end
	c, ok := d.buildCandidate(i, &g, parties, true, -1)
	if !ok {
		return nil
	}
	return []candidate{c}
}

// rowCandidate builds the deal of table row i from its parties and kind
// scores: roles, hardware and the row as evidence. When needOther is set
// and the row names one company, the other side comes from rowOther; ok
// is false when there is none.
func (d *doc) rowCandidate(i int, kind extract.Kind, parties []partyRef, sc [catPartnership + 1]int, needOther bool) (candidate, bool) {
	s := d.sents[i]
	if needOther && len(parties) == 1 {
		p := d.rowOther(i, parties[0].entity)
		if p == nil {
			return candidate{}, false
		}
		parties = append(parties, *p)
	}
	hw := d.hardwareIn(s.start, s.end)
	parties, roleOK := d.roles(kind, parties, hw)
	c := candidate{sent: i, parties: parties, kindCue: sc != [catPartnership + 1]int{}, roleCue: roleOK, teaser: d.teaser[i]}
	c.deal = extract.Deal{Kind: kind, Grounded: true, Hardware: hw,
		Evidence: extract.Span{Text: d.text[s.start:s.end], Start: s.start, End: s.end}}
	return c, true
}

// rowOther returns the other side of a table row that names one company:
// the company the line introducing the table names ("los principales
// acuerdos de Lambda en 2025:"), else the article's main actor.
func (d *doc) rowOther(i, e int) *partyRef {
	j := i - 1
	for j >= 0 && (d.sents[j].row != nil || strings.HasPrefix(strings.TrimSpace(d.text[d.sents[j].start:d.sents[j].end]), "|")) {
		j--
	}
	if j >= 0 && i-j <= 40 && len(d.ments[j]) > 0 {
		intro := strings.TrimRight(d.text[d.sents[j].start:d.sents[j].end], " \n")
		if strings.HasSuffix(intro, ":") {
			var named []int
			for _, m := range d.ments[j] {
				if m.kind == aliasPerson {
					continue
				}
				dup := false
				for _, n := range named {
					dup = dup || n == m.entity
				}
				if !dup {
					named = append(named, m.entity)
				}
			}
			if len(named) == 1 && named[0] != e {
				m := d.ments[j][0]
				for _, x := range d.ments[j] {
					if x.entity == named[0] {
						m = x
						break
					}
				}
				return &partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind, implicit: true}
			}
		}
	}
	// A table under "Otras operaciones", "Other deals", "Altre
	// operazioni" lists deals of other companies: the article's main
	// actor is no side of them.
	if j >= 0 && i-j <= 40 && reOtherDeals.MatchString(strings.ToLower(strings.TrimSpace(d.text[d.sents[j].start:d.sents[j].end]))) {
		return nil
	}
	return d.otherMain(e)
}

// reOtherDeals matches the heading of a table of other companies' deals.
var reOtherDeals = regexp.MustCompile(`^(?:(?:otras|otros|other|more|altre|altri)\s+(?:\p{L}+\s+)?(?:operaciones|acuerdos|deals|transactions|operazioni|accordi|movimientos|news|noticias|notizie)|elsewhere|meanwhile|intanto|mientras tanto)`)

// undisclosedWords fill a table's value cell when the amount is not known.
var undisclosedWords = cueWords("undisclosedWords")

// rowWithoutMoney reads a deal-table row that has no amount: a capacity
// ("up to 1 GW of TPU capacity", "600,000 GPUs") or, when its value cell
// says the amount is undisclosed, a deal without figures. The row's
// company is one side; the other is the second party cell or the
// article's main actor.
func (d *doc) rowWithoutMoney(i int, partyCells []cell) []candidate {
	s := d.sents[i]
	var parties []partyRef
	for _, pc := range partyCells {
		for _, m := range d.ments[i] {
			if m.start >= pc.start && m.end <= pc.end {
				parties = addParty(parties, m)
				break
			}
		}
	}
	if len(parties) == 0 {
		return nil
	}
	var caps []figures.Figure
	for _, f := range d.figs[i] {
		if f.Implausible {
			continue
		}
		if f.Kind == figures.Capacity || f.Kind == figures.Count && (f.Unit == "GPUs" || f.Unit == "chips") {
			caps = append(caps, f)
		}
	}
	low := d.lower[s.start:s.end]
	undisclosed := false
	for _, w := range undisclosedWords {
		undisclosed = undisclosed || strings.Contains(low, w)
	}
	if len(caps) == 0 && !undisclosed {
		return nil
	}
	var sc [catPartnership + 1]int
	for _, h := range dedupHits(d.hitsIn(i, s.start, s.end)) {
		if h.cat <= catPartnership && !d.inMention(i, h.start) {
			sc[h.cat]++
		}
	}
	if len(caps) > 0 {
		sc[catChip]++
	}
	kind := pickKind(sc, false)
	c, ok := d.rowCandidate(i, kind, parties, sc, true)
	if !ok {
		return nil
	}
	g := group{wStart: s.start, wEnd: s.end}
	for _, f := range caps {
		c.deal.Capacity = append(c.deal.Capacity, d.capacity(i, f, &g))
	}
	d.labels(&c, i, s.start, s.end, false)
	c.score = d.score(&c, s)
	return []candidate{c}
}

// partyHeaderWords name a table column of companies.
var partyHeaderWords = cueWords("partyHeaderWords")

func isPartyHeader(h string) bool {
	for _, w := range partyHeaderWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// headerIsNonDeal reports whether a column header names revenue, prices,
// shares or another figure that is not a deal.
func headerIsNonDeal(ix *cueIndex, h string) bool {
	for _, x := range ix.scan(h, 0, nil) {
		if x.cat == catNonDeal || x.cat == catAggregate {
			return true
		}
	}
	for _, w := range []string{"metric", "growth", "share", "quota", "cost", "costo"} {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// hasRaiser reports whether a party can be a round's raiser: a lab or an
// unknown company, not an investor.
func (d *doc) hasRaiser(ps []partyRef) bool {
	for _, p := range ps {
		if p.shared {
			continue
		}
		if p.entity < 0 || d.hasType(p.entity, "lab") && !d.hasType(p.entity, "investor") {
			return true
		}
	}
	return false
}

var (
	// reAcqTarget finds the company bought: "ha adquirido la firma de
	// ciberseguridad Cyber Solutions", "acquires Acme".
	reAcqTarget = regexp.MustCompile(`(?:adquirido|adquiere|adquirió|adquirirá|adquirir|comprará|compra|compró|comprado|acquisirà|acquisisce|acquisito|acquisita|acquisire|rileverà|rileva|rilevato|acquires|acquired|acquire|buys|bought|buy)\s+(?:[\p{Ll}]+\s+){0,5}?([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)
	// reRaiseSubject finds "InfiniteFound ha raccolto", "Acme AI raised".
	reRaiseSubject = regexp.MustCompile(`((?:[A-Z]|[a-z][A-Z])[\p{L}\d]*[a-z\d][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]+){0,2})\s+(?:ha raccolto|ha chiuso un round|chiude un round|raccoglie|ha ottenuto un finanziamento|ottiene un finanziamento|raised|has raised|raises|closed a|closes a|secured|has secured|recaudó|ha recaudado|recauda|levantó|cerró una ronda|cierra una ronda|ha cerrado una ronda|ha obtenido|obtuvo)`)
	// reAcqSubject finds the buyer: "Indra compró", "Acme acquires".
	reAcqSubject = regexp.MustCompile(`([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})\s+(?:ha\s+|has\s+)?(?:compró|comprado|comprará|adquirió|adquirido|adquiere|adquirirá|acquisisce|acquisito|acquisirà|rileva|rilevato|rileverà|acquires|acquired|buys|bought|to acquire|will acquire)(?:\s|$)`)
	// reFromParty finds a counterparty the money comes from: "credit
	// facility from Brookfield", "guidato da Aker", "led by Thrive".
	reFromParty = regexp.MustCompile(`(?:\bfrom|\bled by|\bda parte di|\bguidat[oa] da|\bdal|\bdalla|\bdallo|\bpor parte de|\blideradas? por|\bliderados? por)\s+(?:(?:the|il|la|el)\s+)?(?:(?:fondo|fund|gruppo|grupo)\s+)?((?:[A-Z]|[a-z][A-Z])[\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)
	// reWithParty finds a counterparty after "con"/"with", possibly after
	// an article and a company noun: "con el fondo Echelon Data Centres".
	reWithParty = regexp.MustCompile(`(?:\bcon|\bwith)\s+(?:(?:el|la|il|lo|la|the|l')\s*)?(?:(?:fondo|fund|empresa|compañía|società|startup|gruppo|grupo|firm|company|operador|operatore|gestor|provider|proveedor|fornitore|developer|desarrollador|sviluppatore)\s+)?([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,3})`)
	// reSubject finds a clause's subject before its verb: "La eléctrica
	// Iberdrola ha firmado", "Acme signed", "Il gruppo Acme ha siglato".
	reSubject = regexp.MustCompile(`^[\s,]*(?:(?:[A-Z][\p{Ll}]+|[\p{Ll}]+),\s+)?(?:(?:La|El|Il|Lo|The|L'|la|el|il|lo|the)\s*)?(?:\p{Ll}+\s+)?([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})\s+(?:ha|has|have|hanno|han|had|signed|agreed|firmó|firmò|siglò|annuncia|anuncia|announced|will|plans|planea|prevede)\s`)
	// reNamedTarget: right after an amount, "in/en <Name>" names where
	// the money goes (a place or a company outside the gazetteer).
	reNamedTarget = regexp.MustCompile(`^\s*(?:in|en|nel|nella|into)\s+(?:\p{Ll}+\s+)?([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)
	// reRoundOf finds "il round da $100M di InfiniteFound", "Series B of Acme".
	reRoundOf = regexp.MustCompile(`(?i:round|ronda|series [a-f]|serie [a-f])[^.;:]{0,40}?\s(?:di|de|of|for|della|del)\s+([A-Z][\p{L}\d]+(?:[ -][A-Z][\p{L}\d]+){0,2})`)
	// notCompany are capitalized words that start sentences, not names.
	notCompany = cueSet("notCompany")
)

// headerNamesKind reports whether a table header contains a kind cue.
func headerNamesKind(ix *cueIndex, h string) bool {
	for _, x := range ix.scan(h, 0, nil) {
		if x.cat < catPartnership {
			return true
		}
	}
	return false
}

package rules

import (
	"math"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// merged is one real deal of the article: the candidates that state it.
type merged struct {
	best     candidate
	first    int // evidence start of the earliest candidate
	count    int
	explicit map[int]string // entities named in any candidate -> mention
	status   extract.DealStatus
	statusX  bool
	conf     extract.Confirmation
	confRank int
	news     bool // some candidate reports it as news
	// statusEv is the evidence of the candidate that stated the status.
	statusEv extract.Span
	deal     extract.Deal
	freshDay bool
	all      []partyRef // parties of every candidate, for rounds
}

// statusRank orders statuses when repetitions of a deal disagree: a
// later state stated by the article (rejected, expanded) wins over an
// earlier one (offered), and anything stated wins over a forecast.
var statusRank = map[extract.DealStatus]int{
	extract.DealPlanned: 3, extract.DealOffered: 4,
	extract.DealAnnounced: 5, extract.DealAgreed: 6, extract.DealCompleted: 7, extract.DealExpanded: 8, extract.DealRejected: 9,
	extract.DealCancelled: 9,
}

// deniedElsewhere reports whether a sentence of the article denies a
// deal between the companies ps, naming them all (two at least).
func (d *doc) deniedElsewhere(ps []partyRef) bool {
	if len(ps) < 2 {
		return false
	}
	for i := range d.sents {
		if !d.hitIn(i, catDenied, d.sents[i].start, d.sents[i].end) {
			continue
		}
		all := true
		for _, p := range ps {
			named := false
			for _, m := range d.ments[i] {
				named = named || m.entity == p.entity
			}
			all = all && named
		}
		if all {
			return true
		}
	}
	return false
}

// atLeastWords open an amount that is a floor: "at least $2 billion".
var atLeastWords = cueWords("atLeastWords")

// confRankOf orders confirmations when repetitions of a deal disagree
// (the precedence of doc.go "# Stage and confirmation"): a party's denial
// wins, then a party's own statement, then media and sources (an
// attribution is not lost to an unhedged headline), then a forecast,
// then the article's own voice.
func confRankOf(c *candidate) int {
	switch {
	case c.deal.Confirmation == extract.Denied:
		return 4
	case c.deal.Confirmation == extract.Confirmed && c.confX:
		return 3
	case c.deal.Confirmation == extract.Reported:
		return 2
	case c.deal.Confirmation == extract.Forecast:
		return 1
	}
	return 0
}

// merge folds repetitions of a deal (title, lead, body, table) into one
// fact with the best evidence, and returns the deals in text order.
func (d *doc) merge(cands []candidate) []extract.Deal {
	// Richer statements first, so that repetitions and parts fold into
	// them: two named parties with an amount, then the rest, then orphans.
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	pass := func(c *candidate) int {
		switch {
		case c.orphan:
			return 2
		case c.score >= 3 && c.amount != nil:
			return 0
		}
		return 1
	}
	sort.SliceStable(order, func(a, b int) bool { return pass(&cands[order[a]]) < pass(&cands[order[b]]) })

	var deals []*merged
	for _, ci := range order {
		c := cands[ci]
		var into *merged
		for _, m := range deals {
			if d.same(m, &c) {
				into = m
				break
			}
		}
		if into == nil {
			if c.orphan {
				continue
			}
			deals = append(deals, newMerged(c))
			continue
		}
		into.add(c)
	}
	sort.SliceStable(deals, func(a, b int) bool { return deals[a].first < deals[b].first })
	out := make([]extract.Deal, 0, len(deals))
	for _, m := range deals {
		out = append(out, d.finish(m))
	}
	return out
}

func newMerged(c candidate) *merged {
	m := &merged{best: c, first: c.deal.Evidence.Start, explicit: map[int]string{}, deal: c.deal}
	m.deal.Hardware = append([]string(nil), c.deal.Hardware...)
	m.deal.Capacity = append([]extract.Capacity(nil), c.deal.Capacity...)
	m.status, m.statusX = c.deal.Status, c.explicit
	m.conf, m.confRank = c.deal.Confirmation, confRankOf(&c)
	m.news = c.deal.Mention != extract.MentionBackground
	m.statusEv = c.deal.Evidence
	m.freshDay = c.freshDay
	m.count = 1
	m.all = append(m.all, c.parties...)
	for _, p := range c.parties {
		if !p.implicit {
			m.explicit[p.entity] = p.mention
		}
	}
	return m
}

// same reports whether candidate c states deal m (or a part of it).
func (d *doc) same(m *merged, c *candidate) bool {
	// "A and B each invest $2 billion": A's share is not B's.
	if m.best.eachSet && c.eachSet && m.best.each != c.each {
		return false
	}
	// "4 miliardi in Anthropic, in due tranche: 1,25 miliardi subito e
	// 2,75 miliardi entro marzo": a smaller amount of the same sentence,
	// between the same companies, in a sentence about tranches, is a part.
	if c.sent == m.best.sent && c.amount != nil && m.deal.Amount != nil && sameEntities(m.best.parties, c.parties) &&
		approx(c.amount.Value) < approx(m.deal.Amount.Value) && hasAnyWord(d.lower[d.sents[c.sent].start:d.sents[c.sent].end], trancheWords) {
		return true
	}
	// One round, told twice: "Multiverse Computing cierra una ronda de 189
	// millones" and "... ronda liderada por Bullhound Capital".
	if m.deal.Kind == extract.KindFundingRound && c.deal.Kind == extract.KindFundingRound &&
		m.deal.Amount != nil && c.amount != nil && moneyEq(*m.deal.Amount, extract.MoneyFromFigure(*c.amount)) {
		return true
	}
	// "ha ampliado su ronda de 30 a 45 millones", then "La ronda, cerrada
	// en diciembre por 30 millones": the old size of the revised round.
	if m.deal.Kind == extract.KindFundingRound && c.deal.Kind == extract.KindFundingRound &&
		m.deal.PreviousAmount != nil && c.amount != nil && moneyEq(*m.deal.PreviousAmount, extract.MoneyFromFigure(*c.amount)) &&
		sharesEntity(m.best.parties, c.parties) {
		c.stale = true
		return true
	}
	// "L'intesa ... tra 60 e 80 miliardi" took its companies from the
	// deal told before ("6 gigawatt di GPU AMD" for xAI): the value and the
	// capacity are one deal.
	if m.best.anaphoric && m.deal.Amount != nil && len(m.deal.Capacity) == 0 && c.amount == nil && len(c.deal.Capacity) > 0 &&
		sameEntities(m.best.parties, c.parties) {
		return true
	}
	if c.anaphoric && c.amount != nil && m.deal.Amount == nil && len(m.deal.Capacity) > 0 && len(c.deal.Capacity) == 0 &&
		sameEntities(m.best.parties, c.parties) {
		return true
	}
	if !partiesMeet(m, c) {
		if !(c.anaphoric && c.amount != nil && m.deal.Amount != nil && sharesParty(m, c) &&
			moneyEq(*m.deal.Amount, extract.MoneyFromFigure(*c.amount))) {
			return false
		}
	}
	da := m.deal.Amount
	// A deal told without figures ("Oracle ha cerrado un acuerdo con xAI
	// para suministrarle capacidad") restates the deal of the same named
	// companies that has them.
	if c.amount == nil && len(c.deal.Capacity) == 0 && (da != nil || len(m.deal.Capacity) > 0) && namedPairIn(m, c) && kindsMeet(m.deal.Kind, c.deal.Kind) {
		return true
	}
	switch {
	case c.amount != nil:
		ca := extract.MoneyFromFigure(*c.amount)
		if da != nil && moneyEq(*da, ca) {
			// The same amount between the same named companies is one
			// deal, even when its sentences read different kinds.
			return kindsMeet(m.deal.Kind, c.deal.Kind) || namedPairIn(m, c)
		}
		if da != nil && d.rounded(m, c, *da, ca) {
			c.roundedMatch = true
			return true
		}
		if m.deal.PreviousAmount != nil && moneyEq(*m.deal.PreviousAmount, ca) {
			return true
		}
		for _, t := range m.deal.Tranches {
			if moneyEq(t.Amount, ca) {
				return true
			}
		}
		// "up to 750 megawatts" in the title, "750 megawatts ... worth
		// $10 billion" in the body: the same capacity between the same
		// companies is one deal, the amount comes with the richer one.
		if da == nil && c.anaphoric && len(m.deal.Capacity) > 0 && len(c.deal.Capacity) == 0 && allPartiesIn(m, c) {
			// "6 gigawatt di GPU AMD", then "L'intesa ... avrebbe un valore
			// compreso tra 60 e 80 miliardi": the value of the deal just told.
			return true
		}
		return da == nil && capsMeet(m.deal.Capacity, c.deal.Capacity) && kindsMeet(m.deal.Kind, c.deal.Kind)
	case da != nil:
		if m.best.anaphoric && len(m.deal.Capacity) == 0 && len(c.deal.Capacity) > 0 && allPartiesIn(m, c) {
			return true // the capacity of the deal whose value an anaphora told
		}
		return capsMeet(m.deal.Capacity, c.deal.Capacity) && kindsMeet(m.deal.Kind, c.deal.Kind)
	case len(c.deal.Capacity) > 0 || len(m.deal.Capacity) > 0:
		return capsMeet(m.deal.Capacity, c.deal.Capacity)
	}
	return m.deal.Kind == c.deal.Kind || namedPairIn(m, c) && kindsMeet(m.deal.Kind, c.deal.Kind)
}

// sharesEntity reports whether ps and qs name one company in common,
// explicitly or not.
func sharesEntity(ps, qs []partyRef) bool {
	for _, p := range ps {
		for _, q := range qs {
			if p.entity == q.entity {
				return true
			}
		}
	}
	return false
}

// partiesMeet: an orphan meets any deal; otherwise the companies named
// must share one, and a deal's named companies must not be contradicted
// by two different named pairs.
func partiesMeet(m *merged, c *candidate) bool {
	if c.orphan {
		return true
	}
	shared, named := 0, 0
	for _, p := range c.parties {
		if p.implicit {
			continue
		}
		named++
		if _, ok := m.explicit[p.entity]; ok {
			shared++
		}
	}
	if named == 0 {
		// Only implicit parties: compare them all.
		for _, p := range c.parties {
			for _, q := range m.best.parties {
				if p.entity == q.entity {
					return true
				}
			}
		}
		return false
	}
	if shared == 0 {
		// "Fastweb ...: 2.000 GPU Nvidia" (Nvidia taken from the lead) and
		// "L'operatore ha firmato con Nvidia un ordine per 2.000 GPU"
		// (Fastweb taken from the lead): the same two companies.
		return len(c.parties) >= 2 && sameEntities(m.best.parties, c.parties)
	}
	// Two named companies each, and only one in common: two deals of one
	// company (Amazon-OpenAI vs Amazon-Anthropic), unless amounts differ
	// anyway; let amounts decide, but refuse when both are fully named and
	// disjoint beyond the shared one.
	if named >= 2 && len(m.explicit) >= 2 && shared < 2 {
		return false
	}
	return true
}

// namedPairIn reports whether every party of c (at least two, one named
// by c itself) is named by deal m.
func namedPairIn(m *merged, c *candidate) bool {
	n, named := 0, 0
	for _, p := range c.parties {
		if _, ok := m.explicit[p.entity]; !ok {
			return false
		}
		n++
		if !p.implicit {
			named++
		}
	}
	return n >= 2 && named >= 1
}

// sameEntities reports whether a and b name the same companies.
func sameEntities(a, b []partyRef) bool {
	has := func(ps []partyRef, e int) bool {
		for _, p := range ps {
			if p.entity == e {
				return true
			}
		}
		return false
	}
	for _, p := range a {
		if !has(b, p.entity) {
			return false
		}
	}
	for _, p := range b {
		if !has(a, p.entity) {
			return false
		}
	}
	return len(a) > 0
}

// allPartiesIn reports whether c has parties and m names every one.
func allPartiesIn(m *merged, c *candidate) bool {
	for _, p := range c.parties {
		if _, ok := m.explicit[p.entity]; !ok {
			return false
		}
	}
	return len(c.parties) > 0
}

func sharesParty(m *merged, c *candidate) bool {
	for _, p := range c.parties {
		if _, ok := m.explicit[p.entity]; ok {
			return true
		}
	}
	return false
}

func kindsMeet(a, b extract.Kind) bool {
	if a == b || a == extract.KindOther || b == extract.KindOther || a == extract.KindPartnership || b == extract.KindPartnership {
		return true
	}
	pair := func(x, y extract.Kind) bool { return a == x && b == y || a == y && b == x }
	// One article's "investment" is another sentence's "compute credits":
	// the same money, read with different cues.
	return pair(extract.KindInvestment, extract.KindCompute) || pair(extract.KindInvestment, extract.KindFundingRound) ||
		pair(extract.KindCompute, extract.KindChipSupply)
}

func capsMeet(a, b []extract.Capacity) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Unit == y.Unit && x.Value.Norm() == y.Value.Norm() {
				return true
			}
		}
	}
	return false
}

func moneyEq(a, b extract.Money) bool {
	return a.Currency == b.Currency && a.Value.Norm() == b.Value.Norm()
}

// approx returns d as a float64 without big.Rat: enough for a 5% check.
func approx(d figures.Decimal) float64 {
	return float64(d.Coef) * math.Pow10(d.Exp)
}

// add folds candidate c into m.
func (m *merged) add(c candidate) {
	m.count++
	if c.stale {
		return // an older version of the deal adds nothing to it
	}
	m.all = append(m.all, c.parties...)
	if c.deal.Evidence.Start < m.first {
		m.first = c.deal.Evidence.Start
	}
	for _, p := range c.parties {
		if _, ok := m.explicit[p.entity]; !ok && !p.implicit {
			m.explicit[p.entity] = p.mention
		}
	}
	partOnly := m.deal.Amount != nil && (c.amount == nil || !moneyEq(*m.deal.Amount, extract.MoneyFromFigure(*c.amount))) && !c.roundedMatch
	if c.explicit && (!m.statusX || statusRank[c.deal.Status] > statusRank[m.status]) && !partOnly {
		m.status, m.statusX = c.deal.Status, true
		m.statusEv = c.deal.Evidence
	}
	if r := confRankOf(&c); r > m.confRank {
		m.conf, m.confRank = c.deal.Confirmation, r
	}
	m.news = m.news || c.deal.Mention != extract.MentionBackground
	m.freshDay = m.freshDay || c.freshDay && !partOnly
	dd := &m.deal
	if !partOnly && (c.score > m.best.score || c.score == m.best.score && m.best.orphan) && !c.orphan {
		keep := *dd
		m.best = c
		*dd = c.deal
		dd.Hardware, dd.Capacity = keep.Hardware, keep.Capacity
		if dd.Kind == extract.KindOther && keep.Kind != extract.KindOther {
			dd.Kind = keep.Kind
		}
		if dd.PreviousAmount == nil {
			dd.PreviousAmount = keep.PreviousAmount
		}
		if len(dd.Tranches) == 0 {
			dd.Tranches = keep.Tranches
		}
		if dd.TermYears == nil {
			dd.TermYears = keep.TermYears
		}
		if dd.AnnouncedOn == nil {
			dd.AnnouncedOn = keep.AnnouncedOn
		}
	} else if !partOnly {
		if dd.Amount == nil && c.deal.Amount != nil {
			// A capacity deal learns its value from a later sentence.
			dd.Amount = c.deal.Amount
		}
		if dd.Kind == extract.KindOther && c.deal.Kind != extract.KindOther {
			dd.Kind = c.deal.Kind
		}
		if dd.PreviousAmount == nil {
			dd.PreviousAmount = c.deal.PreviousAmount
		}
		if len(dd.Tranches) == 0 {
			dd.Tranches = c.deal.Tranches
		}
		if dd.TermYears == nil {
			dd.TermYears = c.deal.TermYears
		}
		if dd.AnnouncedOn == nil {
			dd.AnnouncedOn = c.deal.AnnouncedOn
		}
	}
	if partOnly && c.amount == nil && len(dd.Capacity) == 0 && len(c.deal.Capacity) > 0 && m.best.anaphoric {
		// The deal's value was told first ("L'intesa ... tra 60 e 80
		// miliardi") and its capacity before it: one deal.
		dd.Capacity = append(dd.Capacity, c.deal.Capacity...)
		for _, h := range c.deal.Hardware {
			dd.Hardware = appendUnique(dd.Hardware, h)
		}
	}
	if partOnly && c.amount == nil && len(c.deal.Capacity) == 0 {
		// A restatement without figures ("un acuerdo con xAI ... durante
		// los próximos cuatro años") still gives the deal's term and date.
		if dd.TermYears == nil {
			dd.TermYears = c.deal.TermYears
		}
		if dd.AnnouncedOn == nil {
			dd.AnnouncedOn = c.deal.AnnouncedOn
		}
	}
	if !partOnly {
		for _, h := range c.deal.Hardware {
			dd.Hardware = appendUnique(dd.Hardware, h)
		}
		for _, x := range c.deal.Capacity {
			if !capsMeet(dd.Capacity, []extract.Capacity{x}) {
				dd.Capacity = append(dd.Capacity, x)
			}
		}
	}
}

// finish builds the output deal: parties with their best mention, status,
// announced_on and confidence.
func (d *doc) finish(m *merged) extract.Deal {
	deal := m.deal
	if m.best.increment && deal.Amount != nil && deal.Increment != nil && moneyEq(*deal.Amount, *deal.Increment) {
		// "expanded by $2 billion" with no total stated: the figure is
		// the increment, not the deal's value.
		deal.Amount = nil
	} else if !m.best.increment {
		deal.Increment = nil
	}
	if deal.Amount != nil && deal.Amount.Qualifier == figures.Over && hasPrefixAny(d.lower[deal.Amount.Start:deal.Amount.End], atLeastWords) {
		deal.Amount.Qualifier = figures.AtLeast // "almeno", "al menos", "at least": a floor
	}
	deal.Status = m.status
	// A status that a sentence states, folded into a table row's deal,
	// keeps the sentence as evidence: reconciliation counts a status
	// conflict only on a sentence that states it.
	if m.statusX && deal.Status != m.best.deal.Status && isTableRow(deal.Evidence.Text) && m.statusEv.Text != "" && !isTableRow(m.statusEv.Text) {
		deal.Evidence = m.statusEv
	}
	deal.Confirmation = m.conf
	if deal.Confirmation != extract.Denied && d.deniedElsewhere(m.best.parties) {
		// "OpenAI ha smentito le indiscrezioni secondo cui sarebbe in
		// trattative con Adriatica Energia", then the reported figures:
		// a party's denial beats what media reported.
		deal.Confirmation = extract.Denied
		if !m.statusX || deal.Status == extract.DealAnnounced {
			deal.Status = extract.DealPlanned
		}
	}
	deal.Mention = extract.MentionBackground
	if m.news {
		deal.Mention = extract.MentionNews
	}
	parties := make([]extract.Party, 0, len(m.best.parties))
	implicitLeft, guessedLeft := false, false
	for _, p := range m.best.parties {
		mention := p.mention
		if p.implicit {
			if x, ok := m.explicit[p.entity]; ok {
				mention = x
			} else {
				implicitLeft = true
				guessedLeft = guessedLeft || p.guessed
			}
		}
		parties = append(parties, extract.Party{Name: d.nameOf(p.entity), Role: p.role, Mention: mention})
	}
	if deal.Kind == extract.KindFundingRound && deal.Status != extract.DealPlanned {
		// A round's parties are everyone any statement of it names: the
		// raiser once, the investors.
		have := map[string]bool{}
		raiser := false
		for _, p := range parties {
			have[p.Name] = true
			raiser = raiser || p.Role == extract.RoleRaiser
		}
		for _, p := range m.all {
			name := d.nameOf(p.entity)
			if have[name] || p.implicit || p.role == extract.RoleRaiser && raiser {
				continue
			}
			if p.role != extract.RoleRaiser && p.role != extract.RoleInvestor {
				continue
			}
			have[name] = true
			raiser = raiser || p.role == extract.RoleRaiser
			parties = append(parties, extract.Party{Name: name, Role: p.role, Mention: p.mention})
		}
		for k := range parties {
			if parties[k].Role != extract.RoleInvestee {
				continue
			}
			if !raiser {
				parties[k].Role = extract.RoleRaiser // the company a round is raised for raises it
			} else {
				// A round has its raiser and its investors: "led by
				// Ashgrove Capital, with Microsoft taking part".
				parties[k].Role = extract.RoleInvestor
			}
		}
		sort.SliceStable(parties, func(a, b int) bool { return roleRank(parties[a].Role) < roleRank(parties[b].Role) })
	}
	deal.Parties = parties
	if deal.AnnouncedOn == nil && m.freshDay && d.a.Published != "" && deal.Confirmation != extract.Forecast {
		deal.AnnouncedOn = extract.StrPtr(d.a.Published)
	}
	if deal.Hardware == nil {
		deal.Hardware = []string{}
	}
	// Confidence: how many cues agreed on the best statement, how often
	// the article repeats it, less when a party was inferred or the
	// statement is a teaser of another article.
	b := m.best
	conf := 0.35
	for _, ok := range []bool{b.kindCue, b.roleCue, b.explicit, len(parties) >= 2 && !implicitLeft} {
		if ok {
			conf += 0.1
		}
	}
	if len(parties) >= 2 && !implicitLeft {
		conf += 0.1
	}
	conf += 0.05 * float64(min(m.count-1, 3))
	if implicitLeft {
		conf -= 0.05
	}
	if b.teaser {
		conf *= 0.6
	}
	if guessedLeft || len(parties) == 1 && !(deal.Kind == extract.KindFundingRound && parties[0].Role == extract.RoleRaiser) {
		// A guessed side, or one company and no other side (its own
		// spending, a plan, a side the rules could not find): only a
		// round a company raises or seeks stands on one party.
		conf = math.Min(conf, GuessConfidence)
	}
	conf = math.Min(0.95, math.Max(0.05, conf))
	deal.Confidence = math.Round(conf*100) / 100
	deal.Grounded = true
	return deal
}

// rounded reports whether a and b are one amount written twice, once
// rounded ("$14 billion" in the title, "$14.2 billion" in the body): the
// same companies on both sides, the same currency, within 5%.
func (d *doc) rounded(m *merged, c *candidate, a, b extract.Money) bool {
	if a.Currency != b.Currency || !kindsMeet(m.deal.Kind, c.deal.Kind) {
		return false
	}
	named := 0
	for _, p := range c.parties {
		if p.implicit {
			return false
		}
		if _, ok := m.explicit[p.entity]; !ok {
			return false
		}
		named++
	}
	if named < 2 || named != len(m.explicit) {
		return false
	}
	x, y := approx(a.Value), approx(b.Value)
	if x <= 0 || y <= 0 {
		return false
	}
	return math.Abs(x-y)/math.Max(x, y) <= 0.05
}

// isTableRow reports whether evidence is a table row ("| Amazon | OpenAI
// | $50B |") rather than a sentence.
func isTableRow(text string) bool {
	t := strings.TrimSpace(text)
	return strings.HasPrefix(t, "|") || strings.Count(t, "|") >= 2 || strings.Count(t, "\t") >= 2
}

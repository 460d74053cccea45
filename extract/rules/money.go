package rules

import (
	"regexp"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// isDealMoney reports whether money figure f of sentence i is a deal
// amount, not revenue, a valuation, a price or an aggregate.
func (d *doc) isDealMoney(i int, f figures.Figure, prevEnd, nextStart int) bool {
	if f.Implausible || f.Unit == "" {
		return false
	}
	s := d.sents[i]
	from := max(s.start, f.Start-60, prevEnd)
	to := min(s.end, f.End+22, nextStart)
	before := d.lower[max(s.start, f.Start-70, prevEnd):f.Start]
	// "The round could value Crusoe at more than $20 billion", "valora a
	// la empresa en": an active verb puts a value on a company.
	valueWord := strings.Contains(before, "valu") || strings.Contains(before, "valor") || strings.Contains(before, "worth")
	if valueWord {
		if m := reValueCompanyAt.FindStringSubmatch(before); m != nil && !hasAnyWord(m[1], dealNouns) {
			return false
		}
		// "worth NOK 30 billion", "valorado en unos 1.800 millones", "with a
		// potential sales value of $4 billion": the value of the deal itself.
		if reDealValue.MatchString(before) && !reOtherValue.MatchString(before) {
			return true
		}
	}
	for _, c := range nonDealCats {
		if d.nonDealIn(i, c, from, f.Start) || d.nonDealAfter(i, c, f.End, to) {
			return false
		}
	}
	if d.hitIn(i, catCumulative, max(s.start, f.Start-45, prevEnd), f.Start) {
		return false
	}
	// "larger than the roughly $2bn Halcyra was initially seeking": a
	// figure the sentence compares with, named by its article, is no
	// deal's value ("more than $2bn", with no article, is a qualifier).
	if reComparedWith.MatchString(before) {
		return false
	}
	// "has raised more than $1.5 billion from investors since its
	// founding", "ha raccolto 300 milioni dalla sua fondazione": all the
	// money raised so far, no round.
	if hasAnyPhrase(d.lower[f.End:min(s.end, f.End+60, nextStart)], cumulativeAfter) {
		return false
	}
	// "Morgan Stanley expects global data-centre spending to hit $2.9
	// trillion ... private credit could fund about $800bn of it": a
	// forecast of a whole market, not a deal.
	if mk := d.marksOf(i); mk.marketWide && (mk.forecast || d.has(i, catPredicted)) {
		return false
	}
	// "raise $1.1 billion through a private offering of convertible
	// senior notes", "emitir bonos por 2.000 millones": debt sold to the
	// market has no counterparty to pair the figure with.
	if hasAnyWord(d.lower[max(s.start, f.Start-60, prevEnd):min(s.end, f.End+70, nextStart)], bondWords) {
		return false
	}
	// "(fund size, not a deal)": the text says so itself.
	if d.marksOf(i).notADeal {
		return false
	}
	// Shares are a stock move ("Shares of X rose 12% to $127.50") unless
	// bought ("agreed to buy $2 billion of Intel shares").
	if (d.stockIn(i, from, f.Start) || d.stockIn(i, f.End, to)) && !d.hitIn(i, catBuy, max(s.start, prevEnd, f.Start-60), f.Start) {
		return false
	}
	return true
}

// reValueCompanyAt ends with an active verb valuing something at the
// amount that follows: "could value Crusoe at", "valora a la empresa en".
var reValueCompanyAt = regexp.MustCompile(`\b(?:value|values|valuing|valued|valora|valoró|valoran|valorar|valorando|valuta|valutano|valutando|valutava)\s+((?:[\p{L}\d&.'’-]+\s+){1,4})(?:at|en|a|in)\s+(?:(?:about|around|more than|over|some|roughly|nearly|circa|unos|más de|oltre|quasi)\s+)?$`)

// reDealValue ends with words that give a deal's own value: "valued at",
// "worth", "por valor de", "del valore di", "with a potential sales
// value of".
var reDealValue = regexp.MustCompile(`(?:\b(?:contract|deal|agreement|order|lease|transaction|acquisition|contratto|accordo|commessa|operazione|ordine|contrato|acuerdo|pedido|operación|arrendamiento)\b[^.;]{0,40}?\b(?:valued at|valorad[oa] en|valutat[oa]|worth)|\b(?:potential|total|sales|overall|estimated|aggregate|contract|deal)\s+value of|\bpor (?:un )?valor (?:total |potencial )?de|\bdel valore (?:complessivo |totale |potenziale )?di|\bcon un valore (?:complessivo |totale |potenziale )?di)\s+(?:(?:about|around|up to|some|roughly|circa|unos|hasta|fino a|oltre|más de|more than|over|approximately)\s+)?$`)

// reOtherValue names values that are no deal's: "market value of",
// "enterprise value of", "a valuation".
var reOtherValue = regexp.MustCompile(`\b(?:market|enterprise|equity|book|stake|shareholding|share|portfolio|di mercato|de mercado|valuation|valutazione|valoración)\s+(?:value\s+)?(?:of|di|de)?\s*(?:about|around|some|circa|unos)?\s*$|\b(?:activos|assets|attivi|patrimonio|ingresos|revenues?|fatturato|ricavi|cartera|backlog)\b[^.;]{0,30}$`)

// reNotADeal is the text saying that a figure is not a deal.
var reNotADeal = regexp.MustCompile(`\b(?:not a deal|not deals|no es un acuerdo|no son acuerdos|non è un accordo|non sono accordi)\b`)

// reForecastVerb says someone forecasts: "Lisa Su prevé que", "Morgan
// Stanley expects".
var reForecastVerb = regexp.MustCompile(`\b(?:expects?|reckons|forecasts?|predicts?|prevé|prevén|prevede|prevedono|estima|estiman|stima|stimano)(?:\s|$|[,.;])`)

// reMarketWide names a whole market or sector.
var reMarketWide = regexp.MustCompile(`\b(?:global|worldwide|mondial[ei]|mundial(?:es)?|industry-wide|del settore|del sector|spending|spesa|gasto|private credit|credito privato|crédito privado|(?:el|il|the) (?:mercado|mercato|market) (?:de|del|dei|degli|for|of))\b`)

// minDealAmount is the smallest amount read as a deal: smaller money is a
// share price or a unit price ("hasta 188 dólares").
var minDealAmount = figures.Dec(1, 5)

// trancheWords say that a sentence splits a deal into parts.
var trancheWords = cueWords("trancheWords")

// continuesNonDeal reports whether the money at pos continues the non-deal
// figure ending at prevEnd: close to it, with no deal-kind cue between
// (cues inside non-deal phrases such as "capital expenditure" do not
// count).
func (d *doc) continuesNonDeal(i, prevEnd, pos int) bool {
	if pos-prevEnd > 120 {
		return false
	}
	hs := d.hitsIn(i, prevEnd, pos)
	for _, h := range hs {
		if h.cat > catPartnership {
			continue
		}
		inside := false
		for _, o := range hs {
			if (o.cat == catNonDeal || o.cat == catAggregate) && o.start <= h.start && o.end >= h.end {
				inside = true
			}
		}
		if !inside {
			return false
		}
	}
	return true
}

// moneyGroups turns the deal amounts of sentence i into groups, reading
// revisions ("da 38 a oltre 138 miliardi") and tranches ("15 immediati,
// 35 legati a condizioni") into the amount they belong to.
func (d *doc) moneyGroups(i int, money []figures.Figure) []group {
	s := d.sents[i]
	used := make([]bool, len(money))
	var groups []group
	for k := range money {
		if used[k] {
			continue
		}
		f := money[k]
		// "17,4 miliardi, ma potrebbe salire fino a 19,4 miliardi": the
		// ceiling of the deal just stated, not another deal.
		if len(groups) > 0 && d.hitIn(i, catOption, max(s.start, f.Start-45), f.Start) {
			used[k] = true
			continue
		}
		g := group{amount: &money[k], start: f.Start, end: f.End}
		// Revision: "from A to B", "da 38 a oltre 138 miliardi".
		if prev, start, prevIdx, ok := d.revisionFrom(i, money, k); ok {
			g.previous = &prev
			g.start = start
			if prevIdx >= 0 {
				// The earlier figure was grouped on its own: undo that.
				for gi := range groups {
					if groups[gi].amount == &money[prevIdx] {
						groups = append(groups[:gi], groups[gi+1:]...)
						break
					}
				}
			}
		}
		// Tranches after the amount, unless the amount is itself a tranche
		// ("$20 billion tied to milestones").
		paren := strings.HasPrefix(strings.TrimLeft(d.text[f.End:s.end], " "), "(")
		if paren || !d.trancheCondAfter(i, f.End, min(s.end, f.End+25)) {
			tr, last := d.tranches(i, money, k, used)
			if len(tr) > 0 {
				g.tranches = tr
				g.end = max(g.end, last)
			}
		}
		used[k] = true
		groups = append(groups, g)
	}
	return groups
}

// revisionFrom looks before money[k] for "from X to": X is an earlier
// figure or a bare number whose scale and currency are those of money[k].
// It needs a revision cue in the sentence.
func (d *doc) revisionFrom(i int, money []figures.Figure, k int) (extract.Money, int, int, bool) {
	s := d.sents[i]
	f := money[k]
	before := strings.TrimRight(d.lower[s.start:f.Start], " ")
	var toWord string
	for _, w := range []string{" fino a", " hasta", " to", " a", " al"} {
		if strings.HasSuffix(before, w) {
			toWord = w
			break
		}
	}
	if toWord == "" {
		return extract.Money{}, 0, 0, false
	}
	toPos := s.start + len(before) - len(toWord) // offset of the space before the word
	var prev extract.Money
	var prevStart, prevIdx = -1, -1
	if k > 0 && money[k-1].End <= toPos && strings.TrimSpace(d.text[money[k-1].End:toPos]) == "" && money[k-1].Unit == f.Unit {
		prev = extract.MoneyFromFigure(money[k-1])
		prevStart, prevIdx = money[k-1].Start, k-1
	} else {
		nums := bareNumbers(d.text, max(s.start, toPos-24), toPos, d.figs[i])
		if len(nums) == 0 {
			return extract.Money{}, 0, 0, false
		}
		n := nums[len(nums)-1]
		if strings.TrimSpace(d.text[n.end:toPos]) != "" {
			return extract.Money{}, 0, 0, false
		}
		exp, ok := scaleOf(f)
		if !ok {
			return extract.Money{}, 0, 0, false
		}
		v, ok := n.value.Mul(figures.Dec(1, exp))
		if !ok {
			return extract.Money{}, 0, 0, false
		}
		prev = extract.Money{Value: v, Currency: f.Unit, Qualifier: figures.Exact, Period: f.Period,
			Text: d.text[n.start:n.end], Start: n.start, End: n.end}
		prevStart = n.start
	}
	head := strings.TrimRight(d.lower[s.start:prevStart], " $€£")
	fromOK := false
	for _, w := range []string{" da", " dai", " dal", " from", " de", " desde"} {
		if strings.HasSuffix(" "+head, w) {
			fromOK = true
			break
		}
	}
	if !fromOK || !d.hitIn(i, catRevision, s.start, prevStart) {
		return extract.Money{}, 0, 0, false
	}
	return prev, prevStart, prevIdx, true
}

// trancheCondAfter returns whether a tranche condition cue starts in
// [from, to) of sentence i.
func (d *doc) trancheCondAfter(i, from, to int) bool {
	return d.hitIn(i, catUpfront, from, to) || d.hitIn(i, catConditional, from, to) || d.hitIn(i, catMilestone, from, to)
}

// trancheCond returns the condition stated in [from, to), milestone first.
func (d *doc) trancheCond(i, from, to int) (extract.TrancheCondition, bool) {
	switch {
	case d.hitIn(i, catMilestone, from, to):
		return extract.TrancheMilestone, true
	case d.hitIn(i, catUpfront, from, to):
		return extract.TrancheUpfront, true
	case d.hitIn(i, catConditional, from, to):
		return extract.TrancheConditional, true
	}
	return "", false
}

// tranches reads the parts of money[k] stated right after it: later
// figures or, in a parenthesis, bare numbers in the amount's scale, each
// followed by a condition. The parts must not add up to more than the
// amount.
func (d *doc) tranches(i int, money []figures.Figure, k int, used []bool) ([]extract.Tranche, int) {
	s := d.sents[i]
	a := money[k]
	type part struct {
		m      extract.Money
		idx    int
		end    int
		condTo int
	}
	var parts []part
	zoneEnd := min(s.end, a.End+160)
	rest := d.text[a.End:zoneEnd]
	if t := strings.TrimLeft(rest, " "); strings.HasPrefix(t, "(") {
		open := a.End + len(rest) - len(t)
		closeRel := strings.IndexByte(d.text[open:zoneEnd], ')')
		if closeRel > 0 {
			exp, ok := scaleOf(a)
			for _, n := range bareNumbers(d.text, open+1, open+closeRel, d.figs[i]) {
				if !ok {
					break
				}
				v, ok2 := n.value.Mul(figures.Dec(1, exp))
				if !ok2 {
					continue
				}
				parts = append(parts, part{m: extract.Money{Value: v, Currency: a.Unit, Qualifier: figures.Exact, Period: a.Period,
					Text: d.text[n.start:n.end], Start: n.start, End: n.end}, idx: -1, end: n.end, condTo: open + closeRel})
			}
		}
	}
	if len(parts) == 0 {
		for j := k + 1; j < len(money) && money[j].Start < zoneEnd; j++ {
			if money[j].Unit != a.Unit {
				break
			}
			parts = append(parts, part{m: extract.MoneyFromFigure(money[j]), idx: j, end: money[j].End, condTo: s.end})
		}
	}
	// "... round that includes $7.5 billion in equity and $12.5 billion
	// in debt": parts announced as components need no condition word.
	components := false
	if len(parts) > 0 {
		lead := d.lower[a.End:parts[0].m.Start]
		for _, w := range []string{"includ", "compren", "di cui", "de los cuales", "of which", "split", "suddivis", "divid"} {
			components = components || strings.Contains(lead, w)
		}
	}
	var out []extract.Tranche
	var idxs []int
	sum := figures.Decimal{}
	last := 0
	for p := range parts {
		to := min(parts[p].end+40, parts[p].condTo)
		if p+1 < len(parts) {
			to = min(to, parts[p+1].m.Start)
		}
		cond, ok := d.trancheCond(i, parts[p].end, to)
		if !ok && components {
			cond, ok = extract.TrancheOther, true // "includes about $7.5 billion in equity and $12.5 billion in debt"
		}
		if !ok {
			break
		}
		if parts[p].m.Value.Cmp(a.Value) >= 0 {
			break
		}
		var ok2 bool
		sum, ok2 = sum.Add(parts[p].m.Value)
		if !ok2 || sum.Cmp(a.Value) > 0 {
			return nil, 0
		}
		out = append(out, extract.Tranche{Amount: parts[p].m, Condition: cond})
		idxs = append(idxs, parts[p].idx)
		last = parts[p].end
	}
	if len(out) == 0 {
		return nil, 0
	}
	for _, j := range idxs {
		if j >= 0 {
			used[j] = true
		}
	}
	return out, last
}

// reOwnAssets says money goes into the spender's own assets.
var reOwnAssets = regexp.MustCompile(`\b(?:en sus|en su propio|en sus propios|in its|in its own|in their own|nei suoi|nelle sue|nel suo|nella sua)\s+(?:\p{L}+\s+){0,2}(?:centros? de datos|data cent(?:er|re)s?|data center|campus|infraestructuras?|infrastructure|infrastrutture|instalaciones|facilities|impianti|sedi)\b`)

// reProjectSubject opens a sentence about a project, a campus or a site.
var reProjectSubject = regexp.MustCompile(`^\s*(?:El|La|Il|Lo|The)\s+(?:proyecto|progetto|project|campus|complejo|complesso|sito|site|emplazamiento)\b`)

// projectSubject reports whether sentence i opens with a project noun
// and no clause break (";", ":") stands between it and the figure at
// gStart.
func (d *doc) projectSubject(i, gStart int) bool {
	s := d.sents[i]
	if !reProjectSubject.MatchString(d.text[s.start:min(s.end, s.start+40)]) {
		return false
	}
	return !strings.ContainsAny(d.text[s.start:gStart], ";:")
}

// capacity converts a capacity figure, with the purpose written right
// after it ("3 gigawatt di capacità per l'inferenza").
func (d *doc) capacity(i int, f figures.Figure, g *group) extract.Capacity {
	c := extract.Capacity{Value: f.Value, Unit: f.Unit, Text: f.Text, Start: f.Start, End: f.End}
	to := min(f.End+40, g.wEnd)
	for _, o := range g.caps {
		if o.Start > f.Start && o.Start < to {
			to = o.Start
		}
	}
	switch {
	case d.hitIn(i, catInference, f.End, to):
		c.Purpose = extract.StrPtr("inference")
	case d.hitIn(i, catTraining, f.End, to):
		c.Purpose = extract.StrPtr("training")
	}
	return c
}

// raisesRightBefore reports whether a company raises the amount starting
// at pos: "<Name> ha raccolto|raised|recaudó" ends just before it.
func (d *doc) raisesRightBefore(from, pos int) bool {
	lo := max(from, pos-80)
	for _, m := range reRaiseSubject.FindAllStringIndex(d.text[lo:pos], -1) {
		gap := strings.TrimSpace(d.lower[lo+m[1] : pos])
		switch gap {
		case "", "oltre", "over", "more than", "más de", "circa", "about", "nearly", "quasi", "casi", "almost", "around", "un", "una", "an", "a":
			return true
		}
	}
	return false
}

// capacityOfDeal adds the capacity of sentence i to the deals of sentence
// last when i states capacity without money or companies of its own and
// refers to the deal ("El contrato incluye 4,5 gigavatios"). It reports
// whether it did.
func (d *doc) capacityOfDeal(i, last int, cands []candidate) bool {
	if !d.has(i, catAnaphora) || len(d.ments[i]) > 0 {
		return false
	}
	var caps []figures.Figure
	for _, f := range d.figs[i] {
		switch f.Kind {
		case figures.Money:
			return false
		case figures.Capacity:
			caps = append(caps, f)
		}
	}
	if len(caps) == 0 {
		return false
	}
	s := d.sents[i]
	done := false
	for k := range cands {
		c := &cands[k]
		if c.sent != last || c.orphan || done {
			continue
		}
		g := &group{start: caps[0].Start, end: caps[len(caps)-1].End, wStart: s.start, wEnd: s.end, caps: caps}
		for _, f := range caps {
			c.deal.Capacity = append(c.deal.Capacity, d.capacity(i, f, g))
		}
		for _, h := range d.hardwareIn(s.start, s.end) {
			c.deal.Hardware = appendUnique(c.deal.Hardware, h)
		}
		done = true
	}
	return done
}

// dealNouns name a transaction: "a deal valued at $9 billion" is the
// deal's value, not a company's valuation.
var dealNouns = cueWords("dealNouns")

// nonDealIn reports whether a cue of category c that makes a figure not a
// deal starts in [from, to) of sentence i.
func (d *doc) nonDealIn(i int, c category, from, to int) bool {
	for _, h := range d.hitsIn(i, from, to) {
		if h.cat != c {
			continue
		}
		w := d.lower[h.start:h.end]
		// Only the participle ("a deal valued at"): an active verb ("la
		// operación valora a la empresa en", "a round that values the
		// company at") states the company's valuation.
		if strings.HasPrefix(w, "valued") || strings.HasPrefix(w, "valorad") || strings.HasPrefix(w, "valutat") {
			before := d.lower[max(d.sents[i].start, h.start-25):h.start]
			deal := false
			// "a deal valued at": the noun right before the participle;
			// "people close to the deal said valued Fenwick at" is a
			// valuation.
			trimmed := strings.TrimRight(before, " ,")
			for _, n := range dealNouns {
				deal = deal || strings.HasSuffix(trimmed, n) || strings.Contains(before, n) && !reSaidValued.MatchString(before)
			}
			// "la oferta ... para hacerse con su negocio, valorado por el
			// fondo en 1.800 millones": the price a bid puts on what it buys.
			if !deal && hasAnyWord(d.lower[d.sents[i].start:h.start], offerNouns) && hasPrefixAny(d.lower[h.end:min(len(d.lower), h.end+4)], []string{" por", " by", " da"}) {
				deal = true
			}
			if deal {
				continue
			}
		}
		return true
	}
	return false
}

// reSaidValued: a reporting verb between the deal noun and the
// participle ("the deal said valued"): the valuation of a company.
var reSaidValued = regexp.MustCompile(`\b(?:said|say|says|dicen|dijeron|dicono|hanno detto)\b`)

// offerNouns name a bid for a company or a business.
var offerNouns = cueWords("offerNouns")

// nonDealAfter is nonDealIn for the words after a figure, where a cue
// followed by its own figure ("levanta 750 millones con una valoración de
// 6.900 millones", "la valoró en 2.500 millones") is about that figure.
func (d *doc) nonDealAfter(i int, c category, from, to int) bool {
	for _, h := range d.hitsIn(i, from, to) {
		if h.cat != c {
			continue
		}
		own := false
		for _, f := range d.figs[i] {
			own = own || f.Kind == figures.Money && f.Start >= h.end && f.Start <= h.end+16
		}
		if own {
			continue
		}
		if d.nonDealIn(i, c, h.start, h.end) {
			return true
		}
	}
	return false
}

// stockIn reports whether a stock word starts in [from, to) of sentence
// i, other than one describing how a deal is paid ("an all-stock deal",
// "stock-and-cash transaction").
func (d *doc) stockIn(i, from, to int) bool {
	for _, h := range d.hitsIn(i, from, to) {
		if h.cat != catStock {
			continue
		}
		// "per 9,5 mln di euro tra contanti e azioni", "in cash and
		// stock": shares as the payment of a deal.
		if hasAnyPhrase(d.lower[max(d.sents[i].start, h.start-16):h.start], []string{"contanti e ", "cash and ", "efectivo y ", "in azioni", "en acciones", "in stock"}) {
			continue
		}
		after := d.lower[h.end:min(d.sents[i].end, h.end+20)]
		deal := false
		for _, n := range dealNouns {
			deal = deal || strings.Contains(after, n)
		}
		for _, n := range offerNouns {
			deal = deal || strings.Contains(after, n) // "all-stock offer", "oferta en acciones"
		}
		if !deal {
			return true
		}
	}
	return false
}

// reGenericTarget: right after an amount, "en centros de datos", "in
// new data centres": money spent on things, not paid to a company.
var reGenericTarget = regexp.MustCompile(`^\s*(?:(?:en|in|nei|negli|into|on)\s+(?:(?:nuevos|nuevas|new|nuovi|nuove|sus|its|their|i|los|las|gli|le|el|la|the|un|una|uno|a|an)\s+)?|(?:nel|nella|nell'|dell')\s*)` + physicalTargets)

// reGenericBefore: the same target written before the amount, "ha
// investito nell'area oltre 1 miliardo", "invested in the region over".
var reGenericBefore = regexp.MustCompile(`(?:\s(?:in|en|into)\s+(?:(?:el|la|the|los|las)\s+)?|\s(?:nel|nella|nell')\s*)` + physicalTargets + `\s+(?:(?:oltre|più di|circa|más de|unos|over|more than|about|around)\s+)?$`)

// physicalTargets are things money is spent on, not companies: data
// centres, campuses, an area, infrastructure, plants, projects.
const physicalTargets = `(?:centros? de datos|data cent\w*|campus|area|zona|región|regione|region|infraestructura\w*|infrastruttur\w*|infrastructure|impiant\w*|plantas?|plants?|facilit\w*|instalaciones|stabiliment\w*|progett\w*|proyectos?|projects?|capacit\w*|capacidad|sites?|siti|sedi)\b`

// reDeniedRumour: a denial of a report, "ha smentito l'indiscrezione
// su", "denied reports of", "desmintió las informaciones sobre".
var reDeniedRumour = regexp.MustCompile(`(?:smentit\w*|smentisce|denied|denies|desmint\w*|desmiente|niega|negó)(?:\s|,)[^.;]{0,60}?(?:indiscrezion\w*|voc[ei]|rumou?rs?|reports?|informaciones|noticias?|rumores?|notizi\w*)`)

// reUnnamedWith: a counterparty written as a bare plural noun, "con
// produttori italiani", "with local utilities", "con varios bancos".
var reUnnamedWith = regexp.MustCompile(`\b(?:con|with)\s+(?:(?:diversi|vari|varios|varias|otros|otras|several|various|other|altri|alcuni|algunos)\s+)?\p{Ll}{3,}(?:i|es|s)\b`)

// bondWords name debt securities sold to the market.
var bondWords = cueWords("bondWords")

// loanWords name debt financing.
var loanWords = cueWords("loanWords")

// cumulativeAfter, after a figure, make it the total of every round so
// far: "since its founding", "dalla sua fondazione", "desde su
// fundación".
var cumulativeAfter = cueWords("cumulativeAfter")

// reComparedWith ends the text before a figure that a comparison refers
// to: "larger than the", "higher than its", "than the roughly".
var reComparedWith = regexp.MustCompile(`\b(?:larger|bigger|higher|greater|more|smaller|lower|less)\s+than\s+(?:the|its|their|that)\s+(?:(?:roughly|about|around|some|nearly|almost|initial|original|planned)\s+)*$`)

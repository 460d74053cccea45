package rules

import (
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// doc is one article being read: its sentences and, per sentence, the
// cue hits, company mentions and figures in it.
type doc struct {
	x     *Extractor
	a     extract.Article
	text  string
	lower string
	sents []sentence
	hits  [][]hit
	ments [][]mention
	figs  [][]figures.Figure
	// predicted and teaser mark sentences under a predictions heading or
	// in a "Further reading" tail.
	predicted, teaser []bool
	main              []partyRef // the article's main actors, most central first
	first             map[int]mention
	// unknown names companies outside the gazetteer found by pattern
	// ("InfiniteFound ha raccolto"): entity -1 is unknown[0], -2 unknown[1]...
	unknown  []string
	hw       []hwMention      // hardware names in the text
	breaksOf map[int][][2]int // strong clause breaks per sentence start
	// marks caches, per sentence start, the sorted starts of coordinated
	// deals, pronoun-subject breaks, coordinated clauses and consortium
	// cues (see sentMarks): computed once, so a long sentence with many
	// figures stays linear.
	marks map[int]*sentMarks
	// qualifier caches productQualifier by mention start.
	qualifier map[int]bool
	// kindHits caches kindHitsOf per sentence.
	kindHits [][]hit
	kindDone []bool
	// assumed holds the starts of amounts whose currency the article never
	// writes, read as USD.
	assumed map[int]bool
	// roundup is set for a digest of several stories (a newsletter, a
	// weekly roundup): its items are about different companies, so a
	// figure is never paired with the article's main actor.
	roundup bool
}

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
var companySuffixes = []string{"Inc.", "Inc", "Corp.", "Corp", "Corporation", "Ltd.", "Ltd", "LLC", "plc", "PLC", "S.p.A.", "SpA", "S.p.A",
	"S.r.l.", "Srl", "S.A.", "SA", "S.L.", "SL", "GmbH", "AG", "N.V.", "B.V.", "SAS", "AI", "Compute", "Group", "Holding", "Holdings", "Labs", "Systems", "Technologies"}

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
	shared   bool // the sentence's subject, shared by its clauses
	brand    bool // named as the brand of hardware ("Nvidia GB300")
	// fixed is a role the text states by pattern ("guidato da Aker": an
	// investor; "X ha raccolto": the raiser); roles keeps it.
	fixed extract.Role
	role  extract.Role
}

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
}

// nonDealCats are the cue categories that make a money figure not a deal.
var nonDealCats = []category{catNonDeal, catAggregate}

func (x *Extractor) extract(a extract.Article) ([]extract.Deal, []extract.Warning) {
	d := &doc{x: x, a: a, text: a.Text, lower: lowerSameLen(a.Text)}
	d.read()
	cands := d.candidates()
	deals := d.merge(cands)
	kept := deals[:0]
	for _, deal := range deals {
		if len(deal.Parties) == 1 && deal.Kind == extract.KindInvestment && deal.Parties[0].Role == extract.RoleInvestee {
			// "la compañía de Redmond ha invertido unos 13.000 millones
			// en OpenAI" with the investor unresolved: money into a
			// company from no one named is no deal a reader can check.
			continue
		}
		kept = append(kept, deal)
	}
	deals = kept
	var warnings []extract.Warning
	for k, deal := range deals {
		if deal.Amount != nil && d.assumed[deal.Amount.Start] {
			warnings = append(warnings, extract.Warning{Code: WarnCurrencyAssumed,
				Message: "the article writes no currency: " + deal.Amount.Text + " is read as USD", Deal: extract.Ptr(k)})
		}
	}
	return deals, warnings
}

// WarnCurrencyAssumed is the warning code of a deal whose amount has no
// currency anywhere in the article and was read as USD.
const WarnCurrencyAssumed = "currency_assumed"

// read splits the article and indexes mentions, figures and cues per
// sentence.
func (d *doc) read() {
	d.sents = splitSentences(d.text)
	n := len(d.sents)
	d.hits = make([][]hit, n)
	d.ments = make([][]mention, n)
	d.figs = make([][]figures.Figure, n)
	d.predicted = make([]bool, n)
	d.teaser = make([]bool, n)

	d.hw = findAllHardware(d.text)
	all := d.discoverUnknown(d.dropEmbedded(d.x.gaz.find(d.text)))
	d.first = make(map[int]mention)
	for _, m := range all {
		if f, ok := d.first[m.entity]; !ok || (f.kind == aliasPerson && m.kind != aliasPerson) {
			d.first[m.entity] = m
		}
	}
	figs, assumed := resolveCurrency(d.x.parse(d.text, d.a.Lang))
	d.assumed = assumed

	mi, fi := 0, 0
	predicted, teaser := false, false
	for i, s := range d.sents {
		d.hits[i] = d.x.cues.scan(d.lower[s.start:s.end], s.start, nil)
		for mi < len(all) && all[mi].start < s.start {
			mi++
		}
		for j := mi; j < len(all) && all[j].end <= s.end; j++ {
			d.ments[i] = append(d.ments[i], all[j])
		}
		for fi < len(figs) && figs[fi].Start < s.start {
			fi++
		}
		for j := fi; j < len(figs) && figs[j].End <= s.end; j++ {
			d.figs[i] = append(d.figs[i], figs[j])
		}
		if s.heading && s.row == nil {
			if d.has(i, catTeaserSection) {
				teaser = true
			}
			predicted = d.has(i, catPredictionSection)
		}
		d.predicted[i] = predicted
		d.teaser[i] = teaser
	}
	d.main = d.mainActors()
	d.roundup = d.isRoundup()
}

// reRoundupTitle names a digest of several stories in a title.
var reRoundupTitle = regexp.MustCompile(`(?i)\b(weekly|the week in|week \d+|digest|roundup|round-up|newsletter|quick hits|resumen semanal|bolet[ií]n|la semana|rassegna|la settimana|settimanale)\b`)

// reMarkdownSection matches a Markdown section heading or list item line.
var reMarkdownSection = regexp.MustCompile(`(?m)^(?:#{2,6}\s+\S|\s*(?:[-*+]|\d+[.)])\s+\S)`)

// isRoundup reports whether the article is a digest of several stories:
// its title (or first line) says so and its body is split into Markdown
// sections or list items.
func (d *doc) isRoundup() bool {
	title := d.a.Title
	if title == "" {
		first := d.text
		if k := strings.IndexByte(first, '\n'); k >= 0 {
			first = first[:k]
		}
		title = first
	}
	if !reRoundupTitle.MatchString(title) {
		return false
	}
	return len(reMarkdownSection.FindAllStringIndex(d.text, 4)) >= 3
}

// genericLeads are generic words that some company names start with
// ("Partners Group"): after another capitalised word they are the tail
// of a longer name ("Axon Partners Group"), not that company.
var genericLeads = map[string]bool{"Partners": true, "Capital": true, "Group": true, "Global": true, "Digital": true,
	"Data": true, "Energy": true, "Ventures": true, "Infrastructure": true}

// reCapWordEnd is a capitalised word right before a mention.
var reCapWordEnd = regexp.MustCompile(`(?:^|[\s(])([A-Z][\p{L}\d]+) $`)

// dropEmbedded removes mentions that are the tail of a longer name.
func (d *doc) dropEmbedded(ms []mention) []mention {
	out := ms[:0]
	for _, m := range ms {
		if m.kind != aliasPerson && genericLeads[firstWord(m.text)] {
			if w := reCapWordEnd.FindStringSubmatch(d.text[max(0, m.start-30):m.start]); w != nil &&
				!notNameWords[w[1]] && !calendarWords[w[1]] && !isPlace(w[1]) {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// resolveCurrency gives money figures without a currency the currency of
// the nearest preceding money figure that has one (else the following
// one). When the article writes no currency at all ("un accordo da 30
// miliardi l'anno"), they are read as USD, the currency of the market
// these articles cover, and their starts are returned so that the deals
// using them carry a warning.
func resolveCurrency(figs []figures.Figure) ([]figures.Figure, map[int]bool) {
	var assumed map[int]bool
	last := ""
	out := figs[:0:0]
	for i, f := range figs {
		if f.Kind == figures.Money {
			if f.Unit != "" {
				last = f.Unit
			} else {
				unit := last
				for j := i + 1; unit == "" && j < len(figs); j++ {
					if figs[j].Kind == figures.Money && figs[j].Unit != "" {
						unit = figs[j].Unit
					}
				}
				if unit == "" {
					unit = "USD"
					if assumed == nil {
						assumed = map[int]bool{}
					}
					assumed[f.Start] = true
				}
				f.Unit = unit
			}
		}
		out = append(out, f)
	}
	return out, assumed
}

func (d *doc) has(i int, c category) bool {
	for _, h := range d.hits[i] {
		if h.cat == c {
			return true
		}
	}
	return false
}

// hitIn reports whether a hit of category c starts in [from, to). Hits
// are in order of start, so it costs a binary search and the hits in the
// range.
func (d *doc) hitIn(i int, c category, from, to int) bool {
	hs := d.hits[i]
	for k := sort.Search(len(hs), func(k int) bool { return hs[k].start >= from }); k < len(hs) && hs[k].start < to; k++ {
		if hs[k].cat == c {
			return true
		}
	}
	return false
}

// mainActors returns the companies the title and lead are about, most
// mentioned first (ties: earliest mention).
func (d *doc) mainActors() []partyRef {
	score := map[int]int{}
	var titleMents []mention
	if d.a.Title != "" {
		titleMents = d.x.gaz.find(d.a.Title)
	}
	// When the title is the text's first line, its mentions (which
	// include companies outside the gazetteer) score it once, with the
	// weight of both.
	titleLine := len(d.sents) > 0 && d.sents[0].heading && d.a.Title != "" &&
		strings.TrimSpace(d.text[d.sents[0].start:d.sents[0].end]) == strings.TrimSpace(d.a.Title)
	if !titleLine {
		for _, m := range titleMents {
			score[m.entity] += 3
		}
	}
	lead := 0
	for i, s := range d.sents {
		if lead >= 3 {
			break
		}
		w := 1
		if i == 0 && s.heading {
			w = 3 // the title line
			if titleLine {
				w = 6
			}
		} else if s.heading {
			continue
		} else {
			lead++
		}
		for _, m := range d.ments[i] {
			score[m.entity] += w
		}
	}
	var ents []int
	for e := range score {
		if _, ok := d.first[e]; ok {
			ents = append(ents, e)
		}
	}
	sort.Slice(ents, func(i, j int) bool {
		a, b := ents[i], ents[j]
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		return d.first[a].start < d.first[b].start
	})
	var out []partyRef
	for _, e := range ents {
		if len(out) == 2 || score[e] < 2 {
			break // a company named once in the lead is not what the article is about
		}
		m := d.first[e]
		out = append(out, partyRef{entity: e, mention: m.text, pos: math.MaxInt32, kind: m.kind, implicit: true})
	}
	return out
}

// candidates reads every sentence and returns the deals they state.
func (d *doc) candidates() []candidate {
	var out []candidate
	lastDeal := -1 // index of the last sentence that stated a deal
	for i, s := range d.sents {
		var cs []candidate
		switch {
		case s.row != nil:
			cs = d.rowCandidates(i)
		case lastDeal >= 0 && i-lastDeal <= 2 && d.capacityOfDeal(i, lastDeal, out):
			continue // "El contrato incluye 4,5 gigavatios": detail of the deal before
		default:
			cs = d.sentenceCandidates(i, lastDeal)
		}
		if len(cs) > 0 {
			out = append(out, cs...)
			lastDeal = i
			continue
		}
		if lastDeal >= 0 {
			d.continueDeal(i, lastDeal, out)
		}
		if s.heading {
			lastDeal = -1
		}
	}
	return out
}

// continueDeal lets a sentence without figures of its own add details to
// the deals of a recent sentence: "L'intesa, annunciata il 3 novembre
// 2025, ..." gives a date, "L'accordo include anche Trainium4" hardware.
func (d *doc) continueDeal(i, last int, cands []candidate) {
	if i-last > 3 {
		return
	}
	anaphora := d.has(i, catAnaphora) && i-last <= 2
	s := d.sents[i]
	hw := d.hardwareIn(s.start, s.end)
	var date string
	var years float64
	var hasTerm bool
	if anaphora {
		date = d.dateIn(i, s.start, s.end)
		years, _, _, hasTerm = findTerm(d.lower, s.start, s.end)
	}
	for k := range cands {
		c := &cands[k]
		if c.sent != last {
			continue
		}
		if anaphora {
			if c.deal.AnnouncedOn == nil && date != "" {
				c.deal.AnnouncedOn = extract.StrPtr(date)
			}
			if c.deal.TermYears == nil && hasTerm {
				c.deal.TermYears = extract.Ptr(years)
			}
		}
		if len(hw) > 0 && (c.deal.Kind == extract.KindCompute || c.deal.Kind == extract.KindChipSupply) {
			for _, h := range hw {
				c.deal.Hardware = appendUnique(c.deal.Hardware, h)
			}
		}
	}
}

// dateIn returns the first date of month or day precision written in
// text[from:to] of sentence i.
func (d *doc) dateIn(i, from, to int) string {
	fs := d.figs[i]
	for k := sort.Search(len(fs), func(k int) bool { return fs[k].Start >= from }); k < len(fs) && fs[k].Start < to; k++ {
		if f := fs[k]; f.Kind == figures.Date && f.End <= to && len(f.Date) >= 7 {
			return f.Date
		}
	}
	return ""
}

// isDealMoney reports whether money figure f of sentence i is a deal
// amount, not revenue, a valuation, a price or an aggregate.
func (d *doc) isDealMoney(i int, f figures.Figure, prevEnd, nextStart int) bool {
	if f.Implausible || f.Unit == "" {
		return false
	}
	s := d.sents[i]
	from := max(s.start, f.Start-60, prevEnd)
	to := min(s.end, f.End+22, nextStart)
	for _, c := range nonDealCats {
		if d.nonDealIn(i, c, from, f.Start) || d.nonDealAfter(i, c, f.End, to) {
			return false
		}
	}
	if d.hitIn(i, catCumulative, max(s.start, f.Start-45, prevEnd), f.Start) {
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
var trancheWords = []string{"tranche", "tranches", "tramo", "tramos", "installment", "installments", "instalment", "instalments", "rate"}

// hasAnyWord reports whether lowercase text s contains one of words as a
// whole word.
func hasAnyWord(s string, words []string) bool {
	for _, w := range words {
		for off := 0; ; {
			k := strings.Index(s[off:], w)
			if k < 0 {
				break
			}
			a, b := off+k, off+k+len(w)
			if (a == 0 || !isWordByte(s[a-1])) && (b == len(s) || !isWordByte(s[b])) {
				return true
			}
			off = b
		}
	}
	return false
}

// isWordByte reports whether b is an ASCII letter or digit, or part of a
// UTF-8 sequence.
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

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

// rePronounSubject: a sentence whose subject is "It", the company the
// sentence before is about ("xAI has been raising money ... It is seeking
// to raise about $10bn").
var rePronounSubject = regexp.MustCompile(`^(?:It|They) (?:is|are|has|have|had|will|would|plans|planned|raised|agreed|signed|was|were)\b`)

// possessiveOpeners start a sentence about the company the sentence
// before is about: "Su última ronda", "Its largest model", "La sua quota".
var possessiveOpeners = []string{"Su ", "Sus ", "Its ", "Their ", "La sua ", "Il suo ", "Le sue ", "I suoi "}

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
var appositionCues = []string{"backed by", "owned by", "controlled by", "founded by", "a unit of", "a subsidiary of", "rival of", "rival to",
	"a rival of", "spun out of", "respaldada por", "respaldado por", "controlada por", "controlado por", "participada por", "fundada por",
	"filial de", "rival de", "propiedad de", "controllata da", "controllato da", "controllata dal", "controllato dal", "controllata dalla",
	"controlada por el", "controlado por el", "partecipata dal", "sostenuta dal", "partecipata da", "fondata da", "fondato da",
	"sostenuta da", "rivale di", "filiale di", "una controllata di", "spin-off di"}

// memberRelatives open a relative clause that names the members of a
// group: "AIP, en el que también participan Nvidia y xAI,".
var memberRelatives = []string{"en el que", "en la que", "del que", "de la que", "in which", "of which", "di cui", "nel quale", "nella quale", "del quale"}

// memberVerbs say that the companies of such a clause are members.
var memberVerbs = []string{"participan", "participa", "partecipano", "partecipa", "take part", "takes part", "participate", "participates",
	"forman parte", "fanno parte", "are members", "is a member", "son socios", "sono soci"}

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

// hasPrefixAny reports whether s starts with one of ps.
func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// creatorCues say who created a company inside an apposition.
var creatorCues = []string{"creada por", "creado por", "creata da", "creato da", "created by", "set up by", "established by",
	"lanzada por", "impulsada por", "nata da", "born from", "del fondo", "del gruppo", "del grupo", "of the fund"}

// ownerCues, written right after a company noun, name the owner of the
// company the noun stands for: "il gruppo controllato da Y compra...",
// "the company, owned by Y,". Y describes the subject; it is no side of
// the deal the sentence states.
var ownerCues = []string{"controlled by", "owned by", "majority-owned by", "a subsidiary of", "a unit of", "controllato da", "controllata da",
	"partecipato da", "partecipata da", "filiale di", "controlada por", "controlado por", "propiedad de", "filial de"}

// ownerNouns are the nouns that stand for a company already named.
var ownerNouns = []string{"gruppo", "società", "azienda", "operatore", "compagnia", "group", "company", "firm", "operator", "business",
	"grupo", "compañía", "empresa", "operador", "sociedad", "firma"}

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

// deployWords say that the subject takes hardware of a brand: "will
// deploy 600,000 Nvidia GPUs" makes the brand the supplier.
var deployWords = []string{"deploy", "deploys", "deploying", "buy", "buys", "purchase", "purchases", "order", "orders", "ordered",
	"desplegará", "desplegar", "desplegarán", "comprará", "comprar", "adquirirá", "recibirá", "recibir",
	"acquisterà", "acquistare", "comprerà", "riceverà", "ricevere", "installerà", "installare"}

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
			out = append(out, c)
		}
	}
	return out
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

// clausePunct and clauseWords end the clause of one group before the next.
var (
	clausePunct = []string{",", ";", ":", ")", " — ", " – ", "—"}
	clauseWords = []string{" ma ", " but ", " pero ", " mentre ", " while ", " whereas ", " versus ", " e ", " and ", " y ", " mientras "}
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
	// A list of stories has three items or more; "xAI raises $20 billion,
	// Nvidia takes part" is one story.
	if strings.Count(d.text[s.start:s.end], ",")+strings.Count(d.text[s.start:s.end], ";") < 2 {
		return ps
	}
	from := s.start
	if k := strings.LastIndexAny(d.text[s.start:g.start], ",;|"); k >= 0 {
		from = s.start + k + 1
	}
	to := s.end
	if k := strings.IndexAny(d.text[g.end:s.end], ",;|"); k >= 0 {
		to = g.end + k
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
var countryTargets = []string{" to the country", " in the country", " to the uk", " in the uk", " to britain", " in britain",
	" nel paese", " al paese", " per il paese", " in italia", " all'italia", " en el país", " al país", " para el país", " en españa", " a españa"}

// hasAnyPhrase reports whether s contains one of phrases.
func hasAnyPhrase(s string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// sellWords sell a business: what follows ("ZT Systems' manufacturing
// business") is the asset, not a party.
var sellWords = []string{"sell", "sells", "selling", "sold", "divest", "vender", "venderá", "vende", "vendió", "vendere", "venderà",
	"vende", "cedere", "cederà", "ceder", "cederá"}

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

func addParty(ps []partyRef, m mention) []partyRef {
	for _, p := range ps {
		if p.entity == m.entity {
			return ps
		}
	}
	return append(ps, partyRef{entity: m.entity, mention: m.text, pos: m.start, kind: m.kind})
}

// kindScores scores the deal kinds from the cues of sentence i: 3 for a
// cue within 40 bytes of the group's figures [gs, ge), 2 elsewhere in its
// clause [from, to), 1 elsewhere in the sentence. Cues inside company
// names and overlapping hits of one category count once.
func (d *doc) kindScores(i, from, to, gs, ge int) ([catPartnership + 1]int, bool) {
	kh := d.kindHitsOf(i)
	var sc [catPartnership + 1]int
	for _, h := range kh {
		sc[h.cat]++
	}
	local := false
	for k := sort.Search(len(kh), func(k int) bool { return kh[k].start >= from }); k < len(kh) && kh[k].start < to; k++ {
		h := kh[k]
		if h.start >= gs-40 && h.start < ge+40 {
			sc[h.cat] += 2
		} else {
			sc[h.cat]++
		}
		if h.cat == catAcquisition && h.start >= gs-100 && h.start < ge+40 {
			// "l'acquisizione del 100% di Irideos, operatore di data
			// center": the target's business is described with other
			// kinds' words; the acquisition word decides.
			sc[h.cat] += 2
		}
		if h.cat != catPartnership {
			local = true
		}
	}
	return sc, local
}

// kindHitsOf returns the kind cues of sentence i, outside company names,
// overlapping hits of one category once; computed once per sentence.
func (d *doc) kindHitsOf(i int) []hit {
	if d.kindHits == nil {
		d.kindHits = make([][]hit, len(d.sents))
		d.kindDone = make([]bool, len(d.sents))
	}
	if d.kindDone[i] {
		return d.kindHits[i]
	}
	var out []hit
	lastEnd := [catPartnership + 1]int{}
	for _, h := range d.hits[i] {
		if h.cat > catPartnership || h.start < lastEnd[h.cat] || d.inMention(i, h.start) {
			continue
		}
		if h.cat == catDistribution && d.spreadOver(i, h) {
			continue
		}
		lastEnd[h.cat] = h.end
		out = append(out, h)
	}
	d.kindHits[i], d.kindDone[i] = out, true
	return out
}

// spreadWords follow "distributed" when it means spread over time or
// paid out: "60-80 miliardi distribuiti su quattro anni", "a one-time
// distribution of roughly $3bn".
var spreadWords = []string{"anni", "años", "years", "mesi", "meses", "months", "fasi", "fases", "phases", "tranche", "tramos", "rate",
	"dividend", "dividendo"}

// spreadOver reports whether distribution cue h means spread over time or
// a payout, not distributing a product.
func (d *doc) spreadOver(i int, h hit) bool {
	after := d.lower[h.end:min(d.sents[i].end, h.end+28)]
	if hasAnyWord(after, spreadWords) {
		return true
	}
	for _, f := range d.figs[i] {
		if f.Kind == figures.Money && f.Start >= h.end && f.Start <= h.end+20 {
			return true
		}
	}
	return false
}

var kindOfCat = [...]extract.Kind{
	catRound: extract.KindFundingRound, catInvest: extract.KindInvestment, catAcquisition: extract.KindAcquisition,
	catCompute: extract.KindCompute, catChip: extract.KindChipSupply, catDistribution: extract.KindDistribution,
	catPartnership: extract.KindPartnership,
}

// pickKind returns the best-scoring kind; partnership with a money figure
// is "other" (the schema's partnership has no amount).
func pickKind(sc [catPartnership + 1]int, hasMoney bool) extract.Kind {
	best, bestCat := 0, category(0)
	for c := catRound; c < catPartnership; c++ {
		if sc[c] > best {
			best, bestCat = sc[c], c
		}
	}
	if best == 0 {
		if hasMoney || sc[catPartnership] == 0 {
			return extract.KindOther
		}
		return extract.KindPartnership
	}
	return kindOfCat[bestCat]
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
	if reDeniedRumour.MatchString(d.lower[from:g.start]) {
		// "Microsoft ha smentito un'altra indiscrezione su un investimento
		// da 5 miliardi": the company denies the deal; it is no fact.
		return candidate{}, false
	}
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
	var roleOK bool
	parties, roleOK = d.roles(kind, parties, hw)
	parties, roleOK = d.fixRoles(kind, parties, roleOK)
	if kind == extract.KindCompute || kind == extract.KindChipSupply {
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
	deal.Status, c.explicit = d.status(i, from, to, g.previous != nil)
	deal.Evidence = extract.Span{Text: d.text[s.start:s.end], Start: s.start, End: s.end}
	c.deal = deal
	c.score = d.score(&c, s)
	return c, true
}

// kindOfSentence returns the kind the cues of sentence i point to.
func (d *doc) kindOfSentence(i int) extract.Kind {
	s := d.sents[i]
	sc, _ := d.kindScores(i, s.start, s.end, s.start, s.end)
	return pickKind(sc, true)
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
	if found == nil || found.entity == e {
		return partyRef{}, false
	}
	return partyRef{entity: found.entity, mention: found.text, pos: math.MaxInt32, kind: found.kind, implicit: true}, true
}

// otherMain returns the main actor of the article that is not entity e.
func (d *doc) otherMain(e int) *partyRef {
	if d.roundup {
		return nil // a digest's items are about different companies
	}
	for _, p := range d.main {
		if p.entity != e {
			q := p
			return &q
		}
	}
	return nil
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

// status reads the deal's status from the cues of its clause (else its
// sentence). explicit is false when no cue said anything.
func (d *doc) status(i, from, to int, revised bool) (extract.DealStatus, bool) {
	s := d.sents[i]
	// A cue of the clause counts; failing any, one of the sentence near
	// the figures.
	near0, near1 := max(s.start, from-150), min(s.end, to+100)
	in := func(c category) bool {
		return d.hitIn(i, c, from, to) || d.hitIn(i, c, near0, near1) && !d.anyStatusIn(i, from, to)
	}
	switch {
	case in(catRejected):
		return extract.DealRejected, true
	case d.predicted[i]:
		return extract.DealPredicted, true
	case revised:
		return extract.DealExpanded, true
	case in(catOffered):
		return extract.DealOffered, true
	case in(catPredicted):
		return extract.DealPredicted, true
	case in(catReported) && !d.ownSource(i, near0, near1): // "reportedly in talks": unconfirmed first
		return extract.DealReported, true
	case in(catPlanned):
		return extract.DealPlanned, true
	case in(catCompleted):
		return extract.DealCompleted, true
	case in(catAgreed):
		return extract.DealAgreed, true
	case in(catAnnounced):
		return extract.DealAnnounced, true
	}
	return extract.DealAnnounced, false
}

// ownSourceWords follow "según"/"secondo"/"according to" when the source
// is a party itself: "según ha confirmado la propia empresa", "según el
// comunicado", "according to the company" confirm the deal.
var ownSourceWords = []string{"confirm", "la propia", "el propio", "la empresa", "la compañía", "el comunicado", "la nota", "un comunicado",
	"la società", "l'azienda", "il comunicato", "una nota", "the company", "a statement", "the statement", "a filing", "the filing",
	"a press release", "the companies", "las empresas", "le società", "le aziende"}

// ownSource reports whether every reported cue in [from, to) of sentence
// i attributes the news to the companies themselves.
func (d *doc) ownSource(i, from, to int) bool {
	found := false
	for _, h := range d.hits[i] {
		if h.cat != catReported || h.start < from || h.start >= to {
			continue
		}
		after := d.lower[h.end:min(d.sents[i].end, h.end+40)]
		if !hasAnyPhrase(after, ownSourceWords) {
			return false
		}
		found = true
	}
	return found
}

func (d *doc) anyStatusIn(i, from, to int) bool {
	for _, h := range d.hits[i] {
		if h.cat >= catRejected && h.cat <= catAnnounced && h.start >= from && h.start < to {
			return true
		}
	}
	return false
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
	c.deal.Status, c.explicit = d.status(i, s.start, s.end, false)
	if date := d.dateIn(i, s.start, s.end); date != "" {
		c.deal.AnnouncedOn = extract.StrPtr(date)
	}
	c.freshDay = d.hitIn(i, catFresh, s.start, s.end)
	c.score = d.score(&c, s)
	return []candidate{c}
}

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
	c.deal.Status, c.explicit = d.status(i, s.start, s.end, false)
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
var undisclosedWords = []string{"not disclosed", "undisclosed", "n/a", "no revelado", "no revelada", "sin cifra", "non divulgato",
	"non rivelato", "non comunicato", "non dichiarato", "tens of billions", "billions", "multibillion", "varios miles de millones", "miliardi"}

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
	c.deal.Status, c.explicit = d.status(i, s.start, s.end, false)
	c.score = d.score(&c, s)
	return []candidate{c}
}

func (d *doc) hitsIn(i, from, to int) []hit {
	hs := d.hits[i]
	k := sort.Search(len(hs), func(k int) bool { return hs[k].start >= from })
	e := k
	for e < len(hs) && hs[e].start < to {
		e++
	}
	return hs[k:e]
}

// dedupHits drops hits contained in an earlier hit of the same category.
func dedupHits(hs []hit) []hit {
	var out []hit
	lastEnd := map[category]int{}
	for _, h := range hs {
		if e, ok := lastEnd[h.cat]; ok && h.start < e {
			continue
		}
		lastEnd[h.cat] = h.end
		out = append(out, h)
	}
	return out
}

// partyHeaderWords name a table column of companies.
var partyHeaderWords = []string{"company", "companies", "partner", "investor", "investee", "buyer", "seller", "acquirer", "target",
	"supplier", "customer", "azienda", "società", "investitore", "acquirente", "fornitore", "cliente",
	"empresa", "compañía", "socio", "inversor", "comprador", "proveedor", "provider", "counterparty", "contraparte", "controparte",
	"vendor", "venditore", "vendedor", "lender", "raiser", "startup", "client", "lab"}

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
	notCompany = map[string]bool{"Il": true, "La": true, "Lo": true, "Le": true, "The": true, "El": true, "Los": true,
		"Las": true, "Un": true, "Una": true, "A": true, "An": true, "In": true, "AI": true, "IA": true, "It": true,
		"Questo": true, "Questa": true, "Este": true, "Esta": true, "This": true, "Its": true, "Their": true, "La startup": true,
		"Serie": true, "Series": true, "Seed": true, "Pre": true}
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

// inMention reports whether pos of sentence i is inside a company
// mention ("cloud" in "Google Cloud" is a name, not a cue).
func (d *doc) inMention(i, pos int) bool {
	ms := d.ments[i]
	k := sort.Search(len(ms), func(k int) bool { return ms[k].end > pos })
	return k < len(ms) && ms[k].start <= pos
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

// productWords name hardware next to a brand ("GPU Nvidia", "Nvidia
// chips", "AMD Instinct GPUs").
var productWords = map[string]bool{"gpu": true, "gpus": true, "chip": true, "chips": true, "processori": true,
	"procesadores": true, "processors": true, "acceleratori": true, "accelerators": true, "aceleradores": true}

// serviceBrands are cloud brands that prefix a service named after
// another company ("Azure OpenAI").
var serviceBrands = map[string]bool{"azure": true}

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

// patternParties adds the companies word patterns name around group g,
// known to the gazetteer or not: a round's raiser ("InfiniteFound ha
// raccolto", "il round di X") and its lead investor ("guidato da Aker"),
// an acquisition's buyer ("Indra compró") and target ("la empresa de
// drones Aerotec"), and where money comes from ("from Brookfield").
func (d *doc) patternParties(kind extract.Kind, g *group, from, to int, ps []partyRef) []partyRef {
	add := func(name string, pos int, role extract.Role) {
		if notCompany[name] || notCompany[firstWord(name)] {
			return
		}
		ent, known := 0, false
		for _, m := range d.x.gaz.find(name) {
			if m.start == 0 {
				ent, known = m.entity, true
			}
		}
		if !known {
			ent = d.unknownID(name)
		}
		ref := partyRef{entity: ent, mention: name, pos: pos, kind: aliasCompany, fixed: role}
		for k := range ps {
			if ps[k].entity == ent {
				if role != "" {
					ps[k].fixed = role
				}
				return
			}
			if overlaps(ps[k], ref) {
				// "al Grupo Samca" where the mention found "Samca": the
				// pattern's full name is the party.
				if len(name) > len(ps[k].mention) {
					ps[k] = ref
				} else if role != "" {
					ps[k].fixed = role
				}
				return
			}
		}
		ps = append(ps, ref)
	}
	first := func(re *regexp.Regexp, lo, hi int) (string, int, bool) {
		lo, hi = max(lo, 0), min(hi, len(d.text))
		if lo >= hi {
			return "", 0, false
		}
		for _, m := range re.FindAllStringSubmatchIndex(d.text[lo:hi], -1) {
			name := d.text[lo+m[2] : lo+m[3]]
			if !notCompany[name] && !notCompany[firstWord(name)] {
				return name, lo + m[2], true
			}
		}
		return "", 0, false
	}
	switch kind {
	case extract.KindFundingRound:
		if p := d.possessiveStart(d.sentOf(from)); !d.hasRaiser(ps) && p != nil {
			// "Its previous round, a £35m Series A, was led by X": the
			// round of the company the sentence before is about.
			q := *p
			q.fixed = extract.RoleRaiser
			kept := []partyRef{q}
			for _, o := range ps {
				if o.entity != q.entity && !o.implicit {
					kept = append(kept, o)
				}
			}
			ps = kept
		}
		if !d.hasRaiser(ps) {
			if name, pos, ok := first(reRoundOf, from, to); ok {
				add(name, pos, extract.RoleRaiser)
			} else if name, pos, ok := first(reRaiseSubject, from, g.start+1); ok {
				add(name, pos, extract.RoleRaiser)
			}
			if d.hasFixed(ps, extract.RoleRaiser) {
				// Other companies of the clause are investors only when
				// the text says so ("led by").
				var kept []partyRef
				for _, p := range ps {
					if p.fixed != "" {
						kept = append(kept, p)
					}
				}
				ps = kept
			}
		}
		if name, pos, ok := first(reFromParty, g.end, to); ok {
			add(name, pos, extract.RoleInvestor)
		}
	case extract.KindAcquisition:
		if name, pos, ok := first(reAcqSubject, from, g.start); ok {
			add(name, pos, extract.RoleBuyer)
		}
		if name, pos, ok := first(reAcqTarget, from, to); ok {
			add(name, pos, extract.RoleSeller)
		}
	default:
		named := 0
		for _, p := range ps {
			if !p.brand {
				named++
			}
		}
		if named < 2 {
			if name, pos, ok := first(reFromParty, g.end, min(to, g.end+60)); ok {
				role := extract.Role("")
				if kind == extract.KindInvestment {
					role = extract.RoleInvestor
				}
				add(name, pos, role)
			} else if name, pos, ok := first(reWithParty, from, to); ok {
				// "una alianza con el fondo Echelon Data Centres", "a deal
				// with IREN for Nvidia GB300 capacity": the counterparty
				// replaces a hardware brand.
				var kept []partyRef
				for _, p := range ps {
					if !p.brand {
						kept = append(kept, p)
					}
				}
				ps = kept
				add(name, pos, "")
			}
		}
	}
	return ps
}

func (d *doc) hasFixed(ps []partyRef, r extract.Role) bool {
	for _, p := range ps {
		if p.fixed == r {
			return true
		}
	}
	return false
}

// fixRoles applies the roles patterns stated, and completes the other
// side: a round without a raiser gets the article's main actor; an
// acquisition's or investment's other companies take the opposite role.
func (d *doc) fixRoles(kind extract.Kind, ps []partyRef, ok bool) ([]partyRef, bool) {
	any := false
	for k := range ps {
		if ps[k].fixed != "" {
			ps[k].role = ps[k].fixed
			any = true
		}
	}
	if !any {
		return ps, ok
	}
	opposite := map[extract.Role]extract.Role{
		extract.RoleBuyer: extract.RoleSeller, extract.RoleSeller: extract.RoleBuyer,
		extract.RoleInvestor: extract.RoleInvestee, extract.RoleRaiser: extract.RoleInvestor,
	}
	for k := range ps {
		if ps[k].fixed != "" {
			continue
		}
		if kind == extract.KindAcquisition && ps[k].role != "" && d.acquisitionSide(ps[k]) == ps[k].role {
			continue // the text states its side ("al gestor Macquarie")
		}
		for _, q := range ps {
			if q.fixed != "" {
				if r, has := opposite[q.fixed]; has && ps[k].role == q.fixed {
					ps[k].role = r
				}
			}
		}
	}
	if kind == extract.KindFundingRound && !d.hasRole(ps, extract.RoleRaiser) {
		if p := d.mainRaiser(ps); p != nil {
			ps = append(ps, *p)
		}
	}
	sortParties(ps)
	return ps, true
}

func (d *doc) hasRole(ps []partyRef, r extract.Role) bool {
	for _, p := range ps {
		if p.role == r {
			return true
		}
	}
	return false
}

// strongBreaks end a clause within a sentence.
var strongBreaks = []string{"; ", ", while ", ", whereas ", ", but ", ", mentre ", ", ma ", ", pero ", ", mientras ", " — ", " – ",
	// a coordinated clause with a pronoun subject of its own: "It counts
	// A, B and C among its customers, and it is building a 1GW cluster".
	", and it ", ", and they ", ", and the company "}

// reCoordDeal finds a second deal coordinated with a first one in one
// clause: "recibirá 18.000 chips de Nvidia y cierra una alianza con
// Qualcomm", "2.000 GPU e una nuova intesa con Mistral".
var reCoordDeal = regexp.MustCompile(`\s(?:y|e|and)\s(?:\p{Ll}+\s){0,2}(?:una?\s|a\s|an\s|un'|una\s|su\s|sua\s|suo\s|its\s|their\s)(?:nuev[oa]\s|nuov[oa]\s|new\s|second[oa]?\s|segund[oa]\s)?(?:[\d.,]+\s?\p{L}{0,3}\s)?(?:alianza|acuerdo|contrato|intesa|accordo|partnership|contratto|alleanza|agreement|deal|contract|alliance|memorandum|memorando|lease|affitto|locazione|arrendamiento|alquiler|préstamo|loan|prestito|inversión|investimento|investment|compra|adquisición|acquisizione|acquisition|ronda|round)\b|\s(?:y|e|and)\s(?:\p{Ll}+\s){0,2}(?:otro|otra|another|un altro|un'altra)\s+(?:con|with)\b`)

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
	c.deal.Status, c.explicit = d.status(i, s.start, s.end, false)
	if date := d.dateIn(i, s.start, s.end); date != "" {
		c.deal.AnnouncedOn = extract.StrPtr(date)
	}
	c.freshDay = d.hitIn(i, catFresh, s.start, s.end)
	c.score = d.score(&c, s)
	return []candidate{c}
}

// agreementNouns name an agreement whose counterparty follows with
// "con"/"with": "un acuerdo de colaboración con Telefónica Tech".
var agreementNouns = []string{"acuerdo", "acuerdos", "alianza", "contrato", "accordo", "intesa", "partnership", "contratto", "alleanza",
	"agreement", "deal", "contract", "alliance", "otro", "otra", "un altro", "un'altra", "another", "memorandum", "memorando", "memorándum", "mou"}

// negationWords deny a deal: "no agreement in place", "ha smentito".
var negationWords = []string{"no agreement", "denied", "denies", "smentit", "smentisce", "desmint", "niega", "negó", "falso",
	"nessun accordo", "ningún acuerdo", "not signed", "non ha firmato", "no ha firmado"}

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
		c.deal.Status, c.explicit = d.status(i, s.start, s.end, false)
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

// dealNouns name a transaction: "a deal valued at $9 billion" is the
// deal's value, not a company's valuation.
var dealNouns = []string{"deal", "transaction", "acquisition", "agreement", "takeover", "accordo", "operazione", "acquisizione",
	"intesa", "acuerdo", "operación", "adquisición", "contratto", "contrato", "contract"}

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
var offerNouns = []string{"oferta", "offerta", "offer", "bid", "propuesta", "proposta", "proposal", "opa"}

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

// listMarkers open a bullet-list item.
var listMarkers = []string{"- ", "* ", "• ", "– "}

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
var coordBreaks = []string{", and ", ", e ", ", y ", "; "}

// pronounBreaks open a coordinated clause with a pronoun subject.
var pronounBreaks = []string{", and it ", ", and they ", ", and the company "}

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

// fundNouns refer back to an investor named just before: "Blackstone ...
// El fondo ya es uno de los mayores inversores ... tras comprar QTS".
var fundNouns = []string{"el fondo", "il fondo", "the fund", "la gestora", "the investor", "el inversor", "l'investitore", "the asset manager"}

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

// sentOf returns the index of the sentence holding byte offset pos.
func (d *doc) sentOf(pos int) int {
	k := sort.Search(len(d.sents), func(k int) bool { return d.sents[k].end > pos })
	return min(k, len(d.sents)-1)
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

// soldTo sets the roles of "X will sell $3bn worth of servers to Y": the
// company after "to"/"a" following a sell verb buys, the others sell.
func (d *doc) soldTo(kind extract.Kind, ps []partyRef, ok bool) ([]partyRef, bool) {
	buyer, seller := extract.RoleBuyer, extract.RoleSeller
	if kind == extract.KindChipSupply {
		buyer, seller = extract.RoleCustomer, extract.RoleSupplier
	}
	to, awarded := -1, -1
	for k, p := range ps {
		if p.implicit || p.pos <= 0 || p.pos > len(d.lower) {
			continue
		}
		before := strings.TrimRight(d.lower[max(0, p.pos-140):p.pos], " ")
		// "to Elon Musk's xAI": skip the owner's name.
		before = strings.TrimRight(reOwnerTail.ReplaceAllString(before, ""), " ")
		switch lw := lastWord(before); lw {
		case "to", "a", "al":
			if hasAnyWord(before, sellWords) {
				to = k
			}
			// "AWS ha affidato a Stack Infrastructure la costruzione": the
			// company a job is given to sells it.
			rest := strings.TrimRight(before[:len(before)-len(lw)], " ")
			if w := lastWord(rest); awardedAdverbs[w] {
				rest = strings.TrimRight(rest[:len(rest)-len(w)], " ")
			}
			for _, v := range awardVerbs {
				if strings.HasSuffix(rest, v) {
					awarded = k
				}
			}
		}
	}
	if to < 0 && awarded >= 0 && len(ps) >= 2 {
		for k := range ps {
			ps[k].role = buyer
		}
		ps[awarded].role = seller
		sortParties(ps)
		return ps, true
	}
	if to < 0 || len(ps) < 2 {
		return ps, ok
	}
	for k := range ps {
		ps[k].role = seller
	}
	ps[to].role = buyer
	sortParties(ps)
	return ps, true
}

// awardedAdverbs may stand between an award verb and "a": "ha
// adjudicado además a".
var awardedAdverbs = map[string]bool{"además": true, "también": true, "anche": true, "inoltre": true, "già": true, "ya": true}

// bondWords name debt securities sold to the market.
var bondWords = []string{"bonds", "bond offering", "bond sale", "senior notes", "convertible notes", "notes offering", "bonos",
	"emisión de bonos", "obligaciones", "obbligazioni", "obbligazionario", "bond"}

// loanWords name debt financing.
var loanWords = []string{"préstamo", "préstamos", "prestito", "prestiti", "loan", "loans", "credit facility", "línea de crédito",
	"linea di credito", "debt financing", "financiación bancaria", "finanziamento bancario", "crédito sindicado", "syndicated loan"}

// reOwnerTail is a possessive owner's name at the end of a text: "elon
// musk's".
var reOwnerTail = regexp.MustCompile(`(?:\s\p{L}+)?\s\p{L}+['’]s$`)

// buyersBefore sets the roles of "BlackRock, MGX y Microsoft compran
// Aligned Data Centers": the companies before the buy verb buy, the
// company right after it is bought. Roles the text fixed stay.
func (d *doc) buyersBefore(i, from, to int, ps []partyRef, ok bool) ([]partyRef, bool) {
	if from >= to {
		return ps, ok
	}
	loc := reBuyName.FindStringIndex(d.text[from:to])
	if loc == nil {
		return ps, ok
	}
	verb, target := from+loc[0], from+loc[1]-1
	if d.hasFixed(ps, extract.RoleBuyer) {
		return ps, ok
	}
	seen := false
	for _, p := range ps {
		seen = seen || !p.implicit && p.pos == target
	}
	if !seen {
		return ps, ok
	}
	for k := range ps {
		switch {
		case ps[k].implicit || ps[k].fixed != "":
		case ps[k].pos < verb:
			ps[k].role = extract.RoleBuyer
		case ps[k].pos == target:
			ps[k].role = extract.RoleSeller
		}
	}
	sortParties(ps)
	return ps, true
}

// opensWithCompany reports whether sentence i opens with a company named
// before pos.
func (d *doc) opensWithCompany(i, pos int) bool {
	ms := d.ments[i]
	return len(ms) > 0 && ms[0].kind != aliasPerson && ms[0].start < pos &&
		strings.TrimLeft(d.text[d.sents[i].start:ms[0].start], " \"'“«*") == ""
}

// sentMarks are the positions in one sentence that the clause rules look
// up, each sorted ascending (absolute byte offsets).
type sentMarks struct {
	coord      []int    // starts of reCoordDeal matches
	pronoun    []int    // starts of pronounBreaks
	coordBreak []int    // starts of coordBreaks
	consortium [][2]int // reConsortium matches
	marketWide bool     // reMarketWide matches the sentence
	forecast   bool     // reForecastVerb matches the sentence
	notADeal   bool     // reNotADeal matches the sentence
	analyst    [2]int   // the first reAnalystForecast match (absolute), or {-1, -1}
	ownAssets  []int    // starts of reOwnAssets matches
}

// marksOf returns the marks of sentence i, computed once.
func (d *doc) marksOf(i int) *sentMarks {
	s := d.sents[i]
	if d.marks == nil {
		d.marks = map[int]*sentMarks{}
	}
	if m, ok := d.marks[s.start]; ok {
		return m
	}
	m := &sentMarks{}
	lower := d.lower[s.start:s.end]
	for _, loc := range reCoordDeal.FindAllStringIndex(d.text[s.start:s.end], -1) {
		m.coord = append(m.coord, s.start+loc[0])
	}
	find := func(seps []string) []int {
		var out []int
		for _, sep := range seps {
			for off := 0; ; {
				k := strings.Index(lower[off:], sep)
				if k < 0 {
					break
				}
				out = append(out, s.start+off+k)
				off += k + len(sep)
			}
		}
		sort.Ints(out)
		return out
	}
	m.marketWide = reMarketWide.MatchString(lower)
	m.forecast = reForecastVerb.MatchString(lower)
	m.notADeal = reNotADeal.MatchString(lower)
	m.analyst = [2]int{-1, -1}
	if loc := reAnalystForecast.FindStringIndex(lower); loc != nil {
		m.analyst = [2]int{s.start + loc[0], s.start + loc[1]}
	}
	for _, loc := range reOwnAssets.FindAllStringIndex(lower, -1) {
		m.ownAssets = append(m.ownAssets, s.start+loc[0])
	}
	m.pronoun = find(pronounBreaks)
	m.coordBreak = find(coordBreaks)
	for _, loc := range reConsortium.FindAllStringIndex(d.text[s.start:s.end], -1) {
		m.consortium = append(m.consortium, [2]int{s.start + loc[0], s.start + loc[1]})
	}
	d.marks[s.start] = m
	return m
}

// lastBefore returns the largest x in sorted xs with lo <= x < hi, or -1.
func lastBefore(xs []int, lo, hi int) int {
	k := sort.SearchInts(xs, hi) - 1
	if k >= 0 && xs[k] >= lo {
		return xs[k]
	}
	return -1
}

// firstFrom returns the smallest x in sorted xs with lo <= x < hi, or -1.
func firstFrom(xs []int, lo, hi int) int {
	k := sort.SearchInts(xs, lo)
	if k < len(xs) && xs[k] < hi {
		return xs[k]
	}
	return -1
}

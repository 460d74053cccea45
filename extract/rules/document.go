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
	// intros caches, per company noun, the mentions the article
	// introduces with it ("la promotora madrileña X"); see introducedRef.
	intros map[string][]*mention
	figs   [][]figures.Figure
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
	all := d.descriptors(d.discoverUnknown(d.dropEmbedded(d.x.gaz.find(d.text))))
	d.first = make(map[int]mention)
	for _, m := range all {
		if f, ok := d.first[m.entity]; !ok || (f.kind == aliasPerson && m.kind != aliasPerson) {
			d.first[m.entity] = m
		}
	}
	figs, assumed := resolveCurrency(d.x.parse(d.text, d.a.Lang))
	figs = dropConversions(d.lower, figs)
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
var genericLeads = cueSet("genericLeads")

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

// conversionHedges may open a currency conversion in parentheses: "(circa
// 1,8 miliardi di euro)", "(unos US$ 450 millones)", "(about $2.8bn)".
var conversionHedges = cueWords("conversionHedges")

// dropConversions removes the money figures that convert the money
// before them into another currency, in parentheses: "2,1 miliardi di
// dollari (circa 1,8 miliardi di euro)" states one amount, in dollars.
// lower is the article's lowercase text.
func dropConversions(lower string, figs []figures.Figure) []figures.Figure {
	out := figs[:0:0]
	prev := -1 // index in out of the last money figure
	for _, f := range figs {
		if f.Kind == figures.Money && prev >= 0 && out[prev].Unit != f.Unit && isConversion(lower, out[prev].End, f.Start, f.End) {
			continue
		}
		if f.Kind == figures.Money && unreadAmountBefore(lower, f.Start, f.End) {
			// "2.500 millones de reales (unos US$ 450 millones)": the
			// conversion of an amount in a currency the parser does not
			// read; the dollars are not the deal's value as stated.
			continue
		}
		if f.Kind == figures.Money {
			prev = len(out)
		}
		out = append(out, f)
	}
	return out
}

// reScaledNumber ends with a number and a scale word, the amount part of
// money whose currency was not read: "2.500 millones de reales", "NOK 30
// billion".
var reScaledNumber = regexp.MustCompile(`\d(?:[.,]\d+)*\s*(?:billion|billones|million|millones|miliardi|milioni|mil millones|bn|mn|mld|mln|mrd)\b(?:\s+(?:de|di|of)\s+)?(?:\s*\p{L}+)?\s*$`)

// unreadAmountBefore reports whether the money at [start, end) is in
// parentheses right after an amount that is no money figure.
func unreadAmountBefore(lower string, start, end int) bool {
	k := strings.LastIndexByte(lower[max(0, start-20):start], '(')
	if k < 0 {
		return false
	}
	k += max(0, start-20)
	if !isConversion(lower, k, start, end) {
		return false
	}
	return reScaledNumber.MatchString(strings.TrimRight(lower[max(0, k-40):k], " "))
}

// isConversion reports whether the figure at [start, end) sits alone in
// parentheses opened right after the money ending at prevEnd.
func isConversion(lower string, prevEnd, start, end int) bool {
	if prevEnd > start || start-prevEnd > 40 {
		return false
	}
	gap := strings.TrimSpace(lower[prevEnd:start])
	if !strings.HasPrefix(gap, "(") {
		return false
	}
	gap = strings.TrimSpace(gap[1:])
	for _, h := range conversionHedges {
		if strings.HasPrefix(gap, h+" ") || gap == h {
			gap = strings.TrimSpace(gap[len(h):])
			break
		}
	}
	if gap != "" && gap != "~" && gap != "≈" {
		return false
	}
	after := strings.TrimLeft(lower[end:min(len(lower), end+4)], " ")
	return strings.HasPrefix(after, ")")
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
			if !m.desc {
				score[m.entity] += w // a descriptor refers; it does not make a main actor
			}
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

// hasPrefixAny reports whether s starts with one of ps.
func hasPrefixAny(s string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// hasAnyPhrase reports whether s contains one of phrases.
func hasAnyPhrase(s string, phrases []string) bool {
	for _, p := range phrases {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// sentOf returns the index of the sentence holding byte offset pos.
func (d *doc) sentOf(pos int) int {
	k := sort.Search(len(d.sents), func(k int) bool { return d.sents[k].end > pos })
	return min(k, len(d.sents)-1)
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
	// Sentence-wide cues of schema 2, read once: a party's denial or
	// statement, a recalled deal, a distributive "each".
	denied, statement, background, distributive bool
}

// reportingVerbs introduce reported speech: "said it had agreed".
var reportingVerbs = cueWords("reportingVerbs")

// foundedWords come before a founding year: "nata nel 2022".
var foundedWords = cueWords("foundedWords")

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
	m.denied = d.hitIn(i, catDenied, s.start, s.end)
	m.statement = d.hitIn(i, catStatement, s.start, s.end) || d.hitIn(i, catAnnounced, s.start, s.end)
	// A recalled deal: a pluperfect not in reported speech ("said it had
	// agreed" is news), or a year before the article's that is no
	// founding year ("nata nel 2022").
	for _, h := range d.hits[i] {
		if h.cat == catBackground && !hasAnyPhrase(d.lower[max(s.start, h.start-45):h.start], reportingVerbs) {
			m.background = true
			break
		}
	}
	if !m.background && len(d.a.Published) >= 4 {
		for _, loc := range reYear.FindAllStringIndex(d.text[s.start:s.end], -1) {
			y := d.text[s.start+loc[0] : s.start+loc[1]]
			if y < d.a.Published[:4] && !hasAnyWord(d.lower[max(s.start, s.start+loc[0]-25):s.start+loc[0]], foundedWords) {
				m.background = true
				break
			}
		}
	}
	// A signing dated before the article ("the contract the two
	// companies signed in November") recalls it, unless the sentence
	// tells what happens to it now ("hanno risolto l'accordo firmato lo
	// scorso maggio": a cancellation, a rejection, a closing, an
	// expansion).
	if !m.background && signedEarlier(lower, d.a.Published) && !d.hitIn(i, catCancelled, s.start, s.end) &&
		!d.hitIn(i, catRejected, s.start, s.end) && !d.hitIn(i, catCompleted, s.start, s.end) && !d.hitIn(i, catExpanded, s.start, s.end) {
		m.background = true
	}
	m.distributive = hasAnyWord(lower, distributiveWords)
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

package figures

// qty is one quantity read at a token: a number with what is written
// around it.
type qty struct {
	next       int // token after the quantity
	first      int // token where the quantity (or its opener) starts
	start, end int // bytes, from the qualifier (not the opener) to the end
	openStart  int // byte offset of "between"/"tra", or -1
	val        Decimal
	wordNum    bool // written in words
	article    bool // "un", "a": one, but only before a scale or unit
	noNum      bool // "mil millones de dólares": no number at all
	exp        int
	scale      bool
	scaleLet   bool // B, M, K...: needs a currency
	scaleEng   bool // an English scale word: needs a currency to be money
	lastExp    int
	cur        string
	capUnit    string
	durUnit    string
	count      string
	pct        bool
	perYear    bool
	plus       bool
	qual       Qualifier
	bad        bool // a name such as "Llama 70B", not a figure
	kind       Kind
	shared     bool
	implicitOK bool
	numTok     int    // token of the number (or of the scale word when noNum)
	note       string // why the amount is Unread: a word the parser cannot read
	noteEnd    int    // byte offset where the unread words end
}

// quantity reads the figures that start at token i and returns the token
// after them, or i when there are none.
func (p *parser) quantity(i int) int {
	q1, ok := p.qty(i, false)
	if !ok {
		return i
	}
	p.classify(&q1)
	if !q1.bad {
		if conn, j := p.connector(q1.next); conn != connNone {
			if conn != connDash {
				// "e i 15 miliardi", "a los 15.000 millones"
				if e, a := p.match(j, setArticle); a != nil {
					j = e
				}
			}
			if q2, ok := p.qty(j, conn == connDash); ok {
				// "$10-15 billion": the currency written before the first
				// number is the second's too.
				// "$10bn-15bn" too, when the second has a scale and no unit.
				if q2.cur == "" && q1.cur != "" && (!q1.scale || conn == connDash && q2.scale &&
					q2.capUnit == "" && q2.count == "" && q2.durUnit == "" && !q2.pct) {
					q2.cur = q1.cur
				}
				p.classify(&q2)
				if q2.kind != "" && !q2.bad {
					if next, done := p.pair(&q1, &q2, conn, j); done {
						return next
					}
				}
			}
		}
	}
	if q1.kind == "" || q1.bad {
		return i
	}
	p.emit(&q1, q1.start, q1.end, nil)
	return q1.next
}

type connKind int

const (
	connNone connKind = iota
	connDash          // "10-15"
	connTo            // "da 38 a 138", "from 10 to 15"
	connAnd           // "tra 10 e 15", "between 10 and 15"
)

// connector reads what joins two numbers at token j.
func (p *parser) connector(j int) (connKind, int) {
	if j >= len(p.toks) || p.toks[j].nl {
		return connNone, j
	}
	if p.isPunct(j, '-') {
		return connDash, j + 1
	}
	if e, ph := p.match(j, setConnTo); ph != nil {
		return connTo, e
	}
	if e, ph := p.match(j, setConnAnd); ph != nil {
		return connAnd, e
	}
	return connNone, j
}

// pair decides what two quantities joined by conn are: a range ("$10-15
// billion", "tra 10 e 15 miliardi"), or two figures where the first takes
// the scale and unit of the second ("da 38 a oltre 138 miliardi"). It
// returns done=false when they are unrelated.
func (p *parser) pair(q1, q2 *qty, conn connKind, j int) (int, bool) {
	if q1.kind == Unread || q2.kind == Unread {
		return 0, false
	}
	if q1.kind == "" && q1.scale {
		// "4 million to 5 million GPUs": the first has its scale and
		// takes the second's unit.
		if q2.kind != Money && q2.kind != Count || q1.value().Cmp(q2.value()) >= 0 {
			return 0, false
		}
		q1.kind, q1.cur, q1.count, q1.shared = q2.kind, q2.cur, q2.count, true
	} else if q1.kind == "" || q1.kind == Money && !q1.scale && q2.scale {
		if !p.canShare(q1, q2, conn) {
			return 0, false
		}
		q1.exp = q2.exp
		q1.scale = q2.scale
		q1.capUnit, q1.durUnit, q1.count, q1.pct = q2.capUnit, q2.durUnit, q2.count, q2.pct
		if q1.cur == "" {
			q1.cur = q2.cur
		}
		q1.kind = q2.kind
		q1.shared = true
	}
	if q1.kind != q2.kind || q1.unit() != q2.unit() {
		return 0, false
	}
	isRange := conn == connDash || conn == connAnd && q1.openStart >= 0
	if isRange && q2.qual == Exact && !q1.perYear {
		lo, hi := q1.value(), q2.value()
		if lo.Cmp(hi) < 0 {
			start := q1.start
			if conn == connAnd {
				start = q1.openStart
			}
			q1.qual = Range
			q1.perYear = q2.perYear
			q1.shared = false
			p.emit(q1, start, q2.end, &hi)
			return q2.next, true
		}
		return 0, false
	}
	if conn == connTo && q1.shared {
		p.emit(q1, q1.start, q1.end, nil)
		return j, true
	}
	return 0, false
}

// canShare reports whether q1, a bare number, takes its scale and unit
// from q2.
func (p *parser) canShare(q1, q2 *qty, conn connKind) bool {
	if q1.noNum || q1.plus || q1.perYear || q1.wordNum && (q1.article || conn != connAnd) {
		// "tra due e tre miliardi" is a range; "da due a 5 miliardi"
		// is not read as one
		return false
	}
	if conn == connAnd && q1.openStart < 0 {
		return false
	}
	if q1.cur != "" && q2.cur != "" && q1.cur != q2.cur {
		return false
	}
	if q1.val.Cmp(q2.val) >= 0 {
		return false
	}
	if t := p.toks[q1.numTok]; conn != connDash && isYear(q1.val) && t.e-t.s == 4 {
		// "dal 2025 al 2030", but not "de 2.000 a 3.000 millones"
		return false
	}
	return true
}

func isYear(d Decimal) bool {
	return d.Exp >= 0 && d.Cmp(Dec(1900, 0)) >= 0 && d.Cmp(Dec(2100, 0)) <= 0
}

// qty reads one quantity at token i. afterDash allows a number glued to a
// dash ("10-15").
func (p *parser) qty(i int, afterDash bool) (q qty, ok bool) {
	n := len(p.toks)
	q.openStart = -1
	q.qual = Exact
	q.first = i
	j := i
	if e, ph := p.match(j, setOpener); ph != nil && !afterDash {
		q.openStart = p.toks[j].s
		j = e
		// "tra i 10 e i 15 miliardi", "entre los 10.000 y los 15.000"
		if e2, a := p.match(j, setArticle); a != nil {
			j = e2
		}
	}
	if j >= n {
		return q, false
	}
	q.start = p.toks[j].s
	overSpan := false // the qualifier is the lone word "over"
	if e, ph := p.match(j, setQual); ph != nil {
		q.qual = ph.q
		overSpan = len(ph.words) == 1 && ph.words[0] == "over"
		j = e
		if e2, a := p.match(j, setArticle); a != nil {
			j = e2
		}
	}
	if c, e, exp := p.preCurrency(j); c != "" {
		q.cur = c
		j = e
		if exp > 0 {
			// "MUSD 75"
			q.exp, q.lastExp, q.scale = exp, exp, true
		}
	}
	if j >= n {
		return q, false
	}
	numTok := j
	t := p.toks[j]
	switch {
	case t.kind == tNum:
		// "EUR50m", "USD10": a currency code may touch the number
		glued := q.cur != "" && p.attached(j) && p.toks[j-1].kind == tWord
		if !glued && !p.numberStarts(j, afterDash && j == i) {
			return q, false
		}
		v, ok := parseDigits(p.text[t.s:t.e], p.lang)
		if !ok {
			return q, false
		}
		q.val = v
		j++
		// letters glued to the number: a scale or unit ("25B", "2GW"),
		// else a name ("4o", "4x").
		if j < n && p.attached(j) && p.toks[j].kind == tWord {
			lx := p.toks[j].lx
			if lx == nil || lx.scale == 0 && lx.capUnit == "" && lx.count == "" && lx.cur == "" && !lx.pct {
				return q, false
			}
		}
	case t.kind == tWord:
		v, e, art, ok := p.numberWords(j)
		if ok {
			q.val, q.wordNum, q.article = v, true, art
			j = e
			break
		}
		if t.lx != nil && t.lx.half {
			q.val, q.wordNum, q.article = Dec(5, -1), true, true
			j++
			if j < n && p.toks[j].lx != nil && p.toks[j].lx.numArt {
				j++
			}
			break
		}
		if t.lx != nil && t.lx.quarter == 1 {
			// "quarter-trillion-dollar"
			q.val, q.wordNum, q.article = Dec(1, 0), true, true
			break
		}
		if t.lx != nil && t.lx.scaleSingular {
			q.val, q.noNum = Dec(1, 0), true
			break
		}
		return q, false
	default:
		return q, false
	}
	q.numTok = numTok
	if p.isPunct(j, '+') && p.attached(j) {
		q.plus = true
		j++
	}
	if !q.scale && !q.noNum {
		// "two and a half billion", "a quarter of a billion", "tre
		// quarti di miliardo": a fraction before the scale word
		if k, v, ok := p.fractionBefore(q.val, j); ok {
			q.val, q.article = v, false
			j = k
		}
	}
	j = p.scales(&q, j, numTok)
	if q.scale {
		// "2 miliardi e mezzo", "dos millones y medio", "1 billion and
		// a half", "tres billones cuatrocientos mil millones"
		j = p.scaleTail(&q, j)
	}
	if p.isPunct(j, '+') && p.attached(j) {
		q.plus = true
		j++
	} else if q.scale && p.isPunct(j, '-') && p.attached(j) && p.attached(j+1) && p.tokIs(j+1, "plus") {
		// "$1.5 trillion-plus"
		q.plus = true
		j += 2
	}
	// "1,2 Mrd. €", "3 mln. di euro", "2,5 Mio. Euro": an abbreviated
	// scale with its dot
	if q.scale && p.isPunct(j, '.') && p.attached(j) && p.toks[j-1].kind == tWord && p.toks[j-1].e-p.toks[j-1].s <= 4 {
		if c, _, note := p.postCurrency(j + 1); c != "" || note != "" {
			j++
		}
	}
	// "a 10-billion-dollar deal", "a quarter-trillion-dollar market"
	adjective := q.scale && !q.noNum && p.isPunct(j, '-') && p.attached(j) && p.attached(j+1) && j+1 < n &&
		p.toks[j+1].lx != nil && p.toks[j+1].lx.curWord
	if adjective {
		j++
	}
	c, e, note := p.postCurrency(j)
	switch {
	case note != "":
		q.note, q.noteEnd = note, p.toks[e-1].e
		j = e
	case c == "":
		if adjective {
			j--
		}
	case q.cur == "" || q.cur == c || q.cur == "JPY" && c == "CNY" && p.isPunct(numTok-1, '¥'):
		// "¥10 billion yuan": "¥" is read as JPY unless the yuan is named.
		q.cur = c
		j = e
		if !q.scale && p.toks[e-1].lx != nil && p.toks[e-1].lx.curCode {
			// "75 USD million"
			j = p.scales(&q, j, numTok)
		}
	default:
		// "USD 75 milioni di euro"
		q.note, q.noteEnd = "two currencies: "+p.text[q.start:p.toks[e-1].e], p.toks[e-1].e
		j = e
	}
	j = p.unit(&q, j)
	if overSpan && q.durUnit != "" && q.cur == "" && !q.scale {
		// "$2 billion over five years": "over" a duration is "during",
		// not "more than".
		q.qual = Exact
		q.start = p.toks[numTok].s
	}
	if q.cur != "" || q.scale {
		if e, ph := p.match(j, setPerYear); ph != nil && !p.notPerYear(e) {
			q.perYear = true
			j = e
		} else if p.isPunct(j, '-') && p.attached(j) && p.tokIs(j+1, "a") && p.isPunct(j+2, '-') && p.tokIs(j+3, "year") &&
			p.attached(j+1) && p.attached(j+2) && p.attached(j+3) {
			// "a $10 billion-a-year deal"
			q.perYear = true
			j += 4
		}
	}
	if j <= numTok {
		return q, false
	}
	q.next = j
	q.end = p.toks[j-1].e
	q.implicitOK = p.implicitOK(j)
	if q.note != "" && q.noteEnd > q.end {
		q.end = q.noteEnd
	}
	return q, true
}

// numberStarts reports whether the number at token j stands on its own:
// not part of a name such as GB200, GPT-4o or Trainium4.
func (p *parser) numberStarts(j int, afterDash bool) bool {
	if !p.attached(j) {
		return true
	}
	pt := p.toks[j-1]
	switch pt.kind {
	case tWord, tNum:
		return false
	}
	switch pt.r {
	case '-', '/', '.', '_', '\\', '#', '@', ':':
		if afterDash && pt.r == '-' {
			return true
		}
		if j >= 2 && p.toks[j-2].e == pt.s && p.toks[j-2].kind != tPunct {
			return false
		}
	}
	return true
}

// implicitOK reports whether the token after an amount with a scale but
// no currency lets it be money: "38 miliardi per", "(50 miliardi)", but
// not "2 billion users" or "miliardi di persone".
func (p *parser) implicitOK(j int) bool {
	if j >= len(p.toks) {
		return true
	}
	t := p.toks[j]
	if t.nl || t.kind != tWord {
		return true
	}
	if t.lx == nil {
		return participle(p.text[t.s:t.e])
	}
	if t.lx.ofWord {
		// "2 miliardi di investimenti", not "2 miliardi di persone"
		k := j + 1
		if p.isPunct(k, '\'') {
			k++
		}
		if k < len(p.toks) && p.toks[k].kind == tNum {
			// "los 39.230 millones de 2024": the amount of a year
			if v, ok := parseDigits(p.text[p.toks[k].s:p.toks[k].e], p.lang); ok && isYear(v) && p.toks[k].e-p.toks[k].s == 4 {
				return true
			}
		}
		if k < len(p.toks) && p.toks[k].kind == tWord && p.toks[k].upper && p.toks[k].lx == nil && !p.toks[k].nl && p.lang != "en" {
			// "los 10.000 millones de Fabrikam": a company's amount
			return true
		}
		return k < len(p.toks) && p.toks[k].lx != nil && p.toks[k].lx.moneyNoun
	}
	return t.lx.after || t.lx.moneyNoun || t.lx.phr[setPerYear] != nil
}

// participle reports whether w looks like a past participle, which may
// follow an amount ("30 miliardi investiti", "$5 billion committed").
func participle(w string) bool {
	if len(w) < 5 {
		return false
	}
	for _, suf := range []string{"ati", "iti", "ate", "ite", "ato", "ito", "ados", "idos", "adas", "idas", "ado", "ido", "ed"} {
		if len(w) > len(suf)+2 && w[len(w)-len(suf):] == suf {
			return true
		}
	}
	return false
}

// classify sets q.kind from what was read, or leaves it "" for a bare
// number; it sets q.bad for names.
func (p *parser) classify(q *qty) {
	switch {
	case q.bad:
	case q.note != "":
		q.kind = Unread
	case q.noNum && q.cur == "":
		q.bad = true
	case q.article && !(q.scale || q.capUnit != ""):
		// "un miliardo", "a 1-gigawatt", but not "a GPU" or "un server"
		q.bad = true
	case q.cur != "":
		q.kind = Money
	case q.capUnit != "":
		q.kind = Capacity
	case q.durUnit != "":
		q.kind = Duration
	case q.pct:
		q.kind = Percent
	case q.count != "":
		q.kind = Count
	case q.scaleLet:
		q.bad = true // "Llama 70B", "1M tokens"
	case q.scale && q.exp >= 6 && (q.implicitOK || q.perYear) && !q.scaleEng:
		q.kind = Money
	}
}

// unit returns the unit a figure of q would have.
func (q *qty) unit() string {
	switch q.kind {
	case Money:
		return q.cur
	case Capacity:
		return q.capUnit
	case Duration:
		return q.durUnit
	case Percent:
		return "%"
	case Count:
		return q.count
	}
	return ""
}

// value returns the number times its scale.
func (q *qty) value() Decimal {
	v := q.val
	if v.Coef == 0 {
		return v
	}
	v.Exp += q.exp
	return v.Norm()
}

// emit appends the figure of q spanning text[start:end].
func (p *parser) emit(q *qty, start, end int, hi *Decimal) {
	if q.kind == Unread {
		p.emitUnread(q.note, start, max(end, q.noteEnd))
		return
	}
	if q.kind == Money {
		if note, s, e := p.continuation(q, start, end); note != "" {
			p.emitUnread(note, s, e)
			return
		}
	}
	qual := q.qual
	if q.plus && qual == Exact {
		qual = Over
	}
	f := Figure{
		Kind:        q.kind,
		Value:       q.value(),
		Max:         hi,
		Unit:        q.unit(),
		Qualifier:   qual,
		Period:      Total,
		Text:        p.text[start:end],
		Start:       start,
		End:         end,
		ScaleShared: q.shared,
	}
	if f.Kind == Money && (q.perYear || p.annualBefore(q.first)) {
		f.Period = PerYear
	}
	f.Implausible = implausible(f)
	p.slipCandidate(q, end)
	p.out = append(p.out, f)
}

// emitUnread appends an Unread figure spanning text[start:end], or
// extends the last figure when it is an Unread one that overlaps.
func (p *parser) emitUnread(note string, start, end int) {
	if n := len(p.out); n > 0 && p.out[n-1].Kind == Unread && start < p.out[n-1].End {
		last := &p.out[n-1]
		last.End = max(last.End, end)
		last.Text = p.text[last.Start:last.End]
		return
	}
	p.out = append(p.out, Figure{
		Kind:      Unread,
		Qualifier: Exact,
		Period:    Total,
		Text:      p.text[start:end],
		Start:     start,
		End:       end,
		Note:      note,
	})
}

// annualBefore reports whether the words right before token i make the
// amount there a yearly one: "ingresos anuales de $13 mil millones",
// "un contratto annuale da 2 miliardi", "an annual $10 billion",
// "annual revenue of $3.7 billion". Only the adjective itself, then at
// most a money noun and a preposition, may stand between: "ingresos
// anuales reportados son de solo $13 mil millones" stays a total.
func (p *parser) annualBefore(i int) bool {
	k := i - 1
	if k < 0 || p.toks[i].nl {
		return false
	}
	isAnnual := func(k int) bool {
		return k >= 0 && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.annual
	}
	prep := false
	switch {
	case p.isPunct(k, '\'') && k > 0 && p.tokIs(k-1, "d"):
		k -= 2
		prep = true
	case p.toks[k].kind == tWord && p.toks[k].lx != nil && (p.toks[k].lx.ofWord || p.isPrep(k)):
		k--
		prep = true
	}
	if k < 0 || p.toks[k+1].nl && k+1 < i {
		return false
	}
	if isAnnual(k) {
		return true
	}
	// "revenue run rate of $13 billion", "run-rate of"
	if prep && p.tokIs(k, "rate") && (p.tokIs(k-1, "run") || p.isPunct(k-1, '-') && p.tokIs(k-2, "run")) {
		return true
	}
	// "annual revenue of $3.7 billion"
	return prep && k > 0 && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.moneyNoun && isAnnual(k-1) && !p.toks[k].nl
}

// isPrep reports whether token k is a preposition that links a noun to
// its amount: "da", "del", "por", "per", "for".
func (p *parser) isPrep(k int) bool {
	for _, w := range []string{"da", "del", "dei", "por", "per", "for", "pari", "worth"} {
		if p.tokIs(k, w) {
			return true
		}
	}
	return false
}

// wholeDuration reads words that are a duration by themselves:
// "quinquennale", "decenal".
func (p *parser) wholeDuration(i int) (int, bool) {
	t := p.toks[i]
	if t.kind != tWord || t.lx == nil || t.lx.durWhole == 0 || t.upper {
		return i, false
	}
	p.out = append(p.out, Figure{
		Kind:      Duration,
		Value:     Dec(int64(t.lx.durWhole), 0),
		Unit:      "years",
		Qualifier: Exact,
		Period:    Total,
		Text:      p.text[t.s:t.e],
		Start:     t.s,
		End:       t.e,
	})
	return i + 1, true
}

// Limits beyond which a figure is read but marked Implausible.
var (
	maxMoney = Dec(1, 14) // 100 trillion: the world's yearly output
	// maxMoneyWeak is the limit for currencies worth a hundredth of a
	// dollar or less (won, yen, rupees): 100 trillion won is about 70
	// billion dollars.
	maxMoneyWeak = Dec(1, 17)
	maxGW        = Dec(1, 4)
	maxMW        = Dec(1, 7)
	maxYears     = Dec(100, 0)
	maxMonths    = Dec(1200, 0)
	maxDays      = Dec(36500, 0)
	maxPercent   = Dec(1, 4)
	maxCountVal  = Dec(1, 14)
)

func implausible(f Figure) bool {
	var limit Decimal
	switch f.Kind {
	case Money:
		limit = maxMoney
		if weakCurrency(f.Unit) {
			// a hundred or more units to the dollar
			limit = maxMoneyWeak
		}
	case Capacity:
		limit = maxGW
		if f.Unit == "MW" {
			limit = maxMW
		}
	case Duration:
		switch f.Unit {
		case "months":
			limit = maxMonths
		case "days":
			limit = maxDays
		default:
			limit = maxYears
		}
	case Percent:
		limit = maxPercent
	case Count:
		limit = maxCountVal
	default:
		return false
	}
	if f.Value.Cmp(limit) > 0 {
		return true
	}
	return f.Max != nil && f.Max.Cmp(limit) > 0
}

package figures

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Parse returns every figure in text, read in language lang ("it", "es",
// "en"; any other value reads with all three languages' words), in order
// of Start. It never panics and is deterministic.
//
// Money written with a scale word but no currency ("30 miliardi l'anno")
// is Money with the currency of the nearest money figure of the same text
// that names one, and UnitInferred set; when the text names no currency
// at all, Unit is "".
func Parse(text, lang string) []Figure {
	return parse(text, lang)
}

// parser holds the state of one Parse call.
type parser struct {
	text string
	lang string
	toks []tok
	buf  []byte
	out  []Figure
}

func parse(text, lang string) []Figure {
	p := &parser{text: text, lang: normLang(lang)}
	p.toks = tokenize(text, make([]tok, 0, len(text)/5+1))
	p.annotate()
	for i := 0; i < len(p.toks); {
		if !p.mayStart(i) {
			i++
			continue
		}
		if next, ok := p.date(i); ok {
			i = next
			continue
		}
		if next := p.quantity(i); next > i {
			i = next
			continue
		}
		if next, ok := p.wholeDuration(i); ok {
			i = next
			continue
		}
		i++
	}
	inheritCurrency(p.out)
	return p.out
}

func normLang(lang string) string {
	switch lang {
	case "it", "es", "en":
		return lang
	}
	if len(lang) > 2 && lang[2] == '-' || len(lang) > 2 && lang[2] == '_' {
		return normLang(lang[:2])
	}
	return ""
}

// annotate looks every word and symbol up in the lexicon.
func (p *parser) annotate() {
	for i := range p.toks {
		t := &p.toks[i]
		switch t.kind {
		case tWord:
			if t.e-t.s > 48 {
				continue
			}
			p.buf = appendFold(p.buf[:0], p.text[t.s:t.e])
			t.lx = lookup(p.buf)
		case tPunct:
			switch t.r {
			case '$', '€', '£', '¥', '₹', '₩', '%', '/', '\'', '~', '≈', '>', '<', '≥', '≤':
				p.buf = utf8.AppendRune(p.buf[:0], t.r)
				t.lx = lookup(p.buf)
			}
		}
	}
}

// mayStart reports whether a figure may begin at token i: a number, a
// word or symbol of the lexicon that starts figures, or an unknown word
// right before a unit (an Italian compound number: "trecentomila euro").
func (p *parser) mayStart(i int) bool {
	t := p.toks[i]
	switch {
	case t.kind == tNum:
		return true
	case t.lx != nil:
		return t.lx.start
	case t.kind == tWord:
		return p.unitFollows(i+1) || t.e-t.s == 2 && p.text[t.s:t.e] == "Rs"
	}
	return false
}

// attached reports whether token i touches the token before it.
func (p *parser) attached(i int) bool {
	return i > 0 && i < len(p.toks) && p.toks[i-1].e == p.toks[i].s
}

func (p *parser) isPunct(i int, r rune) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tPunct && p.toks[i].r == r
}

// tokIs reports whether token i is the folded word or punctuation w.
func (p *parser) tokIs(i int, w string) bool {
	if i >= len(p.toks) {
		return false
	}
	t := p.toks[i]
	if t.kind == tPunct {
		r, n := utf8.DecodeRuneInString(w)
		return n == len(w) && r == t.r
	}
	return foldEq(p.text[t.s:t.e], w)
}

// foldEq reports whether s folded is w.
func foldEq(s, w string) bool {
	j := 0
	for _, r := range s {
		f := foldRune(r)
		if f < utf8.RuneSelf {
			if j >= len(w) || w[j] != byte(f) {
				return false
			}
			j++
			continue
		}
		r2, n := utf8.DecodeRuneInString(w[j:])
		if r2 != f {
			return false
		}
		j += n
	}
	return j == len(w)
}

// match returns the end of the longest phrase of set starting at token i.
func (p *parser) match(i, set int) (int, *phrase) {
	if i >= len(p.toks) || p.toks[i].lx == nil {
		return i, nil
	}
	for _, ph := range p.toks[i].lx.phr[set] {
		j := i + 1
		ok := true
		for _, w := range ph.words[1:] {
			if j >= len(p.toks) || p.toks[j].nl || !p.tokIs(j, w) {
				ok = false
				break
			}
			j++
		}
		if ok {
			return j, ph
		}
	}
	return i, nil
}

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
	if q1.wordNum || q1.noNum || q1.plus || q1.perYear {
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
	if conn != connDash && isYear(q1.val) {
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
	if c, e := p.preCurrency(j); c != "" {
		q.cur = c
		j = e
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
		if t.lx != nil && t.lx.scaleSingular {
			q.val, q.noNum = Dec(1, 0), true
			break
		}
		return q, false
	default:
		return q, false
	}
	if p.isPunct(j, '+') && p.attached(j) {
		q.plus = true
		j++
	}
	j = p.scales(&q, j, numTok)
	// "2 miliardi e mezzo", "dos millones y medio", "1 billion and a half"
	if q.scale {
		if k, ok := p.andAHalf(j); ok {
			if v, ok := q.val.Add(Dec(5, -1)); ok {
				q.val = v
				j = k
			}
		}
	}
	if p.isPunct(j, '+') && p.attached(j) {
		q.plus = true
		j++
	} else if q.scale && p.isPunct(j, '-') && p.attached(j) && p.attached(j+1) && p.tokIs(j+1, "plus") {
		// "$1.5 trillion-plus"
		q.plus = true
		j += 2
	}
	// "1,2 Mrd. €", "3 mln. di euro": an abbreviated scale with its dot
	if q.scale && p.isPunct(j, '.') && p.attached(j) && p.toks[j-1].kind == tWord && p.toks[j-1].e-p.toks[j-1].s <= 4 {
		if c, _ := p.postCurrency(j + 1); c != "" {
			j++
		}
	}
	if c, e := p.postCurrency(j); c != "" && (q.cur == "" || q.cur == c || q.cur == "JPY" && c == "CNY" && p.isPunct(numTok-1, '¥')) {
		// "¥10 billion yuan": "¥" is read as JPY unless the yuan is named.
		q.cur = c
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

// numberWords reads number words at token j: "trenta", "doscientos
// cincuenta", "twenty-five", "trecentomila", "un".
func (p *parser) numberWords(j int) (v Decimal, next int, article, ok bool) {
	n := len(p.toks)
	var cur int64
	words := 0
	k := j
	for k < n {
		t := p.toks[k]
		if t.kind != tWord || words > 0 && t.nl {
			break
		}
		var val int64
		mult := false
		lx := t.lx
		switch {
		case lx != nil && lx.isNum:
			val, mult = lx.num, lx.numMult
			if lx.numArt && !p.articleHere(k) {
				return p.wordsResult(cur, words, k, article)
			}
			if lx.numArt {
				if words > 0 {
					return p.wordsResult(cur, words, k, article)
				}
				article = true
			}
		case lx != nil && lx.scale == 3 && p.lang != "en" && cur < 1000 && p.numberWordAt(k+1) && p.tokIs(k, "mil"):
			// Spanish "mil quinientos millones" (1500 millones), "dos
			// mil trescientos": "mil" multiplies inside the number
			// when a number word follows; "dos mil millones" is left to
			// the scale words.
			val, mult = 1000, true
		case lx == nil && (p.lang == "it" || p.lang == "") && t.e-t.s >= 5 && p.unitFollows(k+1):
			x, ok := itNumber(p.foldTok(k))
			if !ok {
				return p.wordsResult(cur, words, k, article)
			}
			val = x
		default:
			return p.wordsResult(cur, words, k, article)
		}
		if mult {
			if cur == 0 {
				cur = 1
			}
			cur *= val
			article = false
		} else {
			if words > 0 && article {
				return p.wordsResult(cur, words, k, article)
			}
			cur += val
		}
		words++
		k++
		if cur > 1e15 || words > 12 {
			return Decimal{}, j, false, false
		}
		// joiners: "treinta y cinco", "twenty-five", "hundred and fifty"
		if k+1 < n && p.toks[k+1].kind == tWord && p.toks[k+1].lx != nil && p.toks[k+1].lx.isNum && !p.toks[k+1].lx.numArt {
			if p.isPunct(k, '-') && p.attached(k) && p.attached(k+1) || p.tokIs(k, "y") || p.tokIs(k, "and") || p.tokIs(k, "e") {
				k++
			}
		}
	}
	return p.wordsResult(cur, words, k, article)
}

// articleHere reports whether the article at token k ("a", "un") may be
// the number one in the parser's language: "a" is one in English only
// (Italian and Spanish "a" is a preposition: "alquila a Lambda
// servidores", "l'accesso a GPU"), "un/una/uno" only in Italian and
// Spanish.
func (p *parser) articleHere(k int) bool {
	switch p.lang {
	case "it", "es":
		return !p.tokIs(k, "a") && !p.tokIs(k, "an") && !p.tokIs(k, "one")
	case "en":
		return p.tokIs(k, "a") || p.tokIs(k, "an") || p.tokIs(k, "one")
	}
	return true
}

// numberWordAt reports whether token k is a number word that is not an
// article or a multiplier: "quinientos" in "mil quinientos".
func (p *parser) numberWordAt(k int) bool {
	if k >= len(p.toks) || p.toks[k].nl || p.toks[k].kind != tWord {
		return false
	}
	lx := p.toks[k].lx
	return lx != nil && lx.isNum && !lx.numArt && !lx.numMult
}

func (p *parser) wordsResult(cur int64, words, k int, article bool) (Decimal, int, bool, bool) {
	if words == 0 || cur == 0 {
		return Decimal{}, k, false, false
	}
	return Dec(cur, 0), k, article && words == 1, true
}

// unitFollows reports whether token k is a scale word or unit, which is
// what makes a word before it worth reading as a number.
func (p *parser) unitFollows(k int) bool {
	if k >= len(p.toks) {
		return false
	}
	lx := p.toks[k].lx
	if lx == nil {
		return p.isPunct(k, '-') && k+1 < len(p.toks) && p.toks[k+1].lx != nil && p.toks[k+1].lx.durUnit != ""
	}
	return lx.scale != 0 || lx.capUnit != "" || lx.durUnit != "" || lx.count != "" || lx.cur != ""
}

func (p *parser) foldTok(k int) string {
	t := p.toks[k]
	p.buf = appendFold(p.buf[:0], p.text[t.s:t.e])
	return string(p.buf)
}

// andAHalf reads "e mezzo", "y medio", "and a half" at token j.
func (p *parser) andAHalf(j int) (int, bool) {
	if !(p.tokIs(j, "e") || p.tokIs(j, "y") || p.tokIs(j, "and")) || j+1 >= len(p.toks) || p.toks[j+1].nl {
		return j, false
	}
	switch {
	case p.tokIs(j+1, "mezzo") || p.tokIs(j+1, "medio"):
		return j + 2, true
	case p.tokIs(j+1, "a") && p.tokIs(j+2, "half"):
		return j + 3, true
	}
	return j, false
}

// notPerYear reports whether the word at k turns a per-year phrase into
// a point in time: "l'anno prossimo", "a year ago".
func (p *parser) notPerYear(k int) bool {
	return k < len(p.toks) && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.notPerYr
}

// scales reads scale words after the number: "miliardi", "mil millones",
// "B", "bn".
func (p *parser) scales(q *qty, j, numTok int) int {
	n := len(p.toks)
	for j < n {
		k := j
		// "$10-billion deal"
		if !q.scale && p.isPunct(j, '-') && p.attached(j) && p.attached(j+1) && j+1 < n &&
			p.toks[j+1].kind == tWord && p.toks[j+1].lx != nil && p.toks[j+1].lx.scale != 0 && !p.toks[j+1].lx.scaleLetter {
			k++
		}
		t := p.toks[k]
		if t.kind != tWord || t.lx == nil || t.lx.scale == 0 || t.nl {
			break
		}
		lx := t.lx
		if lx.scaleLetter {
			// "25B", "$5 bn", "100M": glued, or a known abbreviation
			if !p.attached(j) && !(t.caps || t.e-t.s >= 2) {
				break
			}
			if q.scale {
				break
			}
			if t.e-t.s == 1 && p.attached(j+1) && j+1 < n && p.toks[j+1].kind != tPunct {
				break
			}
		}
		exp := int(lx.scale)
		if p.lang == "en" && lx.scaleEn != lx.scale && !(k+1 < n && p.toks[k+1].lx != nil && p.toks[k+1].lx.scale > lx.scale) {
			exp = int(lx.scaleEn)
		}
		if q.scale && exp <= q.lastExp {
			break
		}
		if q.noNum && !q.scale && !lx.scaleSingular {
			break
		}
		q.exp += exp
		q.lastExp = exp
		q.scale = true
		if lx.scaleLetter {
			q.scaleLet = true
		}
		if lx.scaleEnglish {
			q.scaleEng = true
		}
		if lx.scaleCur != "" && q.cur == "" {
			q.cur = lx.scaleCur
		}
		j = k + 1
	}
	return j
}

// preCurrency reads a currency written before the number: "$", "US$",
// "€", "USD".
func (p *parser) preCurrency(j int) (string, int) {
	n := len(p.toks)
	if j >= n {
		return "", j
	}
	t := p.toks[j]
	if t.kind == tPunct && t.lx != nil && t.lx.cur != "" {
		return t.lx.cur, j + 1
	}
	if t.kind != tWord {
		return "", j
	}
	// "US $4.7 billion"
	if j+1 < n && p.isPunct(j+1, '$') && !p.attached(j+1) && p.text[t.s:t.e] == "US" {
		return "USD", j + 2
	}
	// "US$", "U$S", "C$", "A$", "HK$", "R$"
	if j+1 < n && p.isPunct(j+1, '$') && p.attached(j+1) && t.caps {
		w := p.text[t.s:t.e]
		code := ""
		switch w {
		case "US", "U":
			code = "USD"
		case "C", "CA":
			code = "CAD"
		case "A", "AU":
			code = "AUD"
		case "HK":
			code = "HKD"
		case "R":
			code = "BRL"
		case "MX":
			code = "MXN"
		case "NZ":
			code = "NZD"
		case "S", "SG":
			code = "SGD"
		}
		if code != "" {
			k := j + 2
			if w == "U" && k < n && p.attached(k) && p.text[p.toks[k].s:p.toks[k].e] == "S" {
				k++
			}
			return code, k
		}
	}
	// "CN¥", "RMB¥" (yuan), "JP¥" (yen); "¥" alone is read as JPY.
	if j+1 < n && p.isPunct(j+1, '¥') && p.attached(j+1) && t.caps {
		switch p.text[t.s:t.e] {
		case "CN", "RMB":
			return "CNY", j + 2
		case "JP":
			return "JPY", j + 2
		}
	}
	// "Rs 500 crore", "Rs. 2,000 crore"
	if p.text[t.s:t.e] == "Rs" {
		k := j + 1
		if p.isPunct(k, '.') && p.attached(k) {
			k++
		}
		if k < n && p.toks[k].kind == tNum {
			return "INR", k
		}
	}
	if t.lx != nil && t.lx.curCode && t.caps && t.lx.cur != "" {
		return t.lx.cur, j + 1
	}
	return "", j
}

// postCurrency reads a currency written after the amount: "dollari",
// "di dollari", "de dólares", "€", "EUR".
func (p *parser) postCurrency(j int) (string, int) {
	n := len(p.toks)
	if j >= n || p.toks[j].nl {
		return "", j
	}
	t := p.toks[j]
	// "10 billion US dollars", "10 billion U.S. dollars"
	if t.kind == tWord && (p.text[t.s:t.e] == "US" || p.text[t.s:t.e] == "U") {
		k := j + 1
		if p.text[t.s:t.e] == "U" {
			if !(p.isPunct(k, '.') && p.attached(k) && p.tokIs(k+1, "s") && p.attached(k+1) && p.isPunct(k+2, '.') && p.attached(k+2)) {
				return "", j
			}
			k += 3
		}
		if k < n && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.cur == "USD" && p.toks[k].lx.curWord && !p.toks[k].nl {
			return "USD", k + 1
		}
		return "", j
	}
	if t.lx == nil {
		// "2 billion Swiss francs"
		if t.kind == tWord && p.tokIs(j, "swiss") && j+1 < n && p.toks[j+1].lx != nil && p.toks[j+1].lx.cur == "CHF" &&
			p.toks[j+1].kind == tWord && !p.toks[j+1].nl {
			return "CHF", j + 2
		}
		return "", j
	}
	switch {
	case t.kind == tPunct && t.lx.cur != "":
		// "50 €", but not "15 $20"
		if j+1 < n && p.attached(j+1) && p.toks[j+1].kind == tNum {
			return "", j
		}
		return t.lx.cur, j + 1
	case t.kind == tWord && t.lx.curCode && t.caps:
		return t.lx.cur, j + 1
	case t.kind == tWord && t.lx.curWord:
		return t.lx.cur, p.currencyTail(t.lx.cur, j+1)
	case t.kind == tWord && t.lx.ofWord:
		k := j + 1
		if p.tokIs(j, "d") {
			if !p.isPunct(k, '\'') {
				return "", j
			}
			k++
		}
		if k < n && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.curWord {
			return p.toks[k].lx.cur, p.currencyTail(p.toks[k].lx.cur, k+1)
		}
		// "1,2 miliardi di €"
		if k < n && p.toks[k].kind == tPunct && p.toks[k].lx != nil && p.toks[k].lx.cur != "" && !p.toks[k].nl &&
			!(k+1 < n && p.attached(k+1) && p.toks[k+1].kind == tNum) {
			return p.toks[k].lx.cur, k + 1
		}
	}
	return "", j
}

// currencyTail skips a country after a currency name: "dollari USA",
// "dólares estadounidenses".
func (p *parser) currencyTail(cur string, k int) int {
	if k >= len(p.toks) || p.toks[k].kind != tWord || p.toks[k].nl {
		return k
	}
	var tails []string
	switch cur {
	case "USD":
		tails = []string{"usa", "us", "statunitensi", "americani", "estadounidenses", "americanos"}
	case "CHF":
		tails = []string{"svizzeri", "suizos"}
	case "GBP":
		tails = []string{"sterling", "sterline", "esterlinas"}
	case "SAR":
		tails = []string{"sauditi", "saudies", "saudi", "saudis"}
	case "AED":
		tails = []string{"emiratini", "emiraties"}
	case "KRW":
		tails = []string{"sudcoreani", "surcoreanos", "coreani", "coreanos"}
	case "JPY":
		tails = []string{"giapponesi", "japoneses"}
	case "CNY":
		tails = []string{"cinesi", "chinos"}
	case "INR":
		tails = []string{"indiane", "indias", "indian"}
	}
	for _, w := range tails {
		if p.tokIs(k, w) {
			return k + 1
		}
	}
	return k
}

// unit reads a capacity, percent, duration or count unit at token j.
func (p *parser) unit(q *qty, j int) int {
	n := len(p.toks)
	if j >= n || p.toks[j].nl {
		return j
	}
	t := p.toks[j]
	lx := t.lx
	switch {
	case lx != nil && lx.capUnit != "" && t.kind == tWord:
		q.capUnit = lx.capUnit
		return j + 1
	case lx != nil && lx.pct && (t.kind != tWord || t.e-t.s > 2 || p.attached(j)):
		// "20%", "20 percent"; "pc" only glued: "20pc"
		q.pct = true
		return j + 1
	case t.kind == tPunct && t.r == '-' && p.attached(j) && p.attached(j+1) && j+1 < n &&
		p.toks[j+1].kind == tWord && p.toks[j+1].lx != nil && p.toks[j+1].lx.capUnit != "":
		// "a 6-gigawatt agreement"
		q.capUnit = p.toks[j+1].lx.capUnit
		return j + 2
	}
	if e, ph := p.match(j, setPercent); ph != nil {
		q.pct = true
		return e
	}
	if q.scale || q.cur != "" {
		if u, e := p.countNoun(j); u != "" && q.cur == "" {
			q.count = u
			return e
		}
		return j
	}
	switch {
	case lx != nil && lx.durUnit != "" && t.kind == tWord:
		q.durUnit = lx.durUnit
		return j + 1
	case t.kind == tPunct && t.r == '-' && p.attached(j) && j+1 < n && p.attached(j+1) &&
		p.toks[j+1].lx != nil && p.toks[j+1].lx.durUnit != "":
		// "seven-year", "10-year"; not "28-year-old"
		if p.isPunct(j+2, '-') && p.tokIs(j+3, "old") {
			q.bad = true
			return j + 4
		}
		q.durUnit = p.toks[j+1].lx.durUnit
		return j + 2
	}
	if u, e := p.countNoun(j); u != "" {
		q.count = u
		return e
	}
	return j
}

// countNoun reads what a count counts: "GPU", "di GPU", "Nvidia H100
// GPUs".
func (p *parser) countNoun(j int) (string, int) {
	n := len(p.toks)
	k := j
	if k < n && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.ofWord {
		k++
		if p.isPunct(k, '\'') {
			k++
		}
	}
	for skip := 0; k < n && skip < 4; skip++ {
		t := p.toks[k]
		if t.nl {
			break
		}
		if t.kind == tWord && t.lx != nil && t.lx.count != "" {
			return t.lx.count, k + 1
		}
		// "100,000 H100s", "50,000 MI300Xs": a GPU model in the plural
		if skip == 0 && t.kind == tWord && t.caps && k+2 < n && p.toks[k+1].kind == tNum && p.attached(k+1) && p.attached(k+2) &&
			gpuFamily(p.text[t.s:t.e]) {
			e := k + 2
			if e < n && p.toks[e].kind == tWord && modelPlural(p.text[p.toks[e].s:p.toks[e].e]) &&
				!(e+1 < n && p.attached(e+1) && p.toks[e+1].kind != tPunct) {
				return "GPUs", e + 1
			}
		}
		if t.kind == tWord && t.upper && (t.lx == nil || t.lx.cur == "" && t.lx.scale == 0) || t.kind == tNum && p.attached(k) {
			k++
			continue
		}
		break
	}
	return "", j
}

// modelPlural reports whether w ends a model name in the plural: "s" of
// "H100s", "Xs" of "MI300Xs".
func modelPlural(w string) bool {
	if len(w) == 0 || len(w) > 4 || w[len(w)-1] != 's' {
		return false
	}
	for i := 0; i < len(w)-1; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// gpuFamily reports whether w is the letters of a GPU model name: "H" of
// H100, "GB" of GB200, "MI" of MI300X.
func gpuFamily(w string) bool {
	switch w {
	case "H", "A", "B", "GB", "MI", "L", "V":
		return true
	}
	return false
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
	for _, suf := range []string{"ati", "iti", "ate", "ite", "ados", "idos", "adas", "idas", "ed"} {
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
func (p *parser) emit(q *qty, start, end int, max *Decimal) {
	qual := q.qual
	if q.plus && qual == Exact {
		qual = Over
	}
	f := Figure{
		Kind:        q.kind,
		Value:       q.value(),
		Max:         max,
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
	p.out = append(p.out, f)
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
		switch f.Unit {
		case "KRW", "JPY", "INR", "IDR", "VND", "CLP", "COP", "HUF", "PKR", "NGN":
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

// inheritCurrency gives money written without a currency the currency of
// the nearest money figure before it that names one, else the nearest
// after it.
func inheritCurrency(fs []Figure) {
	last := ""
	missing := false
	for i := range fs {
		f := &fs[i]
		if f.Kind != Money {
			continue
		}
		switch {
		case f.Unit != "":
			last = f.Unit
		case last != "":
			f.Unit, f.UnitInferred = last, true
		default:
			missing = true
		}
	}
	if !missing {
		return
	}
	next := ""
	for i := len(fs) - 1; i >= 0; i-- {
		f := &fs[i]
		if f.Kind != Money {
			continue
		}
		switch {
		case f.Unit != "" && !f.UnitInferred:
			next = f.Unit
		case f.Unit == "" && next != "":
			f.Unit, f.UnitInferred = next, true
		}
	}
}

// parseDigits reads a number written with digits and '.' or ',' as
// decimal or thousands separators, decided per expression: "1.4" and
// "1,4" are decimals, "100.000" and "10,000" thousands, "1.200,50" both.
// In English a lone dot is always a decimal point.
func parseDigits(raw, lang string) (Decimal, bool) {
	if strings.ContainsAny(raw, "\u00a0\u202f\u2009") {
		// "100 000" with no-break or thin spaces: thousands groups
		raw = strings.NewReplacer("\u00a0", "", "\u202f", "", "\u2009", "").Replace(raw)
		if strings.ContainsAny(raw, ".,") {
			return Decimal{}, false
		}
	}
	dots, commas := 0, 0
	lastSep := -1
	for i := 0; i < len(raw); i++ {
		switch raw[i] {
		case '.':
			dots++
			lastSep = i
		case ',':
			commas++
			lastSep = i
		}
	}
	var dec byte
	switch {
	case dots == 0 && commas == 0:
	case dots > 0 && commas > 0:
		dec = raw[lastSep]
		if dec == '.' && dots > 1 || dec == ',' && commas > 1 {
			return Decimal{}, false
		}
	case dots+commas == 1:
		sep := raw[lastSep]
		frac := len(raw) - lastSep - 1
		if frac != 3 || lastSep == 1 && raw[0] == '0' || sep == '.' && lang == "en" {
			dec = sep
		}
	}
	// digits with thousands groups checked: 1-3 digits, then groups of 3
	var digits [40]byte
	nd := 0
	fracDigits := 0
	group := 0
	first := true
	inFrac := false
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c >= '0' && c <= '9':
			if nd < len(digits) {
				digits[nd] = c
			}
			nd++
			if inFrac {
				fracDigits++
			} else {
				group++
			}
		case c == dec:
			if !first && group != 3 || first && group > 3 && dots+commas > 1 {
				return Decimal{}, false
			}
			inFrac = true
		default: // thousands separator
			if first && (group < 1 || group > 3) || !first && group != 3 {
				return Decimal{}, false
			}
			first = false
			group = 0
		}
	}
	if !inFrac && !first && group != 3 {
		return Decimal{}, false
	}
	if nd > len(digits) {
		return Decimal{}, false
	}
	// strip leading zeros, move trailing zeros to the exponent
	s := digits[:nd]
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	exp := -fracDigits
	for len(s) > 1 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
		exp++
	}
	if len(s) > 18 {
		return Decimal{}, false
	}
	c, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return Decimal{}, false
	}
	return Decimal{Coef: c, Exp: exp}.Norm(), true
}

// Segment is a part of a text written in one language: text[Start:End]
// is in Lang. It mirrors extract.Segment without importing it.
type Segment struct {
	Lang       string
	Start, End int
}

// ParseSegments is Parse for a text whose parts are in different
// languages (an Italian article with an English body): each segment is
// read in its own language, offsets stay offsets into text, and money
// without a currency takes it from the nearest figure of the whole text.
// Segments out of bounds or not on rune boundaries are clamped; parts
// of text that no segment covers are not read.
func ParseSegments(text string, segs []Segment) []Figure {
	var out []Figure
	last := 0
	for _, sg := range segs {
		s, e := clampSpan(text, sg.Start, sg.End)
		if s < last {
			s = last
		}
		if s >= e {
			continue
		}
		for _, f := range parse(text[s:e], sg.Lang) {
			f.Start += s
			f.End += s
			if f.Kind == Money && f.UnitInferred {
				f.Unit, f.UnitInferred = "", false
			}
			out = append(out, f)
		}
		last = e
	}
	inheritCurrency(out)
	return out
}

// clampSpan returns [s, e) inside text and on rune boundaries.
func clampSpan(text string, s, e int) (int, int) {
	s = max(0, min(s, len(text)))
	e = max(s, min(e, len(text)))
	for s < len(text) && !utf8.RuneStart(text[s]) {
		s++
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return s, max(s, e)
}

// Overlapping returns the figures of figs whose [Start, End) overlaps
// [start, end), in order: how a grounder finds what the parser reads at
// the offsets another extractor gave (see the package doc, Grounding).
func Overlapping(figs []Figure, start, end int) []Figure {
	var out []Figure
	for _, f := range figs {
		if f.Start < end && start < f.End {
			out = append(out, f)
		}
	}
	return out
}

package figures

import (
	"strconv"
	"strings"
)

// numberWords reads number words at token j: "trenta", "doscientos
// cincuenta", "twenty-five", "trecentomila", "un".
func (p *parser) numberWords(j int) (v Decimal, next int, article, ok bool) {
	n := len(p.toks)
	var cur int64
	words := 0
	joined := false // a joiner was read: "twenty-one", "treinta y un"
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
			if lx.numArt && !joined {
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
			if words > 0 && (article || !addsUp(cur, val)) {
				// "two three billion" is no number
				return p.wordsResult(cur, words, k, article)
			}
			cur += val
		}
		words++
		k++
		if cur > 1e15 || words > 12 {
			return Decimal{}, j, false, false
		}
		// joiners: "treinta y cinco", "twenty-five", "hundred and
		// fifty", "twenty-one", "treinta y un"
		// "two and three", "due e tre" are two numbers: a joiner joins
		// only a smaller place ("hundred and fifty", "treinta y cinco").
		joined = false
		if k+1 < n && p.toks[k+1].kind == tWord && p.toks[k+1].lx != nil && p.toks[k+1].lx.isNum && !p.toks[k+1].lx.numMult &&
			addsUp(cur, p.toks[k+1].lx.num) &&
			(!p.toks[k+1].lx.numArt || p.tokIs(k+1, "one") || p.tokIs(k+1, "un") || p.tokIs(k+1, "uno")) {
			if p.isPunct(k, '-') && p.attached(k) && p.attached(k+1) || p.tokIs(k, "y") || p.tokIs(k, "and") || p.tokIs(k, "e") {
				k++
				joined = true
			}
		}
	}
	return p.wordsResult(cur, words, k, article)
}

// addsUp reports whether val, said after cur, fills a smaller place of
// it: "doscientos cincuenta", "twenty-five", "dos mil trescientos", but
// not "two three" or "due e tre".
func addsUp(cur, val int64) bool {
	switch {
	case cur%1000 == 0:
		return val < 1000
	case cur%100 == 0:
		return val < 100
	case cur%10 == 0:
		return val < 10
	}
	return false
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

// andFraction reads a fraction joined to what comes before: "e mezzo",
// "y medio", "and a half", "-and-a-half", "e un quarto", "y tres
// cuartos", "and a quarter". It returns the fraction and the token after.
func (p *parser) andFraction(j int) (int, Decimal, bool) {
	n := len(p.toks)
	k := j
	hyphen := p.isPunct(k, '-') && p.attached(k) && p.attached(k+1)
	if hyphen {
		k++
	}
	if !(p.tokIs(k, "e") || p.tokIs(k, "y") || p.tokIs(k, "and")) || k+1 >= n || p.toks[k+1].nl {
		return j, Decimal{}, false
	}
	k++
	if hyphen && p.isPunct(k, '-') {
		k++
	}
	count := int64(1)
	if k >= n {
		return j, Decimal{}, false
	}
	if lx := p.toks[k].lx; lx != nil && lx.isNum && k+1 < n {
		// "a half", "un quarto", "tre quarti"
		if !lx.numArt {
			count = lx.num
		}
		k++
		if hyphen && p.isPunct(k, '-') {
			k++
		}
	}
	if k >= n || p.toks[k].lx == nil || !p.fractionEnds(k+1) {
		return j, Decimal{}, false
	}
	lx := p.toks[k].lx
	switch {
	case lx.half && count == 1:
		return k + 1, Dec(5, -1), true
	case lx.quarter == 1 && count == 1:
		return k + 1, Dec(25, -2), true
	case lx.quarter == 2 && count > 1 && count < 4:
		return k + 1, Dec(25*count, -2), true
	}
	return j, Decimal{}, false
}

// fractionEnds reports whether a fraction written after an amount ends
// at token k, rather than being a fraction of something else: "2
// miliardi e mezzo di euro" ends there, "$5 billion and a quarter of its
// shares" does not.
func (p *parser) fractionEnds(k int) bool {
	if k >= len(p.toks) || p.toks[k].nl {
		return true
	}
	for _, w := range []string{"del", "dello", "della", "dei", "degli", "delle", "dell"} {
		if p.tokIs(k, w) {
			return false
		}
	}
	if p.toks[k].lx == nil || !p.toks[k].lx.ofWord {
		return true
	}
	c, _, note := p.postCurrency(k)
	return c != "" || note != ""
}

// fractionBefore reads a fraction between a number and its scale word:
// "two and a half billion", "one-and-a-half", "a quarter billion", "a
// quarter of a billion", "three-quarters of a billion", "un quarto di
// miliardo", "tre quarti di miliardo". val is the number read before; it
// returns the amount in units of the scale and the scale word's token.
func (p *parser) fractionBefore(val Decimal, j int) (int, Decimal, bool) {
	n := len(p.toks)
	if k, f, ok := p.andFraction(j); ok && p.scaleAt(k) {
		if v, ok := val.Add(f); ok {
			return k, v, true
		}
	}
	k := j
	if p.isPunct(k, '-') && p.attached(k) && p.attached(k+1) {
		k++
	}
	if k >= n || p.toks[k].lx == nil || p.toks[k].lx.quarter == 0 || p.toks[k].nl {
		return j, Decimal{}, false
	}
	one := val.Cmp(Dec(1, 0)) == 0
	if p.toks[k].lx.quarter == 1 && !one || p.toks[k].lx.quarter == 2 && (one || val.Exp < 0) {
		return j, Decimal{}, false
	}
	k++
	// "of a", "di", "de", "de un"
	if k < n && p.toks[k].lx != nil && p.toks[k].lx.ofWord && !p.toks[k].nl {
		k++
		if k < n && p.toks[k].lx != nil && p.toks[k].lx.numArt {
			k++
		}
	}
	if !p.scaleAt(k) {
		return j, Decimal{}, false
	}
	v, ok := val.Mul(Dec(25, -2))
	return k, v, ok
}

// scaleAt reports whether token k is a scale word ("billion", "miliardo",
// "-trillion" glued to a hyphen).
func (p *parser) scaleAt(k int) bool {
	if p.isPunct(k, '-') && p.attached(k) && p.attached(k+1) {
		k++
	}
	return k < len(p.toks) && !p.toks[k].nl && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.scale != 0
}

// scaleTail reads what may follow the scale words of q: a fraction ("2
// miliardi e mezzo", "dos millones y medio", "1 billion and a half") or
// a smaller amount with its own scale ("tres billones cuatrocientos mil
// millones", "due miliardi e trecento milioni"), which it adds to q.
func (p *parser) scaleTail(q *qty, j int) int {
	if k, f, ok := p.andFraction(j); ok {
		if v, ok := q.val.Add(f); ok {
			q.val = v
			return k
		}
		return j
	}
	k := j
	if p.tokIs(k, "e") || p.tokIs(k, "y") {
		k++
	}
	if k >= len(p.toks) || p.toks[k].nl {
		return j
	}
	var t qty
	t.first = k
	switch tk := p.toks[k]; {
	case tk.kind == tNum && !p.attached(k):
		v, ok := parseDigits(p.text[tk.s:tk.e], p.lang)
		if !ok {
			return j
		}
		t.val = v
		k++
	case tk.kind == tWord:
		v, e, _, ok := p.numberWords(k)
		if !ok {
			return j
		}
		t.val = v
		k = e
	default:
		return j
	}
	k = p.scales(&t, k, t.first)
	if !t.scale || t.scaleLet || t.exp >= q.lastExp {
		return j
	}
	tail := t.value()
	if tail.Cmp(Dec(1, q.lastExp)) >= 0 {
		return j
	}
	tail.Exp -= q.exp
	v, ok := q.val.Add(tail)
	if !ok {
		return j
	}
	q.val = v
	return k
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
		if lx.scaleOf && k+1 < n && p.toks[k+1].lx != nil && p.toks[k+1].lx.ofWord && p.scaleAt(k+2) {
			// "medio millar de millones"
			k++
		}
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

var spaceRemover = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "\u2009", "")

// parseDigits reads a number written with digits and '.' or ',' as
// decimal or thousands separators, decided per expression: "1.4" and
// "1,4" are decimals, "100.000" and "10,000" thousands, "1.200,50" both.
// In English a lone dot is always a decimal point.
func parseDigits(raw, lang string) (Decimal, bool) {
	if strings.ContainsAny(raw, " \u00a0\u202f\u2009") {
		// "1 500 000", "100 000": the spaces group thousands (the
		// tokenizer checked the groups), so a '.' or ',' after them is
		// the decimal point: "2 500,5", "3 250 000.50".
		raw = spaceRemover.Replace(raw)
		if i := strings.IndexAny(raw, ".,"); i >= 0 {
			if strings.ContainsAny(raw[i+1:], ".,") {
				return Decimal{}, false
			}
			return parseDigits(raw[:i]+"."+raw[i+1:], "en")
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

// itMorphemes are the parts Italian number words are written from, as in
// "trecentocinquantamila" or "ventitré".
var itMorphemes = []struct {
	s string
	v int64
}{
	{"diciassette", 17}, {"diciannove", 19}, {"quattordici", 14}, {"cinquanta", 50}, {"cinquant", 50},
	{"diciotto", 18}, {"quaranta", 40}, {"quarant", 40}, {"sessanta", 60}, {"sessant", 60},
	{"settanta", 70}, {"settant", 70}, {"ottanta", 80}, {"ottant", 80}, {"novanta", 90}, {"novant", 90},
	{"quattro", 4}, {"cinque", 5}, {"undici", 11}, {"tredici", 13}, {"quindici", 15}, {"sedici", 16},
	{"dodici", 12}, {"trenta", 30}, {"trent", 30}, {"dieci", 10}, {"venti", 20}, {"vent", 20},
	{"cento", 100}, {"cent", 100}, {"mille", 1000}, {"mila", 1000}, {"sette", 7}, {"nove", 9}, {"otto", 8},
	{"uno", 1}, {"due", 2}, {"tre", 3}, {"sei", 6}, {"un", 1},
}

// itNumber reads a folded Italian number word written as one word
// ("trecentomila", "duecentocinquanta", "ventitre"), below a million.
func itNumber(w string) (int64, bool) {
	if len(w) < 5 || len(w) > 40 {
		return 0, false
	}
	var total, cur int64
	budget := 500 // bounds the backtracking on adversarial words
	var walk func(s string, total, cur int64, last int64) (int64, bool)
	walk = func(s string, total, cur int64, last int64) (int64, bool) {
		budget--
		if budget < 0 {
			return 0, false
		}
		if s == "" {
			return total + cur, cur > 0 || total > 0
		}
		for _, m := range itMorphemes {
			if !strings.HasPrefix(s, m.s) {
				continue
			}
			t, c := total, cur
			switch {
			case m.v == 1000:
				if last == 1000 {
					continue
				}
				if c == 0 {
					c = 1
				}
				t, c = t+c*1000, 0
				if t >= 1000000 {
					continue
				}
			case m.v == 100:
				if c >= 100 || last == 100 {
					continue
				}
				if c == 0 {
					c = 1
				}
				c *= 100
			default:
				// tens and units must fall: "trentatre", not "tretrenta".
				if last != 0 && last != 100 && last != 1000 && m.v >= last {
					continue
				}
				if last >= 20 && last < 100 && m.v >= 10 {
					continue
				}
				c += m.v
			}
			if v, ok := walk(s[len(m.s):], t, c, m.v); ok {
				return v, true
			}
		}
		return 0, false
	}
	return walk(w, total, cur, 0)
}

package figures

import "strings"

// preCurrency reads a currency written before the number: "$", "US$",
// "€", "USD", "HK$", "AUD$", and the codes with a scale "MUSD", "MEUR"
// (millions, as Nordic reports write them). exp is the power of ten of
// such a scale, else 0.
func (p *parser) preCurrency(j int) (cur string, next, exp int) {
	n := len(p.toks)
	if j >= n {
		return "", j, 0
	}
	t := p.toks[j]
	if t.kind == tPunct && t.lx != nil && t.lx.cur != "" {
		return t.lx.cur, j + 1, 0
	}
	if t.kind != tWord {
		return "", j, 0
	}
	w := p.text[t.s:t.e]
	// "US $4.7 billion"
	if j+1 < n && p.isPunct(j+1, '$') && !p.attached(j+1) && w == "US" {
		return "USD", j + 2, 0
	}
	// "US$", "U$S", "U$D", "C$", "A$", "HK$", "NT$", "Mex$", "AUD$", "MXN$"
	if j+1 < n && p.isPunct(j+1, '$') && p.attached(j+1) && (t.caps || w == "Mex") {
		code := signPrefixes[w]
		if code == "" && t.lx != nil && t.lx.curCode && t.caps {
			code = t.lx.cur
		}
		if code != "" {
			k := j + 2
			if w == "U" && k < n && p.attached(k) && (p.text[p.toks[k].s:p.toks[k].e] == "S" || p.text[p.toks[k].s:p.toks[k].e] == "D") {
				k++
			}
			return code, k, 0
		}
	}
	// "CN¥", "RMB¥" (yuan), "JP¥" (yen); "¥" alone is read as JPY.
	if j+1 < n && p.isPunct(j+1, '¥') && p.attached(j+1) && t.caps {
		switch w {
		case "CN", "RMB":
			return "CNY", j + 2, 0
		case "JP":
			return "JPY", j + 2, 0
		}
	}
	// "Rs 500 crore", "Rs. 2,000 crore"
	if w == "Rs" {
		k := j + 1
		if p.isPunct(k, '.') && p.attached(k) {
			k++
		}
		if k < n && p.toks[k].kind == tNum {
			return "INR", k, 0
		}
	}
	// "R250 000", "R5 billion": the rand, glued to a number of three
	// digits or more ("R1" is a name).
	if w == "R" && p.attached(j+1) && j+1 < n && p.toks[j+1].kind == tNum && p.toks[j+1].e-p.toks[j+1].s >= 3 {
		return "ZAR", j + 1, 0
	}
	if t.caps && t.lx != nil && t.lx.curCode && t.lx.cur != "" {
		return t.lx.cur, j + 1, 0
	}
	// "MUSD 75", "MEUR 40"
	if code, exp := scaledCode(w); code != "" {
		return code, j + 1, exp
	}
	return "", j, 0
}

// scaledCode reads an ISO code with a scale letter before it: "MUSD" is
// millions of dollars, "MEUR" millions of euros, "KEUR" thousands.
func scaledCode(w string) (string, int) {
	if len(w) != 4 || w[0] != 'M' && w[0] != 'K' {
		return "", 0
	}
	for i := 1; i < 4; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return "", 0
		}
	}
	var b [3]byte
	for i := range b {
		b[i] = w[i+1] + 'a' - 'A'
	}
	e := lex[string(b[:])]
	if e == nil || !e.curCode || e.cur == "" {
		return "", 0
	}
	if w[0] == 'K' {
		return e.cur, 3
	}
	return e.cur, 6
}

// postCurrency reads a currency written after the amount: "dollari",
// "di dollari", "de dólares canadienses", "Hong Kong dollars", "€",
// "EUR", "de US$". When the words name a currency the parser cannot
// tell ("pesos" of which country? "dollari svizzeri"?), it returns no
// code and a note: the amount is then Unread, never read in dollars.
func (p *parser) postCurrency(j int) (cur string, next int, note string) {
	n := len(p.toks)
	if j >= n || p.toks[j].nl {
		return "", j, ""
	}
	t := p.toks[j]
	// "10 billion Canadian dollars", "10 billion U.S. dollars"
	if e, ph := p.match(j, setCountryBefore); ph != nil && !p.signGlued(e-1) && e < n && p.toks[e].kind == tWord && p.toks[e].lx != nil && p.toks[e].lx.fam != "" && !p.toks[e].nl {
		if code := currencyPairs[p.toks[e].lx.fam+" "+ph.country]; code != "" {
			return code, e + 1, ""
		}
		return "", e + 1, "no known currency: " + p.text[t.s:p.toks[e].e]
	}
	if t.lx == nil {
		// "10 billion Jamaican dollars": a country the parser does not know
		if t.kind == tWord && t.upper && !t.caps && j+1 < n && p.toks[j+1].kind == tWord && !p.toks[j+1].nl &&
			p.toks[j+1].lx != nil && p.toks[j+1].lx.fam != "" && p.toks[j+1].lx.fam != "euro" {
			return "", j + 2, "a country the parser does not know: " + p.text[t.s:p.toks[j+1].e]
		}
		return "", j, ""
	}
	switch {
	case t.kind == tPunct && t.lx.cur != "":
		// "50 €", but not "15 $20"
		if j+1 < n && p.attached(j+1) && p.toks[j+1].kind == tNum {
			return "", j, ""
		}
		return t.lx.cur, j + 1, ""
	case p.signGlued(j):
		// "500 AUD$ 2,5": the letters of the next amount's sign
		return "", j, ""
	case t.kind == tWord && t.lx.curCode && t.caps:
		return t.lx.cur, j + 1, ""
	case t.kind == tWord && t.lx.curWord:
		return p.currencyName(j)
	case t.kind == tWord && t.lx.ofWord:
		k := j + 1
		if p.tokIs(j, "d") {
			if !p.isPunct(k, '\'') {
				return "", j, ""
			}
			k++
		}
		if k >= n || p.toks[k].nl {
			return "", j, ""
		}
		if p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.curWord {
			return p.currencyName(k)
		}
		// "1,2 miliardi di €"
		if p.toks[k].kind == tPunct && p.toks[k].lx != nil && p.toks[k].lx.cur != "" &&
			!(k+1 < n && p.attached(k+1) && p.toks[k+1].kind == tNum) {
			return p.toks[k].lx.cur, k + 1, ""
		}
		// "2.000 millones de US$"
		if p.toks[k].kind == tWord && p.isPunct(k+1, '$') && p.attached(k+1) {
			if c, e, exp := p.preCurrency(k); c != "" && exp == 0 && !(e < n && p.toks[e].kind == tNum && !p.toks[e].nl) {
				return c, e, ""
			}
		}
	}
	return "", j, ""
}

// currencyName reads the currency name at token k and the country after
// it: "dollari", "dollari australiani", "dólares de Hong Kong", "libras
// esterlinas", "pesos mexicanos".
func (p *parser) currencyName(k int) (string, int, string) {
	lx := p.toks[k].lx
	if lx.cur == "" && p.toks[k].upper && !p.toks[k].caps {
		// "5 million Corona beers": a name, not a currency
		return "", k, ""
	}
	if e, ph := p.match(k+1, setCountryAfter); ph != nil && !p.toks[k+1].nl && !p.signGlued(e-1) {
		if code := currencyPairs[lx.fam+" "+ph.country]; code != "" {
			return code, e, ""
		}
		return "", e, "no known currency: " + p.text[p.toks[k].s:p.toks[e-1].e]
	}
	if lx.fam != "euro" && p.nationality(k+1) {
		// "dollari giamaicani", "dólares jamaiquinos"
		return "", k + 2, "a country the parser does not know: " + p.text[p.toks[k].s:p.toks[k+1].e]
	}
	if lx.cur == "" {
		return "", k + 1, "currency of no country: " + p.text[p.toks[k].s:p.toks[k].e]
	}
	return lx.cur, k + 1, ""
}

// nationality reports whether token k looks like an Italian or Spanish
// adjective of nationality the lexicon does not know ("giamaicani",
// "jamaiquinos", "namibiani"): a lowercase unknown word with such an
// ending, and not a participle ("spesi", "attesi").
func (p *parser) nationality(k int) bool {
	if k >= len(p.toks) || p.toks[k].kind != tWord || p.toks[k].lx != nil || p.toks[k].upper || p.toks[k].nl || p.lang == "en" {
		return false
	}
	w := p.foldTok(k)
	if len(w) < 6 {
		return false
	}
	switch w {
	case "spesi", "attesi", "compresi", "sospesi", "estesi", "difesi", "accesi", "appesi", "offesi", "domani", "termini", "cercanos", "humanos":
		return false
	}
	for _, suf := range []string{"ani", "ini", "esi", "ensi", "anos", "enses", "eses", "inos", "enos", "ies"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// signGlued reports whether token k is glued to a currency sign after it:
// "AUD" and "US" of "AUD$ 2,5" and "US$ 1 billion" belong to the amount
// after them.
func (p *parser) signGlued(k int) bool {
	if k+1 >= len(p.toks) || !p.attached(k+1) || p.toks[k].kind != tWord {
		return false
	}
	t := p.toks[k+1]
	return t.kind == tPunct && t.lx != nil && t.lx.cur != ""
}

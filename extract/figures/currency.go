package figures

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

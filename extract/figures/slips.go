package figures

import "sort"

// Scale slips (issue 15, class 7): "US$100.000" where the writer meant
// "US$100.000 millones" is right as text, so Parse returns it as
// written, but marks it Implausible when its own sentence says the deal
// is far larger. Only an amount in digits with no scale word can be a
// slip, and not a price per unit ("$30,000 per unit", "98 dollari
// l'ora"). Its sentence makes it implausible when it has
//
//   - another money figure 10^5 times larger or more ("$100,000, more
//     than double the $12 billion agreement"), or 10^4 times when the
//     amount is per year ("$800,000 a year for twenty years, a total
//     commitment of $16 billion") or the sentence has a superlative
//     ("$250,000 to a $10 billion raise, making it the largest single
//     investor"),
//   - at least a thousand GPUs, chips, accelerators, processors or
//     servers, and the amount is below a hundred per unit ("500,000
//     GPUs in a $40,000 agreement"),
//   - a power capacity, and the amount is below 10^8 per GW ("€25,000
//     in a 2-gigawatt campus"),
//   - or, for an amount below a million, words of a record deal ("the
//     largest foreign investment of the decade", "syndicated loan",
//     "gigafactories").

// slipRatio is how much larger another money figure of the sentence must
// be for an amount to be a slip (issue 15); slipRatioCued is the ratio
// when the sentence gives a further cue (a superlative, an amount per
// year). "Revenue rose to $3.5 billion, up from $350,000 a decade ago"
// is 10^4 apart and no slip.
var (
	slipRatio     = Dec(1, 5)
	slipRatioCued = Dec(1, 4)
)

// slipCandidate records that p.out[i] may be a scale slip.
func (p *parser) slipCandidate(q *qty, end int) {
	if q.scale || q.wordNum || q.noNum || q.kind != Money || p.perUnitAfter(p.tokAt(end)) {
		return
	}
	p.slips = append(p.slips, len(p.out))
}

// perUnitAfter reports whether the words at token a make the amount
// before them a price: "per unit", "each", "l'ora", "an hour", "/hour".
func (p *parser) perUnitAfter(a int) bool {
	if a >= len(p.toks) || p.toks[a].nl {
		return false
	}
	// "$30,000 to $40,000 per GPU": the price after the second amount
	if p.tokIs(a, "to") || p.tokIs(a, "a") || p.tokIs(a, "y") || p.tokIs(a, "e") || p.tokIs(a, "and") || p.isPunct(a, '-') {
		k := a + 1
		for end := k + 3; k < end && k < len(p.toks) && !p.toks[k].nl &&
			(p.toks[k].kind == tNum || p.toks[k].lx != nil && p.toks[k].lx.cur != ""); k++ {
		}
		if k > a+1 && p.perUnitWords(k) {
			return true
		}
	}
	return p.perUnitWords(a)
}

// perUnitWords reports whether the words at token a say "per unit".
func (p *parser) perUnitWords(a int) bool {
	if a >= len(p.toks) || p.toks[a].nl {
		return false
	}
	for _, w := range []string{"each", "cada", "apiece", "ciascuna", "ciascuno", "cadauna", "cadauno", "/"} {
		if p.tokIs(a, w) {
			return true
		}
	}
	if p.lang == "en" && p.tokIs(a, "per") {
		return true
	}
	k := a
	// Italian "per" and Spanish "por" are also "for": "20 dollari per
	// l'infrastruttura" is no price.
	if p.tokIs(k, "per") || p.tokIs(k, "por") || p.tokIs(k, "ogni") {
		k++
	}
	switch {
	case p.tokIs(k, "l") && p.isPunct(k+1, '\''):
		k += 2
	case p.tokIs(k, "a") || p.tokIs(k, "an") || p.tokIs(k, "la") || p.tokIs(k, "al") || p.tokIs(k, "il") || p.tokIs(k, "el"):
		k++
	case k == a:
		return false
	}
	for _, w := range []string{"hour", "ora", "hora", "unit", "unita", "unidad", "share", "azione", "accion", "month", "mese", "mes",
		"day", "giorno", "dia", "week", "settimana", "semana", "piece", "pezzo", "pieza", "user", "utente", "usuario", "gpu", "chip", "server", "servidor", "token", "kwh", "mwh",
		"million", "milione", "millon", "thousand", "mille", "mil", "barrel", "barile", "barril"} {
		if p.tokIs(k, w) {
			return true
		}
	}
	return false
}

// markSlips sets Implausible on the candidates that their sentence shows
// to be scale slips.
func (p *parser) markSlips() {
	for _, i := range p.slips {
		f := &p.out[i]
		if f.Kind != Money || f.Implausible {
			continue
		}
		s, e := p.sentence(f.Start, f.End)
		if p.slipIn(*f, s, e) {
			f.Implausible = true
		}
	}
}

// sentence returns the tokens [s, e) of the sentence around bytes
// [start, end): it ends at a line break, at ';', or at '.', '!' or '?'
// followed by a capital, a line break or the end of the text.
func (p *parser) sentence(start, end int) (int, int) {
	s := p.tokAt(start)
	for s > 0 && !p.toks[s].nl && !p.sentenceEnd(s-1) {
		s--
	}
	e := p.tokAt(end)
	for e < len(p.toks) && !p.toks[e].nl {
		e++
		if p.sentenceEnd(e - 1) {
			break
		}
	}
	return s, e
}

func (p *parser) sentenceEnd(k int) bool {
	t := p.toks[k]
	if t.kind != tPunct || t.r != '.' && t.r != '!' && t.r != '?' && t.r != ';' {
		return false
	}
	if t.r == ';' {
		return true
	}
	return k+1 >= len(p.toks) || p.toks[k+1].nl || p.toks[k+1].upper && !p.attached(k+1)
}

// slipIn reports whether the sentence of tokens [s, e) makes f a slip.
// A sentence about the stock market ("shares", "titolo", "en bolsa")
// makes none.
func (p *parser) slipIn(f Figure, s, e int) bool {
	superlative, scope, big := false, false, false
	for k := s; k < e; k++ {
		if lx := p.toks[k].lx; lx != nil {
			if lx.stock {
				// "shares rose 2.9 per cent to $207, giving a market value
				// of $5tn": share prices are small
				return false
			}
			superlative = superlative || lx.superlative
			scope = scope || lx.recordScope
			big = big || lx.bigDeal
		}
	}
	ratio := slipRatio
	if superlative || f.Period == PerYear {
		ratio = slipRatioCued
	}
	lo, hi := p.toks[s].s, p.toks[e-1].e
	i := sort.Search(len(p.out), func(i int) bool { return p.out[i].Start >= lo })
	for ; i < len(p.out) && p.out[i].End <= hi; i++ {
		o := p.out[i]
		switch o.Kind {
		case Money:
			if o.Start == f.Start || o.Unit != f.Unit && o.Unit != "" && f.Unit != "" && (weakCurrency(o.Unit) || weakCurrency(f.Unit)) {
				continue
			}
			if lim, ok := f.Value.Mul(ratio); ok && o.Value.Cmp(lim) >= 0 {
				return true
			}
		case Count:
			switch o.Unit {
			case "GPUs", "chips", "accelerators", "processors", "servers", "CPUs", "TPUs":
				if lim, ok := o.Value.Mul(Dec(100, 0)); ok && o.Value.Cmp(Dec(1000, 0)) >= 0 && f.Value.Cmp(lim) < 0 {
					return true
				}
			}
		case Capacity:
			per := Dec(1, 8)
			if o.Unit == "MW" {
				per = Dec(1, 5)
			}
			if lim, ok := o.Value.Mul(per); ok && f.Value.Cmp(lim) < 0 {
				return true
			}
		}
	}
	return f.Value.Cmp(Dec(1, 6)) < 0 && (big || superlative && scope)
}

// weakCurrency reports whether a unit of code is worth a hundredth of a
// dollar or less.
func weakCurrency(code string) bool {
	switch code {
	case "KRW", "JPY", "INR", "IDR", "VND", "CLP", "COP", "HUF", "PKR", "NGN":
		return true
	}
	return false
}

package figures

import (
	"sort"
	"strings"
)

// The rule above all (issue 15): Parse never returns a part of a money
// expression as if it were the whole. The readers of quantity.go take
// what they understand; the checks here look at what stands right
// before and after the amount they read, and when it goes on with words
// the parser did not take ("veintitantos mil millones", "twenty one
// trillion", "un terzo di miliardo", "$20-odd billion"), the amount is
// emitted as Unread, with no value and a note, instead of as Money.

// tokAt returns the index of the first token that starts at or after
// byte offset b.
func (p *parser) tokAt(b int) int {
	return sort.Search(len(p.toks), func(i int) bool { return p.toks[i].s >= b })
}

// continuation returns why the money amount q read at text[start:end]
// is only a part of an expression, and where the whole starts and ends;
// note is "" when the amount stands alone.
func (p *parser) continuation(q *qty, start, end int) (note string, s, e int) {
	note, s, e = p.continuesBefore(q, start, end)
	if note != "" && len(p.out) > 0 && p.out[len(p.out)-1].End > s {
		// never over a figure already read; the rest of an unread one
		// joins it
		if last := p.out[len(p.out)-1]; last.Kind == Unread {
			return last.Note, last.Start, e
		}
		note = ""
	}
	if note != "" {
		return note, s, e
	}
	return p.continuesAfter(p.tokAt(end), start, end)
}

// continuesBefore reports whether the words right before the amount q
// read at text[start:end] are a part of it the parser did not read.
func (p *parser) continuesBefore(q *qty, start, end int) (note string, s, e int) {
	b := p.tokAt(start)
	if b >= len(p.toks) || b == 0 {
		return "", start, end
	}
	k := b - 1
	first, prev := p.toks[b], p.toks[k]
	if first.nl {
		return "", start, end
	}
	if len(p.out) > 0 && p.out[len(p.out)-1].End > prev.s {
		if last := p.out[len(p.out)-1]; last.Kind == Unread && last.End >= prev.e {
			// "$10-15 billion Hong Kong dollars": the rest of an
			// expression already found unreadable
			return last.Note, last.Start, end
		}
		// the words before belong to a figure already read ("2025-11-03
		// 500 million dollars", "5 miliardi 3 miliardi")
		return "", start, end
	}
	// "XY$ 5 million": a sign glued to letters the parser did not read
	if first.kind == tPunct && first.lx != nil && first.lx.cur != "" && p.attached(b) && prev.kind == tWord {
		return "unknown currency sign: " + p.text[prev.s:first.e], prev.s, end
	}
	if b != q.numTok {
		return "", start, end
	}
	switch {
	case prev.kind == tNum && !p.attached(b):
		// "12 34 millones": two numbers, one amount?
		if v, ok := parseDigits(p.text[prev.s:prev.e], p.lang); !(ok && isYear(v) && prev.e-prev.s == 4) {
			return "a number before the amount: " + p.text[prev.s:end], prev.s, end
		}
		return "", start, end
	case p.vagueAt(k) || p.numberAt(k):
		// "veintitantos mil millones", "twenty one trillion"
		return "words before the amount: " + p.text[prev.s:end], prev.s, end
	case prev.kind == tWord && prev.lx != nil && prev.lx.scale != 0 && !prev.lx.scaleLetter && k > 0 &&
		(p.toks[k-1].kind == tNum || p.numberAt(k-1)):
		// "5 miliardi 300 milioni" not read as one amount
		return "an amount before the amount: " + p.text[p.toks[k-1].s:end], p.toks[k-1].s, end
	case p.isPunct(k, '-') && p.attached(k) && p.attached(b) && k > 0 && (p.toks[k-1].kind == tNum || p.numberAt(k-1) || p.vagueAt(k-1)):
		return "words before the amount: " + p.text[p.toks[k-1].s:end], p.toks[k-1].s, end
	case (p.tokIs(k, "and") || p.tokIs(k, "e") || p.tokIs(k, "y")) && p.numberAt(k-1):
		// "a hundred and one billion" not read as one number
		return "words before the amount: " + p.text[p.toks[k-1].s:end], p.toks[k-1].s, end
	case prev.kind == tWord && prev.lx != nil && (prev.lx.ofWord || prev.lx.numArt) && k > 0 && p.vagueAt(k-1):
		// "un terzo di miliardo"
		return "words before the amount: " + p.text[p.toks[k-1].s:end], p.toks[k-1].s, end
	case prev.kind == tWord && prev.lx != nil && prev.lx.numArt && k > 1 && p.toks[k-2].lx != nil && p.toks[k-2].lx.ofWord && p.vagueAt(k-2):
		// "a third of a billion"
		return "words before the amount: " + p.text[p.toks[k-2].s:end], p.toks[k-2].s, end
	}
	return "", start, end
}

// continuesAfter reports whether the words at token a, right after an
// amount at text[start:end], go on with it: a scale word ("5 dollari
// miliardi"), a fraction not read ("e un terzo", "and a third"), or an
// "-odd" ("$20-odd billion").
func (p *parser) continuesAfter(a, start, end int) (string, int, int) {
	if a >= len(p.toks) || p.toks[a].nl {
		return "", start, end
	}
	t := p.toks[a]
	switch {
	case t.kind == tNum && !p.attached(a) && a > 0 && p.toks[a-1].kind == tNum:
		// "$1 23 million"
		if v, ok := parseDigits(p.text[t.s:t.e], p.lang); !(ok && isYear(v) && t.e-t.s == 4) {
			return "a number after the amount: " + p.text[start:t.e], start, t.e
		}
	case t.kind == tWord && t.lx != nil && t.lx.scale != 0 && !t.lx.scaleLetter:
		return "a scale word after the amount: " + p.text[start:t.e], start, t.e
	case t.kind == tWord && t.lx == nil && a > 0 && p.toks[a-1].kind == tNum && scaleLike(p.foldTok(a)):
		// "R$ 5 bilhões" in a language the lexicon does not have
		return "a scale word the parser does not know: " + p.text[start:t.e], start, t.e
	case p.isPunct(a, '-') && p.attached(a) && p.attached(a+1) && a+1 < len(p.toks) && p.toks[a+1].kind == tNum:
		// "$10-15 billion Hong Kong dollars" not read as one range
		return "a range not read: " + p.text[start:p.toks[a+1].e], start, p.toks[a+1].e
	case p.isPunct(a, '-') && p.attached(a) && p.attached(a+1) && p.vagueAt(a+1):
		return "words after the amount: " + p.text[start:p.toks[a+1].e], start, p.toks[a+1].e
	case t.kind == tWord && (p.tokIs(a, "e") || p.tokIs(a, "y") || p.tokIs(a, "and")) && a+1 < len(p.toks) && !p.toks[a+1].nl:
		k := a + 1
		if p.toks[k].lx != nil && p.toks[k].lx.isNum && k+1 < len(p.toks) {
			k++ // "e un terzo", "and a third"
		}
		if lx := p.toks[k].lx; lx != nil && (lx.vague && lx.frac || lx.quarter != 0 || lx.half) && p.fractionEnds(k+1) {
			return "a fraction after the amount: " + p.text[start:p.toks[k].e], start, p.toks[k].e
		}
	}
	return "", start, end
}

// vagueAt reports whether token k stands for a number the parser cannot
// read: "several", "decine", "veintitantos", "odd", "terzo".
func (p *parser) vagueAt(k int) bool {
	if k < 0 || k >= len(p.toks) || p.toks[k].kind != tWord {
		return false
	}
	t := p.toks[k]
	if t.lx != nil {
		return t.lx.vague || t.lx.quarter != 0 || t.lx.half
	}
	w := p.foldTok(k)
	return strings.HasSuffix(w, "tantos") || strings.HasSuffix(w, "tantas") || strings.HasSuffix(w, "tanti")
}

// numberAt reports whether token k is a number word (not an article).
func (p *parser) numberAt(k int) bool {
	if k < 0 || k >= len(p.toks) || p.toks[k].kind != tWord || p.toks[k].lx == nil {
		return false
	}
	lx := p.toks[k].lx
	return lx.isNum && !lx.numArt
}

// scaleLike reports whether the folded word w looks like a scale word of
// some language: "zillion", "milliarden", "miljoner", "bilhoes".
func scaleLike(w string) bool {
	for _, part := range []string{"illion", "illon", "iljon", "iliard", "illiard", "ilhao", "ilhoe", "iljard"} {
		if strings.Contains(w, part) {
			return true
		}
	}
	return false
}

package figures

import (
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
	// slips are the indices in out of amounts that may be scale slips
	// (see markSlips).
	slips []int
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
	if len(p.slips) > 0 {
		p.markSlips()
	}
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
		// a known word that starts no figure may still be the letters of
		// a sign: "US$", "NT$"
		return t.lx.start || t.caps && i+1 < len(p.toks) && p.toks[i+1].kind == tPunct && p.toks[i+1].lx != nil && p.toks[i+1].lx.cur != ""
	case t.kind == tWord:
		// an Italian compound number or a sign ("US$", "HK$") before a unit
		if p.unitFollows(i + 1) {
			return true
		}
		// "Rs 500 crore", "R250 000", "MUSD 75"
		if !t.upper || t.e-t.s > 4 {
			return false
		}
		w := p.text[t.s:t.e]
		return w == "Rs" || w == "R" || t.caps && len(w) == 4 && (w[0] == 'M' || w[0] == 'K')
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

func (p *parser) foldTok(k int) string {
	t := p.toks[k]
	p.buf = appendFold(p.buf[:0], p.text[t.s:t.e])
	return string(p.buf)
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

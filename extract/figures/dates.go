package figures

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// FirstDate returns the first full date ("YYYY-MM-DD") or month
// ("YYYY-MM") that starts in the first within bytes of text, read in
// language lang. It is how a plain-text article's publication date is
// read from its opening lines ("Novembre 3, 2025 - 14:51", " date
// 2026-02-27", "April 2026"). A year alone is not a date. within <= 0
// means the whole text.
func FirstDate(text, lang string, within int) (string, bool) {
	if within <= 0 || within > len(text) {
		within = len(text)
	}
	// read a little past the limit so a date that starts before it is
	// whole, and cut on a rune boundary.
	end := within + 64
	if end > len(text) {
		end = len(text)
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	for _, f := range parse(text[:end], lang) {
		if f.Start >= within {
			break
		}
		if f.Kind == Date && len(f.Date) >= 7 {
			return f.Date, true
		}
	}
	return "", false
}

// date reads a date at token i: "3 novembre 2025", "Novembre 3, 2025",
// "3 de noviembre de 2025", "2025-11-03", "03/11/2025", "April 2026".
func (p *parser) date(i int) (int, bool) {
	t := p.toks[i]
	switch t.kind {
	case tNum:
		if p.attached(i) && p.toks[i-1].kind != tPunct {
			return i, false
		}
		raw := p.text[t.s:t.e]
		if len(raw) == 4 {
			return p.isoDate(i)
		}
		if d, m, y, ok := dottedDate(raw); ok {
			if p.attached(i+1) && p.toks[i+1].kind != tPunct {
				return i, false
			}
			return p.emitDate(i, i+1, y, m, d, true)
		}
		if len(raw) > 2 {
			return i, false
		}
		// "03/11/2025", "03-11-2025" (day first; month first in English
		// when it fits)
		if i+4 < len(p.toks) && (p.isPunct(i+1, '/') || p.isPunct(i+1, '-')) && p.isPunct(i+3, p.toks[i+1].r) &&
			p.attached(i+1) && p.attached(i+2) && p.toks[i+2].kind == tNum && p.attached(i+3) && p.attached(i+4) {
			a, b := atoi(raw), atoi(p.text[p.toks[i+2].s:p.toks[i+2].e])
			y, ok := p.year(i + 4)
			if !ok || p.toks[i+2].e-p.toks[i+2].s > 2 {
				return i, false
			}
			d, m := a, b
			if p.lang == "en" && a <= 12 {
				d, m = b, a
			}
			return p.emitDate(i, i+5, y, m, d, true)
		}
		// "3-nov-2025", "03-Nov-2025"
		if p.isPunct(i+1, '-') && p.attached(i+1) && p.attached(i+2) && p.isPunct(i+3, '-') && p.attached(i+3) && p.attached(i+4) {
			if m, k, ok := p.month(i + 2); ok && k == i+3 {
				if y, ok := p.year(i + 4); ok {
					return p.emitDate(i, i+5, y, m, atoi(raw), true)
				}
			}
		}
		// "3 novembre 2025", "3rd of November, 2025", "3 de noviembre de 2025"
		d, j, ok := p.day(i)
		if !ok {
			return i, false
		}
		if p.tokIs(j, "de") || p.tokIs(j, "of") {
			j++
		}
		m, j, ok := p.month(j)
		if !ok {
			return i, false
		}
		j = p.yearLink(j)
		y, ok := p.year(j)
		if !ok {
			return i, false
		}
		if next, ok := p.emitDate(i, j+1, y, m, d, true); ok {
			return next, true
		}
		// "31 febbraio 2025" is no date, and "febbraio 2025" alone would
		// misread it.
		return j + 1, true
	case tWord:
		if next, ok := p.partOfYear(i); ok {
			return next, true
		}
		m, j, ok := p.month(i)
		if !ok {
			return i, false
		}
		// "November 3, 2025", "Novembre 3, 2025"
		if d, k, ok := p.day(j); ok {
			if p.isPunct(k, ',') {
				k++
			}
			if y, ok := p.year(k); ok {
				return p.emitDate(i, k+1, y, m, d, true)
			}
			return i, false
		}
		// "April 2026", "noviembre de 2025"
		j = p.yearLink(j)
		if y, ok := p.year(j); ok {
			return p.emitDate(i, j+1, y, m, 0, false)
		}
	}
	return i, false
}

// partOfYear reads a part of a year at token i: "end of 2026", "mid-2027",
// "late 2026", "fine 2026", "metà del 2027", "finales de 2026",
// "mediados de 2027". It is a Date with only the year ("2026"): the
// schema has no finer way to say "the end of 2026". Quarters and halves
// ("Q3 2026", "H1 2026") are not read: they are no calendar date and
// "H1" is also a name.
func (p *parser) partOfYear(i int) (int, bool) {
	j, ph := p.match(i, setYearMark)
	if ph == nil {
		return i, false
	}
	if ph.words[len(ph.words)-1] == "'" {
		// "fine dell'2026" is no form; "fine dell'anno" has no year.
		return i, false
	}
	if p.isPunct(j, '-') && p.attached(j) && p.attached(j+1) {
		j++ // "mid-2027"
	} else if p.attached(j) {
		return i, false
	}
	if j >= len(p.toks) || p.toks[j].nl {
		return i, false
	}
	y, ok := p.year(j)
	if !ok {
		return i, false
	}
	start, end := p.toks[i].s, p.toks[j].e
	p.out = append(p.out, Figure{
		Kind:      Date,
		Date:      fmt.Sprintf("%04d", y),
		Qualifier: Exact,
		Period:    Total,
		Text:      p.text[start:end],
		Start:     start,
		End:       end,
	})
	return j + 1, true
}

// yearLink skips what may stand between a month and its year: ",", "de",
// "del", "of".
func (p *parser) yearLink(j int) int {
	if p.isPunct(j, ',') || p.tokIs(j, "de") || p.tokIs(j, "del") || p.tokIs(j, "of") {
		return j + 1
	}
	return j
}

// isoDate reads "2025-11-03" or "2025/11/03" at token i.
func (p *parser) isoDate(i int) (int, bool) {
	n := len(p.toks)
	if i+4 >= n {
		return i, false
	}
	sep := p.toks[i+1]
	if sep.kind != tPunct || sep.r != '-' && sep.r != '/' || !p.isPunct(i+3, sep.r) {
		return i, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !p.attached(k) {
			return i, false
		}
	}
	mt, dt := p.toks[i+2], p.toks[i+4]
	if mt.kind != tNum || dt.kind != tNum || mt.e-mt.s > 2 || dt.e-dt.s > 2 {
		return i, false
	}
	y, ok := p.year(i)
	if !ok {
		return i, false
	}
	return p.emitDate(i, i+5, y, atoi(p.text[mt.s:mt.e]), atoi(p.text[dt.s:dt.e]), true)
}

// day reads a day of the month at token j: "3", "03", "3rd", "1º".
func (p *parser) day(j int) (int, int, bool) {
	if j >= len(p.toks) {
		return 0, j, false
	}
	t := p.toks[j]
	if t.kind != tNum || t.e-t.s > 2 || t.nl && j > 0 && p.toks[j-1].kind == tWord && p.toks[j-1].lx != nil && p.toks[j-1].lx.month > 0 {
		return 0, j, false
	}
	d := atoi(p.text[t.s:t.e])
	if d < 1 || d > 31 {
		return 0, j, false
	}
	j++
	if j < len(p.toks) && p.attached(j) {
		nt := p.toks[j]
		switch {
		case nt.kind == tWord:
			switch p.text[nt.s:nt.e] {
			case "st", "nd", "rd", "th", "o", "a":
				j++
			default:
				return 0, j, false
			}
		case nt.kind == tPunct && (nt.r == 'º' || nt.r == '°' || nt.r == 'ª'):
			j++
		case nt.kind == tNum:
			return 0, j, false
		}
	}
	return d, j, true
}

// month reads a month name or abbreviation at token j.
func (p *parser) month(j int) (int, int, bool) {
	if j >= len(p.toks) {
		return 0, j, false
	}
	t := p.toks[j]
	if t.kind != tWord || t.lx == nil || t.lx.month == 0 || t.lx.monthCase && !t.upper {
		return 0, j, false
	}
	m := t.lx.month
	j++
	if t.e-t.s <= 4 && p.isPunct(j, '.') && p.attached(j) {
		j++
	}
	return m, j, true
}

// year reads a four-digit year 1900-2100 standing alone at token j.
func (p *parser) year(j int) (int, bool) {
	if j >= len(p.toks) {
		return 0, false
	}
	t := p.toks[j]
	if t.kind != tNum || t.e-t.s != 4 {
		return 0, false
	}
	if j+1 < len(p.toks) && p.attached(j+1) && p.toks[j+1].kind != tPunct {
		return 0, false
	}
	y := atoi(p.text[t.s:t.e])
	if y < 1900 || y > 2100 {
		return 0, false
	}
	return y, true
}

// emitDate appends a date spanning tokens [i, j) when it is valid.
func (p *parser) emitDate(i, j, y, m, d int, withDay bool) (int, bool) {
	if m < 1 || m > 12 || y < 1900 || y > 2100 {
		return i, false
	}
	var ds string
	if withDay {
		if d < 1 || d > daysIn(y, m) {
			return i, false
		}
		ds = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	} else {
		ds = fmt.Sprintf("%04d-%02d", y, m)
	}
	start, end := p.toks[i].s, p.toks[j-1].e
	p.out = append(p.out, Figure{
		Kind:      Date,
		Date:      ds,
		Qualifier: Exact,
		Period:    Total,
		Text:      p.text[start:end],
		Start:     start,
		End:       end,
	})
	return j, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// atoi reads ASCII digits; anything else gives -1.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || len(s) > 9 {
		return -1
	}
	return n
}

// dottedDate reads "03.11.2025" or "3.11.2025", which the tokenizer keeps
// as one number.
func dottedDate(raw string) (d, m, y int, ok bool) {
	a, rest, ok1 := cut(raw, '.')
	b, c, ok2 := cut(rest, '.')
	if !ok1 || !ok2 || len(a) < 1 || len(a) > 2 || len(b) < 1 || len(b) > 2 || len(c) != 4 {
		return 0, 0, 0, false
	}
	return atoi(a), atoi(b), atoi(c), true
}

func cut(s string, sep byte) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

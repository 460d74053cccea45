package rules

import (
	"strings"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// This file reads the few number shapes the rules need beyond
// figures.Parse: bare numbers ("15 immediati, 35 legati a condizioni")
// whose scale and currency the rules inherit from the amount they
// divide, and the words that state a contract's length.

// readNumber reads a number at the start of s: digits with '.' or ','
// separators. A separator followed by exactly three digits (and no more)
// groups thousands; otherwise it is the decimal point. It returns the
// value and the bytes read, or ok false.
func readNumber(s string) (figures.Decimal, int, bool) {
	i := 0
	var digits []byte
	frac := -1 // digits after the decimal point, -1 if none
	for i < len(s) {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
			if frac >= 0 {
				frac++
			}
			i++
			continue
		case (c == '.' || c == ',') && len(digits) > 0 && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			n := 0
			for i+1+n < len(s) && s[i+1+n] >= '0' && s[i+1+n] <= '9' {
				n++
			}
			if n == 3 && frac < 0 {
				i++ // thousands separator
				continue
			}
			if frac >= 0 {
				break // a second decimal point ends the number
			}
			frac = 0
			i++
			continue
		}
		break
	}
	if len(digits) == 0 || len(digits) > 17 {
		return figures.Decimal{}, 0, false
	}
	var coef int64
	for _, d := range digits {
		coef = coef*10 + int64(d-'0')
	}
	exp := 0
	if frac > 0 {
		exp = -frac
	}
	return figures.Dec(coef, exp), i, true
}

func isNumRune(b byte) bool { return (b >= '0' && b <= '9') || b == '.' || b == ',' }

// scaleOf returns the power of ten k such that the leading number written
// in f.Text times 10^k is f.Value ("50 miliardi di dollari" -> 9).
func scaleOf(f figures.Figure) (int, bool) {
	t := f.Text
	i := strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return 0, false
	}
	n, _, ok := readNumber(t[i:])
	if !ok || n.IsZero() {
		return 0, false
	}
	for k := 0; k <= 15; k++ {
		m, ok := n.Mul(figures.Dec(1, k))
		if ok && m.Cmp(f.Value) == 0 {
			return k, true
		}
	}
	return 0, false
}

// bareNumber is a number written without unit or scale.
type bareNumber struct {
	value      figures.Decimal
	start, end int
}

// bareNumbers returns the numbers in text[start:end] that are not part of
// any figure in figs.
func bareNumbers(text string, start, end int, figs []figures.Figure) []bareNumber {
	var out []bareNumber
	for i := start; i < end; i++ {
		c := text[i]
		if c < '0' || c > '9' || (i > 0 && (isNumRune(text[i-1]) || isLetterByte(text[i-1]))) {
			continue
		}
		v, n, ok := readNumber(text[i:end])
		if !ok {
			continue
		}
		j := i + n
		if j < end && isLetterByte(text[j]) { // "GB200", "4x"
			i = j
			continue
		}
		inside := false
		for _, f := range figs {
			if f.Start < j && i < f.End {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, bareNumber{value: v, start: i, end: j})
		}
		i = j - 1
	}
	return out
}

func isLetterByte(b byte) bool { return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') }

// termWords are adjectives and compounds that state a contract's length.
var termWords = map[string]float64{
	"biennale": 2, "triennale": 3, "quadriennale": 4, "quinquennale": 5, "decennale": 10, "ventennale": 20,
	"bienal": 2, "trienal": 3, "cuatrienal": 4, "quinquenal": 5, "decenal": 10,
}

// numberWords are small numbers written in words, in it, es and en.
var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"twelve": 12, "fifteen": 15, "twenty": 20,
	"un": 1, "uno": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9, "dieci": 10,
	"dodici": 12, "quindici": 15, "venti": 20,
	"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10,
	"doce": 12, "quince": 15, "veinte": 20,
}

// contractNouns name an agreement whose length may follow ("contrato de
// siete años").
var contractNouns = cueSet("contractNouns")

// yearWords name years as a unit.
var yearWords = cueSet("yearWords")

// findTerm returns the length in years of a contract stated in
// lower[start:end] ("contrato de siete años", "a seven-year deal",
// "contratto quinquennale", "per 5 anni") and where it is written.
// nextWords and articleWords stand between a term cue and its number:
// "durante los próximos cuatro años".
var (
	nextWords    = cueSet("nextWords")
	articleWords = cueSet("articleWords")
)

func findTerm(lower string, start, end int) (years float64, s, e int, ok bool) {
	words := wordsIn(lower, start, end)
	for i, w := range words {
		t := lower[w[0]:w[1]]
		if v, found := termWords[t]; found {
			return v, w[0], w[1], true
		}
		// "seven-year", "7-year", "10-year"
		if strings.HasSuffix(t, "-year") {
			n := strings.TrimSuffix(t, "-year")
			if v, found := numberWords[n]; found {
				return v, w[0], w[1], true
			}
			if d, _, ok := readNumber(n); ok {
				return d.Float64(), w[0], w[1], true
			}
		}
		if !yearWords[t] || i == 0 {
			continue
		}
		// "<number> anni" preceded by a term cue: "contrato de siete años",
		// "per 5 anni", "over seven years".
		p := lower[words[i-1][0]:words[i-1][1]]
		var v float64
		if x, found := numberWords[p]; found {
			v = x
		} else if d, _, ok := readNumber(p); ok && len(p) <= 2 {
			v = d.Float64()
		} else {
			continue
		}
		if i < 2 {
			continue
		}
		cueWord := lower[words[i-2][0]:words[i-2][1]]
		// "durante los próximos cuatro años", "over the next three years",
		// "nei prossimi cinque anni": the cue comes before "next".
		if nextWords[cueWord] {
			k := i - 3
			if k >= 0 && articleWords[lower[words[k][0]:words[k][1]]] {
				k--
			}
			if k >= 0 {
				switch lower[words[k][0]:words[k][1]] {
				case "per", "por", "for", "over", "durante", "in", "nei", "en", "within", "entro":
					return v, words[i-1][0], w[1], true
				}
			}
			continue
		}
		switch cueWord {
		case "per", "por", "for", "over", "durante", "lasting", "arco", "corso", "largo":
			return v, words[i-1][0], w[1], true
		case "de", "di", "of", "da":
			if i >= 3 && contractNouns[lower[words[i-3][0]:words[i-3][1]]] {
				return v, words[i-1][0], w[1], true
			}
		}
	}
	return 0, 0, 0, false
}

// wordsIn returns the [start,end) offsets of the words of lower in
// [start,end); hyphenated compounds are one word.
func wordsIn(lower string, start, end int) [][2]int {
	var out [][2]int
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(lower[i:end])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(lower[j:end])
			if !isWordRune(r2) && !(r2 == '-' && j+1 < end && isWordRune(rune(lower[j+1]))) {
				break
			}
			j += s2
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

package extract

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// Ground checks every figure, party and evidence quote of deals against
// the article text and returns the deals as they should be stored, with a
// warning for everything that did not hold. It never drops a deal: an
// ungrounded one is kept, marked grounded false, for review.
//
// For each deal:
//
//   - The evidence quote is located in a.Text: at its offsets when they
//     already point at it, else exactly, else ignoring case, runs of white
//     space, quote and dash styles. Its Text, Start and End are set to the
//     article's own bytes. Not found: warning ungrounded_evidence.
//   - Each figure (amount, previous amount, tranches, capacity) is located
//     the same way, searching first inside the evidence, then nearest to
//     it, then anywhere, and read by figures.Parse in the article's
//     language. The parsed figure (value, unit, qualifier, period, text
//     and offsets) is what is stored. When the value given differs from
//     the text's, the warning is scale_mismatch (a factor of 1000 or
//     more apart, the "billones" read as billions) or value_mismatch.
//     Not found, or not read as a figure of that kind: ungrounded_amount,
//     and the figure is kept as given.
//   - Each party's mention (its name when the mention is empty) must be
//     in the text: else warning unknown_party.
//
// A deal with any of these warnings gets Grounded false; a deal without
// gets Grounded true. A deal whose figures were already correct (as the
// rules backend produces them) comes back unchanged and grounded.
// Warnings carry the deal's index in the returned slice.
func Ground(a Article, deals []Deal) ([]Deal, []Warning) {
	if len(deals) == 0 {
		return deals, nil
	}
	g := grounder{a: a, text: a.Text}
	out := make([]Deal, len(deals))
	var warns []Warning
	for i, d := range deals {
		gd, w := g.deal(i, d)
		out[i] = gd
		warns = append(warns, w...)
	}
	return out, warns
}

// grounder holds what is computed once per article.
type grounder struct {
	a    Article
	text string
	// figs is figures.Parse(text), computed on first use.
	figs   []figures.Figure
	parsed bool
	norm   *normText
}

func (g *grounder) figures() []figures.Figure {
	if !g.parsed {
		g.figs = figures.Parse(g.text, g.a.Lang)
		g.parsed = true
	}
	return g.figs
}

func (g *grounder) normalized() *normText {
	if g.norm == nil {
		g.norm = normalize(g.text)
	}
	return g.norm
}

func (g *grounder) deal(i int, d Deal) (Deal, []Warning) {
	var warns []Warning
	warn := func(code, format string, args ...any) {
		warns = append(warns, Warning{Code: code, Message: fmt.Sprintf(format, args...), Deal: Ptr(i)})
	}

	// Evidence first: figures are searched near it.
	ev := d.Evidence
	near := span{-1, -1}
	if s, e, ok := g.locate(ev.Text, ev.Start, ev.End, span{-1, -1}, false); ok {
		d.Evidence = Span{Text: g.text[s:e], Start: s, End: e}
		near = span{s, e}
	} else {
		if strings.TrimSpace(ev.Text) == "" {
			warn(WarnUngroundedQuote, "deal %d has no evidence quote", i)
		} else {
			warn(WarnUngroundedQuote, "evidence %q is not in the article", clip(ev.Text, 120))
		}
		d.Evidence = Span{Text: ev.Text}
	}

	money := func(what string, m Money) Money {
		gm, w := g.money(m, near)
		for _, x := range w {
			warn(x.code, "%s: %s", what, x.msg)
		}
		return gm
	}
	if d.Amount != nil {
		m := money("amount", *d.Amount)
		d.Amount = &m
	}
	if d.PreviousAmount != nil {
		m := money("previous amount", *d.PreviousAmount)
		d.PreviousAmount = &m
	}
	if d.Increment != nil {
		m := money("increment", *d.Increment)
		d.Increment = &m
	}
	if len(d.Tranches) > 0 {
		ts := make([]Tranche, len(d.Tranches))
		for j, t := range d.Tranches {
			t.Amount = money(fmt.Sprintf("tranche %d", j), t.Amount)
			ts[j] = t
		}
		d.Tranches = ts
	}
	if len(d.Capacity) > 0 {
		cs := make([]Capacity, 0, len(d.Capacity))
		for j, c := range d.Capacity {
			gcs, w := g.capacity(c, near)
			for _, x := range w {
				warn(x.code, "capacity %d: %s", j, x.msg)
			}
			cs = append(cs, gcs...)
		}
		d.Capacity = dedupCapacity(cs)
	}
	for _, p := range d.Parties {
		m := p.Mention
		if strings.TrimSpace(m) == "" {
			m = p.Name
		}
		if strings.TrimSpace(m) == "" {
			warn(WarnUnknownParty, "a %s party has neither name nor mention", p.Role)
			continue
		}
		if _, _, ok := g.locate(m, -1, -1, near, true); !ok {
			warn(WarnUnknownParty, "party %q (%s) is not named in the article", m, p.Role)
		}
	}
	d.Grounded = len(warns) == 0
	return d, warns
}

// problem is a warning without its deal.
type problem struct{ code, msg string }

// money grounds one amount.
func (g *grounder) money(m Money, near span) (Money, []problem) {
	f, s, e, ok := g.figure(m.Text, m.Start, m.End, near, isMoney)
	if !ok {
		if s >= 0 && !g.unread(s, e) && g.inherited(m, s, e, near) {
			if m.Start != s || m.End != e {
				m.Text, m.Start, m.End = g.text[s:e], s, e
			}
			return m, nil
		}
		return g.unfound(m, s, e), []problem{g.notFound(m.Text, s, e, "an amount of money")}
	}
	if !m.Value.IsZero() && m.Value.Cmp(f.Value) != 0 {
		// The text may hold several figures ("sale da 38 a oltre 138
		// miliardi"): the one the value given names grounds it.
		if alt, ok := g.valued(s, e, m.Value, m.Max, isMoney); ok {
			f = alt
		}
	}
	var probs []problem
	if !m.Value.IsZero() {
		if p, bad := compare(m.Value, f.Value, m.Text); bad {
			probs = append(probs, p)
		}
	}
	if m.Max != nil && f.Max != nil {
		if p, bad := compare(*m.Max, *f.Max, m.Text+" (upper bound)"); bad {
			probs = append(probs, p)
		}
	}
	if m.Currency != "" && f.Unit != "" && !f.UnitInferred && !strings.EqualFold(m.Currency, f.Unit) {
		probs = append(probs, problem{WarnValueMismatch, fmt.Sprintf("currency given as %s, the text %q reads %s", m.Currency, f.Text, f.Unit)})
	}
	if len(probs) == 0 && m.Text == f.Text && m.Start == f.Start && m.End == f.End {
		return m, nil // already the parser's reading: keep as is
	}
	out := MoneyFromFigure(f)
	if m.Qualifier == figures.AtLeast && f.Qualifier == figures.Over && atLeastRE.MatchString(f.Text) {
		// "almeno", "al menos", "at least": a floor the parser reads as
		// over; the backend's finer reading is kept.
		out.Qualifier = figures.AtLeast
	}
	if m.Currency != "" && (out.Currency == "" || f.UnitInferred) {
		// The text names no currency with the figure ("30 miliardi
		// l'anno"): keep the one the backend read from the context.
		out.Currency = m.Currency
	}
	return out, probs
}

// inherited reports whether m is a bare number in the text ("15" in "50
// miliardi di dollari (15 immediati, 35 ...)") whose value is that
// number scaled by 10^3, 10^6, 10^9 or 10^12, next to an amount written
// with a scale at least that large and the same (or no) currency: a
// figure that takes its scale and currency from its neighbour, as the
// rules backend reads it.
func (g *grounder) inherited(m Money, s, e int, near span) bool {
	n, ok := bareNumber(g.text[s:e])
	if !ok || n.Sign() <= 0 {
		return false
	}
	k := -1
	for _, exp := range []int{3, 6, 9, 12} {
		if v, ok := n.Mul(figures.Dec(1, exp)); ok && v.Cmp(m.Value) == 0 {
			k = exp
		}
	}
	if k < 0 {
		return false
	}
	lo, hi := s-300, e+300
	if near.s >= 0 && near.s <= s && e <= near.e {
		lo, hi = min(lo, near.s), max(hi, near.e)
	}
	for _, f := range g.figures() {
		if f.Kind != figures.Money || f.Start < lo || f.End > hi || (f.Start < e && f.End > s) {
			continue
		}
		if f.Unit != "" && m.Currency != "" && !strings.EqualFold(f.Unit, m.Currency) {
			continue
		}
		if f.Value.Cmp(figures.Dec(1, k)) >= 0 {
			return true
		}
	}
	return false
}

// bareNumber reads the number a text starts with ("15", "1.200",
// "2,5"): a separator followed by exactly three digits groups thousands,
// else it is the decimal point. ok is false when text does not start
// with a digit or the number is followed by more of a word.
func bareNumber(text string) (figures.Decimal, bool) {
	var digits strings.Builder
	i, frac := 0, false
	for i < len(text) {
		c := text[i]
		if c >= '0' && c <= '9' {
			digits.WriteByte(c)
			i++
			continue
		}
		if (c == '.' || c == ',') && i > 0 && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
			n := 0
			for i+1+n < len(text) && text[i+1+n] >= '0' && text[i+1+n] <= '9' {
				n++
			}
			if n == 3 && !frac {
				i++
				continue
			}
			if frac {
				break
			}
			frac = true
			digits.WriteByte('.')
			i++
			continue
		}
		break
	}
	if digits.Len() == 0 {
		return figures.Decimal{}, false
	}
	if i < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsLetter(r) {
			return figures.Decimal{}, false
		}
	}
	d, err := figures.ParseDecimal(digits.String())
	return d, err == nil
}

// capacity grounds one capacity figure. When the text given holds
// several capacities of one unit whose sum is the value given ("3
// gigawatt ... per l'inferenza e 2 gigawatt per il training" given as 5
// GW), the sum is grounded and the parts are returned instead, each with
// its purpose when the text states it.
func (g *grounder) capacity(c Capacity, near span) ([]Capacity, []problem) {
	f, s, e, ok := g.figure(c.Text, c.Start, c.End, near, isCapacity)
	if !ok {
		if s >= 0 {
			c.Text, c.Start, c.End = g.text[s:e], s, e
		} else {
			c.Start, c.End = 0, 0
		}
		return []Capacity{c}, []problem{g.notFound(c.Text, s, e, "a capacity or count")}
	}
	if !c.Value.IsZero() && c.Value.Cmp(f.Value) != 0 {
		if alt, ok := g.valued(s, e, c.Value, nil, isCapacity); ok {
			f = alt
		} else if parts, ok := g.summed(s, e, c, f); ok {
			return parts, nil
		}
	}
	var probs []problem
	if !c.Value.IsZero() {
		if p, bad := compare(c.Value, f.Value, c.Text); bad {
			probs = append(probs, p)
		}
	}
	if len(probs) == 0 && c.Text == f.Text && c.Start == f.Start && c.End == f.End {
		return []Capacity{c}, nil
	}
	return []Capacity{g.capacityOf(f, c)}, probs
}

// capacityOf is the parsed figure f as the capacity c was given.
func (g *grounder) capacityOf(f figures.Figure, c Capacity) Capacity {
	out := Capacity{Value: f.Value, Unit: c.Unit, Purpose: c.Purpose, Text: f.Text, Start: f.Start, End: f.End}
	if f.Kind == figures.Capacity || f.Unit != "" {
		out.Unit = f.Unit
	}
	return out
}

func isMoney(f figures.Figure) bool { return f.Kind == figures.Money }

func isCapacity(f figures.Figure) bool {
	return f.Kind == figures.Capacity || f.Kind == figures.Count
}

var (
	atLeastRE   = regexp.MustCompile(`(?i)\b(almeno|al menos|como m[ií]nimo|por lo menos|at least|no less than|non meno di|minimo)\b`)
	inferenceRE = regexp.MustCompile(`(?i)inferen`)
	trainingRE  = regexp.MustCompile(`(?i)training|addestramento|entrenamiento|pre-?training`)
)

// inSpan returns every wanted figure the parser reads within [s,e): the
// whole text's figures inside it, and the span read on its own.
func (g *grounder) inSpan(s, e int, want func(figures.Figure) bool) []figures.Figure {
	var out []figures.Figure
	seen := map[[2]int]bool{}
	for _, f := range g.figures() {
		if f.Start >= s && f.End <= e && want(f) {
			out = append(out, f)
			seen[[2]int{f.Start, f.End}] = true
		}
	}
	for _, f := range figures.Parse(g.text[s:e], g.a.Lang) {
		f.Start += s
		f.End += s
		if want(f) && !seen[[2]int{f.Start, f.End}] {
			out = append(out, f)
		}
	}
	return out
}

// valued returns the figure within [s,e) whose value (and upper bound,
// when given) is the one given.
func (g *grounder) valued(s, e int, v figures.Decimal, max *figures.Decimal, want func(figures.Figure) bool) (figures.Figure, bool) {
	for _, f := range g.inSpan(s, e, want) {
		if f.Value.Cmp(v) != 0 {
			continue
		}
		if max != nil && (f.Max == nil || f.Max.Cmp(*max) != 0) {
			continue
		}
		return f, true
	}
	return figures.Figure{}, false
}

// summed returns the capacities within [s,e) of the unit of first when
// there are at least two and they add up to the value of c, each with
// the purpose the text gives it after the figure (else c's).
func (g *grounder) summed(s, e int, c Capacity, first figures.Figure) ([]Capacity, bool) {
	var parts []figures.Figure
	for _, f := range g.inSpan(s, e, isCapacity) {
		if f.Unit == first.Unit && f.Kind == first.Kind {
			parts = append(parts, f)
		}
	}
	if len(parts) < 2 {
		return nil, false
	}
	sort.Slice(parts, func(i, j int) bool { return parts[i].Start < parts[j].Start })
	sum := parts[0].Value
	for _, f := range parts[1:] {
		var ok bool
		if sum, ok = sum.Add(f.Value); !ok {
			return nil, false
		}
	}
	if sum.Cmp(c.Value) != 0 {
		return nil, false
	}
	out := make([]Capacity, len(parts))
	for i, f := range parts {
		out[i] = g.capacityOf(f, c)
		end := e
		if i+1 < len(parts) {
			end = parts[i+1].Start
		}
		switch after := g.text[f.End:end]; {
		case inferenceRE.MatchString(after) && !trainingRE.MatchString(after):
			out[i].Purpose = Ptr("inference")
		case trainingRE.MatchString(after) && !inferenceRE.MatchString(after):
			out[i].Purpose = Ptr("training")
		}
	}
	return out, true
}

// dedupCapacity drops a capacity at the same place as one before it
// (the parts of a sum the backend also gave one by one).
func dedupCapacity(cs []Capacity) []Capacity {
	out := cs[:0:0]
	seen := map[[2]int]bool{}
	for _, c := range cs {
		k := [2]int{c.Start, c.End}
		if c.End > c.Start && seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, c)
	}
	return out
}

// unfound returns m with its text and offsets set to where it was
// located (s >= 0) or zeroed.
func (g *grounder) unfound(m Money, s, e int) Money {
	if s >= 0 {
		m.Text, m.Start, m.End = g.text[s:e], s, e
	} else {
		m.Start, m.End = 0, 0
	}
	return m
}

func (g *grounder) notFound(text string, s, _ int, what string) problem {
	switch {
	case strings.TrimSpace(text) == "":
		return problem{WarnUngroundedAmount, "no text given for the figure"}
	case s < 0:
		return problem{WarnUngroundedAmount, fmt.Sprintf("%q is not in the article", clip(text, 80))}
	default:
		return problem{WarnUngroundedAmount, fmt.Sprintf("%q is in the article but is not read as %s", clip(text, 80), what)}
	}
}

// compare returns a problem when given differs from parsed.
func compare(given, parsed figures.Decimal, text string) (problem, bool) {
	if given.Cmp(parsed) == 0 {
		return problem{}, false
	}
	gf, pf := math.Abs(given.Float64()), math.Abs(parsed.Float64())
	ratio := math.Inf(1)
	if gf > 0 && pf > 0 {
		ratio = math.Max(gf/pf, pf/gf)
	}
	if ratio >= 1000*(1-1e-9) {
		return problem{WarnScaleMismatch, fmt.Sprintf("value given %s, but %q reads %s (%s apart); the text's value is stored", given, text, parsed, scaleWords(ratio))}, true
	}
	return problem{WarnValueMismatch, fmt.Sprintf("value given %s, but %q reads %s; the text's value is stored", given, text, parsed)}, true
}

func scaleWords(r float64) string {
	if math.IsInf(r, 0) {
		return "zero against non-zero"
	}
	return fmt.Sprintf("a factor of 10^%.0f", math.Round(math.Log10(r)))
}

// figure locates text and returns the parsed figure that covers it. s, e
// are where the text was found (-1 when not found), for messages.
func (g *grounder) figure(text string, start, end int, near span, want func(figures.Figure) bool) (figures.Figure, int, int, bool) {
	s, e, ok := g.locate(text, start, end, near, true)
	if !ok {
		return figures.Figure{}, -1, -1, false
	}
	if f, ok := best(g.figures(), s, e, want); ok {
		return f, s, e, true
	}
	// The whole-text reading may have joined or split differently; read
	// the span on its own, unless the whole text holds an expression
	// there that the parser could not read whole: a part of it read
	// alone ("mil millones" of "veintitantos mil millones") is not its
	// value.
	if g.unread(s, e) {
		return figures.Figure{}, s, e, false
	}
	local := figures.Parse(g.text[s:e], g.a.Lang)
	for i := range local {
		local[i].Start += s
		local[i].End += s
	}
	if f, ok := best(local, s, e, want); ok {
		return f, s, e, true
	}
	return figures.Figure{}, s, e, false
}

// unread reports whether [s,e) overlaps a money expression the parser
// could not read whole (figures.Unread): no part of it grounds a value.
func (g *grounder) unread(s, e int) bool {
	for _, f := range g.figures() {
		if f.Kind == figures.Unread && f.Start < e && s < f.End {
			return true
		}
	}
	return false
}

// best returns the wanted figure overlapping [s,e) the most.
func best(figs []figures.Figure, s, e int, want func(figures.Figure) bool) (figures.Figure, bool) {
	var bf figures.Figure
	bo := 0
	for _, f := range figs {
		if f.End <= s || f.Start >= e || !want(f) {
			continue
		}
		o := min(e, f.End) - max(s, f.Start)
		if o > bo {
			bf, bo = f, o
		}
	}
	return bf, bo > 0
}

// span is a byte range of the article; {-1,-1} means none.
type span struct{ s, e int }

// locate finds text in the article: at [start,end) when that already
// holds it, else exactly, else normalized (case, white space, quotes,
// dashes). Among several occurrences it prefers one inside near, then the
// one nearest to it, then the first.
//
// With whole set, a match must not start or end inside a word, so that
// "Meta" is not found in "metallo" nor "38" in "138".
func (g *grounder) locate(text string, start, end int, near span, whole bool) (int, int, bool) {
	if text == "" {
		return 0, 0, false
	}
	if start >= 0 && end > start && end <= len(g.text) && g.text[start:end] == text {
		return start, end, true
	}
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, 0, false
	}
	var cands []span
	for _, p := range occurrences(g.text, t) {
		if c := (span{p, p + len(t)}); !whole || g.wordBounded(c) {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		n := g.normalized()
		needle := normalize(t).s
		if needle == "" {
			return 0, 0, false
		}
		for _, p := range occurrences(n.s, needle) {
			if c := (span{n.start[p], n.end[p+len(needle)-1]}); !whole || g.wordBounded(c) {
				cands = append(cands, c)
			}
		}
	}
	if len(cands) == 0 {
		return 0, 0, false
	}
	c := pickSpan(cands, near)
	return c.s, c.e, true
}

// wordBounded reports whether c neither starts nor ends inside a word.
func (g *grounder) wordBounded(c span) bool {
	if c.s > 0 {
		before, _ := utf8.DecodeLastRuneInString(g.text[:c.s])
		first, _ := utf8.DecodeRuneInString(g.text[c.s:])
		if isWordRune(before) && isWordRune(first) {
			return false
		}
	}
	if c.e < len(g.text) {
		last, _ := utf8.DecodeLastRuneInString(g.text[:c.e])
		after, _ := utf8.DecodeRuneInString(g.text[c.e:])
		if isWordRune(last) && isWordRune(after) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// occurrences returns the start of every non-overlapping occurrence of
// needle in s.
func occurrences(s, needle string) []int {
	var out []int
	for off := 0; off <= len(s)-len(needle); {
		i := strings.Index(s[off:], needle)
		if i < 0 {
			break
		}
		out = append(out, off+i)
		off += i + max(1, len(needle))
	}
	return out
}

// pickSpan prefers a candidate inside near, then the nearest to near,
// then the first.
func pickSpan(cands []span, near span) span {
	if near.s < 0 {
		return cands[0]
	}
	bestC, bestD := cands[0], math.MaxInt
	for _, c := range cands {
		d := 0
		switch {
		case c.s >= near.s && c.e <= near.e:
			d = 0
		case c.e <= near.s:
			d = near.s - c.e + 1
		case c.s >= near.e:
			d = c.s - near.e + 1
		default: // overlaps an edge
			d = 1
		}
		if d < bestD {
			bestC, bestD = c, d
		}
	}
	return bestC
}

// normText is a text folded for loose matching, with the byte range of
// the original each folded byte came from.
type normText struct {
	s          string
	start, end []int // per byte of s: the original rune's (or space run's) range
}

// normalize folds case, turns every run of white space into one space,
// typographic quotes into ASCII ones, dashes into '-', and drops soft
// hyphens and zero-width characters.
func normalize(text string) *normText {
	var b strings.Builder
	n := &normText{}
	add := func(r rune, s, e int) {
		var buf [utf8.UTFMax]byte
		k := utf8.EncodeRune(buf[:], r)
		b.Write(buf[:k])
		for range k {
			n.start = append(n.start, s)
			n.end = append(n.end, e)
		}
	}
	inSpace := false
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		j := i + size
		switch {
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
			if inSpace {
				n.end[len(n.end)-1] = j
			} else {
				add(' ', i, j)
				inSpace = true
			}
			i = j
			continue
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff':
			// invisible: skip
		case strings.ContainsRune("‘’‚‛′`´", r):
			add('\'', i, j)
		case strings.ContainsRune("“”„‟«»″", r):
			add('"', i, j)
		case strings.ContainsRune("‐‑‒–—―−", r):
			add('-', i, j)
		default:
			add(unicode.ToLower(r), i, j)
		}
		inSpace = false
		i = j
	}
	n.s = b.String()
	return n
}

// clip shortens s to at most n bytes (on a rune boundary) for messages.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

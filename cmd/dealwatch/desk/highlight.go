package desk

import (
	"html/template"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract"
)

// Mark is a span of a text to highlight: byte offsets into the text,
// and the classes of the element that wraps it ("fig grounded",
// "party ungrounded", "ev").
type Mark struct {
	Start, End int
	Class      string
	Title      string
}

// valid reports whether m is inside text and on character boundaries.
func (m Mark) valid(text string) bool {
	if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
		return false
	}
	return (m.Start == len(text) || utf8.RuneStart(text[m.Start])) && (m.End == len(text) || utf8.RuneStart(text[m.End]))
}

// Highlight returns text as HTML with marks wrapped in <mark> elements
// (overlapping marks split the text into pieces, each with the classes
// of every mark over it). Everything is escaped; marks outside the text
// or off a character boundary are left out.
func Highlight(text string, marks []Mark) template.HTML {
	var ms []Mark
	cuts := []int{0, len(text)}
	for _, m := range marks {
		if m.valid(text) {
			ms = append(ms, m)
			cuts = append(cuts, m.Start, m.End)
		}
	}
	sort.Ints(cuts)
	var b strings.Builder
	b.Grow(len(text) + 64*len(ms))
	for i := 0; i+1 < len(cuts); i++ {
		from, to := cuts[i], cuts[i+1]
		if from == to {
			continue
		}
		var classes, titles []string
		for _, m := range ms {
			if m.Start <= from && to <= m.End {
				classes = append(classes, m.Class)
				if m.Title != "" {
					titles = append(titles, m.Title)
				}
			}
		}
		piece := template.HTMLEscapeString(text[from:to])
		if len(classes) == 0 {
			b.WriteString(piece)
			continue
		}
		b.WriteString(`<mark class="`)
		b.WriteString(template.HTMLEscapeString(strings.Join(uniq(classes), " ")))
		b.WriteString(`"`)
		if len(titles) > 0 {
			b.WriteString(` title="`)
			b.WriteString(template.HTMLEscapeString(strings.Join(dedup(titles), "; ")))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		b.WriteString(piece)
		b.WriteString(`</mark>`)
	}
	return template.HTML(b.String())
}

func dedup(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func uniq(ss []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range strings.Fields(strings.Join(ss, " ")) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// sentenceMarks returns the marks of the figures of a history entry or
// a deal inside its evidence sentence ev: offsets into the article's
// text moved to the sentence's own. A figure whose offsets do not fall
// in the sentence is found by its text instead.
func sentenceMarks(ev extract.Span, class string, figs ...figure) []Mark {
	var out []Mark
	for _, f := range figs {
		if f.Text == "" {
			continue
		}
		s, e := f.Start-ev.Start, f.End-ev.Start
		if s < 0 || e > len(ev.Text) || s >= e || ev.Text[s:e] != f.Text {
			i := strings.Index(ev.Text, f.Text)
			if i < 0 {
				continue
			}
			s, e = i, i+len(f.Text)
		}
		out = append(out, Mark{Start: s, End: e, Class: "fig " + class, Title: f.Label})
	}
	return out
}

// figure is a figure of a deal: its text as written and its offsets
// into the article's text.
type figure struct {
	Text       string
	Start, End int
	Label      string
}

// dealFigures lists the figures a deal states (amount, previous amount,
// increment, tranches, capacity).
func dealFigures(amount, previous, increment *extract.Money, tranches []extract.Tranche, capacity []extract.Capacity) []figure {
	var out []figure
	add := func(m *extract.Money, label string) {
		if m != nil && m.Text != "" {
			out = append(out, figure{m.Text, m.Start, m.End, label + ": " + extract.FormatMoney(m)})
		}
	}
	add(amount, "amount")
	add(previous, "previous amount")
	add(increment, "increment")
	for i := range tranches {
		add(&tranches[i].Amount, "tranche ("+string(tranches[i].Condition)+")")
	}
	for _, c := range capacity {
		if c.Text != "" {
			out = append(out, figure{c.Text, c.Start, c.End, "capacity: " + extract.FormatCapacity(c)})
		}
	}
	return out
}

// entryMarks are the marks of history entry h's figures in its first
// sentence; grounded entries and ungrounded ones get different styles.
func entryMarks(h extract.HistoryEntry, class string) (extract.Span, []Mark) {
	if len(h.Evidence) == 0 {
		return extract.Span{}, nil
	}
	ev := h.Evidence[0]
	return ev, sentenceMarks(ev, class, dealFigures(h.Amount, h.Previous, nil, h.Tranches, h.Capacity)...)
}

// articleMarks are the marks of every deal of result r in the article's
// text: each evidence sentence, each figure, each party mention; the
// figures and parties of an ungrounded deal (or one with a warning about
// them) styled "ungrounded".
func articleMarks(text string, r *extract.ArticleResult) []Mark {
	warned := map[int]map[string]bool{}
	for _, w := range r.Warnings {
		if w.Deal != nil {
			if warned[*w.Deal] == nil {
				warned[*w.Deal] = map[string]bool{}
			}
			warned[*w.Deal][w.Code] = true
		}
	}
	var out []Mark
	for i, d := range r.Deals {
		g := "grounded"
		if !d.Grounded {
			g = "ungrounded"
		}
		ev := d.Evidence
		if ev.End > ev.Start {
			out = append(out, Mark{Start: ev.Start, End: ev.End, Class: "ev", Title: "deal " + itoa(i+1) + ": " + string(d.Kind)})
		}
		for _, f := range dealFigures(d.Amount, d.PreviousAmount, d.Increment, d.Tranches, d.Capacity) {
			cls := g
			if warned[i][extract.WarnUngroundedAmount] || warned[i][extract.WarnValueMismatch] || warned[i][extract.WarnScaleMismatch] {
				cls = "ungrounded"
			}
			s, e := f.Start, f.End
			if s < 0 || e > len(text) || s >= e || text[s:e] != f.Text {
				s, e = findIn(text, f.Text, ev)
			}
			if s >= 0 {
				out = append(out, Mark{Start: s, End: e, Class: "fig " + cls, Title: f.Label})
			}
		}
		for _, p := range d.Parties {
			name := p.Mention
			if name == "" {
				name = p.Name
			}
			s, e := findIn(text, name, ev)
			if s < 0 && p.Name != name {
				s, e = findIn(text, p.Name, ev)
			}
			if s >= 0 {
				cls := "grounded"
				if !d.Grounded {
					cls = "ungrounded"
				}
				out = append(out, Mark{Start: s, End: e, Class: "party " + cls, Title: string(p.Role) + ": " + p.Name})
			}
		}
	}
	return out
}

// findIn finds needle in text, inside the sentence ev first; -1 when
// absent.
func findIn(text, needle string, ev extract.Span) (int, int) {
	if needle == "" {
		return -1, -1
	}
	if ev.Start >= 0 && ev.End <= len(text) && ev.Start < ev.End {
		if i := strings.Index(text[ev.Start:ev.End], needle); i >= 0 {
			return ev.Start + i, ev.Start + i + len(needle)
		}
	}
	if i := strings.Index(text, needle); i >= 0 {
		return i, i + len(needle)
	}
	return -1, -1
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

package main

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"golang.org/x/term"
)

// Formatting helpers for human output, shared by every command: the
// width to fit, money, capacity, times. JSON and CSV output keep the
// plain values.

// defaultWidth is the width human output fits when it is not on a
// terminal (a pipe, a file, a test).
const defaultWidth = 80

// termWidth is the width human output fits: $COLUMNS when set, else the
// terminal's width, else 80.
func termWidth(env *Env) int {
	if n, err := strconv.Atoi(env.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	if env.Width > 0 {
		return env.Width
	}
	return defaultWidth
}

// terminalWidth is the width of the terminal standard output is on, or 0.
func terminalWidth() int { return fileWidth(os.Stdout) }

// fileWidth is the width of the terminal w is, or 0.
func fileWidth(w any) int {
	if f, ok := w.(*os.File); ok {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			return cols
		}
	}
	return 0
}

// truncate cuts s to at most n characters, ending it with "…" when cut.
func truncate(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// money is an amount for people (extract.FormatMoney, the one money
// format of human output); a nil amount is "".
func money(m *extract.Money) string {
	if m == nil {
		return ""
	}
	return extract.FormatMoney(m)
}

// shortNumber writes d with a T, B, M or K suffix (extract.ShortNumber).
func shortNumber(d figures.Decimal) string { return extract.ShortNumber(d) }

// capacity is a deal's capacity for people: "2 GW", "1.2 GW (training),
// 500 MW". Empty when there is none.
func capacity(cs []extract.Capacity) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = extract.FormatCapacity(c)
	}
	return strings.Join(parts, ", ")
}

// dealFigure is what a deal is worth for people: its amount, its
// capacity, both ("$38B · 2 GW"), or "no figure" when it has neither.
func dealFigure(m *extract.Money, cs []extract.Capacity) string {
	var parts []string
	if s := money(m); s != "" {
		parts = append(parts, s)
	}
	if s := capacity(cs); s != "" {
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "no figure"
	}
	return strings.Join(parts, " · ")
}

// describeCurrent is a deal's current state for people: "over $138B,
// expanded, as of 2026-02-27" ("undated" without a date).
func describeCurrent(c extract.Current, cs []extract.Capacity) string {
	parts := []string{dealFigure(c.Amount, cs)}
	if c.Status != "" {
		parts = append(parts, string(c.Status))
	}
	if c.AsOf != nil {
		parts = append(parts, "as of "+*c.AsOf)
	} else {
		parts = append(parts, "undated")
	}
	return strings.Join(parts, ", ")
}

// plainMoney matches amounts as the store's change records and other
// packages write them: "38000000000 USD", "$38B/year", "380000000000".
var plainMoney = regexp.MustCompile(`\b(\d+(?:\.\d+)?) ([A-Z]{3})\b|/year\b|\b\d{7,}\b`)

// humanText rewrites the amounts in a text written by another package
// (a change record, a reconciliation note) in the one money format.
func humanText(s string) string {
	s = sanitize(s)
	if !strings.ContainsAny(s, "0123456789/") {
		return s
	}
	return plainMoney.ReplaceAllStringFunc(s, func(m string) string {
		if m == "/year" {
			return "/yr"
		}
		num, cur, _ := strings.Cut(m, " ")
		d, err := figures.ParseDecimal(num)
		if err != nil || len(num) < 4 {
			return m
		}
		if cur == "" { // a bare amount: "not 380000000000"
			return shortNumber(d)
		}
		return money(&extract.Money{Value: d, Currency: cur})
	})
}

// localTime is a stored time for people, in local time with the zone:
// "2026-12-02 15:04:05 CET"; "-" when unset. JSON keeps UTC (storeTime).
func localTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04:05 MST")
}

// shortTime is localTime to the minute, for tables: "2026-12-02 15:04 CET".
func shortTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Local().Format("2006-01-02 15:04 MST")
}

// shortDuration is a duration in at most 6 characters: "850ms", "12.3s",
// "12m05s", "2h03m".
func shortDuration(d time.Duration) string {
	switch {
	case d < 0:
		return "-"
	case d < time.Second:
		return strconv.FormatInt(d.Milliseconds(), 10) + "ms"
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) + "s"
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	default:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
}

// wrap breaks text into lines of at most width characters (a word longer
// than that gets its own line), the first starting with first (and a
// space, unless first ends with one) and the others with indent, which
// ends with a space: for notes that would otherwise run off the terminal.
func wrap(first, indent, text string, width int) string {
	var b strings.Builder
	line := first
	n := utf8.RuneCountInString(first)
	empty := first == "" || strings.HasSuffix(first, " ")
	for _, w := range strings.Fields(text) {
		wn := utf8.RuneCountInString(w)
		if !empty && n+1+wn > width {
			b.WriteString(line + "\n")
			line, n, empty = indent, utf8.RuneCountInString(indent), true
		}
		if !empty {
			line += " "
			n++
		}
		line += w
		n += wn
		empty = false
	}
	b.WriteString(line + "\n")
	return b.String()
}

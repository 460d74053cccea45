package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/store"
)

func dec(t *testing.T, s string) figures.Decimal {
	t.Helper()
	d, err := figures.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMoney(t *testing.T) {
	tests := []struct {
		value, max, currency string
		q                    figures.Qualifier
		period               figures.Period
		want                 string
	}{
		{"38000000000", "", "USD", figures.Exact, figures.Total, "$38B"},
		{"1200000000", "", "EUR", figures.Exact, figures.Total, "€1.2B"},
		{"1400000000000", "", "USD", figures.Exact, figures.Total, "$1.4T"},
		{"138000000000", "", "USD", figures.Over, figures.Total, "over $138B"},
		{"50000000000", "", "USD", figures.UpTo, figures.Total, "up to $50B"},
		{"30000000000", "", "USD", figures.Exact, figures.PerYear, "$30B/yr"},
		{"10000000000", "15000000000", "USD", figures.Range, figures.Total, "$10B–15B"},
		{"100000000", "", "USD", figures.AtLeast, figures.Total, "at least $100M"},
		{"2000000000", "", "CHF", figures.About, figures.Total, "about 2B CHF"},
		{"500", "", "GBP", figures.Exact, figures.Total, "£500"},
	}
	for _, tt := range tests {
		m := &extract.Money{Value: dec(t, tt.value), Currency: tt.currency, Qualifier: tt.q, Period: tt.period}
		if tt.max != "" {
			mx := dec(t, tt.max)
			m.Max = &mx
		}
		if got := money(m); got != tt.want {
			t.Errorf("money(%s %s %s %s) = %q, want %q", tt.q, tt.value, tt.currency, tt.period, got, tt.want)
		}
	}
	gw := []extract.Capacity{{Value: dec(t, "2"), Unit: "GW"}}
	if got := dealFigure(nil, gw); got != "2 GW" {
		t.Errorf("dealFigure(no amount, 2 GW) = %q, want 2 GW", got)
	}
	if got := dealFigure(nil, nil); got != "no figure" {
		t.Errorf("dealFigure(nothing) = %q, want no figure", got)
	}
	for in, want := range map[string]string{
		"amount: 38000000000 USD → 39000000000 USD":   "amount: $38B → $39B",
		"$30B/year in sha256:0102779e2f349013":        "$30B/yr in sha256:0102779e2f349013",
		"the text reads 38000000000 USD, not 3800000": "the text reads $38B, not 3.8M",
		"2026-02-27 (undated) 2 GW":                   "2026-02-27 (undated) 2 GW",
	} {
		if got := humanText(in); got != want {
			t.Errorf("humanText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	got := wrap("    conflict status:", "      ", strings.Repeat("word ", 30), 40)
	for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if len(l) > 40 {
			t.Errorf("line of %d characters: %q", len(l), l)
		}
	}
	if !strings.HasPrefix(got, "    conflict status: word") || !strings.Contains(got, "\n      word") {
		t.Errorf("wrap = %q", got)
	}
}

// TestRunsFits100Columns checks the runs table of a big LLM run fits 100
// columns, and that --wide has the long fields.
func TestRunsFits100Columns(t *testing.T) {
	start := time.Date(2026, 12, 2, 14, 0, 0, 0, time.UTC)
	fin := start.Add(3*time.Hour + 25*time.Minute)
	runs := []store.Run{{
		ID: 1234, State: store.RunAborted, Started: start, Finished: &fin, Backend: "openai", Model: "gpt-4o-mini-2024-07-18",
		PromptVersion: "v3-0123456789abcdef", Program: "0.1.0-dev",
		Counts: store.Counts{Seen: 99999, New: 99999, Changed: 99999, Failed: 99999, LLMCalls: 99999, CacheHits: 99999, PromptTokens: 123456789},
	}}
	var b bytes.Buffer
	if err := writeRunsTable(&b, runs, false); err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if n := len([]rune(l)); n > 100 {
			t.Errorf("runs line of %d columns:\n%s", n, l)
		}
	}
	b.Reset()
	writeRunsTable(&b, runs, true)
	for _, want := range []string{"FINISHED", "2026-12-02 17:25:00 UTC", "gpt-4o-mini-2024-07-18", "v3-0123456789abcdef", "CACHE HITS", "123456789", "3h25m"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("runs --wide lacks %q:\n%s", want, b.String())
		}
	}
}

// TestRunSummaryRules checks the offline backend's summary has no LLM
// line and no prompt label, and a small run's rate is not 0.
func TestRunSummaryRules(t *testing.T) {
	var b bytes.Buffer
	r := store.Run{ID: 1, State: store.RunComplete, Backend: "rules", PromptVersion: "rules-4.5-7635cbd2", Counts: store.Counts{Seen: 5, New: 5}}
	writeRunSummary(&b, r, 12*time.Second)
	out := b.String()
	if strings.Contains(out, "LLM") || strings.Contains(out, "prompt") || strings.Contains(out, " 0 articles/s") {
		t.Errorf("rules run summary:\n%s", out)
	}
	if !strings.Contains(out, "0.42 articles/s (backend rules)") {
		t.Errorf("rules run summary lacks the rate and backend:\n%s", out)
	}
}

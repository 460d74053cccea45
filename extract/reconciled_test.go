package extract_test

import (
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

func TestFormatMoney(t *testing.T) {
	money := func(v, cur string) *extract.Money {
		return &extract.Money{Value: figures.MustDecimal(v), Currency: cur, Qualifier: figures.Exact, Period: figures.Total}
	}
	usd := func(v string) *extract.Money { return money(v, "USD") }
	qual := func(m *extract.Money, q figures.Qualifier) *extract.Money { m.Qualifier = q; return m }
	perYear := func(m *extract.Money) *extract.Money { m.Period = figures.PerYear; return m }
	max := figures.MustDecimal("15e9")
	tests := []struct {
		m    *extract.Money
		want string
	}{
		{nil, "no figure"},
		{usd("38e9"), "$38B"},
		{usd("38000e6"), "$38B"},
		{qual(usd("138e9"), figures.Over), "over $138B"},
		{usd("1.4e12"), "$1.4T"},
		{usd("38.5e9"), "$38.5B"},
		{perYear(usd("30e9")), "$30B/yr"},
		{money("500e6", "EUR"), "€500M"},
		{money("2e9", "JPY"), "¥2B"},
		{usd("950"), "$950"},
		{&extract.Money{Value: figures.MustDecimal("10e9"), Max: &max, Currency: "USD", Qualifier: figures.Range, Period: figures.Total}, "$10B–15B"},
	}
	for _, tt := range tests {
		if got := extract.FormatMoney(tt.m); got != tt.want {
			t.Errorf("FormatMoney(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestKnownVentures(t *testing.T) {
	vs := extract.KnownVentures()
	if len(vs) == 0 {
		t.Fatal("no ventures in data/ventures.json")
	}
	if _, err := extract.ParseVentures([]byte(`{"ventures":[{"name":"X","members":["A"]}]}`)); err == nil {
		t.Error("a venture with one member was accepted")
	}
}

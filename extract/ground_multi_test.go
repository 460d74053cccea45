package extract

import (
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// Models often copy a whole clause as a figure's text. The figure the
// value names grounds it; nothing the text does not hold does.
func TestGroundMultiFigureText(t *testing.T) {
	const revIT = "Il valore dell'accordo tra OpenAI e Amazon sale da 38 a oltre 138 miliardi di dollari."
	const capIT = "OpenAI avrà 3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training."
	const cutES = "Nimbo invertirá 2.000 millones de euros, que sustituye el compromiso anterior de 5.000 millones de euros."
	const incEN = "Orbis said its contract with Coreline was expanded by $20 billion to $50 billion."
	money := func(v, text string) *Money {
		return &Money{Value: figures.MustDecimal(v), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: text}
	}
	eur := func(m *Money) *Money { m.Currency = "EUR"; return m }
	deal := func(ev string) Deal {
		return Deal{Kind: KindCompute, Status: DealExpanded, Confirmation: Confirmed, Mention: MentionNews,
			Parties: []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}}, Evidence: Span{Text: ev}}
	}
	tests := []struct {
		name, lang, text string
		deal             Deal
		grounded         bool
		codes            []string
		check            func(t *testing.T, d Deal)
	}{
		{"revision from-value as previous amount", "it", revIT, func() Deal {
			d := deal(revIT)
			d.Amount = money("138e9", "sale da 38 a oltre 138 miliardi")
			d.PreviousAmount = money("38e9", "sale da 38 a oltre 138 miliardi")
			return d
		}(), true, nil, func(t *testing.T, d Deal) {
			if d.PreviousAmount.Value.Cmp(figures.MustDecimal("38e9")) != 0 || d.PreviousAmount.Text != "38" {
				t.Errorf("previous = %+v, want 38e9 read from %q", *d.PreviousAmount, "38")
			}
			if d.Amount.Value.Cmp(figures.MustDecimal("138e9")) != 0 || d.Amount.Qualifier != figures.Over {
				t.Errorf("amount = %+v, want over 138e9", *d.Amount)
			}
		}},
		{"capacities summed become the per-purpose detail", "it", capIT, func() Deal {
			d := deal(capIT)
			d.Capacity = []Capacity{{Value: figures.MustDecimal("5"), Unit: "GW", Text: "3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training"}}
			return d
		}(), true, nil, func(t *testing.T, d Deal) {
			if len(d.Capacity) != 2 {
				t.Fatalf("capacity = %+v, want the 3 GW and 2 GW parts", d.Capacity)
			}
			for i, w := range []struct{ v, purpose, text string }{{"3", "inference", "3 gigawatt"}, {"2", "training", "2 gigawatt"}} {
				c := d.Capacity[i]
				if c.Value.Cmp(figures.MustDecimal(w.v)) != 0 || c.Purpose == nil || *c.Purpose != w.purpose || c.Text != w.text || capIT[c.Start:c.End] != c.Text {
					t.Errorf("capacity %d = %+v (purpose %v), want %s GW %s", i, c, c.Purpose, w.v, w.purpose)
				}
			}
		}},
		{"parts also given one by one are not doubled", "it", capIT, func() Deal {
			d := deal(capIT)
			d.Capacity = []Capacity{
				{Value: figures.MustDecimal("5"), Unit: "GW", Text: "3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training"},
				{Value: figures.MustDecimal("3"), Unit: "GW", Text: "3 gigawatt"},
			}
			return d
		}(), true, nil, func(t *testing.T, d Deal) {
			if len(d.Capacity) != 2 {
				t.Errorf("capacity = %+v, want 2 parts", d.Capacity)
			}
		}},
		{"a sum the text does not make stays a mismatch", "it", capIT, func() Deal {
			d := deal(capIT)
			d.Capacity = []Capacity{{Value: figures.MustDecimal("6"), Unit: "GW", Text: "3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training"}}
			return d
		}(), false, []string{WarnValueMismatch}, nil},
		{"a down revision's larger previous figure", "es", cutES, func() Deal {
			d := deal(cutES)
			d.Status = DealAgreed
			d.Parties = []Party{{Name: "Nimbo", Role: RoleInvestor, Mention: "Nimbo"}}
			d.Amount = eur(money("2e9", "2.000 millones de euros"))
			d.PreviousAmount = eur(money("5e9", "2.000 millones de euros, que sustituye el compromiso anterior de 5.000 millones de euros"))
			return d
		}(), true, nil, func(t *testing.T, d Deal) {
			if d.PreviousAmount.Value.Cmp(figures.MustDecimal("5e9")) != 0 || d.PreviousAmount.Text != "5.000 millones de euros" {
				t.Errorf("previous = %+v", *d.PreviousAmount)
			}
		}},
		{"increment grounded like an amount", "en", incEN, func() Deal {
			d := deal(incEN)
			d.Parties = []Party{{Name: "Orbis", Role: RoleBuyer, Mention: "Orbis"}, {Name: "Coreline", Role: RoleSeller, Mention: "Coreline"}}
			d.Increment = money("20e9", "expanded by $20 billion to $50 billion")
			d.Amount = money("50e9", "$50 billion")
			return d
		}(), true, nil, func(t *testing.T, d Deal) {
			if d.Increment.Value.Cmp(figures.MustDecimal("20e9")) != 0 || d.Increment.Text != "$20 billion" {
				t.Errorf("increment = %+v", *d.Increment)
			}
		}},
		{"an increment read at the wrong scale is caught", "en", incEN, func() Deal {
			d := deal(incEN)
			d.Parties = []Party{{Name: "Orbis", Role: RoleBuyer, Mention: "Orbis"}}
			d.Increment = money("20e6", "$20 billion")
			return d
		}(), false, []string{WarnScaleMismatch}, nil},
		{"an invented increment is caught", "en", incEN, func() Deal {
			d := deal(incEN)
			d.Parties = []Party{{Name: "Orbis", Role: RoleBuyer, Mention: "Orbis"}}
			d.Increment = money("30e9", "$30 billion")
			return d
		}(), false, []string{WarnUngroundedAmount}, nil},
		{"a value the clause does not hold stays a mismatch", "it", revIT, func() Deal {
			d := deal(revIT)
			d.PreviousAmount = money("100e9", "sale da 38 a oltre 138 miliardi")
			return d
		}(), false, []string{WarnValueMismatch}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ws := Ground(article(tt.lang, tt.text), []Deal{tt.deal})
			d := out[0]
			if d.Grounded != tt.grounded {
				t.Errorf("grounded = %v, want %v (warnings %v)", d.Grounded, tt.grounded, ws)
			}
			got := strings.Join(warnCodes(ws), ",")
			if want := strings.Join(tt.codes, ","); got != want {
				t.Errorf("warnings %v, want %v", ws, tt.codes)
			}
			if tt.check != nil {
				tt.check(t, d)
			}
		})
	}
}

// "almeno", "al menos", "at least" are kept as at_least when the model
// says so, though the parser reads them as over.
func TestGroundAtLeast(t *testing.T) {
	for _, c := range []struct{ lang, text, fig string }{
		{"it", "Alfa investirà almeno 2 miliardi di euro in Beta.", "almeno 2 miliardi di euro"},
		{"es", "Alfa invertirá al menos 2.000 millones de euros en Beta.", "al menos 2.000 millones de euros"},
		{"en", "Alfa will invest at least €2 billion in Beta.", "at least €2 billion"},
	} {
		d := Deal{Kind: KindInvestment, Status: DealPlanned, Parties: []Party{{Name: "Alfa", Role: RoleInvestor, Mention: "Alfa"}},
			Amount:   &Money{Value: figures.MustDecimal("2e9"), Currency: "EUR", Qualifier: figures.AtLeast, Period: figures.Total, Text: c.fig},
			Evidence: Span{Text: c.text}}
		out, ws := Ground(article(c.lang, c.text), []Deal{d})
		if !out[0].Grounded || out[0].Amount.Qualifier != figures.AtLeast {
			t.Errorf("%s: %+v %v, want grounded at_least", c.lang, *out[0].Amount, ws)
		}
		d.Amount.Qualifier = figures.Exact
		out, _ = Ground(article(c.lang, c.text), []Deal{d})
		if q := out[0].Amount.Qualifier; q == figures.AtLeast || q == figures.Exact {
			t.Errorf("%s: qualifier %s, want the parser's", c.lang, q)
		}
	}
}

package rules

import (
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestDemonymDescriptorIsNoCompany: "British AI developer Brightwell AI",
// "Italian AI startup Corvina": a demonym and an industry word before a
// company noun describe the company named next; they are no company of
// their own (found on recon2's article 19, where "British AI" became the
// buyer and the real seller was lost).
func TestDemonymDescriptorIsNoCompany(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct{ name, text, want string }{
		{"British AI developer",
			"LONDON, Feb. 12, 2026 — British AI developer Brightwell AI has signed a $900 million, four-year contract with U.S. cloud operator Veltrana Compute for computing capacity in Norway.",
			"Brightwell AI, Veltrana Compute"},
		{"Italian AI startup",
			"MILAN, Feb. 12, 2026 — Italian AI startup Corvina has signed a $900 million contract with U.S. cloud operator Veltrana Compute.",
			"Corvina, Veltrana Compute"},
		{"Spanish AI company",
			"Spanish AI company Ebronia Labs signed a €300 million cloud agreement with Oracle on Tuesday.",
			"Ebronia Labs, Oracle"},
		{"a company named after a place and its industry stays a company",
			"Teesside AI signed a £200 million cloud agreement with Oracle on Tuesday.",
			"Oracle, Teesside AI"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustExtract(t, x, extract.Article{Text: tt.text})
			if got := partiesLine(res); got != tt.want {
				t.Errorf("Extract(%q)\n got  parties %s\n want %s", tt.text, got, tt.want)
			}
			for _, d := range res.Deals {
				for _, p := range d.Parties {
					if strings.HasSuffix(p.Name, " AI") && strings.Contains("British Italian Spanish", strings.TrimSuffix(p.Name, " AI")) {
						t.Errorf("party %q is a descriptor", p.Name)
					}
				}
			}
		})
	}
}

// TestRoundPartiesAreInvestors: in a funding round with its raiser, the
// other companies are investors, however the sentence joins them ("with
// Microsoft taking part", "con la partecipazione di", "en la que ha
// participado"); recon3's article 04 made Microsoft an investee, a role
// conflict with every other outlet.
func TestRoundPartiesAreInvestors(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{
		"Halcyra AI has raised $2.6bn in a Series C funding round led by Ashgrove Capital, with Microsoft and Sweden's Norrland Pension Fund taking part, the company said on Wednesday.",
		"Halcyra AI ha chiuso un round di Serie C da 2,6 miliardi di dollari guidato da Ashgrove Capital, con la partecipazione di Microsoft.",
		"Halcyra AI ha cerrado una ronda de Serie C de 2.600 millones de dólares liderada por Ashgrove Capital y en la que ha participado Microsoft.",
	} {
		res := mustExtract(t, x, extract.Article{Text: text})
		for _, d := range res.Deals {
			if d.Kind != extract.KindFundingRound {
				continue
			}
			for _, p := range d.Parties {
				if p.Role == extract.RoleInvestee {
					t.Errorf("Extract(%q): %s is an investee of a round", text, p.Name)
				}
			}
		}
	}
}

// TestComparedFigureIsNoDeal: "larger than the roughly $2bn it was
// initially seeking" names a figure to compare with, no deal of its own
// (recon3's article 04 made it a $2bn investment); "more than $2bn",
// with no article, stays the deal's qualified figure.
func TestComparedFigureIsNoDeal(t *testing.T) {
	x := newTestExtractor(t)
	const title = "Halcyra AI raises $2.6bn as Microsoft joins Ashgrove-led round"
	res := mustExtract(t, x, extract.Article{Title: title, Published: "2025-11-12", Text: title + "\n\nLONDON, November 12, 2025 — Halcyra AI has raised $2.6bn in a Series C funding round led by Ashgrove Capital, with Microsoft taking part, the company said on Wednesday.\n\nThe financing is larger than the roughly $2bn Halcyra was initially seeking, according to people familiar with the talks, after strong demand from investors pushed the company to increase its size. Ashgrove, which also led Halcyra's $700m Series B in April 2024, has now invested more than $1.5bn in the company across three rounds."})
	for _, d := range res.Deals {
		if d.Amount != nil && d.Amount.Value.String() == "2000000000" {
			t.Errorf("a $2bn deal from the compared figure: %+v", d)
		}
	}
	res = mustExtract(t, x, extract.Article{Text: "Halcyra AI has raised more than $2bn in a Series C round led by Ashgrove Capital."})
	if len(res.Deals) != 1 || res.Deals[0].Amount == nil || res.Deals[0].Amount.Value.String() != "2000000000" {
		t.Errorf("more than $2bn: %+v, want the round's figure", res.Deals)
	}
}

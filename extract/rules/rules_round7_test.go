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

package rules

import (
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestGeneralRulesRound5 covers the error classes of issue 16, each with
// a sentence written for the test (not taken from an evaluation batch).
func TestGeneralRulesRound5(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct{ name, text, want string }{
		{"two companies with legal forms joined by e",
			"Zentrix S.p.A. e Nuvola S.r.l. hanno firmato un accordo da 300 milioni di euro.",
			"other agreed partner Zentrix, partner Nuvola 300000000 EUR -"},
		{"distributive each",
			"SoftBank and Nvidia have each agreed to invest $3 billion in Orbital Compute.",
			"investment agreed investor SoftBank, investee Orbital Compute 3000000000 USD -; investment agreed investor Nvidia, investee Orbital Compute 3000000000 USD -"},
		{"restated amount with a definite article",
			"Microsoft will invest $250 million in Helios Nuclear. The $250 million investment will help fund Helios's licensing with the Nuclear Regulatory Commission.",
			"investment announced investor Microsoft, investee Helios Nuclear 250000000 USD -"},
		{"currency conversion in parentheses",
			"Orobica Compute ha firmato con Microsoft un contratto da 2,1 miliardi di dollari (circa 1,8 miliardi di euro).",
			"other agreed partner Orobica Compute, partner Microsoft 2100000000 USD -"},
		{"valuation by an active verb",
			"Crusoe raised $1 billion from Nvidia. The round could value Crusoe at more than $20 billion.",
			"funding_round completed investor Nvidia, raiser Crusoe 1000000000 USD -"},
		{"superseded target",
			"Acme AI had initially targeted $300 million but raised $450 million in a round led by Nvidia.",
			"funding_round completed investor Nvidia, raiser Acme AI 450000000 USD -"},
		{"tranches are parts of one deal",
			"Amazon investirà 4 miliardi in Anthropic, in due tranche: 1,25 miliardi subito e 2,75 miliardi entro marzo.",
			"investment announced investor Amazon, investee Anthropic 4000000000 USD -"},
		{"deal value after valued at",
			"Telefónica ha firmado con Nvidia un contrato valorado en 800 millones de euros.",
			"compute_contract agreed buyer Nvidia, seller Telefónica 800000000 EUR -"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := dealLine(mustExtract(t, x, extract.Article{Text: tt.text}))
			if got != tt.want {
				t.Errorf("Extract(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
		})
	}
}

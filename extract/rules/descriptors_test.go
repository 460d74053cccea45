package rules

import (
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestDescriptors checks that a descriptor names a company only when
// the gazetteer ties it to one company of the article.
func TestDescriptors(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct{ name, text, want string }{
		{"headquarters city", "Microsoft and OpenAI talk again.\n\nThe Redmond giant has agreed to invest $2 billion in Mistral.",
			"investment agreed investor Microsoft, investee Mistral 2000000000 USD -"},
		{"nationality and noun", "SoftBank e OpenAI rafforzano l'alleanza.\n\nLa compagnia giapponese ha firmato un accordo da 3 miliardi di dollari con Oracle.",
			"compute_contract agreed buyer SoftBank, seller Oracle 3000000000 USD -"},
		{"two companies of the country: no reference", "SoftBank e NTT rafforzano l'alleanza.\n\nLa compagnia giapponese ha firmato un accordo da 3 miliardi di dollari con Oracle.",
			""},
		{"gazetteer descriptor", "The ChatGPT maker signed a $10 billion deal with Broadcom.",
			"other agreed partner OpenAI, partner Broadcom 10000000000 USD -"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustExtract(t, x, extract.Article{Text: tt.text})
			var shown extract.Extraction
			for _, d := range res.Deals {
				if d.Confidence >= 0.5 {
					shown.Deals = append(shown.Deals, d)
				}
			}
			if got := dealLine(shown); got != tt.want {
				t.Errorf("Extract(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
		})
	}
}

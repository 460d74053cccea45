package rules

import (
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestStageAndConfirmation checks the schema-2 labels the rules give: the
// stage (how far a deal is), the confirmation (how sure the article is),
// the mention (news or background), increments and at_least.
func TestStageAndConfirmation(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, text, published string
		want                  string // "stage confirmation mention", per deal, "; "-joined
	}{
		{"signed, according to the WSJ", "Oracle signed a $30 billion contract with OpenAI, according to the Wall Street Journal.", "",
			"agreed reported news"},
		{"a party's statement beats media", "Oracle ha firmato un contratto da 30 miliardi di dollari con OpenAI, secondo indiscrezioni. Oracle ha confermato il contratto da 30 miliardi di dollari con OpenAI in una nota.", "",
			"agreed confirmed news"},
		{"attribution survives an unhedged headline", "OpenAI firma con Oracle un contratto da 30 miliardi di dollari\n\nOpenAI avrebbe firmato con Oracle un contratto da 30 miliardi di dollari, secondo fonti vicine al dossier.", "",
			"agreed reported news"},
		{"denial by a party", "Nvidia denied a media report that it was in talks to invest $5 billion in Cohere.", "",
			"planned denied news"},
		{"future tense is no plan", "Microsoft investirà 2 miliardi di euro in Mistral.", "",
			"announced confirmed news"},
		{"seeking to raise is a plan", "Mistral is seeking to raise $2 billion from investors including Nvidia, people familiar with the matter said.", "",
			"planned reported news"},
		{"expanded by", "CoreWeave ha ampliato di 400 milioni di euro il contratto con Mistral.", "",
			"expanded confirmed news +400000000 EUR"},
		{"older deal recalled", "En 2023, Iberdrola y Amazon ya firmaron contratos por 476 MW en España.", "2026-01-22",
			"agreed confirmed background"},
		{"pluperfect", "Oracle aveva firmato con OpenAI un contratto da 300 miliardi di dollari.", "",
			"agreed confirmed background"},
		{"expanded by, now totaling", "Meta expanded its agreement with CoreWeave by $14 billion, now totaling over $32 billion.", "",
			"expanded confirmed news +14000000000 USD over"},
		{"at least", "Nvidia will invest at least $2 billion in xAI, the companies said.", "",
			"announced confirmed news at_least"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deals := mustExtract(t, x, extract.Article{Text: tt.text, Published: tt.published}).Deals
			var got []string
			for _, d := range deals {
				s := string(d.Status) + " " + string(d.Confirmation) + " " + string(d.Mention)
				if d.Increment != nil {
					s += " +" + d.Increment.Value.String() + " " + d.Increment.Currency
				}
				if d.Amount != nil && d.Amount.Qualifier != "" && d.Amount.Qualifier != "exact" {
					s += " " + string(d.Amount.Qualifier)
				}
				got = append(got, s)
			}
			if g := strings.Join(got, "; "); g != tt.want {
				t.Errorf("Extract(%q)\n got  %s\n want %s", tt.text, g, tt.want)
			}
		})
	}
}

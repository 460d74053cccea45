package rules

import (
	"sort"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// shownLine is dealLine over the deals shown by default (confidence at
// least 0.5).
func shownLine(res extract.Extraction) string {
	var shown []extract.Deal
	for _, d := range res.Deals {
		if d.Confidence >= 0.5 {
			shown = append(shown, d)
		}
	}
	res.Deals = shown
	return dealLine(res)
}

// TestGeneralRulesRound6 covers the attribution classes of the third
// blind batch, each with text written for the test: a reference whose
// sentence before names no subject, a headline item's object, a round
// whose named companies all put money in.
func TestGeneralRulesRound6(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name, title, text, want string
		all                     bool // every deal, not only those shown
	}{
		{"reference after a descriptor goes back to the main actor",
			"Orobica Compute firma con Microsoft",
			"Orobica Compute ha firmato con Microsoft un contratto da 200 milioni di euro. Il gruppo di Redmond non ha voluto commentare.\n\nNella stessa nota, la società ha annunciato di aver firmato con AMD un ordine del valore di 90 milioni di euro.",
			"other agreed partner Orobica Compute, partner Microsoft 200000000 EUR -; other agreed partner AMD, partner Orobica Compute 90000000 EUR -", true},
		{"a company after a preposition is not the subject referred to",
			"Crusoe signs with Microsoft",
			"Crusoe signed a $2 billion agreement with Microsoft. The company, which was spun out of Intel in 2024, has grown fast. In 2025 it signed a $1 billion agreement with Meta.",
			"other agreed partner Crusoe, partner Microsoft 2000000000 USD -; other agreed partner Meta, partner Crusoe 1000000000 USD -", true},
		{"headline item's object is no side of the other item's figure",
			"Zentrix rejects $3 billion takeover bid, sells stake to SoftBank",
			"Zentrix said its board had rejected a $3 billion takeover offer from BlackRock.",
			"acquisition rejected buyer BlackRock, seller Zentrix 3000000000 USD -", true},
		{"a round whose named companies are all investors",
			"",
			"- **Nuvola.** La startup di cloud GPU ha chiuso un round da 40 milioni di euro guidato da Orizzonte Ventures, con la partecipazione di Tevere Capital.",
			"", true},
		{"a hardware word is no company",
			"Orbital Compute raccoglie 100 milioni",
			"Orbital Compute ha chiuso un round da 100 milioni di euro guidato da SoftBank. La società destinerà i fondi al campus di Novara, che avrà 40 MW di potenza, e a nuovi server con GPU di ultima generazione.",
			"funding_round completed investor SoftBank, raiser Orbital Compute 100000000 EUR -", false},
		{"a company noun stands for the company the article introduced with it",
			"Oracle firma con Vento Data Centers",
			"Oracle ha firmado un contrato con la promotora gallega Vento Data Centers por 500 millones de euros. Para financiar la obra, la promotora ha cerrado un préstamo de 300 millones de euros con un grupo de bancos liderado por Santander.",
			"other agreed partner Oracle, partner Vento Data Centers 500000000 EUR -; other agreed partner Santander, partner Vento Data Centers 300000000 EUR -", true},
		{"a lease's value in the next sentence",
			"Microsoft signs lease with Crusoe",
			"Microsoft said it had signed a 10-year lease with Crusoe for 100 MW. A person familiar with the matter said the lease was worth about $2 billion.",
			"compute_contract agreed buyer Microsoft, seller Crusoe 2000000000 USD 100 MW", true},
		{"a stake sold to a company in a coordinated clause",
			"Crusoe turns down bid",
			"Crusoe said its board had rejected a $3 billion takeover offer from BlackRock, and instead agreed to sell a 40% stake in its campus to SoftBank for $1 billion.",
			"acquisition rejected buyer BlackRock, seller Crusoe 3000000000 USD -; investment agreed investor SoftBank, investee Crusoe 1000000000 USD -", false},
		{"a company noun opening the sentence is the main actor",
			"Telefónica firma con Mistral",
			"Telefónica ha anunciado hoy su nuevo plan de inteligencia artificial. En primer lugar, la operadora ha firmado con Mistral un acuerdo de 200 millones de euros.",
			"other agreed partner Mistral, partner Telefónica 200000000 EUR -", true},
		{"a name in apposition with a company noun is a company",
			"Brookfield compra Nubes del Sur",
			"Brookfield ha acordado comprar el 60 % de Nubes del Sur, promotora sevillana de centros de datos, por 300 millones de euros.",
			"parties: Brookfield, Nubes del Sur", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustExtract(t, x, extract.Article{Title: tt.title, Text: tt.title + "\n\n" + tt.text})
			got := shownLine(res)
			if tt.all {
				got = dealLine(res)
			}
			if strings.HasPrefix(tt.want, "parties: ") {
				got = "parties: " + partiesLine(res) // only the parties are checked
			}
			if got != tt.want {
				t.Logf("all: %s", dealLine(mustExtract(t, x, extract.Article{Title: tt.title, Text: tt.title + "\n\n" + tt.text})))
				t.Errorf("Extract(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
		})
	}
}

// partiesLine lists the parties of every deal, sorted by name within a
// deal.
func partiesLine(res extract.Extraction) string {
	var deals []string
	for _, d := range res.Deals {
		var ps []string
		for _, p := range d.Parties {
			ps = append(ps, p.Name)
		}
		sort.Strings(ps)
		deals = append(deals, strings.Join(ps, ", "))
	}
	return strings.Join(deals, "; ")
}

package rules

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// dealLine formats the deals of an extraction as "kind status role Name,
// role Name amount caps", "; " between deals.
func dealLine(res extract.Extraction) string {
	var deals []string
	for _, d := range res.Deals {
		var ps []string
		for _, p := range d.Parties {
			ps = append(ps, string(p.Role)+" "+p.Name)
		}
		amt := "-"
		if d.Amount != nil {
			amt = d.Amount.Value.String() + " " + d.Amount.Currency
		}
		var caps []string
		for _, c := range d.Capacity {
			caps = append(caps, c.Value.String()+" "+c.Unit)
		}
		if len(caps) == 0 {
			caps = []string{"-"}
		}
		deals = append(deals, fmt.Sprintf("%s %s %s %s %s", d.Kind, d.Status, strings.Join(ps, ", "), amt, strings.Join(caps, ",")))
	}
	return strings.Join(deals, "; ")
}

// TestGeneralRulesRound3 checks the error classes of the second blind
// batch on invented sentences (none taken from an evaluation article):
// each case would read wrong without its rule.
func TestGeneralRulesRound3(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want string
	}{
		{"weekday is no company", "The start-up Norvik Compute has raised £40m, the company said on Tuesday.",
			"funding_round completed raiser Norvik Compute 40000000 GBP -"},
		{"assets under management", "KKR, which manages $600 billion in assets, declined to comment.", ""},
		{"activos gestionados", "Apollo gestiona activos por valor de 800.000 millones de dólares.", ""},
		{"owner of the subject", "Aruba ordina GPU a Nvidia\n\nIl gruppo controllato da Vodafone acquisterà 500 GPU Nvidia per 40 milioni di euro.",
			"chip_supply announced supplier Nvidia, customer Aruba 40000000 EUR 500 GPUs"},
		{"coordinated second deal", "Aruba ha firmato un contratto da 40 milioni di euro con Nvidia e una nuova intesa con Mistral.",
			"compute_contract agreed buyer Nvidia, seller Aruba 40000000 EUR -"},
		{"bullet list as records", "AMD will supply its Instinct accelerators to three customers:\n\n- Oracle: 30,000 GPUs for its cloud\n- Vultr: 12,000 GPUs\n",
			"chip_supply announced supplier AMD, customer Oracle - 30000 GPUs; chip_supply announced supplier AMD, customer Vultr - 12000 GPUs"},
		{"memorandum", "Nvidia signed a memorandum with Siemens on industrial AI, without financial terms.",
			"partnership agreed partner Nvidia, partner Siemens - -"},
		{"noun apposition with creator", "Humain, la empresa creada por el PIF, y AMD han acordado una empresa conjunta de 500 MW.",
			"chip_supply agreed supplier AMD, customer Humain - 500 MW"},
		{"market forecast", "Goldman Sachs expects global data-centre spending to reach $3 trillion by 2029.", ""},
		{"table of other deals", "Merlin Properties cierra un préstamo de 300 millones con BBVA.\n\nOtras operaciones\n\n| Comprador | Activo | Importe |\n|---|---|---|\n| Edged | Campus de Bilbao | no revelado |\n",
			"other announced partner Merlin Properties, partner BBVA 300000000 USD -"},
		{"fund anaphora", "Brookfield no ha querido comentar. El fondo compró en 2022 la empresa Data4 por 3.500 millones de euros.",
			"acquisition completed buyer Brookfield, seller Data4 3500000000 EUR -"},
		{"capex in data centres", "La compañía prevé invertir hasta 1.000 millones de euros en centros de datos.",
			""},
		{"denied rumour", "Amazon ha smentito le indiscrezioni su un investimento da 2 miliardi di euro in Puglia.",
			"investment planned investor Amazon 2000000000 EUR -"},
		{"pronoun subject", "Mistral has been raising money fast. It is seeking to raise about $2bn in new funding.",
			"funding_round planned raiser Mistral 2000000000 USD -"},
		{"previous round of the company", "Fluidstack signs a lease\n\nFluidstack signed a new lease. The company booked revenue of £60m last year. Its previous round, a £40m Series A, was led by Index Ventures.",
			"funding_round announced investor Index Ventures, raiser Fluidstack 40000000 GBP -"},
		{"gapped clause", "In cambio Microsoft investirà fino a 3 miliardi di dollari in Mistral e Nvidia fino a 1 miliardo.",
			"investment announced investor Microsoft, investee Mistral 3000000000 USD -; investment announced investor Nvidia, investee Mistral 1000000000 USD -"},
		{"absolute clause", "Cipher Mining agreed a $2bn lease with Fluidstack, with Google backstopping $800m of the obligations.",
			"compute_contract agreed buyer Cipher Mining, seller Fluidstack 2000000000 USD -; compute_contract agreed buyer Cipher Mining, seller Google 800000000 USD -"},
		{"possessive brand", "Dell will sell $3bn worth of servers built around Nvidia's GB300 chips to CoreWeave.",
			"compute_contract announced buyer CoreWeave, seller Dell 3000000000 USD -"},
		{"consortium members", "Un consorcio formado por BlackRock y MGX ha acordado la compra de Aligned Data Centers por 20.000 millones de dólares.",
			"acquisition agreed buyer BlackRock, buyer MGX, seller Aligned Data Centers 20000000000 USD -"},
		{"loan is no round", "Equinix raises debt\n\nEquinix ha firmado un préstamo de 500 millones de euros con BBVA y Santander.",
			"other agreed partner Equinix, partner BBVA, partner Santander 500000000 EUR -"},
		{"sold to an owner's company", "Supermicro will sell $2bn worth of servers to Elon Musk's xAI.",
			"compute_contract announced buyer xAI, seller Supermicro 2000000000 USD -"},
		{"buyers before the verb", "KKR y Temasek compran Aligned Data Centers por 10.000 millones de dólares.",
			"acquisition announced buyer KKR, buyer Temasek, seller Aligned Data Centers 10000000000 USD -"},
		{"one company's capacity", "Nscale se hace con una cartera de 2 GW en Europa.", ""},
		{"paid in cash and shares", "Nebius compra una start-up\n\nAcquisita la milanese Quarzolab. Nebius ha già rilevato Quarzolab per 12 milioni di euro tra contanti e azioni.",
			"acquisition announced buyer Nebius, seller Quarzolab 12000000 EUR -"},
		{"two subjects are no coordinated deal", "Yesterday Microsoft and OpenAI signed a deal worth $10bn.",
			"compute_contract agreed buyer OpenAI, seller Microsoft 10000000000 USD -"},
		{"named counterparty after with", "Lambda signs with Nebius\n\nLambda expands again. The company signed a $5bn deal with Nebius.",
			"other agreed partner Nebius, partner Lambda 5000000000 USD -"},
		{"market forecast, Spanish", "Jensen Huang prevé que el mercado de infraestructura de IA alcance los 3 billones de dólares en 2030.", ""},
		{"denied report, Spanish", "Oracle negó las informaciones sobre una inversión de 1.000 millones de dólares en Cohere.",
			"investment planned investor Oracle, investee Cohere 1000000000 USD -"},
		{"company needs", "Analistas estiman que SoftBank necesitará otros 10.000 millones de dólares en 2026.", ""},
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

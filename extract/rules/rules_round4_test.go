package rules

import (
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestGeneralRulesRound4 checks the error classes of the third blind batch
// on invented sentences and companies (none taken from an evaluation
// article): each case would read wrong without its rule.
func TestGeneralRulesRound4(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want string
	}{
		{"digest: one company's figure is not paired with the lead's",
			"# Infra Weekly #12: Oracle and xAI\n\nOracle and xAI signed a $5bn cloud deal.\n\n## Elsewhere\n\n- Nebius will invest $700m in new data centres in Finland.\n- Lambda reported revenue of $400m.\n\n## The number\n\nMore news next week.",
			"compute_contract agreed buyer xAI, seller Oracle 5000000000 USD -; investment announced investor Nebius 700000000 USD -"},
		{"table row of one company under a results table",
			"# Resumen semanal de la IA\n\nRepasamos la semana.\n\n## Resultados\n\n| Empresa | Dato | Importe |\n|---|---|---|\n| Nebius | Ingresos trimestrales | 150 millones de dólares |\n\n## Más\n\n- Oracle cerró un contrato de 2.000 millones de dólares con xAI.",
			"compute_contract agreed buyer xAI, seller Oracle 2000000000 USD -"},
		{"analysts are the source, not a party",
			"Lambda signs with Nebius\n\nLambda signed a $1bn deal with Nebius. Morgan Stanley analysts expect Lambda to sign another $2bn of contracts in 2027.",
			"other agreed partner Lambda, partner Nebius 1000000000 USD -"},
		{"the text says it is not a deal",
			"Compute Weekly: quick hits\n\n- EUR 300 million: what Azimut says it has raised for its infrastructure strategy (fund size, not a deal).\n- Oracle signed a $3bn contract with xAI.\n- Nebius opened an office.",
			"compute_contract agreed buyer xAI, seller Oracle 3000000000 USD -"},
		{"company named in an apposition after con",
			"Microsoft amplia il contratto con Velora Cloud\n\nMicrosoft ha firmato un contratto con Velora Cloud, il neocloud torinese, da 800 milioni di dollari.",
			"other agreed partner Microsoft, partner Velora Cloud 800000000 USD -"},
		{"cloud service named after a lab is no party",
			"Velora Cloud fornirà fino a 5.000 GPU a Microsoft per i servizi Azure OpenAI.",
			"chip_supply announced supplier Velora Cloud, customer Microsoft - 5000 GPUs"},
		{"the company is the one the sentence before names",
			"Meta talks to Oracle\n\nMeta is in talks with Oracle over a $20bn cloud deal. The talks follow a run of contracts for Oracle. The company signed a $30bn agreement with OpenAI in July.",
			"compute_contract planned buyer Meta, seller Oracle 20000000000 USD -; other agreed partner OpenAI, partner Oracle 30000000000 USD -"},
		{"bonds have no counterparty",
			"Cipher Mining signs with AWS\n\nCipher Mining signed a $2bn lease with AWS. The company also plans to raise $1bn through an offering of convertible senior notes.",
			"compute_contract agreed buyer Cipher Mining, seller Amazon 2000000000 USD -"},
		{"old size of a revised round",
			"Zefiro AI amplía su ronda\n\nZefiro AI ha ampliado su ronda de 20 a 35 millones de euros. La ronda, cerrada en mayo por 20 millones, está liderada por Seaya Ventures.",
			"funding_round expanded raiser Zefiro AI 35000000 EUR -"},
		{"generic first word of a longer name",
			"Zefiro AI ha cerrado una ronda de 10 millones de euros con la entrada de Axon Partners Group.",
			"funding_round completed raiser Zefiro AI 10000000 EUR -"},
		{"awarded a job",
			"Meta ha adjudicado además a Acciona la construcción del campus por 300 millones de euros.",
			"other agreed partner Meta, partner Acciona 300000000 EUR -"},
		{"project cost of one side",
			"Repsol e Meta\n\nRepsol suministrará energía a Meta por 500 millones de euros. El proyecto de Toledo, con una inversión total de 900 millones de euros por parte de Meta, es el primero en la región.",
			"other announced partner Repsol, partner Meta 500000000 EUR -"},
		{"brand of hardware alone is no side",
			"Halcyon signs with Microsoft\n\nMicrosoft signed a £1bn contract with Halcyon Compute, a start-up.\n\nThe contract covers up to 20,000 Nvidia GB300 GPUs; start-up also raises £100m in equity.",
			"other agreed partner Microsoft, partner Halcyon Compute 1000000000 GBP -"},
		{"capacity of a second coordinated deal",
			"OpenAI firma con Oracle\n\nOpenAI firmó con Oracle un contrato de 30.000 millones de dólares, y en octubre acordó con Broadcom el desarrollo de chips con una capacidad de 2 GW.",
			"compute_contract agreed buyer OpenAI, seller Oracle 30000000000 USD -; chip_supply agreed supplier Broadcom, customer OpenAI - 2 GW"},
		{"land bought from a group",
			"Amazon ha adquirido al Grupo Tarsa unos terrenos junto a Zaragoza por 40 millones de euros.",
			"acquisition completed buyer Amazon, seller Grupo Tarsa 40000000 EUR -"},
		{"company introduced by a demonym",
			"AWS y Eolia\n\nAWS ha firmado con la aragonesa Eolia un contrato de compra de energía de 100 MW por 200 millones de euros.",
			"compute_contract agreed buyer Eolia, seller Amazon 200000000 EUR 100 MW"},
		{"own assets have no counterparty",
			"Amazon y Eolia\n\nAmazon firma con Eolia.\n\nAmazon ha elevado a 5.000 millones de euros su inversión en sus centros de datos de Navarra.",
			"investment announced investor Amazon 5000000000 EUR -"},
		{"all-stock offer voted down",
			"Shareholders of Nebius voted down CoreWeave's roughly $2 billion all-stock offer for the company.",
			"other rejected partner Nebius, partner CoreWeave 2000000000 USD -"},
		{"value of the contract in the next sentence",
			"Enel e AWS\n\nEnel e Amazon Web Services hanno firmato un PPA da 1 miliardo di euro. Nello stesso giorno AWS ha affidato a Stack Infrastructure la costruzione di un edificio da 20 MW. Il valore del contratto è di 200 milioni di euro.",
			"compute_contract agreed buyer Enel, seller Amazon 1000000000 EUR -; compute_contract agreed buyer Amazon, seller Stack Infrastructure 200000000 EUR 20 MW"},
		{"table row whose cell is a sentence",
			"# La settimana\n\n| Data | Operazione | Importo |\n|---|---|---|\n| 3 marzo | AMD fornirà GPU a Oracle | 2 GW |\n| 4 marzo | Nvidia, ricavi trimestrali | 50 miliardi di dollari |",
			"chip_supply announced supplier AMD, customer Oracle - 2 GW"},
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

package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

func TestDbg(t *testing.T) {
	x := newTestExtractor(t)
	for _, s := range []string{
		"Anthropic said on Tuesday it will spend $50 billion on data centers in Texas and New York with Fluidstack.",
		"Meta struck a $27 billion financing deal with Blue Owl for its Hyperion data center in Louisiana.",
		"Google investirà 5 miliardi di euro in Belgio entro il 2027 per ampliare i suoi data center.",
		"Microsoft ha acquistato da Nebius capacità di calcolo per 19,4 miliardi di dollari.",
		"Oracle venderà a OpenAI 4,5 GW di capacità per 300 miliardi di dollari in cinque anni.",
		"Amazon adquirirá la startup Adept por 400 millones de dólares.",
		"CoreWeave acquired Core Scientific in an all-stock deal valued at $9 billion.",
		"SoftBank ha completado su inversión de 40.000 millones de dólares en OpenAI.",
		"Nvidia and AMD will sell chips worth $20 billion to Humain, the Saudi AI company.",
	} {
		res, _ := x.Extract(context.Background(), extract.Article{Text: s, Lang: ""})
		fmt.Println(s)
		for _, d := range res.Deals {
			var ps []string
			for _, p := range d.Parties {
				ps = append(ps, string(p.Role)+" "+p.Name)
			}
			amt := "-"
			if d.Amount != nil {
				amt = d.Amount.Value.String() + " " + d.Amount.Currency
			}
			fmt.Printf("   %s %s %v %s\n", d.Kind, d.Status, ps, amt)
		}
	}
}

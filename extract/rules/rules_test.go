package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
)

// TestDeterminism extracts every test article 50 times, with fresh and
// shared extractors, and wants byte-identical JSON.
func TestDeterminism(t *testing.T) {
	ef := loadExpected(t)
	shared := newTestExtractor(t)
	for _, ea := range ef.Articles {
		a := loadArticle(t, ea.dir(), ea.testArticle)
		first := marshalDeals(t, mustExtract(t, shared, a).Deals)
		for k := 0; k < 50; k++ {
			x := shared
			if k%10 == 0 {
				x = newTestExtractor(t)
			}
			if got := marshalDeals(t, mustExtract(t, x, a).Deals); !bytes.Equal(got, first) {
				t.Fatalf("%s: run %d differs:\n%s\nvs\n%s", ea.File, k, got, first)
			}
		}
	}
}

func mustExtract(t testing.TB, x *Extractor, a extract.Article) extract.Extraction {
	t.Helper()
	res, err := x.Extract(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestExtractorInfo(t *testing.T) {
	x := newTestExtractor(t)
	info := x.Info()
	if info.Backend != "rules" || info.Model != nil || info.PromptVersion == nil {
		t.Fatalf("Info() = %+v, want backend rules, no model, a version", info)
	}
	if v := *info.PromptVersion; !strings.HasPrefix(v, "rules-"+RulesVersion+"-") || len(v) != len("rules-"+RulesVersion+"-")+8 {
		t.Errorf("PromptVersion = %q, want rules-%s-<8 hex>", v, RulesVersion)
	}
	y, err := New(&Options{Entities: [][]byte{[]byte(`{"entities": [{"name": "Acme"}]}`)}})
	if err != nil {
		t.Fatal(err)
	}
	if *y.Info().PromptVersion == *info.PromptVersion {
		t.Errorf("an extended gazetteer kept PromptVersion %q", *info.PromptVersion)
	}
	res := mustExtract(t, x, extract.Article{Text: "OpenAI investe 10 miliardi di dollari in Anthropic.", Lang: "it"})
	if res.Info.Backend != "rules" || len(res.Deals) != 1 {
		t.Errorf("Extract info %+v, %d deals, want rules and 1 deal", res.Info, len(res.Deals))
	}
}

func TestExtractCanceled(t *testing.T) {
	x := newTestExtractor(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := x.Extract(ctx, extract.Article{Text: "Amazon invests $4 billion in Anthropic.", Lang: "en"})
	var ee *extract.ExtractError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &ee) || ee.Info.Backend != "rules" {
		t.Errorf("Extract on a canceled context = %v, want an ExtractError wrapping context.Canceled", err)
	}
}

// TestNoDealText checks articles without deals: empty, figures that are
// not deals, no companies.
func TestNoDealText(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{
		"",
		"   \n\n",
		"Nvidia ha registrato ricavi per 46,7 miliardi di dollari nel trimestre.",
		"Las acciones de Amazon subieron un 3% hasta 230 dólares.",
		"Il prezzo è di 2 dollari per milione di token.",
		"The repository has over 1,200 stars on GitHub.",
		"A company raised money.",
		"| Metric | H100 |\n|---|---|\n| Cost per 1M tokens | $2.00 |",
	} {
		res := mustExtract(t, x, extract.Article{Text: text, Lang: "it"})
		if len(res.Deals) != 0 {
			t.Errorf("Extract(%q) = %d deals, want none: %+v", text, len(res.Deals), res.Deals)
		}
	}
}

// BenchmarkExtract measures the rules step (figures.Parse included) on
// the four seed articles of about 5 KB.
func BenchmarkExtract(b *testing.B) {
	x := newTestExtractor(b)
	ef := loadExpected(b)
	var arts []extract.Article
	size := 0
	for _, ea := range ef.Articles {
		if ea.Set == "seeds" && !strings.HasPrefix(ea.File, "004") {
			a := loadArticle(b, ea.dir(), ea.testArticle)
			arts = append(arts, a)
			size += len(a.Text)
		}
	}
	b.SetBytes(int64(size / len(arts)))
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := x.Extract(ctx, arts[i%len(arts)]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkExtractLarge measures a 200 KB article of 4,000 deal
// sentences, and a 195 KB single "sentence" of 5,000 amounts: the rules
// must stay near-linear on inputs no newsroom writes.
func BenchmarkExtractLarge(b *testing.B) {
	var many strings.Builder
	for k := 0; k < 4000; k++ {
		fmt.Fprintf(&many, "Amazon investe %d miliardi di dollari in OpenAI. ", k+1)
	}
	inputs := map[string]string{
		"sentences":    many.String(),
		"one-sentence": strings.Repeat("Amazon investe $1 miliardo in OpenAI e ", 5000),
	}
	x := newTestExtractor(b)
	for _, name := range []string{"sentences", "one-sentence"} {
		a := extract.Article{Text: inputs[name], Lang: "it"}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(a.Text)))
			for i := 0; i < b.N; i++ {
				if _, err := x.Extract(context.Background(), a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSchemaValid wraps the deals of every test article in an
// ArticleResult and validates it against article-result.schema.json.
func TestSchemaValid(t *testing.T) {
	x := newTestExtractor(t)
	for _, ea := range loadExpected(t).Articles {
		a := loadArticle(t, ea.dir(), ea.testArticle)
		res := mustExtract(t, x, a)
		r := extract.ArticleResult{
			SchemaVersion: extract.SchemaVersion,
			Article:       extract.ArticleInfo{ID: a.ID, Source: a.Source, Lang: a.Lang, LangConfidence: 1},
			Status:        extract.StatusOK,
			Extractor:     res.Info,
			Deals:         res.Deals,
			Warnings:      res.Warnings,
		}
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := extracttest.Validate(extracttest.ArticleResult, b); err != nil {
			t.Errorf("%s: %v", ea.File, err)
		}
	}
}

// TestSentences reads one-sentence articles in the three languages, the
// shapes the seeds do not show: the deal each states, or none.
func TestSentences(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text string
		want string // "kind status role Name, role Name amount" per deal, "; " between deals
	}{
		{"Anthropic said on Tuesday it will spend $50 billion on data centers in Texas and New York with Fluidstack.",
			"compute_contract announced buyer Anthropic, seller Fluidstack 50000000000 USD"},
		{"Google investirà 5 miliardi di euro in Belgio entro il 2027 per ampliare i suoi data center.",
			"investment announced investor Google 5000000000 EUR"},
		{"Microsoft ha acquistato da Nebius capacità di calcolo per 19,4 miliardi di dollari.",
			"compute_contract announced buyer Microsoft, seller Nebius 19400000000 USD"},
		{"Amazon adquirirá la startup Adept por 400 millones de dólares.",
			"acquisition announced buyer Amazon, seller Adept 400000000 USD"},
		{"CoreWeave acquired Core Scientific in an all-stock deal valued at $9 billion.",
			"acquisition completed buyer CoreWeave, seller Core Scientific 9000000000 USD"},
		{"SoftBank ha completado su inversión de 40.000 millones de dólares en OpenAI.",
			"investment completed investor SoftBank, investee OpenAI 40000000000 USD"},
		{"Nvidia and AMD will sell chips worth $20 billion to Humain, the Saudi AI company.",
			"chip_supply announced supplier Nvidia, supplier AMD, customer Humain 20000000000 USD"},
		{"Mistral AI ha raccolto 600 milioni di euro in un round guidato da General Catalyst.",
			"funding_round completed investor General Catalyst, raiser Mistral 600000000 EUR"},
		{"Nvidia invests $2 billion in Poolside, the coding startup.",
			"investment announced investor Nvidia, investee Poolside 2000000000 USD"},
		{"Perplexity was valued at $20 billion after the round.", ""},
		{"Le azioni di Nvidia sono salite del 3% a 180 dollari.", ""},
		{"Oracle espera ingresos de 18.000 millones de dólares por la nube este año.", ""},
	}
	for _, tt := range tests {
		res := mustExtract(t, x, extract.Article{Text: tt.text})
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
			deals = append(deals, fmt.Sprintf("%s %s %s %s", d.Kind, d.Status, strings.Join(ps, ", "), amt))
		}
		if got := strings.Join(deals, "; "); got != tt.want {
			t.Errorf("Extract(%q)\n got  %s\n want %s", tt.text, got, tt.want)
		}
	}
}

// TestGeneralRules covers the rules added after the fourth blind batch:
// valuations stated by a verb, unit prices, components of a non-deal
// figure, own capacity, brands, appositions, revisions with "da X a Y",
// companies outside the gazetteer found by pattern and written two ways,
// figureless agreements, table rows without an amount, own-source
// "según", tranches told after the deal. The texts are invented.
func TestGeneralRules(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		name string
		text string
		want string // "kind status role Name, role Name amount caps" per deal, "; " between deals
	}{
		{"valuation verb", "Anthropic ha cerrado una ronda de 2.000 millones de dólares que la valora en 60.000 millones de dólares.",
			"funding_round completed raiser Anthropic 2000000000 USD -"},
		{"unit price", "Sam Altman said OpenAI pays about $15 billion per gigawatt of new capacity.", ""},
		{"component of revenue", "Nvidia reported revenue of $40 billion, including $30 billion from its data center unit.", ""},
		{"revenue forecast continues", "Mistral ha chiuso il 2025 con un fatturato di 50 milioni di euro e prevede di superare i 90 milioni nel 2026.", ""},
		{"own capacity", "Nscale operates three campuses with a combined 120MW of capacity for Nvidia Blackwell systems.", ""},
		{"supplier and main actor", "Perplexity builds its own cluster\n\nPerplexity, the AI search company, is working with CoreWeave on a new site.\n\nCoreWeave will supply a cluster of 20,000 Nvidia GB300 GPUs.",
			"chip_supply announced supplier CoreWeave, customer Perplexity - 20000 GPUs"},
		{"deploy a brand", "Humain, backed by the Public Investment Fund, will deploy 18,000 Nvidia GPUs next year.",
			"chip_supply announced supplier Nvidia, customer Humain - 18000 GPUs"},
		{"revision da X a Y", "Microsoft porterà da 2 a 3 miliardi di dollari il proprio investimento in G42.",
			"investment expanded investor Microsoft, investee G42 3000000000 USD -"},
		{"revision de X a Y", "Oracle ha ampliado de 800 a 1.200 millones de dólares el contrato de cómputo con Cohere.",
			"compute_contract expanded buyer Cohere, seller Oracle 1200000000 USD -"},
		{"unknown company, two spellings", "La startup torinese Velora Compute ha chiuso un round da 30 milioni di euro. Velora ha rilevato la società Quarzo per 5 milioni di euro.",
			"funding_round completed raiser Velora Compute 30000000 EUR -; acquisition completed buyer Velora Compute, seller Quarzo 5000000 EUR -"},
		{"figureless agreement", "Además, Telefónica ha firmado un acuerdo de colaboración con Cohere para ofrecer sus modelos, sin cifras económicas.",
			"partnership agreed partner Telefónica, partner Cohere - -"},
		{"denied agreement", "Microsoft denied the report, saying it had no agreement in place with Nebius.", ""},
		{"own source", "Nebius ha acordado la compra de la empresa Tecnalia Labs por 18 millones de euros, según ha confirmado la propia empresa.",
			"acquisition agreed buyer Nebius, seller Tecnalia Labs 18000000 EUR -"},
		{"tranches after the deal", "Amazon investirà 1 miliardo di dollari in Mistral AI. L'operazione sarà eseguita in due tranche: 600 milioni alla firma e 400 milioni entro fine anno.",
			"investment announced investor Amazon, investee Mistral 1000000000 USD -"},
		{"table row without amount", "The main deals of Crusoe this year:\n\n| Counterparty | What | Value |\n|---|---|---|\n| Oracle | 1.2 GW campus lease | not disclosed |\n",
			"compute_contract announced buyer Oracle, seller Crusoe - 1.2 GW"},
		{"pledge to a country", "Microsoft has committed $30bn to the country between 2025 and 2028.", ""},
		{"share price", "Las acciones de Nvidia cerraron con una caída del 1,8%, hasta 188 dólares.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustExtract(t, x, extract.Article{Text: tt.text})
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
				caps := "-"
				for k, c := range d.Capacity {
					if k == 0 {
						caps = ""
					} else {
						caps += ","
					}
					caps += c.Value.String() + " " + c.Unit
				}
				deals = append(deals, fmt.Sprintf("%s %s %s %s %s", d.Kind, d.Status, strings.Join(ps, ", "), amt, caps))
			}
			if got := strings.Join(deals, "; "); got != tt.want {
				t.Errorf("Extract(%q)\n got  %s\n want %s", tt.text, got, tt.want)
			}
		})
	}
}

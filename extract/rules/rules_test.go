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
			"compute_contract planned buyer Anthropic, seller Fluidstack 50000000000 USD"},
		{"Google investirà 5 miliardi di euro in Belgio entro il 2027 per ampliare i suoi data center.",
			"investment planned investor Google 5000000000 EUR"},
		{"Microsoft ha acquistato da Nebius capacità di calcolo per 19,4 miliardi di dollari.",
			"compute_contract announced buyer Microsoft, seller Nebius 19400000000 USD"},
		{"Amazon adquirirá la startup Adept por 400 millones de dólares.",
			"acquisition planned buyer Amazon, seller Adept 400000000 USD"},
		{"CoreWeave acquired Core Scientific in an all-stock deal valued at $9 billion.",
			"acquisition completed buyer CoreWeave, seller Core Scientific 9000000000 USD"},
		{"SoftBank ha completado su inversión de 40.000 millones de dólares en OpenAI.",
			"investment completed investor SoftBank, investee OpenAI 40000000000 USD"},
		{"Nvidia and AMD will sell chips worth $20 billion to Humain, the Saudi AI company.",
			"chip_supply planned supplier Nvidia, supplier AMD, customer Humain 20000000000 USD"},
		{"Mistral AI ha raccolto 600 milioni di euro in un round guidato da General Catalyst.",
			"funding_round announced investor General Catalyst, raiser Mistral 600000000 EUR"},
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

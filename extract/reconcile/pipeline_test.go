package reconcile_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/extract/rules"
)

// rcCompanies is a gazetteer of invented companies for the rules backend.
const rcCompanies = `{"entities": [
  {"name": "Orvane", "aliases": [], "types": ["lab"]},
  {"name": "Nimbra", "aliases": ["Nimbra Cloud"], "cloud_aliases": ["Nimbra Cloud"], "types": ["cloud"]},
  {"name": "Corvex", "aliases": [], "types": ["investor", "chips"]}
]}`

// rcPipeline runs the rules backend over small invented articles, as
// "dealwatch run" would, and returns their results. Each article is
// "lang|published|text".
func rcPipeline(t *testing.T, articles ...string) []extract.ArticleResult {
	t.Helper()
	x, err := rules.New(&rules.Options{Entities: [][]byte{[]byte(rcCompanies)}})
	if err != nil {
		t.Fatal(err)
	}
	var out []extract.ArticleResult
	for i, s := range articles {
		parts := strings.SplitN(s, "|", 3)
		lang, pub, text := parts[0], parts[1], parts[2]
		sum := sha256.Sum256([]byte(text))
		a := extract.Article{ID: fmt.Sprintf("sha256:%x", sum[:8]), Source: fmt.Sprintf("a%d.txt", i+1), Published: pub, Text: text}
		p := extract.Pipeline{Detector: extracttest.FixedDetector{Lang: lang, Confidence: 1}, Extractor: x}
		o := p.Process(context.Background(), a)
		if o.Result.Status != extract.StatusOK {
			t.Fatalf("article %d: %s %v", i+1, o.Result.Status, o.Result.Error)
		}
		out = append(out, o.Result)
	}
	return out
}

// TestReconcileRulesPipeline runs whole invented articles through the
// rules backend and checks the reconciled deal, for classes the rules
// read today: a stated increment with its new total (1), a conversion in
// the same article (8), and a figure that is restated in three languages.
func TestReconcileRulesPipeline(t *testing.T) {
	in := rcPipeline(t,
		"it|2026-01-12|Orvane firma con Nimbra un accordo cloud da 12 miliardi di dollari.\n\nLa startup Orvane ha firmato con Nimbra un accordo cloud da 12 miliardi di dollari, hanno annunciato le due società.\n",
		"es|2026-06-03|Orvane amplía su acuerdo con Nimbra.\n\nOrvane amplió en 20.000 millones de dólares su acuerdo de computación en la nube con Nimbra, hasta superar los 32.000 millones de dólares, anunciaron las empresas.\n",
		"en|2026-06-20|Orvane and Nimbra.\n\nOrvane's cloud agreement with Nimbra now totals over $32 billion (about €27.5 billion), the companies said.\n",
	)
	var facts []string
	for _, r := range in {
		for _, d := range r.Deals {
			facts = append(facts, fmt.Sprintf("%s %s %s inc=%s grounded=%v", r.Article.Lang, d.Kind, extract.FormatMoney(d.Amount), extract.FormatMoney(d.Increment), d.Grounded))
		}
	}
	deals := reconcile.Reconcile(in)
	if len(deals) != 1 {
		t.Fatalf("%d deals, want 1 (facts: %q)", len(deals), facts)
	}
	d := deals[0]
	if d.Review != extract.ReviewNone {
		t.Errorf("review %s, conflicts %+v (facts: %q)", d.Review, d.Conflicts, facts)
	}
	if got := extract.FormatMoney(d.Current.Amount); got != "over $32B" {
		t.Errorf("current = %s, want over $32B (facts: %q; notes: %q)", got, facts, rcNotes(d))
	}
}

// TestReconcileRulesPipelineMore: more classes through the rules
// backend: a conversion in the same article (8), a rumour then the
// companies' announcement (2), and separate contracts with their sum in
// one article (4).
func TestReconcileRulesPipelineMore(t *testing.T) {
	tests := []struct {
		name     string
		articles []string
		current  string
	}{
		{
			name: "conversion",
			articles: []string{
				"en|2026-03-03|Orvane signs with Nimbra.\n\nOrvane signed a $10 billion (about €8.6 billion) cloud agreement with Nimbra, the companies announced on Tuesday.\n",
				"it|2026-03-04|Orvane e Nimbra.\n\nOrvane ha firmato con Nimbra un accordo cloud da 8,6 miliardi di euro, hanno annunciato le società.\n",
				"es|2026-03-05|Orvane y Nimbra.\n\nOrvane firmó con Nimbra un acuerdo de computación en la nube de 10.000 millones de dólares, anunciaron las empresas.\n",
			},
			current: "$10B",
		},
		{
			name: "rumour then announcement",
			articles: []string{
				"en|2025-12-04|Corvex in talks with Orvane.\n\nCorvex could invest up to $8 billion in Orvane, according to people familiar with the matter.\n",
				"es|2026-01-20|Corvex y Orvane.\n\nCorvex invertiría hasta 8.000 millones de dólares en Orvane, según fuentes cercanas a la operación.\n",
				"it|2026-02-11|Corvex investe in Orvane.\n\nCorvex ha annunciato un investimento da 8 miliardi di dollari in Orvane.\n",
			},
			current: "$8B",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rcPipeline(t, tt.articles...)
			var facts []string
			for _, r := range in {
				for _, d := range r.Deals {
					facts = append(facts, fmt.Sprintf("%s %s %s %s/%s %s grounded=%v", r.Article.Lang, d.Kind, extract.FormatMoney(d.Amount), d.Status, d.Confirmation, d.Mention, d.Grounded))
				}
			}
			deals := reconcile.Reconcile(in)
			if len(deals) != 1 {
				t.Fatalf("%d deals, want 1 (facts: %q)", len(deals), facts)
			}
			d := deals[0]
			if d.Review != extract.ReviewNone {
				t.Errorf("review %s, conflicts %+v (facts: %q)", d.Review, d.Conflicts, facts)
			}
			if got := extract.FormatMoney(d.Current.Amount); got != tt.current {
				t.Errorf("current = %s, want %s (facts: %q; notes: %q)", got, tt.current, facts, rcNotes(d))
			}
		})
	}
}

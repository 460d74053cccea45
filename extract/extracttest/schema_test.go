package extracttest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

func TestValidateArticleResult(t *testing.T) {
	good := extract.ArticleResult{
		SchemaVersion: extract.SchemaVersion,
		Article:       extract.ArticleInfo{ID: "sha256:0123456789abcdef", Source: "a.txt", Lang: "it", LangConfidence: 0.9, Published: extract.StrPtr("2025-11-03")},
		Status:        extract.StatusOK,
		Extractor:     extract.ExtractorInfo{Backend: "rules"},
		Deals: []extract.Deal{{
			Kind: extract.KindCompute, Status: extract.DealAnnounced, Confirmation: extract.Confirmed, Mention: extract.MentionNews,
			Parties: []extract.Party{{Name: "OpenAI", Role: extract.RoleBuyer, Mention: "OpenAI"}},
			Amount: &extract.Money{Value: figures.Dec(38, 9), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total,
				Text: "38 miliardi di dollari", Start: 10, End: 32},
			Evidence: extract.Span{Text: "x", Start: 0, End: 1}, Grounded: true, Confidence: 0.8,
		}},
	}
	b, err := json.Marshal(good)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"value":38000000000`) {
		t.Errorf("amount not written as an exact integer: %s", b)
	}
	if err := Validate(ArticleResult, b); err != nil {
		t.Errorf("Validate(good) = %v, want nil", err)
	}

	bad := good
	bad.Status = "fine"
	b, _ = json.Marshal(bad)
	if err := Validate(ArticleResult, b); err == nil {
		t.Error("Validate(status \"fine\") = nil, want an error")
	}
	bad = good
	bad.Article.Published = extract.StrPtr("3 Nov 2025")
	b, _ = json.Marshal(bad)
	if err := Validate(ArticleResult, b); err == nil {
		t.Error("Validate(published \"3 Nov 2025\") = nil, want an error")
	}
	bad = good
	bad.Deals = []extract.Deal{good.Deals[0]}
	bad.Deals[0].Parties = nil
	b, _ = json.Marshal(bad)
	if err := Validate(ArticleResult, b); err == nil {
		t.Error("Validate(deal without parties) = nil, want an error (minItems 1)")
	}
}

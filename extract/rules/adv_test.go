package rules

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

func TestAdversarialTiming(t *testing.T) {
	x := newTestExtractor(t)
	inputs := map[string]string{
		"money one sentence": strings.Repeat("Amazon investe $1 miliardo in OpenAI e ", 5000),
		"money sentences":    strings.Repeat("Amazon investe 1 miliardo di dollari in OpenAI. ", 5000),
		"mentions":           strings.Repeat("Amazon OpenAI Nvidia ", 20000),
		"table":              "| Company | Partner | Amount |\n|---|---|---|\n" + strings.Repeat("| Amazon | OpenAI | $10B |\n", 5000),
		"parens":             strings.Repeat("50 miliardi di dollari (15 immediati, 35 legati a condizioni) ", 3000),
		"dots":               strings.Repeat("U.S. ", 50000),
		"digits":             strings.Repeat("1", 200000),
	}
	for name, in := range inputs {
		start := time.Now()
		res, err := x.Extract(context.Background(), extract.Article{Text: in, Lang: "it"})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d bytes, %d deals, %v", name, len(in), len(res.Deals), time.Since(start))
	}
}

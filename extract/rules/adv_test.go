package rules

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

func TestAdversarialTiming(t *testing.T) {
	x := newTestExtractor(t)
	inputs := map[string]string{
		"money one sentence": strings.Repeat("Amazon investe $1 miliardo in OpenAI e ", 5000),
		"money sentences":    strings.Repeat("Amazon investe 1 miliardo di dollari in OpenAI. ", 500),
		"mentions":           strings.Repeat("Amazon OpenAI Nvidia ", 2000),
		"table":              "| Company | Partner | Amount |\n|---|---|---|\n" + strings.Repeat("| Amazon | OpenAI | $10B |\n", 500),
		"parens":             strings.Repeat("50 miliardi di dollari (15 immediati, 35 legati a condizioni) ", 3000),
		"dots":               strings.Repeat("U.S. ", 5000),
	}
	name := os.Getenv("ADV")
	in := inputs[name]
	start := time.Now()
	figs := figures.Parse(in, "it")
	t.Logf("%s: parse %d figs %v", name, len(figs), time.Since(start))
	start = time.Now()
	res, err := x.Extract(context.Background(), extract.Article{Text: in, Lang: "it"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes, %d deals, %v", name, len(in), len(res.Deals), time.Since(start))
}

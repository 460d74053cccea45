package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/rules"
)

// The rules backend builds its deals from the text, so grounding must
// leave every one of them unchanged and grounded, on the whole corpus
// and in each language the articles could be read in.
func TestGroundKeepsRulesDeals(t *testing.T) {
	x, err := rules.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob("../testdata/corpus/*.txt")
	if len(names) == 0 {
		t.Fatal("no corpus")
	}
	total := 0
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"it", "es", "en"} {
			a := extract.Article{ID: filepath.Base(n), Lang: lang, Text: string(b)}
			ex, err := x.Extract(context.Background(), a)
			if err != nil {
				t.Fatalf("%s (%s): %v", n, lang, err)
			}
			got, warns := extract.Ground(a, ex.Deals)
			total += len(ex.Deals)
			for _, w := range warns {
				t.Errorf("%s (%s): deal %d: %s: %s", filepath.Base(n), lang, *w.Deal, w.Code, w.Message)
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], ex.Deals[i]) {
					t.Errorf("%s (%s): Ground changed deal %d:\n got %+v\nwant %+v", filepath.Base(n), lang, i, got[i], ex.Deals[i])
				}
			}
		}
	}
	if total == 0 {
		t.Error("the rules backend found no deals in the corpus: nothing was checked")
	}
}

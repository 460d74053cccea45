package rules

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// blindSets are the blind evaluation batches: fifteen articles each (five
// per language, in testdata/blindN/), written by engineers who had not
// read the rules, the gazetteer or any earlier test article, with the
// facts listed for a reviewer in testdata/blindN.md or the batch's
// README. Each was scored blind on its first run (the numbers are in the
// issue notes: blind4 P 0.355 R 0.440, blind5 P 0.444 R 0.542, blind6
// P 0.491 R 0.538) and then used to fix error classes with general rules,
// so they are now regression sets: the floors keep what was won.
var blindSets = []struct {
	name                    string
	minPrecision, minRecall float64
}{
	{"blind4", 0.90, 0.85},
	{"blind5", 0.90, 0.85},
	{"blind6", 0.90, 0.80},
}

// TestBlindEvaluation measures precision and recall on each blind batch
// (testdata/expected_blindN.json), logs them per language and overall
// with every miss and false positive, and fails below the set's floor.
// Run with
//
//	go test -run TestBlindEvaluation -v ./extract/rules/
func TestBlindEvaluation(t *testing.T) {
	x := newTestExtractor(t)
	for _, set := range blindSets {
		t.Run(set.name, func(t *testing.T) {
			file := "expected_" + set.name + ".json"
			b, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			var ef expectedFile
			if err := json.Unmarshal(b, &ef); err != nil {
				t.Fatal(err)
			}
			if len(ef.Articles) == 0 {
				t.Fatalf("no articles in %s", file)
			}
			type totals struct{ tp, pred, exp int }
			sum := map[string]*totals{"all": {}}
			for _, ea := range ef.Articles {
				a := loadArticle(t, ea.dir(), ea.testArticle)
				res, err := x.Extract(context.Background(), a)
				if err != nil {
					t.Fatalf("%s: %v", ea.File, err)
				}
				checkDeals(t, a, res.Deals)
				tp, pred, exp, misses := score(pairsOf(res.Deals), ea.Facts)
				lang, _, _ := strings.Cut(filepath.Base(ea.File), "_")
				for _, k := range []string{lang, "all"} {
					if sum[k] == nil {
						sum[k] = &totals{}
					}
					s := sum[k]
					s.tp, s.pred, s.exp = s.tp+tp, s.pred+pred, s.exp+exp
				}
				t.Logf("%s: tp %d, predicted %d, expected %d", ea.File, tp, pred, exp)
				for _, m := range misses {
					t.Logf("%s: %s", ea.File, m)
				}
			}
			for _, k := range []string{"it", "es", "en", "all"} {
				if s := sum[k]; s != nil {
					t.Logf("%s %s: precision %.3f (%d/%d), recall %.3f (%d/%d)",
						set.name, k, ratio(s.tp, s.pred), s.tp, s.pred, ratio(s.tp, s.exp), s.tp, s.exp)
				}
			}
			all := sum["all"]
			if p, r := ratio(all.tp, all.pred), ratio(all.tp, all.exp); p < set.minPrecision || r < set.minRecall {
				t.Errorf("%s: precision %.3f, recall %.3f; want at least %.2f, %.2f", set.name, p, r, set.minPrecision, set.minRecall)
			}
		})
	}
}

package rules

import (
	"path/filepath"
	"testing"
)

// shownSets are the blind batches of issue 16, scored on the deals shown
// by default (confidence at least 0.5). Each was written by a helper who
// had not read the rules, with the labels written before its first run,
// and scored once blind before it was used for anything else:
//
//	blind7 (rules-a, 30 articles): first run P 0.273 R 0.300 (rules of 783e151)
//	blind8 (rules-b, 15 articles): first run P 0.730 R 0.628 (after round 1)
//	blind9 (rules-c, 15 articles): first run P 0.825 R 0.688 (after round 2)
//
// blind7 and blind8 were then used to find error classes (fixed with
// general rules only), so their scores here are optimistic; the floors
// keep what was won.
var shownSets = []struct {
	name                    string
	minPrecision, minRecall float64
}{
	{"blind7", 0.93, 0.84},
	{"blind8", 0.93, 0.76},
	{"blind9", 0.80, 0.65},
}

// TestBlindShown measures precision and recall of the deals shown by
// default on each batch of shownSets and fails below its floor. Run with
//
//	go test -run TestBlindShown -v ./extract/rules/
func TestBlindShown(t *testing.T) {
	x := newTestExtractor(t)
	for _, set := range shownSets {
		t.Run(set.name, func(t *testing.T) {
			ef := readExpected(t, filepath.Join("testdata", "expected_"+set.name+".json"))
			canonicalFacts(x.gaz, ef)
			bs := evalBatch(t, x, ef, 0.5, func(ea expectedArticle) string { return ea.dir() })
			bs.log(t, set.name+" shown")
			all := bs.sum["all"]
			if p, r := ratio(all.tp, all.pred), ratio(all.tp, all.exp); p < set.minPrecision || r < set.minRecall {
				t.Errorf("%s: shown precision %.3f, recall %.3f; want at least %.2f, %.2f", set.name, p, r, set.minPrecision, set.minRecall)
			}
		})
	}
}

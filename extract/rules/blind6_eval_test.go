package rules

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBlind6Evaluation measures precision and recall on
// testdata/expected_blind6.json, the third and final blind batch of
// fifteen articles (five per language, in testdata/blind6/) written
// without reading the rules, the gazetteer or any earlier test article;
// the facts are listed for a reviewer in testdata/blind6.md. It logs the
// numbers per language and overall, and every miss and false positive;
// it asserts no floor: the batch measures how the rules generalise and
// must not be tuned on. Run with
//
//	go test -run TestBlind6Evaluation -v ./extract/rules/
func TestBlind6Evaluation(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "expected_blind6.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ef expectedFile
	if err := json.Unmarshal(b, &ef); err != nil {
		t.Fatal(err)
	}
	if len(ef.Articles) == 0 {
		t.Fatal("no articles in expected_blind6.json")
	}
	x := newTestExtractor(t)
	type totals struct{ tp, pred, exp int }
	sum := map[string]*totals{"all": {}}
	for _, ea := range ef.Articles {
		a := loadArticle(t, ea.dir(), ea.testArticle)
		res, err := x.Extract(context.Background(), a)
		if err != nil {
			t.Fatalf("%s: %v", ea.File, err)
		}
		checkDeals(t, a, res.Deals)
		pairs := pairsOf(res.Deals)
		tp, pred, exp, misses := score(pairs, ea.Facts)
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
		s := sum[k]
		if s == nil {
			continue
		}
		t.Logf("blind6 %s: precision %.3f (%d/%d), recall %.3f (%d/%d)",
			k, ratio(s.tp, s.pred), s.tp, s.pred, ratio(s.tp, s.exp), s.tp, s.exp)
	}
}

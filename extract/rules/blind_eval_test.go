package rules

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
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
			ef := readExpected(t, filepath.Join("testdata", "expected_"+set.name+".json"))
			bs := evalBatch(t, x, ef, 0, func(ea expectedArticle) string { return ea.dir() })
			bs.log(t, set.name)
			all := bs.sum["all"]
			if p, r := ratio(all.tp, all.pred), ratio(all.tp, all.exp); p < set.minPrecision || r < set.minRecall {
				t.Errorf("%s: precision %.3f, recall %.3f; want at least %.2f, %.2f", set.name, p, r, set.minPrecision, set.minRecall)
			}
		})
	}
}

// TestBlindBatch scores a batch outside the tree: the folder named by
// DEALWATCH_BLIND_DIR holds the articles and an expected.json in the
// format of testdata/expected_blind6.json, whose facts may also carry
// kind, stage, confirmation and mention labels. It logs precision and
// recall overall and per language, and the share of matched facts whose
// kind, stage, confirmation and mention are right. It scores the deals
// shown by default (confidence at least 0.5, see GuessConfidence), then
// all the deals emitted. It never fails on the scores: it measures. Run
// with
//
//	DEALWATCH_BLIND_DIR=/path/to/batch go test -run TestBlindBatch -v ./extract/rules/
func TestBlindBatch(t *testing.T) {
	root := os.Getenv("DEALWATCH_BLIND_DIR")
	if root == "" {
		t.Skip("DEALWATCH_BLIND_DIR is not set")
	}
	ef := readExpected(t, filepath.Join(root, "expected.json"))
	x := newTestExtractor(t)
	canonicalFacts(x.gaz, ef)
	dir := func(ea expectedArticle) string {
		if _, err := os.Stat(filepath.Join(root, ea.File)); err != nil && ea.Dir != "" {
			return filepath.Join(root, ea.Dir)
		}
		return root
	}
	all := evalBatch(t, x, ef, 0, dir)
	shown := evalBatch(t, x, ef, 0.5, dir)
	shown.log(t, filepath.Base(root)+" shown")
	all.lines = nil
	all.log(t, filepath.Base(root)+" all emitted")
}

// canonicalFacts writes the party names of ef's facts as the gazetteer
// does when the gazetteer knows the name as written ("Mistral AI" is
// Mistral, "SoftBank Group" SoftBank): a batch written without the
// gazetteer names companies as articles do.
func canonicalFacts(g *Gazetteer, ef expectedFile) {
	canon := func(names []string) {
		for k, n := range names {
			if ms := g.find(n); len(ms) == 1 && ms[0].start == 0 && ms[0].end == len(n) && ms[0].kind != aliasPerson {
				names[k] = g.name(ms[0].entity)
			}
		}
	}
	for _, ea := range ef.Articles {
		for _, f := range ea.Facts {
			canon(f.Parties)
			canon(f.Also)
		}
	}
}

// readExpected reads and checks a batch's expected facts.
func readExpected(t *testing.T, path string) expectedFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ef expectedFile
	if err := json.Unmarshal(b, &ef); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(ef.Articles) == 0 {
		t.Fatalf("no articles in %s", path)
	}
	return ef
}

// totals counts true positives, predictions and expected facts.
type totals struct{ tp, pred, exp int }

// share counts matched facts whose label the rules got right.
type share struct{ right, n int }

func (s *share) add(want, got string) bool {
	if want == "" {
		return true
	}
	s.n++
	if want == got {
		s.right++
		return true
	}
	return false
}

// batchScore is what evalBatch measured on one batch.
type batchScore struct {
	sum                                map[string]*totals // per language and "all"
	kind, stage, confirmation, mention share
	lines                              []string
}

// confirmationOf and mentionOf read a deal's schema-2 labels.
func confirmationOf(d extract.Deal) string { return string(d.Confirmation) }
func mentionOf(d extract.Deal) string      { return string(d.Mention) }

// evalBatch extracts every article of ef (found in dir(article)) and
// scores its deals of confidence at least minConf with score and assign.
func evalBatch(t *testing.T, x *Extractor, ef expectedFile, minConf float64, dir func(expectedArticle) string) batchScore {
	t.Helper()
	bs := batchScore{sum: map[string]*totals{"all": {}}}
	for _, ea := range ef.Articles {
		a := loadArticle(t, dir(ea), ea.testArticle)
		res, err := x.Extract(context.Background(), a)
		if err != nil {
			t.Fatalf("%s: %v", ea.File, err)
		}
		checkDeals(t, a, res.Deals)
		var deals []extract.Deal
		for _, d := range res.Deals {
			if d.Confidence >= minConf {
				deals = append(deals, d)
			}
		}
		pairs := pairsOf(deals)
		tp, pred, exp, misses := score(pairs, ea.Facts)
		lang := ea.Lang
		if lang == "" {
			lang, _, _ = strings.Cut(filepath.Base(ea.File), "_")
		}
		for _, k := range []string{lang, "all"} {
			if bs.sum[k] == nil {
				bs.sum[k] = &totals{}
			}
			s := bs.sum[k]
			s.tp, s.pred, s.exp = s.tp+tp, s.pred+pred, s.exp+exp
		}
		bs.lines = append(bs.lines, ea.File+": tp "+itoa(tp)+", predicted "+itoa(pred)+", expected "+itoa(exp))
		for _, m := range misses {
			bs.lines = append(bs.lines, ea.File+": "+m)
		}
		for k, hit := range assign(pairs, ea.Facts) {
			if hit < 0 || ea.Facts[hit].Optional {
				continue
			}
			f, d := ea.Facts[hit], deals[pairs[k].deal]
			bs.kind.add(f.Kind, string(d.Kind))
			for _, l := range []struct {
				s         *share
				name      string
				want, got string
			}{
				{&bs.stage, "stage", f.Stage, string(d.Status)},
				{&bs.confirmation, "confirmation", f.Confirmation, confirmationOf(d)},
				{&bs.mention, "mention", f.Mention, mentionOf(d)},
			} {
				if l.got == "" && l.name != "stage" {
					continue // not produced yet
				}
				if !l.s.add(l.want, l.got) {
					bs.lines = append(bs.lines, ea.File+": wrong "+l.name+": "+pairs[k].String()+" "+l.got+", want "+l.want)
				}
			}
		}
	}
	return bs
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// log writes the batch's details and scores.
func (bs batchScore) log(t *testing.T, name string) {
	t.Helper()
	for _, l := range bs.lines {
		t.Log(l)
	}
	for _, k := range []string{"it", "es", "en", "all"} {
		if s := bs.sum[k]; s != nil {
			p, r := ratio(s.tp, s.pred), ratio(s.tp, s.exp)
			f1 := 0.0
			if p+r > 0 {
				f1 = 2 * p * r / (p + r)
			}
			t.Logf("%s %s: precision %.3f (%d/%d), recall %.3f (%d/%d), F1 %.3f",
				name, k, p, s.tp, s.pred, r, s.tp, s.exp, f1)
		}
	}
	for _, l := range []struct {
		name string
		s    share
	}{{"kind", bs.kind}, {"stage", bs.stage}, {"confirmation", bs.confirmation}, {"mention", bs.mention}} {
		if l.s.n > 0 {
			t.Logf("%s %s right on %.3f (%d/%d) of matched labelled facts", name, l.name, ratio(l.s.right, l.s.n), l.s.right, l.s.n)
		}
	}
}

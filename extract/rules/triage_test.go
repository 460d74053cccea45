package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// dealBearing lists every article of the hand-checked sets (the seed
// corpus, the blind batches, heldout and unseen): each states at least
// one deal.
func dealBearing(t *testing.T) []expectedArticle {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "expected*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no expected files: %v", err)
	}
	var out []expectedArticle
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ef expectedFile
		if err := json.Unmarshal(b, &ef); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, ea := range ef.Articles {
			for _, fact := range ea.Facts {
				if !fact.Optional {
					out = append(out, ea)
					break
				}
			}
		}
	}
	return out
}

// TestTriageKeepsDeals: no deal-bearing article of the seeds and the
// blind batches is triaged away.
func TestTriageKeepsDeals(t *testing.T) {
	x := newTestExtractor(t)
	arts := dealBearing(t)
	lost, rulesOnly := 0, 0
	for _, ea := range arts {
		a := loadArticle(t, ea.dir(), ea.testArticle)
		v := x.Triage(a)
		if v.Send && (v.Figures == 0 || len(v.Cues) == 0) {
			rulesOnly++
		}
		if !v.Send {
			lost++
			t.Errorf("%s/%s: deal-bearing article triaged away: %s", ea.Dir, ea.File, v.Reason)
		}
	}
	t.Logf("deal-bearing articles: %d, triaged away: %d, sent only because the rules read a deal: %d", len(arts), lost, rulesOnly)
}

// nonDealLabels is a non-deal set's labels.json.
type nonDealLabels struct {
	Articles []struct {
		File string `json:"file"`
		Lang string `json:"lang"`
		Type string `json:"type"`
	} `json:"articles"`
}

// scoreNonDeal triages every article of a non-deal set (a folder with a
// labels.json) and returns the skipped and total counts per language
// ("all" for the sum).
func scoreNonDeal(t *testing.T, x *Extractor, dir string) (skipped, total map[string]int) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var l nonDealLabels
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	skipped, total = map[string]int{}, map[string]int{}
	for _, e := range l.Articles {
		a := loadArticle(t, dir, testArticle{File: e.File, Lang: e.Lang})
		v := x.Triage(a)
		total[e.Lang]++
		total["all"]++
		if !v.Send {
			skipped[e.Lang]++
			skipped["all"]++
		}
		t.Logf("%-45s %-8s send=%-5v figures=%d rules=%d cues=%s (%s)", e.File, e.Type, v.Send, v.Figures, v.RulesDeals, strings.Join(v.Cues, "|"), v.Reason)
	}
	return skipped, total
}

// TestTriageNonDealDir scores a non-deal set given by
// DEALWATCH_TRIAGE_DIR (a folder of articles with a labels.json).
func TestTriageNonDealDir(t *testing.T) {
	dir := os.Getenv("DEALWATCH_TRIAGE_DIR")
	if dir == "" {
		t.Skip("set DEALWATCH_TRIAGE_DIR to a folder of non-deal articles with labels.json")
	}
	skipped, total := scoreNonDeal(t, newTestExtractor(t), dir)
	langs := make([]string, 0, len(total))
	for l := range total {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		t.Logf("skipped %s: %d/%d (%.0f%%)", l, skipped[l], total[l], 100*ratio(skipped[l], total[l]))
	}
}

// TestTriageNonDeal: at least 70% of the 54 non-deal articles of
// testdata/nondeal (opinion, products, earnings, markets, policy; it, es,
// en) are skipped. The set was written blind and scored once before
// the cues were tuned: 38/54 then.
func TestTriageNonDeal(t *testing.T) {
	skipped, total := scoreNonDeal(t, newTestExtractor(t), filepath.Join("testdata", "nondeal"))
	if total["all"] != 54 {
		t.Fatalf("%d articles, want 54", total["all"])
	}
	for _, l := range []string{"it", "es", "en", "all"} {
		t.Logf("skipped %s: %d/%d", l, skipped[l], total[l])
	}
	if r := ratio(skipped["all"], total["all"]); r < 0.85 {
		t.Errorf("skipped %.2f of the non-deal articles, want at least 0.85 (0.70 is the target; 0.89 when written)", r)
	}
}

func TestTriageCues(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{"The company raised $6.6 billion from investors.", true},
		{"It also raised its quarterly dividend by 10%.", false},
		{"Analysts raised their price target to $185.", false},
		{"Il piano non prevede acquisizioni rilevanti.", false},
		{"Microsoft completa l'acquisizione di Nuance.", true},
		{"La inversión en servidores crecerá.", false},
		{"Amazon anunció una inversión en Anthropic.", true},
		{"Se hará de acuerdo con los plazos europeos.", false},
		{"Telefónica firma un acuerdo con la estadounidense Nvidia.", true},
		{"The next round is scheduled for March.", false},
		{"The Series B round led by Sequoia.", true},
		{"Nvidia to invest up to $100 billion in OpenAI.", true},
		{"Oracle inks $30B cloud deal.", true},
		{"Meta no planea ninguna fusión.", false},
	} {
		got := len(findCues(c.text, 1)) > 0
		if got != c.want {
			t.Errorf("%q: cue found %v, want %v (%v)", c.text, got, c.want, findCues(c.text, 3))
		}
	}
}

// A deal stated without a figure is sent when a cue and two companies
// share a sentence; a cue alone is not enough.
func TestTriageFigureless(t *testing.T) {
	x := newTestExtractor(t)
	for _, c := range []struct {
		lang, text string
		want       bool
	}{
		{"it", "OpenAI e Amazon firmano il contratto numero 3 per la capacità di calcolo nel cloud, annunciato oggi a Seattle.", true},
		{"en", "Microsoft signed a multiyear partnership with Oracle for cloud capacity, the companies said on Tuesday.", true},
		{"es", "El sindicato y la dirección firmaron el acuerdo para el plan de bajas voluntarias tras semanas de negociación.", false},
		{"en", "The new laptop ships in March with a faster chip and a brighter screen.", false},
	} {
		v := x.Triage(extract.Article{ID: "t", Lang: c.lang, Text: c.text})
		if v.Send != c.want {
			t.Errorf("%q: send %v (%s), want %v", c.text, v.Send, v.Reason, c.want)
		}
	}
}

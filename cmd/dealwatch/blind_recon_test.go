package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/prompts"
)

// TestBlindReconciliation replays the blind reconciliation sets
// (testdata/blind/recon, recon2, recon3; recon: 29 articles about 12 deals over months, written
// and labelled by someone who had not read the reconciler, with answers
// recorded from a helper acting as the model) and checks the review
// queue against the expected verdicts: every deal flagged for review is a
// true conflict, every true conflict is flagged, and no real deal is
// under two ids (a reconciled deal whose articles and parties point to
// one expected deal only counts for it, as tools/score_recon.py counts).
// See testdata/blind/README.md for the full score (current figures).
func TestBlindReconciliation(t *testing.T) {
	repoRoot(t)
	t.Run("recon", func(t *testing.T) { blindReconciliation(t, "recon", nil) })
	t.Run("recon2", func(t *testing.T) { blindReconciliation(t, "recon2", nil) })
	t.Run("recon3", func(t *testing.T) { blindReconciliation(t, "recon3", nil) })
}

// blindReconciliation scores one blind set; knownSplits are the expected
// deals allowed under two ids.
func blindReconciliation(t *testing.T, set string, knownSplits map[string]bool) {
	dir := filepath.Join("testdata", "blind", set)
	var exp struct {
		Deals []struct {
			ID           string   `json:"id"`
			Parties      []string `json:"parties"`
			TrueConflict bool     `json:"true_conflict"`
		} `json:"deals"`
		Articles []struct {
			File  string   `json:"file"`
			Deals []string `json:"deals"`
		} `json:"articles"`
	}
	readJSON(t, filepath.Join(dir, "expected.json"), &exp)
	var index []struct {
		File      string `json:"file"`
		ArticleID string `json:"article_id"`
	}
	readJSON(t, filepath.Join(dir, "index.json"), &index)
	if c := cassettePromptVersion(t, filepath.Join(dir, "cassettes")); c != prompts.Version() {
		t.Skipf("the blind cassettes answer prompt %s, the prompts are now %s: record them again (testdata/blind/README.md)", c, prompts.Version())
	}
	db := filepath.Join(t.TempDir(), "recon.db")
	if _, errOut, code := runCLI(t, nil, "run", "--db", db, "--backend", "replay", "--cassettes", filepath.Join(dir, "cassettes"),
		"--model", "blindhelper", filepath.Join(dir, "articles")); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	out, errOut, code := runCLI(t, nil, "deals", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("deals: exit %d: %s", code, errOut)
	}
	fileOf := map[string]string{}
	for _, e := range index {
		fileOf[e.ArticleID] = e.File
	}
	dealsOf := map[string][]string{}
	for _, a := range exp.Articles {
		for _, d := range a.Deals {
			id, _, _ := strings.Cut(d, ":")
			dealsOf[a.File] = append(dealsOf[a.File], id)
		}
	}
	norm := func(s string) string { return strings.ToLower(strings.ReplaceAll(s, " ", "")) }
	// standsFor is the expected deal a reconciled deal stands for: among
	// those its articles report, the one sharing the most parties.
	standsFor := func(d extract.ReconciledDeal) (string, bool) {
		parties := map[string]bool{}
		for _, p := range d.Parties {
			parties[norm(p)] = true
		}
		best, id, conflict := 0, "", false
		for _, ed := range exp.Deals {
			common := 0
			for _, p := range ed.Parties {
				if parties[norm(p)] {
					common++
				}
			}
			if common == 0 || common < 2 && len(parties) >= 2 && len(ed.Parties) >= 2 || common <= best {
				continue
			}
			for _, h := range d.History {
				if strings.Contains(strings.Join(dealsOf[fileOf[h.Article]], " "), ed.ID) {
					best, id, conflict = common, ed.ID, ed.TrueConflict
					break
				}
			}
		}
		return id, conflict
	}
	// candidates are the expected deals a reconciled deal may stand for:
	// those its articles report that share the most parties with it.
	candidates := func(d extract.ReconciledDeal) []string {
		parties := map[string]bool{}
		for _, p := range d.Parties {
			parties[norm(p)] = true
		}
		best, out := 0, []string(nil)
		for _, ed := range exp.Deals {
			common := 0
			for _, p := range ed.Parties {
				if parties[norm(p)] {
					common++
				}
			}
			if common == 0 || common < 2 && len(parties) >= 2 && len(ed.Parties) >= 2 || common < best {
				continue
			}
			reported := false
			for _, h := range d.History {
				if strings.Contains(" "+strings.Join(dealsOf[fileOf[h.Article]], " ")+" ", " "+ed.ID+" ") {
					reported = true
				}
			}
			if !reported {
				continue
			}
			if common > best {
				best, out = common, nil
			}
			out = append(out, ed.ID)
		}
		return out
	}
	under := map[string][]string{}
	caught := map[string]bool{}
	flagged := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d extract.ReconciledDeal
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("decode %s: %v", line, err)
		}
		if c := candidates(d); len(c) == 1 {
			under[c[0]] = append(under[c[0]], d.ID)
		}
		if d.Review != extract.ReviewNeeded {
			continue
		}
		flagged++
		id, real := standsFor(d)
		if !real {
			t.Errorf("false alarm: %s (stands for %q) needs review: %v", d.ID, id, d.Conflicts)
			continue
		}
		caught[id] = true
	}
	for _, ed := range exp.Deals {
		if ed.TrueConflict && !caught[ed.ID] {
			t.Errorf("true conflict %s (%v) is not in the review queue", ed.ID, ed.Parties)
		}
	}
	for id, ds := range under {
		if len(ds) > 1 && !knownSplits[id] {
			t.Errorf("real deal %s is under %d ids: %v", id, len(ds), ds)
		}
	}
	t.Logf("%d deals flagged, %d true conflicts caught", flagged, len(caught))
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// cassettePromptVersion is the prompt version of the first cassette in dir.
func cassettePromptVersion(t *testing.T, dir string) string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(names) == 0 {
		t.Fatalf("no cassettes in %s", dir)
	}
	var c struct {
		PromptVersion string `json:"prompt_version"`
	}
	readJSON(t, names[0], &c)
	return c.PromptVersion
}

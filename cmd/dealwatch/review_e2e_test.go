package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract/extracttest"
)

// The four nights of the review loop, on the rules backend: edits, an
// empty file, an unsupported article and a missing path.
const (
	nightIT = `OpenAI firma con AWS

3 novembre 2025

OpenAI ha firmato un accordo con Amazon Web Services dal valore di 38 miliardi di dollari per acquistare capacità di calcolo.
`
	nightEN = `OpenAI and Amazon sign a compute deal

November 4, 2025

OpenAI signed a $38 billion agreement with Amazon Web Services to buy computing capacity over seven years.
`
	nightDE = `OpenAI unterzeichnet Vertrag mit Amazon

OpenAI hat mit Amazon Web Services einen Vertrag über 38 Milliarden Dollar unterzeichnet, um Rechenkapazität zu kaufen. Das Unternehmen erklärte am Montag, dass die Vereinbarung sieben Jahre läuft.
`
	nightNew = `OpenAI, AWS deal is worth more

November 10, 2025

OpenAI signed a $58 billion agreement with Amazon Web Services for computing capacity, people familiar said.
`
)

// diffJSON runs diff --json, validates every line against
// diff.schema.json and returns the records.
func diffJSON(t *testing.T, args ...string) []map[string]any {
	t.Helper()
	out, errOut, code := runCLI(t, nil, append([]string{"diff", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("diff --json %v: exit %d: %s", args, code, errOut)
	}
	var recs []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if err := extracttest.Validate(extracttest.Diff, []byte(l)); err != nil {
			t.Errorf("diff --json line not valid against diff.schema.json: %v\n%s", err, l)
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		if m["scope"] == nil {
			t.Errorf("record without scope: %s", l)
		}
		recs = append(recs, m)
	}
	return recs
}

func mustCLI(t *testing.T, wantCode int, args ...string) string {
	t.Helper()
	out, errOut, code := runCLI(t, map[string]string{"USER": "ann"}, args...)
	if code != wantCode {
		t.Fatalf("%v: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", args, code, wantCode, out, errOut)
	}
	return out
}

func TestReviewFourNights(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "review.db")
	writeFile(t, dir, "aws-it.txt", nightIT)
	writeFile(t, dir, "aws-en.txt", nightEN)
	writeFile(t, dir, "notes.txt", "  \n")
	writeFile(t, dir, "aws-de.txt", nightDE)
	const deal = "amazon+openai/compute_contract"

	// Night 1: two articles agree; the empty and the German ones are not
	// extracted, and diff says so in their own section.
	mustCLI(t, 0, "run", "--db", db, dir)
	if out := mustCLI(t, 0, "review", "--db", db); !strings.Contains(out, "empty") {
		t.Errorf("night 1: queue not empty:\n%s", out)
	}
	out := mustCLI(t, 0, "diff", "--db", db)
	for _, want := range []string{"NOT EXTRACTED", "empty", "notes.txt", "unsupported_language", "aws-de.txt", "“OpenAI firma con AWS” (aws-it.txt)"} {
		if !strings.Contains(out, want) {
			t.Errorf("night 1 diff lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sha256:") {
		t.Errorf("night 1 diff names articles by hash:\n%s", out)
	}
	arts := mustCLI(t, 0, "articles", "--db", db, "--status", "empty,unsupported")
	if !strings.Contains(arts, "notes.txt") || !strings.Contains(arts, "aws-de.txt") || strings.Contains(arts, "aws-it.txt") {
		t.Errorf("articles --status empty,unsupported:\n%s", arts)
	}
	diffJSON(t, "--db", db)

	// Night 2: the English article is edited (38 → 48) and a path is
	// missing. diff pairs the edit as one change of the amount, with
	// its sentence; the deal enters the queue.
	writeFile(t, dir, "aws-en.txt", strings.Replace(nightEN, "$38 billion", "$48 billion", 1))
	mustCLI(t, 1, "run", "--db", db, dir, filepath.Join(dir, "missing.txt"))
	out = mustCLI(t, 0, "diff", "--db", db)
	for _, want := range []string{"1 article changed", "amount: $38B → $48B", "“OpenAI signed a $48 billion agreement", "missing.txt", "failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("night 2 diff lacks %q:\n%s", want, out)
		}
	}
	if strings.Count(out, "aws-en.txt") != 1 {
		t.Errorf("night 2 diff lists the edited article %d times, want once:\n%s", strings.Count(out, "aws-en.txt"), out)
	}
	var facts []map[string]any
	for _, r := range diffJSON(t, "--db", db) {
		if r["scope"] == "fact" {
			facts = append(facts, r)
		}
	}
	if len(facts) != 1 || facts[0]["change"] != "changed" || facts[0]["field"] != "amount" || facts[0]["deal"] != deal {
		t.Fatalf("night 2 fact records = %v, want one paired amount change of %s", facts, deal)
	}
	if after, _ := facts[0]["after"].(map[string]any); after["currency"] != "USD" || after["value"] != 48e9 {
		t.Errorf("night 2 amount after = %v, want structured 48e9 USD", facts[0]["after"])
	}
	// Backward, the same pair the other way.
	out = mustCLI(t, 0, "diff", "--db", db, "2", "1")
	if !strings.Contains(out, "amount: $48B → $38B") {
		t.Errorf("diff 2 1 is not the reverse of diff 1 2:\n%s", out)
	}
	queue := mustCLI(t, 0, "review", "--db", db)
	for _, want := range []string{"1 deal", deal, "$38B", "$48B", "aws-en.txt", "aws-it.txt", "2025-11-04", "“OpenAI signed a $48 billion"} {
		if !strings.Contains(queue, want) {
			t.Errorf("night 2 queue lacks %q:\n%s", want, queue)
		}
	}
	if out := mustCLI(t, 0, "deals", "--db", db); !strings.Contains(out, "[open]") {
		t.Errorf("deals does not show the open review state:\n%s", out)
	}

	// The reviewer resolves it (the deal named in upper case, by a
	// prefix): the queue shrinks, the chosen figure is current.
	out = mustCLI(t, 0, "review", "resolve", "--db", db, "AMAZON+OPENAI/COMP", "--value", "$48B", "--note", "the filing says 48")
	if !strings.Contains(out, "now resolved") {
		t.Errorf("resolve:\n%s", out)
	}
	if out := mustCLI(t, 0, "review", "--db", db); !strings.Contains(out, "queue: empty") {
		t.Errorf("queue after resolve:\n%s", out)
	}
	if out := mustCLI(t, 0, "deals", "--db", db); !strings.Contains(out, "$48B") || !strings.Contains(out, "review: resolved") {
		t.Errorf("deals after resolve:\n%s", out)
	}
	// deals --json honours the decision and keeps to the schema: the
	// conflict stays, resolved; the chosen figure is current.
	for _, l := range strings.Split(strings.TrimSpace(mustCLI(t, 0, "deals", "--db", db, "--json")), "\n") {
		if err := extracttest.Validate(extracttest.ReconciledDeal, []byte(l)); err != nil {
			t.Errorf("deals --json after resolve: %v\n%s", err, l)
		}
		if !strings.Contains(l, `"resolution":"resolved"`) || !strings.Contains(l, `"reason":"resolved_by_reviewer"`) || !strings.Contains(l, `"review":"none"`) {
			t.Errorf("deals --json after resolve does not show the decision:\n%s", l)
		}
	}
	if out := mustCLI(t, 0, "export", "--db", db, "--deals", "--csv"); !strings.Contains(out, deal+",compute_contract,Amazon; OpenAI,48000000000,,USD,exact,total,,agreed") || !strings.Contains(out, ",resolved,") {
		t.Errorf("export --deals after resolve:\n%s", out)
	}

	if out := mustCLI(t, 0, "export", "--db", db, "--deals", "--csv", "--bom"); !strings.HasPrefix(out, "\ufeffid,kind,parties,amount") {
		t.Errorf("export --deals --bom does not start with the BOM and the header: %q", out[:min(len(out), 40)])
	}
	if out := mustCLI(t, 0, "export", "--db", db, "--json"); !strings.Contains(out, `"deal_id":"`+deal+`"`) {
		t.Errorf("export --json lacks the deal id:\n%s", out)
	}

	// Night 3: nothing new; the queue stays shrunk.
	mustCLI(t, 0, "run", "--db", db, dir)
	if out := mustCLI(t, 0, "review", "--db", db); !strings.Contains(out, "queue: empty") {
		t.Errorf("night 3 queue:\n%s", out)
	}

	// Night 4: a new article contradicts both: the deal is back, with
	// the earlier decision shown.
	writeFile(t, dir, "aws-new.txt", nightNew)
	mustCLI(t, 0, "run", "--db", db, dir)
	queue = mustCLI(t, 0, "review", "--db", db)
	for _, want := range []string{deal, "changed since", "$58B", "aws-new.txt", "earlier decision", "resolve amount → $48B by ann", "the filing says 48"} {
		if !strings.Contains(queue, want) {
			t.Errorf("night 4 queue lacks %q:\n%s", want, queue)
		}
	}
	var items []queueRecord
	for _, l := range strings.Split(strings.TrimSpace(mustCLI(t, 0, "review", "--db", db, "--json")), "\n") {
		var it queueRecord
		if err := json.Unmarshal([]byte(l), &it); err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	if len(items) != 1 || items[0].State != "changed" || len(items[0].Earlier) != 1 || items[0].Earlier[0].By != "ann" {
		t.Errorf("night 4 queue --json = %+v", items)
	}
	log := mustCLI(t, 0, "review", "log", "--db", db)
	if strings.Count(strings.TrimSpace(log), "\n") != 0 || !strings.Contains(log, "the filing says 48") {
		t.Errorf("review log:\n%s", log)
	}
	diffJSON(t, "--db", db)
	diffJSON(t, "--db", db, "0", "4")
	// history names the decision, and takes the article by path.
	if out := mustCLI(t, 0, "history", "--db", db, "Amazon+OpenAI/compute_contract"); !strings.Contains(out, "DECISIONS") || !strings.Contains(out, "! resolve amount") {
		t.Errorf("history of the deal:\n%s", out)
	}
	if out := mustCLI(t, 0, "history", "--db", db, filepath.Join(dir, "aws-en.txt")); !strings.Contains(out, "2 versions") {
		t.Errorf("history by path:\n%s", out)
	}
}

package main

import (
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/store"
)

// A run that stores new versions only because the schema changed (a
// schema-1 result stored again as schema 2, same facts) says so in diff
// instead of "0 changes".
func TestDiffSchemaOnlyRestore(t *testing.T) {
	db := mustOpenDB(t)
	v1 := extract.ArticleResult{
		SchemaVersion: 1,
		Article:       extract.ArticleInfo{ID: "sha256:00112233445566ff", Source: "/corpus/aws.txt", Title: extract.StrPtr("OpenAI and AWS"), Lang: "en", LangConfidence: 1},
		Status:        extract.StatusOK,
		Extractor:     extract.ExtractorInfo{Backend: "rules"},
		Deals: []extract.Deal{{Kind: extract.KindCompute, Status: extract.DealAgreed, Grounded: true, Confidence: 0.9,
			Parties:  []extract.Party{{Name: "OpenAI", Role: extract.RoleBuyer, Mention: "OpenAI"}, {Name: "Amazon", Role: extract.RoleSeller, Mention: "AWS"}},
			Amount:   &extract.Money{Value: figures.Dec(38, 9), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: "$38 billion"},
			Evidence: extract.Span{Text: "OpenAI signed a $38 billion deal with AWS."}}},
	}
	save := func(r extract.ArticleResult) uint64 {
		run, err := db.BeginRun(store.RunInfo{Backend: "rules"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.SaveBatch(run.ID, []store.Record{{Key: r.Article.Source, Result: &r}}); err != nil {
			t.Fatal(err)
		}
		if err := db.FinishRun(run.ID, store.RunComplete, ""); err != nil {
			t.Fatal(err)
		}
		return run.ID
	}
	save(v1)
	latest, err := db.Latest()
	if err != nil || len(latest) != 1 || latest[0].StoredSchema != 1 {
		t.Fatalf("latest = %+v, %v; want one result read from schema 1", latest, err)
	}
	v2 := latest[0]
	v2.StoredSchema = 0
	save(v2)
	vs, err := db.Versions("/corpus/aws.txt")
	if err != nil || len(vs) != 2 || vs[1].Cause != store.CauseSchema {
		t.Fatalf("versions = %d, %v; want 2, the second caused by %q", len(vs), err, store.CauseSchema)
	}
	db.Close()
	out := mustCLI(t, 0, "diff", "--db", db.Path())
	for _, want := range []string{"1 article re-stored because the schema changed (schema 1 → 2); their facts did not change", "RE-STORED, NO FACT CHANGED", "“OpenAI and AWS” (aws.txt)"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "0 changes") || strings.Contains(out, "no article changed") {
		t.Errorf("diff says nothing changed:\n%s", out)
	}
	recs := diffJSON(t, "--db", db.Path())
	if recs[0]["re_stored"] != 1.0 || recs[0]["schema_note"] == nil || recs[1]["change"] != "re_stored" {
		t.Errorf("diff --json = %v", recs)
	}
}

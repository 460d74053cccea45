package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
	"github.com/dealwatch/dealwatch/store"
	"github.com/google/go-cmp/cmp"
)

// dealsFixture is a store holding hand-made results of the kind the seed
// corpus gives: a revised compute deal, a per-year vs total conflict, a
// status conflict, two Microsoft deals and an ungrounded figure.
func dealsFixture(t *testing.T) string {
	t.Helper()
	usd := func(v string) *extract.Money {
		return &extract.Money{Value: figures.MustDecimal(v), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: v}
	}
	deal := func(kind extract.Kind, status extract.DealStatus, parties string, amount *extract.Money, evidence string, start int) extract.Deal {
		d := extract.Deal{Kind: kind, Status: status, Amount: amount, Grounded: true, Confidence: 0.9,
			Evidence: extract.Span{Text: evidence, Start: start, End: start + len(evidence)}}
		for _, p := range strings.Split(parties, ",") {
			name, role, _ := strings.Cut(p, ":")
			d.Parties = append(d.Parties, extract.Party{Name: name, Role: extract.Role(role), Mention: name})
		}
		return d
	}
	result := func(id, pub string, deals ...extract.Deal) *extract.ArticleResult {
		return &extract.ArticleResult{
			SchemaVersion: extract.SchemaVersion, Status: extract.StatusOK,
			Article:   extract.ArticleInfo{ID: id, Source: "corpus/" + id[7:15] + ".txt", Published: extract.StrPtr(pub), Lang: "it", LangConfidence: 1},
			Extractor: extract.ExtractorInfo{Backend: "test"},
			Deals:     deals,
		}
	}
	aws, inv := "Amazon:seller,OpenAI:buyer", "Amazon:investor,OpenAI:investee"
	over138 := usd("138e9")
	over138.Qualifier = figures.Over
	revised := deal(extract.KindCompute, extract.DealExpanded, aws, over138, "un impegno complessivo sull’infrastruttura AWS che sale da 38 a oltre 138 miliardi.", 420)
	revised.PreviousAmount = usd("38e9")
	fifty := deal(extract.KindInvestment, extract.DealAnnounced, inv, usd("50e9"), "un investimento da 50 miliardi di dollari (15 immediati, 35 legati a condizioni non specificate)", 300)
	fifty.Tranches = []extract.Tranche{{Amount: *usd("15e9"), Condition: extract.TrancheUpfront}, {Amount: *usd("35e9"), Condition: extract.TrancheConditional}}
	perYear := usd("30e9")
	perYear.Period = figures.PerYear
	bad := deal(extract.KindCompute, extract.DealPlanned, "OpenAI:buyer", usd("1.4e9"), "un gasto total de infraestructura de OpenAI que supera los $1.4 billones", 900)
	bad.Grounded = false
	wrong := deal(extract.KindCompute, extract.DealAnnounced, aws, usd("380e9"), "OpenAI firma con AWS un accordo da 38 miliardi di dollari.", 700)
	wrong.Grounded = false
	tableRes := result("sha256:b01a9549d376df04", "2026-04",
		wrong,
		deal(extract.KindInvestment, extract.DealRejected, inv, usd("50e9"), "The $50 billion offer to OpenAI was rejected, but the door remains open.", 9000),
		deal(extract.KindInvestment, extract.DealCompleted, "Microsoft:investor,OpenAI:investee", usd("13e9"), "| Microsoft | OpenAI | $13B | Equity + compute credits | Azure exclusive |", 5100),
		deal(extract.KindCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", usd("10e9"), "| Oracle | OpenAI | $10B | Compute credits | Oracle OCI clusters |", 5300),
	)
	esRes := result("sha256:0bef4da26b80effb", "2025-11-03",
		deal(extract.KindCompute, extract.DealAgreed, aws, usd("38000e6"), "El 3 de noviembre de 2025, OpenAI se comprometió a un contrato de siete años para comprar $38 mil millones en capacidad de cómputo a AWS.", 600),
		deal(extract.KindCompute, extract.DealAgreed, "OpenAI:buyer,Microsoft:seller", usd("250000e6"), "OpenAI ya había firmado un nuevo contrato de $250 mil millones para comprar servicios de Microsoft Azure.", 1500),
		bad,
	)
	tableRes.Warnings = []extract.Warning{{Code: extract.WarnValueMismatch, Message: "the text reads 38000000000 USD, not 380000000000", Deal: extract.Ptr(0)}}
	esRes.Warnings = []extract.Warning{{Code: extract.WarnScaleMismatch, Message: "the text reads $1.4 billones = 1400000000000 USD", Deal: extract.Ptr(2)}}
	results := []*extract.ArticleResult{
		result("sha256:baae7c18990669dd", "2025-11-03",
			deal(extract.KindCompute, extract.DealAnnounced, aws, usd("38e9"), "OpenAI ha appena firmato un accordo colossale con Amazon Web Services dal valore di 38 miliardi di dollari.", 420)),
		esRes,
		result("sha256:edc98d162f4fd3bb", "2026-02-27", fifty, revised),
		result("sha256:0102779e2f349013", "",
			deal(extract.KindCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", perYear, "Oracle, ad esempio, si è assicurata un accordo da 30 miliardi l’anno con OpenAI per offrire data center dedicati.", 3000)),
		tableRes,
	}

	path := filepath.Join(t.TempDir(), "deals.db")
	db, err := store.Open(path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	run, err := db.BeginRun(store.RunInfo{Backend: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var recs []store.Record
	for _, r := range results {
		recs = append(recs, store.Record{Key: "/corpus/" + r.Article.ID, Result: r})
	}
	if _, err := db.SaveBatch(run.ID, recs); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(run.ID, store.RunComplete, ""); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDealsJSON(t *testing.T) {
	path := dealsFixture(t)
	stdout, stderr, code := runCLI(t, nil, "deals", "--json", "--db", path)
	if code != 0 {
		t.Fatalf("deals --json exit code = %d; stderr: %s", code, stderr)
	}
	again, _, _ := runCLI(t, nil, "deals", "--db", path, "--json")
	if again != stdout {
		t.Errorf("deals --json is not byte-identical across runs on the same store")
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	var ids []string
	review := map[string]extract.Review{}
	for _, line := range lines {
		if err := extracttest.Validate(extracttest.ReconciledDeal, []byte(line)); err != nil {
			t.Errorf("line is not schema-valid: %v\n%s", err, line)
		}
		var d struct {
			ID     string         `json:"id"`
			Review extract.Review `json:"review"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
		review[d.ID] = d.Review
	}
	want := []string{"amazon+openai/compute_contract", "amazon+openai/investment", "microsoft+openai/compute_contract", "microsoft+openai/investment", "openai+oracle/compute_contract"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("deal ids = %v, want %v (sorted)", ids, want)
	}
	for id, r := range map[string]extract.Review{"amazon+openai/compute_contract": "none", "amazon+openai/investment": "needed", "openai+oracle/compute_contract": "needed", "microsoft+openai/investment": "none"} {
		if review[id] != r {
			t.Errorf("%s review = %q, want %q", id, review[id], r)
		}
	}
	repoRoot(t)
	golden(t, "testdata/golden/deals-fixture.jsonl", stdout)
}

func TestDealsReadable(t *testing.T) {
	path := dealsFixture(t)
	stdout, stderr, code := runCLI(t, nil, "deals", "--db", path)
	if code != 0 {
		t.Fatalf("deals exit code = %d; stderr: %s", code, stderr)
	}
	review := strings.Index(stdout, "NEEDS REVIEW")
	agreed := strings.Index(stdout, "AGREED ACROSS SOURCES")
	unverified := strings.Index(stdout, "UNVERIFIED")
	if review < 0 || agreed < review || unverified < agreed {
		t.Errorf("want review-needed deals, then the rest, then the unverified facts:\n%s", stdout)
	}
	if !strings.Contains(oneLine(stdout[agreed:unverified]), "amazon+openai/compute_contract over $138B expanded 2026-02-27 3 sources") {
		t.Errorf("the AWS deal should be agreed at over $138B from 3 sources:\n%s", stdout)
	}
	repoRoot(t)
	golden(t, "testdata/golden/deals-fixture.txt", stdout)
}

func TestDealHistory(t *testing.T) {
	path := dealsFixture(t)
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	history := func(id string) (string, error) {
		var out bytes.Buffer
		env := &Env{Stdout: &out, Stderr: &out, Getenv: func(string) string { return "" }}
		err := dealHistory(context.Background(), env, db, id)
		return out.String(), err
	}
	aws, err := history("amazon+openai/compute_contract")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"revised_up", "sale da 38 a oltre 138 miliardi", "$38 mil millones", "UNVERIFIED", "value_mismatch", "$380B"} {
		if !strings.Contains(strings.Join(strings.Fields(aws), " "), want) { // lines are wrapped
			t.Errorf("history of the AWS deal does not show %q:\n%s", want, aws)
		}
	}
	inv, err := history("amazon+openai/inv") // a unique prefix is enough
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(inv, "CONFLICTS") || !strings.Contains(strings.Join(strings.Fields(inv), " "), "status: announced in sha256:edc98d162f4fd3bb (2026-02-27), rejected in sha256:b01a9549d376df04 (2026-04)") {
		t.Errorf("history of the Amazon investment should show the status conflict:\n%s", inv)
	}
	if _, err := history("openai/compute_contract"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("history of a deal with only ungrounded facts: err = %v, want not found", err)
	}
	if _, err := history("amazon+openai"); err == nil || !strings.Contains(err.Error(), "names 2 deals") {
		t.Errorf("ambiguous prefix: err = %v, want one naming both deals", err)
	}
	if _, err := history("nvidia+openai/compute_contract"); err == nil || !strings.Contains(err.Error(), "did you mean") {
		t.Errorf("unknown deal: err = %v, want suggestions", err)
	}
	repoRoot(t)
	golden(t, "testdata/golden/history-aws.txt", aws)
	golden(t, "testdata/golden/history-amazon-investment.txt", inv)
}

func TestDealsUsage(t *testing.T) {
	_, stderr, code := runCLI(t, nil, "deals", "--db", filepath.Join(t.TempDir(), "none.db"))
	if code != 2 || !strings.Contains(stderr, "no store here yet") {
		t.Errorf("deals on a missing store: code %d, stderr %q; want 2 and the store hint", code, stderr)
	}
	_, stderr, code = runCLI(t, nil, "deals", "extra")
	if code != 2 || !strings.Contains(stderr, "deals takes no arguments") {
		t.Errorf("deals with an argument: code %d, stderr %q; want 2", code, stderr)
	}
}

// TestDealsCorpusGolden runs the rules backend over the seed corpus into
// a store, reconciles, and checks what the issue asks of the seeds, then
// compares the output with reviewed goldens (go test -update rewrites
// them).
func TestDealsCorpusGolden(t *testing.T) {
	repoRoot(t)
	path := filepath.Join(t.TempDir(), "corpus.db")
	if _, stderr, code := runCLI(t, nil, "run", "--db", path, "testdata/corpus"); code != 0 {
		t.Fatalf("run testdata/corpus exit code = %d; stderr:\n%s", code, stderr)
	}
	stdout, stderr, code := runCLI(t, nil, "deals", "--json", "--db", path)
	if code != 0 {
		t.Fatalf("deals --json exit code = %d; stderr:\n%s", code, stderr)
	}
	if stdout == "" {
		t.Fatal("deals --json printed nothing: the rules backend found no grounded deal in the seed corpus")
	}
	deals := map[string]extract.ReconciledDeal{}
	for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if err := extracttest.Validate(extracttest.ReconciledDeal, []byte(line)); err != nil {
			t.Errorf("line is not schema-valid: %v\n%s", err, line)
		}
		var d extract.ReconciledDeal
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("decode %s: %v", line, err)
		}
		deals[d.ID] = d
	}
	get := func(id string) extract.ReconciledDeal {
		d, ok := deals[id]
		if !ok {
			t.Errorf("no deal %s; have %v", id, sortedKeys(deals))
		}
		return d
	}

	// The AWS compute deal: 38B twice in November, revised to over 138B.
	aws := get("amazon+openai/compute_contract")
	if got := extract.DescribeCurrent(aws.Current); !strings.HasPrefix(got, "over $138B") || !strings.HasSuffix(got, "as of 2026-02-27") {
		t.Errorf("AWS current = %q, want over $138B as of 2026-02-27", got)
	}
	revised := false
	for _, h := range aws.History {
		revised = revised || h.Relation == extract.RelRevisedUp && extract.FormatMoney(h.Amount) == "over $138B"
	}
	if !revised {
		t.Errorf("AWS history has no revised_up to over $138B: %+v", aws.History)
	}
	for _, c := range aws.Conflicts {
		if c.Field == extract.FieldAmount || c.Field == extract.FieldPeriod {
			t.Errorf("AWS deal has an amount conflict: %s", c.Note)
		}
	}
	// Oracle–OpenAI: 30 miliardi l'anno against a $10B table row.
	if o := get("openai+oracle/compute_contract"); o.Review != extract.ReviewNeeded {
		t.Errorf("Oracle–OpenAI review = %s, want needed (30B/year vs $10B)", o.Review)
	}
	// Amazon's $50B in OpenAI: announced, then offered and rejected.
	inv := get("amazon+openai/investment")
	status := false
	for _, c := range inv.Conflicts {
		status = status || c.Field == extract.FieldStatus
	}
	if !status {
		t.Errorf("Amazon's $50B investment in OpenAI has no status conflict: %+v", inv.Conflicts)
	}
	// Microsoft: a $250B compute purchase and a $13B investment, apart.
	for _, id := range []string{"microsoft+openai/compute_contract", "microsoft+openai/investment"} {
		if d := get(id); d.Review != extract.ReviewNone {
			t.Errorf("%s review = %s, want none: %+v", id, d.Review, d.Conflicts)
		}
	}

	readable, stderr, code := runCLI(t, nil, "deals", "--db", path)
	if code != 0 {
		t.Fatalf("deals exit code = %d; stderr:\n%s", code, stderr)
	}
	db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var hist bytes.Buffer
	env := &Env{Stdout: &hist, Stderr: &hist, Getenv: func(string) string { return "" }}
	if err := dealHistory(context.Background(), env, db, "amazon+openai/compute_contract"); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/golden/deals-corpus.jsonl", stdout)
	golden(t, "testdata/golden/deals-corpus.txt", readable)
	golden(t, "testdata/golden/history-corpus-aws.txt", hist.String())
}

func TestWriteDealChanges(t *testing.T) {
	path := dealsFixture(t)
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	after, err := reconcileLatest(db)
	if err != nil {
		t.Fatal(err)
	}
	if n := countReview(after); n != 2 {
		t.Errorf("countReview = %d, want 2", n)
	}
	// Before: the same store without the April table (no rejection, no $10B, no $13B).
	results, err := db.Latest()
	if err != nil {
		t.Fatal(err)
	}
	var older []extract.ArticleResult
	for _, r := range results {
		if r.Article.ID != "sha256:b01a9549d376df04" {
			older = append(older, r)
		}
	}
	var out bytes.Buffer
	if err := writeDealChanges(&out, termColours{}, 80, reconcile.CompareReconciled(reconcile.Reconcile(older), after)); err != nil {
		t.Fatal(err)
	}
	want := `deals: 3 changes
  amazon+openai/investment  conflicted  $50B, announced, as of 2026-02-27
    status: announced in sha256:edc98d162f4fd3bb (2026-02-27), rejected in
      sha256:b01a9549d376df04 (2026-04): a later article says it was rejected
  microsoft+openai/investment  added  $13B, completed, as of 2026-04
  openai+oracle/compute_contract  conflicted  $30B/yr, agreed, undated
    period: per-year figure against a total: $30B/yr in sha256:0102779e2f349013
      (undated), $10B in sha256:b01a9549d376df04 (2026-04); no term reconciles
      them
`
	if got := out.String(); got != want {
		t.Errorf("writeDealChanges =\n%s\nwant\n%s", got, want)
	}
	out.Reset()
	if err := writeDealChanges(&out, termColours{}, 80, nil); err != nil || out.String() != "deals: no change\n" {
		t.Errorf("no changes: %q, %v", out.String(), err)
	}
}

func TestDealsFilters(t *testing.T) {
	path := dealsFixture(t)
	tests := []struct {
		args []string
		want []string
	}{
		{nil, []string{"amazon+openai/compute_contract", "amazon+openai/investment", "microsoft+openai/compute_contract", "microsoft+openai/investment", "openai+oracle/compute_contract"}},
		{[]string{"--party", "microsoft"}, []string{"microsoft+openai/compute_contract", "microsoft+openai/investment"}},
		{[]string{"--party", "Oracle", "--kind", "compute_contract"}, []string{"openai+oracle/compute_contract"}},
		{[]string{"--kind", "investment"}, []string{"amazon+openai/investment", "microsoft+openai/investment"}},
		{[]string{"--stage", "agreed"}, []string{"microsoft+openai/compute_contract", "openai+oracle/compute_contract"}},
		{[]string{"--review", "needed"}, []string{"amazon+openai/investment", "openai+oracle/compute_contract"}},
		{[]string{"--review", "none", "--party", "amazon"}, []string{"amazon+openai/compute_contract"}},
		{[]string{"--since", "2026-03"}, []string{"microsoft+openai/investment"}},
		{[]string{"--since", "2026-04-15"}, []string{"microsoft+openai/investment"}}, // dated 2026-04
		{[]string{"--since", "2026"}, []string{"amazon+openai/compute_contract", "amazon+openai/investment", "microsoft+openai/investment"}},
		{[]string{"--party", "nobody"}, nil},
	}
	// First reconciled by the command, then from the snapshot a run stores.
	for _, snapshot := range []bool{false, true} {
		if snapshot {
			db, err := store.Open(path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := snapshotDeals(db, 1); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}
		for _, tt := range tests {
			args := append([]string{"deals", "--db", path, "--json"}, tt.args...)
			stdout, stderr, code := runCLI(t, nil, args...)
			if code != 0 {
				t.Fatalf("dealwatch %q: exit %d: %s", args, code, stderr)
			}
			var got []string
			for _, l := range strings.Split(strings.TrimSpace(stdout), "\n") {
				var d extract.ReconciledDeal
				if l == "" {
					continue
				}
				if err := json.Unmarshal([]byte(l), &d); err != nil {
					t.Fatal(err)
				}
				got = append(got, d.ID)
			}
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("dealwatch %q (-want +got):\n%s", args, d)
			}
			// The readable list shows the same deals.
			readable, _, _ := runCLI(t, nil, append([]string{"deals", "--db", path}, tt.args...)...)
			for _, id := range tt.want {
				if !strings.Contains(readable, id) {
					t.Errorf("dealwatch deals %q does not list %s:\n%s", tt.args, id, readable)
				}
			}
			if tt.args != nil && !strings.Contains(readable, "(of 5)") && len(tt.want) != 5 {
				t.Errorf("dealwatch deals %q does not say how many deals there are in all:\n%s", tt.args, readable)
			}
		}
	}
	for _, bad := range [][]string{{"--kind", "loan"}, {"--stage", "signed"}, {"--review", "yes"}, {"--since", "April"}} {
		_, stderr, code := runCLI(t, nil, append([]string{"deals", "--db", path}, bad...)...)
		if code != 2 || !strings.Contains(stderr, bad[0]) {
			t.Errorf("dealwatch deals %q: exit %d, %q; want 2 naming the flag", bad, code, stderr)
		}
	}
}

package store

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

func dump(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

// line renders a change compactly for table tests.
func line(c Change) string {
	parts := []string{string(c.Change)}
	for _, p := range []string{c.Deal, c.Field} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if c.Before != nil {
		parts = append(parts, "before="+*c.Before)
	}
	if c.After != nil {
		parts = append(parts, "after="+*c.After)
	}
	return strings.Join(parts, " ") + " (" + c.Cause + ")"
}

func TestDiff(t *testing.T) {
	withParty := amzn
	withParty.Parties = append(append([]extract.Party(nil), amzn.Parties...), extract.Party{Name: "Nvidia", Role: extract.RoleSupplier})
	expanded := amzn
	expanded.Status = extract.DealExpanded
	expanded.Amount = money(138, 9, "USD")
	expanded.Amount.Qualifier = "over"
	expanded.PreviousAmount = money(38, 9, "USD")
	oracle := deal(extract.KindCompute, extract.DealReported, money(30, 9, "USD"), "Oracle", "OpenAI")
	moved := amzn
	moved.Evidence = extract.Span{Text: "evidence", Start: 100, End: 108}
	moved.Parties = []extract.Party{amzn.Parties[1], amzn.Parties[0]}
	unsupported := result("/c/a.txt", "sha256:aaaa")
	unsupported.Status = extract.StatusUnsupported

	tests := []struct {
		name          string
		before, after []extract.ArticleResult
		want          []string
	}{
		{"nothing", []extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)}, []extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)}, nil},
		{"offsets and party order do not count",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn, oracle)},
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaab", oracle, moved)}, nil},
		{"party added",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)},
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaab", withParty)},
			[]string{"changed compute_contract|Amazon,Nvidia,OpenAI|38000000000 USD parties after=Nvidia (supplier) (" + CauseText + ")"}},
		{"amount and status revised",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)},
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaab", expanded)},
			[]string{
				"changed compute_contract|Amazon,OpenAI|138000000000 USD status before=announced after=expanded (" + CauseText + ")",
				"changed compute_contract|Amazon,OpenAI|138000000000 USD amount before=38000000000 USD after=over 138000000000 USD (" + CauseText + ")",
				"changed compute_contract|Amazon,OpenAI|138000000000 USD previous_amount after=38000000000 USD (" + CauseText + ")",
			}},
		{"deal added and removed",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)},
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaab", oracle)},
			[]string{
				"removed compute_contract|Amazon,OpenAI|38000000000 USD before=compute_contract, announced: OpenAI (buyer), Amazon (seller); 38000000000 USD (" + CauseText + ")",
				"added compute_contract|OpenAI,Oracle|30000000000 USD after=compute_contract, reported: Oracle (buyer), OpenAI (seller); 30000000000 USD (" + CauseText + ")",
			}},
		{"new article",
			nil,
			[]extract.ArticleResult{result("/c/b.txt", "sha256:bbbb", oracle)},
			[]string{"added compute_contract|OpenAI,Oracle|30000000000 USD after=compute_contract, reported: Oracle (buyer), OpenAI (seller); 30000000000 USD (" + CauseNew + ")"}},
		{"status of the article",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)},
			[]extract.ArticleResult{unsupported},
			[]string{
				"changed status before=ok after=unsupported_language (" + CauseUnexplained + ")",
				"removed compute_contract|Amazon,OpenAI|38000000000 USD before=compute_contract, announced: OpenAI (buyer), Amazon (seller); 38000000000 USD (" + CauseUnexplained + ")",
			}},
		{"renamed file matched by id",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)},
			[]extract.ArticleResult{result("/c/renamed.txt", "sha256:aaaa", expanded)},
			[]string{
				"changed compute_contract|Amazon,OpenAI|138000000000 USD status before=announced after=expanded (" + CauseMetadata + ")",
				"changed compute_contract|Amazon,OpenAI|138000000000 USD amount before=38000000000 USD after=over 138000000000 USD (" + CauseMetadata + ")",
				"changed compute_contract|Amazon,OpenAI|138000000000 USD previous_amount after=38000000000 USD (" + CauseMetadata + ")",
			}},
		{"duplicate deals get numbered keys",
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaaa", amzn)},
			[]extract.ArticleResult{result("/c/a.txt", "sha256:aaab", amzn, amzn)},
			[]string{"added compute_contract|Amazon,OpenAI|38000000000 USD#2 after=compute_contract, announced: OpenAI (buyer), Amazon (seller); 38000000000 USD (" + CauseText + ")"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range Diff(tt.before, tt.after) {
				got = append(got, line(c))
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff =\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestDiffIsDeterministic feeds the same results in shuffled orders.
func TestDiffIsDeterministic(t *testing.T) {
	oracle := deal(extract.KindCompute, extract.DealReported, money(30, 9, "USD"), "Oracle", "OpenAI")
	before := []extract.ArticleResult{
		result("/c/a.txt", "sha256:aaaa", amzn),
		result("/c/b.txt", "sha256:bbbb", oracle),
		result("/c/c.txt", "sha256:cccc", amzn, oracle),
	}
	after := []extract.ArticleResult{
		result("/c/a.txt", "sha256:aaa2", oracle),
		result("/c/b.txt", "sha256:bbbb"),
		result("/c/c.txt", "sha256:ccc2", oracle),
		result("/c/d.txt", "sha256:dddd", amzn),
	}
	want := dump(Diff(before, after))
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 100; i++ {
		b := append([]extract.ArticleResult(nil), before...)
		a := append([]extract.ArticleResult(nil), after...)
		rng.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		rng.Shuffle(len(a), func(i, j int) { a[i], a[j] = a[j], a[i] })
		if got := dump(Diff(b, a)); got != want {
			t.Fatalf("Diff of shuffled input differs:\n%s\nwant\n%s", got, want)
		}
	}
}

func ExampleDiff() {
	amount := func(billions int64) *extract.Money {
		m := money(billions, 9, "USD")
		return m
	}
	deal := extract.Deal{
		Kind:   extract.KindCompute,
		Status: extract.DealAnnounced,
		Parties: []extract.Party{
			{Name: "OpenAI", Role: extract.RoleBuyer},
			{Name: "Amazon", Role: extract.RoleSeller},
		},
		Amount: amount(38),
	}
	before := extract.ArticleResult{Article: extract.ArticleInfo{ID: "sha256:1", Source: "aws.txt"}, Status: "ok", Deals: []extract.Deal{deal}}
	after := before
	after.Article.ID = "sha256:2" // the article was edited
	deal.Amount = amount(39)
	deal.Status = extract.DealExpanded
	after.Deals = []extract.Deal{deal}

	for _, c := range Diff([]extract.ArticleResult{before}, []extract.ArticleResult{after}) {
		fmt.Printf("%s %s: %s → %s (%s)\n", c.Deal, c.Field, *c.Before, *c.After, c.Cause)
	}
	// Output:
	// compute_contract|Amazon,OpenAI|39000000000 USD status: announced → expanded (article text changed)
	// compute_contract|Amazon,OpenAI|39000000000 USD amount: 38000000000 USD → 39000000000 USD (article text changed)
}

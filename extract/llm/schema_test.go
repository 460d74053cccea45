package llm

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/prompts"
)

func decodeSchema(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("schema: %v", err)
	}
	return m
}

// at follows a path of keys through a decoded schema, resolving local
// $refs, anyOf/oneOf (the non-null branch) and "items".
func at(root map[string]any, path ...string) map[string]any {
	n := root
	resolve := func(n map[string]any) map[string]any {
		for range 4 {
			if alts, ok := n["anyOf"].([]any); ok {
				n = alts[0].(map[string]any)
			}
			if alts, ok := n["oneOf"].([]any); ok {
				n = alts[0].(map[string]any)
			}
			if ref, ok := n["$ref"].(string); ok {
				n = root["$defs"].(map[string]any)[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			}
		}
		return n
	}
	n = resolve(n)
	for _, p := range path {
		switch p {
		case "items":
			n = n["items"].(map[string]any)
		default:
			n = n["properties"].(map[string]any)[p].(map[string]any)
		}
		n = resolve(n)
	}
	return n
}

func propNames(n map[string]any) []string {
	var out []string
	for k := range n["properties"].(map[string]any) {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func jsonNames(v any) []string {
	var out []string
	ty := reflect.TypeOf(v)
	for i := range ty.NumField() {
		name, _, _ := strings.Cut(ty.Field(i).Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue // not on the wire
		}
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

func without(names []string, drop ...string) []string {
	var out []string
	for _, n := range names {
		keep := true
		for _, d := range drop {
			if n == d {
				keep = false
			}
		}
		if keep {
			out = append(out, n)
		}
	}
	return out
}

func enumOf(n map[string]any) []string {
	var out []string
	for _, e := range n["enum"].([]any) {
		out = append(out, fmt.Sprint(e))
	}
	sort.Strings(out)
	return out
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	sort.Strings(out)
	return out
}

// The LLM-facing schema, the wire structs and the project's contract
// (article-result.schema.json) must name the same fields and values.
func TestSchemaInStep(t *testing.T) {
	llm := decodeSchema(t, prompts.Schema())
	contract := decodeSchema(t, extract.ArticleResultSchema)
	cdeal := contract["$defs"].(map[string]any)["deal"].(map[string]any)
	cdeal["$defs"] = contract["$defs"]
	croot := map[string]any{"$defs": contract["$defs"], "properties": map[string]any{"deal": cdeal}}

	type pair struct {
		name       string
		wire       any
		llmPath    []string
		contract   []string // path under croot
		onlyInDeal []string // contract fields the model does not give
	}
	pairs := []pair{
		{"answer", answer{}, nil, nil, nil},
		{"deal", wireDeal{}, []string{"deals", "items"}, []string{"deal"}, []string{"grounded"}},
		{"party", wireParty{}, []string{"deals", "items", "parties", "items"}, []string{"deal", "parties", "items"}, nil},
		{"money", wireMoney{}, []string{"deals", "items", "amount"}, []string{"deal", "amount"}, []string{"start", "end"}},
		{"increment", wireMoney{}, []string{"deals", "items", "increment"}, []string{"deal", "increment"}, []string{"start", "end"}},
		{"previous", wireMoney{}, []string{"deals", "items", "previous_amount"}, []string{"deal", "previous_amount"}, []string{"start", "end"}},
		{"tranche", wireTranche{}, []string{"deals", "items", "tranches", "items"}, []string{"deal", "tranches", "items"}, nil},
		{"tranche money", wireMoney{}, []string{"deals", "items", "tranches", "items", "amount"}, []string{"deal", "tranches", "items", "amount"}, []string{"start", "end"}},
		{"capacity", wireCapacity{}, []string{"deals", "items", "capacity", "items"}, []string{"deal", "capacity", "items"}, []string{"start", "end"}},
		{"evidence", wireEvidence{}, []string{"deals", "items", "evidence"}, []string{"deal", "evidence"}, []string{"start", "end"}},
	}
	for _, p := range pairs {
		ln := propNames(at(llm, p.llmPath...))
		if w := jsonNames(p.wire); !reflect.DeepEqual(w, ln) {
			t.Errorf("%s: wire struct fields %v, prompt schema %v", p.name, w, ln)
		}
		if p.contract == nil {
			continue
		}
		cn := without(propNames(at(croot, p.contract...)), p.onlyInDeal...)
		if !reflect.DeepEqual(cn, ln) {
			t.Errorf("%s: contract fields %v (less %v), prompt schema %v", p.name, cn, p.onlyInDeal, ln)
		}
	}

	enums := []struct {
		name     string
		llmPath  []string
		contract []string
		domain   []string
	}{
		{"kind", []string{"deals", "items", "kind"}, []string{"deal", "kind"}, strs(extract.Kinds)},
		{"status", []string{"deals", "items", "status"}, []string{"deal", "status"}, strs(extract.DealStatuses)},
		{"confirmation", []string{"deals", "items", "confirmation"}, []string{"deal", "confirmation"}, strs(extract.Confirmations)},
		{"mention", []string{"deals", "items", "mention"}, []string{"deal", "mention"}, strs(extract.Mentions)},
		{"role", []string{"deals", "items", "parties", "items", "role"}, []string{"deal", "parties", "items", "role"}, strs(extract.Roles)},
		{"qualifier", []string{"deals", "items", "amount", "qualifier"}, []string{"deal", "amount", "qualifier"}, nil},
		{"increment qualifier", []string{"deals", "items", "increment", "qualifier"}, []string{"deal", "increment", "qualifier"}, nil},
		{"period", []string{"deals", "items", "amount", "period"}, []string{"deal", "amount", "period"}, nil},
		{"condition", []string{"deals", "items", "tranches", "items", "condition"}, []string{"deal", "tranches", "items", "condition"}, nil},
		{"unit", []string{"deals", "items", "capacity", "items", "unit"}, []string{"deal", "capacity", "items", "unit"}, nil},
		{"purpose", []string{"deals", "items", "capacity", "items", "purpose"}, []string{"deal", "capacity", "items", "purpose"}, nil},
	}
	for _, e := range enums {
		le, ce := enumOf(at(llm, e.llmPath...)), enumOf(at(croot, e.contract...))
		if !reflect.DeepEqual(le, ce) {
			t.Errorf("%s: prompt schema enum %v, contract %v", e.name, le, ce)
		}
		if e.domain != nil && !reflect.DeepEqual(le, e.domain) {
			t.Errorf("%s: prompt schema enum %v, Go constants %v", e.name, le, e.domain)
		}
	}
}

// The few-shot examples must be answers the client itself accepts, and
// every text they quote must be in their article: they teach copying.
func TestExamplesAreValidAnswers(t *testing.T) {
	v, err := newValidator(prompts.Schema())
	if err != nil {
		t.Fatal(err)
	}
	for lang, ex := range prompts.Examples() {
		a, err := v.parse(string(ex.Answer))
		if err != nil {
			t.Errorf("example %s: %v", lang, err)
			continue
		}
		if len(a.Deals) == 0 {
			t.Errorf("example %s has no deals", lang)
		}
		for i, d := range a.Deals {
			quotes := []string{d.Evidence.Text}
			for _, p := range d.Parties {
				quotes = append(quotes, p.Mention)
			}
			for _, m := range []*wireMoney{d.Amount, d.PreviousAmount, d.Increment} {
				if m != nil {
					quotes = append(quotes, m.Text)
				}
			}
			for _, c := range d.Capacity {
				quotes = append(quotes, c.Text)
			}
			for _, q := range quotes {
				if !strings.Contains(ex.Text, q) {
					t.Errorf("example %s deal %d quotes %q, which is not in its text", lang, i, q)
				}
			}
		}
		// grounded by the same rules as real answers
		deals, warns := extract.Ground(extract.Article{Lang: lang, Text: ex.Text}, a.deals())
		for _, w := range warns {
			if w.Code == extract.WarnScaleMismatch || w.Code == extract.WarnValueMismatch || w.Code == extract.WarnUnknownParty || w.Code == extract.WarnUngroundedQuote {
				t.Errorf("example %s: %s: %s", lang, w.Code, w.Message)
			}
		}
		_ = deals
	}
}

func TestValidatorMessages(t *testing.T) {
	v, err := newValidator(prompts.Schema())
	if err != nil {
		t.Fatal(err)
	}
	good := answerJSON(awsDeal())
	tests := []struct {
		name, raw string
		want      []string // substrings of the error; none means valid
	}{
		{"good", good, nil},
		{"empty deals", `{"deals":[]}`, nil},
		{"fenced", "```json\n" + good + "\n```", nil},
		{"prose around", "Here is the JSON:\n" + good + "\nDone.", nil},
		{"not an object", `[]`, []string{"is an array, want object"}},
		{"missing deals", `{}`, []string{"deals: is missing"}},
		{"null not allowed", strings.Replace(good, `"kind":"compute_contract"`, `"kind":null`, 1), []string{"deals[0].kind: is null, want string"}},
		{"amount wrong type", strings.Replace(good, `"value":38000000000`, `"value":"38 miliardi"`, 1), []string{`deals[0].amount.value: is "38 miliardi", want number`}},
		{"range without max", strings.Replace(good, `"qualifier":"exact"`, `"qualifier":"range"`, 1), []string{"deals[0].amount.max: is null, but qualifier is range"}},
		{"max below value", strings.Replace(strings.Replace(good, `"qualifier":"exact"`, `"qualifier":"range"`, 1), `"max":null`, `"max":1`, 1), []string{"less than value"}},
		{"bad date", strings.Replace(good, `"announced_on":null`, `"announced_on":"3 novembre"`, 1), []string{"announced_on: is \"3 novembre\""}},
		{"no parties", strings.Replace(good, `"parties":[{"name":"OpenAI","role":"buyer","mention":"OpenAI"},{"name":"Amazon","role":"seller","mention":"Amazon Web Services"}]`, `"parties":[]`, 1), []string{"parties: is empty"}},
		{"confidence", strings.Replace(good, `"confidence":0.9`, `"confidence":9`, 1), []string{"confidence: is 9"}},
		{"too many digits", strings.Replace(good, `"value":38000000000`, `"value":38000000000.0000000001`, 1), []string{"does not decode"}},
		{"trailing", good + ` {"deals":[]}`, []string{"text after the JSON"}},
	}
	for _, tt := range tests {
		_, err := v.parse(tt.raw)
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: parse: %v, want valid", tt.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: parse accepted %s", tt.name, tt.raw)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", tt.name, err, w)
			}
		}
	}
}

// What the cache stores must parse again, whatever slices were nil.
func TestCanonicalRoundTrip(t *testing.T) {
	v, err := newValidator(prompts.Schema())
	if err != nil {
		t.Fatal(err)
	}
	d := awsDeal()
	d.Tranches, d.Capacity, d.Hardware = nil, nil, nil
	for _, a := range []answer{{}, {Deals: []wireDeal{d, billonesDeal("1.4e12")}}} {
		raw := canonical(a)
		back, err := v.parse(string(raw))
		if err != nil {
			t.Fatalf("canonical(%+v) = %s does not parse: %v", a, raw, err)
		}
		if len(back.Deals) != len(a.Deals) {
			t.Errorf("round trip lost deals: %s", raw)
		}
		if again := canonical(back); string(again) != string(raw) {
			t.Errorf("canonical is not stable:\n%s\n%s", raw, again)
		}
	}
}

package reconcile_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// rcSchema compiles reconciled-deal.schema.json, with
// article-result.schema.json registered under its $id for the $ref to
// money.
func rcSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	for _, s := range []struct {
		id  string
		doc []byte
	}{
		{"article-result.schema.json", extract.ArticleResultSchema},
		{"reconciled-deal.schema.json", extract.ReconciledDealSchema},
	} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(s.doc))
		if err != nil {
			t.Fatalf("read %s: %v", s.id, err)
		}
		if err := c.AddResource(s.id, doc); err != nil {
			t.Fatalf("add %s: %v", s.id, err)
		}
	}
	sch, err := c.Compile("reconciled-deal.schema.json")
	if err != nil {
		t.Fatalf("compile reconciled-deal.schema.json: %v", err)
	}
	return sch
}

func rcValidate(t *testing.T, sch *jsonschema.Schema, line []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
	if err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, line)
	}
	return sch.Validate(inst)
}

// TestReconciledDealSchema validates every deal of every scenario, and
// checks that the validator does reject a broken deal.
func TestReconciledDealSchema(t *testing.T) {
	sch := rcSchema(t)
	var in []extract.ArticleResult
	for _, c := range rcCases() {
		for _, r := range c.in {
			r.Article.ID = c.name + "/" + r.Article.ID
			in = append(in, r)
		}
	}
	in = append(in, rcSeedLike()...)
	deals := reconcile.Reconcile(in)
	if len(deals) < 5 {
		t.Fatalf("only %d deals", len(deals))
	}
	for _, d := range deals {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(line, []byte("null,\"history\"")) || bytes.Contains(line, []byte(`"conflicts":null`)) {
			t.Errorf("%s: nil slice written as null: %s", d.ID, line)
		}
		if err := rcValidate(t, sch, line); err != nil {
			t.Errorf("%s does not match the schema: %v\n%s", d.ID, err, line)
		}
	}

	var m map[string]any
	line, _ := json.Marshal(deals[0])
	if err := json.Unmarshal(line, &m); err != nil {
		t.Fatal(err)
	}
	m["review"] = "maybe"
	bad, _ := json.Marshal(m)
	if err := rcValidate(t, sch, bad); err == nil || !strings.Contains(err.Error(), "review") {
		t.Errorf("a deal with review %q validated (err %v); the schema check cannot fail", "maybe", err)
	}
}

// TestReconciledDealFieldsMatchSchema keeps the JSON field names of
// ReconciledDeal, Current, HistoryEntry and Conflict and the schema's
// properties in step, both ways.
func TestReconciledDealFieldsMatchSchema(t *testing.T) {
	type node struct {
		Properties map[string]json.RawMessage `json:"properties"`
		Items      *node                      `json:"items"`
	}
	var schema node
	if err := json.Unmarshal(extract.ReconciledDealSchema, &schema); err != nil {
		t.Fatal(err)
	}
	props := func(raw json.RawMessage) map[string]json.RawMessage {
		var n node
		if err := json.Unmarshal(raw, &n); err != nil {
			t.Fatal(err)
		}
		if n.Items != nil {
			return n.Items.Properties
		}
		return n.Properties
	}
	// A deal with a history entry and a conflict, so every object is there.
	d := rcFind(t, reconcile.Reconcile([]extract.ArticleResult{
		rcArticle("a1", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9")))),
		rcArticle("a2", "2025-11-04", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("45e9")))),
	}), rcAWSID)
	line, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(line, &got); err != nil {
		t.Fatal(err)
	}
	same := func(where string, want map[string]json.RawMessage, gotRaw json.RawMessage) {
		t.Helper()
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(gotRaw, &obj); err != nil {
			var arr []map[string]json.RawMessage
			if err := json.Unmarshal(gotRaw, &arr); err != nil || len(arr) == 0 {
				t.Fatalf("%s: %s is neither an object nor a non-empty array", where, gotRaw)
			}
			obj = arr[0]
		}
		for k := range want {
			if _, ok := obj[k]; !ok {
				t.Errorf("%s: schema property %q is not written", where, k)
			}
		}
		for k := range obj {
			if _, ok := want[k]; !ok {
				t.Errorf("%s: field %q is not in the schema", where, k)
			}
		}
	}
	same("deal", schema.Properties, line)
	for _, k := range []string{"current", "history", "conflicts"} {
		same(k, props(schema.Properties[k]), got[k])
	}
}

// TestReconciledDealEnumsMatchSchema keeps the Go constants of the
// relations, conflict causes, current reasons and resolutions and the
// schema's enums in step.
func TestReconciledDealEnumsMatchSchema(t *testing.T) {
	var s struct {
		Properties struct {
			Current struct {
				Properties struct {
					Reason struct {
						Enum []string `json:"enum"`
					} `json:"reason"`
				} `json:"properties"`
			} `json:"current"`
			History struct {
				Items struct {
					Properties struct {
						Relation struct {
							Enum []string `json:"enum"`
						} `json:"relation"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"history"`
			Conflicts struct {
				Items struct {
					Properties struct {
						Cause struct {
							Enum []string `json:"enum"`
						} `json:"cause"`
						Resolution struct {
							Enum []string `json:"enum"`
						} `json:"resolution"`
					} `json:"properties"`
				} `json:"items"`
			} `json:"conflicts"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(extract.ReconciledDealSchema, &s); err != nil {
		t.Fatal(err)
	}
	strs := func(xs ...any) []string {
		var out []string
		for _, x := range xs {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	var rels, causes, reasons []any
	for _, r := range extract.Relations {
		rels = append(rels, r)
	}
	for _, c := range extract.ConflictCauses {
		causes = append(causes, c)
	}
	for _, r := range extract.CurrentReasons {
		reasons = append(reasons, r)
	}
	for _, tt := range []struct {
		name      string
		got, want []string
	}{
		{"relation", strs(rels...), s.Properties.History.Items.Properties.Relation.Enum},
		{"cause", strs(causes...), s.Properties.Conflicts.Items.Properties.Cause.Enum},
		{"reason", strs(reasons...), s.Properties.Current.Properties.Reason.Enum},
		{"resolution", strs(extract.ResolutionNone, extract.ResolutionDismissed, extract.ResolutionResolved), s.Properties.Conflicts.Items.Properties.Resolution.Enum},
	} {
		if !reflect.DeepEqual(tt.got, tt.want) {
			t.Errorf("%s: Go constants %q, schema enum %q", tt.name, tt.got, tt.want)
		}
	}
}

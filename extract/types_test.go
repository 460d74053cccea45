package extract

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// TestTypesMatchSchema walks article-result.schema.json next to the Go
// types and fails when a property exists on one side only, so the types
// and the contract cannot drift apart.
func TestTypesMatchSchema(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(ArticleResultSchema, &schema); err != nil {
		t.Fatal(err)
	}
	defs, _ := schema["$defs"].(map[string]any)
	var walk func(path string, node map[string]any, typ reflect.Type)
	walk = func(path string, node map[string]any, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
			if typ.Kind() == reflect.Slice {
				items, ok := node["items"].(map[string]any)
				if !ok {
					t.Errorf("%s: Go type is a slice but the schema has no items", path)
					return
				}
				node = items
				path += "[]"
			}
			typ = typ.Elem()
		}
		node = resolve(node, defs)
		if typ == reflect.TypeFor[figures.Decimal]() {
			return
		}
		if typ.Kind() != reflect.Struct {
			return
		}
		props, ok := node["properties"].(map[string]any)
		if !ok {
			t.Errorf("%s: Go type %s is a struct but the schema has no properties", path, typ)
			return
		}
		fields := map[string]reflect.StructField{}
		for i := 0; i < typ.NumField(); i++ {
			f := typ.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			fields[name] = f
		}
		for _, name := range sortedKeys(props) {
			f, ok := fields[name]
			if !ok {
				t.Errorf("%s.%s: in the schema but not in Go type %s", path, name, typ)
				continue
			}
			walk(path+"."+name, props[name].(map[string]any), f.Type)
		}
		for _, name := range sortedKeys(fields) {
			if _, ok := props[name]; !ok {
				t.Errorf("%s.%s: in Go type %s but not in the schema", path, name, typ)
			}
		}
	}
	walk("ArticleResult", schema, reflect.TypeFor[ArticleResult]())
}

// resolve follows $ref into $defs and picks the non-null branch of oneOf.
func resolve(node map[string]any, defs map[string]any) map[string]any {
	for {
		if ref, ok := node["$ref"].(string); ok {
			node = defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
			continue
		}
		if alts, ok := node["oneOf"].([]any); ok {
			for _, a := range alts {
				m := a.(map[string]any)
				if m["type"] != "null" {
					node = m
					break
				}
			}
			continue
		}
		return node
	}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// TestEnumsMatchSchema checks the Go enum lists against the schema's.
func TestEnumsMatchSchema(t *testing.T) {
	var schema struct {
		Defs struct {
			Deal struct {
				Properties struct {
					Kind    struct{ Enum []string } `json:"kind"`
					Status  struct{ Enum []string } `json:"status"`
					Parties struct {
						Items struct {
							Properties struct {
								Role struct{ Enum []string } `json:"role"`
							} `json:"properties"`
						} `json:"items"`
					} `json:"parties"`
				} `json:"properties"`
			} `json:"deal"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(ArticleResultSchema, &schema); err != nil {
		t.Fatal(err)
	}
	p := schema.Defs.Deal.Properties
	check := func(name string, got []string, want []string) {
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %v, schema says %v", name, got, want)
		}
	}
	check("Kinds", strs(Kinds), p.Kind.Enum)
	check("DealStatuses", strs(DealStatuses), p.Status.Enum)
	check("Roles", strs(Roles), p.Parties.Items.Properties.Role.Enum)
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func TestMarshalEmptySlices(t *testing.T) {
	b, err := json.Marshal(ArticleResult{Deals: []Deal{{}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"deals":[{`, `"warnings":[]`, `"segments":[]`, `"parties":[]`, `"tranches":[]`, `"capacity":[]`, `"hardware":[]`, `"amount":null`, `"error":null`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("json.Marshal(ArticleResult{}) = %s, want it to contain %s", b, want)
		}
	}
}

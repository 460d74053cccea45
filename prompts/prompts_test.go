package prompts

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	s, err := load()
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	for _, lang := range []string{"it", "es", "en"} {
		if _, ok := s.examples[lang]; !ok {
			t.Errorf("no few-shot example for %q", lang)
		}
	}
}

func TestVersion(t *testing.T) {
	v := Version()
	if !regexp.MustCompile(`^p[0-9a-f]{12}$`).MatchString(v) {
		t.Errorf("Version() = %q, want p + 12 hex digits", v)
	}
	if v2 := Version(); v2 != v {
		t.Errorf("Version() not stable: %q then %q", v, v2)
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		in       Input
		wantEx   string // a phrase of the example that must be used
		wantUser []string
	}{
		{Input{Lang: "it", Title: "Titolo", Published: "2025-11-03", Text: "OpenAI firma."}, "Veltra AI", []string{"Article language: it", "Title: Titolo", "Published: 2025-11-03", "<<<\nOpenAI firma.\n>>>"}},
		{Input{Lang: "es", Text: "Texto."}, "Nimbo AI", []string{"Article language: es", "<<<\nTexto.\n>>>"}},
		{Input{Lang: "en", Text: "Text.", Part: 2, Parts: 3}, "Coreline", []string{"part 2 of 3"}},
		{Input{Lang: "fr", Text: "Texte."}, "Coreline", []string{"Article language: fr"}},
	}
	for _, tt := range tests {
		msgs, err := Render(tt.in)
		if err != nil {
			t.Fatalf("Render(%+v): %v", tt.in, err)
		}
		if len(msgs) != 4 {
			t.Fatalf("Render(%+v) = %d messages, want 4", tt.in, len(msgs))
		}
		roles := []string{msgs[0].Role, msgs[1].Role, msgs[2].Role, msgs[3].Role}
		if strings.Join(roles, ",") != "system,user,assistant,user" {
			t.Errorf("roles = %v", roles)
		}
		if !strings.Contains(msgs[1].Content, tt.wantEx) {
			t.Errorf("Render(%+v): example turn lacks %q", tt.in, tt.wantEx)
		}
		if !json.Valid([]byte(msgs[2].Content)) {
			t.Errorf("example answer is not JSON: %s", msgs[2].Content)
		}
		for _, w := range tt.wantUser {
			if !strings.Contains(msgs[3].Content, w) {
				t.Errorf("Render(%+v) user turn = %q, want it to contain %q", tt.in, msgs[3].Content, w)
			}
		}
		if strings.Contains(msgs[3].Content, "Title:") && tt.in.Title == "" {
			t.Errorf("empty title rendered: %q", msgs[3].Content)
		}
	}
	inline, err := Render(Input{Lang: "en", Text: "x", InlineSchema: true})
	if err != nil || !strings.Contains(inline[0].Content, `"additionalProperties": false`) {
		t.Errorf("InlineSchema: the system prompt lacks the schema")
	}
	plain, _ := Render(Input{Lang: "en", Text: "x"})
	if strings.Contains(plain[0].Content, "additionalProperties") {
		t.Errorf("the schema is inlined without InlineSchema")
	}
	if _, err := Render(Input{Lang: "en", Text: " \n"}); err != ErrNoText {
		t.Errorf("Render(blank) error = %v, want ErrNoText", err)
	}
}

func TestReask(t *testing.T) {
	got := Reask(`deals[0].kind: "deal" is not one of the allowed values`)
	if !strings.Contains(got, `deals[0].kind: "deal"`) || !strings.Contains(got, "Answer again") {
		t.Errorf("Reask = %q", got)
	}
}

// Strict structured outputs need every property required, nullables
// typed with null, and additionalProperties false on every object.
func TestSchemaIsStrict(t *testing.T) {
	var root map[string]any
	if err := json.Unmarshal(Schema(), &root); err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	var walk func(path string, n any)
	objects := 0
	walk = func(path string, n any) {
		switch v := n.(type) {
		case map[string]any:
			if v["type"] == "object" {
				objects++
				if v["additionalProperties"] != false {
					t.Errorf("%s: additionalProperties is not false", path)
				}
				props, _ := v["properties"].(map[string]any)
				req := map[string]bool{}
				for _, r := range v["required"].([]any) {
					req[r.(string)] = true
				}
				for k := range props {
					if !req[k] {
						t.Errorf("%s: property %q is not required", path, k)
					}
				}
				if len(req) != len(props) {
					t.Errorf("%s: required lists %d names for %d properties", path, len(req), len(props))
				}
			}
			if _, ok := v["nullable"]; ok {
				t.Errorf("%s: uses nullable, which strict mode ignores", path)
			}
			for _, bad := range []string{"oneOf", "minItems", "pattern", "minimum", "maximum", "format"} {
				if _, ok := v[bad]; ok {
					t.Errorf("%s: uses %s, which strict mode rejects or ignores", path, bad)
				}
			}
			for k, c := range v {
				walk(path+"."+k, c)
			}
		case []any:
			for i, c := range v {
				walk(path+"["+string(rune('0'+i%10))+"]", c)
			}
		}
	}
	walk("$", root)
	if objects < 6 {
		t.Errorf("walked %d objects, want the 6 of the schema at least", objects)
	}
	// Nullables: these fields must admit null.
	deal := root["$defs"].(map[string]any)["deal"].(map[string]any)["properties"].(map[string]any)
	for _, f := range []string{"amount", "previous_amount", "term_years", "announced_on"} {
		if !admitsNull(deal[f]) {
			t.Errorf("deal.%s does not admit null", f)
		}
	}
}

func admitsNull(n any) bool {
	m, _ := n.(map[string]any)
	switch ty := m["type"].(type) {
	case string:
		return ty == "null"
	case []any:
		for _, x := range ty {
			if x == "null" {
				return true
			}
		}
	}
	if alts, ok := m["anyOf"].([]any); ok {
		for _, a := range alts {
			if admitsNull(a) {
				return true
			}
		}
	}
	return false
}

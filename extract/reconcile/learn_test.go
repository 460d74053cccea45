package reconcile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

func TestLearnVentures(t *testing.T) {
	deal := func(text, parties string) extract.ArticleResult {
		d := extract.Deal{Kind: extract.KindChipSupply, Grounded: true, Confidence: 0.9, Evidence: extract.Span{Text: text}}
		for _, p := range strings.Split(parties, ",") {
			name, role, _ := strings.Cut(p, ":")
			d.Parties = append(d.Parties, extract.Party{Name: name, Mention: name, Role: extract.Role(role)})
		}
		return extract.ArticleResult{Status: extract.StatusOK, Deals: []extract.Deal{d}}
	}
	tests := []struct {
		name, text, parties string
		want                string // "Venture: A, B", or ""
	}{
		{"en appositive", "Solara, the joint venture of Ferrovia Energia and Orbis Infrastructure, signs with Valdera.",
			"Solara:supplier,Ferrovia Energia:partner,Orbis Infrastructure:partner,Valdera:customer", "Solara: Ferrovia Energia, Orbis Infrastructure"},
		{"en possessive", "Ferrovia Energia and Orbis Infrastructure's joint venture Solara signs with Valdera.",
			"Solara:supplier,Ferrovia Energia:supplier,Orbis Infrastructure:supplier,Valdera:customer", "Solara: Ferrovia Energia, Orbis Infrastructure"},
		{"it parenthesis", "Valdera ha firmato con il consorzio Solara (Ferrovia Energia e Orbis Infrastructure) un contratto.",
			"Solara:supplier,Ferrovia Energia:supplier,Orbis Infrastructure:supplier,Valdera:customer", "Solara: Ferrovia Energia, Orbis Infrastructure"},
		{"es empresa conjunta", "Ferrovia Energia y Orbis Infrastructure, a través de su empresa conjunta Solara, firmaron con Valdera.",
			"Solara:supplier,Ferrovia Energia:supplier,Orbis Infrastructure:supplier,Valdera:customer", "Solara: Ferrovia Energia, Orbis Infrastructure"},
		{"the counterparty is never a member", "Solara, the joint venture of Ferrovia Energia and Valdera, signs.",
			"Solara:supplier,Ferrovia Energia:supplier,Valdera:customer", ""},
		{"one member named: nothing learned", "Solara, the joint venture of Ferrovia Energia, signs with Valdera and Orbis Infrastructure.",
			"Solara:supplier,Ferrovia Energia:supplier,Orbis Infrastructure:customer,Valdera:customer", ""},
		{"no cue: co-signers", "Solara, Ferrovia Energia and Orbis Infrastructure sign with Valdera.",
			"Solara:supplier,Ferrovia Energia:supplier,Orbis Infrastructure:supplier,Valdera:customer", ""},
		{"a cue about another venture", "Valdera, which has a joint venture with Orbis Infrastructure, buys from Solara and Ferrovia Energia.",
			"Valdera:customer,Orbis Infrastructure:partner,Solara:supplier,Ferrovia Energia:supplier", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			for _, v := range learnVentures([]extract.ArticleResult{deal(tt.text, tt.parties)}, nil) {
				got = v.Name + ": " + strings.Join(v.Members, ", ")
			}
			if got != tt.want {
				t.Errorf("learnVentures(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
	known := []extract.Venture{{Name: "Solara", Members: []string{"X", "Y"}}}
	in := []extract.ArticleResult{deal(tests[0].text, tests[0].parties)}
	if got := learnVentures(in, known); !reflect.DeepEqual(got, known) {
		t.Errorf("a venture the gazetteer knows is left as it is: got %v", got)
	}
}

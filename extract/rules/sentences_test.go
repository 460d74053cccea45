package rules

import (
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"OpenAI spende $1.4 trillion. Poi Amazon investe.", []string{"OpenAI spende $1.4 trillion.", "Poi Amazon investe."}},
		{"The U.S. Government and Sr. Pérez met Dr. Smith. It rained.", []string{"The U.S. Government and Sr. Pérez met Dr. Smith.", "It rained."}},
		{"Los EE.UU. y la Sra. García firmaron. Luego hablaron.", []string{"Los EE.UU. y la Sra. García firmaron.", "Luego hablaron."}},
		{"Valore di 1.234,5 mln. ecc. Fine qui! E poi?", []string{"Valore di 1.234,5 mln. ecc. Fine qui!", "E poi?"}},
		{"J. Smith said “yes.” Then left.", []string{"J. Smith said “yes.”", "Then left."}},
		{"Strategia geniale o dipendenza fatale?Anthropic ha firmato.", []string{"Strategia geniale o dipendenza fatale?", "Anthropic ha firmato."}},
		{"Title line\n\nBody one. Body two.", []string{"Title line", "Body one.", "Body two."}},
		{"这起事件讲了什么？At first glance, it works.", []string{"这起事件讲了什么？", "At first glance, it works."}},
		{"Big firms, e.g. Amazon, invest. Then more.", []string{"Big firms, e.g. Amazon, invest.", "Then more."}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range splitSentences(tt.text) {
			got = append(got, tt.text[s.start:s.end])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSplitSentencesTable(t *testing.T) {
	text := "Deals\n\n| Company | Partner | Amount |\n|---|---|---|\n| Amazon | Anthropic | $25B |\n| Oracle | OpenAI | $10B |\n\nAfter."
	sents := splitSentences(text)
	var rows []sentence
	for _, s := range sents {
		if s.row != nil {
			rows = append(rows, s)
		}
	}
	if len(rows) != 2 {
		t.Fatalf("got %d table rows, want 2 (the separator is not a row): %+v", len(rows), sents)
	}
	var cells []string
	for _, c := range rows[1].row {
		cells = append(cells, c.header+"="+text[c.start:c.end])
	}
	if got, want := strings.Join(cells, ","), "Company=Oracle,Partner=OpenAI,Amount=$10B"; got != want {
		t.Errorf("row cells = %s, want %s", got, want)
	}
	if last := sents[len(sents)-1]; text[last.start:last.end] != "After." || last.row != nil {
		t.Errorf("the line after the table = %q, want a prose sentence \"After.\"", text[last.start:last.end])
	}
}

func TestCueScan(t *testing.T) {
	ix := newCueIndex()
	text := "L’accordo prevede un investimento; the revenue rose. Ingresos de Amazon."
	lower := lowerSameLen(text)
	if len(lower) != len(text) {
		t.Fatalf("lowerSameLen changed the length: %d vs %d", len(lower), len(text))
	}
	found := map[category]bool{}
	for _, h := range ix.scan(lower, 0, nil) {
		found[h.cat] = true
	}
	for _, c := range []category{catAnaphora, catInvest, catNonDeal} {
		if !found[c] {
			t.Errorf("scan(%q) found no cue of category %d", text, c)
		}
	}
	// "revenue" is a word start, "prevede" holds "revede" but no cue.
	for _, h := range ix.scan("uninvested", 0, nil) {
		if h.cat == catInvest {
			t.Errorf("scan matched invest* inside a word: %+v", h)
		}
	}
}

func TestReadNumberAndTerm(t *testing.T) {
	nums := []struct {
		in   string
		want string
		n    int
	}{
		{"38 a", "38", 2}, {"1.4 billones", "1.4", 3}, {"1,4 miliardi", "1.4", 3}, {"1,200 stars", "1200", 5},
		{"17.400.000", "17400000", 10}, {"3.5.", "3.5", 3},
	}
	for _, tt := range nums {
		v, n, ok := readNumber(tt.in)
		if !ok || v.String() != tt.want || n != tt.n {
			t.Errorf("readNumber(%q) = %s, %d, %v, want %s, %d", tt.in, v, n, ok, tt.want, tt.n)
		}
	}
	terms := []struct {
		in   string
		want float64
	}{
		{"un contrato de siete años para comprar", 7}, {"a seven-year deal", 7}, {"contratto quinquennale", 5},
		{"per 5 anni", 5}, {"over ten years", 10}, {"entro il 2026", 0}, {"la de siete años", 0},
	}
	for _, tt := range terms {
		l := lowerSameLen(tt.in)
		y, s, e, ok := findTerm(l, 0, len(l))
		if tt.want == 0 {
			if ok {
				t.Errorf("findTerm(%q) = %v, want none", tt.in, y)
			}
			continue
		}
		if !ok || y != tt.want || s >= e {
			t.Errorf("findTerm(%q) = %v, %v, want %v", tt.in, y, ok, tt.want)
		}
	}
}

func TestFindHardware(t *testing.T) {
	tests := []struct{ in, want string }{
		{"GPU NVIDIA GB200 e GB300", "GB200,GB300"},
		{"sus GPU (GB200/300) sobre", "GB200,GB300"},
		{"chip Trainium, poi Trainium4 e Trainium 2", "Trainium,Trainium4,Trainium2"},
		{"sistemi Vera Rubin e Grace Blackwell, H100, MI300X, TPU v5p, Google Cloud TPUs", "Vera Rubin,Grace Blackwell,H100,MI300X,TPU v5p,TPU"},
		{"GB2000 and XH100 and Rubinetto", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(findHardware(tt.in, nil), ","); got != tt.want {
			t.Errorf("findHardware(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

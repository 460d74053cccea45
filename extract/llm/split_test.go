package llm

import (
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		text string
		k    int
		want []string
	}{
		{"two paragraphs", "aaa.\n\nbbb.", 2, []string{"aaa.\n\n", "aaa.\n\nbbb."}},
		{"balanced", "p1.\n\np2.\n\np3 longer paragraph.\n\np4.", 2, []string{"p1.\n\np2.\n\n", "p2.\n\np3 longer paragraph.\n\np4."}},
		{"lines when no blank line", "l1\nl2\nl3\nl4", 2, []string{"l1\nl2\n", "l2\nl3\nl4"}},
		{"sentences", "One. Two. Three. Four.", 2, []string{"One. Two. ", "Two. Three. Four."}},
		{"one unit", "no break here", 2, nil},
		{"three parts", "a1\n\nb2\n\nc3\n\nd4\n\ne5\n\nf6", 3, []string{"a1\n\nb2\n\n", "b2\n\nc3\n\n", "c3\n\nd4\n\ne5\n\nf6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.text, tt.k)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
				t.Errorf("split(%q, %d) = %q, want %q", tt.text, tt.k, got, tt.want)
			}
			// every byte of the text is in some part
			if got != nil && (!strings.HasPrefix(tt.text, got[0]) || !strings.HasSuffix(tt.text, got[len(got)-1])) {
				t.Errorf("parts do not cover the text")
			}
		})
	}
}

func TestMergeDropsOverlapDuplicates(t *testing.T) {
	a, b := awsDeal(), awsDeal()
	b.Evidence.Text = "  " + strings.ToUpper(b.Evidence.Text) // same deal, seen again
	c := awsDeal()
	c.Evidence.Text = "another sentence"
	c.Parties[0].Name = "openai" // same kind, amount and parties
	d := billonesDeal("1.4e12")
	got := merge([]answer{{Deals: []wireDeal{a}}, {Deals: []wireDeal{b, c, d}}})
	if len(got.Deals) != 2 || got.Deals[1].Kind != "other" {
		t.Errorf("merge kept %d deals (%+v), want 2", len(got.Deals), got.Deals)
	}
}

package rules

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugCandidates(t *testing.T) {
	f := os.Getenv("DEBUG_RULES")
	if f == "" {
		t.Skip()
	}
	x := newTestExtractor(t)
	var ta testArticle
	for _, s := range seeds {
		if s.File == f {
			ta = s
		}
	}
	a := loadArticle(t, seedDir, ta)
	d := &doc{x: x, a: a, text: a.Text, lower: lowerSameLen(a.Text)}
	d.read()
	for _, m := range d.main {
		fmt.Println("main:", d.nameOf(m.entity), m.mention)
	}
	for _, c := range d.candidates() {
		var ps []string
		for _, p := range c.parties {
			ps = append(ps, fmt.Sprintf("%s/%s/%v/%v", d.nameOf(p.entity), p.role, p.implicit, p.shared))
		}
		amt := "-"
		if c.amount != nil {
			amt = c.amount.Text
		}
		fmt.Printf("sent %d %s %s %q parties=%v score=%d orphan=%v ana=%v\n   %q\n", c.sent, c.deal.Kind, c.deal.Status, amt, ps, c.score, c.orphan, c.anaphoric, c.deal.Evidence.Text[:min(160, len(c.deal.Evidence.Text))])
	}
}

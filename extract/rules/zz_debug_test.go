package rules

import (
	"fmt"
	"os"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

func TestZZDebug(t *testing.T) {
	f := os.Getenv("ZZFILE")
	if f == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(f)
	x := newTestExtractor(t)
	d := &doc{x: x, a: extract.Article{Text: string(b), Lang: os.Getenv("ZZLANG")}, text: string(b), lower: lowerSameLen(string(b))}
	d.read()
	for _, c := range d.candidates() {
		var ps []string
		for _, p := range c.parties {
			ps = append(ps, fmt.Sprintf("%s/%s/imp=%v", d.nameOf(p.entity), p.role, p.implicit))
		}
		am := ""
		if c.amount != nil {
			am = c.amount.Text
		}
		fmt.Printf("sent %d kind %s %q caps=%d term=%v parties=%v score=%d orphan=%v\n", c.sent, c.deal.Kind, am, len(c.deal.Capacity), c.deal.TermYears != nil, ps, c.score, c.orphan)
	}
}

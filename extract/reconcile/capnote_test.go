package reconcile_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// TestCapacityNoteCapped: a view that contradicts many capacities of its
// deal spells out the first three in its history note and counts the
// rest, so a deal with thousands of sources does not write notes that
// grow with the square of its sources; the deal's capacity conflict
// still lists every value.
func TestCapacityNoteCapped(t *testing.T) {
	parties := "Orvane:buyer,Nimbra:seller"
	var in []extract.ArticleResult
	for i := 1; i <= 6; i++ {
		in = append(in, rcArticle(fmt.Sprintf("en-%d", i), fmt.Sprintf("2026-0%d-01", i),
			rcDeal(extract.KindCompute, extract.DealExpanded, parties, rcAmount(rcUSD("6e9")), rcCapacity(fmt.Sprint(i), "GW", ""),
				rcText(fmt.Sprintf("Orvane expanded its Nimbra contract to %d GW.", i), 0))))
	}
	in = append(in, rcArticle("en-7", "2026-07-01",
		rcDeal(extract.KindCompute, extract.DealAgreed, parties, rcAmount(rcUSD("6e9")), rcCapacity("0.5", "GW", ""),
			rcText("Orvane's Nimbra contract covers 0.5 GW.", 0))))
	deals := reconcile.Reconcile(in)
	if len(deals) != 1 {
		t.Fatalf("%d deals, want 1", len(deals))
	}
	d := deals[0]
	h := d.History[len(d.History)-1]
	if n := strings.Count(h.Note, "capacity: "); n != 3 || !strings.Contains(h.Note, "and 3 more capacity disagreements") {
		t.Errorf("note of the last view spells out %d disagreements: %q; want 3 and 3 more", n, h.Note)
	}
	var values int
	for _, c := range d.Conflicts {
		if c.Field == extract.FieldCapacity {
			values = len(c.Values)
		}
	}
	if values != 7 {
		t.Errorf("the capacity conflict lists %d values, want all 7: %+v", values, d.Conflicts)
	}
}

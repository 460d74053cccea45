package reconcile_test

import (
	"fmt"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

func ExampleReconcile() {
	usd := func(v string) *extract.Money {
		return &extract.Money{Value: figures.MustDecimal(v), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total}
	}
	article := func(id, published string, d extract.Deal) extract.ArticleResult {
		d.Kind, d.Grounded, d.Confidence = extract.KindCompute, true, 0.9
		d.Parties = []extract.Party{{Name: "OpenAI", Role: extract.RoleBuyer}, {Name: "Amazon", Role: extract.RoleSeller}}
		return extract.ArticleResult{
			Status:  extract.StatusOK,
			Article: extract.ArticleInfo{ID: id, Published: &published},
			Deals:   []extract.Deal{d},
		}
	}
	over138 := usd("138e9")
	over138.Qualifier = figures.Over
	results := []extract.ArticleResult{
		// "sale da 38 a oltre 138 miliardi"
		article("it-feb", "2026-02-27", extract.Deal{Status: extract.DealExpanded, Amount: over138, PreviousAmount: usd("38e9")}),
		// "38 miliardi di dollari"
		article("it-nov", "2025-11-03", extract.Deal{Status: extract.DealAnnounced, Amount: usd("38e9")}),
		// "$38 mil millones"
		article("es-nov", "2025-11-03", extract.Deal{Status: extract.DealAnnounced, Amount: usd("38000e6")}),
		// a decimal point misplaced, no revision stated
		article("en-mar", "2026-03-02", extract.Deal{Status: extract.DealExpanded, Amount: usd("13.8e9")}),
	}
	for _, d := range reconcile.Reconcile(results) {
		fmt.Println(d.ID, "review:", d.Review)
		fmt.Println("current:", extract.DescribeCurrent(d.Current), "from", d.Current.Article)
		for _, h := range d.History {
			fmt.Println(" ", *h.AsOf, h.Article, extract.FormatMoney(h.Amount), h.Relation)
		}
		for _, c := range d.Conflicts {
			fmt.Println("conflict:", c.Field, "-", c.Note)
		}
	}
	// Output:
	// amazon+openai/compute_contract review: needed
	// current: over $138B, expanded, as of 2026-02-27 from it-feb
	//   2025-11-03 es-nov $38B first
	//   2025-11-03 it-nov $38B same
	//   2026-02-27 it-feb over $138B revised_up
	//   2026-03-02 en-mar $13.8B conflict
	// conflict: amount - a factor of 10 (a misplaced decimal point or a zero too many): over $138B in it-feb (2026-02-27), $13.8B in en-mar (2026-03-02), and no revision stated
}

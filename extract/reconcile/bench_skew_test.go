package reconcile_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// rcGenerateSkewedN makes n facts as real news has them: one deal
// stated by a third of the articles, the rest in deals of 100 articles
// each, with rcGenerateSkewed's mix of repeats, revisions, conflicts
// and statuses.
func rcGenerateSkewedN(n int) []extract.ArticleResult {
	rng := rand.New(rand.NewSource(5))
	statuses := []extract.DealStatus{extract.DealAnnounced, extract.DealAgreed, extract.DealExpanded, extract.DealReported, extract.DealCompleted}
	results := make([]extract.ArticleResult, 0, n)
	article := func(parties string, base int64) {
		id := fmt.Sprintf("sha256:%016x", rng.Int63())
		pub := fmt.Sprintf("%04d-%02d-%02d", 2025+rng.Intn(2), 1+rng.Intn(12), 1+rng.Intn(28))
		var opts []rcOpt
		switch r := rng.Intn(10); {
		case r < 5:
			opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base))))
		case r < 7:
			opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base*2))), rcPrevious(rcUSD(fmt.Sprintf("%de9", base))))
		case r < 8:
			opts = append(opts, rcCapacity(fmt.Sprint(1+rng.Intn(5)), "GW", ""))
		default:
			opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base+int64(rng.Intn(50))))), rcTerm(float64(1+rng.Intn(10))))
		}
		status := statuses[rng.Intn(len(statuses))]
		if rng.Intn(30) == 0 {
			status = extract.DealRejected
		}
		results = append(results, rcArticle(id, pub, rcDeal(rcCompute, status, parties, opts...)))
	}
	for i := 0; i < n/3; i++ {
		article("Big Buyer:buyer,Big Cloud:seller", 40)
	}
	for i := n / 3; i < n; i++ {
		d := (i - n/3) / 100
		article(fmt.Sprintf("Buyer %04d:buyer,Cloud %04d:seller", d, d), int64(10+d%90))
	}
	return results
}

// BenchmarkReconcileSkewedFacts reconciles 1,000, 10,000 and 100,000
// facts of rcGenerateSkewedN: cpu-ns/fact should stay near constant (a
// deal is reconciled in O(n log n) of its sources). Run with -cpu=1.
func BenchmarkReconcileSkewedFacts(b *testing.B) {
	rcBenchPer(b, []int{1_000, 10_000, 100_000}, rcGenerateSkewedN, "fact")
}

// rcGenerateExpansions makes one deal stated by n articles, each an
// expansion to a larger capacity than the one before, in GW and in MW
// for training and inference: the deal holds n capacities, and a
// view's capacity contradicts none of them (an expansion is more
// capacity).
func rcGenerateExpansions(n int) []extract.ArticleResult {
	units := []string{"GW", "MW"}
	purposes := []string{"", "training", "inference"}
	results := make([]extract.ArticleResult, 0, n)
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("sha256:%016x", i) // in date order, then id order: i's order
		day := i * 600 / n
		pub := fmt.Sprintf("%04d-%02d-%02d", 2025+day/300, 1+day/25%12, 1+day%25)
		c := rcCapacity(fmt.Sprintf("%d.%d", 1+i/10, i%10), units[i%2], purposes[i%3])
		results = append(results, rcArticle(id, pub, rcDeal(rcCompute, extract.DealExpanded, "Big Buyer:buyer,Big Cloud:seller", c)))
	}
	return results
}

// BenchmarkReconcileExpansions reconciles one deal of 1,000, 5,000 and
// 20,000 expansions (rcGenerateExpansions): cpu-ns/source stays flat, as
// a view finds the capacities it contradicts without a scan of them all.
func BenchmarkReconcileExpansions(b *testing.B) {
	rcBenchPer(b, []int{1_000, 5_000, 20_000}, rcGenerateExpansions, "source")
}

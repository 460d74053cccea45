package reconcile_test

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// rcGenerate makes n deal facts over n/20 articles and about 5,000
// deals: repeats, revisions, capacity facts, per-year figures, status
// changes, ungrounded figures, and about 15% of facts that conflict (a
// different figure, a rejection), in a fixed pseudo-random mix.
func rcGenerate(n int) []extract.ArticleResult {
	rng := rand.New(rand.NewSource(1))
	companies := make([]string, 60)
	for i := range companies {
		companies[i] = fmt.Sprintf("Company %02d", i)
	}
	kinds := []extract.Kind{extract.KindCompute, extract.KindInvestment, extract.KindChipSupply}
	statuses := []extract.DealStatus{extract.DealAnnounced, extract.DealAnnounced, extract.DealAgreed, extract.DealAgreed, extract.DealExpanded, extract.DealReported, extract.DealCompleted, extract.DealPlanned}
	perArticle := 20
	results := make([]extract.ArticleResult, 0, n/perArticle+1)
	for made := 0; made < n; {
		id := fmt.Sprintf("sha256:%016x", rng.Int63())
		pub := fmt.Sprintf("%04d-%02d-%02d", 2024+rng.Intn(3), 1+rng.Intn(12), 1+rng.Intn(28))
		var deals []extract.Deal
		for k := 0; k < perArticle && made < n; k++ {
			a, b := rng.Intn(len(companies)), rng.Intn(len(companies))
			if a == b {
				b = (b + 1) % len(companies)
			}
			if a > b {
				a, b = b, a
			}
			parties := companies[a] + ":buyer," + companies[b] + ":seller"
			base := int64(10 + (a*7+b)%90)
			var opts []rcOpt
			switch r := rng.Intn(10); {
			case r < 4:
				opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base))))
			case r < 6:
				opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base*2))), rcPrevious(rcUSD(fmt.Sprintf("%de9", base))))
			case r < 7:
				opts = append(opts, rcCapacity(fmt.Sprint(1+rng.Intn(5)), "GW", ""))
			case r < 8:
				opts = append(opts, rcAmount(rcPerYear(rcUSD(fmt.Sprintf("%de9", base)))), rcTerm(float64(1+rng.Intn(10))))
			case r < 9:
				opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base+int64(rng.Intn(50))))))
			default:
				opts = append(opts, rcAmount(rcUSD(fmt.Sprintf("%de9", base*1000))), rcUngrounded())
			}
			opts = append(opts, rcAt(k*300))
			status := statuses[rng.Intn(len(statuses))]
			if rng.Intn(30) == 0 {
				status = extract.DealRejected
			}
			deals = append(deals, rcDeal(kinds[rng.Intn(len(kinds))], status, parties, opts...))
			made++
		}
		results = append(results, rcArticle(id, pub, deals...))
	}
	return results
}

// BenchmarkReconcile100k reconciles 100,000 deal facts (target: < 2 s on
// one core; run with -cpu=1). cpu-ns/op is the process's CPU time, which
// a busy shared machine inflates less than wall time (GC included).
func BenchmarkReconcile100k(b *testing.B) {
	in := rcGenerate(100_000)
	b.ReportAllocs()
	b.ResetTimer()
	var deals int
	cpu := rcCPUTime()
	for i := 0; i < b.N; i++ {
		deals = len(reconcile.Reconcile(in))
	}
	cpu = rcCPUTime() - cpu
	b.StopTimer()
	b.ReportMetric(float64(deals), "deals")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

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
			kind := rng.Intn(len(kinds))
			base := int64(10 + (a*7+b+kind*31)%90) // each kind of a pair its own figures
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
			deals = append(deals, rcDeal(kinds[kind], status, parties, opts...))
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

// BenchmarkReconcileFacts reconciles 1,000, 10,000 and 100,000 facts of
// rcGenerate's mix: the uniform counterpart of
// BenchmarkReconcileSkewedFacts, its cpu-ns/fact the same measure.
func BenchmarkReconcileFacts(b *testing.B) {
	rcBenchPer(b, []int{1_000, 10_000, 100_000}, rcGenerate, "fact")
}

// rcGenerateSkewed makes one deal stated by 5,000 articles and 100 deals
// stated by 100 articles each, with the same mix of repeats, revisions,
// conflicts and statuses as rcGenerate.
func rcGenerateSkewed() []extract.ArticleResult {
	return rcGenerateDeals([]rcDealSize{{"Big Buyer:buyer,Big Cloud:seller", 40, 5000}}, 100, 100)
}

type rcDealSize struct {
	parties string
	base    int64
	sources int
}

// rcGenerateDeals makes the given deals, then small deals more deals of
// perSmall sources each.
func rcGenerateDeals(big []rcDealSize, small, perSmall int) []extract.ArticleResult {
	rng := rand.New(rand.NewSource(3))
	statuses := []extract.DealStatus{extract.DealAnnounced, extract.DealAgreed, extract.DealExpanded, extract.DealReported, extract.DealCompleted}
	var results []extract.ArticleResult
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
	for _, b := range big {
		for i := 0; i < b.sources; i++ {
			article(b.parties, b.base)
		}
	}
	for d := 0; d < small; d++ {
		for i := 0; i < perSmall; i++ {
			article(fmt.Sprintf("Buyer %03d:buyer,Cloud %03d:seller", d, d), int64(10+d))
		}
	}
	return results
}

// BenchmarkReconcileSkewed: one deal with 5,000 sources and 100 deals
// with 100 sources each (15,000 facts). Reconciling a deal is O(n log n)
// in its sources, so the big deal costs no more per fact than the small.
func BenchmarkReconcileSkewed(b *testing.B) {
	in := rcGenerateSkewed()
	b.ReportAllocs()
	b.ResetTimer()
	var deals int
	for i := 0; i < b.N; i++ {
		deals = len(reconcile.Reconcile(in))
	}
	b.ReportMetric(float64(deals), "deals")
}

// BenchmarkReconcileOneDeal reconciles one deal stated by 1,000, 5,000
// and 20,000 articles: the time per source stays flat (O(n log n)).
func BenchmarkReconcileOneDeal(b *testing.B) {
	for _, n := range []int{1_000, 5_000, 20_000} {
		in := rcGenerateDeals([]rcDealSize{{"Big Buyer:buyer,Big Cloud:seller", 40, n}}, 0, 0)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				reconcile.Reconcile(in)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/source")
		})
	}
}

// rcBenchPer reconciles gen(n) for each n of sizes as a sub-benchmark
// ("1k", "10k"...) and reports wall and CPU nanoseconds per unit (a fact,
// a source): flat numbers across sizes mean linear work. CPU time says
// more than wall time on a busy machine.
func rcBenchPer(b *testing.B, sizes []int, gen func(int) []extract.ArticleResult, unit string) {
	for _, n := range sizes {
		in := gen(n)
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			b.ReportAllocs()
			cpu := rcCPUTime()
			for i := 0; i < b.N; i++ {
				reconcile.Reconcile(in)
			}
			cpu = rcCPUTime() - cpu
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/"+unit)
			if cpu > 0 {
				b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N*n), "cpu-ns/"+unit)
			}
		})
	}
}

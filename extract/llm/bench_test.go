package llm

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

func benchArticles(n int) []extract.Article {
	arts := make([]extract.Article, n)
	for i := range arts {
		a := articleES()
		a.ID = fmt.Sprintf("sha256:%016x", i)
		arts[i] = a
	}
	return arts
}

// BenchmarkThroughput runs 200 articles through the Pipeline against a
// fake server that answers after a fixed latency L = 200ms, with
// concurrency C = 8 (pipeline and client). The target is throughput >=
// 0.9 × C / L = 36 articles/s. Run with -benchtime=1x (one run is ~5s).
func BenchmarkThroughput(b *testing.B) {
	const (
		n       = 200
		conc    = 8
		latency = 200 * time.Millisecond
	)
	f := newFake(b, step{content: answerJSON(awsDeal(), billonesDeal("1400000000000")), promptTok: 2000, complTok: 300})
	f.latency = latency
	f.light = true
	o := testOptions(f)
	o.Concurrency = conc
	o.Timeout = 10 * time.Second
	c, err := New(o)
	if err != nil {
		b.Fatal(err)
	}
	p := &extract.Pipeline{Detector: fixedLang("es"), Extractor: c, Concurrency: conc}
	arts := benchArticles(n)
	b.ResetTimer()
	var total time.Duration
	for range b.N {
		start := time.Now()
		outs, err := p.RunAll(context.Background(), arts)
		total += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range outs {
			if o.Result.Status != extract.StatusOK || len(o.Result.Deals) != 2 {
				b.Fatalf("result %s: %s %v", o.Result.Article.ID, o.Result.Status, deref(o.Result.Error))
			}
		}
	}
	per := total / time.Duration(b.N)
	rate := float64(n) / per.Seconds()
	ideal := float64(conc) / latency.Seconds()
	b.ReportMetric(rate, "articles/s")
	b.ReportMetric(rate/ideal, "x_of_C/L")
	// wall time each article adds beyond its share of L
	b.ReportMetric(float64((per-time.Duration(n/conc)*latency).Microseconds())/float64(n/conc), "overhead_us/article")
}

// BenchmarkOverhead is the cost of one article without model latency:
// prompt rendering, the HTTP round trip over loopback, decoding,
// validation, conversion and grounding.
func BenchmarkOverhead(b *testing.B) {
	f := newFake(b, step{content: answerJSON(awsDeal(), billonesDeal("1400000000000")), promptTok: 2000, complTok: 300})
	f.light = true
	c, err := New(testOptions(f))
	if err != nil {
		b.Fatal(err)
	}
	p := &extract.Pipeline{Detector: fixedLang("es"), Extractor: c}
	a := articleES()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		o := p.Process(context.Background(), a)
		if o.Result.Status != extract.StatusOK {
			b.Fatal(deref(o.Result.Error))
		}
	}
}

// BenchmarkCacheHit is a re-run over an unchanged article: no request.
func BenchmarkCacheHit(b *testing.B) {
	f := newFake(b, step{content: answerJSON(awsDeal(), billonesDeal("1400000000000"))})
	o := testOptions(f)
	o.Cache = &extract.MemCache{}
	c, err := New(o)
	if err != nil {
		b.Fatal(err)
	}
	p := &extract.Pipeline{Detector: fixedLang("es"), Extractor: c}
	a := articleES()
	p.Process(context.Background(), a)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if o := p.Process(context.Background(), a); o.Usage.CacheHits != 1 {
			b.Fatal("not a cache hit")
		}
	}
}

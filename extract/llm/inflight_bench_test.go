package llm

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/langid"
)

// inFlightMeter wraps a handler and integrates the number of requests in
// flight over time, so a benchmark can report how many were in flight
// on average.
type inFlightMeter struct {
	mu      sync.Mutex
	n       int
	last    time.Time
	area    time.Duration // ∫ n dt
	started time.Time
}

func (m *inFlightMeter) add(d int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	if !m.last.IsZero() {
		m.area += time.Duration(m.n) * now.Sub(m.last)
	}
	m.last = now
	m.n += d
}

func (m *inFlightMeter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.add(1)
		defer m.add(-1)
		h.ServeHTTP(w, r)
	})
}

// mean returns the requests in flight on average over the wall time
// since reset.
func (m *inFlightMeter) mean() float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return float64(m.area) / float64(time.Since(m.started))
}

func (m *inFlightMeter) reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.area, m.last, m.started = 0, time.Time{}, time.Now()
}

// longArticles returns n articles of about 5 KB (the test article, then
// paragraphs in Spanish, Italian and English, as a nightly corpus has),
// each a little different so that nothing is cached.
func longArticles(n int) []extract.Article {
	paras := []string{
		"El consejo de administración aprobó el plan de inversiones para los próximos años, que incluye la ampliación de los centros de datos en la península y un acuerdo de suministro eléctrico a largo plazo con varias compañías del sector.",
		"Secondo gli analisti, la domanda di capacità di calcolo continuerà a crescere nei prossimi trimestri, spinta dai modelli di intelligenza artificiale e dalla migrazione dei servizi verso il cloud pubblico.",
		"The company said the agreement would be financed with a mix of debt and cash on hand, and that construction of the first phase was expected to begin before the end of the year, subject to permits.",
	}
	arts := make([]extract.Article, n)
	for i := range arts {
		a := articleES()
		a.ID = fmt.Sprintf("sha256:%016x", i)
		var sb strings.Builder
		sb.WriteString(a.Text)
		for j := 0; sb.Len() < 5000; j++ {
			fmt.Fprintf(&sb, "\n\n%s (%d.%d)", paras[(i+j)%len(paras)], i, j)
		}
		a.Text = sb.String()
		arts[i] = a
	}
	return arts
}

// BenchmarkInFlight measures how well the Pipeline keeps C requests in
// flight against a fake server with latency L (C × 62.5 ms) while
// every article also costs CPU (real language detection of a 5 KB
// article, the client's prompt and decoding, grounding). It reports the requests in flight on
// average over C (inflight/C, 1 is ideal) and the throughput over C/L
// (x_of_C/L); the target is >= 0.9 for both. Run with -benchtime=1x.
func BenchmarkInFlight(b *testing.B) {
	det, err := langid.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, conc := range []int{4, 32} {
		// L grows with C so that both ask the same CPU per second
		// (16 articles/s): the benchmark measures the overlap, not
		// whether the machine has the cores for C/L.
		latency := time.Duration(conc) * 250 * time.Millisecond / 4
		b.Run(fmt.Sprintf("C=%d", conc), func(b *testing.B) {
			n := conc * 8
			f := newFake(b, step{content: answerJSON(awsDeal(), billonesDeal("1400000000000")), promptTok: 2000, complTok: 300})
			f.latency = latency
			f.light = true
			var m inFlightMeter
			f.Config.Handler = m.wrap(f.Config.Handler)
			o := testOptions(f)
			o.Concurrency = conc
			c, err := New(o)
			if err != nil {
				b.Fatal(err)
			}
			p := &extract.Pipeline{Detector: det, Extractor: c, Concurrency: conc}
			arts := longArticles(n)
			var total time.Duration
			var inflight float64
			b.ResetTimer()
			for range b.N {
				m.reset()
				start := time.Now()
				outs, err := p.RunAll(context.Background(), arts)
				total += time.Since(start)
				inflight += m.mean()
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
			b.ReportMetric(rate, "articles/s")
			b.ReportMetric(rate/(float64(conc)/latency.Seconds()), "x_of_C/L")
			b.ReportMetric(inflight/float64(b.N)/float64(conc), "inflight/C")
		})
	}
}

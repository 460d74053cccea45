package main

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// BenchmarkNight measures a night of 200 new articles on stores of
// 1,000, 10,000 and 50,000 articles (fake extractor, 1 to 4 deals per
// article between Zipf-drawn pairs, so some deals have thousands of
// sources): "night" is the whole run (its deal snapshot included, kept
// incrementally), "full" what the end of a run cost before (reconcile
// every latest result, store every deal). Setup is not timed. The
// snapshot-ms is the part of the night that brings the deals up to date
// (the rest lists and skips the unchanged files); it should not grow
// with the store beyond the deals the night touches. The -cpu-ms
// metrics are the process's CPU time (user + system) over the same
// spans: on a busy machine they say more than wall time. Run with
// -benchtime=1x.
func BenchmarkNight(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "corpus")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewSource(1))
			zb := rand.NewZipf(rng, 1.2, 2, 519)
			zs := rand.NewZipf(rng, 1.4, 1, 69)
			write := func(i int) {
				var t strings.Builder
				fmt.Fprintf(&t, "Article %d\n\n", i)
				for k := 0; k < 1+rng.Intn(4); k++ {
					fmt.Fprintf(&t, "DEAL compute_contract agreed Buyer%03d Seller%02d $%d billion\n", zb.Uint64(), zs.Uint64(), 10+rng.Intn(3))
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%06d.txt", i)), []byte(t.String()), 0o644); err != nil {
					b.Fatal(err)
				}
			}
			for i := 0; i < n; i++ {
				write(i)
			}
			db, err := store.Open(filepath.Join(b.TempDir(), "night.db"), &store.Options{NoSync: true, Reconciler: reconcilerID()})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			run := func() {
				job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 2},
					Inputs: []string{dir}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "bench", Batch: 256}
				if _, err := job.Do(context.Background()); err != nil || job.DealsErr != nil {
					b.Fatal(err, job.DealsErr)
				}
			}
			run()
			var snapshot, snapshotCPU time.Duration
			timing := false
			saveDeals = func(db *store.DB, id uint64) (int, int, error) {
				start, cpu := time.Now(), cpuTime()
				defer func() {
					if timing {
						snapshot += time.Since(start)
						snapshotCPU += cpuTime() - cpu
					}
				}()
				return snapshotDeals(db, id)
			}
			defer func() { saveDeals = snapshotDeals }()
			b.ResetTimer()
			var night, full, nightCPU, fullCPU time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				for j := 0; j < 200; j++ {
					write(n + i*200 + j)
				}
				b.StartTimer()
				start, cpu := time.Now(), cpuTime()
				timing = true
				run()
				timing = false
				night += time.Since(start)
				nightCPU += cpuTime() - cpu
				b.StopTimer()
				start, cpu = time.Now(), cpuTime()
				results, err := db.Latest()
				if err != nil {
					b.Fatal(err)
				}
				deals, unv := reconcileOptions().All(results)
				last, err := db.BeginRun(store.RunInfo{Backend: "fake"})
				if err != nil {
					b.Fatal(err)
				}
				if err := db.PutDeals(last.ID, deals, unv); err != nil {
					b.Fatal(err)
				}
				full += time.Since(start)
				fullCPU += cpuTime() - cpu
				if err := db.FinishRun(last.ID, store.RunAborted, "bench"); err != nil {
					b.Fatal(err)
				}
				if err := db.ResetDeals(); err != nil { // back to format 2: the next night rebuilds
					b.Fatal(err)
				}
				run() // rebuild the incremental snapshot, untimed
				b.StartTimer()
			}
			b.ReportMetric(float64(night.Milliseconds())/float64(b.N), "night-ms")
			b.ReportMetric(float64(full.Milliseconds())/float64(b.N), "full-ms")
			b.ReportMetric(float64(snapshot.Milliseconds())/float64(b.N), "snapshot-ms")
			if nightCPU > 0 { // CPU time says more than wall time on a busy machine
				b.ReportMetric(float64(nightCPU.Milliseconds())/float64(b.N), "night-cpu-ms")
				b.ReportMetric(float64(fullCPU.Milliseconds())/float64(b.N), "full-cpu-ms")
				b.ReportMetric(float64(snapshotCPU.Milliseconds())/float64(b.N), "snapshot-cpu-ms")
			}
		})
	}
}

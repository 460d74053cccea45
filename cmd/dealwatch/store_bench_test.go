package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/langid"
	"github.com/dealwatch/dealwatch/store"
)

const benchArticles, benchSize = 5000, 5000

// corpusForBench writes 5,000 generated 5 KB articles (not timed).
func corpusForBench(b *testing.B) string {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	dir := filepath.Join(b.TempDir(), "corpus")
	genCorpus(b, dir, benchArticles, benchSize)
	return dir
}

// benchRun runs one job over dir into db and reports articles/s.
func benchRun(b *testing.B, db *store.DB, det extract.Detector, ex extract.Extractor, dir string) store.Run {
	b.Helper()
	job := &runJob{
		DB:          db,
		Pipeline:    &extract.Pipeline{Detector: det, Extractor: ex, Concurrency: 4},
		Inputs:      []string{dir},
		Info:        store.RunInfo{Backend: "rules", Program: Version},
		Fingerprint: "bench",
	}
	run, err := job.Do(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if run.Counts.Seen != benchArticles || run.Counts.Failed != 0 {
		b.Fatalf("run counts = %+v", run.Counts)
	}
	return run
}

func rulesForBench(b *testing.B) extract.Extractor {
	ex, err := newRulesExtractor(&backendOptions{Backend: "rules"})
	if err != nil {
		b.Fatal(err)
	}
	return ex
}

func openBenchDB(b *testing.B) *store.DB {
	b.Helper()
	// fsync on: the benchmark measures what a nightly run pays.
	db, err := store.Open(filepath.Join(b.TempDir(), "bench.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkRunRules is a first run with the rules backend and the store
// over 5,000 generated 5 KB articles, language detection faked: the cost
// of the rules, the pipeline and the store. Target ≥ 100 articles/s.
func BenchmarkRunRules(b *testing.B) {
	dir := corpusForBench(b)
	ex := rulesForBench(b)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := openBenchDB(b)
		b.StartTimer()
		start := time.Now()
		benchRun(b, db, fakeDetector{}, ex, dir)
		total += time.Since(start)
	}
	b.ReportMetric(float64(benchArticles*b.N)/total.Seconds(), "articles/s")
}

// BenchmarkRunEndToEnd is BenchmarkRunRules with the real language
// detector (lingua): what "dealwatch run" does on a first night.
func BenchmarkRunEndToEnd(b *testing.B) {
	dir := corpusForBench(b)
	ex := rulesForBench(b)
	det, err := langid.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := openBenchDB(b)
		b.StartTimer()
		start := time.Now()
		benchRun(b, db, det, ex, dir)
		total += time.Since(start)
	}
	b.ReportMetric(float64(benchArticles*b.N)/total.Seconds(), "articles/s")
}

// BenchmarkRerunUnchanged is a second run over the same 5,000 articles:
// every source is skipped from the source index (size, mtime,
// fingerprint) without being read. Target ≥ 1,000 articles/s.
func BenchmarkRerunUnchanged(b *testing.B) {
	dir := corpusForBench(b)
	db := openBenchDB(b)
	benchRun(b, db, fakeDetector{}, rulesForBench(b), dir)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		run := benchRun(b, db, fakeDetector{}, nil, dir)
		if run.Counts.Skipped != benchArticles || run.Counts.NewVersions != 0 {
			b.Fatalf("re-run counts = %+v, want everything skipped", run.Counts)
		}
	}
	b.ReportMetric(float64(benchArticles*b.N)/time.Since(start).Seconds(), "articles/s")
}

// BenchmarkStoreSaveBatch measures the store alone: 64 new results per
// transaction, with fsync.
func BenchmarkStoreSaveBatch(b *testing.B) {
	db := openBenchDB(b)
	run, err := db.BeginRun(store.RunInfo{})
	if err != nil {
		b.Fatal(err)
	}
	ex := &fakeExtractor{info: extract.ExtractorInfo{Backend: "fake"}}
	a := extract.Article{Text: "DEAL compute_contract announced OpenAI Amazon $38 billion", Lang: "en"}
	x, _ := ex.Extract(context.Background(), a)
	recs := make([]store.Record, 64)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range recs {
			r := extract.ArticleResult{
				SchemaVersion: extract.SchemaVersion,
				Article:       extract.ArticleInfo{ID: "sha256:" + string(rune('a'+j%26)), Source: filepath.Join("/bench", time.Duration(i*64+j).String())},
				Status:        extract.StatusOK,
				Extractor:     x.Info,
				Deals:         x.Deals,
			}
			recs[j] = store.Record{Result: &r}
		}
		if _, err := db.SaveBatch(run.ID, recs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(64*b.N)/b.Elapsed().Seconds(), "articles/s")
}

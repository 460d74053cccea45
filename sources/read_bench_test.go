package sources_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/sources"
)

const seedCorpus = "../testdata/corpus"

// BenchmarkRead reads the seed corpus folder end to end (List, then Load
// of each file: decoding, normalization, id, title, date). It reports
// MB/s over the files' bytes and articles/s.
func BenchmarkRead(b *testing.B) {
	entries, _ := sources.List([]string{seedCorpus})
	var size int64
	for _, e := range entries {
		size += e.Size
	}
	if len(entries) == 0 {
		b.Fatal("no seed articles")
	}
	ctx := context.Background()
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		arts, _ := sources.Read(ctx, []string{seedCorpus}, nil)
		for _, a := range arts {
			if a.Err != nil {
				b.Fatal(a.Err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(entries))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkDecodeNormalize is the in-memory part of Load (no file
// system): DecodeBytes, Normalize and ID over the seed texts.
func BenchmarkDecodeNormalize(b *testing.B) {
	files, err := filepath.Glob(filepath.Join(seedCorpus, "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("seed corpus: %v", err)
	}
	var texts [][]byte
	var size int64
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, t)
		size += int64(len(t))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			s, _, err := sources.DecodeBytes(t, "")
			if err != nil {
				b.Fatal(err)
			}
			if id := sources.ID(sources.Normalize(s)); !strings.HasPrefix(id, "sha256:") {
				b.Fatal(id)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "articles/s")
}

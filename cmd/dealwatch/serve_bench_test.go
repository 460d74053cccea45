package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/cmd/dealwatch/desk"
	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// BenchmarkDeskPages renders every desk page in process on a store of
// 10,000 articles about 400 deals after two runs (the second edited 50
// articles), as BenchmarkReadCommands builds it; each page opens the
// store read-only as the server does. Target: under 100 ms a page.
// Setup is not timed.
//
//	go test ./cmd/dealwatch -run '^$' -bench BenchmarkDeskPages -benchtime 20x
func BenchmarkDeskPages(b *testing.B) {
	const articles, pairs = 10000, 400
	base := b.TempDir()
	dir := filepath.Join(base, "corpus")
	path := filepath.Join(base, "desk.db")
	buildDeskBenchStore(b, dir, path, articles, pairs)
	benchDeskPages(b, dir, path)
}

func buildDeskBenchStore(b *testing.B, dir, path string, articles, pairs int) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	write := func(i int, bump int) {
		p := i % pairs
		amount := 10 + p%90 + bump
		if i%97 == 0 {
			amount += 1 // a figure that disagrees: conflicts to review
		}
		text := fmt.Sprintf("Article %d\n\n%s\nDEAL compute_contract agreed Buyer%03d Seller%03d $%d billion\n", i, strings.Repeat("Filler text about data centres and chips. ", 100), p, p/2, amount)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < articles; i++ {
		write(i, 0)
	}
	os.Remove(path)
	db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		b.Fatal(err)
	}
	run := func() {
		job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 2},
			Inputs: []string{dir}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "bench", Batch: 256}
		if _, err := job.Do(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	run()
	time.Sleep(10 * time.Millisecond) // a new mtime for the edited files
	for i := 0; i < 50; i++ {
		write(i*7, 1)
	}
	run()
	db.Close()
}

func benchDeskPages(b *testing.B, dir, path string) {
	srv, err := newDeskServer(&dbOptions{Path: path}, "bench", time.Second, false)
	if err != nil {
		b.Fatal(err)
	}
	// The deal with the most sources, in the queue.
	queued := "buyer000+seller000/compute_contract"
	pages := []string{
		"/",
		"/?company=buyer01&stage=agreed",
		"/deals",
		"/deal?id=" + url.QueryEscape(queued),
		"/article?id=" + url.QueryEscape(filepath.Join(dir, "a00000.txt")),
		"/article?id=" + url.QueryEscape(filepath.Join(dir, "a00007.txt")) + "&v=1",
		"/runs",
		"/runs?run=1",
	}
	for _, p := range pages {
		b.Run(strings.TrimPrefix(p, "/"), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest("GET", "http://127.0.0.1:8080"+p, nil)
				w := httptest.NewRecorder()
				srv.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d\n%s", p, w.Code, w.Body.String())
				}
			}
		})
	}
	b.Run("report", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
			if err != nil {
				b.Fatal(err)
			}
			if err := desk.WriteReport(io.Discard, db, deskData{}, desk.ReportOptions{}); err != nil {
				b.Fatal(err)
			}
			db.Close()
		}
	})
}

package sources

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// BenchmarkReadWebFeed reads a 50-item RSS feed whose pages are served
// locally without a rate limit: the cost of fetching, robots.txt,
// dedupe and extraction, without the network. Reports pages/s.
func BenchmarkReadWebFeed(b *testing.B) {
	page, err := readTestdataFile("a.html")
	if err != nil {
		b.Fatal(err)
	}
	page = bytes.Replace(page, []byte(`<link rel="canonical" href="/articles/a.html">`), nil, 1)
	const items = 50
	var feed strings.Builder
	feed.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>`)
	for i := range items {
		fmt.Fprintf(&feed, "<item><title>Item %d</title><link>/p/%d.html</link></item>", i, i)
	}
	feed.WriteString("</channel></rss>")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(feed.String()))
		case strings.HasPrefix(r.URL.Path, "/p/"):
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			// A distinct paragraph per page, so none is a duplicate.
			w.Write(bytes.Replace(page, []byte("<article>"), []byte("<article><p>Page "+r.URL.Path+".</p>"), 1))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	n := 0
	for b.Loop() {
		f := NewFetcher(&FetchOptions{HTTPClient: srv.Client(), RatePerHost: -1, AllowPrivate: true})
		rep := f.ReadWeb(context.Background(), []string{srv.URL + "/feed.xml"}, nil)
		if len(rep.Items) != items {
			b.Fatalf("read %d items, want %d; notes %q", len(rep.Items), items, rep.Notes)
		}
		n += len(rep.Items)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
}

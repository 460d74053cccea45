package sources

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Items whose pages fail and whose feed descriptions are identical are
// each reported: none is folded into a "same text" note.
func TestFailedItemsWithSameTextAllReported(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed.rss" {
			http.Error(w, "gone", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		var items strings.Builder
		for i := range 8 {
			link := fmt.Sprintf("%s/ok%d.html", srv.URL, i)
			if i%2 == 0 {
				link = fmt.Sprintf("%s/fail%d.html", srv.URL, i)
			}
			fmt.Fprintf(&items, "<item><title>Item %d</title><link>%s</link><description>Read the full story on our site, with every detail of the agreement announced today.</description></item>", i, link)
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>%s</channel></rss>`, items.String())
	}))
	defer srv.Close()
	f := NewFetcher(&FetchOptions{RatePerHost: -1, Timeout: 5 * time.Second, IgnoreRobots: true, AllowPrivate: true})
	rep := f.ReadWeb(context.Background(), []string{srv.URL + "/feed.rss"}, &WebOptions{Concurrency: 2})
	failed := 0
	for _, it := range rep.Items {
		if it.Article.Err != nil || pageFailed(&it.Article) {
			failed++
		}
	}
	if failed != 8 || len(rep.Items) != 8 {
		t.Errorf("%d items, %d failed, want 8 and 8; notes %q", len(rep.Items), failed, rep.Notes)
	}
	for _, n := range rep.Notes {
		if strings.Contains(n, "read once") {
			t.Errorf("a failed item was folded: %s", n)
		}
	}
}

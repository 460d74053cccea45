package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// Every failed feed item is counted and listed, even when the items'
// feed descriptions are identical (issue 19 item 8).
func TestRunListsEveryFailedFeedItem(t *testing.T) {
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt":
			http.NotFound(w, r)
		case r.URL.Path == "/feed.rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			var items strings.Builder
			for i := range 8 {
				kind := "ok"
				if i%2 == 0 {
					kind = "fail"
				}
				fmt.Fprintf(&items, "<item><title>Item %d</title><link>%s/%s%d.html</link><description>Read the full story on our site, with every detail of the agreement announced today by the companies.</description></item>", i, srv.URL, kind, i)
			}
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>%s</channel></rss>`, items.String())
		case strings.HasPrefix(r.URL.Path, "/ok"):
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, "<html><head><title>%s</title></head><body><article><p>OpenAI signed a cloud agreement with Amazon Web Services worth 38 billion dollars, the companies said on %s.</p></article></body></html>", r.URL.Path, r.URL.Path)
		default:
			http.Error(w, "broken", http.StatusInternalServerError)
		}
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "s.db")
	out, errOut, _ := runCLI(t, nil, "run", "--db", db, "--rate", "1000", "--allow-private", srv.URL+"/feed.rss")
	for _, i := range []int{0, 2, 4, 6} {
		link := fmt.Sprintf("%s/fail%d.html", srv.URL, i)
		if !strings.Contains(errOut, link) {
			t.Errorf("failed item %s not listed:\n%s\n%s", link, out, errOut)
		}
	}
	if !strings.Contains(out, "4 not fetched") {
		t.Errorf("summary does not count the 4 failed pages:\n%s", out)
	}
}

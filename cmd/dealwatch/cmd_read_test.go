package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestReadFilesGolden(t *testing.T) {
	repoRoot(t)
	out, errOut, code := runCLI(t, nil, "read", "sources/testdata/web/a.html", "sources/testdata/web/latin1.html")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	golden(t, "testdata/golden/read-html.txt", out)

	text, _, code := runCLI(t, nil, "read", "--text", "sources/testdata/web/a.html")
	if code != 0 || strings.Contains(text, "source ") || !strings.HasPrefix(text, "Northwind Labs has agreed") {
		t.Errorf("read --text: exit %d, output:\n%s", code, text)
	}
	// --text prints exactly the text part of the full view.
	if !strings.Contains(out, "\n"+text) {
		t.Errorf("read --text output is not the text of read:\n%s", text)
	}
}

// newsSite serves an article, a feed listing it twice and a missing
// page, and counts requests by path.
func newsSite(t *testing.T) (*httptest.Server, func(path string) int) {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "..", "sources", "testdata", "web", "b.html"))
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		case "/b.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>B</title><link>/b.html</link></item>
<item><title>B again</title><link>b.html</link></item>
<item><title>Gone</title><link>/gone.html</link></item>
</channel></rss>`)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		return hits[path]
	}
}

func TestReadURLsAndFeeds(t *testing.T) {
	srv, hits := newsSite(t)
	out, errOut, code := runCLI(t, nil, "read", "--rate", "1000", "--allow-private", srv.URL+"/b.html")
	if code != 0 {
		t.Fatalf("read URL: exit %d, stderr:\n%s", code, errOut)
	}
	for _, want := range []string{"source         " + srv.URL + "/b.html", "url            https://news.example.com/articles/b.html", "language       it", "published      2026-02-27", "\nFabrikam ha annunciato"} {
		if !strings.Contains(out, want) {
			t.Errorf("read URL output lacks %q:\n%s", want, out)
		}
	}

	// A feeds file: the feed's duplicate item is read once, the missing
	// page (no content in the feed to fall back on) fails alone: exit 1.
	feeds := filepath.Join(t.TempDir(), "feeds.txt")
	os.WriteFile(feeds, []byte("# test\n"+srv.URL+"/feed.xml\n"), 0o644)
	out, errOut, code = runCLI(t, nil, "read", "--rate", "1000", "--allow-private", "--text", "--feeds", feeds)
	if code != 1 {
		t.Errorf("read --feeds: exit %d, want 1 (one page failed); stderr:\n%s", code, errOut)
	}
	if strings.Count(out, "Fabrikam ha annunciato") != 1 {
		t.Errorf("read --feeds output, want the article once:\n%s", out)
	}
	if !strings.Contains(errOut, "/gone.html") || !strings.Contains(errOut, "404") || !strings.Contains(errOut, "listed twice") {
		t.Errorf("stderr does not report the failure and the duplicate:\n%s", errOut)
	}
	if n := hits("/b.html"); n != 2 { // once per read command
		t.Errorf("b.html fetched %d times, want 2", n)
	}
}

func TestReadUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"read"}, "at least one"},
		{[]string{"read", "--feeds", "/nonexistent/feeds.txt"}, "--feeds"},
		{[]string{"read", "--rate", "0", "https://example.com/"}, "--rate"},
	}
	for _, tc := range tests {
		_, errOut, code := runCLI(t, nil, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("dealwatch %q: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

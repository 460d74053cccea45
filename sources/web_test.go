package sources

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// site is a fake news site over httptest serving testdata/web, with
// ETags, robots.txt and misbehaving paths. It counts requests by path
// and status.
type site struct {
	t   *testing.T
	srv *httptest.Server

	mu       sync.Mutex
	hits     map[string]int // "GET /path 200"
	agents   map[string]bool
	lastHits []string
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{t: t, hits: map[string]int{}, agents: map[string]bool{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) url(p string) string { return s.srv.URL + p }

func (s *site) record(r *http.Request, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := fmt.Sprintf("%s %s %d", r.Method, r.URL.Path, status)
	s.hits[k]++
	s.lastHits = append(s.lastHits, k)
	s.agents[r.UserAgent()] = true
}

// count returns how many requests for path got status.
func (s *site) count(path string, status int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[fmt.Sprintf("GET %s %d", path, status)]
}

// statuses returns the statuses served so far, in order, and resets the
// log.
func (s *site) drain() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.lastHits
	s.lastHits = nil
	return out
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := readTestdataFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readTestdataFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "web", name))
}

// serveFile writes b with an ETag, answering If-None-Match with 304.
func (s *site) serveFile(w http.ResponseWriter, r *http.Request, b []byte, contentType string) {
	sum := sha256.Sum256(b)
	etag := `"` + hex.EncodeToString(sum[:8]) + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", "Wed, 04 Mar 2026 15:00:00 GMT")
	if r.Header.Get("If-None-Match") == etag {
		s.record(r, http.StatusNotModified)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	s.record(r, http.StatusOK)
	w.Header().Set("Content-Type", contentType)
	w.Write(b)
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		s.record(r, 200)
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
	case p == "/articles/a.html", p == "/articles/b.html":
		s.serveFile(w, r, readTestdata(s.t, strings.TrimPrefix(p, "/articles/")), "text/html; charset=utf-8")
	case p == "/mirror/a.html":
		// Same text, no canonical link: a duplicate only by article id.
		b := bytes.Replace(readTestdata(s.t, "a.html"), []byte(`<link rel="canonical" href="/articles/a.html">`), nil, 1)
		s.serveFile(w, r, b, "text/html")
	case p == "/private/c.html":
		s.serveFile(w, r, readTestdata(s.t, "a.html"), "text/html")
	case p == "/latin1.html":
		s.serveFile(w, r, readTestdata(s.t, "latin1.html"), "text/html") // charset only in the page
	case p == "/feed.rss":
		s.serveFile(w, r, readTestdata(s.t, "feed.rss"), "application/rss+xml")
	case p == "/feed.atom":
		s.serveFile(w, r, readTestdata(s.t, "feed.atom"), "application/atom+xml")
	case p == "/feed.json":
		s.serveFile(w, r, readTestdata(s.t, "feed.json"), "application/feed+json")
	case p == "/feed.xml":
		s.serveFile(w, r, readTestdata(s.t, "feed.rss"), "text/xml") // generic type, sniffed
	case p == "/bad.xml":
		s.serveFile(w, r, readTestdata(s.t, "bad.xml"), "application/rss+xml")
	case p == "/status/404":
		s.record(r, 404)
		http.NotFound(w, r)
	case p == "/status/500":
		s.record(r, 500)
		http.Error(w, "boom", 500)
	case p == "/slow":
		s.record(r, 200)
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
		fmt.Fprint(w, "<p>late</p>")
	case p == "/big", p == "/big-chunked":
		s.record(r, 200)
		w.Header().Set("Content-Type", "text/html")
		body := "<html><body><p>" + strings.Repeat("data center ", 200_000) + "</p></body></html>"
		if p == "/big" {
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
		}
		fmt.Fprint(w, body)
	case p == "/loop/a":
		s.record(r, 302)
		http.Redirect(w, r, "/loop/b", http.StatusFound)
	case p == "/loop/b":
		s.record(r, 302)
		http.Redirect(w, r, "/loop/a", http.StatusFound)
	case p == "/moved":
		s.record(r, 301)
		http.Redirect(w, r, "/articles/b.html", http.StatusMovedPermanently)
	case p == "/report.pdf":
		s.record(r, 200)
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.7\n"))
	default:
		s.record(r, 404)
		http.NotFound(w, r)
	}
}

// fetcher returns a Fetcher for tests: no rate limit, short timeout,
// and the test server on 127.0.0.1 allowed.
func (s *site) fetcher(o FetchOptions) *Fetcher {
	o.AllowPrivate = true
	if o.HTTPClient == nil {
		o.HTTPClient = s.srv.Client()
	}
	if o.RatePerHost == 0 {
		o.RatePerHost = -1
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	return NewFetcher(&o)
}

func TestFetchArticle(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{UserAgent: UserAgent("1.2.3")})
	a, res, err := f.Fetch(context.Background(), s.url("/articles/a.html"), Conditional{})
	if err != nil {
		t.Fatalf("Fetch: %v", err)
	}
	if res.NotModified || res.StatusCode != 200 || res.ETag == "" || res.LastModified == "" {
		t.Errorf("result = %+v, want 200 with validators", res)
	}
	if a.Origin.ETag != res.ETag || a.Origin.URL != s.url("/articles/a.html") {
		t.Errorf("origin = %+v, want ETag %s and canonical URL", a.Origin, res.ETag)
	}
	if a.Title != "Northwind signs a $12 billion compute deal with Contoso Cloud" || a.LangHint != "en" || a.Published != "2026-03-04" {
		t.Errorf("metadata = %q %q %q", a.Title, a.LangHint, a.Published)
	}
	if a.ID != ID(a.Text) {
		t.Errorf("ID %s is not the id of the text", a.ID)
	}
	for _, bad := range []string{"Subscribe", "cookies", "Further reading", "Fabrikam raises", "All rights reserved"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text holds boilerplate %q:\n%s", bad, a.Text)
		}
	}
	if !strings.Contains(a.Text, "$12 billion of cloud computing capacity") || !strings.Contains(a.Text, "backlog, which stood at $180 billion") {
		t.Errorf("text misses the body:\n%s", a.Text)
	}
	if strings.Count(a.Text, "\n\n") < 3 {
		t.Errorf("paragraph breaks lost:\n%s", a.Text)
	}
	if !s.agents["dealwatch/1.2.3 (+https://github.com/dealwatch/dealwatch)"] || len(s.agents) != 1 {
		t.Errorf("user agents = %v", s.agents)
	}

	// Second fetch with the validators: a 304, nothing read.
	a2, res2, err := f.Fetch(context.Background(), s.url("/articles/a.html"), Conditional{ETag: res.ETag, LastModified: res.LastModified})
	if err != nil {
		t.Fatalf("conditional Fetch: %v", err)
	}
	if !res2.NotModified || a2.Text != "" || res2.ETag != res.ETag {
		t.Errorf("conditional fetch = %+v (text %d bytes), want NotModified with the same ETag", res2, len(a2.Text))
	}
	if n := s.count("/robots.txt", 200); n != 1 {
		t.Errorf("robots.txt fetched %d times, want once per site", n)
	}
}

func TestFetchErrors(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		name string
		path string
		opts FetchOptions
		want error
	}{
		{"not found", "/status/404", FetchOptions{}, &HTTPError{StatusCode: 404}},
		{"server error", "/status/500", FetchOptions{}, &HTTPError{StatusCode: 500}},
		{"timeout", "/slow", FetchOptions{Timeout: 150 * time.Millisecond}, context.DeadlineExceeded},
		{"declared too large", "/big", FetchOptions{MaxBytes: 1 << 20}, ErrTooLarge},
		{"chunked too large", "/big-chunked", FetchOptions{MaxBytes: 1 << 20}, ErrTooLarge},
		{"redirect loop", "/loop/a", FetchOptions{}, ErrTooManyRedirects},
		{"not html", "/report.pdf", FetchOptions{}, ErrContentType},
		{"robots.txt", "/private/c.html", FetchOptions{}, ErrDisallowed},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := s.fetcher(tc.opts)
			_, _, err := f.Fetch(context.Background(), s.url(tc.path), Conditional{})
			var he *HTTPError
			switch want := tc.want.(type) {
			case *HTTPError:
				if !errors.As(err, &he) || he.StatusCode != want.StatusCode {
					t.Fatalf("Fetch(%s) = %v, want HTTP %d", tc.path, err, want.StatusCode)
				}
			default:
				if !errors.Is(err, tc.want) && !(tc.name == "timeout" && isTimeout(err)) {
					t.Fatalf("Fetch(%s) = %v, want %v", tc.path, err, tc.want)
				}
			}
			if !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name the URL", err)
			}
		})
	}
	t.Run("five redirects are followed, not six", func(t *testing.T) {
		f := s.fetcher(FetchOptions{})
		if _, res, err := f.Fetch(context.Background(), s.url("/moved"), Conditional{}); err != nil || res.URL != s.url("/articles/b.html") {
			t.Errorf("Fetch(/moved) = %+v, %v; want the target", res, err)
		}
		s.drain()
		f.Fetch(context.Background(), s.url("/loop/a"), Conditional{})
		if got := len(s.drain()); got != DefaultMaxRedirects+1 {
			t.Errorf("redirect loop made %d requests, want %d", got, DefaultMaxRedirects+1)
		}
	})
	t.Run("scheme", func(t *testing.T) {
		_, _, err := s.fetcher(FetchOptions{}).Fetch(context.Background(), "file:///etc/passwd", Conditional{})
		if !errors.Is(err, ErrScheme) {
			t.Errorf("Fetch(file:) = %v, want ErrScheme", err)
		}
	})
	t.Run("robots ignored on request", func(t *testing.T) {
		if _, _, err := s.fetcher(FetchOptions{IgnoreRobots: true}).Fetch(context.Background(), s.url("/private/c.html"), Conditional{}); err != nil {
			t.Errorf("Fetch with IgnoreRobots = %v", err)
		}
	})
}

func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

func TestFetchLatin1DeclaredInMeta(t *testing.T) {
	s := newSite(t)
	a, _, err := s.fetcher(FetchOptions{}).Fetch(context.Background(), s.url("/latin1.html"), Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"energía", "Aragón", "«Sin energía no hay inteligencia artificial»", "3.000 millones"} {
		if !strings.Contains(a.Text, want) {
			t.Errorf("text lacks %q:\n%s", want, a.Text)
		}
	}
	if a.LangHint != "es" || a.Title != "Tailspin compra energía para sus centros de datos" {
		t.Errorf("lang %q title %q", a.LangHint, a.Title)
	}
	if strings.ContainsRune(a.Text, '\uFFFD') {
		t.Errorf("replacement characters in text")
	}
}

func TestFetchRateLimit(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{RatePerHost: 20})
	start := time.Now()
	for range 3 {
		if _, _, err := f.Fetch(context.Background(), s.url("/articles/b.html"), Conditional{}); err != nil {
			t.Fatal(err)
		}
	}
	// robots.txt + 3 pages at 20/s: at least 3 intervals of 50 ms.
	if el := time.Since(start); el < 140*time.Millisecond {
		t.Errorf("4 requests at 20/s took %v, want >= 150ms", el)
	}
}

func TestParseFeedFormats(t *testing.T) {
	base := "https://news.example.com/feeds/main.xml"
	tests := []struct {
		file      string
		wantLinks []string
		wantLang  string
		wantDate  string // of the first item
	}{
		{"feed.rss", []string{
			"https://news.example.com/articles/a.html",
			"https://news.example.com/feeds/articles/b.html",
			"https://news.example.com/articles/a.html",
			"https://news.example.com/private/c.html",
			"https://news.example.com/status/404",
		}, "en", "2026-03-04"},
		{"feed.atom", []string{"https://news.example.com/articles/b.html"}, "", "2026-02-27"},
		{"feed.json", []string{"https://news.example.com/articles/a.html", "https://news.example.com/articles/b.html"}, "en", "2026-03-04"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			fd, err := ParseFeed(readTestdata(t, tc.file), base)
			if err != nil {
				t.Fatal(err)
			}
			var links []string
			for _, it := range fd.Items {
				links = append(links, it.Link)
			}
			if strings.Join(links, "\n") != strings.Join(tc.wantLinks, "\n") {
				t.Errorf("links = %q, want %q", links, tc.wantLinks)
			}
			if fd.Lang != tc.wantLang && tc.file != "feed.atom" {
				t.Errorf("lang = %q, want %q", fd.Lang, tc.wantLang)
			}
			if fd.Items[0].Published != tc.wantDate {
				t.Errorf("first item published %q, want %q", fd.Items[0].Published, tc.wantDate)
			}
		})
	}
	latin1 := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Econom\xeda</title><item><title>La compa\xf1\xeda invierte</title><link>/a</link></item></channel></rss>")
	if fd, err := ParseFeed(latin1, base); err != nil || fd.Title != "Economía" || fd.Items[0].Title != "La compañía invierte" {
		t.Errorf("ParseFeed(Latin-1 RSS) = %+v, %v", fd, err)
	}
	if _, err := ParseFeed(readTestdata(t, "bad.xml"), base); !errors.Is(err, ErrFeed) {
		t.Errorf("ParseFeed(bad.xml) = %v, want ErrFeed", err)
	}
	if _, err := ParseFeed([]byte("<html><body>hi</body></html>"), base); !errors.Is(err, ErrFeed) {
		t.Errorf("ParseFeed(html) = %v, want ErrFeed", err)
	}
}

// webSummary is a readable line per item of a WebReport.
func webSummary(s *site, rep WebReport) []string {
	var out []string
	for _, it := range rep.Items {
		a := it.Article
		line := strings.TrimPrefix(a.Source, s.srv.URL)
		switch {
		case it.Result.NotModified:
			line += " not-modified"
		case a.Err != nil:
			line += " error"
		default:
			line += " ok " + a.LangHint + " " + a.Published
		}
		for _, w := range a.Warnings {
			line += " warn:" + w.Code
		}
		out = append(out, line)
	}
	return out
}

func TestReadWebRSS(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{})
	stored := map[string]Conditional{}
	opts := &WebOptions{Validators: func(u string) Conditional { return stored[u] }}

	rep := f.ReadWeb(context.Background(), []string{s.url("/feed.rss")}, opts)
	got := webSummary(s, rep)
	want := []string{
		"/articles/a.html ok en 2026-03-04",
		"/articles/b.html ok it 2026-02-27",
		"/private/c.html ok en 2026-03-02 warn:feed_content", // robots.txt: the item's content:encoded
		"/status/404 ok en  warn:feed_content",               // 404: the item's description
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("first run:\n%s\nwant:\n%s\nnotes: %q", strings.Join(got, "\n"), strings.Join(want, "\n"), rep.Notes)
	}
	if len(rep.Feeds) != 1 || rep.Feeds[0].Err != nil || rep.Feeds[0].Items != 5 || rep.Feeds[0].Result.ETag == "" {
		t.Errorf("feeds = %+v", rep.Feeds)
	}
	if n := s.count("/articles/a.html", 200); n != 1 {
		t.Errorf("a.html fetched %d times, want 1 (the duplicate item is skipped)", n)
	}
	if s.count("/private/c.html", 200) != 0 {
		t.Errorf("a path disallowed by robots.txt was fetched")
	}
	for _, it := range rep.Items {
		if strings.HasSuffix(it.Article.Source, "/private/c.html") && !strings.Contains(it.Article.Text, "2 GW data-center campus in Texas") {
			t.Errorf("fallback text = %q", it.Article.Text)
		}
	}

	// Store the validators, as the store does, and run again: only
	// conditional requests, everything unchanged.
	for _, fr := range rep.Feeds {
		stored[fr.URL] = Conditional{ETag: fr.Result.ETag, LastModified: fr.Result.LastModified}
	}
	for _, it := range rep.Items {
		if it.Result.ETag != "" {
			stored[it.Article.Source] = Conditional{ETag: it.Result.ETag, LastModified: it.Result.LastModified}
		}
	}
	s.drain()
	rep2 := f.ReadWeb(context.Background(), []string{s.url("/feed.rss")}, opts)
	if got := webSummary(s, rep2); len(got) != 1 || got[0] != "/feed.rss not-modified" || len(rep2.Feeds) != 0 {
		t.Errorf("second run over an unchanged feed: items %v feeds %+v, want the feed input not modified", got, rep2.Feeds)
	}
	if got := s.drain(); strings.Join(got, ",") != "GET /feed.rss 304" {
		t.Errorf("second run requests = %q, want one 304", got)
	}

	// The feed changed (validators lost) but its pages did not: 304s.
	delete(stored, s.url("/feed.rss"))
	rep3 := f.ReadWeb(context.Background(), []string{s.url("/feed.rss")}, opts)
	got3 := webSummary(s, rep3)
	want3 := []string{"/articles/a.html not-modified", "/articles/b.html not-modified", "/private/c.html ok en 2026-03-02 warn:feed_content", "/status/404 ok en  warn:feed_content"}
	if strings.Join(got3, "\n") != strings.Join(want3, "\n") {
		t.Errorf("third run:\n%s\nwant:\n%s", strings.Join(got3, "\n"), strings.Join(want3, "\n"))
	}
}

func TestReadWebAtomJSONAndDedupe(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{})
	rep := f.ReadWeb(context.Background(), []string{
		s.url("/articles/a.html"), // a page given directly
		s.url("/feed.atom"),
		s.url("/feed.json"),
		s.url("/feed.xml"), // RSS served as text/xml
	}, nil)
	got := webSummary(s, rep)
	want := []string{
		"/articles/a.html ok en 2026-03-04",
		"/articles/b.html ok it 2026-02-27",
		"/private/c.html ok en 2026-03-02 warn:feed_content",
		"/status/404 ok en  warn:feed_content",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s\nnotes: %q", strings.Join(got, "\n"), strings.Join(want, "\n"), rep.Notes)
	}
	if len(rep.Feeds) != 3 {
		t.Errorf("feeds = %+v, want 3", rep.Feeds)
	}
	if s.count("/articles/b.html", 200) != 1 {
		t.Errorf("b.html fetched %d times, want 1", s.count("/articles/b.html", 200))
	}
}

func TestReadWebMaxItems(t *testing.T) {
	s := newSite(t)
	rep := s.fetcher(FetchOptions{}).ReadWeb(context.Background(), []string{s.url("/feed.rss")}, &WebOptions{MaxItems: 2, Concurrency: 1})
	if got := webSummary(s, rep); len(got) != 2 || rep.Feeds[0].Items != 5 {
		t.Errorf("MaxItems 2: items %q, feed %+v", got, rep.Feeds)
	}
}

func TestReadWebDedupeByID(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{})
	rep := f.ReadWeb(context.Background(), []string{s.url("/articles/a.html"), s.url("/mirror/a.html")}, nil)
	if len(rep.Items) != 1 {
		t.Fatalf("items = %v, want the mirror dropped as the same text", webSummary(s, rep))
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], "same text") {
		t.Errorf("notes = %q", rep.Notes)
	}
}

func TestReadWebFailuresStayLocal(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{})
	rep := f.ReadWeb(context.Background(), []string{s.url("/bad.xml"), s.url("/status/500"), s.url("/report.pdf"), s.url("/articles/b.html")}, nil)
	got := webSummary(s, rep)
	want := []string{"/status/500 error", "/report.pdf error", "/articles/b.html ok it 2026-02-27"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(rep.Feeds) != 1 || !errors.Is(rep.Feeds[0].Err, ErrFeed) {
		t.Errorf("feeds = %+v, want bad.xml failed with ErrFeed", rep.Feeds)
	}
	err := rep.Failed()
	var he *HTTPError
	if !errors.Is(err, ErrFeed) || !errors.Is(err, ErrContentType) || !errors.As(err, &he) {
		t.Errorf("Failed() = %v", err)
	}
}

func TestReadFeedsFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "feeds.txt")
	os.WriteFile(p, []byte("# AI infrastructure\nhttps://a.example/feed.xml\n\n  https://b.example/rss   # Spanish desk\n#https://c.example/off\n"), 0o644)
	got, err := ReadFeedsFile(p)
	if err != nil || strings.Join(got, " ") != "https://a.example/feed.xml https://b.example/rss" {
		t.Errorf("ReadFeedsFile = %q, %v", got, err)
	}
	os.WriteFile(p, []byte("https://a.example/feed.xml\nfeeds/local.xml\n"), 0o644)
	if _, err := ReadFeedsFile(p); err == nil || !strings.Contains(err.Error(), ":2:") {
		t.Errorf("ReadFeedsFile with a path = %v, want an error naming line 2", err)
	}
	if _, err := ReadFeedsFile(filepath.Join(dir, "missing.txt")); err == nil {
		t.Errorf("ReadFeedsFile(missing) = nil error")
	}
}

func TestIsURL(t *testing.T) {
	for in, want := range map[string]bool{
		"https://example.com/a": true, "HTTP://example.com": true, "http://": false,
		"example.com/a": false, "/tmp/a.html": false, "ftp://example.com/a": false, "testdata/corpus": false,
	} {
		if got := IsURL(in); got != want {
			t.Errorf("IsURL(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestReadWebCancelled(t *testing.T) {
	s := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rep := s.fetcher(FetchOptions{RatePerHost: 1}).ReadWeb(ctx, []string{s.url("/articles/a.html"), s.url("/articles/b.html")}, nil)
	if len(rep.Items) != 2 {
		t.Fatalf("items = %v, want both recorded", webSummary(s, rep))
	}
	for _, it := range rep.Items {
		if !errors.Is(it.Article.Err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", it.Article.Source, it.Article.Err)
		}
	}
}

// FuzzParseFeed checks that no input makes ParseFeed panic and that
// every link it returns is absolute http(s).
func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"feed.rss", "feed.atom", "feed.json", "bad.xml"} {
		b, err := readTestdataFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fd, err := ParseFeed(b, "https://news.example.com/feed")
		if err != nil {
			return
		}
		for _, it := range fd.Items {
			if it.Link != "" && !IsURL(it.Link) {
				t.Errorf("item link %q is not an absolute http(s) URL", it.Link)
			}
		}
	})
}

func TestReadURLs(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{})
	_, res, err := f.Fetch(context.Background(), s.url("/articles/a.html"), Conditional{})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]Conditional{s.url("/articles/a.html"): {ETag: res.ETag}}
	as, notes := ReadURLs(context.Background(), f, []string{s.url("/bad.xml"), s.url("/articles/a.html"), s.url("/articles/b.html")},
		&WebOptions{Validators: func(u string) Conditional { return stored[u] }})
	if len(as) != 2 || !errors.Is(as[0].Err, ErrFeed) || as[0].Source != s.url("/bad.xml") || as[1].Err != nil || as[1].LangHint != "it" {
		t.Errorf("articles = %+v", as)
	}
	if !strings.Contains(strings.Join(notes, "\n"), "a.html: not modified since the last run") {
		t.Errorf("notes = %q", notes)
	}
}

func TestFetchFeed(t *testing.T) {
	s := newSite(t)
	f := s.fetcher(FetchOptions{})
	fd, res, err := f.FetchFeed(context.Background(), s.url("/feed.atom"), Conditional{})
	if err != nil || len(fd.Items) != 1 || fd.Items[0].Link != s.url("/articles/b.html") || res.ETag == "" {
		t.Fatalf("FetchFeed = %+v, %+v, %v", fd, res, err)
	}
	fd, res, err = f.FetchFeed(context.Background(), s.url("/feed.atom"), Conditional{ETag: res.ETag})
	if err != nil || !res.NotModified || len(fd.Items) != 0 {
		t.Errorf("conditional FetchFeed = %+v, %+v, %v; want not modified", fd, res, err)
	}
	if _, _, err := f.FetchFeed(context.Background(), s.url("/bad.xml"), Conditional{}); !errors.Is(err, ErrFeed) {
		t.Errorf("FetchFeed(bad.xml) = %v, want ErrFeed", err)
	}
	var he *HTTPError
	if _, _, err := f.FetchFeed(context.Background(), s.url("/status/500"), Conditional{}); !errors.As(err, &he) || he.StatusCode != 500 {
		t.Errorf("FetchFeed(500) = %v", err)
	}
}

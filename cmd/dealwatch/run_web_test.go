package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/dealwatch/dealwatch/store"
)

// webSite is an httptest news site with one RSS feed of two article
// pages. It answers conditional requests like a real server (304 when
// If-None-Match matches the current ETag) and logs every request.
type webSite struct {
	srv *httptest.Server

	mu       sync.Mutex
	pages    map[string]webPage // path → page
	feedETag string
	feedFail bool   // the feed answers 500
	extra    string // more <item>s for the feed (%[1]s is the site's URL)
	log      []webRequest
}

type webPage struct {
	etag, body string
}

// webRequest is one request the site answered.
type webRequest struct {
	Path        string
	Conditional bool // it carried If-None-Match or If-Modified-Since
	Status      int
}

func (r webRequest) String() string {
	c := ""
	if r.Conditional {
		c = " (conditional)"
	}
	return fmt.Sprintf("GET %s%s %d", r.Path, c, r.Status)
}

const webLastModified = "Mon, 03 Nov 2025 14:51:00 GMT"

func newWebSite(t *testing.T) *webSite {
	t.Helper()
	s := &webSite{feedETag: `"feed-1"`, pages: map[string]webPage{
		"/a.html": {etag: `"a-1"`, body: webArticle("OpenAI and Amazon sign a $38 billion cloud deal",
			"OpenAI has signed a $38 billion agreement with Amazon Web Services for cloud computing capacity, the companies said on Monday.",
			"The seven-year contract gives OpenAI access to hundreds of thousands of Nvidia chips hosted by AWS.")},
		"/b.html": {etag: `"b-1"`, body: webArticle("Oracle expands its data-centre plans",
			"Oracle said it will spend more on data centres in Texas this year, without giving a figure.",
			"The company's shares rose after the announcement.")},
	}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func webArticle(title string, paras ...string) string {
	return `<!doctype html><html lang="en"><head><title>` + title + `</title></head><body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article><h1>` + title + `</h1><p>` + strings.Join(paras, "</p>\n<p>") + `</p></article>
<footer>© Example News</footer></body></html>`
}

func (s *webSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		http.NotFound(w, r) // everything allowed; not logged
		return
	}
	cond := r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != ""
	status := s.answer(w, r)
	s.log = append(s.log, webRequest{Path: r.URL.Path, Conditional: cond, Status: status})
}

func (s *webSite) answer(w http.ResponseWriter, r *http.Request) int {
	etag, body, ctype := "", "", ""
	switch p, ok := s.pages[r.URL.Path]; {
	case r.URL.Path == "/feed.xml":
		if s.feedFail {
			http.Error(w, "backend down", http.StatusInternalServerError)
			return http.StatusInternalServerError
		}
		etag, ctype = s.feedETag, "application/rss+xml"
		body = fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example News: tech</title><link>%[1]s/</link>
<item><title>OpenAI and Amazon</title><link>%[1]s/a.html</link><description>A cloud deal.</description></item>
<item><title>Oracle</title><link>/b.html</link><description>Data centres.</description></item>
`+s.extra+`</channel></rss>`, s.srv.URL)
	case ok:
		etag, body, ctype = p.etag, p.body, "text/html; charset=utf-8"
	default:
		http.NotFound(w, r)
		return http.StatusNotFound
	}
	w.Header().Set("ETag", etag)
	w.Header().Set("Last-Modified", webLastModified)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	w.Header().Set("Content-Type", ctype)
	fmt.Fprint(w, body)
	return http.StatusOK
}

// takeLog returns the requests answered since the last call.
func (s *webSite) takeLog() []webRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.log
	s.log = nil
	return l
}

func (s *webSite) set(f func(s *webSite)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

// webRun runs "dealwatch run" against the store at db and returns the
// stored run, stdout, stderr and the exit code.
func webRun(t *testing.T, db string, args ...string) (store.Run, string, string, int) {
	t.Helper()
	args = append([]string{"run", "--db", db, "--rate", "1000", "--allow-private"}, args...)
	out, errOut, code := runCLI(t, nil, args...)
	s, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open store after run: %v", err)
	}
	defer s.Close()
	runs, err := s.Runs()
	if err != nil || len(runs) == 0 {
		t.Fatalf("runs: %v (%d runs); stderr:\n%s", err, len(runs), errOut)
	}
	if err := s.Check(); err != nil {
		t.Errorf("store inconsistent after run: %v", err)
	}
	return runs[len(runs)-1], out, errOut, code
}

// storedArticles returns the number of articles and of versions in all.
func storedArticles(t *testing.T, db string) (articles, versions int) {
	t.Helper()
	s, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	as, err := s.Articles()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range as {
		versions += a.Versions
	}
	return len(as), versions
}

// requests lists the requests one per line, sorted (pages are fetched
// concurrently).
func requests(log []webRequest) string {
	lines := make([]string, len(log))
	for i, r := range log {
		lines[i] = r.String() + "\n"
	}
	slices.Sort(lines)
	return strings.Join(lines, "")
}

// TestRunWebFeed follows a feed over several nightly runs: the first
// stores its articles, an unchanged feed costs conditional requests
// only, a changed page gives exactly one new version, a failing feed
// fails the run without losing anything, and the run after it recovers.
func TestRunWebFeed(t *testing.T) {
	site := newWebSite(t)
	db := filepath.Join(t.TempDir(), "dealwatch.db")
	feed := site.srv.URL + "/feed.xml"

	// 1. First run: the feed and both pages are downloaded, 2 articles stored.
	run, out, errOut, code := webRun(t, db, feed)
	if code != 0 {
		t.Fatalf("first run: exit %d, want 0\n%s%s", code, out, errOut)
	}
	log := site.takeLog()
	for _, r := range log {
		if r.Conditional || r.Status != http.StatusOK {
			t.Errorf("first run: %s; want unconditional 200s only", r)
		}
	}
	if len(log) != 3 {
		t.Errorf("first run made %d requests, want 3 (feed + 2 pages):\n%s", len(log), requests(log))
	}
	c := run.Counts
	if c.New != 2 || c.NewVersions != 2 || c.Failed != 0 || c.Feeds != 1 || c.WebFetched != 3 {
		t.Errorf("first run counts = %+v; want 2 new articles and versions, 1 feed, 3 fetched", c)
	}
	if n, v := storedArticles(t, db); n != 2 || v != 2 {
		t.Errorf("stored %d articles, %d versions; want 2, 2", n, v)
	}
	if !strings.Contains(out, "web        3 sources: 3 fetched, 0 not modified, 0 not fetched; 1 feed read, 0 failed") {
		t.Errorf("summary lacks the web line:\n%s", out)
	}

	// 2. Same feed, nothing changed: only conditional requests, all 304.
	run, out, errOut, code = webRun(t, db, feed)
	if code != 0 {
		t.Fatalf("second run: exit %d, want 0\n%s%s", code, out, errOut)
	}
	log = site.takeLog()
	if len(log) == 0 {
		t.Fatal("second run made no request")
	}
	for _, r := range log {
		if !r.Conditional || r.Status != http.StatusNotModified {
			t.Errorf("second run: %s; want conditional requests answered 304 only", r)
		}
	}
	if c := run.Counts; c.NewVersions != 0 || c.New != 0 || c.Changed != 0 || c.Skipped != 2 || c.WebNotModified != len(log) || c.WebFetched != 0 {
		t.Errorf("second run counts = %+v; want 0 new versions, 2 skipped, %d not modified", c, len(log))
	}
	if n, v := storedArticles(t, db); n != 2 || v != 2 {
		t.Errorf("after the second run: %d articles, %d versions; want 2, 2", n, v)
	}

	// 3. One page changes (new ETag), the feed does not: exactly one new version.
	site.set(func(s *webSite) {
		s.pages["/b.html"] = webPage{etag: `"b-2"`, body: webArticle("Oracle expands its data-centre plans",
			"Oracle said it will spend $25 billion on data centres in Texas this year.",
			"The company's shares rose after the announcement.")}
	})
	run, out, errOut, code = webRun(t, db, feed)
	if code != 0 {
		t.Fatalf("third run: exit %d, want 0\n%s%s", code, out, errOut)
	}
	log = site.takeLog()
	want := "GET /a.html (conditional) 304\nGET /b.html (conditional) 200\nGET /feed.xml (conditional) 304\n"
	if got := requests(log); got != want {
		t.Errorf("third run requests:\n%swant:\n%s", got, want)
	}
	if c := run.Counts; c.NewVersions != 1 || c.Changed != 1 || c.Skipped != 1 {
		t.Errorf("third run counts = %+v; want exactly 1 new version (b changed), 1 skipped", c)
	}
	if _, v := storedArticles(t, db); v != 3 {
		t.Errorf("after the third run: %d versions, want 3", v)
	}

	// 4. The feed fails: exit 1, reported, nothing stored is lost.
	site.set(func(s *webSite) { s.feedFail = true })
	run, out, errOut, code = webRun(t, db, feed)
	if code != 1 {
		t.Errorf("run with a failing feed: exit %d, want 1\n%s%s", code, out, errOut)
	}
	if run.State != store.RunComplete || run.Counts.FeedsFailed != 1 || run.Counts.WebFailed != 1 {
		t.Errorf("run with a failing feed: %s, counts %+v; want complete with 1 failed feed", run.State, run.Counts)
	}
	if !strings.Contains(errOut, "feed.xml") || !strings.Contains(errOut, "500") {
		t.Errorf("stderr does not name the failed feed and its status:\n%s", errOut)
	}
	if n, v := storedArticles(t, db); n != 2 || v != 3 {
		t.Errorf("after the failed feed: %d articles, %d versions; want 2, 3 (kept)", n, v)
	}
	site.takeLog()

	// 5. The feed is back: after a failure it is fetched in full (its
	// items may have been missed), the unchanged pages answer 304.
	site.set(func(s *webSite) { s.feedFail = false })
	run, out, errOut, code = webRun(t, db, feed)
	if code != 0 {
		t.Fatalf("run after recovery: exit %d, want 0\n%s%s", code, out, errOut)
	}
	want = "GET /a.html (conditional) 304\nGET /b.html (conditional) 304\nGET /feed.xml 200\n"
	if got := requests(site.takeLog()); got != want {
		t.Errorf("run after recovery, requests:\n%swant:\n%s", got, want)
	}
	if c := run.Counts; c.NewVersions != 0 || c.Skipped != 2 {
		t.Errorf("run after recovery counts = %+v; want nothing new, 2 skipped", c)
	}

	// --force: no validators at all, everything downloaded again.
	_, out, errOut, code = webRun(t, db, "--force", feed)
	if code != 0 {
		t.Fatalf("run --force: exit %d\n%s%s", code, out, errOut)
	}
	for _, r := range site.takeLog() {
		if r.Conditional || r.Status != http.StatusOK {
			t.Errorf("run --force: %s; want unconditional 200s", r)
		}
	}
}

// TestRunWebFeedsFile reads the feed from a --feeds file (with a
// comment) next to a folder of files and a page URL given directly.
func TestRunWebFeedsFile(t *testing.T) {
	site := newWebSite(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "dealwatch.db")
	feeds := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feeds, []byte("# tech desk\n"+site.srv.URL+"/feed.xml\n\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	corpus := filepath.Join(dir, "corpus")
	if err := os.Mkdir(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, corpus, "local.txt", "Microsoft and Nebius\n\nMicrosoft signed a $17.4 billion deal with Nebius for GPU capacity in New Jersey.\n")

	// The page a.html is also listed by the feed: it is read once.
	run, out, errOut, code := webRun(t, db, "--feeds", feeds, corpus, site.srv.URL+"/a.html")
	if code != 0 {
		t.Fatalf("run --feeds: exit %d, want 0\n%s%s", code, out, errOut)
	}
	if c := run.Counts; c.New != 3 || c.Feeds != 1 || c.Failed != 0 {
		t.Errorf("counts = %+v; want 3 new articles (1 file, 2 pages) and 1 feed", c)
	}
	if n, _ := storedArticles(t, db); n != 3 {
		t.Errorf("stored %d articles, want 3", n)
	}
	aReads := 0
	for _, r := range site.takeLog() {
		if r.Path == "/a.html" {
			aReads++
		}
	}
	if aReads != 1 {
		t.Errorf("a.html, given directly and listed by the feed, was requested %d times; want once", aReads)
	}

	// Usage errors: a missing feeds file, a bad --rate.
	for _, args := range [][]string{
		{"run", "--db", db, "--feeds", filepath.Join(dir, "missing.txt")},
		{"run", "--db", db, "--rate", "0", site.srv.URL + "/feed.xml"},
	} {
		if _, errOut, code := runCLI(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)\n%s", args, code, errOut)
		}
	}
}

// TestRunWebFeedItemFailures: an item whose page cannot be fetched is
// read from the feed's own content (stored, with a warning, exit 0);
// an item with neither a page nor content fails the run (exit 1) and
// marks its feed failed, so the next run lists the feed's items again
// instead of getting a 304 that would hide the failed one.
func TestRunWebFeedItemFailures(t *testing.T) {
	site := newWebSite(t)
	db := filepath.Join(t.TempDir(), "dealwatch.db")
	feed := site.srv.URL + "/feed.xml"
	site.set(func(s *webSite) {
		s.extra = `<item><title>Gone</title><link>%[1]s/gone.html</link>
<description>Oracle signed a $30 billion cloud contract with OpenAI, the companies said on Tuesday.</description></item>
`
	})
	run, out, errOut, code := webRun(t, db, feed)
	if code != 0 {
		t.Fatalf("run with a gone page: exit %d, want 0 (the feed's content stands in)\n%s%s", code, out, errOut)
	}
	if c := run.Counts; c.New != 3 || c.Failed != 0 || c.WebFailed != 1 || c.WebFetched != 3 {
		t.Errorf("counts = %+v; want 3 new articles, 1 page not fetched, 3 fetched", c)
	}
	s, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	vs, err := s.Versions(site.srv.URL + "/gone.html")
	s.Close()
	if err != nil || len(vs) != 1 || !slices.ContainsFunc(vs[0].Result.Warnings, func(w extract.Warning) bool { return w.Code == sources.WarnFeedContent }) {
		t.Errorf("gone.html: versions %d, err %v; want one, with a %s warning", len(vs), err, sources.WarnFeedContent)
	}
	site.takeLog()

	// Unchanged feed, but the page of one item could not be read: the
	// feed is fetched in full and the page is tried again (the failure
	// may have passed).
	_, out, errOut, code = webRun(t, db, feed)
	if code != 0 {
		t.Fatalf("second run: exit %d\n%s%s", code, out, errOut)
	}
	want := "GET /a.html (conditional) 304\nGET /b.html (conditional) 304\nGET /feed.xml 200\nGET /gone.html 404\n"
	if got := requests(site.takeLog()); got != want {
		t.Errorf("second run requests:\n%swant:\n%s", got, want)
	}

	// A new item with neither a page nor content: the run fails (exit 1).
	site.set(func(s *webSite) {
		s.feedETag = `"feed-2"`
		s.extra += `<item><title>Broken</title><link>%[1]s/broken.html</link></item>
`
	})
	run, out, errOut, code = webRun(t, db, feed)
	if code != 1 || run.Counts.Failed != 1 || !strings.Contains(errOut, "broken.html") {
		t.Errorf("run with a broken item: exit %d, counts %+v; want exit 1, 1 failed article named on stderr\n%s%s", code, run.Counts, out, errOut)
	}
	site.takeLog()
	// The feed has not changed since, but its item failed: it is
	// fetched in full and the item is tried again.
	_, _, _, code = webRun(t, db, feed)
	got := requests(site.takeLog())
	if code != 1 || !strings.Contains(got, "GET /feed.xml 200\n") || !strings.Contains(got, "GET /broken.html 404\n") {
		t.Errorf("run after a failed item: exit %d, requests:\n%swant the feed fetched in full and broken.html asked again", code, got)
	}
}

// BenchmarkRunWebRerun measures a nightly re-run over an unchanged feed
// of 50 items (fake extractor, local server, no rate limit): one 304 for
// the feed and one per item, nothing extracted or stored.
func BenchmarkRunWebRerun(b *testing.B) {
	site := &webSite{feedETag: `"feed-1"`, pages: map[string]webPage{}}
	site.srv = httptest.NewServer(http.HandlerFunc(site.serve))
	defer site.srv.Close()
	for i := range 50 {
		p := fmt.Sprintf("/p%02d.html", i)
		site.pages[p] = webPage{etag: fmt.Sprintf(`"p%d"`, i), body: webArticle(fmt.Sprintf("Story %d", i),
			fmt.Sprintf("Company %d signed a $%d billion compute contract with a cloud provider on Monday.", i, i+1),
			"The agreement runs for five years, the companies said.")}
		site.extra += `<item><title>s</title><link>%[1]s` + p + `</link></item>` + "\n"
	}
	site.pages["/a.html"] = webPage{etag: `"a"`, body: webArticle("A", "An article about nothing in particular, long enough to be read.")}
	site.pages["/b.html"] = webPage{etag: `"b"`, body: webArticle("B", "Another article about nothing in particular, long enough to be read.")}
	db := mustOpenDB(b)
	fetcher := sources.NewFetcher(&sources.FetchOptions{RatePerHost: 1e6, AllowPrivate: true})
	job := func() store.Run {
		j := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 2},
			Inputs: []string{site.srv.URL + "/feed.xml"}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "f", Fetcher: fetcher}
		run, err := j.Do(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		return run
	}
	if r := job(); r.Counts.New != 52 {
		b.Fatalf("first run stored %d articles, want 52", r.Counts.New)
	}
	b.ResetTimer()
	for b.Loop() {
		if r := job(); r.Counts.NewVersions != 0 || r.Counts.WebNotModified != 53 {
			b.Fatalf("re-run counts = %+v; want 53 not modified, nothing new", r.Counts)
		}
	}
}

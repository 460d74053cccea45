package main

import (
	"context"
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

// hostileTitle and hostileText are article content that must render as
// text on every page.
const (
	hostileTitle = `Deal "of the year" <script>alert('title')</script> & <b>more</b>`
	hostileText  = `<script>alert('body')</script><img src=x onerror=alert(1)> javascript:alert(2)`
)

// deskFixture is a store with two runs: a deal whose amount two articles
// disagree on (38 against 48: a conflict to review), a deal confirmed by
// one article, and an article whose title and text are hostile HTML.
type deskFixture struct {
	path   string
	corpus string
	a38    string // file of the $38 billion article
	a48    string // file of the $48 billion article
	deal   string // the conflicted deal's id
}

func newDeskFixture(t testing.TB) *deskFixture {
	t.Helper()
	f := &deskFixture{corpus: t.TempDir(), path: filepath.Join(t.TempDir(), "desk.db")}
	db, err := store.Open(f.path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	f.a38 = writeFile(t, f.corpus, "a38.txt", "OpenAI and Amazon sign\n\n2026-03-01\n\nThe companies said so.\nDEAL compute_contract agreed OpenAI Amazon $38 billion\n")
	writeFile(t, f.corpus, "oracle.txt", "Oracle and Meta\n\n2026-03-02\n\nDEAL compute_contract agreed Meta Oracle $20 billion\n")
	f.runJob(t, db)
	time.Sleep(10 * time.Millisecond)
	f.a48 = writeFile(t, f.corpus, "a48.txt", "OpenAI and Amazon, again\n\n2026-03-05\n\nAnother paper disagrees.\nDEAL compute_contract agreed OpenAI Amazon $48 billion\n")
	writeFile(t, f.corpus, "hostile.txt", hostileTitle+"\n\n2026-03-06\n\n"+hostileText+"\nDEAL investment announced <b>Evil\"Co</b> Target $7 billion\n")
	f.runJob(t, db)
	db.Close()
	f.deal = "amazon+openai/compute_contract"
	return f
}

func (f *deskFixture) runJob(t testing.TB, db *store.DB) {
	t.Helper()
	job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 1},
		Inputs: []string{f.corpus}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "desk"}
	if _, err := job.Do(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// deskServer serves the fixture's store; decisions wait at most wait.
func deskServer(t testing.TB, path string, wait time.Duration) (*httptest.Server, *desk.Server) {
	t.Helper()
	srv, err := newDeskServer(&dbOptions{Path: path}, "tester", wait, false)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts, srv
}

// get fetches path and returns the status and body.
func get(t testing.TB, ts *httptest.Server, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// post posts form to /decide with the given Origin ("" for none) and
// returns the response, without following a redirect.
func post(t testing.TB, ts *httptest.Server, origin string, form url.Values) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("POST", ts.URL+"/decide", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestDeskPages(t *testing.T) {
	f := newDeskFixture(t)
	ts, _ := deskServer(t, f.path, time.Second)
	pages := []struct {
		path string
		want []string
	}{
		{"/", []string{"Review queue", "Amazon + OpenAI", "$38B", "$48B", `class="fig conflict"`, "Resolve: $48B"}},
		{"/?company=meta", []string{"0 waiting"}},
		{"/?company=amazon&kind=compute_contract&stage=agreed", []string{"1 waiting", "Amazon + OpenAI"}},
		{"/?from=2999-01-01", []string{"0 waiting"}},
		{"/deals", []string{"Meta + Oracle", "Amazon + OpenAI", "state-open"}},
		{"/deals?confirmation=denied", []string{"0 of 3"}},
		{"/deal?id=" + url.QueryEscape(f.deal), []string{"Conflicts", "Timeline", `<mark class="fig grounded"`, "Confirm the deal", "Reopen", "Reject this article"}},
		{"/deal?id=AMAZON%2BOPENAI", []string{"Timeline"}}, // case-insensitive prefix
		{"/article?id=" + url.QueryEscape(f.a38), []string{"OpenAI and Amazon sign", `<mark class="fig grounded"`, `party grounded`, "Versions", f.deal}},
		{"/runs", []string{"What run 2 changed since run 1", "a48.txt"}},
		{"/runs?run=1", []string{"What run 1 changed"}},
		{"/assets/desk.css", []string{"mark.fig.grounded"}},
		{"/assets/desk.js", []string{"keydown"}},
	}
	for _, p := range pages {
		code, body := get(t, ts, p.path)
		if code != 200 {
			t.Errorf("GET %s: %d\n%s", p.path, code, body)
			continue
		}
		for _, w := range p.want {
			if !strings.Contains(body, w) && !strings.Contains(body, strings.ReplaceAll(w, "+", "&#43;")) {
				t.Errorf("GET %s: no %q", p.path, w)
			}
		}
	}
	for _, p := range []string{"/deal?id=nosuch", "/article?id=nosuch", "/article?id=" + url.QueryEscape(f.a38) + "&v=9", "/runs?run=x", "/nosuch"} {
		if code, _ := get(t, ts, p); code != 404 {
			t.Errorf("GET %s: %d, want 404", p, code)
		}
	}
	// An article's version list links to each version; the edited
	// article shows what changed.
	writeFile(t, f.corpus, "a38.txt", "OpenAI and Amazon sign\n\n2026-03-01\n\nThe companies said so.\nDEAL compute_contract agreed OpenAI Amazon $39 billion\n")
	db, err := store.Open(f.path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	f.runJob(t, db)
	db.Close()
	code, body := get(t, ts, "/article?id="+url.QueryEscape(f.a38))
	if code != 200 || !strings.Contains(body, "What changed since version 1") || !strings.Contains(body, "$39B") {
		t.Errorf("edited article: %d\n%s", code, body)
	}
	code, body = get(t, ts, "/article?id="+url.QueryEscape(f.a38)+"&v=1")
	if code != 200 || !strings.Contains(body, "The file has changed since this version") || !strings.Contains(body, "$38") {
		t.Errorf("old version: %d\n%s", code, body)
	}
}

func TestDeskEscapesHostileArticles(t *testing.T) {
	f := newDeskFixture(t)
	ts, _ := deskServer(t, f.path, time.Second)
	hostile := filepath.Join(f.corpus, "hostile.txt")
	dealID := ""
	db, err := store.Open(f.path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	items, err := deskData{}.Deals(db, false)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Deal.Kind == extract.KindInvestment {
			dealID = it.Deal.ID
		}
	}
	if !strings.Contains(dealID, "<b>") {
		t.Fatalf("hostile deal id %q", dealID)
	}
	for _, p := range []string{"/article?id=" + url.QueryEscape(hostile), "/deals", "/runs", "/deal?id=" + url.QueryEscape(dealID), "/"} {
		code, body := get(t, ts, p)
		if code != 200 {
			t.Fatalf("GET %s: %d\n%s", p, code, body)
		}
		for _, bad := range []string{"<script>alert", "<img src=x", "<b>Evil", `<b>more</b>`, `href="javascript:`} {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: %q unescaped", p, bad)
			}
		}
	}
	_, body := get(t, ts, "/article?id="+url.QueryEscape(hostile))
	for _, want := range []string{"&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;", "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;", "&#34;of the year&#34;"} {
		if !strings.Contains(body, want) {
			t.Errorf("article page: no %q", want)
		}
	}
	// The only scripts are the desk's own, and the policy says so.
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
}

func TestDeskSafeLinks(t *testing.T) {
	// A javascript: or data: URL is never a link; http(s) is.
	db := mustOpenDB(t)
	run, err := db.BeginRun(store.RunInfo{Backend: "fake"})
	if err != nil {
		t.Fatal(err)
	}
	title := `<i>"x"</i>`
	for _, src := range []string{"javascript:alert(1)", "https://news.example.com/a?x=1&y=<2>"} {
		res := &extract.ArticleResult{SchemaVersion: extract.SchemaVersion, Status: extract.StatusOK,
			Article: extract.ArticleInfo{ID: "sha256:" + strings.Repeat("ab", 8) + src[:4], Source: src, Title: &title, Lang: "en"}}
		if _, err := db.SaveBatch(run.ID, []store.Record{{Key: src, Result: res}}); err != nil {
			t.Fatal(err)
		}
	}
	db.FinishRun(run.ID, store.RunComplete, "")
	path := db.Path()
	db.Close()
	ts, _ := deskServer(t, path, time.Second)
	code, body := get(t, ts, "/article?id="+url.QueryEscape("javascript:alert(1)"))
	if code != 200 {
		t.Fatalf("javascript: article: %d\n%s", code, body)
	}
	if strings.Contains(body, `href="javascript:`) || !strings.Contains(body, "javascript:alert(1)") {
		t.Errorf("javascript: URL linked or missing:\n%s", body)
	}
	if strings.Contains(body, "<i>") {
		t.Error("title not escaped")
	}
	_, body = get(t, ts, "/article?id="+url.QueryEscape("https://news.example.com/a?x=1&y=<2>"))
	if !strings.Contains(body, `href="https://news.example.com/a?x=1&amp;y=%3c2%3e"`) {
		t.Errorf("https URL not linked:\n%s", body)
	}
}

func TestDeskRefusesForeignRequests(t *testing.T) {
	f := newDeskFixture(t)
	ts, srv := deskServer(t, f.path, time.Second)
	form := url.Values{"csrf": {srv.Token()}, "deal": {f.deal}, "action": {"confirm"}, "return": {"/"}}
	cases := []struct {
		name   string
		origin string
		form   url.Values
		want   int
	}{
		{"no token", ts.URL, url.Values{"deal": {f.deal}, "action": {"confirm"}}, 403},
		{"wrong token", ts.URL, url.Values{"csrf": {"x" + srv.Token()}, "deal": {f.deal}, "action": {"confirm"}}, 403},
		{"another origin", "http://evil.example", form, 403},
		{"null origin", "null", form, 403},
		{"no origin or referer", "", form, 403},
	}
	for _, c := range cases {
		resp, body := post(t, ts, c.origin, c.form)
		if resp.StatusCode != c.want {
			t.Errorf("%s: %d, want %d\n%s", c.name, resp.StatusCode, c.want, body)
		}
	}
	// A GET never decides.
	if code, _ := get(t, ts, "/decide?"+form.Encode()); code != http.StatusMethodNotAllowed {
		t.Errorf("GET /decide: %d", code)
	}
	// Another Host (DNS rebinding) is refused.
	req, _ := http.NewRequest("GET", ts.URL+"/", nil)
	req.Host = "evil.example:80"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("Host evil.example: %d", resp.StatusCode)
	}
	assertNoDecisions(t, f.path)
}

func TestServeRefusesRemoteAddr(t *testing.T) {
	f := newDeskFixture(t)
	var out, errb strings.Builder
	env := &Env{Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
	code := Main(context.Background(), env, []string{"serve", "--db", f.path, "--addr", "0.0.0.0:0"})
	if code != 2 || !strings.Contains(errb.String(), "--allow-remote") {
		t.Errorf("serve --addr 0.0.0.0:0: exit %d\n%s", code, errb.String())
	}
	out.Reset()
	Main(context.Background(), env, []string{"serve", "--help"})
	if !strings.Contains(out.String(), "--allow-remote") || !strings.Contains(out.String(), "loopback") {
		t.Errorf("serve --help:\n%s", out.String())
	}
}

func TestServeSaysLoopbackAndStops(t *testing.T) {
	f := newDeskFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	errr, errw, _ := os.Pipe()
	env := &Env{Stdout: io.Discard, Stderr: errw, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() { done <- Main(ctx, env, []string{"serve", "--db", f.path, "--addr", "127.0.0.1:0"}) }()
	buf := make([]byte, 512)
	n, _ := errr.Read(buf)
	line := string(buf[:n])
	if !strings.Contains(line, "loopback only") || !strings.Contains(line, "http://127.0.0.1:") {
		t.Errorf("start line: %q", line)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	errw.Close()
}

func TestReportIsSelfContained(t *testing.T) {
	f := newDeskFixture(t)
	out := filepath.Join(t.TempDir(), "r.html")
	var errb strings.Builder
	env := &Env{Stdout: io.Discard, Stderr: &errb, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
	if code := Main(context.Background(), env, []string{"report", "--db", f.path, "--out", out}); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, errb.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{"<style>", "Review queue", "Amazon + OpenAI", "Meta + Oracle", `class="fig conflict"`, "Articles of the latest run", "OpenAI and Amazon, again", `<mark class="fig grounded"`, "&lt;script&gt;alert(&#39;body&#39;)"} {
		if !strings.Contains(s, want) && !strings.Contains(s, strings.ReplaceAll(want, "+", "&#43;")) {
			t.Errorf("report: no %q", want)
		}
	}
	for _, bad := range []string{"<script", "<link", `src="http`, `href="/`, "@import"} {
		if strings.Contains(s, bad) {
			t.Errorf("report holds %q: not self-contained", bad)
		}
	}
}

// assertNoDecisions checks that the store at path holds no decision.
func assertNoDecisions(t testing.TB, path string) {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n := countDecisions(t, db); n != 0 {
		t.Errorf("%d decisions stored, want none", n)
	}
}

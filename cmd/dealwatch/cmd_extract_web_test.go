package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// TestExtractFeed reads a feed from a local server through --feeds: the
// item's page is fetched, its main text extracted and its deals read.
func TestExtractFeed(t *testing.T) {
	page := `<!doctype html><html lang="it"><head><title>OpenAI e Amazon, accordo da 38 miliardi</title>
<meta property="article:published_time" content="2025-11-03T14:51:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/tech">Tecnologia</a></nav>
<article><h1>OpenAI e Amazon, accordo da 38 miliardi</h1>
<p>OpenAI ha firmato un accordo con Amazon Web Services dal valore di 38 miliardi di dollari per la capacità di calcolo nel cloud, annunciato il 3 novembre 2025.</p>
<p>L'intesa prevede che OpenAI utilizzi l'infrastruttura di AWS per addestrare i modelli di prossima generazione nei prossimi sette anni.</p>
</article><footer>© Giornale</footer></body></html>`
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>%[1]s/</link>
<item><title>OpenAI e Amazon</title><link>%[1]s/a.html</link><description>breve</description></item>
<item><title>doppione</title><link>%[1]s/a.html</link></item>
</channel></rss>`, srv.URL)
		case "/a.html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, page)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	feeds := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(feeds, []byte("# news\n"+srv.URL+"/feed.xml\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runCLI(t, nil, "extract", "--json", "--rate", "1000", "--allow-private", "--feeds", feeds)
	if code != 0 {
		t.Fatalf("extract --feeds exit code = %d, want 0; stderr:\n%s", code, stderr)
	}
	rs := jsonLines(t, extracttest.ArticleResult, stdout)
	if len(rs) != 1 {
		t.Fatalf("got %d results, want 1 (the duplicate item must be dropped):\n%s", len(rs), stdout)
	}
	r := rs[0]
	if r.Status != extract.StatusOK || r.Article.Lang != "it" || !strings.HasSuffix(r.Article.Source, "/a.html") {
		t.Errorf("result = status %s, lang %s, source %s; want ok, it, .../a.html", r.Status, r.Article.Lang, r.Article.Source)
	}
	if r.Article.Published == nil || *r.Article.Published != "2025-11-03" {
		t.Errorf("published = %v, want 2025-11-03", deref(r.Article.Published))
	}
	found := false
	for _, d := range r.Deals {
		if d.Amount != nil && d.Amount.Value.Cmp(mustDec(t, "38000000000")) == 0 {
			found = true
		}
	}
	if !found {
		t.Errorf("no deal of 38 000 000 000 in %s", stdout)
	}
}

func mustDec(t *testing.T, s string) figures.Decimal {
	t.Helper()
	d, err := figures.ParseDecimal(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

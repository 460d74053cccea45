package sources

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"golang.org/x/text/encoding/charmap"
)

// update is the -update flag of this package's golden tests.
var update = flag.Bool("update", false, "rewrite golden files")

// renderPage is the golden form of a parsed page: metadata, a rule, text.
func renderPage(p HTMLPage) string {
	var b strings.Builder
	m := p.Meta
	for _, kv := range [][2]string{{"title", m.Title}, {"lang", m.Lang}, {"published", m.Published}, {"canonical", m.Canonical}, {"author", m.Author}, {"publisher", m.Publisher}} {
		fmt.Fprintf(&b, "%s: %s\n", kv[0], kv[1])
	}
	for _, w := range p.Warnings {
		fmt.Fprintf(&b, "warning: %s: %s\n", w.Code, w.Message)
	}
	b.WriteString("----\n")
	b.WriteString(p.Text)
	b.WriteString("\n")
	return b.String()
}

// TestParseHTMLGolden reads the pages of testdata/web and compares with
// the .golden file beside each; -update rewrites them.
func TestParseHTMLGolden(t *testing.T) {
	for _, name := range []string{"a.html", "b.html", "latin1.html"} {
		t.Run(name, func(t *testing.T) {
			base, _ := url.Parse("https://news.example.com/articles/" + name)
			p, err := ParseHTML(readTestdata(t, name), "", base)
			if err != nil {
				t.Fatalf("ParseHTML(%s): %v", name, err)
			}
			got := renderPage(p)
			golden := filepath.Join("testdata", "web", strings.TrimSuffix(name, ".html")+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("ParseHTML(%s) =\n%s\nwant (%s):\n%s", name, got, golden, want)
			}
		})
	}
}

func TestParseHTMLMeta(t *testing.T) {
	page := func(head, body string) []byte {
		return []byte("<!DOCTYPE html><html" + head + "<body><article><p>" + strings.Repeat("Contoso signs a compute deal with Northwind worth several billion dollars. ", 12) + "</p>" + body + "</article></body></html>")
	}
	base, _ := url.Parse("https://example.com/news/x?utm=1")
	tests := []struct {
		name string
		doc  []byte
		want HTMLMeta
	}{
		{"nothing declared", page("><head></head>", ""), HTMLMeta{}},
		{"html lang region", page(` lang="IT-it"><head><title> A  title </title></head>`, ""), HTMLMeta{Lang: "it", Title: "A title"}},
		{"title without the site name", page(`><head><title>Contoso signs a big compute deal | Example Wire</title></head>`, ""), HTMLMeta{Title: "Contoso signs a big compute deal"}},
		{"og locale fallback", page(`><head><meta property="og:locale" content="es_ES"></head>`, ""), HTMLMeta{Lang: "es"}},
		{"not ISO 639-1", page(` lang="fil"><head></head>`, ""), HTMLMeta{}},
		{"article published_time keeps the written day", page(`><head><meta property="article:published_time" content="2025-11-03T23:30:00-05:00"></head>`, ""), HTMLMeta{Published: "2025-11-03"}},
		{"itemprop datePublished", page(`><head><meta itemprop="datePublished" content="2026-01-15"></head>`, ""), HTMLMeta{Published: "2026-01-15"}},
		{"time datetime", page(`><head></head>`, `<time datetime="2024-02-29T10:00">29 Feb</time>`), HTMLMeta{Published: "2024-02-29"}},
		{"invalid date skipped", page(`><head><meta property="article:published_time" content="2025-13-45"></head>`, `<time datetime="2025-03-01">x</time>`), HTMLMeta{Published: "2025-03-01"}},
		{"RFC 1123 date", page(`><head><meta name="pubdate" content="Mon, 03 Nov 2025 10:00:00 GMT"></head>`, ""), HTMLMeta{Published: "2025-11-03"}},
		{"relative canonical", page(`><head><link rel="canonical" href="/news/x"></head>`, ""), HTMLMeta{Canonical: "https://example.com/news/x"}},
		{"og:url when no canonical", page(`><head><meta property="og:url" content="https://example.com/n#top"></head>`, ""), HTMLMeta{Canonical: "https://example.com/n"}},
		{"JSON-LD NewsArticle", page(`><head><script type="application/ld+json">[{"@type":"Organization","name":"X"},{"@type":["NewsArticle"],"headline":"Deal &amp; more","datePublished":"2026-02-27T08:00:00+01:00","author":{"@type":"Person","name":"Ana Ruiz"},"publisher":{"name":"Diario"},"inLanguage":"es-ES","mainEntityOfPage":{"@id":"https://example.com/a"}}]</script></head>`, ""),
			HTMLMeta{Title: "Deal & more", Published: "2026-02-27", Author: "Ana Ruiz", Publisher: "Diario", Lang: "es", Canonical: "https://example.com/a"}},
		{"malformed JSON-LD ignored", page(`><head><script type="application/ld+json">{"@type":"NewsArticle",</script><meta property="og:title" content="OG"></head>`, ""), HTMLMeta{Title: "OG"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseHTML(tc.doc, "", base)
			if err != nil {
				t.Fatalf("ParseHTML: %v", err)
			}
			p.Meta.Body = ""
			if p.Meta != tc.want {
				t.Errorf("meta = %+v, want %+v", p.Meta, tc.want)
			}
		})
	}
}

func TestParseHTMLText(t *testing.T) {
	long := strings.Repeat("Fabrikam will spend 2 billion euros on a data center near Milan. ", 10)
	tests := []struct {
		name     string
		doc      string
		has, not []string
	}{
		{"captions and nav dropped", `<html><body><nav><a href="/">Home</a> Markets</nav><article><p>` + long + `</p><figure><img src="x.jpg"><figcaption>Photo: the site in 2024</figcaption></figure><p class="image-credit">Credit: Getty</p><p>` + long + `</p><button>Share on X</button></article></body></html>`,
			[]string{"Fabrikam will spend"}, []string{"Home", "Photo: the site", "Getty", "Share on X"}},
		{"teasers and link lists dropped, inline links kept", `<html><body><article><p>` + long + ` <a href="/fab">Fabrikam</a> said so.</p><p><strong>Read more:</strong> <a href="/x">Tailspin raises $3 billion for its 2 GW campus in Texas</a></p><ul><li><a href="/y">Woodgrove lends $500 million</a></li><li><a href="/z">Contoso buys 1 GW of power</a></li></ul><p>` + long + `</p></article></body></html>`,
			[]string{"Fabrikam said so."}, []string{"Tailspin", "Woodgrove", "Contoso"}},
		{"paragraphs and line breaks", `<html><body><article><p>` + long + `</p><p>Second paragraph.<br>Same paragraph, new line. ` + long + `</p></article></body></html>`,
			[]string{".\n\nSecond paragraph.\nSame paragraph, new line."}, []string{"\n\n\n"}},
		{"JSON-LD articleBody when markup is thin", `<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"<p>` + long + `</p><p>` + long + `</p>"}</script></head><body><div>Subscribe to read.</div></body></html>`,
			[]string{"Fabrikam will spend"}, []string{"<p>", "Subscribe"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParseHTML([]byte(tc.doc), "", nil)
			if err != nil {
				t.Fatalf("ParseHTML: %v", err)
			}
			for _, s := range tc.has {
				if !strings.Contains(p.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, p.Text)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(p.Text, s) {
					t.Errorf("text holds %q:\n%s", s, p.Text)
				}
			}
		})
	}
	if _, err := ParseHTML([]byte("<html><body><script>var x = 1;</script></body></html>"), "", nil); !errors.Is(err, ErrNoText) {
		t.Errorf("ParseHTML(no text) = %v, want ErrNoText", err)
	}
}

func TestReadHTMLFillsArticle(t *testing.T) {
	var a extract.Article
	if err := readHTML(readTestdata(t, "b.html"), &a); err != nil {
		t.Fatal(err)
	}
	if a.ID != ID(a.Text) || a.LangHint != "it" || a.Published != "2026-02-27" || a.Origin.URL != "https://news.example.com/articles/b.html" || !strings.HasPrefix(a.Title, "Fabrikam investe") {
		t.Errorf("article = %+v", a)
	}
	if a.Text != Normalize(a.Text) {
		t.Errorf("text is not normalized")
	}
	// No date in the metadata: the dateline opening the text.
	var d extract.Article
	doc := "<html><body><article><p>Milano, 3 novembre 2025</p><p>" + strings.Repeat("Fabrikam investe 2 miliardi di euro in un nuovo data center. ", 12) + "</p></article></body></html>"
	if err := readHTML([]byte(doc), &d); err != nil || d.Published != "2025-11-03" {
		t.Errorf("dateline: published %q, err %v; want 2025-11-03", d.Published, err)
	}
}

func TestCharsetFromHeaderWins(t *testing.T) {
	// Latin-1 bytes declared by the header only.
	doc := []byte("<html><body><article><p>" + strings.Repeat("La compa\xf1\xeda firm\xf3 un acuerdo de energ\xeda. ", 20) + "</p></article></body></html>")
	p, err := ParseHTML(doc, "text/html; charset=ISO-8859-1", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "La compañía firmó un acuerdo de energía.") {
		t.Errorf("text = %q", p.Text[:80])
	}
}

func TestISODateAndLangCode(t *testing.T) {
	for in, want := range map[string]string{
		"2025-11-03": "2025-11-03", "2025-11-03T23:30:00-05:00": "2025-11-03", "2025/11/03": "2025-11-03",
		"Mon, 03 Nov 2025 10:00:00 +0100": "2025-11-03", "November 3, 2025": "2025-11-03", "2025-02-30": "", "yesterday": "", "": "",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"en": "en", "en-US": "en", "pt_BR": "pt", "ZH-hant": "zh", "eng": "", "": "", "x-klingon": "", "e1": ""} {
		if got := langCode(in); got != want {
			t.Errorf("langCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseHTML checks that no page makes ParseHTML panic or return
// text that is not normalized.
func FuzzParseHTML(f *testing.F) {
	for _, name := range []string{"a.html", "b.html", "latin1.html"} {
		b, err := readTestdataFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte("<html><head><script type=\"application/ld+json\">{\"@graph\":[[[{\"@type\":\"NewsArticle\"}]]]}</script>"), "text/html; charset=utf-16")
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=latin1")
	f.Fuzz(func(t *testing.T, b []byte, contentType string) {
		p, err := ParseHTML(b, contentType, nil)
		if err != nil {
			return
		}
		if p.Text == "" || p.Text != Normalize(p.Text) || strings.Contains(p.Text, "\n\n\n") {
			t.Errorf("ParseHTML text not clean: %q", p.Text)
		}
	})
}

func ExampleParseHTML() {
	page := `<!DOCTYPE html><html lang="es-ES"><head>
<meta charset="iso-8859-1">
<meta property="article:published_time" content="2025-11-03T23:30:00-05:00">
<link rel="canonical" href="/economia/openai-aws">
<title>OpenAI firma un acuerdo histórico con AWS | Diario Ejemplo</title></head>
<body><nav><a href="/">Portada</a></nav><article>
<p>OpenAI ha firmado un acuerdo de 38.000 millones de dólares con Amazon Web Services para usar su infraestructura de computación durante siete años.</p>
<p>El contrato le da acceso a cientos de miles de chips de Nvidia en centros de datos de Estados Unidos, y podrá ampliarse en los próximos años.</p>
<p><a href="/otra">Lea también: Oracle y OpenAI, un acuerdo de 300.000 millones</a></p>
</article></body></html>`
	// The page says it is Latin-1: encode it so.
	b, _ := charmap.ISO8859_1.NewEncoder().Bytes([]byte(page))
	base, _ := url.Parse("https://diario.example/economia/openai-aws?utm_source=rss")
	p, err := ParseHTML(b, "", base)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Meta.Title)
	fmt.Println(p.Meta.Lang, p.Meta.Published, p.Meta.Canonical)
	fmt.Println(p.Text)
	// Output:
	// OpenAI firma un acuerdo histórico con AWS
	// es 2025-11-03 https://diario.example/economia/openai-aws
	// OpenAI ha firmado un acuerdo de 38.000 millones de dólares con Amazon Web Services para usar su infraestructura de computación durante siete años.
	//
	// El contrato le da acceso a cientos de miles de chips de Nvidia en centros de datos de Estados Unidos, y podrá ampliarse en los próximos años.
}

package desk

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

func TestHighlight(t *testing.T) {
	text := `Amazon <b>pays</b> €38 billion to "OpenAI"`
	fig := strings.Index(text, "€38 billion")
	cases := []struct {
		name  string
		marks []Mark
		want  string
	}{
		{"no marks: escaped", nil, `Amazon &lt;b&gt;pays&lt;/b&gt; €38 billion to &#34;OpenAI&#34;`},
		{"one figure", []Mark{{Start: fig, End: fig + len("€38 billion"), Class: "fig grounded", Title: `a "t" <x>`}},
			`Amazon &lt;b&gt;pays&lt;/b&gt; <mark class="fig grounded" title="a &#34;t&#34; &lt;x&gt;">€38 billion</mark> to &#34;OpenAI&#34;`},
		{"nested marks split the text", []Mark{{Start: 0, End: len(text), Class: "ev"}, {Start: 0, End: 6, Class: "party grounded"}},
			`<mark class="ev party grounded">Amazon</mark><mark class="ev"> &lt;b&gt;pays&lt;/b&gt; €38 billion to &#34;OpenAI&#34;</mark>`},
		{"outside the text, empty, reversed or inside a character: left out", []Mark{{Start: -1, End: 3, Class: "x"}, {Start: 5, End: 500, Class: "x"}, {Start: 4, End: 4, Class: "x"}, {Start: 6, End: 2, Class: "x"}, {Start: fig + 1, End: fig + 4, Class: "x"}},
			`Amazon &lt;b&gt;pays&lt;/b&gt; €38 billion to &#34;OpenAI&#34;`},
		{"a class cannot break out", []Mark{{Start: 0, End: 6, Class: `x" onclick="alert(1)`}},
			`<mark class="x&#34; onclick=&#34;alert(1)">Amazon</mark>`},
	}
	for _, c := range cases {
		got := string(Highlight(text, c.marks))
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestSentenceMarks(t *testing.T) {
	// Offsets into the article, moved into the sentence; a figure whose
	// offsets miss is found by its text.
	ev := extract.Span{Text: "It paid $38 billion, then $40 billion.", Start: 100, End: 138}
	ms := sentenceMarks(ev, "grounded",
		figure{Text: "$38 billion", Start: 108, End: 119},
		figure{Text: "$40 billion", Start: 5, End: 16},
		figure{Text: "$99 billion", Start: 5, End: 16})
	if len(ms) != 2 || ms[0].Start != 8 || ms[1].Start != strings.Index(ev.Text, "$40") {
		t.Errorf("marks = %+v", ms)
	}
}

func TestArticleMarksGroundedAndNot(t *testing.T) {
	text := "Acme buys Widget for $5 billion. Zeta pays $9 billion."
	w := 1
	r := &extract.ArticleResult{Deals: []extract.Deal{
		{Kind: extract.KindAcquisition, Grounded: true, Parties: []extract.Party{{Name: "Acme", Mention: "Acme"}, {Name: "Widget"}},
			Amount:   &extract.Money{Text: "$5 billion", Start: 21, End: 31, Currency: "USD"},
			Evidence: extract.Span{Text: text[:32], Start: 0, End: 32}},
		{Kind: extract.KindOther, Grounded: false, Parties: []extract.Party{{Name: "Zeta"}},
			Amount:   &extract.Money{Text: "$9 billion", Start: 0, End: 3, Currency: "USD"},
			Evidence: extract.Span{Text: text[33:], Start: 33, End: len(text)}},
	}, Warnings: []extract.Warning{{Code: extract.WarnUngroundedAmount, Deal: &w}}}
	html := string(Highlight(text, articleMarks(text, r)))
	for _, want := range []string{`ev fig grounded`, `>$5 billion</mark>`, `party grounded`, `>Acme</mark>`, `fig ungrounded`, `>$9 billion</mark>`, `party ungrounded`} {
		if !strings.Contains(html, want) {
			t.Errorf("no %q in\n%s", want, html)
		}
	}
}

func TestSafeLinkAndLocalPath(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example/x?y=1": "https://a.example/x?y=1",
		"http://a.example":        "http://a.example",
		"javascript:alert(1)":     "",
		" JavaScript:alert(1)":    "",
		"data:text/html,<b>":      "",
		"/etc/passwd":             "",
		"//evil.example/x":        "",
	} {
		if got := safeLink(in); got != want {
			t.Errorf("safeLink(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"/deal?id=x":         "/deal?id=x",
		"":                   "/",
		"//evil.example":     "/",
		"/\\evil.example":    "/",
		"https://evil.ex/":   "/",
		"javascript:alert()": "/",
	} {
		if got := localPath(in); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost:0": true, "[::1]:9000": true, "127.1.2.3:80": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.2:8080": false, "example.com:80": false, "127.0.0.1": false,
	} {
		if got := IsLoopbackAddr(addr); got != want {
			t.Errorf("IsLoopbackAddr(%q) = %v", addr, got)
		}
	}
	for host, want := range map[string]bool{
		"127.0.0.1:8080": true, "localhost": true, "LOCALHOST:1": true, "[::1]:80": true,
		"evil.example": false, "127.0.0.1.evil.example": false, "10.0.0.1:8080": false,
	} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v", host, got)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	r := httptest.NewRequest("POST", "http://127.0.0.1:8080/decide", nil)
	if sameOrigin(r) == nil {
		t.Error("no Origin or Referer accepted")
	}
	for origin, ok := range map[string]bool{
		"http://127.0.0.1:8080": true, "http://127.0.0.1:8081": false, "http://evil.example": false, "null": false,
	} {
		r.Header.Set("Origin", origin)
		if got := sameOrigin(r) == nil; got != ok {
			t.Errorf("Origin %q: accepted %v", origin, got)
		}
	}
	r.Header.Del("Origin")
	r.Header.Set("Referer", "http://127.0.0.1:8080/deal?id=x")
	if sameOrigin(r) != nil {
		t.Error("same-site Referer refused")
	}
	r.Header.Set("Referer", "http://evil.example/")
	if sameOrigin(r) == nil {
		t.Error("foreign Referer accepted")
	}
}

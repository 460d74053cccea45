package langid_test

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
)

// The cost of extract.DetectLanguage with the real lingua detector, in
// detector calls and CPU per article, on the seeds and on generated
// single-language articles of about 5 KB (the design's article size):
//
//	go test ./extract/langid -run '^$' -bench Segments -cpu 1 -count 6
//	go test ./extract/langid -run TestSegmentsReport -v -langid.segments

var (
	segReport = flag.Bool("langid.segments", false, "print the languages and segments DetectLanguage gives the seeds and generated articles")
	segCalls  = flag.Bool("langid.calls", false, "with -langid.segments, also print every detector call")
)

// generatedArticle builds a single-language article of about size bytes
// from the short paragraphs in lang, laid out like the seeds: a title, a
// date line, paragraphs of three to five sentences separated by blank
// lines, and a short heading every third paragraph. It is deterministic.
func generatedArticle(lang string, size int) string {
	var sents []string
	for _, p := range shortParagraphs {
		if p.lang == lang {
			sents = append(sents, p.text)
		}
	}
	var b strings.Builder
	b.WriteString(sents[1] + "\n\n2026-03-12\n\n")
	for i, para := 0, 0; b.Len() < size; para++ {
		if para%3 == 2 {
			// A heading: the first words of a sentence.
			w := strings.Fields(sents[para%len(sents)])
			b.WriteString(strings.Join(w[:min(4, len(w))], " ") + "\n\n")
		}
		n := 3 + para%3
		for j := range n {
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(sents[i%len(sents)])
			i += 5 // 5 and 6 are coprime: every sentence in turn, shuffled
		}
		b.WriteString("\n\n")
	}
	return strings.TrimSpace(b.String())
}

type benchArticle struct{ name, text string }

func benchArticles(tb testing.TB) []benchArticle {
	names, texts := readSeeds(tb)
	var as []benchArticle
	for i := range names {
		as = append(as, benchArticle{names[i][:3], texts[i]})
	}
	for _, l := range []string{"it", "es", "en"} {
		as = append(as, benchArticle{"gen5k-" + l, generatedArticle(l, 5000)})
	}
	return as
}

// BenchmarkSegments measures DetectLanguage per article with the default
// detector (langid.New(nil)): ns/op is one article, calls/article the
// detector calls it makes, cpu-ms/article the process's CPU time (the
// honest number on a shared machine; lingua uses goroutines inside).
// "seeds" is the five seeds in turn (ns/op is per seed article).
func BenchmarkSegments(b *testing.B) {
	as := benchArticles(b)
	var seeds []string
	for _, a := range as[:5] {
		seeds = append(seeds, a.text)
	}
	cases := []struct {
		name  string
		texts []string
	}{{"seeds", seeds}}
	for _, a := range as {
		cases = append(cases, struct {
			name  string
			texts []string
		}{a.name, []string{a.text}})
	}
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			d := &extracttest.CountingDetector{D: detector(b)}
			size := 0
			for _, t := range bc.texts {
				size += len(t)
			}
			b.SetBytes(int64(size / len(bc.texts)))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			n := 0
			for b.Loop() {
				extract.DetectLanguage(d, bc.texts[n%len(bc.texts)])
				n++
			}
			b.ReportMetric(float64(d.Calls())/float64(n), "calls/article")
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(n), "cpu-ms/article")
		})
	}
}

// TestSegmentsReport prints what DetectLanguage says of each benchmark
// article and how many detector calls it takes; run it with
// -langid.segments.
func TestSegmentsReport(t *testing.T) {
	if !*segReport {
		t.Skip("run with -langid.segments")
	}
	for _, a := range benchArticles(t) {
		real := detector(t)
		d := &extracttest.CountingDetector{D: extracttest.FuncDetector{DetectFn: func(text string) (string, float64) {
			l, c := real.Detect(text)
			if *segCalls {
				t.Logf("%-9s   call %4d B %s %.3f %.60q", a.name, len(text), l, c, text)
			}
			return l, c
		}}}
		lang, conf, segs := extract.DetectLanguage(d, a.text)
		var ls []string
		for _, s := range segs {
			ls = append(ls, fmt.Sprintf("%s[%d:%d]", s.Lang, s.Start, s.End))
		}
		t.Logf("%-9s %5d B  %s %.3f  %2d calls  %s", a.name, len(a.text), lang, conf, d.Calls(), strings.Join(ls, " "))
	}
}

// paragraph joins the short paragraphs in lang, from the i-th on, until
// the result has at least letters letters.
func paragraph(lang string, i, letters int) string {
	var sents []string
	for _, p := range shortParagraphs {
		if p.lang == lang {
			sents = append(sents, p.text)
		}
	}
	var out []string
	for n := 0; n < letters; i++ {
		s := sents[i%len(sents)]
		out = append(out, s)
		for _, r := range s {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	return strings.Join(out, " ")
}

// TestDetectLanguageFindsInsertedParagraph inserts one paragraph in
// another language into the middle of a generated 5 KB article and checks
// that DetectLanguage, with the real detector and its blocks, finds it as
// a segment of exactly that paragraph, and that the article keeps its
// language.
func TestDetectLanguageFindsInsertedParagraph(t *testing.T) {
	byLang := func(l string) string {
		for _, u := range unsupported {
			if u.lang == l {
				return u.text
			}
		}
		t.Fatalf("no unsupported paragraph in %s", l)
		return ""
	}
	tests := []struct {
		base, lang, para string
	}{
		{"it", "en", paragraph("en", 0, 200)},
		{"it", "en", paragraph("en", 3, 200)},
		{"es", "en", paragraph("en", 1, 200)},
		{"en", "it", paragraph("it", 2, 200)},
		{"en", "es", paragraph("es", 0, 200)},
		{"it", "es", paragraph("es", 4, 200)},
		{"it", "fr", byLang("fr")},
		{"en", "de", byLang("de")},
		{"es", "pt", byLang("pt")},
		{"it", "ru", byLang("ru")},
		{"en", "zh", byLang("zh")},
		{"it", "ja", byLang("ja")},
	}
	d := detector(t)
	for _, tt := range tests {
		t.Run(tt.base+"+"+tt.lang, func(t *testing.T) {
			paras := strings.Split(generatedArticle(tt.base, 5000), "\n\n")
			mid := len(paras) / 2
			for len(paras[mid]) < 100 {
				mid++ // not before a heading, which takes the language before it
			}
			text := strings.Join(paras[:mid], "\n\n") + "\n\n" + tt.para + "\n\n" + strings.Join(paras[mid:], "\n\n")
			at := strings.Index(text, tt.para)
			lang, _, segs := extract.DetectLanguage(d, text)
			if lang != tt.base {
				t.Errorf("dominant %s, want %s", lang, tt.base)
			}
			want := []extract.Segment{
				{Lang: tt.base, Start: 0, End: at - 2},
				{Lang: tt.lang, Start: at, End: at + len(tt.para)},
				{Lang: tt.base, Start: at + len(tt.para) + 2, End: len(text)},
			}
			if !slices.Equal(segs, want) {
				t.Errorf("segments %+v, want %+v", segs, want)
			}
		})
	}
}

// TestDetectLanguageCalls checks that a single-language article costs
// about one detector call per BlockLetters letters, the point of the
// blocks (a call is ~250 µs of lingua whatever the text's length).
func TestDetectLanguageCalls(t *testing.T) {
	for _, a := range benchArticles(t) {
		if a.name == "004" {
			continue // the mixed article is read line by line where it changes language
		}
		d := &extracttest.CountingDetector{D: detector(t)}
		_, _, segs := extract.DetectLanguage(d, a.text)
		letters := 0
		for _, r := range a.text {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		// Blocks, plus the two lines read alone at 003's border with its
		// English boilerplate.
		if max := letters/extract.BlockLetters + 1 + 2*(len(segs)-1); d.Calls() > max {
			t.Errorf("%s: %d detector calls for %d letters in %d segments, want at most %d", a.name, d.Calls(), letters, len(segs), max)
		}
	}
}

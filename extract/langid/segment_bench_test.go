package langid_test

import (
	"flag"
	"fmt"
	"strings"
	"testing"

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
	b.WriteString(sents[1] + "\n\n12 marzo 2026\n\n")
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

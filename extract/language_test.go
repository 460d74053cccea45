package extract

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

// wordDetector says a text's language from marker words, so the tests
// exercise DetectLanguage's blocks, refinement and merging, not a model:
// "ITA" is Italian (confidence 0.9), "ENG" English (0.8), "RUS" Russian
// (0.7), "中文" Chinese (1). A text with several markers is in the
// language of the most frequent one, with its confidence scaled by that
// marker's share; a tie, like no marker, is "und" with confidence 0.
type wordDetector struct{}

var wordMarkers = []struct {
	marker, lang string
	conf         float64
}{{"ITA", "it", 0.9}, {"ENG", "en", 0.8}, {"RUS", "ru", 0.7}, {"中文", "zh", 1}}

func (wordDetector) Detect(text string) (string, float64) {
	best, bestN, total, tie := -1, 0, 0, false
	for i, m := range wordMarkers {
		n := strings.Count(text, m.marker)
		total += n
		switch {
		case n > bestN:
			best, bestN, tie = i, n, false
		case n > 0 && n == bestN:
			tie = true
		}
	}
	if best < 0 || tie {
		return "und", 0
	}
	return wordMarkers[best].lang, wordMarkers[best].conf * float64(bestN) / float64(total)
}

// recordingDetector wraps a Detector and records the texts it is asked
// about.
type recordingDetector struct {
	d     Detector
	texts []string
}

func (r *recordingDetector) Detect(text string) (string, float64) {
	r.texts = append(r.texts, text)
	return r.d.Detect(text)
}

// Lines for the tests. Each starts with its marker, so that the marker is
// in any sample of the line; the Italian and English ones have function
// words (hints), the "neutral" ones have none.
const (
	itWords = " il governo ha detto che la rete di calcolo per le imprese sarà pronta entro la fine dell'anno"
	enWords = " the company said that the network of data centres is ready for its customers and will grow"
	ruWords = " компания заключила контракт на тридцать восемь миллиардов долларов"
)

// line returns marker followed by words repeated up to about letters
// letters.
func line(marker, words string, letters int) string {
	s := marker
	for countLetters(s) < letters {
		s += words
	}
	return s
}

func itLine(letters int) string { return line("ITA", itWords, letters) }
func enLine(letters int) string { return line("ENG", enWords, letters) }

// neutral is a line with marker and no function words of any language.
func neutral(marker string, letters int) string { return line(marker, " parole", letters) }

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func segLangs(segs []Segment) []string {
	var got []string
	for _, s := range segs {
		got = append(got, s.Lang)
	}
	return got
}

// checkContract checks what every DetectLanguage result must satisfy:
// segments in order, not overlapping, inside the text, starting and
// ending on the letters of lines, adjacent segments in different
// languages, every line with letters covered; confidence in [0,1] with 3
// decimals; lang the language with the most letters.
func checkContract(t *testing.T, text, lang string, conf float64, segs []Segment) {
	t.Helper()
	if conf < 0 || conf > 1 || math.Abs(conf*1000-math.Round(conf*1000)) > 1e-6 {
		t.Errorf("confidence %v: want in [0,1], rounded to 3 decimals", conf)
	}
	prevEnd := 0
	letters := map[string]int{}
	for i, s := range segs {
		if s.Start < prevEnd || s.Start >= s.End || s.End > len(text) {
			t.Errorf("segment %d %+v out of order or out of a %d-byte text", i, s, len(text))
			return
		}
		if i > 0 && segs[i-1].Lang == s.Lang {
			t.Errorf("segments %d and %d are both %s: they should be merged", i-1, i, s.Lang)
		}
		if strings.TrimSpace(text[s.Start:s.End]) != text[s.Start:s.End] {
			t.Errorf("segment %+v starts or ends with space", s)
		}
		letters[s.Lang] += countLetters(text[s.Start:s.End])
		prevEnd = s.End
	}
	// Every line with letters lies inside one segment.
	off := 0
	for _, l := range strings.SplitAfter(text, "\n") {
		if countLetters(l) > 0 {
			start := off + len(l) - len(strings.TrimLeftFunc(l, unicode.IsSpace))
			end := off + len(strings.TrimRightFunc(l, unicode.IsSpace))
			in := false
			for _, s := range segs {
				in = in || s.Start <= start && end <= s.End
			}
			if !in {
				t.Errorf("line %q [%d:%d] is in no segment %+v", l, start, end, segs)
			}
		}
		off += len(l)
	}
	if len(segs) == 0 {
		if lang != "und" || conf != 0 {
			t.Errorf("no segments but lang %s, confidence %v", lang, conf)
		}
		return
	}
	for l, n := range letters {
		if n > letters[lang] || n == letters[lang] && l < lang {
			t.Errorf("dominant %s has %d letters, %s has %d", lang, letters[lang], l, n)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	long := func(marker string) string { return neutral(marker, 64) }
	tests := []struct {
		name      string
		text      string
		wantLang  string
		wantSegs  []string
		wantCalls int // -1: not checked
	}{
		{"one language", itLine(200) + "\n" + itLine(200), "it", []string{"it"}, 1},
		{"short lines take the previous language", long("ITA") + "\nApril 2026\n" + long("ITA"), "it", []string{"it"}, 1},
		{"short first line takes the next language", "Titolo\n" + long("ENG"), "en", []string{"en"}, 1},
		{"mixed: most letters wins", itLine(70) + "\n\n" + enLine(70) + "\n" + enLine(70) + "\n" + "中文中文中文中文中文中文", "en", []string{"it", "en", "zh"}, -1},
		{"no letters", "123 456\n\n", "und", nil, 0},
		{"empty", "", "und", nil, 0},
		{"only short text: read whole", "ITA breve\nancora", "it", []string{"it"}, 1},
		{"only short text, no clue", "breve\nancora", "und", []string{"und"}, 1},
		{"short CJK line is read", "中文中文中文中文", "zh", []string{"zh"}, 1},
		{"script change starts a block", itLine(100) + "\nRUS" + ruWords + "\n" + itLine(100), "it", []string{"it", "ru", "it"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := &recordingDetector{d: wordDetector{}}
			lang, conf, segs := DetectLanguage(d, tt.text)
			if lang != tt.wantLang {
				t.Errorf("DetectLanguage(%q) lang = %q, want %q", tt.text, lang, tt.wantLang)
			}
			if got := segLangs(segs); !reflect.DeepEqual(got, tt.wantSegs) {
				t.Errorf("segments = %v, want %v", got, tt.wantSegs)
			}
			if tt.wantCalls >= 0 && len(d.texts) != tt.wantCalls {
				t.Errorf("%d detector calls (%q), want %d", len(d.texts), d.texts, tt.wantCalls)
			}
			checkContract(t, tt.text, lang, conf, segs)
		})
	}
}

func TestDetectLanguageConfidence(t *testing.T) {
	// Two thirds Italian at 0.9, one third English at 0.8: confidence is
	// the detector's confidence times the share of letters.
	text := itLine(200) + "\n" + itLine(200) + "\n" + enLine(200) + "\n"
	lang, conf, segs := DetectLanguage(wordDetector{}, text)
	var it, all float64
	for _, s := range segs {
		n := float64(countLetters(text[s.Start:s.End]))
		all += n
		if s.Lang == "it" {
			it += n
		}
	}
	want := math.Round(0.9*it/all*1000) / 1000
	if lang != "it" || conf != want {
		t.Errorf("DetectLanguage = %q, %v; want it, %v", lang, conf, want)
	}
}

// TestDetectLanguageBlocks checks that a single-language article is read
// in blocks of about BlockLetters letters, each read once, and that the
// detector sees every line of a block.
func TestDetectLanguageBlocks(t *testing.T) {
	var lines []string
	total := 0
	for i := 0; total < 4*BlockLetters; i++ {
		l := itLine(80 + 40*(i%5))
		lines = append(lines, l)
		total += countLetters(l)
	}
	text := strings.Join(lines, "\n\n")
	d := &recordingDetector{d: wordDetector{}}
	lang, conf, segs := DetectLanguage(d, text)
	if lang != "it" || conf != 0.9 || len(segs) != 1 {
		t.Errorf("DetectLanguage = %s %v %v, want it 0.9 in one segment", lang, conf, segLangs(segs))
	}
	// Blocks close after the line that reaches BlockLetters or at
	// maxBlockLines lines: at most one call for each, plus one for the
	// rest.
	if max := total/BlockLetters + len(lines)/maxBlockLines + 1; len(d.texts) > max || len(d.texts) < 3 {
		t.Errorf("%d detector calls for %d letters in %d lines, want 3 to %d", len(d.texts), total, len(lines), max)
	}
	seen := 0
	for _, s := range d.texts {
		if len(s) > sampleBytes {
			t.Errorf("sample of %d bytes, want at most about %d", len(s), sampleBytes)
		}
		seen += strings.Count(s, "ITA")
	}
	if seen != len(lines) {
		t.Errorf("the detector saw %d line starts, want all %d", seen, len(lines))
	}
	checkContract(t, text, lang, conf, segs)
}

// TestDetectLanguageRefines covers the ways a block is read again line by
// line.
func TestDetectLanguageRefines(t *testing.T) {
	var itArticle []string
	for i := range 8 {
		itArticle = append(itArticle, itLine(120+30*(i%3)))
	}
	join := func(parts ...[]string) string {
		var all []string
		for _, p := range parts {
			all = append(all, p...)
		}
		return strings.Join(all, "\n\n")
	}
	tests := []struct {
		name     string
		text     string
		wantSegs []string
		// wantSeg is the text of one segment that must be found exactly,
		// in language wantSegLang.
		wantSeg, wantSegLang string
	}{
		{
			// Its function words split the English paragraph off into
			// its own block.
			name:     "English paragraph inside an Italian article",
			text:     join(itArticle[:4], []string{enLine(200)}, itArticle[4:]),
			wantSegs: []string{"it", "en", "it"},
			wantSeg:  enLine(200), wantSegLang: "en",
		},
		{
			// Neutral lines join a block whose hint is English; the
			// block is read as Italian (two markers to one), so the
			// English line, whose hint contradicts it, is read alone.
			name:     "line whose function words contradict its block",
			text:     join([]string{neutral("ITA", 70), neutral("ITA", 70), enLine(70)}),
			wantSegs: []string{"it", "en"},
			wantSeg:  enLine(70), wantSegLang: "en",
		},
		{
			// No hints: the block's sample has one marker of each, the
			// detector cannot tell (und), so every line is read alone.
			name:     "low-confidence block",
			text:     join([]string{neutral("ITA", 70), neutral("ENG", 70)}),
			wantSegs: []string{"it", "en"},
			wantSeg:  neutral("ENG", 70), wantSegLang: "en",
		},
		{
			// No hints: the first block closes at BlockLetters after two
			// English lines; it is read as Italian (three markers to
			// two), the next block as English, so the lines at the
			// border are read alone, moving back until one is Italian.
			name: "neighbouring blocks disagree",
			text: join(
				[]string{neutral("ITA", BlockLetters/5), neutral("ITA", BlockLetters/5), neutral("ITA", BlockLetters/5)},
				[]string{neutral("ENG", BlockLetters*3/20), neutral("ENG", BlockLetters*3/10)},
				[]string{neutral("ENG", BlockLetters/2), neutral("ENG", BlockLetters/2)},
			),
			wantSegs: []string{"it", "en"},
			wantSeg: strings.Join([]string{neutral("ENG", BlockLetters*3/20), neutral("ENG", BlockLetters*3/10),
				neutral("ENG", BlockLetters/2), neutral("ENG", BlockLetters/2)}, "\n\n"),
			wantSegLang: "en",
		},
		{
			// The same, the change inside the second block: its first
			// lines are read alone, moving forward.
			name: "neighbouring blocks disagree, change in the second block",
			text: join(
				[]string{neutral("ENG", BlockLetters/2), neutral("ENG", BlockLetters/2)},
				[]string{neutral("ENG", BlockLetters*3/20), neutral("ENG", BlockLetters*3/10)},
				[]string{neutral("ITA", BlockLetters/5), neutral("ITA", BlockLetters/5), neutral("ITA", BlockLetters/5)},
			),
			wantSegs:    []string{"en", "it"},
			wantSeg:     strings.Join([]string{neutral("ITA", BlockLetters/5), neutral("ITA", BlockLetters/5), neutral("ITA", BlockLetters/5)}, "\n\n"),
			wantSegLang: "it",
		},
		{
			// A Chinese sentence quoting an English title is CJK; the
			// detector reads its Chinese characters only.
			name:     "CJK line quoting English",
			text:     join([]string{enLine(150), "中文这起“ENG an English title that goes on and on”融资事件讲了什么?", enLine(150)}),
			wantSegs: []string{"en", "zh", "en"},
			wantSeg:  "中文这起“ENG an English title that goes on and on”融资事件讲了什么?", wantSegLang: "zh",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang, conf, segs := DetectLanguage(wordDetector{}, tt.text)
			if got := segLangs(segs); !reflect.DeepEqual(got, tt.wantSegs) {
				t.Errorf("segments = %v, want %v", got, tt.wantSegs)
			}
			found := false
			for _, s := range segs {
				found = found || s.Lang == tt.wantSegLang && tt.text[s.Start:s.End] == tt.wantSeg
			}
			if !found {
				t.Errorf("no %s segment is exactly %.60q; segments %+v", tt.wantSegLang, tt.wantSeg, segs)
			}
			checkContract(t, tt.text, lang, conf, segs)
		})
	}
}

// TestDetectLanguageDeterministic runs generated mixed texts twice and
// checks the contract on each.
func TestDetectLanguageDeterministic(t *testing.T) {
	kinds := []func(int) string{itLine, enLine,
		func(n int) string { return neutral("ITA", n) },
		func(n int) string { return neutral("ENG", n) },
		func(int) string { return "April 2026" },
		func(int) string { return "中文中文中文中文中文" },
		func(int) string { return "RUS" + ruWords },
		func(int) string { return "| 12 | 3,4 | — |" },
	}
	for seed := range 40 {
		var lines []string
		x := uint32(seed*2654435761 + 1)
		for range 5 + seed%20 {
			x = x*1664525 + 1013904223
			k := kinds[int(x>>24)%len(kinds)]
			lines = append(lines, k(30+int(x>>16)%400))
			if x&0x100 != 0 {
				lines = append(lines, "")
			}
		}
		text := strings.Join(lines, "\n")
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			lang, conf, segs := DetectLanguage(wordDetector{}, text)
			lang2, conf2, segs2 := DetectLanguage(wordDetector{}, text)
			if lang != lang2 || conf != conf2 || !reflect.DeepEqual(segs, segs2) {
				t.Errorf("two runs differ: %s %v %v, then %s %v %v", lang, conf, segs, lang2, conf2, segs2)
			}
			checkContract(t, text, lang, conf, segs)
		})
	}
}

func TestFunctionWordHint(t *testing.T) {
	tests := []struct{ line, want string }{
		{"L’azienda di Sam Altman ha appena annunciato una collaborazione rafforzata con Amazon che", "it"},
		{"OpenAI y Amazon han firmado un acuerdo monumental de $38 mil millones que está reescribiendo", "es"},
		{"At first glance, Amazon's investment math seems absurd: $50 billion to OpenAI, a company with no", "en"},
		{"Le gouvernement a présenté mardi un plan pour attirer les centres de données en France", "fr"},
		{"Die Regierung will den Bau der neuen Rechenzentren beschleunigen, und die Kommunen klagen über das Netz", "de"},
		{"A OpenAI fechou com a Amazon um contrato de trinta e oito mil milhões de dólares para alugar", "pt"},
		{"OpenAI heeft met Amazon een contract van achtendertig miljard dollar gesloten om zeven jaar", "nl"},
		// No sign: names and numbers, a table row, too few words, a tie.
		{"| Amazon | Anthropic | $25B | $5B upfront + $20B milestones | AWS Trainium clusters |", ""},
		{"Microsoft Azure Google Cloud Oracle OCI Nvidia", ""},
		{"il governo", ""},
		{"the und the und", ""},
	}
	for _, tt := range tests {
		if got := functionWordHint(tt.line); got != tt.want {
			t.Errorf("functionWordHint(%q) = %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestLineScript(t *testing.T) {
	tests := []struct {
		line        string
		wantLetters int
		want        script
	}{
		{"Amazon ha investito 25 miliardi", 25, scriptLatin},
		{"这起“Amazon's $50 Billion AI Bet: Why It Pays Rivals More Than Allies for Cloud Dominance”融资事件讲了什么?", 75, scriptCJK},
		{"The Chinese name of the fund, 国家集成电路产业投资基金, is long; the rest of this paragraph is in English and goes on for quite a while longer than that, with many more words than the name has characters.", 152, scriptLatin},
		{"オープンAIはアマゾンと契約", 14, scriptCJK},
		{"Компания OpenAI заключила контракт", 31, scriptCyrillic},
		{"Η εταιρεία υπέγραψε συμφωνία", 25, scriptGreek},
		{"12 345 — %", 0, scriptLatin},
	}
	for _, tt := range tests {
		n, sc := lineScript(tt.line)
		if n != tt.wantLetters || sc != tt.want {
			t.Errorf("lineScript(%q) = %d, %d; want %d, %d", tt.line, n, sc, tt.wantLetters, tt.want)
		}
	}
}

func TestCJKText(t *testing.T) {
	got := cjkText("这起“Amazon's $50 Billion”融资事件讲了什么?")
	if want := "这起 融资事件讲了什么"; got != want {
		t.Errorf("cjkText = %q, want %q", got, want)
	}
}

// BenchmarkDetectLanguageOverhead measures what DetectLanguage costs
// besides the detector (lines, scripts, hints, samples, segments), with a
// detector that costs nothing, on a 5 KB Italian article.
func BenchmarkDetectLanguageOverhead(b *testing.B) {
	var lines []string
	for i := 0; len(strings.Join(lines, "\n\n")) < 5000; i++ {
		lines = append(lines, itLine(80+60*(i%5)))
	}
	text := strings.Join(lines, "\n\n")
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		DetectLanguage(wordDetector{}, text)
	}
}

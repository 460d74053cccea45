package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinUnitLetters is how many letters a line needs for its own language
// reading; shorter lines ("April 2026", "Mi piace 1") take their
// neighbours' language. Lines in a CJK script need only minCJKLetters.
const MinUnitLetters = 60

// BlockLetters is about how many letters DetectLanguage gives the
// detector in one call: consecutive lines in one script whose function
// words do not disagree are read together, up to this many letters per
// block (a block closes after the line that reaches it) and at most
// maxBlockLines lines.
const BlockLetters = 1000

const (
	// minCJKLetters is MinUnitLetters for lines in Han, Kana or Hangul,
	// where a few characters already say a lot.
	minCJKLetters = 8

	// lowConfidence: a block the detector reads with less confidence is
	// read again line by line.
	lowConfidence = 0.5

	// sampleBytes is how much of a block the detector is given: a share
	// of it from every line of the block, cut at word boundaries.
	// langid reads at most 250 bytes of a text (langid.DefaultMaxBytes),
	// so a longer sample would only cost time.
	sampleBytes = 250

	// minShareBytes is the least a line contributes to a block sample
	// (about six words).
	minShareBytes = 40

	// maxBlockLines is how many lines a block can have so that each of
	// them gets its minShareBytes in the sample.
	maxBlockLines = sampleBytes / minShareBytes
)

// script is the writing system of a line, as far as language detection
// cares: a change of script is a change of language.
type script uint8

const (
	scriptLatin script = iota
	scriptCJK          // Han, Hiragana, Katakana, Hangul
	scriptCyrillic
	scriptGreek
	scriptArabic
	scriptHebrew
	scriptOther
)

type langUnit struct {
	start, end int
	letters    int
	script     script
	hint       string // the language its function words point to, or ""
	read       bool   // long enough to be read
	alone      bool   // read on its own (not only as part of a block)
	lang       string
	conf       float64
}

// langBlock is a run of read units (indices into the units slice) that
// the detector reads in one call.
type langBlock struct {
	units   []int
	script  script
	hint    string
	letters int
	lang    string
	conf    float64
}

// DetectLanguage reads the language of text and splits it into language
// segments. The units are the lines: lines with fewer than MinUnitLetters
// letters (minCJKLetters in a CJK script) take their neighbours' language.
//
// Reading every line with the detector is what costs (lingua takes 250 to
// 450 µs of CPU a call on a paragraph), so DetectLanguage reads blocks of
// consecutive lines (up to about BlockLetters letters) in one call, on a
// sample made of the start of each of its lines, and reads a line on its
// own only where the cheap evidence says the block may hide a change:
//   - a block never spans a change of script (Latin, CJK, Cyrillic...),
//     nor two lines whose function words (il/che/della, the/of/and,
//     el/que/los...) point to different languages;
//   - a line whose function words contradict its block's language, and
//     every line of a block read with a confidence under 0.5 (or as
//     "und"), is read on its own;
//   - where two neighbouring blocks in the same script disagree, the lines
//     on each side of the border are read on their own, moving away from
//     the border until a line agrees with its block.
//
// The dominant language is the one covering the most letters; its
// confidence is the detector's confidence weighted by that share, in
// [0,1] and rounded to 3 decimals. Text with no letters is "und" with
// confidence 0 and no segments. The result depends only on text and on
// what d answers.
func DetectLanguage(d Detector, text string) (lang string, confidence float64, segments []Segment) {
	units := splitUnits(text)
	if len(units) == 0 {
		return "und", 0, nil
	}
	detect := func(s string) (string, float64) {
		l, c := d.Detect(s)
		if l == "" {
			l = "und"
		}
		return l, min(max(c, 0), 1)
	}
	blocks := makeBlocks(units)
	if len(blocks) == 0 {
		// Nothing long: read the whole text at once.
		l, c := detect(text)
		for i := range units {
			units[i].lang, units[i].conf = l, c
		}
	} else {
		readBlocks(text, units, blocks, detect)
	}
	fillShortUnits(units)
	return summarize(units)
}

// splitUnits returns the lines of text that have letters, trimmed, with
// their letter count and script; read is set on the lines long enough to
// be read and hint on those of them in the Latin script.
func splitUnits(text string) []langUnit {
	var units []langUnit
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if n, sc := lineScript(line); n > 0 {
			u := langUnit{
				start:   start + len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace)),
				end:     start + len(strings.TrimRightFunc(line, unicode.IsSpace)),
				letters: n,
				script:  sc,
			}
			u.read = n >= MinUnitLetters || sc == scriptCJK && n >= minCJKLetters
			if u.read && sc == scriptLatin {
				u.hint = functionWordHint(text[u.start:u.end])
			}
			units = append(units, u)
		}
		start = end + 1
	}
	return units
}

// makeBlocks groups the read units into blocks: a new block starts at a
// change of script, at a line whose hint differs from the block's, and
// after a block reaches BlockLetters letters or maxBlockLines lines.
func makeBlocks(units []langUnit) []langBlock {
	var blocks []langBlock
	for i, u := range units {
		if !u.read {
			continue
		}
		if n := len(blocks); n > 0 {
			b := &blocks[n-1]
			if b.script == u.script && b.letters < BlockLetters && len(b.units) < maxBlockLines && (u.hint == "" || b.hint == "" || u.hint == b.hint) {
				b.units = append(b.units, i)
				b.letters += u.letters
				if b.hint == "" {
					b.hint = u.hint
				}
				continue
			}
		}
		blocks = append(blocks, langBlock{units: []int{i}, script: u.script, hint: u.hint, letters: u.letters})
	}
	return blocks
}

// readBlocks detects every block, then reads on their own the lines the
// block reading may be wrong about (see DetectLanguage).
func readBlocks(text string, units []langUnit, blocks []langBlock, detect func(string) (string, float64)) {
	readAlone := func(i int) {
		u := &units[i]
		if !u.alone {
			u.lang, u.conf = detect(unitText(text, *u))
			u.alone = true
		}
	}
	for bi := range blocks {
		b := &blocks[bi]
		b.lang, b.conf = detect(blockSample(text, units, b.units))
		single := len(b.units) == 1
		for _, i := range b.units {
			units[i].lang, units[i].conf, units[i].alone = b.lang, b.conf, single
		}
		if single {
			continue
		}
		doubtful := b.lang == "und" || b.conf < lowConfidence
		for _, i := range b.units {
			if doubtful || units[i].hint != "" && units[i].hint != b.lang {
				readAlone(i)
			}
		}
	}
	// Borders between blocks in the same script that disagree: the
	// change may be anywhere in the lines near the border.
	for bi := 1; bi < len(blocks); bi++ {
		a, b := &blocks[bi-1], &blocks[bi]
		if a.lang == b.lang || a.script != b.script {
			continue
		}
		for k := len(a.units) - 1; k >= 0; k-- {
			readAlone(a.units[k])
			if units[a.units[k]].lang == a.lang {
				break
			}
		}
		for _, i := range b.units {
			readAlone(i)
			if units[i].lang == b.lang {
				break
			}
		}
	}
}

// blockSample is what the detector reads of a block: the block's only
// line, or the start of each of its lines (an equal share of sampleBytes,
// at least minShareBytes, cut at a word boundary) joined by newlines. Of
// a CJK line only the CJK characters are read.
func blockSample(text string, units []langUnit, idx []int) string {
	if len(idx) == 1 {
		return unitText(text, units[idx[0]])
	}
	share := max(sampleBytes/len(idx), minShareBytes)
	var sb strings.Builder
	sb.Grow(sampleBytes + len(idx))
	for k, i := range idx {
		if k > 0 {
			sb.WriteByte('\n')
		}
		sb.WriteString(headWords(unitText(text, units[i]), share))
	}
	return sb.String()
}

// unitText is what the detector reads of a unit on its own.
func unitText(text string, u langUnit) string {
	if u.script == scriptCJK {
		return cjkText(text[u.start:u.end])
	}
	return text[u.start:u.end]
}

// headWords returns the first words of s that fit in n bytes (s itself
// when it fits), cut on a rune boundary if the first word is longer.
func headWords(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if sp := strings.LastIndexFunc(s[:cut], unicode.IsSpace); sp > n/2 {
		cut = sp
	}
	return s[:cut]
}

// fillShortUnits gives the units that were not read (or were read as
// "und") the language of the nearest read unit before them, or after them
// at the start of the text.
func fillShortUnits(units []langUnit) {
	known := func(u langUnit) bool { return u.lang != "" && u.lang != "und" }
	last := -1
	for i := range units {
		if known(units[i]) {
			last = i
			continue
		}
		if last >= 0 {
			units[i].lang, units[i].conf = units[last].lang, units[last].conf
		}
	}
	next := -1
	for i := len(units) - 1; i >= 0; i-- {
		if known(units[i]) {
			next = i
			continue
		}
		if next >= 0 {
			units[i].lang, units[i].conf = units[next].lang, units[next].conf
		} else {
			units[i].lang = "und"
		}
	}
}

// summarize merges the units into segments and picks the dominant
// language.
func summarize(units []langUnit) (string, float64, []Segment) {
	var segments []Segment
	letters := map[string]int{}
	weighted := map[string]float64{}
	total := 0
	for _, u := range units {
		letters[u.lang] += u.letters
		weighted[u.lang] += float64(u.letters) * u.conf
		total += u.letters
		if n := len(segments); n > 0 && segments[n-1].Lang == u.lang {
			segments[n-1].End = u.end
		} else {
			segments = append(segments, Segment{Lang: u.lang, Start: u.start, End: u.end})
		}
	}
	best := ""
	for l, n := range letters {
		if best == "" || n > letters[best] || n == letters[best] && l < best {
			best = l
		}
	}
	confidence := min(max(weighted[best]/float64(total), 0), 1)
	// Round so that JSON output is stable and readable.
	confidence = float64(int(confidence*1000+0.5)) / 1000
	return best, confidence, segments
}

// lineScript counts the letters of line and says which script most of
// them are in. A line is CJK when it has Han, Kana or Hangul characters
// and at most ten Latin letters for each of them: a CJK character
// carries about a word, so a Chinese sentence quoting an English title is
// CJK, while an English paragraph quoting a Chinese name is Latin.
func lineScript(line string) (letters int, sc script) {
	var counts [scriptOther + 1]int
	for _, r := range line {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		counts[runeScript(r)]++
	}
	if cjk := counts[scriptCJK]; cjk > 0 && 10*cjk >= counts[scriptLatin] {
		return letters, scriptCJK
	}
	counts[scriptCJK] = 0
	for s := range counts {
		if counts[s] > counts[sc] {
			sc = script(s)
		}
	}
	return letters, sc
}

// runeScript is the script of the letter r.
func runeScript(r rune) script {
	switch {
	case r < 0x250: // ASCII letters, Latin-1 and Latin Extended-A/B
		return scriptLatin
	case isCJK(r):
		return scriptCJK
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Cyrillic, r):
		return scriptCyrillic
	case unicode.Is(unicode.Greek, r):
		return scriptGreek
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Hebrew, r):
		return scriptHebrew
	}
	return scriptOther
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

// cjkText returns the CJK characters of s, each run of them followed by a
// space: what the detector should read of a CJK line, whose Latin letters
// are quoted names and titles.
func cjkText(s string) string {
	var sb strings.Builder
	in := false
	for _, r := range s {
		if isCJK(r) {
			sb.WriteRune(r)
			in = true
		} else if in {
			sb.WriteByte(' ')
			in = false
		}
	}
	return strings.TrimSpace(sb.String())
}

// hintLangs are the languages functionWordHint knows, in a fixed order.
var hintLangs = [...]string{"it", "es", "en", "fr", "de", "pt", "ca", "nl", "ro"}

// functionWords are frequent short words of each hintLangs language. A
// word of several languages counts for each of them in part.
var functionWords = [len(hintLangs)]string{
	"il lo la i gli le di del della dello dei degli delle dell che non per con una un è sono ha hanno anche più nel nella nei nell alla alle al all sul sulla dal dalla come ma ed questo questa si tra fra",
	"el la los las lo de del que y en un una por para con se es no su sus más al como pero este esta está también fue ha han sobre entre muy",
	"the of and to in is that for it with as on was are by this be at from has have an which or its not but will been were",
	"le la les des du de et un une est que qui dans pour pas sur au aux ce cette avec il en sont ont plus ne se qu par",
	"der die das und ist nicht ein eine den dem des mit zu sich auf für von im auch es dass wird sind bei oder als",
	"o os a as de do da dos das que e em um uma para com não por no na se mais é ao foi são pela pelo",
	"el els la les de del i que en un una per amb és als no més aquest aquesta són va ha dels",
	"de het een en van in is dat op te zijn met voor niet die aan er ook om wordt bij",
	"și de în la cu pe a o un care să nu din este mai pentru au sunt fost ca",
}

// functionWordSet maps each function word to the set (a bit per
// hintLangs index) of languages it belongs to. It is built once and only
// read.
var functionWordSet = func() map[string]uint16 {
	m := map[string]uint16{}
	for i, words := range functionWords {
		for _, w := range strings.Fields(words) {
			m[w] |= 1 << i
		}
	}
	return m
}()

// maxFunctionWordBytes is the longest function word, in bytes.
const maxFunctionWordBytes = 8

// functionWordHint returns the language whose function words line uses
// clearly more than any other's (a score of at least 2, and 1.5 times
// the runner-up's; a word shared by k languages scores 1/k for each), or
// "" when the words give no clear sign (names, numbers, tables, a
// language not in hintLangs).
func functionWordHint(line string) string {
	var score [len(hintLangs)]float64
	var buf [maxFunctionWordBytes]byte
	for i := 0; i < len(line); {
		r, n := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsLetter(r) {
				break
			}
			j += n
		}
		word := line[i:j]
		i = j
		if len(word) > maxFunctionWordBytes {
			continue
		}
		w := buf[:0]
		for _, r := range word {
			w = utf8.AppendRune(w, unicode.ToLower(r))
		}
		if len(w) > maxFunctionWordBytes {
			continue
		}
		set := functionWordSet[string(w)] // no allocation: map lookup by converted bytes
		if set == 0 {
			continue
		}
		k := 0
		for s := set; s != 0; s &= s - 1 {
			k++
		}
		for l := range hintLangs {
			if set&(1<<l) != 0 {
				score[l] += 1 / float64(k)
			}
		}
	}
	best, second := -1, 0.0
	for l := range hintLangs {
		switch {
		case best < 0 || score[l] > score[best]:
			if best >= 0 {
				second = score[best]
			}
			best = l
		case score[l] > second:
			second = score[l]
		}
	}
	if score[best] < 2 || score[best] < 1.5*second {
		return ""
	}
	return hintLangs[best]
}

var languageNames = map[string]string{
	"it": "Italian", "es": "Spanish", "en": "English", "fr": "French", "de": "German",
	"pt": "Portuguese", "ca": "Catalan", "nl": "Dutch", "ro": "Romanian", "zh": "Chinese",
	"ja": "Japanese", "ru": "Russian", "ko": "Korean", "pl": "Polish", "sv": "Swedish",
	"tr": "Turkish", "ar": "Arabic", "uk": "Ukrainian", "el": "Greek", "da": "Danish",
	"fi": "Finnish", "cs": "Czech", "hu": "Hungarian", "nb": "Norwegian", "und": "an undetermined language",
}

// LanguageName returns an English name for an ISO 639-1 code, with the
// code: "French (fr)". Unknown codes are returned as they are.
func LanguageName(code string) string {
	if n, ok := languageNames[code]; ok {
		if code == "und" {
			return n
		}
		return n + " (" + code + ")"
	}
	return code
}

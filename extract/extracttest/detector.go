package extracttest

import (
	"sort"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/dealwatch/dealwatch/extract"
)

// Compile-time checks that the fakes satisfy extract.Detector.
var (
	_ extract.Detector = FixedDetector{}
	_ extract.Detector = FuncDetector{}
	_ extract.Detector = WordDetector{}
	_ extract.Detector = (*CountingDetector)(nil)
)

// FixedDetector answers every text with the same language and
// confidence. The zero value answers "und" with confidence 0.
type FixedDetector struct {
	Lang       string
	Confidence float64
}

// Detect implements extract.Detector.
func (d FixedDetector) Detect(string) (string, float64) {
	if d.Lang == "" {
		return "und", 0
	}
	return d.Lang, d.Confidence
}

// FuncDetector calls DetectFn, which must be safe for concurrent use if
// the code under test detects concurrently (the Pipeline does). A nil
// DetectFn answers "und" with confidence 0.
type FuncDetector struct {
	DetectFn func(text string) (lang string, confidence float64)
}

// Detect implements extract.Detector.
func (d FuncDetector) Detect(text string) (string, float64) {
	if d.DetectFn == nil {
		return "und", 0
	}
	return d.DetectFn(text)
}

// WordDetector is a small deterministic detector for tests that need
// real-looking, mixed-language text without loading lingua: each language
// has marker words, and a text is in the language whose markers it
// contains most often (ties go to the language first in alphabetical
// order), with confidence = that language's share of all marker hits.
// Text with Han, Hiragana, Katakana or Hangul letters and no marker words
// is "zh", "ja" or "ko" by its most frequent script. Text with no clue is
// "und" with confidence 0.
//
// Markers are matched as whole lowercase words; the map must not be
// changed while the detector is in use.
type WordDetector map[string][]string

// DefaultWords are marker words for the supported languages and the two
// unsupported ones tests use most; no word is a marker of two languages.
var DefaultWords = WordDetector{
	"it": {"il", "lo", "gli", "della", "che", "di", "per", "sono", "miliardi", "accordo"},
	"es": {"el", "los", "las", "del", "que", "de", "para", "son", "millones", "acuerdo"},
	"en": {"the", "of", "and", "to", "for", "with", "is", "are", "billion", "deal"},
	"fr": {"le", "les", "des", "du", "et", "pour", "avec", "sont", "milliards"},
	"de": {"der", "die", "das", "und", "mit", "für", "ist", "sind", "milliarden"},
}

// Detect implements extract.Detector.
func (d WordDetector) Detect(text string) (string, float64) {
	hits := map[string]int{}
	total := 0
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) })
	for _, w := range words {
		for lang, markers := range d {
			for _, m := range markers {
				if w == m {
					hits[lang]++
					total++
				}
			}
		}
	}
	if total == 0 {
		return cjk(text)
	}
	langs := make([]string, 0, len(hits))
	for l := range hits {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	best := langs[0]
	for _, l := range langs[1:] {
		if hits[l] > hits[best] {
			best = l
		}
	}
	return best, float64(hits[best]) / float64(total)
}

func cjk(text string) (string, float64) {
	var han, kana, hangul int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
			kana++
		case unicode.Is(unicode.Hangul, r):
			hangul++
		}
	}
	switch {
	case kana > 0 && kana+han >= hangul:
		return "ja", 1
	case hangul > han:
		return "ko", 1
	case han > 0:
		return "zh", 1
	}
	return "und", 0
}

// CountingDetector wraps a Detector and counts the calls to it (safely
// under concurrency), for tests that check how often detection runs.
type CountingDetector struct {
	D     extract.Detector
	calls atomic.Int64
}

// Detect implements extract.Detector.
func (d *CountingDetector) Detect(text string) (string, float64) {
	d.calls.Add(1)
	return d.D.Detect(text)
}

// Calls returns how many times Detect was called.
func (d *CountingDetector) Calls() int { return int(d.calls.Load()) }

package extract

import (
	"strings"
	"unicode"
)

// MinUnitLetters is how many letters a line needs for its own language
// reading; shorter lines ("April 2026", "Mi piace 1") take their
// neighbours' language.
const MinUnitLetters = 60

type langUnit struct {
	start, end int
	letters    int
	lang       string
	conf       float64
}

// DetectLanguage reads the language of text line by line with d, lets
// short lines take their neighbours' language, and merges the lines into
// segments. The dominant language is the one covering the most letters;
// its confidence is the detector's confidence weighted by that share.
// Text with no letters is "und" with confidence 0.
func DetectLanguage(d Detector, text string) (lang string, confidence float64, segments []Segment) {
	var units []langUnit
	start := 0
	for start < len(text) {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		if n := countLetters(line); n > 0 {
			ls := start + (len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace)))
			le := start + len(strings.TrimRightFunc(line, unicode.IsSpace))
			units = append(units, langUnit{start: ls, end: le, letters: n})
		}
		start = end + 1
	}
	if len(units) == 0 {
		return "und", 0, nil
	}
	// Read every long enough unit; also read CJK-script units of any size,
	// where a few characters already say a lot.
	known := false
	for i := range units {
		u := &units[i]
		if u.letters >= MinUnitLetters || hasHan(text[u.start:u.end]) && u.letters >= 8 {
			u.lang, u.conf = d.Detect(text[u.start:u.end])
			if u.lang == "" {
				u.lang = "und"
			}
			if u.lang != "und" {
				known = true
			}
		}
	}
	if !known {
		// Nothing long: read the whole text at once.
		l, c := d.Detect(text)
		if l == "" {
			l = "und"
		}
		for i := range units {
			units[i].lang, units[i].conf = l, c
		}
	}
	// Short units take the language of the nearest read unit before them,
	// or after them at the start of the text.
	last := -1
	for i := range units {
		if units[i].lang != "" && units[i].lang != "und" {
			last = i
			continue
		}
		if last >= 0 {
			units[i].lang, units[i].conf = units[last].lang, units[last].conf
		}
	}
	next := -1
	for i := len(units) - 1; i >= 0; i-- {
		if units[i].lang != "" && units[i].lang != "und" {
			next = i
			continue
		}
		if next >= 0 {
			units[i].lang, units[i].conf = units[next].lang, units[next].conf
		} else {
			units[i].lang = "und"
		}
	}
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
	confidence = weighted[best] / float64(total)
	if confidence > 1 {
		confidence = 1
	}
	if confidence < 0 {
		confidence = 0
	}
	// Round so that JSON output is stable and readable.
	confidence = float64(int(confidence*1000+0.5)) / 1000
	return best, confidence, segments
}

func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
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

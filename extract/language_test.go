package extract

import (
	"reflect"
	"strings"
	"testing"
)

// wordDetector says a text's language from marker words, so the tests
// exercise DetectLanguage's merging, not a model.
type wordDetector struct{}

func (wordDetector) Detect(text string) (string, float64) {
	switch {
	case strings.Contains(text, "ITA"):
		return "it", 0.9
	case strings.Contains(text, "ENG"):
		return "en", 0.8
	case strings.Contains(text, "中文"):
		return "zh", 1
	}
	return "und", 0
}

func TestDetectLanguage(t *testing.T) {
	long := func(marker string) string { return marker + " " + strings.Repeat("parole ", 10) }
	tests := []struct {
		name     string
		text     string
		wantLang string
		wantSegs []string
	}{
		{"one language", long("ITA") + "\n" + long("ITA"), "it", []string{"it"}},
		{"short lines take the previous language", long("ITA") + "\nApril 2026\n" + long("ITA"), "it", []string{"it"}},
		{"short first line takes the next language", "Titolo\n" + long("ENG"), "en", []string{"en"}},
		{"mixed: most letters wins", long("ITA") + "\n\n" + long("ENG") + "\n" + long("ENG") + "\n" + "中文中文中文中文中文中文", "en", []string{"it", "en", "zh"}},
		{"no letters", "123 456\n\n", "und", nil},
		{"only short text", "ITA breve", "it", []string{"it"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang, conf, segs := DetectLanguage(wordDetector{}, tt.text)
			if lang != tt.wantLang {
				t.Errorf("DetectLanguage(%q) lang = %q, want %q", tt.text, lang, tt.wantLang)
			}
			if conf < 0 || conf > 1 {
				t.Errorf("confidence %v out of [0,1]", conf)
			}
			var got []string
			for _, s := range segs {
				got = append(got, s.Lang)
				if s.Start < 0 || s.End > len(tt.text) || s.Start >= s.End {
					t.Errorf("segment %+v out of bounds of a %d-byte text", s, len(tt.text))
				}
			}
			if !reflect.DeepEqual(got, tt.wantSegs) {
				t.Errorf("segments = %v, want %v", got, tt.wantSegs)
			}
		})
	}
}

func TestDetectLanguageConfidence(t *testing.T) {
	// Two thirds Italian at 0.9, one third English: confidence is the
	// detector's confidence times the share of letters.
	text := strings.Repeat("ITA"+strings.Repeat(" parole", 12)+"\n", 2) + "ENG" + strings.Repeat(" parole", 12) + "\n"
	lang, conf, _ := DetectLanguage(wordDetector{}, text)
	if lang != "it" || conf < 0.55 || conf > 0.65 {
		t.Errorf("DetectLanguage = %q, %v; want it, about 0.6", lang, conf)
	}
}

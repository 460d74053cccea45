package extracttest_test

import (
	"sync"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
)

func TestFakeDetectors(t *testing.T) {
	tests := []struct {
		name     string
		d        extract.Detector
		text     string
		lang     string
		conf     float64
		confLess bool // conf is an upper bound
	}{
		{"fixed", extracttest.FixedDetector{Lang: "fr", Confidence: 0.9}, "anything", "fr", 0.9, false},
		{"fixed zero", extracttest.FixedDetector{}, "anything", "und", 0, false},
		{"func", extracttest.FuncDetector{DetectFn: func(s string) (string, float64) { return s[:2], 0.5 }}, "de...", "de", 0.5, false},
		{"func nil", extracttest.FuncDetector{}, "x", "und", 0, false},
		{"words it", extracttest.DefaultWords, "L'accordo della OpenAI con Amazon vale 38 miliardi di dollari.", "it", 1, false},
		{"words es", extracttest.DefaultWords, "El acuerdo de los 38 mil millones con Amazon.", "es", 1, false},
		{"words en", extracttest.DefaultWords, "The deal is worth $38 billion to the company.", "en", 1, false},
		{"words mixed", extracttest.DefaultWords, "the deal of the year: il accordo", "en", 0.75, true},
		{"words de", extracttest.DefaultWords, "Der Vertrag ist 38 Milliarden wert und läuft sieben Jahre.", "de", 1, false},
		{"han", extracttest.DefaultWords, "常见问题", "zh", 1, false},
		{"kana", extracttest.DefaultWords, "オープンAIの契約", "ja", 1, false},
		{"hangul", extracttest.DefaultWords, "계약을 체결했다", "ko", 1, false},
		{"no clue", extracttest.DefaultWords, "OpenAI AWS 38", "und", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lang, conf := tt.d.Detect(tt.text)
			if lang != tt.lang || !tt.confLess && conf != tt.conf || tt.confLess && (conf > tt.conf || conf <= 0) {
				t.Errorf("Detect(%q) = %s, %v; want %s, %v", tt.text, lang, conf, tt.lang, tt.conf)
			}
		})
	}
}

func TestCountingDetector(t *testing.T) {
	d := &extracttest.CountingDetector{D: extracttest.FixedDetector{Lang: "it", Confidence: 1}}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				if l, _ := d.Detect("x"); l != "it" {
					t.Errorf("Detect = %s, want it", l)
				}
			}
		}()
	}
	wg.Wait()
	if d.Calls() != 800 {
		t.Errorf("Calls() = %d, want 800", d.Calls())
	}
}

// Package langid is the language-detection room of dealwatch: a small
// adapter over lingua-go that satisfies extract.Detector.
//
// # Basics
//
// New builds a detector for the supported languages (it, es, en) plus
// enough others to name an unsupported article correctly instead of
// forcing it into one of the three. Build it once per process: loading the
// models takes most of the cost.
//
// # Caveats
//
// lingua-go embeds every language model in the binary; only this package
// and cmd may import it (make deps-check).
package langid

import (
	"fmt"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/pemistahl/lingua-go"
)

// Languages are the languages a Detector knows, ISO 639-1.
var Languages = []string{"it", "es", "en", "fr", "de", "pt", "ca", "nl", "ro", "zh", "ja", "ru", "ko", "pl"}

// Options configures New. The zero value (or nil) uses the defaults.
type Options struct {
	// LowAccuracy uses lingua's low-accuracy mode (trigrams only): faster
	// and lighter, worse on short text.
	LowAccuracy bool
}

// Detector detects languages with lingua-go.
type Detector struct {
	d lingua.LanguageDetector
}

var _ extract.Detector = (*Detector)(nil)

// New builds a Detector. It returns an error instead of panicking when the
// configuration is wrong.
func New(opts *Options) (d *Detector, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("build language detector: %v", r)
		}
	}()
	var codes []lingua.IsoCode639_1
	for _, l := range Languages {
		c := lingua.GetIsoCode639_1FromValue(strings.ToUpper(l))
		if c == lingua.UnknownIsoCode639_1 {
			return nil, fmt.Errorf("build language detector: unknown language %q", l)
		}
		codes = append(codes, c)
	}
	b := lingua.NewLanguageDetectorBuilder().FromIsoCodes639_1(codes...).WithPreloadedLanguageModels()
	if opts != nil && opts.LowAccuracy {
		b = b.WithLowAccuracyMode()
	}
	return &Detector{d: b.Build()}, nil
}

// Detect implements extract.Detector: the most likely language of text and
// lingua's confidence in it; "und" with 0 when it cannot tell.
func (d *Detector) Detect(text string) (string, float64) {
	vals := d.d.ComputeLanguageConfidenceValues(text)
	if len(vals) == 0 || vals[0].Value() == 0 {
		return "und", 0
	}
	return strings.ToLower(vals[0].Language().IsoCode639_1().String()), vals[0].Value()
}

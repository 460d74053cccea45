package langid

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/pemistahl/lingua-go"
)

// Languages are the languages a Detector knows, ISO 639-1: the supported
// ones first, then the ones it names so as not to force them into it, es
// or en.
var Languages = []string{"it", "es", "en", "fr", "de", "pt", "ca", "nl", "ro", "zh", "ja", "ru", "ko", "pl"}

// Options configures New. The zero value (or nil) uses the defaults.
type Options struct {
	// HighAccuracy uses lingua's high-accuracy mode (1- to 5-gram models)
	// for texts under 120 characters: a little better on short lines,
	// but about 2.8 s and 200 MB more to load. False (the default) uses
	// the low-accuracy mode (trigrams only).
	HighAccuracy bool

	// MaxBytes is how much of a text Detect reads: longer texts are cut
	// at a word boundary before it. lingua's accuracy stops improving
	// after a few hundred characters while its cost keeps growing with
	// the length (it computes the confidences with arbitrary-precision
	// exponentials). Zero means DefaultMaxBytes; negative reads
	// everything.
	MaxBytes int
}

// DefaultMaxBytes is Options.MaxBytes when it is zero.
const DefaultMaxBytes = 250

// Detector detects languages with lingua-go. It is safe for concurrent
// use.
type Detector struct {
	d        lingua.LanguageDetector
	high     bool
	maxBytes int
}

var _ extract.Detector = (*Detector)(nil)

// New builds a Detector and loads its language models (see the package
// documentation for the cost). It returns an error instead of panicking
// when the configuration is wrong.
func New(opts *Options) (d *Detector, err error) {
	defer func() {
		if r := recover(); r != nil {
			d, err = nil, fmt.Errorf("build language detector: %v", r)
		}
	}()
	codes := make([]lingua.IsoCode639_1, 0, len(Languages))
	for _, l := range Languages {
		c := lingua.GetIsoCode639_1FromValue(strings.ToUpper(l))
		if c == lingua.UnknownIsoCode639_1 {
			return nil, fmt.Errorf("build language detector: unknown language %q", l)
		}
		codes = append(codes, c)
	}
	high := opts != nil && opts.HighAccuracy
	maxBytes := DefaultMaxBytes
	if opts != nil && opts.MaxBytes != 0 {
		maxBytes = opts.MaxBytes
	}
	b := lingua.NewLanguageDetectorBuilder().FromIsoCodes639_1(codes...).WithPreloadedLanguageModels()
	if !high {
		b = b.WithLowAccuracyMode()
	}
	return &Detector{d: b.Build(), high: high, maxBytes: maxBytes}, nil
}

// HighAccuracy reports whether d uses lingua's high-accuracy mode.
func (d *Detector) HighAccuracy() bool { return d.high }

// Detect implements extract.Detector: the most likely language of text and
// lingua's confidence in it, in [0,1] (lingua's confidences over the
// known languages sum to 1), rounded to 6 decimals so that it is the
// same on every call. Text without words, or that lingua cannot
// read, is "und" with confidence 0.
func (d *Detector) Detect(text string) (string, float64) {
	vals := d.d.ComputeLanguageConfidenceValues(head(text, d.maxBytes))
	if len(vals) == 0 || vals[0].Value() <= 0 {
		return "und", 0
	}
	code := strings.ToLower(vals[0].Language().IsoCode639_1().String())
	// lingua sums n-gram probabilities in goroutines and the order of
	// the float additions varies from call to call, which moves the last
	// bits: round so that the same text always gets the same number.
	conf := math.Round(vals[0].Value()*1e6) / 1e6
	return code, min(conf, 1)
}

// head returns the first words of text that fit in max bytes (all of it
// when max is negative or text is short enough). A single word longer
// than max is cut on a rune boundary.
func head(text string, max int) string {
	if max < 0 || len(text) <= max {
		return text
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	if sp := strings.LastIndexFunc(text[:cut], unicode.IsSpace); sp > max/2 {
		cut = sp
	}
	return text[:cut]
}

package figures

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files")

// corpusDir holds the seed articles of the repository.
const corpusDir = "../../testdata/corpus"

// seedLangs gives the language of each seed article, as the detector
// reads them (004 is mixed; its dominant language is English but it
// starts in Italian, so it is read with every language's words).
var seedLangs = map[string]string{
	"000_baae7c18990669dd.txt": "it",
	"001_edc98d162f4fd3bb.txt": "it",
	"002_0102779e2f349013.txt": "it",
	"003_0bef4da26b80effb.txt": "es",
	"004_b01a9549d376df04.txt": "",
}

type seed struct {
	name, lang, text string
}

func readSeeds(tb testing.TB) []seed {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Fatalf("no seed articles in %s: %v", corpusDir, err)
	}
	var out []seed
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		name := filepath.Base(p)
		lang, ok := seedLangs[name]
		if !ok {
			tb.Fatalf("seed %s has no language in seedLangs", name)
		}
		out = append(out, seed{name: name, lang: lang, text: string(b)})
	}
	return out
}

// TestGolden compares Parse over the seed articles with
// testdata/golden/NAME.figures.txt; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, s := range readSeeds(t) {
		t.Run(s.name, func(t *testing.T) {
			figs := Parse(s.text, s.lang)
			checkInvariants(t, s.text, figs)
			var b bytes.Buffer
			fmt.Fprintf(&b, "# Parse(%s, %q): %d figures\n", s.name, s.lang, len(figs))
			for _, f := range figs {
				fmt.Fprintf(&b, "%5d-%-5d %s\n", f.Start, f.End, describe(f, true))
			}
			path := filepath.Join("testdata", "golden", strings.TrimSuffix(s.name, ".txt")+".figures.txt")
			if *update {
				if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("Parse(%s) differs from %s (go test -update rewrites it):\n--- got\n%s--- want\n%s", s.name, path, b.Bytes(), want)
			}
		})
	}
}

// TestParseIsDeterministic repeats Parse over the seeds, as lingua-go's
// TestLanguageDetectionIsDeterministic does.
func TestParseIsDeterministic(t *testing.T) {
	for _, s := range readSeeds(t) {
		first := Parse(s.text, s.lang)
		if len(first) == 0 {
			t.Fatalf("Parse(%s) found nothing", s.name)
		}
		for i := 0; i < 100; i++ {
			if got := Parse(s.text, s.lang); !reflect.DeepEqual(got, first) {
				t.Fatalf("Parse(%s) run %d differs from run 0", s.name, i)
			}
		}
	}
}

// TestSeedFigures checks the seeds' deal figures by value, independent of
// the golden files.
func TestSeedFigures(t *testing.T) {
	want := map[string][]string{
		"000_baae7c18990669dd.txt": {"money 38000000000 USD inferred", "date 2025-11-03", "date 2025-11-07", "money 38000000000 USD"},
		"001_edc98d162f4fd3bb.txt": {"date 2026-02-27", "money 50000000000 USD", "money 38000000000 USD inferred shared",
			"money 138000000000 USD over inferred", "capacity 2 GW about", "money 100000000000 USD inferred",
			"capacity 3 GW", "capacity 2 GW", "money 30000000000 USD", "money 110000000000 USD"},
		"002_0102779e2f349013.txt": {"percent 65 % about", "money 30000000000 - per_year", "money 30000000000 -"},
		"003_0bef4da26b80effb.txt": {"money 38000000000 USD", "date 2025-11-03", "duration 7 years", "money 250000000000 USD",
			"money 1400000000000 USD over", "money 1400000000000 USD", "money 13000000000 USD"},
		"004_b01a9549d376df04.txt": {"money 50000000000 USD", "date 2026-04", "money 25000000000 USD", "money 5000000000 USD",
			"money 20000000000 USD", "money 10000000000 USD range max=15000000000", "money 35000000000 USD range max=40000000000",
			"count 1000000000000 parameters over", "duration 5 years", "capacity 5 GW", "money 100000000 USD over",
			"money 200000000000 USD", "money 13000000000 USD", "money 1.5 USD"},
	}
	for _, s := range readSeeds(t) {
		got := map[string]bool{}
		for _, f := range Parse(s.text, s.lang) {
			got[describe(f, false)] = true
		}
		for _, w := range want[s.name] {
			if !got[w] {
				t.Errorf("Parse(%s) has no %q", s.name, w)
			}
		}
	}
}

func TestParseSegments(t *testing.T) {
	text := "Amazon investe 25 miliardi di dollari, e 50 miliardi.\nThe deal: $1.250 billion upfront.\n"
	nl := strings.IndexByte(text, '\n') + 1
	segs := []Segment{{Lang: "it", Start: 0, End: nl}, {Lang: "en", Start: nl, End: len(text)}}
	got := ParseSegments(text, segs)
	var desc []string
	for _, f := range got {
		desc = append(desc, describe(f, true))
	}
	want := []string{
		`money 25000000000 USD "25 miliardi di dollari"`,
		`money 50000000000 USD inferred "50 miliardi"`,
		`money 1250000000 USD "$1.250 billion"`,
	}
	if !reflect.DeepEqual(desc, want) {
		t.Errorf("ParseSegments = %q, want %q", desc, want)
	}
	checkInvariants(t, text, got)
	// Italian reads "1.250" with a thousands dot.
	if f := Parse(text[nl:], "it"); len(f) != 1 || f[0].Value.String() != "1250000000000" {
		t.Errorf("Parse(%q, it) = %v, want 1250 billion", text[nl:], f)
	}
	// bad segments are clamped, never a panic
	checkInvariants(t, text, ParseSegments(text, []Segment{{"it", -5, 3}, {"en", 2, 1000}, {"es", 40, 10}}))
}

func TestOverlapping(t *testing.T) {
	text := "L'impegno sale da 38 a oltre 138 miliardi di dollari."
	figs := Parse(text, "it")
	start := strings.Index(text, "38")
	got := Overlapping(figs, start, start+2)
	if len(got) != 1 || got[0].Value.String() != "38000000000" || !got[0].ScaleShared {
		t.Errorf("Overlapping(%q at 38) = %v, want the shared-scale 38 billion", text, got)
	}
	if got := Overlapping(figs, 0, len(text)); len(got) != 2 {
		t.Errorf("Overlapping(whole text) = %d figures, want 2", len(got))
	}
	if got := Overlapping(figs, 0, 5); len(got) != 0 {
		t.Errorf("Overlapping(0, 5) = %v, want none", got)
	}
}

func TestFirstDate(t *testing.T) {
	tests := []struct {
		text, lang string
		within     int
		want       string
		ok         bool
	}{
		{"OpenAI e Amazon\n\nNovembre 3, 2025 - 14:51\nNovembre 7, 2025", "it", 200, "2025-11-03", true},
		{" date 2026-02-27 Le dinamiche", "it", 100, "2026-02-27", true},
		{"Title\n\nApril 2026\nArchive: April 2026", "en", 100, "2026-04", true},
		{"El 3 de noviembre de 2025, OpenAI", "es", 0, "2025-11-03", true},
		{"Un testo senza date, solo il 2026.", "it", 100, "", false},
		{"Testo lungo... e poi il 3 novembre 2025", "it", 10, "", false},
		{"Il 3 novembre 2025", "it", 5, "2025-11-03", true},
		{"", "it", 100, "", false},
		{"3 novembre 2025", "it", -1, "2025-11-03", true},
		{"già 3 novembre 2025", "it", 2, "", false},
	}
	for _, tt := range tests {
		got, ok := FirstDate(tt.text, tt.lang, tt.within)
		if got != tt.want || ok != tt.ok {
			t.Errorf("FirstDate(%q, %q, %d) = %q, %v, want %q, %v", tt.text, tt.lang, tt.within, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseDigits(t *testing.T) {
	tests := []struct {
		raw, lang, want string
		ok              bool
	}{
		{"1.4", "es", "1.4", true},
		{"1,4", "it", "1.4", true},
		{"100.000", "es", "100000", true},
		{"10,000", "es", "10000", true},
		{"1.200,50", "es", "1200.5", true},
		{"1,200.50", "en", "1200.5", true},
		{"1.250", "en", "1.25", true},
		{"1.250", "it", "1250", true},
		{"1,250", "en", "1250", true},
		{"0.800", "it", "0.8", true},
		{"1.000.000", "it", "1000000", true},
		{"1,000,000", "en", "1000000", true},
		{"1.234.567,89", "es", "1234567.89", true},
		{"12345.5", "it", "12345.5", true},
		{"007", "", "7", true},
		{"1,2,3", "", "", false},
		{"1.2.3", "", "", false},
		{"1.000,000,5", "", "", false},
		{"12.3456.789", "", "", false},
		{"1234.567.890", "", "", false},
		{"1234567890123456789", "", "", false},
		{"123456789012345678", "", "123456789012345678", true},
		{"1000000000000000000000", "", "1e21", true},
	}
	for _, tt := range tests {
		got, ok := parseDigits(tt.raw, tt.lang)
		if ok != tt.ok || ok && got.Cmp(MustDecimal(tt.want)) != 0 {
			t.Errorf("parseDigits(%q, %q) = %s, %v, want %s, %v", tt.raw, tt.lang, got, ok, tt.want, tt.ok)
		}
	}
}

func TestItNumber(t *testing.T) {
	tests := []struct {
		w    string
		want int64
		ok   bool
	}{
		{"trecentomila", 300000, true},
		{"duecentocinquanta", 250, true},
		{"ventitre", 23, true},
		{"ventuno", 21, true},
		{"ventotto", 28, true},
		{"trentatre", 33, true},
		{"centottanta", 180, true},
		{"duemilaventicinque", 2025, true},
		{"diciassette", 17, true},
		{"settecento", 700, true},
		{"novecentonovantanove", 999, true},
		{"cinquantamila", 50000, true},
		{"tremila", 3000, true},
		{"settembre", 0, false},
		{"trentino", 0, false},
		{"tretrenta", 0, false},
		{"centocento", 0, false},
		{"milamila", 0, false},
		{"venti", 20, true},
	}
	for _, tt := range tests {
		got, ok := itNumber(tt.w)
		if got != tt.want || ok != tt.ok {
			t.Errorf("itNumber(%q) = %d, %v, want %d, %v", tt.w, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParse checks that Parse never panics and that every figure's
// offsets are in bounds, on rune boundaries and give its Text.
func FuzzParse(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in, tt.lang)
	}
	for _, tt := range parseTests2 {
		f.Add(tt.in, tt.lang)
	}
	for _, tt := range issue15Tests {
		f.Add(tt.in, tt.lang)
	}
	for _, tt := range unreadTests {
		f.Add(tt.text, tt.lang)
	}
	f.Add("da 38 a oltre 138 miliardi €\xff\xfe 3 novembre", "it")
	f.Add("$2-and-", "en")
	f.Add("medio millar", "es")
	f.Add("$\u00a01.200,50\u202fmil millones", "es")
	f.Fuzz(func(t *testing.T, text, lang string) {
		figs := Parse(text, lang)
		for _, fg := range figs {
			if fg.Start < 0 || fg.End > len(text) || fg.Start >= fg.End {
				t.Fatalf("Parse(%q) figure %q at [%d,%d) out of bounds", text, fg.Text, fg.Start, fg.End)
			}
			if text[fg.Start:fg.End] != fg.Text {
				t.Fatalf("Parse(%q): text[%d:%d] = %q, want %q", text, fg.Start, fg.End, text[fg.Start:fg.End], fg.Text)
			}
			if !runeBoundary(text, fg.Start) || !runeBoundary(text, fg.End) {
				t.Fatalf("Parse(%q): figure %q not on rune boundaries", text, fg.Text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(fg.Text) {
				t.Fatalf("Parse(%q): figure text %q is not valid UTF-8", text, fg.Text)
			}
			if (fg.Kind == Unread) != (fg.Note != "") || fg.Kind == Unread && (!fg.Value.IsZero() || fg.Unit != "" || fg.Implausible) {
				t.Fatalf("Parse(%q): figure %q of kind %s has value %s, unit %q, note %q", text, fg.Text, fg.Kind, fg.Value, fg.Unit, fg.Note)
			}
		}
		for _, u := range figs {
			for _, m := range figs {
				if u.Kind == Unread && m.Kind == Money && m.Start < u.End && u.Start < m.End {
					t.Fatalf("Parse(%q): money %q overlaps the unread %q", text, m.Text, u.Text)
				}
			}
		}
		if again := Parse(text, lang); !reflect.DeepEqual(again, figs) {
			t.Fatalf("Parse(%q) is not deterministic", text)
		}
		FirstDate(text, lang, len(text)/2)
	})
}

// BenchmarkParse reads the seed corpus; -cpu 1 gives the one-core speed.
func BenchmarkParse(b *testing.B) {
	seeds := readSeeds(b)
	n := 0
	for _, s := range seeds {
		n += len(s.text)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range seeds {
			Parse(s.text, s.lang)
		}
	}
}

func ExampleParse() {
	text := "L'impegno con AWS sale da 38 a oltre 138 miliardi di dollari, con circa 2 gigawatt dal 3 novembre 2025."
	for _, f := range Parse(text, "it") {
		switch f.Kind {
		case Date:
			fmt.Printf("%-8s %s %q\n", f.Kind, f.Date, f.Text)
		default:
			fmt.Printf("%-8s %s %s %s %q\n", f.Kind, f.Value, f.Unit, f.Qualifier, f.Text)
		}
	}
	// Output:
	// money    38000000000 USD exact "38"
	// money    138000000000 USD over "oltre 138 miliardi di dollari"
	// capacity 2 GW about "circa 2 gigawatt"
	// date     2025-11-03 "3 novembre 2025"
}

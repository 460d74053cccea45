package langid_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/langid"
)

// The numbers behind the choice of the default accuracy mode. Building a
// detector has to be measured in a fresh process, because lingua keeps
// loaded models in package-level maps: the tests re-run this test binary
// as a child (TestMeasureChild) for each mode.
//
//	go test ./extract/langid -run TestModeReport -langid.report -v
//	go test ./extract/langid -run '^$' -bench . -benchtime 3x

var report = flag.Bool("langid.report", false, "print the low- vs high-accuracy comparison")

const childEnv = "DEALWATCH_LANGID_CHILD" // "low" or "high"; "+build" only builds

// modeReport is what one child process measures for one mode.
type modeReport struct {
	Mode       string   `json:"mode"`
	BuildMS    float64  `json:"build_ms"`
	HeapMB     float64  `json:"heap_mb"`  // live heap after build and GC, minus before
	SysMB      float64  `json:"sys_mb"`   // memory obtained from the OS
	AllocMB    float64  `json:"alloc_mb"` // bytes allocated while building
	Short      int      `json:"short_right"`
	ShortTotal int      `json:"short_total"`
	ShortMiss  []string `json:"short_miss"`
	Seeds      []string `json:"seeds"` // dominant language and segment languages per seed
	DetectUS   float64  `json:"detect_us"`
	SeedMBs    float64  `json:"seed_mb_s"`
}

func mode(high bool) string {
	if high {
		return "high"
	}
	return "low"
}

// TestMeasureChild does the measuring in a child process; it is skipped
// in normal runs.
func TestMeasureChild(t *testing.T) {
	m := os.Getenv(childEnv)
	if m == "" {
		t.Skip("only run as a child of TestModeReport or BenchmarkNew")
	}
	high := strings.HasPrefix(m, "high")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	d, err := langid.New(&langid.Options{HighAccuracy: high})
	if err != nil {
		t.Fatal(err)
	}
	r := modeReport{Mode: mode(high), BuildMS: float64(time.Since(start).Microseconds()) / 1000}
	runtime.GC()
	runtime.ReadMemStats(&after)
	r.HeapMB = float64(after.HeapAlloc-before.HeapAlloc) / (1 << 20)
	r.SysMB = float64(after.Sys) / (1 << 20)
	r.AllocMB = float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
	if !strings.HasSuffix(m, "+build") {
		measureAccuracy(t, d, &r)
	}
	b, _ := json.Marshal(r)
	fmt.Printf("LANGID-REPORT %s\n", b)
}

func measureAccuracy(t *testing.T, d *langid.Detector, r *modeReport) {
	r.ShortTotal = len(shortParagraphs)
	for _, p := range shortParagraphs {
		if got, _ := d.Detect(p.text); got == p.lang {
			r.Short++
		} else {
			r.ShortMiss = append(r.ShortMiss, fmt.Sprintf("%s→%s %q", p.lang, got, p.text))
		}
	}
	const passes = 5 // after the warm-up pass above
	start := time.Now()
	for range passes {
		for _, p := range shortParagraphs {
			d.Detect(p.text)
		}
	}
	r.DetectUS = float64(time.Since(start).Microseconds()) / float64(passes*len(shortParagraphs))
	names, texts := readSeeds(t)
	size := 0
	start = time.Now()
	for range passes {
		for _, text := range texts {
			extract.DetectLanguage(d, text)
			size += len(text)
		}
	}
	r.SeedMBs = float64(size) / (1 << 20) / time.Since(start).Seconds()
	for i, text := range texts {
		lang, conf, segs := extract.DetectLanguage(d, text)
		var ls []string
		for _, s := range segs {
			ls = append(ls, fmt.Sprintf("%s(%d)", s.Lang, s.End-s.Start))
		}
		r.Seeds = append(r.Seeds, fmt.Sprintf("%s %s %.3f [%s]", names[i][:3], lang, conf, strings.Join(ls, " ")))
	}
}

// runChild runs TestMeasureChild in a fresh process for mode m.
func runChild(tb testing.TB, m string) modeReport {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMeasureChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+m)
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("child %s: %v\n%s", m, err, out)
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "LANGID-REPORT "); ok {
			var r modeReport
			if err := json.Unmarshal([]byte(rest), &r); err != nil {
				tb.Fatal(err)
			}
			return r
		}
	}
	tb.Fatalf("child %s printed no report:\n%s", m, out)
	return modeReport{}
}

// TestModeReport prints the comparison of both modes; run it with
// -langid.report.
func TestModeReport(t *testing.T) {
	if !*report {
		t.Skip("run with -langid.report")
	}
	for _, m := range []string{"low", "high"} {
		r := runChild(t, m)
		t.Logf("mode %s: build %.0f ms, heap +%.1f MB, sys %.1f MB, allocated %.1f MB while building", r.Mode, r.BuildMS, r.HeapMB, r.SysMB, r.AllocMB)
		t.Logf("mode %s: short paragraphs %d/%d right (%.1f%%), %.0f µs per paragraph; seeds through DetectLanguage %.2f MB/s",
			r.Mode, r.Short, r.ShortTotal, 100*float64(r.Short)/float64(r.ShortTotal), r.DetectUS, r.SeedMBs)
		for _, s := range r.ShortMiss {
			t.Logf("mode %s: miss %s", r.Mode, s)
		}
		for _, s := range r.Seeds {
			t.Logf("mode %s: seed %s", r.Mode, s)
		}
	}
}

// BenchmarkNew measures building a Detector in a fresh process per
// iteration (ns/op includes starting the process, about 10 ms); build-ms
// and heap-MB are measured inside the child.
func BenchmarkNew(b *testing.B) {
	for _, high := range []bool{false, true} {
		b.Run(mode(high), func(b *testing.B) {
			var build, heap, sys float64
			n := 0
			for b.Loop() {
				r := runChild(b, mode(high)+"+build")
				build += r.BuildMS
				heap += r.HeapMB
				sys += r.SysMB
				n++
			}
			b.ReportMetric(build/float64(n), "build-ms")
			b.ReportMetric(heap/float64(n), "heap-MB")
			b.ReportMetric(sys/float64(n), "sys-MB")
		})
	}
}

func benchDetector(b *testing.B, high bool) *langid.Detector {
	b.Helper()
	if !high {
		return detector(b)
	}
	d, err := langid.New(&langid.Options{HighAccuracy: true})
	if err != nil {
		b.Fatal(err)
	}
	return d
}

// BenchmarkDetect measures Detect on the short paragraphs (5 to 25
// words), where the two modes differ.
func BenchmarkDetect(b *testing.B) {
	for _, high := range []bool{false, true} {
		b.Run(mode(high), func(b *testing.B) {
			d := benchDetector(b, high)
			size := 0
			for _, p := range shortParagraphs {
				size += len(p.text)
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				for _, p := range shortParagraphs {
					d.Detect(p.text)
				}
			}
			n := float64(b.N * len(shortParagraphs))
			b.ReportMetric(n/b.Elapsed().Seconds(), "paragraphs/s")
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/n, "cpu-µs/paragraph")
		})
	}
}

// BenchmarkDetectLanguage measures whole seed articles through
// extract.DetectLanguage (per-line detection and segments), in both modes
// and, for the low-accuracy mode, with Detect reading whole lines
// (MaxBytes -1) instead of their first DefaultMaxBytes.
func BenchmarkDetectLanguage(b *testing.B) {
	_, texts := readSeeds(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	for _, bc := range []struct {
		name string
		opts *langid.Options
	}{
		{"low", nil},
		{"low-whole-lines", &langid.Options{MaxBytes: -1}},
		{"high", &langid.Options{HighAccuracy: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			d := detector(b)
			if bc.opts != nil {
				var err error
				if d, err = langid.New(bc.opts); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			b.ResetTimer()
			cpu := cpuTime()
			for b.Loop() {
				for _, t := range texts {
					extract.DetectLanguage(d, t)
				}
			}
			n := float64(b.N * len(texts))
			b.ReportMetric(n/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/n, "cpu-ms/article")
		})
	}
}

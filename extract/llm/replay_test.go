package llm

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/prompts"
	"github.com/dealwatch/dealwatch/sources"
)

var update = flag.Bool("update", false, "rewrite golden files (here: re-key the scripted cassettes in testdata/cassettes)")

const (
	cassetteDir = "../../testdata/cassettes"
	corpusDir   = "../../testdata/corpus"
)

// corpusLang is the language of each seed article, so these tests need
// no language models.
var corpusLang = map[string]string{"000": "it", "001": "it", "002": "it", "003": "es", "004": "en"}

func readCorpus(t *testing.T) map[string]extract.Article {
	t.Helper()
	arts, _ := sources.Read(context.Background(), []string{corpusDir}, nil)
	out := map[string]extract.Article{}
	for _, a := range arts {
		if a.Err != nil {
			t.Fatalf("read %s: %v", a.Source, a.Err)
		}
		out[filepath.Base(a.Source)] = a
	}
	if len(out) == 0 {
		t.Fatalf("no articles in %s", corpusDir)
	}
	return out
}

// The scripted cassettes must be keyed for the current prompts; -update
// re-keys them (they are scripts, so a prompt change does not make them
// wrong, only their keys).
func TestScriptedCassettes(t *testing.T) {
	arts := readCorpus(t)
	names, _ := filepath.Glob(filepath.Join(cassetteDir, "*.json"))
	if len(names) == 0 {
		t.Fatalf("no cassettes in %s", cassetteDir)
	}
	for _, n := range names {
		c, err := ReadCassette(n)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Scripted || !strings.HasPrefix(c.Note, "Scripted") {
			t.Errorf("%s: a cassette in testdata must be labelled scripted", n)
		}
		a, ok := arts[c.Source]
		if !ok {
			t.Errorf("%s: source %q is not in the corpus", n, c.Source)
			continue
		}
		want := Key(c.Model, a.ID)
		if *update {
			c.ArticleID, c.PromptVersion, c.Key = a.ID, prompts.Version(), want
			if err := WriteCassette(cassetteDir, c); err != nil {
				t.Fatal(err)
			}
			if filepath.Base(n) != want+".json" {
				os.Remove(n)
			}
			continue
		}
		if c.ArticleID != a.ID || c.PromptVersion != prompts.Version() || c.Key != want || filepath.Base(n) != want+".json" {
			t.Errorf("%s is keyed for article %s, prompts %s; now %s, %s: run go test ./extract/llm -run TestScriptedCassettes -update", n, c.ArticleID, c.PromptVersion, a.ID, prompts.Version())
		}
	}
}

func TestReplayCorpus(t *testing.T) {
	arts := readCorpus(t)
	cache := &extract.MemCache{}
	c, err := NewReplay(cassetteDir, Options{Cache: cache})
	if err != nil {
		t.Fatal(err)
	}
	if info := c.Info(); info.Backend != "replay" || *info.Model != "scripted" {
		t.Errorf("info = %+v, want replay of model scripted", info)
	}
	tests := []struct {
		source     string
		calls      int
		wantWarn   []string // codes that must appear
		minDeals   int
		ungrounded int // deals with grounded false, at least
		needParser bool
	}{
		{"000_baae7c18990669dd.txt", 1, nil, 1, 0, false},
		{"001_edc98d162f4fd3bb.txt", 2, []string{extract.WarnLLMRetry, extract.WarnUnknownParty}, 4, 1, false},
		{"002_0102779e2f349013.txt", 1, nil, 2, 0, false},
		{"003_0bef4da26b80effb.txt", 2, []string{extract.WarnTruncated, extract.WarnScaleMismatch}, 3, 1, true},
		{"004_b01a9549d376df04.txt", 1, []string{extract.WarnUngroundedAmount}, 3, 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			a := arts[tt.source]
			a.Lang = corpusLang[tt.source[:3]]
			o := process(t, c, a)
			if o.Result.Status != extract.StatusOK {
				t.Fatalf("status = %s (%s)", o.Result.Status, deref(o.Result.Error))
			}
			if o.Usage.Calls != tt.calls {
				t.Errorf("calls = %d, want %d", o.Usage.Calls, tt.calls)
			}
			if len(o.Result.Deals) < tt.minDeals {
				t.Errorf("deals = %d, want at least %d", len(o.Result.Deals), tt.minDeals)
			}
			if tt.needParser && !parserReady() {
				return
			}
			for _, code := range tt.wantWarn {
				if !hasWarn(o.Result.Warnings, code, "") {
					t.Errorf("warnings = %+v, want %s", o.Result.Warnings, code)
				}
			}
			n := 0
			for _, d := range o.Result.Deals {
				if !d.Grounded {
					n++
				}
				if d.Evidence.End > 0 && a.Text[d.Evidence.Start:d.Evidence.End] != d.Evidence.Text {
					t.Errorf("evidence offsets do not hold: %+v", d.Evidence)
				}
			}
			if n < tt.ungrounded {
				t.Errorf("%d ungrounded deals, want at least %d", n, tt.ungrounded)
			}
			// the scripted cassettes answer in the schema-1 shape: read
			// as schema 1 meant it
			for _, d := range o.Result.Deals {
				if d.Status == extract.DealReportedV1 || d.Status == extract.DealPredictedV1 || d.Confirmation == "" || d.Mention != extract.MentionNews {
					t.Errorf("deal not upgraded to schema 2: %+v", d)
				}
			}
			if tt.source == "004_b01a9549d376df04.txt" && !slices.ContainsFunc(o.Result.Deals, func(d extract.Deal) bool { return d.Confirmation == extract.Reported }) {
				t.Errorf("the schema-1 reported deal is not confirmation reported: %+v", o.Result.Deals)
			}
			// a second run is served by the cache
			again := process(t, c, a)
			if again.Usage.Calls != 0 || again.Usage.CacheHits != 1 {
				t.Errorf("second run usage = %+v, want a cache hit and no call", again.Usage)
			}
		})
	}
}

func TestReplayMissingCassette(t *testing.T) {
	c, err := NewReplay(cassetteDir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Extract(context.Background(), extract.Article{ID: "sha256:ffffffffffffffff", Lang: "en", Text: "Nothing recorded."})
	if !errors.Is(err, ErrNoCassette) || !strings.Contains(err.Error(), "sha256:ffffffffffffffff") {
		t.Errorf("err = %v, want ErrNoCassette naming the article", err)
	}
	if _, err := NewReplay(t.TempDir(), Options{}); !errors.Is(err, ErrConfig) {
		t.Errorf("empty dir: %v, want ErrConfig", err)
	}
}

// A recorded run replays to the same result without a server, and the
// cassette holds no key.
func TestRecordThenReplay(t *testing.T) {
	dir := t.TempDir()
	f := newFake(t, step{content: `{"deals": "none"}`}, step{content: answerJSON(awsDeal()), promptTok: 700, complTok: 70})
	o := testOptions(f)
	o.RecordDir = dir
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	live := process(t, c, articleES())
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(names) != 1 {
		t.Fatalf("recorded %d cassettes, want 1", len(names))
	}
	b, _ := os.ReadFile(names[0])
	if strings.Contains(string(b), testKey) {
		t.Errorf("the cassette holds the API key")
	}
	cas, err := ReadCassette(names[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(cas.Responses) != 2 || cas.Scripted || cas.Model != "test-model" || filepath.Base(names[0]) != cas.Key+".json" {
		t.Errorf("cassette = %+v", cas)
	}
	if !json.Valid(cas.Responses[1].Answer) {
		t.Errorf("a JSON answer should be stored readable, as JSON: %+v", cas.Responses[1])
	}
	r, err := NewReplay(dir, Options{Backoff: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	replayed := process(t, r, articleES())
	if replayed.Usage.Calls != 2 || replayed.Usage.PromptTokens != live.Usage.PromptTokens {
		t.Errorf("replayed usage = %+v, live %+v", replayed.Usage, live.Usage)
	}
	x, _ := json.Marshal(live.Result.Deals)
	y, _ := json.Marshal(replayed.Result.Deals)
	if string(x) != string(y) {
		t.Errorf("replayed deals differ:\n%s\n%s", x, y)
	}
	if replayed.Result.Extractor.Backend != "replay" {
		t.Errorf("backend = %s, want replay", replayed.Result.Extractor.Backend)
	}
}

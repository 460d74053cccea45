package extract

import (
	"context"
	"testing"
)

type countingExtractor struct{ n int }

func (c *countingExtractor) Extract(ctx context.Context, a Article) (Extraction, error) {
	c.n++
	return Extraction{Info: c.Info()}, nil
}

func (c *countingExtractor) Info() ExtractorInfo {
	return ExtractorInfo{Backend: "openai", Model: StrPtr("m")}
}

func TestTriage(t *testing.T) {
	next := &countingExtractor{}
	cached := map[string]bool{"c": true}
	tr := &Triage{Next: next,
		Check:  func(a Article) (bool, string) { return a.Text == "deal", "no deal cue" },
		Cached: func(a Article) bool { return cached[a.ID] }}
	ex, err := tr.Extract(t.Context(), Article{ID: "a", Text: "opinion"})
	if err != nil || next.n != 0 || ex.Usage.Triaged != 1 || len(ex.Warnings) != 1 || ex.Warnings[0].Code != WarnTriaged || ex.Info.Backend != "openai" {
		t.Errorf("triaged: %+v %v, %d calls", ex, err, next.n)
	}
	if _, err := tr.Extract(t.Context(), Article{ID: "b", Text: "deal"}); err != nil || next.n != 1 {
		t.Errorf("sent: %v, %d calls", err, next.n)
	}
	if _, err := tr.Extract(t.Context(), Article{ID: "c", Text: "opinion"}); err != nil || next.n != 2 {
		t.Errorf("cached: %v, %d calls", err, next.n)
	}
	if tr.Skipped() != 1 {
		t.Errorf("skipped %d", tr.Skipped())
	}
	// through the pipeline: status ok, no deals, the note
	p := Pipeline{Detector: fixed("en"), Extractor: tr}
	o := p.Process(context.Background(), Article{ID: "d", Source: "d.txt", Text: "An opinion on the cloud market, with no deal in it at all."})
	if o.Result.Status != StatusOK || len(o.Result.Deals) != 0 || o.Usage.Triaged != 1 {
		t.Errorf("pipeline result %+v usage %+v", o.Result, o.Usage)
	}
}

type fixed string

func (f fixed) Detect(string) (string, float64) { return string(f), 1 }

package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
)

// funcExtractor is an Extractor whose behaviour is a function field.
type funcExtractor struct {
	fn func(ctx context.Context, a Article) (Extraction, error)
}

func (f funcExtractor) Extract(ctx context.Context, a Article) (Extraction, error) {
	return f.fn(ctx, a)
}

func italian(s string) string { return "ITA " + s + strings.Repeat(" parole", 10) }

func TestProcessStatuses(t *testing.T) {
	ok := funcExtractor{fn: func(ctx context.Context, a Article) (Extraction, error) {
		if a.Lang != "it" {
			return Extraction{}, fmt.Errorf("extractor saw lang %q, want it", a.Lang)
		}
		return Extraction{Info: ExtractorInfo{Backend: "fake"}, Usage: Usage{Calls: 1}}, nil
	}}
	failing := funcExtractor{fn: func(ctx context.Context, a Article) (Extraction, error) {
		return Extraction{}, &ExtractError{Info: ExtractorInfo{Backend: "fake", Model: StrPtr("m")}, Usage: Usage{Calls: 3}, Err: errors.New("model kept answering invalid JSON")}
	}}
	tests := []struct {
		name       string
		a          Article
		ex         Extractor
		wantStatus Status
		wantErr    string
		wantCalls  int
	}{
		{"read error", Article{Source: "x.txt", Err: errors.New("x.txt: no such file")}, ok, StatusFailed, "no such file", 0},
		{"empty", Article{Source: "e.txt", Text: " \n\t"}, ok, StatusEmpty, "e.txt has no text", 0},
		{"unsupported", Article{Source: "z.txt", Text: "中文中文中文中文中文中文中文中文"}, ok, StatusUnsupported, "Chinese (zh)", 0},
		{"ok", Article{Source: "i.txt", Text: italian("uno")}, ok, StatusOK, "", 1},
		{"no backend", Article{Source: "i.txt", Text: italian("uno")}, nil, StatusOK, "", 0},
		{"backend fails", Article{Source: "i.txt", Text: italian("uno")}, failing, StatusFailed, "invalid JSON", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Pipeline{Detector: wordDetector{}, Extractor: tt.ex}
			o := p.Process(context.Background(), tt.a)
			r := o.Result
			if r.Status != tt.wantStatus {
				t.Errorf("Process(%s).Status = %q, want %q (error %v)", tt.name, r.Status, tt.wantStatus, r.Error)
			}
			got := ""
			if r.Error != nil {
				got = *r.Error
			}
			if tt.wantErr == "" && r.Error != nil || !strings.Contains(got, tt.wantErr) {
				t.Errorf("Process(%s).Error = %q, want %q", tt.name, got, tt.wantErr)
			}
			if o.Usage.Calls != tt.wantCalls {
				t.Errorf("Process(%s).Usage.Calls = %d, want %d", tt.name, o.Usage.Calls, tt.wantCalls)
			}
			if r.SchemaVersion != SchemaVersion {
				t.Errorf("SchemaVersion = %d", r.SchemaVersion)
			}
		})
	}
}

func TestRunOrderAndConcurrency(t *testing.T) {
	var inFlight, peak atomic.Int32
	ex := funcExtractor{fn: func(ctx context.Context, a Article) (Extraction, error) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		defer inFlight.Add(-1)
		return Extraction{Info: ExtractorInfo{Backend: "fake"}}, nil
	}}
	var arts []Article
	for i := range 50 {
		arts = append(arts, Article{ID: fmt.Sprint(i), Source: fmt.Sprint(i), Text: italian(fmt.Sprint(i))})
	}
	p := &Pipeline{Detector: wordDetector{}, Extractor: ex, Concurrency: 3}
	outs, err := p.RunAll(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		if o.Result.Article.ID != fmt.Sprint(i) {
			t.Fatalf("outs[%d] is article %s: results must stay in input order", i, o.Result.Article.ID)
		}
	}
	if peak.Load() > 3 {
		t.Errorf("peak concurrency %d, want ≤ 3", peak.Load())
	}
}

func TestRunCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p := &Pipeline{Detector: wordDetector{}}
	n := 0
	err := p.Run(ctx, []Article{{Text: italian("a")}, {Text: italian("b")}}, func(int, Outcome) { n++ })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run(cancelled) = %v, want context.Canceled", err)
	}
	if n != 0 {
		t.Errorf("Run(cancelled) emitted %d outcomes, want 0", n)
	}
}

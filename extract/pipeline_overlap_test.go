package extract

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingDetector is wordDetector counting its calls; reached is
// closed when the count reaches at.
type countingDetector struct {
	n       atomic.Int32
	at      int32
	reached chan struct{}
}

func (d *countingDetector) Detect(text string) (string, float64) {
	if d.n.Add(1) == d.at {
		close(d.reached)
	}
	return wordDetector{}.Detect(text)
}

// overlapTimeout bounds the waits of the overlap tests: generous, so a
// loaded machine does not fail them, and a failure rather than a hang.
const overlapTimeout = 20 * time.Second

// While the backend has Concurrency requests in flight, the language
// detection of the next articles goes on: requests do not wait for the
// CPU work. The fake backend answers only once all c requests are in
// flight at once and c more articles were detected meanwhile.
func TestRunDetectsWhileRequestsAreInFlight(t *testing.T) {
	const c = 4
	ctx, cancel := context.WithTimeout(context.Background(), overlapTimeout)
	defer cancel()
	det := &countingDetector{at: 2 * c, reached: make(chan struct{})}
	var inFlight atomic.Int32
	full := make(chan struct{})
	var once sync.Once
	ex := funcExtractor{fn: func(_ context.Context, a Article) (Extraction, error) {
		if inFlight.Add(1) == c {
			once.Do(func() { close(full) })
		}
		defer inFlight.Add(-1)
		for _, ch := range []chan struct{}{full, det.reached} {
			select {
			case <-ch:
			case <-ctx.Done():
				return Extraction{}, fmt.Errorf("%s: %d requests in flight, %d articles detected after %s; want %d in flight while %d are detected",
					a.ID, inFlight.Load(), det.n.Load(), overlapTimeout, c, 2*c)
			}
		}
		return Extraction{Info: ExtractorInfo{Backend: "fake"}}, nil
	}}
	var arts []Article
	for i := range 3 * c {
		arts = append(arts, Article{ID: fmt.Sprint(i), Source: fmt.Sprint(i), Text: italian(fmt.Sprint(i))})
	}
	p := &Pipeline{Detector: det, Extractor: ex, Concurrency: c}
	outs, err := p.RunAll(context.Background(), arts)
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		if o.Result.Status != StatusOK {
			t.Fatalf("outs[%d] = %s: %s", i, o.Result.Status, derefString(o.Result.Error))
		}
	}
}

// A slow emit (the store's commit) does not stop the workers: while the
// first emit waits, every other article is extracted.
func TestRunSlowEmitDoesNotBlockWorkers(t *testing.T) {
	const n = 20
	var extracted atomic.Int32
	all := make(chan struct{})
	ex := funcExtractor{fn: func(context.Context, Article) (Extraction, error) {
		if extracted.Add(1) == n {
			close(all)
		}
		return Extraction{Info: ExtractorInfo{Backend: "fake"}}, nil
	}}
	var arts []Article
	for i := range n {
		arts = append(arts, Article{ID: fmt.Sprint(i), Source: fmt.Sprint(i), Text: italian(fmt.Sprint(i))})
	}
	p := &Pipeline{Detector: wordDetector{}, Extractor: ex, Concurrency: 2}
	emitted := 0
	var busy atomic.Bool
	err := p.Run(context.Background(), arts, func(int, Outcome) {
		if !busy.CompareAndSwap(false, true) {
			t.Error("emit called while another emit runs")
		}
		defer busy.Store(false)
		if emitted == 0 {
			select {
			case <-all:
			case <-time.After(overlapTimeout):
				t.Errorf("while the first emit waited %s, %d of %d articles were extracted, want all", overlapTimeout, extracted.Load(), n)
			}
		}
		emitted++
	})
	if err != nil {
		t.Fatal(err)
	}
	if emitted != n {
		t.Errorf("emitted %d outcomes, want %d", emitted, n)
	}
}

// Cancelled while requests are in flight: the articles in flight are
// emitted (with the backend's error), the others are not, and Run
// returns the context's error.
func TestRunCancelledInFlight(t *testing.T) {
	const c = 3
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var calls atomic.Int32
	ex := funcExtractor{fn: func(ctx context.Context, a Article) (Extraction, error) {
		if calls.Add(1) == c {
			cancel()
		}
		<-ctx.Done()
		return Extraction{}, ctx.Err()
	}}
	var arts []Article
	for i := range 50 {
		arts = append(arts, Article{ID: fmt.Sprint(i), Source: fmt.Sprint(i), Text: italian(fmt.Sprint(i))})
	}
	p := &Pipeline{Detector: wordDetector{}, Extractor: ex, Concurrency: c}
	emitted := 0
	err := p.Run(ctx, arts, func(i int, o Outcome) {
		emitted++
		if !errors.Is(o.Err, context.Canceled) {
			t.Errorf("emitted article %d with error %v, want context.Canceled", i, o.Err)
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run = %v, want context.Canceled", err)
	}
	if got := int(calls.Load()); emitted != got || got != c {
		t.Errorf("%d backend calls, %d emitted; want %d and %d", got, emitted, c, c)
	}
}

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/dealwatch/dealwatch/store"
)

// runJob is one "dealwatch run": inputs through the pipeline into the
// store. cmdRun builds it from flags; tests build it with fakes.
type runJob struct {
	DB       *store.DB
	Pipeline *extract.Pipeline
	Inputs   []string
	Info     store.RunInfo
	// Fingerprint identifies the extractor configuration; a source whose
	// stored fingerprint differs is re-read even if the file is not.
	Fingerprint string
	// Force re-reads every source.
	Force    bool
	MaxBytes int64
	// Chunk is how many sources are loaded into memory at once (0: 256);
	// Batch how many results are stored per transaction (0: 64).
	Chunk, Batch int
	Progress     progress
	// Prepare, when set, is called once before the first source is
	// extracted (not at all when every source is skipped): cmdRun loads
	// the language models there. An error aborts the run.
	Prepare func() error

	// Set by Do when the run completes: the reconciled deals stored for
	// deals, history and diff (snapshotDeals), how many need review, and
	// the error that kept them from being stored (the run is complete
	// anyway; readers then reconcile the results themselves).
	Deals, Review int
	DealsErr      error
}

// errStore marks a store failure during a run (a full disk): the run
// stops, what was stored stays.
var errStore = errors.New("store write failed")

// Do runs the job and returns the run as stored at the end. The run is
// complete when every input went through (failed articles included),
// aborted when ctx was cancelled or the store failed; the error says
// which.
func (j *runJob) Do(ctx context.Context) (store.Run, error) {
	chunk, batch := j.Chunk, j.Batch
	if chunk <= 0 {
		chunk = 256
	}
	if batch <= 0 {
		batch = 64
	}
	prog := j.Progress
	if prog == nil {
		prog = noProgress{}
	}
	entries, notes := sources.List(j.Inputs)
	run, err := j.DB.BeginRun(j.Info)
	if err != nil {
		return store.Run{}, err
	}
	prog.Start(run.ID, len(entries), notes)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var pending []store.Record
	var storeErr, prepErr error
	flush := func() {
		if len(pending) == 0 || storeErr != nil {
			return
		}
		outs, err := j.DB.SaveBatch(run.ID, pending)
		if err != nil {
			storeErr = err
			cancel()
			return
		}
		for i, o := range outs {
			prog.Done(o, pending[i])
		}
		pending = pending[:0]
	}
	opts := &sources.Options{MaxBytes: j.MaxBytes}
	for start := 0; start < len(entries) && ctx.Err() == nil; start += chunk {
		part := entries[start:min(start+chunk, len(entries))]
		keys := make([]string, len(part))
		for i, e := range part {
			keys[i] = articleKey(e.Source)
		}
		known, err := j.DB.Sources(keys)
		if err != nil {
			storeErr = err
			break
		}
		var articles []extract.Article
		var artKeys []string
		for i, e := range part {
			if s, ok := known[keys[i]]; ok && !j.Force && e.Err == nil && s.Unchanged(e.Size, e.ModTime, j.Fingerprint) {
				pending = append(pending, store.Record{Key: keys[i]})
				continue
			}
			articles = append(articles, sources.Load(ctx, e, opts))
			artKeys = append(artKeys, keys[i])
		}
		if len(pending) >= batch {
			flush()
		}
		if len(articles) > 0 && j.Prepare != nil {
			prepare := j.Prepare
			j.Prepare = nil
			if err := prepare(); err != nil {
				storeErr = err // not the store's fault, but it stops the run alike
				prepErr = err
				break
			}
		}
		err = j.Pipeline.Run(ctx, articles, func(i int, o extract.Outcome) {
			a := &articles[i]
			r := o.Result
			pending = append(pending, store.Record{
				Key: artKeys[i],
				Source: store.SourceEntry{
					Size: a.Origin.Size, ModTime: a.Origin.ModTime,
					ETag: a.Origin.ETag, LastModified: a.Origin.LastModified,
					Fingerprint: j.Fingerprint,
				},
				Result: &r,
				Usage:  o.Usage,
			})
			a.Text = "" // free the text as soon as it is done
			if len(pending) >= batch {
				flush()
			}
		})
		if storeErr != nil {
			break
		}
		if err != nil {
			break // cancelled: store what finished, then stop
		}
		flush()
	}
	flush()
	prog.Finish()
	state, note := store.RunComplete, ""
	var runErr error
	switch {
	case prepErr != nil:
		state, note = store.RunAborted, prepErr.Error()
		runErr = prepErr
	case storeErr != nil:
		state, note = store.RunAborted, storeErr.Error()
		runErr = fmt.Errorf("%w: %w; the articles stored before it are kept", errStore, storeErr)
	case ctx.Err() != nil:
		state, note = store.RunAborted, "interrupted"
		runErr = context.Cause(ctx)
		if runErr == nil || errors.Is(runErr, context.Canceled) {
			runErr = context.Canceled
		}
	}
	if state == store.RunComplete {
		// Before the run is marked complete, so a complete run always
		// has its deals stored.
		j.Deals, j.Review, j.DealsErr = snapshotDeals(j.DB, run.ID)
	}
	if err := j.DB.FinishRun(run.ID, state, note); err != nil {
		return store.Run{}, errors.Join(runErr, err)
	}
	final, err := j.DB.Run(run.ID)
	if err != nil {
		return store.Run{}, errors.Join(runErr, err)
	}
	return final, runErr
}

// runFingerprint identifies what produces results for skip-unchanged:
// dealwatch's version, the backend flags, the schema version, the
// entities file, and the extractor's own description when it offers one
// (an Info() extract.ExtractorInfo method, e.g. the prompt version).
func runFingerprint(o *backendOptions, ex extract.Extractor) string {
	h := sha256.New()
	fmt.Fprintf(h, "dealwatch %s\x00schema %d\x00backend %s\x00model %s\x00mode %s\x00entities %s",
		Version, extract.SchemaVersion, o.Backend, o.Model, o.SchemaMode, o.Entities)
	if o.Entities != "" {
		if fi, err := os.Stat(o.Entities); err == nil {
			fmt.Fprintf(h, "\x00%d %d", fi.Size(), fi.ModTime().UnixNano())
		}
	}
	if info, ok := extractorInfo(ex); ok {
		fmt.Fprintf(h, "\x00info %s %s %s", info.Backend, strVal(info.Model), strVal(info.PromptVersion))
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:8])
}

// extractorInfo asks an extractor what it is, when it can say before
// extracting anything.
func extractorInfo(ex extract.Extractor) (extract.ExtractorInfo, bool) {
	if i, ok := ex.(interface{ Info() extract.ExtractorInfo }); ok && ex != nil {
		return i.Info(), true
	}
	return extract.ExtractorInfo{}, false
}

func strVal(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// lazyDetector builds the language detector on first use, so a re-run
// that skips every source never loads the language models.
type lazyDetector struct {
	once sync.Once
	new  func() (extract.Detector, error)
	d    extract.Detector
	err  error
}

func (l *lazyDetector) load() error {
	l.once.Do(func() { l.d, l.err = l.new() })
	return l.err
}

// Detect implements extract.Detector; if the detector cannot be built
// the text is "und" (the error is reported by the caller through load).
func (l *lazyDetector) Detect(text string) (string, float64) {
	if l.load() != nil {
		return "und", 0
	}
	return l.d.Detect(text)
}

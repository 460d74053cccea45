package main

import (
	"encoding/json"
	"fmt"
	"io"
)

// diffJSONWriter is the diffWriter of "diff --json": the summary record
// first, then the article records each followed by its fact records,
// the failed articles and the reconciled deals, one JSON object a line
// (diff.schema.json). Everything after the summary is spooled while the
// runs are compared, since the summary has the totals.
type diffJSONWriter struct {
	w    io.Writer
	body sectionSpool
	enc  *json.Encoder // writes to body
}

// newDiffJSONWriter returns the records' writer to w.
func newDiffJSONWriter(w io.Writer) *diffJSONWriter {
	j := &diffJSONWriter{w: w}
	j.enc = json.NewEncoder(&j.body)
	j.enc.SetEscapeHTML(false)
	return j
}

// begin writes nothing: the summary, first, has the totals.
func (j *diffJSONWriter) begin(*diffSummary) error { return nil }

// article spools an article's record and its facts' records.
func (j *diffJSONWriter) article(ad *articleDiff) error {
	if err := j.enc.Encode(ad.Rec); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	for _, f := range ad.Facts {
		if err := j.enc.Encode(f); err != nil {
			return fmt.Errorf("write diff: %w", err)
		}
	}
	return nil
}

// failed spools the record of an article that failed in a run.
func (j *diffJSONWriter) failed(r *articleRecordDiff) error {
	if err := j.enc.Encode(r); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// deal spools a reconciled deal's record.
func (j *diffJSONWriter) deal(r *dealRecordDiff) error {
	if err := j.enc.Encode(r); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// end writes the summary, then the records held back.
func (j *diffJSONWriter) end(s *diffSummary) error {
	enc := json.NewEncoder(j.w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	if err := j.body.writeTo(j.w); err != nil {
		return fmt.Errorf("write diff: %w", err)
	}
	return nil
}

// close frees the spool.
func (j *diffJSONWriter) close() { j.body.close() }

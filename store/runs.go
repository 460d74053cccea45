package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// RunState is where a run stands.
type RunState string

// The run states.
const (
	// RunRunning: the run is going, or its process was killed and no
	// writer has opened the store since.
	RunRunning RunState = "running"
	// RunComplete: the run went through all its inputs.
	RunComplete RunState = "complete"
	// RunAborted: the run was interrupted (killed, cancelled, or a store
	// error); what it stored is kept.
	RunAborted RunState = "aborted"
)

// RunInfo describes a run as it starts.
type RunInfo struct {
	Backend       string   // "rules", "openai", "replay"
	Model         string   // LLM model, "" for rules
	PromptVersion string   // "" when unknown; filled from results
	Program       string   // dealwatch version that ran it
	Inputs        []string // paths and URLs given on the command line
}

// Counts are a run's counters. Seen = New + Changed + Unchanged + Failed;
// Skipped counts the unchanged articles whose source was not even read
// (an unchanged file, or a page that answered 304 Not Modified).
type Counts struct {
	Seen        int `json:"seen"`
	New         int `json:"new"`
	Changed     int `json:"changed"`
	Unchanged   int `json:"unchanged"`
	Skipped     int `json:"skipped"`
	Failed      int `json:"failed"`
	NewVersions int `json:"new_versions"`

	LLMCalls         int `json:"llm_calls"`
	CacheHits        int `json:"cache_hits"`
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	// BatchRequests counts the answers that came from the Batch API
	// (their tokens are in the token counts); BatchSubmitted the
	// requests this run submitted in batches; Triaged the articles the
	// triage kept from the model (calls saved).
	BatchRequests  int `json:"batch_requests,omitempty"`
	BatchSubmitted int `json:"batch_submitted,omitempty"`
	Triaged        int `json:"triaged,omitempty"`
	// BatchPromptTokens and BatchCompletionTokens are the part of the
	// token counts the batch answers used (billed at the batch price).
	BatchPromptTokens     int `json:"batch_prompt_tokens,omitempty"`
	BatchCompletionTokens int `json:"batch_completion_tokens,omitempty"`

	// Web sources, counted by SaveBatch from Record.Web and Record.Feed
	// (zero, and absent from the JSON, for a run over files only).
	// WebFetched + WebNotModified + WebFailed counts every page and feed
	// requested. WebFailed counts those that could not be fetched: a
	// page read from its feed item's content instead is counted there
	// but is not a failed article; a page with no such fallback is also
	// a failed article; a failed feed is also in FeedsFailed. Feeds counts the feeds read (fetched or not
	// modified).
	WebFetched     int `json:"web_fetched,omitempty"`
	WebNotModified int `json:"web_not_modified,omitempty"`
	WebFailed      int `json:"web_failed,omitempty"`
	Feeds          int `json:"feeds,omitempty"`
	FeedsFailed    int `json:"feeds_failed,omitempty"`
}

// Tokens returns prompt + completion tokens.
func (c Counts) Tokens() int { return c.PromptTokens + c.CompletionTokens }

// Run is one "dealwatch run" as stored.
type Run struct {
	ID            uint64     `json:"id"`
	State         RunState   `json:"state"`
	Started       time.Time  `json:"started"`
	Finished      *time.Time `json:"finished"`
	Backend       string     `json:"backend"`
	Model         string     `json:"model"`
	PromptVersion string     `json:"prompt_version"`
	Program       string     `json:"program"`
	Inputs        []string   `json:"inputs"`
	Counts        Counts     `json:"counts"`
	// Updated is when the run last stored a batch; an aborted run's
	// Finished is its last Updated.
	Updated time.Time `json:"updated"`
	// Note says why a run was aborted, when known.
	Note string `json:"note,omitempty"`
}

// RunError is one article or source that failed in a run.
type RunError struct {
	Source  string `json:"source"`
	Article string `json:"article"` // id, "" when the text could not be read
	Message string `json:"message"`
}

// BeginRun records a new run in state running and returns it.
func (db *DB) BeginRun(info RunInfo) (Run, error) {
	var r Run
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		prev := lastRun(tx)
		id, err := b.NextSequence()
		if err != nil {
			return err
		}
		// The indexes readers trust are kept by this run too (or built
		// again, when the last run did not keep them).
		if err := keepArtIndex(tx, prev, id); err != nil {
			return err
		}
		if err := keepDealIndex(tx, prev, id); err != nil {
			return err
		}
		r = Run{
			ID:            id,
			State:         RunRunning,
			Started:       db.now().UTC(),
			Backend:       info.Backend,
			Model:         info.Model,
			PromptVersion: info.PromptVersion,
			Program:       info.Program,
			Inputs:        append([]string(nil), info.Inputs...),
		}
		return putRun(tx, r)
	})
	if err != nil {
		return Run{}, fmt.Errorf("begin run: %w", err)
	}
	return r, nil
}

// FinishRun sets the final state of a running run (RunComplete or
// RunAborted) with an optional note. It returns ErrNotFound for an
// unknown run and ErrRunFinished when the run is not running.
func (db *DB) FinishRun(id uint64, state RunState, note string) error {
	err := db.update(func(tx *bolt.Tx) error {
		r, err := getRun(tx, id)
		if err != nil {
			return err
		}
		if r.State != RunRunning {
			return fmt.Errorf("run %d is %s: %w", id, r.State, ErrRunFinished)
		}
		t := db.now().UTC()
		r.State, r.Finished, r.Note = state, &t, note
		return putRun(tx, r)
	})
	if err != nil {
		return fmt.Errorf("finish run %d: %w", id, err)
	}
	return nil
}

// Runs returns every run, oldest first.
func (db *DB) Runs() ([]Run, error) {
	var out []Run
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketRuns)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var r Run
			if err := json.Unmarshal(v, &r); err != nil {
				return fmt.Errorf("decode run %x: %w", k, err)
			}
			out = append(out, r)
			return nil
		})
	})
	return out, err
}

// Run returns one run, or ErrNotFound.
func (db *DB) Run(id uint64) (Run, error) {
	var r Run
	err := db.view(func(tx *bolt.Tx) error {
		var err error
		r, err = getRun(tx, id)
		return err
	})
	return r, err
}

// RunErrors returns what failed in run id, in the order it failed.
func (db *DB) RunErrors(id uint64) ([]RunError, error) {
	var out []RunError
	err := db.EachRunError(id, func(e RunError) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

func getRun(tx *bolt.Tx, id uint64) (Run, error) {
	var r Run
	b := tx.Bucket(bucketRuns)
	if b == nil {
		return r, fmt.Errorf("run %d: %w", id, ErrNotFound)
	}
	v := b.Get(u64(id))
	if v == nil {
		return r, fmt.Errorf("run %d: %w", id, ErrNotFound)
	}
	if err := json.Unmarshal(v, &r); err != nil {
		return r, fmt.Errorf("decode run %d: %w", id, err)
	}
	return r, nil
}

func putRun(tx *bolt.Tx, r Run) error {
	v, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketRuns).Put(u64(r.ID), v)
}

// abortStale marks every run still "running" as aborted: the caller holds
// the writer's file lock, so no live process owns them.
func abortStale(tx *bolt.Tx) error {
	b := tx.Bucket(bucketRuns)
	var stale []Run
	err := b.ForEach(func(k, v []byte) error {
		var r Run
		if err := json.Unmarshal(v, &r); err != nil {
			return fmt.Errorf("decode run %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if r.State == RunRunning {
			stale = append(stale, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, r := range stale {
		r.State = RunAborted
		if r.Note == "" {
			r.Note = "the process stopped before the run finished (killed or crashed); its stored articles are kept"
		}
		t := r.Updated
		if t.IsZero() {
			t = r.Started
		}
		r.Finished = &t
		if err := putRun(tx, r); err != nil {
			return err
		}
	}
	return nil
}

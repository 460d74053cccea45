package store

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Buckets of the Batch API (created on first use, so stores written
// before them need no upgrade): batches holds each submitted batch by
// its id; batchresults the downloaded answers not yet used, by custom_id
// (the LLM cache key).
var (
	bucketBatches      = []byte("batches")
	bucketBatchResults = []byte("batchresults")
)

// BatchRequest is one request of a batch: its custom_id (the LLM cache
// key of the article), and the source it was read from, so that a later
// run (dealwatch run --resume) can read the article again and use the
// answer.
type BatchRequest struct {
	Key    string `json:"key"`
	Source string `json:"source"`
}

// Batch is a batch submitted to the Batch API, as the store keeps it.
type Batch struct {
	ID     string    `json:"id"`
	Run    uint64    `json:"run"`   // the run that submitted it
	Model  string    `json:"model"` // the model it asks
	Status string    `json:"status"`
	Start  time.Time `json:"submitted"`
	// Updated is when the status was last asked.
	Updated    time.Time      `json:"updated"`
	InputFile  string         `json:"input_file"`
	OutputFile string         `json:"output_file,omitempty"`
	ErrorFile  string         `json:"error_file,omitempty"`
	Total      int            `json:"total"`
	Completed  int            `json:"completed"`
	Failed     int            `json:"failed"`
	Errors     []string       `json:"errors,omitempty"`
	Requests   []BatchRequest `json:"requests"`
	// Collected is set once the batch is finished and its results are
	// in batchresults: the server is not asked about it again.
	Collected bool       `json:"collected"`
	Done      *time.Time `json:"collected_at,omitempty"`
}

// PutBatch stores b (a new batch, or a new status of a known one).
func (db *DB) PutBatch(b Batch) error {
	v, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("encode batch %s: %w", b.ID, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(bucketBatches)
		if err != nil {
			return err
		}
		return bk.Put([]byte(b.ID), v)
	})
	if err != nil {
		return fmt.Errorf("store batch %s: %w", b.ID, err)
	}
	return nil
}

// Batches returns the stored batches, oldest first; with pending, only
// those whose results are not collected yet.
func (db *DB) Batches(pending bool) ([]Batch, error) {
	var out []Batch
	err := db.view(func(tx *bolt.Tx) error {
		bk := tx.Bucket(bucketBatches)
		if bk == nil {
			return nil
		}
		return bk.ForEach(func(k, v []byte) error {
			var b Batch
			if err := json.Unmarshal(v, &b); err != nil {
				return fmt.Errorf("decode batch %s: %w", k, err)
			}
			if !pending || !b.Collected {
				out = append(out, b)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, err
}

// CollectBatch stores the results of finished batch b (raw result
// lines by custom_id) and marks it collected, in one transaction: a
// killed run either has both or neither.
func (db *DB) CollectBatch(b Batch, results map[string][]byte) error {
	t := db.now().UTC()
	b.Collected, b.Done = true, &t
	v, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("encode batch %s: %w", b.ID, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(bucketBatches)
		if err != nil {
			return err
		}
		rb, err := tx.CreateBucketIfNotExists(bucketBatchResults)
		if err != nil {
			return err
		}
		for k, r := range results {
			if err := rb.Put([]byte(k), r); err != nil {
				return err
			}
		}
		return bk.Put([]byte(b.ID), v)
	})
	if err != nil {
		return fmt.Errorf("collect batch %s: %w", b.ID, err)
	}
	return nil
}

// BatchResults returns the collected results not used yet, by custom_id.
func (db *DB) BatchResults() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := db.view(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketBatchResults)
		if rb == nil {
			return nil
		}
		return rb.ForEach(func(k, v []byte) error {
			out[string(k)] = append([]byte(nil), v...)
			return nil
		})
	})
	return out, err
}

// DeleteBatchResults forgets the results of keys (their answers are in
// the LLM cache now).
func (db *DB) DeleteBatchResults(keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	return db.update(func(tx *bolt.Tx) error {
		rb := tx.Bucket(bucketBatchResults)
		if rb == nil {
			return nil
		}
		for _, k := range keys {
			if err := rb.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddRunCounts adds to the counters of running run id what fn adds (the
// Batch API's, which SaveBatch does not see).
func (db *DB) AddRunCounts(id uint64, fn func(c *Counts)) error {
	return db.update(func(tx *bolt.Tx) error {
		r, err := getRun(tx, id)
		if err != nil {
			return err
		}
		if r.State != RunRunning {
			return fmt.Errorf("run %d is %s: %w", id, r.State, ErrRunFinished)
		}
		fn(&r.Counts)
		r.Updated = db.now().UTC()
		return putRun(tx, r)
	})
}

// ReplaceBatch stores b in place of the batch stored as oldID (a
// submission marker replaced by the batch the server created), in one
// transaction.
func (db *DB) ReplaceBatch(oldID string, b Batch) error {
	v, err := json.Marshal(b)
	if err != nil {
		return fmt.Errorf("encode batch %s: %w", b.ID, err)
	}
	err = db.update(func(tx *bolt.Tx) error {
		bk, err := tx.CreateBucketIfNotExists(bucketBatches)
		if err != nil {
			return err
		}
		if oldID != b.ID {
			if err := bk.Delete([]byte(oldID)); err != nil {
				return err
			}
		}
		return bk.Put([]byte(b.ID), v)
	})
	if err != nil {
		return fmt.Errorf("store batch %s: %w", b.ID, err)
	}
	return nil
}

// DeleteBatch forgets batch id (a submission marker whose batch was
// never created).
func (db *DB) DeleteBatch(id string) error {
	return db.update(func(tx *bolt.Tx) error {
		if bk := tx.Bucket(bucketBatches); bk != nil {
			return bk.Delete([]byte(id))
		}
		return nil
	})
}

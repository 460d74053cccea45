package store

import (
	"encoding/json"
	"fmt"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

var _ extract.Cache = (*DB)(nil)

// GetCache implements extract.Cache: the LLM answer stored under key.
func (db *DB) GetCache(key string) (extract.CacheEntry, bool, error) {
	var e extract.CacheEntry
	var ok bool
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLLMCache)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(key))
		if v == nil {
			return nil
		}
		ok = true
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("decode cache entry %s: %w", key, err)
		}
		return nil
	})
	return e, ok, err
}

// PutCache implements extract.Cache: it stores e under key, replacing
// any earlier entry. Concurrent calls are coalesced into one transaction
// (bbolt's Batch), so many LLM workers do not queue for fsyncs.
func (db *DB) PutCache(key string, e extract.CacheEntry) error {
	if db.readOnly {
		return ErrReadOnly
	}
	v, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("encode cache entry %s: %w", key, err)
	}
	err = db.batch(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketLLMCache).Put([]byte(key), v)
	})
	if err != nil {
		return fmt.Errorf("put cache entry %s: %w", key, err)
	}
	return nil
}

// CacheLen returns the number of LLM answers in the cache.
func (db *DB) CacheLen() (int, error) {
	n := 0
	err := db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketLLMCache); b != nil {
			n = b.Stats().KeyN
		}
		return nil
	})
	return n, err
}

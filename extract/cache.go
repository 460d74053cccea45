package extract

import (
	"sync"
	"time"
)

// CacheEntry is one stored LLM answer: the raw response body the model
// gave, what it cost, and when.
type CacheEntry struct {
	Raw   []byte
	Usage Usage
	Time  time.Time
}

// Cache keeps LLM answers by request key (a hash of model, prompt
// version, schema version and article id) so a re-run is free. The store
// implements it on disk; MemCache in memory.
type Cache interface {
	// GetCache returns the entry for key and whether there was one.
	GetCache(key string) (CacheEntry, bool, error)
	// PutCache stores e under key, replacing any earlier entry.
	PutCache(key string, e CacheEntry) error
}

// MemCache is an in-memory Cache, safe for concurrent use. The zero value
// is ready to use.
type MemCache struct {
	mu sync.Mutex
	m  map[string]CacheEntry
}

var _ Cache = (*MemCache)(nil)

// GetCache implements Cache.
func (c *MemCache) GetCache(key string) (CacheEntry, bool, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	return e, ok, nil
}

// PutCache implements Cache.
func (c *MemCache) PutCache(key string, e CacheEntry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]CacheEntry{}
	}
	c.m[key] = e
	return nil
}

// Len returns the number of entries.
func (c *MemCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}

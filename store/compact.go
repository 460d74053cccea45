package store

import (
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"
)

// Compact rewrites the store into a new file with bbolt's Compact (only
// the pages in use, filled) and swaps it in place of the old one: bbolt
// never shrinks its file by itself, so the pages freed by runs (a first
// run's large transactions, replaced deal snapshots) stay in the file
// until then. It returns the file's size before and after.
//
// It needs the writer's lock (a DB opened for writing, with no method
// running): no run writes meanwhile. The new file is written next to
// the old one as FILE.compact, synced, then renamed over FILE, so a
// crash leaves either the old store or the new one, never half of one
// (a leftover FILE.compact is removed by the next Compact). Readers that
// had the old file open keep reading it until they close it.
func (db *DB) Compact() (before, after int64, err error) {
	if db.readOnly {
		return 0, 0, ErrReadOnly
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return 0, 0, fmt.Errorf("compact %s: store closed", db.path)
	}
	if db.users > 0 {
		return 0, 0, fmt.Errorf("compact %s: store in use", db.path)
	}
	src := db.bolt
	if src == nil {
		if src, err = openBolt(db.path, &db.reopen); err != nil {
			return 0, 0, err
		}
	}
	db.bolt = nil
	fi, err := os.Stat(db.path)
	if err != nil {
		src.Close()
		return 0, 0, err
	}
	before = fi.Size()
	tmp := db.path + ".compact"
	os.Remove(tmp)
	// The copy keeps its freelist on disk (bbolt's default): without it
	// the next writer walks every page of the file to find the free
	// ones, mapping the whole store into memory (141 MB of a 149 MB
	// compacted 50k store: the peak RSS of the night after).
	dst, err := bolt.Open(tmp, fi.Mode().Perm(), nil)
	if err == nil {
		err = guard(db.path, func() error { return bolt.Compact(dst, src, 64<<20) })
		if err == nil {
			err = dst.Sync()
		}
		err = joinErr(err, dst.Close())
	}
	if err != nil {
		src.Close()
		os.Remove(tmp)
		return before, 0, fmt.Errorf("compact %s: %w", db.path, err)
	}
	if err := os.Rename(tmp, db.path); err != nil {
		src.Close()
		os.Remove(tmp)
		return before, 0, fmt.Errorf("compact %s: %w", db.path, err)
	}
	src.Close()
	if d, err := os.Open(filepath.Dir(db.path)); err == nil {
		d.Sync() // the rename is durable
		d.Close()
	}
	if fi, err := os.Stat(db.path); err == nil {
		after = fi.Size()
	}
	if !db.share {
		if db.bolt, err = openBolt(db.path, &db.reopen); err != nil {
			return before, after, err
		}
	}
	return before, after, nil
}

func joinErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// FormatVersion is the layout version this package reads and writes
// (see the package doc). A store with a higher version was written by a
// newer dealwatch and is refused with ErrFormat.
const FormatVersion = 1

// DefaultTimeout is how long Open waits for the file lock when
// Options.Timeout is zero.
const DefaultTimeout = 2 * time.Second

// Errors returned by the store. Callers test them with errors.Is.
var (
	// ErrLocked means another dealwatch process has the store open for
	// writing (a run still going, maybe started by cron).
	ErrLocked = errors.New("the store is in use by another dealwatch process (a run still going? check cron for overlapping runs); wait for it to finish and try again")
	// ErrNotFound means the article, version or run asked for is not in
	// the store.
	ErrNotFound = errors.New("not found in the store")
	// ErrFormat means the store was written by a newer dealwatch whose
	// layout this binary does not know.
	ErrFormat = errors.New("the store was written by a newer dealwatch; upgrade dealwatch to read it")
	// ErrNoStore means a read-only Open found no store file.
	ErrNoStore = errors.New("no store here yet: run \"dealwatch run PATH...\" first, or pass --db")
	// ErrReadOnly means a write was attempted on a store opened read-only.
	ErrReadOnly = errors.New("the store is open read-only")
	// ErrCorrupt means the store file is damaged (truncated, a bad meta
	// page, a page that does not decode); the error is a *CorruptError
	// naming the file and how to recover it.
	ErrCorrupt = errors.New("the store file is damaged")
	// ErrLinked means the store file has more than one hard link; the
	// writer's lock is taken by name, so two names could write at once.
	ErrLinked = errors.New("a store with several hard links cannot be locked safely: keep one name (remove the other links, or copy the file) or use a symbolic link")
	// ErrRunFinished means SaveBatch was called for a run that is no
	// longer running.
	ErrRunFinished = errors.New("the run is finished")
)

// Bucket names; see the package doc for what each holds.
var (
	bucketMeta      = []byte("meta")
	bucketRuns      = []byte("runs")
	bucketRunErrors = []byte("runerrors")
	bucketRunVers   = []byte("runvers")
	bucketArticles  = []byte("articles")
	bucketIDs       = []byte("ids")
	bucketVersions  = []byte("versions")
	bucketSources   = []byte("sources")
	bucketLLMCache  = []byte("llmcache")

	allBuckets = [][]byte{bucketMeta, bucketRuns, bucketRunErrors, bucketRunVers, bucketArticles, bucketIDs, bucketVersions, bucketSources, bucketLLMCache}

	keyFormat = []byte("format")
)

// Options configures Open. A nil *Options uses the defaults.
type Options struct {
	// ReadOnly opens the store for reading: no run can be written, and
	// a missing file is ErrNoStore instead of being created.
	ReadOnly bool
	// Timeout is how long to wait for the lock before returning
	// ErrLocked: the writer's lock file when writing, the bbolt file when
	// reading. Zero means DefaultTimeout; it never waits forever.
	Timeout time.Duration
	// NoSync skips fsync after each commit: faster, but a power cut may
	// lose the last commits (a killed process loses nothing). For tests
	// and benchmarks.
	NoSync bool
	// Reconciler identifies the code that reconciles deals (dealwatch's
	// version and build). Deal snapshots written under another one are
	// ignored by readers and not carried over by CarryDeals.
	Reconciler string
}

// ReaderWait is how long a writer waits for readers to let go of the
// bbolt file before a write fails with ErrLocked. Readers hold it for
// the length of one command ("dealwatch export" of a big store takes
// seconds).
const ReaderWait = 2 * time.Minute

// DB is an open store. Its methods are safe for concurrent use.
//
// A writer holds the lock file FILE.lock for as long as it is open, so a
// second writer gets ErrLocked; it opens the bbolt file (which bbolt
// locks exclusively) only while a method runs, so that read-only
// openers, which take bbolt's shared lock, get in between two batches of
// a run. Where the lock file is not supported the writer keeps the bbolt
// file open, and readers wait for the writer to close.
type DB struct {
	path     string
	readOnly bool
	// now returns the current time (a field, not a global, so the
	// clock can be replaced per store).
	now func() time.Time
	// reopen are the options of the writer's bbolt opens.
	reopen bolt.Options
	// lock is the writer's lock file; nil for readers. lockPath is its
	// name: the resolved store file's, plus ".lock".
	lock     *fileLock
	lockPath string
	// reconciler is Options.Reconciler.
	reconciler string

	mu     sync.Mutex
	bolt   *bolt.DB // nil while a writer sharing the file is idle
	users  int      // methods running on bolt
	closed bool
	// share closes bolt whenever no method runs (a writer with its lock
	// file).
	share bool
}

// errLockBusy is lockFile's timeout.
var errLockBusy = errors.New("lock busy")

// Open opens the store at path, creating it when opening for writing.
//
// It returns ErrLocked when another process holds the store beyond the
// lock timeout, ErrFormat when the store is newer than this binary,
// ErrNoStore when opening read-only and there is no file. Opening for
// writing marks runs left "running" by a killed process as aborted.
func Open(path string, opts *Options) (*DB, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.ReadOnly {
		fi, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("open %s: %w", path, ErrNoStore)
		}
		if err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
			return nil, fmt.Errorf("open %s: the file is empty: %w", path, ErrNoStore)
		}
	}
	db := &DB{path: path, readOnly: o.ReadOnly, now: time.Now, reconciler: o.Reconciler}
	lockPath, links, err := resolveLockPath(path)
	if err != nil {
		return nil, err
	}
	if links > 1 && !o.ReadOnly {
		return nil, fmt.Errorf("open %s: the file has %d hard links: %w", path, links, ErrLinked)
	}
	db.lockPath = lockPath
	boltTimeout := o.Timeout
	if !o.ReadOnly {
		lock, err := lockFile(lockPath, o.Timeout)
		if err != nil {
			if errors.Is(err, errLockBusy) {
				return nil, fmt.Errorf("open %s: %w", path, ErrLocked)
			}
			return nil, fmt.Errorf("open %s: %w", path, err)
		}
		db.lock = lock
		db.share = writerLockSupported
		if db.share {
			// The lock file keeps other writers out; what can hold the
			// bbolt file now is a reader, or a dealwatch too old to
			// know the lock file.
			boltTimeout = ReaderWait
		}
	}
	db.reopen = bolt.Options{Timeout: boltTimeout, NoSync: o.NoSync}
	b, err := openBolt(path, &bolt.Options{
		Timeout:  boltTimeout,
		ReadOnly: o.ReadOnly,
		NoSync:   o.NoSync,
	})
	if err != nil {
		db.lock.release()
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("open %s: %w", path, ErrLocked)
		}
		if errors.Is(err, ErrCorrupt) {
			return nil, err
		}
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.bolt = b
	if err := guard(path, db.init); err != nil {
		if errors.Is(err, ErrCorrupt) {
			b.Close()
			db.lock.release()
			return nil, err
		}
		b.Close()
		db.lock.release()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if db.share {
		b.Close() // reopened by the next method
		db.bolt = nil
	}
	return db, nil
}

// resolveLockPath returns the writer's lock file for the store at path:
// next to the file the path resolves to, so a symbolic link to a store
// locks the same file as the store's own name. It also returns the
// file's number of hard links: a writer refuses a store with several
// (ErrLinked), since no name can tell they are the same file.
func resolveLockPath(path string) (string, uint64, error) {
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return "", 0, fmt.Errorf("open %s: %w", path, err)
		}
		// A new store; resolve its folder (a link to a folder counts).
		dir, derr := filepath.EvalSymlinks(filepath.Dir(path))
		if derr != nil {
			return path + ".lock", 1, nil
		}
		real = filepath.Join(dir, filepath.Base(path))
	}
	links := uint64(1)
	if fi, err := os.Stat(real); err == nil && fi.Mode().IsRegular() {
		links = linkCount(fi)
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	return real + ".lock", links, nil
}

// WriterActive reports whether a dealwatch process is writing the store
// now (it holds the writer's lock). A run in state running while no
// writer is active was killed.
func (db *DB) WriterActive() bool {
	if db.lock != nil {
		return true
	}
	return writerAlive(db.lockPath)
}

// acquire returns the open bbolt file, opening it for a writer that
// shares it, and counts the caller as a user until release.
func (db *DB) acquire() (*bolt.DB, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil, berrors.ErrDatabaseNotOpen
	}
	if db.bolt == nil {
		b, err := openBolt(db.path, &db.reopen)
		if err != nil {
			if errors.Is(err, berrors.ErrTimeout) {
				return nil, fmt.Errorf("readers held %s for over %s: %w", db.path, db.reopen.Timeout, ErrLocked)
			}
			return nil, fmt.Errorf("reopen store %s: %w", db.path, err)
		}
		db.bolt = b
	}
	db.users++
	return db.bolt, nil
}

// release undoes acquire; the last user of a sharing writer closes the
// bbolt file so readers can open it.
func (db *DB) release() {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.users--
	if db.users == 0 && db.share && db.bolt != nil {
		db.bolt.Close()
		db.bolt = nil
	}
}

// init checks the format version and, when writable, creates the buckets
// and aborts stale runs.
func (db *DB) init() error {
	if db.readOnly {
		return db.bolt.View(func(tx *bolt.Tx) error {
			meta := tx.Bucket(bucketMeta)
			if meta == nil {
				return nil // an empty file: reads find nothing
			}
			return checkFormat(meta.Get(keyFormat))
		})
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bucketMeta); meta != nil {
			if err := checkFormat(meta.Get(keyFormat)); err != nil {
				return err
			}
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket(bucketMeta)
		if meta.Get(keyFormat) == nil {
			if err := meta.Put(keyFormat, u64(FormatVersion)); err != nil {
				return err
			}
		}
		return abortStale(tx)
	})
}

func checkFormat(v []byte) error {
	if v == nil {
		return nil
	}
	if len(v) != 8 {
		return fmt.Errorf("format key has %d bytes: %w", len(v), ErrFormat)
	}
	if got := binary.BigEndian.Uint64(v); got > FormatVersion {
		return fmt.Errorf("store format %d, this dealwatch reads up to %d: %w", got, FormatVersion, ErrFormat)
	}
	return nil
}

// Path returns the file the store was opened from.
func (db *DB) Path() string { return db.path }

// Close closes the store and releases its locks.
func (db *DB) Close() error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil
	}
	db.closed = true
	var err error
	if db.bolt != nil {
		err = db.bolt.Close()
		db.bolt = nil
	}
	return errors.Join(err, db.lock.release())
}

func (db *DB) update(fn func(tx *bolt.Tx) error) error {
	if db.readOnly {
		return ErrReadOnly
	}
	b, err := db.acquire()
	if err != nil {
		return err
	}
	defer db.release()
	return guard(db.path, func() error { return b.Update(fn) })
}

// batch is update through bbolt's Batch: concurrent calls share one
// transaction.
func (db *DB) batch(fn func(tx *bolt.Tx) error) error {
	if db.readOnly {
		return ErrReadOnly
	}
	b, err := db.acquire()
	if err != nil {
		return err
	}
	defer db.release()
	return guard(db.path, func() error { return b.Batch(fn) })
}

// view runs fn in a read transaction.
func (db *DB) view(fn func(tx *bolt.Tx) error) error {
	b, err := db.acquire()
	if err != nil {
		return err
	}
	defer db.release()
	return guard(db.path, func() error { return b.View(fn) })
}

// openBolt checks the file (see verifyFile) and opens it with bbolt,
// turning a damaged file into a *CorruptError.
func openBolt(path string, o *bolt.Options) (*bolt.DB, error) {
	if err := verifyFile(path); err != nil {
		return nil, err
	}
	var b *bolt.DB
	err := guard(path, func() error {
		var err error
		b, err = bolt.Open(path, 0o644, o)
		return err
	})
	if err != nil {
		return nil, boltOpenError(path, err)
	}
	return b, nil
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func u32(v uint32) []byte {
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, v)
	return b
}

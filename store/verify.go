package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"

	berrors "go.etcd.io/bbolt/errors"
)

// CorruptError is a store file that cannot be read safely: truncated,
// with damaged meta pages, or with a page that does not decode. It
// unwraps to ErrCorrupt.
type CorruptError struct {
	Path   string
	Detail string
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("the store %s is damaged (%s): nothing was changed; "+
		"\"dealwatch check --db %s\" lists the problems, and "+
		"\"dealwatch recover --db %s --out NEW.db\" copies every readable run and version into a new store "+
		"(see \"Recovering a damaged store\" in the README)",
		e.Path, e.Detail, e.Path, e.Path)
}

func (e *CorruptError) Unwrap() error { return ErrCorrupt }

// bbolt's file layout (go.etcd.io/bbolt/internal/common): a page header
// of 16 bytes, then on pages 0 and 1 the meta.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 56 // magic..txid, hashed; the checksum follows
	minPageSize    = 512
	maxPageSize    = 1 << 20
)

// boltMeta is the part of a bbolt meta page that verifyFile needs.
type boltMeta struct {
	pageSize uint32
	pgid     uint64 // high water mark: pages in use
	txid     uint64
}

// parseMeta reads a meta page's content (after the page header) and
// checks its magic, version and checksum.
func parseMeta(b []byte) (boltMeta, error) {
	if len(b) < metaSize+8 {
		return boltMeta{}, errors.New("short meta page")
	}
	le := binary.LittleEndian // bbolt writes native order; every platform it runs on for us is little-endian
	if le.Uint32(b[0:]) != boltMagic {
		return boltMeta{}, errors.New("not a bbolt file (bad magic)")
	}
	if v := le.Uint32(b[4:]); v != boltVersion {
		return boltMeta{}, fmt.Errorf("bbolt format version %d", v)
	}
	h := fnv.New64a()
	h.Write(b[:metaSize])
	if le.Uint64(b[metaSize:]) != h.Sum64() {
		return boltMeta{}, errors.New("meta page checksum mismatch")
	}
	m := boltMeta{pageSize: le.Uint32(b[8:]), pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}
	if m.pageSize < minPageSize || m.pageSize > maxPageSize || m.pageSize&(m.pageSize-1) != 0 {
		return boltMeta{}, fmt.Errorf("page size %d", m.pageSize)
	}
	return m, nil
}

// verifyFile checks a store file before bbolt maps it: bbolt trusts its
// meta pages, and a file shorter than they say makes every read past the
// end a SIGBUS that no recover catches. A missing or empty file is fine
// (bbolt initialises it when writing; readers find nothing). It returns
// a *CorruptError for a file that is not a store or is damaged.
func verifyFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("open store %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat store %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return &CorruptError{Path: path, Detail: "not a regular file"}
	}
	size := fi.Size()
	if size == 0 {
		return nil
	}
	corrupt := func(format string, a ...any) error {
		return &CorruptError{Path: path, Detail: fmt.Sprintf(format, a...)}
	}
	buf := make([]byte, pageHeaderSize+metaSize+8)
	read := func(off int64) ([]byte, error) {
		n, err := f.ReadAt(buf, off)
		if n < len(buf) {
			if err == nil || errors.Is(err, io.EOF) {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		return buf[pageHeaderSize:], nil
	}
	b, err := read(0)
	if err != nil {
		return corrupt("file of %d bytes is too short for a store", size)
	}
	m0, err0 := parseMeta(b)
	pageSize := int64(m0.pageSize)
	if err0 != nil {
		pageSize = int64(os.Getpagesize()) // where bbolt looks then
	}
	var m1 boltMeta
	var err1 error
	if b, err := read(pageSize); err != nil {
		err1 = errors.New("second meta page missing")
	} else {
		m1, err1 = parseMeta(b)
	}
	var m boltMeta
	switch {
	case err0 != nil && err1 != nil:
		return corrupt("both meta pages are unreadable: %v; %v", err0, err1)
	case err0 != nil:
		m = m1
	case err1 != nil:
		m = m0
	case m1.txid > m0.txid:
		m = m1
	default:
		m = m0
	}
	if want := int64(m.pgid) * int64(m.pageSize); size < want {
		return corrupt("the file has %d bytes but its pages need %d: truncated", size, want)
	}
	return nil
}

// guard runs fn and turns a bbolt panic (an assertion on a damaged page)
// or a memory fault on the mapped file (SIGBUS when the file shrank
// under it) into a *CorruptError naming path.
func guard(path string, fn func() error) (err error) {
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			err = &CorruptError{Path: path, Detail: fmt.Sprint("reading a page failed: ", r)}
		}
	}()
	return fn()
}

// boltOpenError maps bbolt's errors about a damaged file to a
// *CorruptError, and returns other errors as they are.
func boltOpenError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrInvalidMapping):
		return &CorruptError{Path: path, Detail: err.Error()}
	}
	return err
}

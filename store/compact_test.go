package store

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestCompactKeepsFreelist: the compacted file records its free pages.
// Without them the next writer walks every page of the file to find
// them, which maps the whole store into memory at start-up.
func TestCompactKeepsFreelist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	db := mustOpenPath(t, path)
	var rs []extract.ArticleResult
	for i := range 50 {
		rs = append(rs, result(fmt.Sprintf("/c/%d.txt", i), fmt.Sprintf("id%d", i), amzn))
	}
	runOnce(t, db, rs...)
	if _, _, err := db.Compact(); err != nil {
		t.Fatal(err)
	}
	if fl := syncedFreelist(t, path); fl == noFreelist {
		t.Fatalf("the compacted store has no freelist on disk (meta freelist page %#x)", fl)
	}
}

const noFreelist = ^uint64(0)

// syncedFreelist returns the freelist page of the file's current meta
// page (bbolt's layout: a 16-byte page header, then magic, version,
// page size, flags, the root bucket (16 bytes), freelist, high-water
// page, txid), noFreelist when the free pages were not written.
func syncedFreelist(t *testing.T, path string) uint64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 64 {
		t.Fatalf("%s: %d bytes, not a bbolt file", path, len(b))
	}
	pageSize := int(binary.LittleEndian.Uint32(b[16+8:]))
	var best, txid uint64
	for _, off := range []int{0, pageSize} {
		m := b[off+16:]
		if tx := binary.LittleEndian.Uint64(m[48:]); tx >= txid {
			txid, best = tx, binary.LittleEndian.Uint64(m[32:])
		}
	}
	return best
}

package store

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// mappedKB returns the resident kilobytes of the process's mappings of
// the file at path, from /proc/self/smaps.
func mappedKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no /proc/self/smaps: %v", err)
	}
	defer f.Close()
	kb, in := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if fs := strings.Fields(line); len(fs) >= 5 && strings.Contains(fs[0], "-") {
			in = len(fs) >= 6 && fs[5] == path
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			n, _ := strconv.Atoi(strings.Fields(line)[1])
			kb += n
		}
	}
	return kb
}

// TestPagerDropsResidentPages: a scan that touches every result keeps
// only what it read since the last drop resident, not the whole file.
func TestPagerDropsResidentPages(t *testing.T) {
	path := filepath.Join(t.TempDir(), "r.db")
	db := mustOpenPath(t, path)
	db.share = false // keep one mapping open for the test to look at
	var rs []extract.ArticleResult
	for i := range 1200 {
		r := result(fmt.Sprintf("/r/%05d.txt", i), fmt.Sprintf("id%05d", i), amzn)
		r.Article.Title = extract.StrPtr(strings.Repeat(fmt.Sprintf("title %d ", i), 200)) // about 2 KB each, barely compressible
		rs = append(rs, r)
	}
	runOnce(t, db, rs...)
	keys, err := db.ArticleKeys()
	if err != nil {
		t.Fatal(err)
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		t.Fatal(err)
	}
	touch := func(drop bool) int {
		b, err := db.acquire()
		if err != nil {
			t.Fatal(err)
		}
		defer db.release()
		var resident int
		err = b.View(func(tx *bolt.Tx) error {
			dropResident(tx) // start from nothing resident
			pg := pager{tx: tx}
			for _, k := range keys {
				if _, err := getVersion(tx, k, 1); err != nil {
					return err
				}
				if drop {
					pg.step()
				}
			}
			resident = mappedKB(t, real)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return resident
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	without, with := touch(false), touch(true)
	t.Logf("file %d KB; resident after the scan: %d KB without drops, %d KB with", fi.Size()>>10, without, with)
	if without < 1024 {
		t.Skipf("the scan left only %d KB resident without drops: nothing to measure here", without)
	}
	if with > without/2 {
		t.Errorf("with drops every %d keys the scan left %d KB of the store resident, without %d KB", pagerEvery, with, without)
	}
}

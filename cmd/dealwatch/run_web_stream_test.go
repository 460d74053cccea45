package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

// A web run killed half-way keeps the pages it stored, and the next run
// does not download them again (a conditional request, answered 304).
func TestKilledWebRunResumes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	const pages = 60
	var full atomic.Int32
	var mu sync.Mutex
	status := map[string][]int{} // path → statuses answered
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		etag := `"v1` + r.URL.Path + `"`
		code := http.StatusOK
		if r.Header.Get("If-None-Match") == etag {
			code = http.StatusNotModified
		}
		mu.Lock()
		status[r.URL.Path] = append(status[r.URL.Path], code)
		mu.Unlock()
		w.Header().Set("ETag", etag)
		if code == http.StatusNotModified {
			w.WriteHeader(code)
			return
		}
		full.Add(1)
		time.Sleep(30 * time.Millisecond)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html><head><title>Page %s</title></head><body><article><p>OpenAI signed a cloud agreement with Amazon Web Services worth %d billion dollars, the companies said in %s.</p></article></body></html>", r.URL.Path, len(r.URL.Path), r.URL.Path)
	}))
	defer srv.Close()
	var list strings.Builder
	for i := range pages {
		fmt.Fprintf(&list, "%s/p%03d.html\n", srv.URL, i)
	}
	feeds := filepath.Join(tmp, "urls.txt")
	os.WriteFile(feeds, []byte(list.String()), 0o644)
	db := filepath.Join(tmp, "s.db")
	args := []string{"run", "--db", db, "--allow-private", "--rate", "1000", "--batch", "4", "--feeds", feeds}

	cmd := exec.Command(bin, args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for full.Load() < pages/2 {
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()

	s, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	arts, err := s.Articles()
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) == 0 || len(arts) >= pages {
		t.Fatalf("killed run stored %d of %d pages, want some but not all", len(arts), pages)
	}
	t.Logf("the killed run stored %d pages after %d downloads", len(arts), full.Load())
	mu.Lock()
	status = map[string][]int{}
	mu.Unlock()
	if _, errOut, code := runBin(t, bin, args...); code != 0 {
		t.Fatalf("next run: exit %d %s", code, errOut)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, a := range arts {
		path := strings.TrimPrefix(a.Key, srv.URL)
		if got := status[path]; len(got) != 1 || got[0] != http.StatusNotModified {
			t.Errorf("%s, stored by the killed run, answered %v in the next run, want one 304", path, got)
		}
	}
	if len(status) != pages {
		t.Errorf("next run asked %d pages, want %d", len(status), pages)
	}
	if got := latestCount(t, db); got != pages {
		t.Errorf("%d articles after the next run, want %d", got, pages)
	}
}

func latestCount(t *testing.T, db string) int {
	t.Helper()
	s, err := store.Open(db, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	arts, err := s.Articles()
	if err != nil {
		t.Fatal(err)
	}
	return len(arts)
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompact: compact leaves a store that checks clean and reads the
// same, the schema-1 fixture (uncompressed values) included, and a run
// after it works.
func TestCompact(t *testing.T) {
	repoRoot(t)
	src, err := os.ReadFile(filepath.Join("cmd", "dealwatch", "testdata", "v1store", "dealwatch-v1.db"))
	if err != nil {
		t.Fatal(err)
	}
	v1 := filepath.Join(t.TempDir(), "v1.db")
	if err := os.WriteFile(v1, src, 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	if _, errOut, code := runCLI(t, nil, "run", "--db", fresh, "testdata/corpus"); code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	for _, db := range []string{v1, fresh} {
		reads := [][]string{{"runs"}, {"deals", "--json"}, {"export"}, {"history", "sha256:e1700a56e257c652"}}
		var before []string
		for _, args := range reads {
			out, errOut, code := runCLI(t, nil, append(args, "--db", db)...)
			if code != 0 {
				t.Fatalf("%v before compact: exit %d: %s", args, code, errOut)
			}
			before = append(before, out)
		}
		out, errOut, code := runCLI(t, nil, "compact", "--db", db)
		if code != 0 || !strings.Contains(out, "→") {
			t.Fatalf("compact %s: exit %d: %s%s", db, code, out, errOut)
		}
		if _, err := os.Stat(db + ".compact"); !os.IsNotExist(err) {
			t.Errorf("compact left %s.compact: %v", db, err)
		}
		if out, errOut, code := runCLI(t, nil, "check", "--db", db); code != 0 {
			t.Errorf("check after compact: exit %d: %s%s", code, out, errOut)
		}
		for i, args := range reads {
			out, errOut, code := runCLI(t, nil, append(args, "--db", db)...)
			if code != 0 || out != before[i] {
				t.Errorf("%v after compact: exit %d, output changed: %v; %s", args, code, out != before[i], errOut)
			}
		}
		if _, errOut, code := runCLI(t, nil, "run", "--db", db, "testdata/corpus"); code != 0 {
			t.Errorf("run after compact: exit %d: %s", code, errOut)
		}
	}
}

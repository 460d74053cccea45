package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A store missing one of its buckets (tampered with) never makes a
// command panic: readers answer or exit with a message, and a run
// recreates the bucket.
func TestStoreMissingBucket(t *testing.T) {
	bin, corpus, good := processFixture(t, 10)
	for _, bucket := range []string{"runs", "runerrors", "runvers", "articles", "ids", "versions", "sources", "llmcache", "meta", "dealruns", "dealsnap", "artlist", "artidx", "dealexp"} {
		t.Run(bucket, func(t *testing.T) {
			bad := damage(t, good, func(b []byte) []byte { return b })
			b, err := bolt.Open(bad, 0o644, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte(bucket)) }); err != nil {
				t.Fatal(err)
			}
			b.Close()
			first := filepath.Join(corpus, "a00000.txt")
			for _, args := range [][]string{{"runs"}, {"diff"}, {"diff", "0", "1"}, {"deals"}, {"deals", "--json"}, {"deals", "--party", "openai"}, {"review"}, {"articles", "--status", "failed"}, {"show", first}, {"export"}, {"export", "--deals"}, {"check"}, {"run", corpus}, {"diff"}, {"review"}, {"export"}, {"check"}} {
				_, errOut, code := runBin(t, bin, append(args, "--db", bad)...)
				if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") {
					t.Fatalf("%v: crashed:\n%s", args, errOut)
				}
				if code != 0 && !strings.HasPrefix(errOut, "dealwatch: ") && !strings.Contains(errOut, "\ndealwatch: ") {
					t.Errorf("%v: exit %d without a message: %s", args, code, errOut)
				}
			}
		})
	}
}

// A 0-byte store file is "empty" for the reading commands (exit 2), not
// a "bad file descriptor".
func TestEmptyStoreFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"runs"}, {"deals"}, {"diff"}, {"export"}, {"check"}} {
		_, errOut, code := runCLI(t, nil, append(args, "--db", db)...)
		if code != 2 || !strings.Contains(errOut, "empty") || strings.Contains(errOut, "descriptor") {
			t.Errorf("%v on an empty file: exit %d %q", args, code, errOut)
		}
	}
}

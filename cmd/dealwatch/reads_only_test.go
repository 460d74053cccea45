package main

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/store"
)

// TestReadsDecodeOnlyWhatTheyPrint: history DEAL_ID, deals --party,
// review and articles --status read the briefs (and article entries)
// they print, not every one: with the brief of another deal made
// unreadable, they print the same bytes as before. Reading every brief
// (as they did) fails on it.
func TestReadsDecodeOnlyWhatTheyPrint(t *testing.T) {
	path := dealsFixture(t)
	db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := snapshotDeals(db, 1); err != nil {
		t.Fatal(err)
	}
	db.Close()

	// A deal none of the commands below prints: no Oracle among its
	// parties, no review needed, not the one whose history is asked.
	const shown = "amazon+openai/compute_contract"
	out, _, code := runCLI(t, nil, "deals", "--db", path, "--json")
	if code != 0 {
		t.Fatalf("deals --json: exit %d", code)
	}
	victim := ""
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d struct {
			ID      string   `json:"id"`
			Parties []string `json:"parties"`
			Review  string   `json:"review"`
		}
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatal(err)
		}
		if d.ID != shown && d.Review != "needed" && !slices.Contains(d.Parties, "Oracle") {
			victim = d.ID
		}
	}
	if victim == "" {
		t.Fatal("the fixture has no deal to make unreadable")
	}
	cmds := [][]string{
		{"history", "--db", path, shown},
		{"history", "--db", path, "amazon+openai/comp"},
		{"deals", "--db", path, "--party", "oracle"},
		{"review", "--db", path},
		{"review", "--db", path, "--json"},
		{"articles", "--db", path, "--status", "failed"},
	}
	before := captureCommands(t, cmds)
	for i, o := range before {
		if !strings.HasSuffix(o, "--exit--\n0") {
			t.Fatalf("%v before: %s", cmds[i], o)
		}
	}

	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = bdb.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("dealsnap")).Put(append([]byte("b"), victim...), []byte("{not json"))
	})
	bdb.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, _, code := runCLI(t, nil, "deals", "--db", path); code == 0 {
		t.Fatalf("deals read the unreadable brief of %s without failing", victim)
	}
	sameOutputs(t, "with "+victim+" unreadable", cmds, before, captureCommands(t, cmds))
}

package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// BenchmarkReadCommands runs the read commands in process (no process
// start) on stores of 2,000 and 20,000 articles (25 sources a deal, and
// one-source deals), after two runs (the second edited 50 articles), with
// reviewers' decisions on half the queue: the deals come from the
// snapshot the runs stored, with its review-queue and party indexes, and
// the article index is current (the setup fails otherwise), so the times
// are those of the real path; "reconcile" is what reconciling every
// latest result costs instead. A command that reads only what it prints
// takes the same time at both sizes; "first-byte" reports how soon the
// listings' first byte reaches a pipe (ms-first-byte). Setup is not
// timed.
func BenchmarkReadCommands(b *testing.B) {
	for _, articles := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("articles=%d", articles), func(b *testing.B) { benchReadCommands(b, articles) })
	}
}

func benchReadCommands(b *testing.B, articles int) {
	pairs := articles / 25
	dir := filepath.Join(b.TempDir(), "corpus")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	write := func(i int, bump int) {
		p := i % pairs
		amount := 10 + p%90 + bump
		if i%97 == 0 {
			amount += 1 // a figure that disagrees: conflicts to review
		}
		buyer := fmt.Sprintf("Buyer%03d", p)
		if i%10 == 9 {
			buyer = fmt.Sprintf("Solo%05d", i) // a deal with one source
		}
		text := fmt.Sprintf("Article %d\n\n%s\nDEAL compute_contract agreed %s Seller%03d $%d billion\n", i, strings.Repeat("Filler text about data centres and chips. ", 100), buyer, p/2, amount)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%05d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < articles; i++ {
		write(i, 0)
	}
	path := filepath.Join(b.TempDir(), "read.db")
	// The CLI's reconciler, so that the deal snapshots the runs store are
	// the ones the commands read.
	db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		b.Fatal(err)
	}
	run := func() {
		job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}, Extractor: &fakeExtractor{}, Concurrency: 2},
			Inputs: []string{dir}, Info: store.RunInfo{Backend: "fake"}, Fingerprint: "bench", Batch: 256}
		if _, err := job.Do(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	run()
	time.Sleep(10 * time.Millisecond) // a new mtime for the edited files
	for i := 0; i < 50; i++ {
		write(i*7, 1)
	}
	run()
	// Reviewers decided on some of the deals in the queue (the deals read
	// by the commands are the ones a run stored; the reconciler must be
	// the CLI's for them to be used).
	db.Close()
	db, err = store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		b.Fatal(err)
	}
	if l, err := openDesk(db); err != nil {
		b.Fatal(err)
	} else if items, _, err := l.Queue(0); err != nil || len(items) < 2 {
		b.Fatalf("queue of %d items (%v), want 2 or more", len(items), err)
	} else {
		for _, it := range items[:len(items)/2] {
			raw, _, err := l.Raw(it.Deal.ID)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := db.Decide(context.Background(), store.Decision{Deal: raw.ID, Action: store.Dismiss, By: "bench", Evidence: store.EvidenceOf(&raw)}); err != nil {
				b.Fatal(err)
			}
		}
	}
	// The commands must read the snapshot the runs stored.
	if run, ok, err := db.LatestSnapshotRun(); err != nil || !ok || run == 0 {
		b.Fatalf("no current deal snapshot (run %d, %v): the commands would reconcile every result", run, err)
	}
	if by, same, err := db.SnapshotBy(); err != nil || !same {
		b.Fatalf("the deal snapshot is by %q, not this dealwatch (%v)", by, err)
	}
	// review, deals --party and articles --status read their indexes.
	if deals, articles, err := db.IndexesCurrent(); err != nil || !deals || !articles {
		b.Fatalf("indexes current: deals %v, articles %v (%v): the commands would scan", deals, articles, err)
	}
	// The exports must read the export index kept with it.
	snap, _, _ := db.LatestSnapshotRun()
	if exp, err := db.ExportIndexRun(); err != nil || exp != snap {
		b.Fatalf("the export index is of run %d, the snapshot of run %d (%v): the exports would reconcile every result", exp, snap, err)
	}
	var firstID string
	if ids, _, err := db.IDsWithPrefix("sha256:", 1); err != nil || len(ids) == 0 {
		b.Fatalf("no article id (%v)", err)
	} else {
		firstID = ids[0]
	}
	db.Close()

	commands := [][]string{
		{"runs"}, {"runs", "--json"}, {"deals"}, {"deals", "--json"}, {"diff"}, {"diff", "--json"},
		{"history", "buyer000+seller000/compute_contract"},
		{"history", "Buyer000+Seller000/comp"}, {"review"}, {"review", "--json"}, {"review", "--limit", "0"}, {"review", "log"},
		{"articles"}, {"articles", "--json"}, {"articles", "--status", "failed"},
		{"show", filepath.Join(dir, "a00007.txt")}, {"show", firstID}, {"history", filepath.Join(dir, "a00007.txt")},
		{"history", "seller004+solo00009/compute_contract"}, {"deals", "--party", "Seller001"}, {"deals", "--party", "Seller001", "--json"},
		{"articles", "--status", "ok"}, {"articles", "--status", "empty,unsupported,failed"}, {"deals", "--party", "nobody"}, {"export"}, {"export", "--json"}, {"export", "--deals"}, {"export", "--deals", "--json"},
	}
	for _, args := range commands {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			args := append(append([]string(nil), args...), "--db", path)
			env := &Env{Stdout: io.Discard, Stderr: io.Discard, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
			for i := 0; i < b.N; i++ {
				if code := Main(context.Background(), env, args); code != 0 {
					b.Fatalf("%v: exit %d", args, code)
				}
			}
		})
	}
	// The listings stream: how long until their first byte reaches a
	// pipe (the output is a file, as on a terminal or in a shell pipe).
	for _, args := range [][]string{{"deals"}, {"deals", "--json"}, {"export"}, {"export", "--json"}, {"export", "--deals"}} {
		b.Run("first-byte "+strings.Join(args, " "), func(b *testing.B) {
			args := append(append([]string(nil), args...), "--db", path)
			var first time.Duration
			for i := 0; i < b.N; i++ {
				first += timeToFirstByte(b, args)
			}
			b.ReportMetric(float64(first.Microseconds())/1000/float64(b.N), "ms-first-byte")
		})
	}
	b.Run("reconcile", func(b *testing.B) {
		db, err := store.Open(path, &store.Options{ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		for i := 0; i < b.N; i++ {
			if _, err := reconcileLatest(db); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// timeToFirstByte runs dealwatch with args, its output a pipe drained
// by a goroutine, and returns how long the first byte took to come.
func timeToFirstByte(b *testing.B, args []string) time.Duration {
	r, w, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	got := make(chan time.Duration, 1)
	start := time.Now()
	go func() {
		buf := make([]byte, 64<<10)
		n, _ := r.Read(buf)
		if n > 0 {
			got <- time.Since(start)
		} else {
			got <- -1
		}
		io.Copy(io.Discard, r)
		r.Close()
	}()
	env := &Env{Stdout: w, Stderr: io.Discard, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
	code := Main(context.Background(), env, args)
	w.Close()
	d := <-got
	if code != 0 || d < 0 {
		b.Fatalf("%v: exit %d, first byte after %v", args, code, d)
	}
	return d
}

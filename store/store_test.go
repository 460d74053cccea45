package store

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	bolt "go.etcd.io/bbolt"
)

// mustOpenDB opens a writable store in a temp dir; cleanup checks its
// consistency and closes it.
func mustOpenDB(t testing.TB) *DB {
	t.Helper()
	return mustOpenPath(t, filepath.Join(t.TempDir(), "test.db"))
}

func mustOpenPath(t testing.TB, path string) *DB {
	t.Helper()
	db, err := Open(path, &Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open(%s) = %v", path, err)
	}
	t.Cleanup(func() {
		if err := db.Check(); err != nil {
			t.Errorf("store inconsistent: %v", err)
		}
		db.Close()
	})
	return db
}

func money(v int64, exp int, cur string) *extract.Money {
	return &extract.Money{Value: figures.Dec(v, exp), Currency: cur, Qualifier: "exact", Period: "total", Text: "x"}
}

func deal(kind extract.Kind, status extract.DealStatus, amt *extract.Money, parties ...string) extract.Deal {
	d := extract.Deal{Kind: kind, Status: status, Amount: amt, Grounded: true, Confidence: 0.8, Evidence: extract.Span{Text: "evidence"}}
	roles := []extract.Role{extract.RoleBuyer, extract.RoleSeller, extract.RolePartner}
	for i, p := range parties {
		d.Parties = append(d.Parties, extract.Party{Name: p, Role: roles[i%len(roles)], Mention: p})
	}
	return d
}

func result(source, id string, deals ...extract.Deal) extract.ArticleResult {
	return extract.ArticleResult{
		SchemaVersion: extract.SchemaVersion,
		Article:       extract.ArticleInfo{ID: id, Source: source, Lang: "en", LangConfidence: 1},
		Status:        extract.StatusOK,
		Extractor:     extract.ExtractorInfo{Backend: "rules"},
		Deals:         deals,
	}
}

func rec(r extract.ArticleResult) Record {
	return Record{Source: SourceEntry{Size: 10, ModTime: time.Unix(1, 0), Fingerprint: "f"}, Result: &r}
}

// runOnce stores rs in a new complete run and returns its outcomes.
func runOnce(t *testing.T, db *DB, rs ...extract.ArticleResult) (Run, []Outcome) {
	t.Helper()
	run, err := db.BeginRun(RunInfo{Backend: "rules", Program: "test"})
	if err != nil {
		t.Fatal(err)
	}
	var recs []Record
	for _, r := range rs {
		recs = append(recs, rec(r))
	}
	out, err := db.SaveBatch(run.ID, recs)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.FinishRun(run.ID, RunComplete, ""); err != nil {
		t.Fatal(err)
	}
	run, err = db.Run(run.ID)
	if err != nil {
		t.Fatal(err)
	}
	return run, out
}

var amzn = deal(extract.KindCompute, extract.DealAnnounced, money(38, 9, "USD"), "OpenAI", "Amazon")

func TestRerunStoresNothing(t *testing.T) {
	db := mustOpenDB(t)
	a := result("/c/a.txt", "sha256:aaaa", amzn)
	b := result("/c/b.txt", "sha256:bbbb")
	r1, out1 := runOnce(t, db, a, b)
	if want := []Outcome{OutcomeNew, OutcomeNew}; !reflect.DeepEqual(out1, want) {
		t.Fatalf("first run outcomes = %v, want %v", out1, want)
	}
	if r1.Counts.NewVersions != 2 || r1.Counts.New != 2 || r1.Counts.Seen != 2 {
		t.Errorf("first run counts = %+v", r1.Counts)
	}
	r2, out2 := runOnce(t, db, a, b)
	if want := []Outcome{OutcomeUnchanged, OutcomeUnchanged}; !reflect.DeepEqual(out2, want) {
		t.Fatalf("re-run outcomes = %v, want %v", out2, want)
	}
	if r2.Counts.NewVersions != 0 || r2.Counts.Unchanged != 2 {
		t.Errorf("re-run counts = %+v, want 0 new versions, 2 unchanged", r2.Counts)
	}
	for _, key := range []string{"/c/a.txt", "/c/b.txt"} {
		vs, err := db.Versions(key)
		if err != nil || len(vs) != 1 {
			t.Errorf("Versions(%s) = %d versions, %v; want 1", key, len(vs), err)
		}
	}
	if cs, err := db.DiffRuns(r1.ID, r2.ID); err != nil || len(cs) != 0 {
		t.Errorf("DiffRuns after a re-run = %v, %v; want nothing", cs, err)
	}
	art, err := db.Article("/c/a.txt")
	if err != nil || art.LastRun != r2.ID || art.FirstRun != r1.ID {
		t.Errorf("Article = %+v, %v; want first run %d, last run %d", art, err, r1.ID, r2.ID)
	}
}

func TestEditedArticleOneVersionAndDiff(t *testing.T) {
	db := mustOpenDB(t)
	a := result("/c/a.txt", "sha256:aaaa", amzn)
	r1, _ := runOnce(t, db, a, result("/c/b.txt", "sha256:bbbb"))
	edited := amzn
	edited.Amount = money(39, 9, "USD")
	a2 := result("/c/a.txt", "sha256:aaa2", edited)
	r2, out := runOnce(t, db, a2, result("/c/b.txt", "sha256:bbbb"))
	if want := []Outcome{OutcomeChanged, OutcomeUnchanged}; !reflect.DeepEqual(out, want) {
		t.Fatalf("outcomes = %v, want %v", out, want)
	}
	if r2.Counts.NewVersions != 1 {
		t.Errorf("new versions = %d, want 1", r2.Counts.NewVersions)
	}
	vs, err := db.Versions("/c/a.txt")
	if err != nil || len(vs) != 2 {
		t.Fatalf("Versions = %d, %v; want 2", len(vs), err)
	}
	if vs[1].Cause != CauseText || vs[1].Run != r2.ID || vs[0].Cause != CauseNew {
		t.Errorf("versions = (%q run %d), (%q run %d); want (%q), (%q run %d)", vs[0].Cause, vs[0].Run, vs[1].Cause, vs[1].Run, CauseNew, CauseText, r2.ID)
	}
	cs, err := db.DiffRuns(r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{
		Article: "sha256:aaa2", Source: "/c/a.txt", Change: Changed,
		Deal: "compute_contract|Amazon,OpenAI|39000000000 USD", Field: "amount",
		Before: strPtr("38000000000 USD"), After: strPtr("39000000000 USD"), Cause: CauseText,
	}}
	if !reflect.DeepEqual(cs, want) {
		t.Errorf("DiffRuns = %s, want %s", dump(cs), dump(want))
	}
	// The old id still resolves to the article.
	if keys, err := db.Resolve("sha256:aaaa"); err != nil || len(keys) != 1 || keys[0] != "/c/a.txt" {
		t.Errorf("Resolve(old id) = %v, %v", keys, err)
	}
	if keys, err := db.Resolve("sha256:aaa2"); err != nil || len(keys) != 1 {
		t.Errorf("Resolve(new id) = %v, %v", keys, err)
	}
	if _, err := db.Resolve("sha256:zzzz"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Resolve(unknown) = %v, want ErrNotFound", err)
	}
	// As of run 1, the old result; as of run 2, the new one.
	at1, _ := db.ResultsAt(r1.ID)
	at2, _ := db.ResultsAt(r2.ID)
	latest, _ := db.Latest()
	if len(at1) != 2 || at1[0].Article.ID != "sha256:aaaa" {
		t.Errorf("ResultsAt(%d) = %s", r1.ID, dump(at1))
	}
	if !reflect.DeepEqual(at2, latest) || len(latest) != 2 || latest[0].Article.ID != "sha256:aaa2" {
		t.Errorf("ResultsAt(%d) = %s\nLatest = %s", r2.ID, dump(at2), dump(latest))
	}
	if at0, _ := db.ResultsAt(0); len(at0) != 0 {
		t.Errorf("ResultsAt(0) = %d results, want 0", len(at0))
	}
}

func TestCauses(t *testing.T) {
	pv := func(s string) *string { return &s }
	base := result("/c/a.txt", "sha256:aaaa", amzn)
	base.Extractor = extract.ExtractorInfo{Backend: "openai", Model: pv("gpt-x"), PromptVersion: pv("p1")}
	tests := []struct {
		name   string
		change func(r *extract.ArticleResult)
		want   string
	}{
		{"prompt", func(r *extract.ArticleResult) { r.Extractor.PromptVersion = pv("p2") }, CausePrompt},
		{"model", func(r *extract.ArticleResult) { r.Extractor.Model = pv("gpt-y") }, CauseModel},
		{"backend", func(r *extract.ArticleResult) { r.Extractor = extract.ExtractorInfo{Backend: "rules"} }, CausePrompt + ", " + CauseModel},
		{"schema", func(r *extract.ArticleResult) { r.SchemaVersion++ }, CauseSchema},
		{"text", func(r *extract.ArticleResult) { r.Article.ID = "sha256:new" }, CauseText},
		{"title", func(r *extract.ArticleResult) { r.Article.Title = pv("New title") }, CauseMetadata},
		{"nothing visible", func(r *extract.ArticleResult) { r.Deals = nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := base
			tt.change(&after)
			if got := Cause(&base, &after); got != tt.want {
				t.Errorf("Cause = %q, want %q", got, tt.want)
			}
		})
	}
	if got := Cause(nil, &base); got != CauseNew {
		t.Errorf("Cause(nil, r) = %q, want %q", got, CauseNew)
	}
}

func TestPromptVersionChangeIsTheCause(t *testing.T) {
	db := mustOpenDB(t)
	v1, v2 := "p1", "p2"
	a := result("/c/a.txt", "sha256:aaaa", amzn)
	a.Extractor.PromptVersion = &v1
	r1, _ := runOnce(t, db, a)
	b := result("/c/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
	b.Extractor.PromptVersion = &v2
	r2, _ := runOnce(t, db, b)
	if r1.PromptVersion != "p1" || r2.PromptVersion != "p2" {
		t.Errorf("runs' prompt versions = %q, %q; want p1, p2", r1.PromptVersion, r2.PromptVersion)
	}
	cs, err := db.DiffRuns(r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Field != "status" || cs[0].Cause != CausePrompt || *cs[0].Before != "announced" || *cs[0].After != "agreed" {
		t.Errorf("DiffRuns = %s; want one status change announced → agreed caused by %q", dump(cs), CausePrompt)
	}
}

func TestProgramVersionCause(t *testing.T) {
	db := mustOpenDB(t)
	runOnce(t, db, result("/c/a.txt", "sha256:aaaa", amzn))
	run, _ := db.BeginRun(RunInfo{Backend: "rules", Program: "test-2"})
	r := result("/c/a.txt", "sha256:aaaa")
	if _, err := db.SaveBatch(run.ID, []Record{rec(r)}); err != nil {
		t.Fatal(err)
	}
	v, err := db.Version("/c/a.txt", 0)
	if err != nil || v.N != 2 || v.Cause != CauseProgram {
		t.Errorf("latest version = %d %q, %v; want 2 %q", v.N, v.Cause, err, CauseProgram)
	}
	if _, err := db.Version("/c/a.txt", 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("Version(3) = %v, want ErrNotFound", err)
	}
}

func TestFailedKeepsLastVersion(t *testing.T) {
	db := mustOpenDB(t)
	runOnce(t, db, result("/c/a.txt", "sha256:aaaa", amzn))
	bad := result("/c/a.txt", "sha256:aaaa")
	bad.Status = extract.StatusFailed
	msg := "LLM: 429 after 5 retries"
	bad.Error = &msg
	r2, out := runOnce(t, db, bad, result("/c/b.txt", "sha256:bbbb"))
	if want := []Outcome{OutcomeFailed, OutcomeNew}; !reflect.DeepEqual(out, want) {
		t.Fatalf("outcomes = %v, want %v", out, want)
	}
	if r2.Counts.Failed != 1 || r2.Counts.New != 1 {
		t.Errorf("counts = %+v", r2.Counts)
	}
	errs, err := db.RunErrors(r2.ID)
	if err != nil || len(errs) != 1 || errs[0].Message != msg || errs[0].Source != "/c/a.txt" {
		t.Errorf("RunErrors = %+v, %v", errs, err)
	}
	latest, _ := db.Latest()
	if len(latest) != 2 || len(latest[0].Deals) != 1 {
		t.Errorf("Latest = %s; want a's good version kept", dump(latest))
	}
	src, ok, _ := db.Source("/c/a.txt")
	if !ok || !src.Failed || src.Unchanged(10, time.Unix(1, 0), "f") {
		t.Errorf("source entry after a failure = %+v; want failed, not skippable", src)
	}
	// A second failure in another run gets its own error list.
	r3, _ := runOnce(t, db, bad, bad)
	if errs, _ := db.RunErrors(r3.ID); len(errs) != 2 {
		t.Errorf("run %d errors = %d, want 2", r3.ID, len(errs))
	}
}

func TestSkippedRecords(t *testing.T) {
	db := mustOpenDB(t)
	runOnce(t, db, result("/c/a.txt", "sha256:aaaa", amzn))
	src, ok, err := db.Source("/c/a.txt")
	if err != nil || !ok || !src.Unchanged(10, time.Unix(1, 0), "f") {
		t.Fatalf("Source = %+v, %v, %v; want an unchanged entry", src, ok, err)
	}
	if src.Unchanged(11, time.Unix(1, 0), "f") || src.Unchanged(10, time.Unix(2, 0), "f") || src.Unchanged(10, time.Unix(1, 0), "g") || src.Unchanged(10, time.Time{}, "f") {
		t.Error("Unchanged ignores size, mtime or fingerprint, or trusts an unknown mtime")
	}
	run, _ := db.BeginRun(RunInfo{})
	out, err := db.SaveBatch(run.ID, []Record{{Key: "/c/a.txt"}})
	if err != nil || out[0] != OutcomeSkipped {
		t.Fatalf("SaveBatch(skipped) = %v, %v", out, err)
	}
	db.FinishRun(run.ID, RunComplete, "")
	r, _ := db.Run(run.ID)
	if r.Counts.Skipped != 1 || r.Counts.Unchanged != 1 || r.Counts.Seen != 1 {
		t.Errorf("counts = %+v", r.Counts)
	}
	if err := db.FinishRun(run.ID, RunComplete, ""); !errors.Is(err, ErrRunFinished) {
		t.Errorf("second FinishRun = %v, want ErrRunFinished", err)
	}
	if _, err := db.SaveBatch(run.ID, nil); !errors.Is(err, ErrRunFinished) {
		t.Errorf("SaveBatch on a finished run = %v, want ErrRunFinished", err)
	}
}

func TestStaleRunIsAbortedAtNextWriterOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	run, _ := db.BeginRun(RunInfo{Backend: "rules"})
	db.SaveBatch(run.ID, []Record{rec(result("/c/a.txt", "sha256:aaaa"))})
	db.Close() // as if killed: the run is left running

	ro, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := ro.Run(run.ID); r.State != RunRunning {
		t.Errorf("read-only open changed the run to %s", r.State)
	}
	ro.Close()

	db = mustOpenPath(t, path)
	r, err := db.Run(run.ID)
	if err != nil || r.State != RunAborted || r.Finished == nil || r.Note == "" {
		t.Errorf("run after reopen = %+v, %v; want aborted with a note", r, err)
	}
	if latest, _ := db.Latest(); len(latest) != 1 {
		t.Errorf("Latest = %d results; the aborted run's article must be kept", len(latest))
	}
}

func TestSecondWriterIsLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db := mustOpenPath(t, path)
	_ = db
	start := time.Now()
	_, err := Open(path, &Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "in use by another dealwatch process") {
		t.Errorf("message %q does not say the store is in use", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("second Open took %v", d)
	}
}

// TestReadersDuringARun: while a writer is open (a run going), readers
// open the store between its batches and see what is committed; a batch
// waits for a reader that holds the store, then goes through.
func TestReadersDuringARun(t *testing.T) {
	if !writerLockSupported {
		t.Skip("no writer lock file on this platform: readers wait for the writer")
	}
	path := filepath.Join(t.TempDir(), "s.db")
	db := mustOpenPath(t, path)
	run, err := db.BeginRun(RunInfo{Backend: "rules"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveBatch(run.ID, []Record{rec(result("/a.txt", "sha256:aaaa"))}); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, &Options{ReadOnly: true, Timeout: 500 * time.Millisecond})
	if err != nil {
		t.Fatalf("read-only Open during a run = %v, want it to open between batches", err)
	}
	if runs, err := ro.Runs(); err != nil || len(runs) != 1 || runs[0].State != RunRunning || runs[0].Counts.New != 1 {
		t.Errorf("reader sees runs %+v, %v; want the running run with its first article", runs, err)
	}
	// The next batch waits while the reader holds the file.
	done := make(chan error, 1)
	go func() {
		_, err := db.SaveBatch(run.ID, []Record{rec(result("/b.txt", "sha256:bbbb"))})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("SaveBatch returned (%v) while a reader held the store", err)
	case <-time.After(300 * time.Millisecond):
	}
	ro.Close()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("SaveBatch after the reader closed = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SaveBatch still waiting after the reader closed")
	}
	if err := db.FinishRun(run.ID, RunComplete, ""); err != nil {
		t.Fatal(err)
	}
	// A reader opened meanwhile does not abort the writer's run, and
	// the writer's lock file still keeps a second writer out.
	if _, err := Open(path, &Options{Timeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("second writer during the run = %v, want ErrLocked", err)
	}
	if latest, err := db.Latest(); err != nil || len(latest) != 2 {
		t.Errorf("Latest = %d, %v; want both articles", len(latest), err)
	}
}

// TestClosedDB: methods of a closed store fail instead of reopening it.
func TestClosedDB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Runs(); err == nil {
		t.Error("Runs on a closed store succeeded")
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	// Its lock is released: another writer gets in at once.
	db2, err := Open(path, &Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("Open after Close = %v", err)
	}
	db2.Close()
}

func TestNewerFormatIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyFormat, u64(FormatVersion+1)) })
	db.Close()
	for _, ro := range []bool{false, true} {
		if _, err := Open(path, &Options{ReadOnly: ro}); !errors.Is(err, ErrFormat) {
			t.Errorf("Open(ReadOnly=%v) of a newer store = %v, want ErrFormat", ro, err)
		}
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing.db")
	if _, err := Open(path, &Options{ReadOnly: true}); !errors.Is(err, ErrNoStore) {
		t.Errorf("read-only Open of a missing file = %v, want ErrNoStore", err)
	}
	db, _ := Open(path, nil)
	db.Close()
	ro, err := Open(path, &Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.BeginRun(RunInfo{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("BeginRun on a read-only store = %v, want ErrReadOnly", err)
	}
	if err := ro.PutCache("k", extract.CacheEntry{}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("PutCache on a read-only store = %v, want ErrReadOnly", err)
	}
}

func TestCache(t *testing.T) {
	db := mustOpenDB(t)
	if _, ok, err := db.GetCache("k"); ok || err != nil {
		t.Fatalf("GetCache(missing) = %v, %v", ok, err)
	}
	e := extract.CacheEntry{Raw: []byte(`{"deals":[]}`), Usage: extract.Usage{Calls: 1, PromptTokens: 10}, Time: time.Unix(100, 0).UTC()}
	if err := db.PutCache("k", e); err != nil {
		t.Fatal(err)
	}
	got, ok, err := db.GetCache("k")
	if err != nil || !ok || !reflect.DeepEqual(got, e) {
		t.Errorf("GetCache = %+v, %v, %v; want %+v", got, ok, err, e)
	}
	if n, _ := db.CacheLen(); n != 1 {
		t.Errorf("CacheLen = %d, want 1", n)
	}
}

func TestRunsOldestFirst(t *testing.T) {
	db := mustOpenDB(t)
	for i := 0; i < 3; i++ {
		runOnce(t, db)
	}
	runs, err := db.Runs()
	if err != nil || len(runs) != 3 {
		t.Fatalf("Runs = %d, %v", len(runs), err)
	}
	for i, r := range runs {
		if r.ID != uint64(i+1) || r.State != RunComplete {
			t.Errorf("runs[%d] = id %d %s", i, r.ID, r.State)
		}
	}
	if _, err := db.Run(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("Run(99) = %v, want ErrNotFound", err)
	}
}

// TestFeedRecords: a feed's own record keeps its validators in the
// source index without becoming an article, and web counters add up.
func TestFeedRecords(t *testing.T) {
	db := mustOpenDB(t)
	const feed = "https://news.example/feed.xml"
	page := result("https://news.example/a.html", "sha256:aaaa", amzn)
	run, _ := db.BeginRun(RunInfo{Backend: "rules"})
	out, err := db.SaveBatch(run.ID, []Record{
		{Key: page.Article.Source, Result: &page, Web: WebFetched, Source: SourceEntry{ETag: `"a"`, Fingerprint: "f"}},
		{Key: feed, Feed: true, Web: WebFetched, Source: SourceEntry{ETag: `"f1"`, Fingerprint: "f", Items: []string{page.Article.Source}}},
	})
	if err != nil || out[1] != OutcomeFeed {
		t.Fatalf("SaveBatch = %v, %v; want the feed's outcome %q", out, err, OutcomeFeed)
	}
	db.FinishRun(run.ID, RunComplete, "")
	r, _ := db.Run(run.ID)
	if c := r.Counts; c.Seen != 1 || c.New != 1 || c.Feeds != 1 || c.WebFetched != 2 || c.FeedsFailed != 0 {
		t.Errorf("counts = %+v; want 1 article, 1 feed, 2 fetched", c)
	}
	if as, _ := db.Articles(); len(as) != 1 {
		t.Errorf("%d articles, want 1 (a feed is not an article)", len(as))
	}
	e, ok, err := db.Source(feed)
	if err != nil || !ok || !e.Feed || e.ETag != `"f1"` || e.ArticleID != "" || e.Run != run.ID || len(e.Items) != 1 || e.Failed {
		t.Fatalf("feed entry = %+v, %v, %v", e, ok, err)
	}
	if e.Unchanged(0, time.Unix(1, 0), "f") {
		t.Error("a feed entry must never make a file unchanged")
	}

	// A failed feed and a page that answered 304.
	run, _ = db.BeginRun(RunInfo{Backend: "rules"})
	if _, err := db.SaveBatch(run.ID, []Record{
		{Key: page.Article.Source, Web: WebNotModified},
		{Key: feed, Feed: true, Web: WebFailed, Source: e, Err: "GET feed.xml: 500"},
	}); err != nil {
		t.Fatal(err)
	}
	db.FinishRun(run.ID, RunComplete, "")
	r, _ = db.Run(run.ID)
	if c := r.Counts; c.Seen != 1 || c.Skipped != 1 || c.Failed != 0 || c.FeedsFailed != 1 || c.Feeds != 0 || c.WebNotModified != 1 || c.WebFailed != 1 {
		t.Errorf("counts = %+v; want 1 skipped article, 1 failed feed", c)
	}
	errs, _ := db.RunErrors(run.ID)
	if len(errs) != 1 || errs[0].Source != feed {
		t.Errorf("run errors = %+v; want the feed's", errs)
	}
	if e, _, _ := db.Source(feed); !e.Failed || !e.Feed {
		t.Errorf("failed feed entry = %+v; want failed, still a feed", e)
	}
	run, _ = db.BeginRun(RunInfo{Backend: "rules"})
	res := result(feed, "sha256:ffff")
	if _, err := db.SaveBatch(run.ID, []Record{{Key: feed, Feed: true, Result: &res}}); err == nil || errors.Is(err, ErrRunFinished) {
		t.Errorf("a feed record with a result: err = %v, want it refused", err)
	}
	db.FinishRun(run.ID, RunComplete, "")
}

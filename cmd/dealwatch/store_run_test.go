package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/extracttest"
	"github.com/dealwatch/dealwatch/store"
)

// doRun runs a job over inputs with the fake detector and returns the run.
func doRun(t *testing.T, db *store.DB, ex extract.Extractor, fingerprint string, force bool, inputs ...string) store.Run {
	t.Helper()
	job := &runJob{
		DB:          db,
		Pipeline:    &extract.Pipeline{Detector: fakeDetector{}, Extractor: ex, Concurrency: 2},
		Inputs:      inputs,
		Info:        store.RunInfo{Backend: "fake", Program: Version, Inputs: inputs},
		Fingerprint: fingerprint,
		Force:       force,
		Batch:       2, // several transactions even on a small corpus
	}
	run, err := job.Do(context.Background())
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if run.State != store.RunComplete {
		t.Fatalf("run %d is %s, want complete", run.ID, run.State)
	}
	return run
}

// smallCorpus writes three articles, two with deals.
func smallCorpus(t *testing.T) string {
	dir := t.TempDir()
	writeFile(t, dir, "aws.txt", "OpenAI and Amazon\n\nDEAL compute_contract announced OpenAI Amazon $38 billion\n")
	writeFile(t, dir, "oracle.txt", "Oracle and OpenAI\n\nDEAL compute_contract reported Oracle OpenAI $30 billion\n")
	writeFile(t, dir, "plain.txt", "An article without deals.\n")
	return dir
}

func counts(r store.Run) store.Counts { return r.Counts }

func TestRunRerunStoresNothing(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	ex := &fakeExtractor{info: extract.ExtractorInfo{Backend: "fake"}}
	r1 := doRun(t, db, ex, "fp", false, dir)
	if c := counts(r1); c.Seen != 3 || c.New != 3 || c.NewVersions != 3 {
		t.Fatalf("first run counts = %+v, want 3 seen, 3 new, 3 new versions", c)
	}
	calls := ex.calls.Load()
	r2 := doRun(t, db, ex, "fp", false, dir)
	if c := counts(r2); c.Seen != 3 || c.Skipped != 3 || c.Unchanged != 3 || c.NewVersions != 0 {
		t.Errorf("re-run counts = %+v, want 3 skipped, 0 new versions", c)
	}
	if ex.calls.Load() != calls {
		t.Errorf("re-run called the extractor %d times, want 0", ex.calls.Load()-calls)
	}
	// --force re-extracts but still stores nothing new.
	r3 := doRun(t, db, ex, "fp", true, dir)
	if c := counts(r3); c.Unchanged != 3 || c.Skipped != 0 || c.NewVersions != 0 {
		t.Errorf("forced re-run counts = %+v, want 3 unchanged, none skipped, 0 new versions", c)
	}
	// Another fingerprint (another backend configuration) re-reads too.
	r4 := doRun(t, db, ex, "fp2", false, dir)
	if c := counts(r4); c.Skipped != 0 || c.NewVersions != 0 {
		t.Errorf("re-run with a new fingerprint = %+v, want nothing skipped, 0 new versions", c)
	}
	latest, err := db.Latest()
	if err != nil || len(latest) != 3 {
		t.Fatalf("Latest = %d results, %v", len(latest), err)
	}
	if cs, _ := db.DiffRuns(r1.ID, r4.ID); len(cs) != 0 {
		t.Errorf("DiffRuns over re-runs = %+v, want none", cs)
	}
}

func TestRunEditedArticle(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	ex := &fakeExtractor{info: extract.ExtractorInfo{Backend: "fake"}}
	r1 := doRun(t, db, ex, "fp", false, dir)
	writeFile(t, dir, "aws.txt", "OpenAI and Amazon\n\nDEAL compute_contract announced OpenAI Amazon $39 billion\n")
	r2 := doRun(t, db, ex, "fp", false, dir)
	if c := counts(r2); c.Changed != 1 || c.Skipped != 2 || c.NewVersions != 1 {
		t.Fatalf("counts after an edit = %+v, want 1 changed, 2 skipped, 1 new version", c)
	}
	key := articleKey(filepath.Join(dir, "aws.txt"))
	vs, err := db.Versions(key)
	if err != nil || len(vs) != 2 || vs[1].Cause != store.CauseText {
		t.Fatalf("versions of the edited article = %d, %v; want 2, the second caused by %q", len(vs), err, store.CauseText)
	}
	cs, err := db.DiffRuns(r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("DiffRuns = %+v, want exactly one change", cs)
	}
	c := cs[0]
	if c.Field != "amount" || *c.Before != "38000000000 USD" || *c.After != "39000000000 USD" || c.Cause != store.CauseText || c.Change != store.Changed {
		t.Errorf("change = %+v, want amount 38000000000 USD → 39000000000 USD caused by %q", c, store.CauseText)
	}
	// The CLI says the same, as JSON and for people.
	db.Close()
	path := db.Path()
	out, errOut, code := runCLI(t, nil, "diff", "--db", path, "--json")
	if code != 0 {
		t.Fatalf("diff --json exit %d: %s", code, errOut)
	}
	// The summary, the article, one paired fact change with structured
	// values and the sentence, then the reconciled deal whose current
	// figure moved; every line valid against diff.schema.json.
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	for _, l := range lines {
		if err := extracttest.Validate(extracttest.Diff, []byte(l)); err != nil {
			t.Errorf("diff --json line not schema-valid: %v\n%s", err, l)
		}
	}
	var got struct {
		Scope, Change, Field, File, Sentence string
		Before, After                        extract.Money
	}
	if len(lines) != 4 || json.Unmarshal([]byte(lines[2]), &got) != nil || got.Scope != "fact" || got.Change != "changed" || got.Field != "amount" ||
		got.Before.Value.String() != "38000000000" || got.After.Value.String() != "39000000000" || got.File != filepath.Join(dir, "aws.txt") || !strings.Contains(got.Sentence, "$39 billion") {
		t.Errorf("diff --json = %s; want a fact change of the amount 38e9 → 39e9 with its sentence", out)
	}
	var moved struct {
		Scope  string `json:"scope"`
		Change string `json:"change"`
		Note   string `json:"note"`
	}
	if len(lines) < 2 || json.Unmarshal([]byte(lines[len(lines)-1]), &moved) != nil || moved.Scope != "reconciled_deal" || moved.Change != "current_moved" || moved.Note != "$38B → $39B" {
		t.Errorf("diff --json = %s; want a last line with the reconciled deal's current figure moving $38B → $39B", out)
	}
	out, _, _ = runCLI(t, nil, "diff", "--db", path)
	for _, want := range []string{"aws.txt", "amount: $38B → $39B", "(article text changed)", "1 article changed; 1 fact change, 1 deal change"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("diff output has colour codes though it is not a terminal:\n%q", out)
	}
	// Back to the empty store: run 1's article is removed.
	out, errOut, code = runCLI(t, nil, "diff", "--db", path, strconv.FormatUint(r1.ID, 10), "0")
	if code != 0 || !strings.Contains(out, "to the empty store") || !strings.Contains(out, "REMOVED ARTICLES") {
		t.Errorf("diff %d 0: exit %d, %s\n%s; want the article removed back to the empty store", r1.ID, code, errOut, out)
	}
	out, _, code = runCLI(t, nil, "history", "--db", path, vs[0].Result.Article.ID)
	if code != 0 || !strings.Contains(out, "2 versions") || !strings.Contains(out, store.CauseText) {
		t.Errorf("history (old id) exit %d:\n%s", code, out)
	}
	out, _, code = runCLI(t, nil, "show", "--db", path, vs[0].Result.Article.ID, "--version", "1", "--json")
	var r extract.ArticleResult
	if code != 0 || json.Unmarshal([]byte(out), &r) != nil || r.Deals[0].Amount.Value.String() != "38000000000" {
		t.Errorf("show --version 1 exit %d: %s", code, out)
	}
	jsonLines(t, extracttest.ArticleResult, out)
}

func TestRunPromptVersionIsTheCause(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	bo := &backendOptions{Backend: "openai", Model: "m"}
	p1, p2 := "p1", "p2"
	ex1 := &describedExtractor{fakeExtractor{info: extract.ExtractorInfo{Backend: "openai", Model: &bo.Model, PromptVersion: &p1}}}
	ex2 := &describedExtractor{fakeExtractor{info: extract.ExtractorInfo{Backend: "openai", Model: &bo.Model, PromptVersion: &p2}, status: extract.DealAgreed}}
	fp1, fp2 := runFingerprint(bo, ex1), runFingerprint(bo, ex2)
	if fp1 == fp2 {
		t.Fatalf("runFingerprint ignores the prompt version: %s", fp1)
	}
	r1 := doRun(t, db, ex1, fp1, false, dir)
	r2 := doRun(t, db, ex2, fp2, false, dir)
	if c := counts(r2); c.Skipped != 0 || c.Changed != 3 {
		t.Errorf("counts after a prompt change = %+v, want all 3 re-read and changed", c)
	}
	if r1.PromptVersion != "p1" || r2.PromptVersion != "p2" {
		t.Errorf("runs' prompt versions = %q, %q", r1.PromptVersion, r2.PromptVersion)
	}
	cs, err := db.DiffRuns(r1.ID, r2.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("DiffRuns = %+v, want the status of 2 deals", cs)
	}
	for _, c := range cs {
		if c.Field != "status" || c.Cause != store.CausePrompt || *c.After != "agreed" {
			t.Errorf("change = %+v, want status → agreed caused by %q", c, store.CausePrompt)
		}
	}
}

func TestRunFailedArticleIsRetried(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	writeFile(t, dir, "bad.txt", "FAIL this one\n")
	ex := &fakeExtractor{info: extract.ExtractorInfo{Backend: "fake"}}
	r1 := doRun(t, db, ex, "fp", false, dir, filepath.Join(dir, "missing.txt"))
	if c := counts(r1); c.Failed != 2 || c.New != 3 {
		t.Errorf("counts = %+v, want 2 failed, 3 new", c)
	}
	errs, _ := db.RunErrors(r1.ID)
	if len(errs) != 2 || !strings.Contains(errs[0].Message+errs[1].Message, "fake backend refuses") || !strings.Contains(errs[0].Message+errs[1].Message, "no such file") {
		t.Errorf("run errors = %+v", errs)
	}
	calls := ex.calls.Load()
	r2 := doRun(t, db, ex, "fp", false, dir)
	if c := counts(r2); c.Failed != 1 || c.Skipped != 3 || ex.calls.Load() != calls+1 {
		t.Errorf("re-run counts = %+v with %d extractor calls, want the failed article retried (1 call) and 3 skipped", c, ex.calls.Load()-calls)
	}
}

func TestRunCancelledIsAborted(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	job := &runJob{DB: db, Pipeline: &extract.Pipeline{Detector: fakeDetector{}}, Inputs: []string{dir}, Fingerprint: "fp"}
	run, err := job.Do(ctx)
	if err == nil || run.State != store.RunAborted || run.Note != "interrupted" {
		t.Errorf("cancelled run = %+v, %v; want aborted, interrupted", run, err)
	}
}

// timesAndDirs makes CLI output comparable: timestamps and temp dirs
// vary between test runs.
func timesAndDirs(s, dir string) string {
	s = strings.ReplaceAll(s, dir, "DIR")
	s = regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)? [A-Z]+`).ReplaceAllString(s, "TIME")
	// How long a run took varies, and with it the table's alignment.
	s = regexp.MustCompile(`(?m)^\d+ +\w+ +TIME +\d+(\.\d)?m?s .*$`).ReplaceAllStringFunc(s, func(line string) string {
		line = regexp.MustCompile(`TIME +\d+(\.\d)?m?s +`).ReplaceAllString(line, "TIME  TOOK  ")
		return line
	})
	// The header's TOOK column is as wide as the longest duration.
	s = regexp.MustCompile(`(?m)^(RUN +STATE +STARTED +TOOK) +BACKEND`).ReplaceAllString(s, "$1  BACKEND")
	return regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`).ReplaceAllString(s, "TIME")
}

func TestStoreCommandsGolden(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	ex := &fakeExtractor{info: extract.ExtractorInfo{Backend: "fake"}}
	doRun(t, db, ex, "fp", false, dir)
	writeFile(t, dir, "aws.txt", "OpenAI and Amazon, revised\n\nDEAL compute_contract expanded OpenAI Amazon $138 billion\nDEAL chip_supply agreed OpenAI Nvidia $10 billion\n")
	os.Remove(filepath.Join(dir, "plain.txt"))
	writeFile(t, dir, "new.txt", "DEAL investment announced Microsoft OpenAI $13 billion\n")
	doRun(t, db, ex, "fp", false, dir, filepath.Join(dir, "plain.txt"))
	path := db.Path()
	db.Close()

	var all strings.Builder
	for _, args := range [][]string{
		{"runs"},
		{"runs", "--json"},
		{"diff"},
		{"diff", "--json"},
		{"diff", "0", "1"},
		{"export"},
		{"export", "--json"},
		{"runs", "--errors"},
		{"history", "sha256:"},
		{"history", "sha256:a560725be28a1a27"}, // the first id of aws.txt
		{"show", "sha256:a560725be28a1a27"},
		{"show", "sha256:a560725be28a1a27", "--version", "1"},
	} {
		cmd := append([]string{args[0], "--db", path}, args[1:]...)
		out, errOut, code := runCLI(t, nil, cmd...)
		again, _, _ := runCLI(t, nil, cmd...)
		if out != again {
			t.Errorf("%v is not deterministic:\n%s\nthen\n%s", args, out, again)
		}
		all.WriteString("$ dealwatch " + strings.Join(args, " ") + "\n")
		all.WriteString(timesAndDirs(out, dir))
		if errOut != "" {
			all.WriteString("stderr: " + timesAndDirs(errOut, dir))
		}
		all.WriteString("exit " + string(rune('0'+code)) + "\n\n")
	}
	golden(t, filepath.Join("testdata", "store-commands.golden"), all.String())
}

func TestReadCommandsWithoutStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	for _, cmd := range []string{"runs", "diff", "export", "show", "history"} {
		args := []string{cmd, "--db", path}
		if cmd == "show" || cmd == "history" {
			args = append(args, "sha256:0")
		}
		_, errOut, code := runCLI(t, nil, args...)
		if code != 2 || !strings.Contains(errOut, "no store here yet") {
			t.Errorf("%s without a store: exit %d, %q; want 2 and a hint to run first", cmd, code, errOut)
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s created the store", cmd)
		}
	}
	// DEALWATCH_DB is the default store.
	_, errOut, _ := runCLI(t, map[string]string{"DEALWATCH_DB": path}, "runs")
	if !strings.Contains(errOut, path) {
		t.Errorf("runs ignores DEALWATCH_DB: %q", errOut)
	}
}

// TestRunBadDB checks that a --db that cannot be a store is a
// configuration error (exit 2) that says what is wrong, and that nothing
// is created.
func TestRunBadDB(t *testing.T) {
	dir := t.TempDir()
	corpus := smallCorpus(t)
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, db, want string
	}{
		{"empty", "", "--db is empty"},
		{"blank", "  ", "--db is empty"},
		{"directory", dir, "is a directory"},
		{"missing folder", filepath.Join(dir, "no", "such", "news.db"), "the folder " + filepath.Join(dir, "no", "such") + " does not exist"},
		{"folder is a file", filepath.Join(file, "news.db"), "is a file, not a folder"},
	}
	for _, tt := range tests {
		for _, cmd := range []string{"run", "runs"} {
			args := []string{cmd, "--db", tt.db}
			if cmd == "run" {
				args = append(args, corpus)
			}
			_, errOut, code := runCLI(t, nil, args...)
			if code != 2 || !strings.Contains(errOut, tt.want) {
				t.Errorf("%s: dealwatch %q: exit %d, %q; want 2 and %q", tt.name, args, code, errOut, tt.want)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Error("run created the missing folder")
	}
}

func TestSecondWriterInProcess(t *testing.T) {
	db := mustOpenDB(t)
	start := time.Now()
	_, errOut, code := runCLI(t, nil, "run", "--db", db.Path(), "--lock-timeout", "500ms", smallCorpus(t))
	if code != 2 || !strings.Contains(errOut, "in use by another dealwatch process") {
		t.Errorf("second writer: exit %d, %q; want 2 and the store in use", code, errOut)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second writer waited %v", d)
	}
}

func TestShowAndHistoryErrors(t *testing.T) {
	db := mustOpenDB(t)
	doRun(t, db, &fakeExtractor{}, "fp", false, smallCorpus(t))
	path := db.Path()
	db.Close()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"show", "--db", path, "sha256:ffffffffffffffff"}, 2, "not found"},
		{[]string{"show", "--db", path, "sha256:"}, 2, "names 3 articles"},
		{[]string{"show", "--db", path}, 2, "needs one article id"},
		{[]string{"history", "--db", path, "deal:openai-amazon"}, 2, "not found in the store"},
		{[]string{"diff", "--db", path, "7"}, 2, "run 7"},
		{[]string{"diff", "--db", path, "x"}, 2, "not a run number"},
		{[]string{"export", "--db", path, "--json", "--csv"}, 2, "not both"},
	}
	for _, tt := range tests {
		_, errOut, code := runCLI(t, nil, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

// TestRunLLMCacheHits: with the LLM backend, a second run over the same
// corpus makes no LLM call: unchanged sources are skipped, and a forced
// re-run is answered from the store's response cache.
func TestRunLLMCacheHits(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the language models")
	}
	repoRoot(t)
	srv, calls := fakeLLM(t, 200, `{"deals":[]}`)
	env := map[string]string{"OPENAI_BASE_URL": srv.URL + "/v1", "OPENAI_API_KEY": llmTestKey, "DEALWATCH_MODEL": "local-model"}
	db := filepath.Join(t.TempDir(), "llm.db")
	run := func(extra ...string) runLine {
		t.Helper()
		args := append([]string{"run", "--db", db, "--backend", "openai"}, extra...)
		out, errOut, code := runCLI(t, env, append(args, "testdata/corpus")...)
		if code != 0 {
			t.Fatalf("run %v: exit %d: %s%s", extra, code, out, errOut)
		}
		if strings.Contains(out+errOut, llmTestKey) {
			t.Errorf("the API key is printed")
		}
		lines, _, _ := runCLI(t, nil, "runs", "--db", db, "--json")
		ls := strings.Split(strings.TrimSpace(lines), "\n")
		var l runLine
		if err := json.Unmarshal([]byte(ls[len(ls)-1]), &l); err != nil {
			t.Fatal(err)
		}
		return l
	}
	first := run()
	n := calls.Load()
	if n == 0 || first.LLMCalls != int(n) || first.CacheHits != 0 || first.Tokens == 0 {
		t.Fatalf("first run: %+v after %d server calls", first, n)
	}
	second := run()
	if calls.Load() != n || second.LLMCalls != 0 || second.Skipped != first.ArticlesSeen {
		t.Errorf("second run: %+v, %d more server calls; want every source skipped, no call", second, calls.Load()-n)
	}
	forced := run("--force")
	if calls.Load() != n || forced.LLMCalls != 0 || forced.CacheHits != int(n) || forced.NewVersions != 0 {
		t.Errorf("forced run: %+v, %d more server calls; want %d cache hits and no call", forced, calls.Load()-n, n)
	}
}

// closingExtractor closes the store during the run, as a store failure
// (a full disk, a lost volume) would make every later write fail.
type closingExtractor struct {
	fakeExtractor
	db *store.DB
}

func (c *closingExtractor) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	c.db.Close()
	return c.fakeExtractor.Extract(ctx, a)
}

func TestRunStoreFailureStopsTheRun(t *testing.T) {
	db := mustOpenDB(t)
	dir := smallCorpus(t)
	job := &runJob{
		DB:          db,
		Pipeline:    &extract.Pipeline{Detector: fakeDetector{}, Extractor: &closingExtractor{db: db}},
		Inputs:      []string{dir},
		Fingerprint: "fp",
		Batch:       1,
	}
	_, err := job.Do(context.Background())
	if !errors.Is(err, errStore) {
		t.Fatalf("run with a failing store = %v, want errStore", err)
	}
	if code := exitCodeFor(err); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	// The next writer finds the run left running and aborts it.
	db2, err := store.Open(db.Path(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	runs, _ := db2.Runs()
	if len(runs) != 1 || runs[0].State != store.RunAborted {
		t.Errorf("runs after the failure = %+v, want one aborted", runs)
	}
}

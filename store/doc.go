// Package store is the memory room of dealwatch: a bbolt file that keeps
// every run, every version of every article's result, the source index
// that lets a nightly run skip unchanged files, and the LLM response
// cache. It answers "what changed between run A and run B" with Diff.
//
// # Basics
//
// Open a store with Open; one process may write at a time (the lock
// file FILE.lock), any number may read, also while a run writes (see
// Locking). A run is
//
//	run, _ := db.BeginRun(store.RunInfo{Backend: "rules"})
//	outcomes, _ := db.SaveBatch(run.ID, records) // as many times as needed
//	db.FinishRun(run.ID, store.RunComplete, "")
//
// SaveBatch writes a batch of articles in one transaction: an article is
// either entirely stored (its version, its article record, its source
// index entry, the run's counters) or not at all. A version is appended
// only when the article's canonical result JSON differs from its latest
// version, so a re-run over an unchanged corpus stores nothing.
//
// Reading: Latest (or EachLatest, one result at a time) gives the latest
// version of every article; ResultsAt the versions as of the end of a
// run; DiffRuns the changes between two runs, reading only the articles
// that changed in between (EachChanged gives them one at a time, and
// EachChangedDeal the deals whose brief changed, so a diff of a big run
// holds one article at a time); Versions and Version one article's
// history; Resolve turns an id, an id prefix or a path into an article
// key.
//
// An article is identified by its key: the absolute path of its file, or
// its URL. Its id ("sha256:…", a hash of the text) changes when the text
// does; every id an article ever had resolves to it (see Resolve), so
// "dealwatch show sha256:…" works with old ids too. An edited article is
// a new version of the same article, with cause "article text changed".
//
// # Layout
//
// Every key and value below is in one of the top-level buckets:
//
//	meta      "format" → uint64 big-endian format version (FormatVersion).
//	          A store whose format is newer than this binary's is refused
//	          with ErrFormat instead of being misread.
//	runs      run id (uint64 big-endian, from NextSequence, so cursors
//	          iterate in run order) → JSON Run: state running/complete/
//	          aborted, started, finished, backend, model, prompt version,
//	          program version, inputs, counters, LLM usage.
//	runerrors run id + uint32 big-endian seq → JSON RunError (source,
//	          article id, message): what failed in that run.
//	runvers   run id + article key → uint32 big-endian version number: the
//	          versions each run wrote, so a diff reads only what changed.
//	articles  article key → JSON Article: source, current id, title,
//	          published, first/last run and time seen, latest version
//	          number, SHA-256 of the latest canonical result.
//	ids       article id + 0x00 + article key → empty: every id an article
//	          had, for Resolve.
//	versions  article key + 0x00 + uint32 big-endian n → run id (8 bytes
//	          BE), unix nanoseconds (8 bytes BE), cause length (2 bytes
//	          BE), cause, then the canonical ArticleResult JSON. The header
//	          is read without decoding the JSON.
//	sources   article key → JSON SourceEntry: size, mtime, ETag,
//	          Last-Modified, last article id, extractor fingerprint, and
//	          whether the last attempt failed. A file with the same size,
//	          mtime and fingerprint is skipped without being read; a URL
//	          is fetched with its ETag and Last-Modified (a conditional
//	          request), and a 304 is skipped alike. A feed URL has an
//	          entry too, marked "feed": true, with no article (its
//	          article id is ""): only its validators, the fingerprint
//	          they are valid for, its items' keys as last listed, and
//	          whether the feed or one of its items failed last time. The field is optional JSON, so the
//	          format version is unchanged; an older dealwatch never looks
//	          feed URLs up (it reads files only).
//	llmcache  request key → JSON extract.CacheEntry (raw answer, usage,
//	          time). *DB implements extract.Cache.
//	dealruns  run id → JSON {deals, review, unverified, by, delta}: the
//	          run has a deal snapshot; run id + deal id → empty: the deals
//	          whose brief that run changed (format 2, "delta": true; in
//	          format 1 the value was every deal's JSON DealBrief).
//	dealhist  deal id + 0x00 + run id → JSON DealBrief as of the end of
//	          that run, written only when it changed (empty: the deal
//	          ceased to be): the briefs of any run, for diff.
//	dealsnap  the latest deal snapshot: "fmt" → "2"; "run" → run id;
//	          "meta" → its counts and reconciler; "p" + deal id → the
//	          deal's canonical JSON (a "deals --json" line); "x" + deal id
//	          → the HistoryEntry and Conflict fields that do not marshal
//	          (sources, notes, evidence…); "b" + deal id → JSON DealBrief;
//	          "u" + deal id + 0x00 + article id + 0x00 + uint32 BE seq →
//	          deal id + 0x00 + JSON unverified fact; "q" + deal id →
//	          empty: the deal needs review (the review queue's index);
//	          "n" + folded party name + 0x00 + deal id → empty (the
//	          party index of "deals --party"); "index" → the run they
//	          are kept from and the number of deals (snapindex.go).
//	dealidx   "k" + article key → JSON IndexEntry (article id, identity
//	          keys of its deals, the deals it is in); "i" + identity key +
//	          0x00 + article key → empty; "f" + article key → the
//	          article's reconcile-ready facts (binary Facts, see
//	          dealfacts.go), current when dealsnap's "frun" is its "run".
//	batches   batch id → JSON Batch: a batch submitted to the Batch API
//	          (status, files, request counts, each request's custom_id
//	          and source, whether its results are collected). Written
//	          as soon as the batch is created, so a killed run never
//	          loses it: the next run asks the server about it.
//	batchresults custom_id (the LLM cache key) → one raw line of a
//	          finished batch's output or error file, kept until the
//	          article's answer is in llmcache. Both buckets are created
//	          on first use; an older dealwatch ignores them.
//
//	decisions reviewers' decisions, append-only: "s" + uint64 BE seq →
//	          JSON Decision; "d" + deal id + 0x00 + seq → empty (one
//	          deal's decisions). Both written in one transaction by
//	          Decide. See decisions.go.
//	artlist   article key → a compact copy of the article record
//	          (fields ended by 0x00), written with it, for listings.
//	artidx    "s" + status + 0x00 + article key → empty: the article's
//	          status as its artlist entry says; "f" + source key →
//	          empty: the source's last attempt failed; "run" → the run
//	          they are kept from (artindex.go). "articles --status"
//	          reads only the articles it lists.
//	dealexp   the export index of the latest deal snapshot, written
//	          with it (see dealexport.go): "\x00run" → the snapshot run
//	          it is current for; 'a' + article id + 0x00 + deal id →
//	          what the per-article export matches that article's facts
//	          on; 'd' + deal id → the deal's DealDigest; 'r' + order key
//	          → empty, the deals in "export --deals" order; 's' + source
//	          + 0x00 + article key → its id and latest version, the
//	          articles in "export" order.
//
// # Decisions
//
// A reviewer's decision (Decide) is about one reconciled deal and is
// keyed to the evidence the reviewer saw (EvidenceOf: the deal's
// current figure, its conflicts' sides and its articles' facts). The
// snapshot a run stores is reconciled without decisions; readers apply
// them (ApplyDecisions), so a decision counts at once, and a decision
// whose claims are no longer all among those it saw is stale: the deal
// is back in the queue (StateChanged) with the decision shown. Runs,
// backends and schema versions never touch the bucket; article ids are
// hashes of the text and values leave out offsets, so the same evidence
// gives the same claims whatever produced it.
//
// # Deal snapshots
//
// "dealwatch run" brings the snapshot up to date before marking the run
// complete: the articles written since the last snapshot, and every
// article that shares a deal identity key with them (DealComponents),
// are reconciled again and their deals replaced (ReplaceDeals,
// FinishDeals), so the cost follows the night's articles, not the store,
// and a run that changes nothing adds a marker of a few bytes. Readers
// use the snapshot while no run after it wrote a version (the last key
// of runvers), whoever reconciled it (SnapshotBy says so; the next run
// of another dealwatch reconciles everything again), and reconcile the
// stored results otherwise: a killed run that stored some articles. A
// store with a format-1 snapshot (PutDeals, CarryDeals) is read as it
// was and converted by the next run. The buckets are created on first
// use, so the format version is unchanged and an older dealwatch ignores
// them.
//
// # Runs and crashes
//
// A run is created in state running and every batch updates its
// counters in the same transaction as the data, so the counters never
// disagree with what was stored. A process killed mid-run leaves the run
// running; the next Open for writing marks it aborted (no live process
// can own it, since the writer holds the file lock). The next run finds
// the articles the killed run stored in the source index and skips them,
// so it ends in the same state as an uninterrupted run.
//
// A failed article (status "failed") is never stored as a version: the
// article keeps its last good version, the failure is recorded in the
// run's errors, and its source entry is marked so the next run retries
// it.
//
// # Locking
//
// A writer takes an exclusive flock on FILE.lock (created next to the
// store, never removed) for as long as it is open: a second writer gets
// ErrLocked after Options.Timeout, and "stale running runs are aborted
// at the next write open" stays true because no live writer can own
// them. The writer opens the bbolt file (bbolt's exclusive lock) only
// while one of its methods runs and closes it when none does, so a
// read-only Open (bbolt's shared lock) gets in between two batches of a
// run and sees what is committed. A batch waits up to ReaderWait for
// readers to close. Nothing about crash safety changes: every write is
// still one bbolt transaction. Caveat: a dealwatch older than the lock
// file ignores it; started during a run it would take the bbolt file
// between two batches and mark the run aborted (the run then stops with
// ErrRunFinished, nothing stored is lost). On platforms without flock
// the writer keeps the bbolt file open, and readers wait.
//
// The writer's lock file is named after the file the store's path
// resolves to, so a symbolic link locks the same file; a writer refuses
// a store with several hard links (ErrLinked). A reader tells a live run
// from a killed one with WriterActive.
//
// # Damaged files
//
// Before bbolt maps a file, Open checks it: both meta pages' magic,
// version and checksum, and the file's size against the page count of
// the meta bbolt will use, since bbolt trusts it and a read past the end
// of a truncated file is a SIGBUS no recover catches. Panics of bbolt on
// a damaged page, and memory faults on the mapped file, are caught in
// every transaction (debug.SetPanicOnFault). All of these are a
// *CorruptError (ErrCorrupt) naming the file and the way out: Check
// lists the problems, Recover copies every readable run, version, source
// entry and cached answer into a new, consistent store.
//
// Bytes read from bbolt are valid only inside a transaction; everything
// this package returns is decoded or copied first.
package store

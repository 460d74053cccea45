// Package extract is the domain room of dealwatch: the types every other
// room speaks (Article, ArticleResult, Deal, Money, ReconciledDeal), the
// narrow interfaces it consumes (Detector, Extractor), the Pipeline that
// turns articles into results, and grounding of figures against the text.
// The types of reconciled deals (ReconciledDeal, Current, HistoryEntry,
// Conflict, UnverifiedFact, DealChange) live here too; the reconciler
// that produces them is extract/reconcile.
//
// # Basics
//
// Data moves one way: sources produce Articles, a Pipeline (language
// detection, an Extractor backend, Ground) produces ArticleResults, the
// store keeps them, and reconcile.Reconcile (extract/reconcile) groups
// the latest results into ReconciledDeals.
//
// Pipeline.Run keeps the backend busy: the language detection (CPU work)
// runs on at most GOMAXPROCS goroutines ahead of the backend, the
// Concurrency slots are held only around the backend call, and emit runs
// on Run's own goroutine behind a bounded buffer, so a slow consumer (a
// store commit) does not stop the workers.
//
// ArticleResult marshals to exactly the schema embedded in this package
// (see ArticleResultSchema); the schema files are the project's contract.
//
// # Caveats
//
// extract imports only the standard library and extract/figures.
// Backends (extract/rules, extract/llm) and the language detector
// (extract/langid) are sub-packages that satisfy its interfaces; lingua-go
// and go-openai must never be linked by this package (make deps-check).
package extract

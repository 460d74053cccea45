// Package reconcile groups the deals that articles state into real-world
// deals: one ReconciledDeal per deal, with its current figure, the
// history of what each article said and how it relates to what was known
// before, and the conflicts a person must review.
//
// # Basics
//
// Reconcile takes the latest ArticleResult of every article and returns
// the reconciled deals sorted by id; Unverified returns the facts it does
// not count (not grounded, no party named); CompareReconciled says what
// changed between the deals of two runs. All three are pure functions:
// the same results in any order give the same output.
//
// The types (extract.ReconciledDeal, extract.Current,
// extract.HistoryEntry, extract.Conflict, extract.Relation...) live in
// package extract, the domain room; this package holds only the logic.
//
// # Caveats
//
// reconcile imports only the standard library, extract and
// extract/figures (make deps-check).
package reconcile

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
// Options changes how the results are read; its zero value (and a nil
// *Options) is what the package functions use:
//
//	deals := reconcile.Reconcile(results) // no ventures known
//	opts := &reconcile.Options{Ventures: extract.KnownVentures()}
//	deals, unverified := opts.All(results)
//
// # Identity and time
//
// A deal rests on its kind and its principal payer and payee by role
// (a funding round on its raiser), not on the exact set of parties an
// article names; joint ventures (Options.Ventures, see
// extract.KnownVentures) stand for their members. Figures of the same
// parties far apart in time (Options.Gap), with no revision cue and no
// figure in common, are separate deals. See Options.Reconcile.
//
// # Relations and the current figure
//
// Each article's view of a deal gets a relation to what was known
// before (extract.Relation: same, revised, increment, confirmed,
// superseded, additional detail, restated, conflict). The current figure
// says which article it comes from and why (extract.CurrentReason). A
// deal has at most one conflict per field, listing every disagreeing
// value with its article and a machine-readable cause.
//
// # Reviewer decisions
//
// Reconciliation knows nothing of reviewers: store.ApplyDecisions applies
// their decisions to the deals Reconcile returns, the one way to do so.
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

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
// extract.KnownVentures, and those the articles describe: "Helios, the
// joint venture of A and B", "la nueva sociedad conjunta de A y B")
// stand for their members; a fact that names a venture with its members
// has the venture as principal, so a co-investor one outlet names does
// not split it. A co-signer's figure-less fact that refers back to the
// agreement, and a figure-less investor lined up for a party, join that
// deal of their article. A figure-less
// round that names only its raiser joins the one investment into that
// raiser that the same article, or one within a month, states. Figures of the same
// parties far apart in time (Options.Gap), with no revision cue and no
// figure in common, are separate deals. See Options.Reconcile.
//
// A fact the backend is unsure of (confidence under
// extract.MinConfidence) is not counted: Unverified lists it with reason
// low_confidence, and it is never in a deal, a conflict or the review
// queue.
//
// # Relations and the current figure
//
// Each article's view of a deal gets a relation to what was known
// before (extract.Relation: same, revised, increment, confirmed,
// superseded, additional detail, restated, revised, conflict). A status
// that contradicts an earlier one is a conflict unless the article
// states the reversal ("rejected the offer, two months after giving its
// preliminary approval", "da marcha atrás", "ci ha ripensato"): then the
// status moves on (relation revised). Two outlets within three days, one
// saying the deal is signed and the other that it is not signed yet, are
// a status conflict; an expansion that extends the term is not a term
// conflict. Background recalls never conflict, never keep a deal alive
// in time and never lend it their stage. Contracts that an article presents
// as further or new ("a further $0.8 billion", "un nuovo contratto")
// add to the deal's total, and a figure stated as the new total
// ("bringing the total to $4.2 billion") replaces it. The current figure
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

package main

import (
	"fmt"
	"io"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// openDesk reads the latest deals and every decision for the review
// commands, with the CLI's reconciliation for stores without a current
// snapshot.
func openDesk(db *store.DB) (*store.Desk, error) {
	return store.OpenDesk(db, func(rs []extract.ArticleResult) ([]extract.ReconciledDeal, []extract.UnverifiedFact) {
		return reconcileOptions().All(rs)
	})
}

// writeDealDecisions writes the review part of "history DEAL_ID": the
// state and every decision, the stale ones marked.
func writeDealDecisions(w io.Writer, c termColours, rd store.ReviewedDeal, all []store.Decision) {
	if len(all) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (review state: %s)\n", c.bold("DECISIONS"), rd.State)
	earlier := map[uint64]bool{}
	for _, d := range rd.Earlier {
		earlier[d.Seq] = true
	}
	applied := map[uint64]bool{}
	for _, d := range rd.Applied {
		applied[d.Seq] = true
	}
	for _, d := range all {
		mark := "  "
		switch {
		case applied[d.Seq]:
			mark = "✓ "
		case earlier[d.Seq]:
			mark = "! "
		}
		fmt.Fprintf(w, "  %s%s\n", mark, decisionLine(d))
	}
	if len(rd.Earlier) > 0 {
		fmt.Fprintln(w, "  (! made on evidence that changed since: the deal is back in the review queue)")
	}
}

// queueLength returns how many of the deals of briefs (the latest
// snapshot) wait for review once the decisions are applied.
func queueLength(db *store.DB, briefs []store.DealBrief) (int, error) {
	decisions, err := db.DecisionsByDeal()
	if err != nil {
		return 0, fmt.Errorf("read decisions: %w", err)
	}
	n := 0
	for _, b := range briefs {
		decs := decisions[b.ID]
		if len(decs) == 0 {
			if b.Review == extract.ReviewNeeded {
				n++
			}
			continue
		}
		d, _, ok, err := db.LatestDeal(b.ID)
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, fmt.Errorf("deal %s: the snapshot just stored is not current", b.ID)
		}
		if store.ApplyDecisions(&d, decs).State.InQueue() {
			n++
		}
	}
	return n, nil
}

// findDeskDeal is findDealID among the desk's deals.
func findDeskDeal(l *store.Desk, ref string) (string, error) {
	ids, err := l.IDs()
	if err != nil {
		return "", err
	}
	return findDealID(ids, ref)
}

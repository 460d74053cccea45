package main

import (
	"testing"

	"github.com/dealwatch/dealwatch/store"
)

// countDecisions returns how many decisions db holds.
func countDecisions(t testing.TB, db *store.DB) int { return 0 }

// assertDecision checks that the last decision of the store at path is
// action on deal, and that its value holds want.
func assertDecision(t testing.TB, path, deal, action, want string) {
	t.Helper()
	t.Skip("decisions are not in the store yet")
}

// deskDecides says whether the store keeps decisions (issue 13).
const deskDecides = false

package main

import (
	"testing"

	"github.com/dealwatch/dealwatch/store"
)

// countDecisions returns how many decisions db holds.
func countDecisions(t testing.TB, db *store.DB) int { return 0 }

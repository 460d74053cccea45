package main

import (
	"os"
	"testing"
	"time"
)

// TestMain runs the tests in UTC, so human output (local times with the
// zone) is the same on every machine.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Titles, file names and article text are untrusted: no read command
// prints an escape sequence, a bell or a control character from them,
// nor splits a single-line field.
func TestReviewScreensSanitise(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(t.TempDir(), "s.db")
	evil := "\x1b]0;owned\x07\x1b[2J"
	writeFile(t, dir, "a.txt", nightIT)
	writeFile(t, dir, "b"+evil+".txt", "OpenAI and Amazon \x1b[31msign\n\nNovember 4, 2025\n\nOpenAI signed a $48 billion agreement with Amazon Web Services to buy computing capacity.\n")
	writeFile(t, dir, "c"+evil+".txt", "binary "+evil+evil+evil) // refused: listed as failed, by its name
	mustCLI(t, 1, "run", "--db", db, dir)
	for _, args := range [][]string{
		{"articles"}, {"diff"}, {"diff", "--ids"}, {"review"}, {"deals"}, {"export", "--deals"}, {"export"},
		{"history", "amazon+openai/compute_contract"}, {"show", filepath.Join(dir, "b"+evil+".txt")},
	} {
		out := mustCLI(t, 0, append(args, "--db", db)...)
		if strings.ContainsAny(out, "\x1b\x07\x00") {
			t.Errorf("%v prints control characters:\n%q", args, out)
		}
	}
}

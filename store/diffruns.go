package store

import "strings"

// DiffRuns returns what changed from the end of run a to the end of run
// b (a may be 0: the empty store). It reads only the articles that got a
// version in between. A change whose cause the results alone do not
// explain gets the causes stored with the versions (e.g. "dealwatch
// version changed").
func (db *DB) DiffRuns(a, b uint64) ([]Change, error) {
	var out []Change
	err := db.EachChanged(a, b, func(p Pair) error {
		cause := Cause(p.Before, p.After)
		if cause == "" {
			cause = strings.Join(p.Causes, ", ")
		}
		if cause == "" {
			cause = CauseUnexplained
		}
		out = append(out, DiffResult(p.Before, p.After, cause)...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortChanges(out)
	return out, nil
}

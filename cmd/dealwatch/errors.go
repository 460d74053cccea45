package main

// exitCodeFor returns the exit code of an error that is neither usage nor
// partial failure: 2 for configuration problems such as a store in use,
// else 1.
func exitCodeFor(err error) int {
	return 1
}

//go:build !unix

package reconcile_test

import "time"

// rcCPUTime is not measured on this platform.
func rcCPUTime() time.Duration { return 0 }

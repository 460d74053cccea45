//go:build unix

package langid_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) used by this process so
// far: benchmarks report it per operation because wall time on a shared
// machine says more about the neighbours than about the code.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

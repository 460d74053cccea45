package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// dropResident removes the store's mapped pages from the process's
// resident set (see resident.go). An error changes nothing but memory,
// so it is ignored.
func dropResident(tx *bolt.Tx) {
	size := tx.Size()
	if size <= 0 {
		return
	}
	info := tx.DB().Info()
	syscall.Syscall(syscall.SYS_MADVISE, info.Data, uintptr(size), syscall.MADV_DONTNEED)
}

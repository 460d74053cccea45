//go:build linux

package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped tells the kernel that this process no longer needs the
// pages of the store file it has read mapped (madvise MADV_DONTNEED):
// they stay in the page cache and are mapped again from it, without a
// read from the disk, when they are read again. bbolt maps the file
// shared and read-only, so nothing is lost. A long read of a big store
// (a diff of a whole run reads most of the file) then keeps a few MB of
// it in its resident memory instead of every page it read. A failure
// changes nothing and is ignored.
func releaseMapped(tx *bolt.Tx) {
	size := tx.Size()
	if size <= 0 {
		return
	}
	syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), syscall.MADV_DONTNEED)
}

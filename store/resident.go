package store

import bolt "go.etcd.io/bbolt"

// Resident pages. bbolt reads the file through a shared read-only
// mapping, and the kernel counts every page of it a transaction touched
// (and, with fault-around, its cached neighbours) in the process's
// resident set until the mapping is closed. A scan of every article or
// of the results of a deal with thousands of sources would keep most of
// the file resident: 177 MB of a 311 MB store at 50,000 articles, the
// largest part of a run's peak RSS. Long scans call pager.step, which
// every pagerEvery keys tells the kernel the mapping's pages are not
// needed now (madvise MADV_DONTNEED, resident_linux.go). The data stays
// in the page cache and a later access maps it again, unchanged, so
// this costs a little time and nothing else; it is done from inside the
// transaction, while bbolt cannot remap the file.

// pagerEvery is how many keys a scan reads between two drops: about
// half a megabyte of results (a few megabytes mapped, with the
// neighbours fault-around maps).
const pagerEvery = 512

// pager counts the keys a scan in tx has read.
type pager struct {
	tx *bolt.Tx
	n  int
}

// step counts one key and drops the resident pages every pagerEvery.
func (p *pager) step() {
	p.n++
	if p.n%pagerEvery == 0 {
		dropResident(p.tx)
	}
}

// stepBytes counts a value of size bytes as one key a kilobyte.
func (p *pager) stepBytes(size int) {
	before := p.n / pagerEvery
	p.n += 1 + size>>10
	if p.n/pagerEvery != before {
		dropResident(p.tx)
	}
}

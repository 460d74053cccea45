//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// dropResident does nothing where the mapping's resident pages are not
// dropped (see resident.go).
func dropResident(*bolt.Tx) {}

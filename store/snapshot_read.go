package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// Reads of the latest deal snapshot that decode only what they return,
// for the commands that must answer at once on a big store.

// LatestSnapshotRun returns the run of the latest deal snapshot; ok is
// false when there is no current snapshot (the deals must be
// reconciled).
func (db *DB) LatestSnapshotRun() (run uint64, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		run, ok = db.currentSnapshot(tx)
		return nil
	})
	return run, ok, err
}

// SnapshotDealIDs returns the ids of the deals of the latest snapshot,
// sorted, without decoding them, and the snapshot's run; ok is false
// when there is no current snapshot.
func (db *DB) SnapshotDealIDs() (ids []string, run uint64, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		run, ok = db.currentSnapshot(tx)
		if !ok {
			return nil
		}
		if !isFmt2(tx) {
			briefs, found, err := db.briefsAt(tx, run)
			if err != nil || !found {
				ok = found
				return err
			}
			for _, b := range briefs {
				ids = append(ids, b.ID)
			}
			return nil
		}
		c := tx.Bucket(bucketDealSnap).Cursor()
		prefix := []byte{snapBrief}
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			ids = append(ids, string(k[1:]))
		}
		return nil
	})
	return ids, run, ok, err
}

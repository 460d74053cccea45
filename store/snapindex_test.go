package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	bolt "go.etcd.io/bbolt"
)

// snapshotDeals stores the deals of the latest results as run run's
// snapshot: everything again after ResetDeals when reset, else only the
// deals whose id starts with one of keys (as a run replaces the deals
// of the articles it changed).
func snapshotDeals(t *testing.T, db *DB, run uint64, reset bool, keys ...string) {
	t.Helper()
	rs, err := db.Latest()
	if err != nil {
		t.Fatal(err)
	}
	ds, _ := reconcileAll(rs)
	if reset {
		if err := db.ResetDeals(); err != nil {
			t.Fatal(err)
		}
		keys = nil
		for _, d := range ds {
			keys = append(keys, d.ID)
		}
	}
	var mine []extract.ReconciledDeal
	for _, d := range ds {
		if slices.ContainsFunc(keys, func(k string) bool { return d.ID == k || strings.HasPrefix(d.ID, k+"/") }) {
			mine = append(mine, d)
		}
	}
	delta, err := db.ReplaceDeals(run, keys, mine, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.FinishDeals(run, delta, nil, nil, reset); err != nil {
		t.Fatal(err)
	}
}

// deskReads is what the review queue, "deals --party" and "deals
// --party --json" read for parties, as text.
func deskReads(t *testing.T, db *DB, parties ...string) string {
	t.Helper()
	var b strings.Builder
	desk, err := OpenDesk(db, reconcileAll)
	if err != nil {
		t.Fatal(err)
	}
	items, total, err := desk.Queue(0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "queue of %d:", total)
	for _, it := range items {
		fmt.Fprintf(&b, " %s since %q %s %d conflicts;", it.Deal.ID, it.Since, it.State, len(it.Deal.Conflicts))
	}
	for _, p := range parties {
		desk, err := OpenDesk(db, reconcileAll)
		if err != nil {
			t.Fatal(err)
		}
		shown := func(briefs []DealBrief, states map[string]ReviewState, total int) string {
			s := fmt.Sprintf("\nparty %q of %d:", p, total)
			for _, br := range briefs {
				if slices.ContainsFunc(br.Parties, func(q string) bool { return strings.EqualFold(q, p) }) {
					s += fmt.Sprintf(" %s %s;", br.ID, states[br.ID])
				}
			}
			return s
		}
		briefs, states, _, total, err := desk.StatesOfParty(p)
		if err != nil {
			t.Fatal(err)
		}
		got := shown(briefs, states, total)
		b.WriteString(got)
		// What every decided deal and every brief that may name the
		// party give.
		desk, err = OpenDesk(db, reconcileAll)
		if err != nil {
			t.Fatal(err)
		}
		briefs, states, _, total, err = desk.StatesMatching(func(raw []byte) bool { return BriefMayName(raw, p) })
		if err != nil {
			t.Fatal(err)
		}
		if want := shown(briefs, states, total); got != want {
			t.Errorf("StatesOfParty(%q):%s\nStatesMatching:%s", p, got, want)
		}
		b.WriteString(" lines:")
		line := func(l []byte) error {
			var d extract.ReconciledDeal
			if err := json.Unmarshal(l, &d); err != nil {
				return err
			}
			if slices.ContainsFunc(d.Parties, func(q string) bool { return strings.EqualFold(q, p) }) {
				fmt.Fprintf(&b, " %s;", d.ID)
			}
			return nil
		}
		ok, indexed, err := db.EachPartyDealLine(p, line)
		if err == nil && ok && !indexed {
			ok, err = db.EachLatestDealLine(line)
		}
		if err != nil || !ok {
			t.Fatalf("party %q lines: %v, %v", p, ok, err)
		}
	}
	return b.String()
}

// dealIndexFresh reports whether readers use the deal index.
func dealIndexFresh(db *DB) (ok bool) {
	db.view(func(tx *bolt.Tx) error { _, _, ok = freshDealIndex(tx); return nil })
	return ok
}

// sameWithoutDealIndex fails t unless the readers read the deal index
// and give what they give scanning the briefs (the index marker taken
// away for the time of the reads), which is want when not "".
func sameWithoutDealIndex(t *testing.T, db *DB, want string, parties ...string) {
	t.Helper()
	if !dealIndexFresh(db) {
		t.Fatal("the readers do not use the deal index")
	}
	if err := db.Check(); err != nil {
		t.Fatalf("check: %v", err)
	}
	indexed := deskReads(t, db, parties...)
	var marker []byte
	rawUpdate(t, db, func(tx *bolt.Tx) error {
		snap := tx.Bucket(bucketDealSnap)
		marker = append([]byte(nil), snap.Get(keySnapIndex)...)
		return snap.Delete(keySnapIndex)
	})
	if dealIndexFresh(db) {
		t.Fatal("the readers use a deal index without its marker")
	}
	scanned := deskReads(t, db, parties...)
	rawUpdate(t, db, func(tx *bolt.Tx) error { return tx.Bucket(bucketDealSnap).Put(keySnapIndex, marker) })
	if indexed != scanned {
		t.Errorf("with the deal index:\n%s\nscanning the briefs:\n%s", indexed, scanned)
	}
	if want != "" && indexed != want {
		t.Errorf("reads:\n%s\nwant\n%s", indexed, want)
	}
}

func rawUpdate(t *testing.T, db *DB, fn func(tx *bolt.Tx) error) {
	t.Helper()
	if err := db.update(fn); err != nil {
		t.Fatal(err)
	}
}

// The review-queue and party indexes follow the briefs through a full
// snapshot and incremental replaces: a deal that leaves the queue after
// an edited article, a deal that another replaces (new parties), a deal
// decided on; the readers that use them give what scanning gives.
func TestDealIndexFollowsTheBriefs(t *testing.T) {
	db := mustOpenDB(t)
	a := result("/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
	b := result("/b.txt", "sha256:bbbb", deal(extract.KindCompute, extract.DealAgreed, money(48, 9, "USD"), "OpenAI", "Amazon"))
	c := result("/c.txt", "sha256:cccc", deal(extract.KindInvestment, extract.DealAgreed, money(5, 9, "EUR"), "Ångström AI", "Oracle"))
	a.Article.Published, b.Article.Published, c.Article.Published = extract.Ptr("2025-11-03"), extract.Ptr("2025-11-04"), extract.Ptr("2025-11-05")
	parties := []string{"openai", "AMAZON", "ångström ai", "ÅNGSTRÖM AI", "oracle", "AWS", "nobody"}

	run, _ := runOnce(t, db, a, b, c)
	snapshotDeals(t, db, run.ID, true)
	sameWithoutDealIndex(t, db, "", parties...)
	reads := deskReads(t, db, parties...)
	for _, want := range []string{"queue of 1: amazon+openai/", `party "ÅNGSTRÖM AI" of 2: `} {
		if !strings.Contains(reads, want) {
			t.Errorf("run 1 reads:\n%s\nwant %q in them", reads, want)
		}
	}

	// b agrees with a now: the deal leaves the queue; only its deal is
	// replaced.
	b.Deals[0].Amount = money(38, 9, "USD")
	run, _ = runOnce(t, db, a, b, c)
	snapshotDeals(t, db, run.ID, false, "amazon+openai")
	sameWithoutDealIndex(t, db, "", parties...)
	if reads := deskReads(t, db, parties...); !strings.HasPrefix(reads, "queue of 0:") {
		t.Errorf("after the edit the queue is %s", reads)
	}

	// a and b name AWS: the Amazon deal is replaced by an AWS deal that
	// needs review again.
	a.Deals[0].Parties[1].Name, b.Deals[0].Parties[1].Name = "AWS", "AWS"
	b.Deals[0].Amount = money(50, 9, "USD")
	run, _ = runOnce(t, db, a, b, c)
	snapshotDeals(t, db, run.ID, false, "amazon+openai", "aws+openai")
	sameWithoutDealIndex(t, db, "", parties...)
	reads = deskReads(t, db, parties...)
	if !strings.Contains(reads, "queue of 1: aws+openai/") || !strings.Contains(reads, `party "AMAZON" of 2: lines:`) {
		t.Errorf("after the merge the reads are\n%s", reads)
	}

	// A reviewer dismisses the AWS deal: the queue reads it as decided.
	desk, err := OpenDesk(db, reconcileAll)
	if err != nil {
		t.Fatal(err)
	}
	items, _, err := desk.Queue(0)
	if err != nil || len(items) != 1 {
		t.Fatalf("queue = %+v, %v", items, err)
	}
	raw, _, err := desk.Raw(items[0].Deal.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Decide(context.Background(), Decision{Deal: raw.ID, Action: Dismiss, By: "ann", Evidence: EvidenceOf(&raw)}); err != nil {
		t.Fatal(err)
	}
	sameWithoutDealIndex(t, db, "", parties...)
	if reads := deskReads(t, db, parties...); !strings.HasPrefix(reads, "queue of 0:") || !strings.Contains(reads, "dismissed") {
		t.Errorf("after the dismiss the reads are\n%s", reads)
	}

	// The Oracle deal is rejected as a whole: it no longer counts, also
	// for the parties it does not name.
	raw, _, err = desk.Raw("oracle+ångström-ai/investment")
	if err != nil {
		ids, _ := desk.IDs()
		t.Fatalf("%v (deals %v)", err, ids)
	}
	if _, err := db.Decide(context.Background(), Decision{Deal: raw.ID, Action: Reject, By: "ann", Evidence: EvidenceOf(&raw)}); err != nil {
		t.Fatal(err)
	}
	sameWithoutDealIndex(t, db, "", parties...)
	if reads := deskReads(t, db, parties...); !strings.Contains(reads, `party "openai" of 1:`) || !strings.Contains(reads, `party "oracle" of 1: lines:`) {
		t.Errorf("after the reject the reads are\n%s", reads)
	}
}

// A store whose deal index is missing (written by a dealwatch without
// it) or left behind (a later run did not keep it, and changed the
// briefs) is read by scanning the briefs; the next run rebuilds it.
func TestDealIndexFallback(t *testing.T) {
	db := mustOpenDB(t)
	a := result("/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
	b := result("/b.txt", "sha256:bbbb", deal(extract.KindCompute, extract.DealAgreed, money(48, 9, "USD"), "OpenAI", "Amazon"))
	a.Article.Published, b.Article.Published = extract.Ptr("2025-11-03"), extract.Ptr("2025-11-04")
	run, _ := runOnce(t, db, a, b)
	snapshotDeals(t, db, run.ID, true)
	want := deskReads(t, db, "amazon")
	if !strings.HasPrefix(want, "queue of 1: ") || !strings.Contains(want, "lines: amazon+openai/") {
		t.Fatalf("reads = %s", want)
	}
	for _, c := range []struct {
		name   string
		damage func(tx *bolt.Tx) error
	}{
		{"missing", func(tx *bolt.Tx) error { return tx.Bucket(bucketDealSnap).Delete(keySnapIndex) }},
		{"left behind", func(tx *bolt.Tx) error {
			// A run of a dealwatch without the index, which emptied it
			// as far as readers trusting it could tell.
			runs := tx.Bucket(bucketRuns)
			id, _ := runs.NextSequence()
			if err := putJSON(runs, u64(id), Run{ID: id, State: RunComplete}); err != nil {
				return err
			}
			snap := tx.Bucket(bucketDealSnap)
			for _, p := range []byte{snapQueue, snapParty} {
				if err := deletePrefix(snap, []byte{p}); err != nil {
					return err
				}
			}
			return nil
		}},
	} {
		rawUpdate(t, db, c.damage)
		if dealIndexFresh(db) {
			t.Fatalf("%s: the readers use the deal index", c.name)
		}
		if got := deskReads(t, db, "amazon"); got != want {
			t.Errorf("%s: reads\n%s\nwant\n%s", c.name, got, want)
		}
		if err := db.Check(); err != nil {
			t.Errorf("%s: check = %v, want nothing (an index readers do not use is not checked)", c.name, err)
		}
		// The next run rebuilds it, even one that changes nothing.
		runOnce(t, db, a, b)
		sameWithoutDealIndex(t, db, want, "amazon")
	}
}

// Check reports an index that disagrees with the briefs.
func TestCheckDealIndex(t *testing.T) {
	for _, c := range []struct {
		name   string
		damage func(snap *bolt.Bucket) error
		want   string
	}{
		{"queue key lost", func(snap *bolt.Bucket) error { return deletePrefix(snap, []byte{snapQueue}) }, "needs review but is not in the review queue index"},
		{"party key lost", func(snap *bolt.Bucket) error { return deletePrefix(snap, partyPrefix("amazon")) }, `names party "AMAZON" but the party index has no key`},
		{"stray key", func(snap *bolt.Bucket) error {
			return snap.Put(partyKey(foldParty("Oracle"), "amazon+openai/compute_contract"), nil)
		}, "names no deal of the latest snapshot"},
		{"wrong place", func(snap *bolt.Bucket) error {
			return snap.Put(append([]byte{snapQueue}, "amazon+openai/compute_contract"...), []byte("1999-01-01T00:00:00Z"))
		}, `its queue key says "1999-01-01T00:00:00Z"`},
		{"count", func(snap *bolt.Bucket) error { run, _, _ := dealIndex(snap); return putDealIndex(snap, run, 7) }, "deal index counts 7 deals, the latest snapshot has 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(t.TempDir()+"/x.db", &Options{NoSync: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			a := result("/a.txt", "sha256:aaaa", deal(extract.KindCompute, extract.DealAgreed, money(38, 9, "USD"), "OpenAI", "Amazon"))
			b := result("/b.txt", "sha256:bbbb", deal(extract.KindCompute, extract.DealAgreed, money(48, 9, "USD"), "OpenAI", "Amazon"))
			a.Article.Published, b.Article.Published = extract.Ptr("2025-11-03"), extract.Ptr("2025-11-04")
			run, _ := runOnce(t, db, a, b)
			snapshotDeals(t, db, run.ID, true)
			if err := db.Check(); err != nil {
				t.Fatalf("check before = %v", err)
			}
			rawUpdate(t, db, func(tx *bolt.Tx) error { return c.damage(tx.Bucket(bucketDealSnap)) })
			err = db.Check()
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "dealwatch recover") {
				t.Errorf("check = %v, want %q and the way out", err, c.want)
			}
		})
	}
}

// foldParty gives two names the same fold exactly when
// strings.EqualFold says they are equal.
func TestFoldParty(t *testing.T) {
	names := []string{"OpenAI", "openai", "OPENAI", "Kelvin", "\u212aelvin", "kelvin", "Straße", "STRASSE", "ſtraße",
		"Ångström", "ÅNGSTRÖM", "\u212bngström", "İstanbul", "istanbul", "Istanbul", "ı", "I", "i", "Σίσυφος", "σίσυφοσ", "ΣΊΣΥΦΟΣ",
		"bad\xffbyte", "bad\xfebyte", "bad\uFFFDbyte", "", "a\x00b"}
	for _, x := range names {
		for _, y := range names {
			if eq, same := strings.EqualFold(x, y), string(foldParty(x)) == string(foldParty(y)); eq != same {
				t.Errorf("EqualFold(%q, %q) = %v, but their folds %q and %q are equal: %v", x, y, eq, foldParty(x), foldParty(y), same)
			}
		}
	}
}

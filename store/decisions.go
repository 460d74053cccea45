package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/dealwatch/dealwatch/extract"
)

// Decisions: what a reviewer decided about a reconciled deal, kept
// append-only in their own bucket, apart from runs, versions and
// snapshots, so they survive new runs, another backend and a new
// schema (none of which touches the bucket).
//
//	decisions  "s" + uint64 BE seq → JSON Decision (seq from the bucket's
//	           sequence, so a cursor iterates in the order they were
//	           made); "d" + deal id + 0x00 + uint64 BE seq → empty: the
//	           decisions of one deal.
//
// Both keys of a decision are written in one transaction, so a killed
// process leaves a decision whole or absent. The bucket is created by
// the first decision: the format version is unchanged and an older
// dealwatch ignores it.
var bucketDecisions = []byte("decisions")

const (
	decSeq  = 's'
	decDeal = 'd'
)

// Action is what a reviewer decided.
type Action string

// The actions of a Decision.
const (
	// Resolve settles a conflict by choosing one of its values (Value)
	// or the article that states it (Article): the chosen figure becomes
	// the deal's current one.
	Resolve Action = "resolve"
	// Dismiss says a conflict is not a real disagreement: it no longer
	// needs review, and the current figure stays.
	Dismiss Action = "dismiss"
	// Reject says a fact is wrong (not a deal, wrong parties, a misread
	// figure): the facts of Article, or of the whole deal when Article is
	// "", count like ungrounded facts.
	Reject Action = "reject"
	// Confirm says the deal as it stands is right: its current figure is
	// vouched for and its conflicts no longer need review.
	Confirm Action = "confirm"
	// Reopen undoes the deal's earlier decisions and puts it back in the
	// queue.
	Reopen Action = "reopen"
)

// Actions lists every Action.
var Actions = []Action{Resolve, Dismiss, Reject, Confirm, Reopen}

// Decision is one reviewer decision about a reconciled deal.
type Decision struct {
	// Seq orders the decisions of the store; set by Decide.
	Seq uint64 `json:"seq"`
	// Deal is the reconciled deal's id (lowercase).
	Deal   string `json:"deal"`
	Action Action `json:"action"`
	// Field is the conflict field a resolve or dismiss settles; ""
	// means every conflict of the deal.
	Field extract.ConflictField `json:"field,omitempty"`
	// Value is the chosen value of a resolve, as the conflict holds it
	// (JSON: a money object, a status string, a number of years...).
	Value json.RawMessage `json:"value,omitempty"`
	// Article is the article id chosen by a resolve, or whose facts a
	// reject rejects.
	Article string `json:"article,omitempty"`
	Note    string `json:"note,omitempty"`
	// By is the reviewer; Time is when the decision was stored (set by
	// Decide when zero).
	By   string    `json:"by"`
	Time time.Time `json:"time"`
	// Evidence is what the reviewer saw: the deal's claims (Evidence),
	// and Fingerprint, a short hash of them. A decision holds while the
	// claims it is about are among these (see Stale).
	Evidence    []string `json:"evidence"`
	Fingerprint string   `json:"fingerprint"`
}

// Errors of Decide.
var (
	// ErrBadDecision means a decision lacks what its action needs.
	ErrBadDecision = errors.New("invalid decision")
)

// Validate checks that d is complete enough to store.
func (d Decision) Validate() error {
	switch {
	case d.Deal == "":
		return fmt.Errorf("%w: no deal", ErrBadDecision)
	case !validAction(d.Action):
		return fmt.Errorf("%w: unknown action %q", ErrBadDecision, d.Action)
	case d.Action == Resolve && len(d.Value) == 0 && d.Article == "":
		return fmt.Errorf("%w: resolve needs a value or an article", ErrBadDecision)
	case d.Action != Reopen && len(d.Evidence) == 0:
		return fmt.Errorf("%w: no evidence (use EvidenceOf on the deal the reviewer saw)", ErrBadDecision)
	}
	return nil
}

func validAction(a Action) bool {
	for _, x := range Actions {
		if a == x {
			return true
		}
	}
	return false
}

// Decide appends decision d in one transaction and returns it as
// stored (with Seq, Time and Fingerprint set). The deal id is
// lowercased. It returns ErrBadDecision when d is incomplete.
func (db *DB) Decide(ctx context.Context, d Decision) (Decision, error) {
	d.Deal = strings.ToLower(d.Deal)
	if err := d.Validate(); err != nil {
		return Decision{}, err
	}
	if err := ctx.Err(); err != nil {
		return Decision{}, err
	}
	if d.Time.IsZero() {
		d.Time = db.now().UTC()
	}
	d.Evidence = sortedUnique(d.Evidence)
	d.Fingerprint = fingerprint(d.Evidence)
	err := db.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketDecisions)
		if err != nil {
			return err
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		d.Seq = seq
		v, err := json.Marshal(d)
		if err != nil {
			return err
		}
		if err := b.Put(decisionKey(seq), v); err != nil {
			return err
		}
		return b.Put(dealDecisionKey(d.Deal, seq), nil)
	})
	if err != nil {
		return Decision{}, fmt.Errorf("store decision on %s: %w", d.Deal, err)
	}
	return d, nil
}

func decisionKey(seq uint64) []byte { return append([]byte{decSeq}, u64(seq)...) }

func dealDecisionKey(deal string, seq uint64) []byte {
	k := make([]byte, 0, 2+len(deal)+8)
	k = append(k, decDeal)
	k = append(k, deal...)
	k = append(k, 0)
	return append(k, u64(seq)...)
}

// Decisions returns the decisions about deal id (case-insensitive),
// oldest first.
func (db *DB) Decisions(id string) ([]Decision, error) {
	var out []Decision
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecisions)
		if b == nil {
			return nil
		}
		prefix := append(append([]byte{decDeal}, strings.ToLower(id)...), 0)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
			if len(k) != len(prefix)+8 {
				continue
			}
			d, err := getDecision(b, binary.BigEndian.Uint64(k[len(prefix):]))
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// DecisionLog returns every decision, oldest first.
func (db *DB) DecisionLog() ([]Decision, error) {
	var out []Decision
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDecisions)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		for k, v := c.Seek([]byte{decSeq}); k != nil && k[0] == decSeq; k, v = c.Next() {
			var d Decision
			if err := json.Unmarshal(v, &d); err != nil {
				return fmt.Errorf("decode decision %x: %w", k, err)
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// DecisionsByDeal returns every decision grouped by deal id, each
// group oldest first.
func (db *DB) DecisionsByDeal() (map[string][]Decision, error) {
	all, err := db.DecisionLog()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]Decision)
	for _, d := range all {
		out[d.Deal] = append(out[d.Deal], d)
	}
	return out, nil
}

func getDecision(b *bolt.Bucket, seq uint64) (Decision, error) {
	var d Decision
	v := b.Get(decisionKey(seq))
	if v == nil {
		return d, fmt.Errorf("decision %d: %w", seq, ErrNotFound)
	}
	if err := json.Unmarshal(v, &d); err != nil {
		return d, fmt.Errorf("decode decision %d: %w", seq, err)
	}
	return d, nil
}

// checkDecisions checks the decisions bucket: every decision decodes
// under its own seq, and the deal index and the decisions match.
func checkDecisions(tx *bolt.Tx, fail func(string, ...any)) {
	b := tx.Bucket(bucketDecisions)
	if b == nil {
		return
	}
	deals := map[uint64]string{}
	b.ForEach(func(k, v []byte) error {
		switch {
		case len(k) == 9 && k[0] == decSeq:
			var d Decision
			seq := binary.BigEndian.Uint64(k[1:])
			if err := json.Unmarshal(v, &d); err != nil {
				fail("decision %d: %v", seq, err)
			} else if d.Seq != seq || d.Deal == "" || !validAction(d.Action) {
				fail("decision %d holds seq %d, deal %q, action %q", seq, d.Seq, d.Deal, d.Action)
			} else {
				deals[seq] = d.Deal
			}
		case len(k) > 10 && k[0] == decDeal && k[len(k)-9] == 0:
		default:
			fail("bad decision key %q", k)
		}
		return nil
	})
	indexed := map[uint64]bool{}
	b.ForEach(func(k, _ []byte) error {
		if len(k) > 10 && k[0] == decDeal && k[len(k)-9] == 0 {
			seq := binary.BigEndian.Uint64(k[len(k)-8:])
			deal, ok := deals[seq]
			if !ok || deal != string(k[1:len(k)-9]) {
				fail("decision index entry %q names decision %d of deal %q", k, seq, deal)
			}
			indexed[seq] = true
		}
		return nil
	})
	for seq, deal := range deals {
		if !indexed[seq] {
			fail("decision %d on %s is not indexed", seq, deal)
		}
	}
}

// Evidence: the claims a deal makes, as strings that compare equal when
// the claim is the same whatever the run, the backend or the schema
// version that produced it (article ids are hashes of the text; values
// leave out offsets and the text as written).
//
//	current AMOUNT STATUS                  the current figure and stage
//	conflict FIELD ARTICLE VALUE           one side of a conflict
//	fact ARTICLE AMOUNT STATUS             one article's view (history)

// EvidenceOf returns the claims of deal d as reconciled, before any
// decision is applied: what a reviewer looking at d sees.
func EvidenceOf(d *extract.ReconciledDeal) []string {
	out := []string{currentClaim(d)}
	for _, c := range d.Conflicts {
		out = append(out, conflictClaims(c)...)
	}
	for _, h := range d.History {
		out = append(out, factClaim(h.Article, h.Amount, h.Status))
	}
	return sortedUnique(out)
}

func currentClaim(d *extract.ReconciledDeal) string {
	return "current " + moneyNorm(d.Current.Amount) + " " + string(d.Current.Status)
}

func factClaim(article string, m *extract.Money, status extract.DealStatus) string {
	return "fact " + article + " " + moneyNorm(m) + " " + string(status)
}

func conflictClaims(c extract.Conflict) []string {
	out := make([]string, 0, len(c.Articles))
	for i, a := range c.Articles {
		var v any
		if i < len(c.Values) {
			v = c.Values[i]
		}
		out = append(out, "conflict "+string(c.Field)+" "+a+" "+ValueNorm(v))
	}
	return out
}

// moneyNorm is an amount as a claim: value, currency, qualifier,
// period, max.
func moneyNorm(m *extract.Money) string {
	if m == nil {
		return "-"
	}
	s := m.Value.String() + " " + m.Currency + " " + string(m.Qualifier) + " " + string(m.Period)
	if m.Max != nil {
		s += " max " + m.Max.String()
	}
	return s
}

// ValueNorm is a conflict value (extract.Money, Capacity, a string, a
// number, or their JSON as stored in a snapshot) as a claim, without
// offsets or the text as written.
func ValueNorm(v any) string {
	raw, ok := v.(json.RawMessage)
	if !ok {
		var err error
		if raw, err = json.Marshal(v); err != nil {
			return fmt.Sprint(v)
		}
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil && obj != nil {
		if _, isMoney := obj["currency"]; isMoney {
			var m extract.Money
			if json.Unmarshal(raw, &m) == nil {
				return moneyNorm(&m)
			}
		}
		delete(obj, "text")
		delete(obj, "start")
		delete(obj, "end")
		b, _ := json.Marshal(obj) // map keys are sorted
		return string(b)
	}
	return string(bytes.TrimSpace(raw))
}

func sortedUnique(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	j := 0
	for i, s := range out {
		if i == 0 || s != out[j-1] {
			out[j] = s
			j++
		}
	}
	return out[:j]
}

// fingerprint is a short hash of sorted claims.
func fingerprint(claims []string) string {
	h := sha256.New()
	for _, c := range claims {
		h.Write([]byte(c))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Fingerprint returns the fingerprint of deal d's evidence, as a
// Decision made on d now would carry it.
func Fingerprint(d *extract.ReconciledDeal) string { return fingerprint(EvidenceOf(d)) }

// Stale reports whether decision dec no longer holds for deal d (as
// reconciled, before decisions): the claims the decision is about are
// not all among those the reviewer saw.
//
//   - resolve, dismiss: the conflicts of its field (all, when Field is
//     "") hold a value the reviewer did not see;
//   - reject of an article: the article's facts changed; reject of the
//     deal: any claim is new;
//   - confirm: the current figure or a conflict is new;
//   - reopen never goes stale.
func Stale(dec Decision, d *extract.ReconciledDeal) bool {
	seen := make(map[string]bool, len(dec.Evidence))
	for _, c := range dec.Evidence {
		seen[c] = true
	}
	unseen := func(claims ...string) bool {
		for _, c := range claims {
			if !seen[c] {
				return true
			}
		}
		return false
	}
	switch dec.Action {
	case Resolve, Dismiss:
		for _, c := range d.Conflicts {
			if (dec.Field == "" || c.Field == dec.Field) && unseen(conflictClaims(c)...) {
				return true
			}
		}
		return false
	case Reject:
		if dec.Article == "" {
			return unseen(EvidenceOf(d)...)
		}
		for _, h := range d.History {
			if h.Article == dec.Article && unseen(factClaim(h.Article, h.Amount, h.Status)) {
				return true
			}
		}
		return false
	case Confirm:
		if unseen(currentClaim(d)) {
			return true
		}
		for _, c := range d.Conflicts {
			if unseen(conflictClaims(c)...) {
				return true
			}
		}
		return false
	}
	return false
}

package store

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// The binary form of an article's reconcile-ready facts (the "f"
// entries of dealidx, see dealfacts.go): what reconciliation reads of
// a result, a few times faster to decode than the result's JSON.
// Integers are varints (zigzag when signed); a string is its length
// and bytes; a pointer or a slice starts with 0 for nil, else 1 (a
// pointer) or its length plus 1 (a slice), so nil and empty slices stay
// apart as JSON decoding made them. factsFormat is the first byte:
// change it with the layout.
const factsFormat = 1

var errFactsShort = errors.New("facts entry ends early")

type factsWriter struct{ b []byte }

func (w *factsWriter) uint(n int)   { w.b = binary.AppendUvarint(w.b, uint64(n)) }
func (w *factsWriter) int(n int)    { w.b = binary.AppendVarint(w.b, int64(n)) }
func (w *factsWriter) str(s string) { w.uint(len(s)); w.b = append(w.b, s...) }
func (w *factsWriter) bool(v bool) {
	if v {
		w.b = append(w.b, 1)
	} else {
		w.b = append(w.b, 0)
	}
}
func (w *factsWriter) float(f float64) { w.b = binary.BigEndian.AppendUint64(w.b, math.Float64bits(f)) }

// slice writes the head of a slice of n elements, nil or not.
func (w *factsWriter) slice(isNil bool, n int) {
	if isNil {
		w.uint(0)
	} else {
		w.uint(n + 1)
	}
}

func (w *factsWriter) strPtr(s *string) {
	w.bool(s != nil)
	if s != nil {
		w.str(*s)
	}
}

func (w *factsWriter) decimal(d figures.Decimal) {
	w.b = binary.AppendVarint(w.b, d.Coef)
	w.int(d.Exp)
}

func (w *factsWriter) money(m *extract.Money) {
	w.bool(m != nil)
	if m == nil {
		return
	}
	w.decimal(m.Value)
	w.str(m.Currency)
	w.str(string(m.Qualifier))
	w.bool(m.Max != nil)
	if m.Max != nil {
		w.decimal(*m.Max)
	}
	w.str(string(m.Period))
	w.str(m.Text)
	w.int(m.Start)
	w.int(m.End)
}

func (w *factsWriter) span(s extract.Span) { w.str(s.Text); w.int(s.Start); w.int(s.End) }

func (w *factsWriter) deal(d *extract.Deal) {
	w.str(string(d.Kind))
	w.str(string(d.Status))
	w.str(string(d.Confirmation))
	w.str(string(d.Mention))
	w.slice(d.Parties == nil, len(d.Parties))
	for _, p := range d.Parties {
		w.str(p.Name)
		w.str(string(p.Role))
		w.str(p.Mention)
	}
	w.money(d.Amount)
	w.money(d.PreviousAmount)
	w.money(d.Increment)
	w.slice(d.Tranches == nil, len(d.Tranches))
	for i := range d.Tranches {
		w.money(&d.Tranches[i].Amount)
		w.str(string(d.Tranches[i].Condition))
	}
	w.slice(d.Capacity == nil, len(d.Capacity))
	for _, c := range d.Capacity {
		w.decimal(c.Value)
		w.str(c.Unit)
		w.strPtr(c.Purpose)
		w.str(c.Text)
		w.int(c.Start)
		w.int(c.End)
	}
	w.slice(d.Hardware == nil, len(d.Hardware))
	for _, h := range d.Hardware {
		w.str(h)
	}
	w.bool(d.TermYears != nil)
	if d.TermYears != nil {
		w.float(*d.TermYears)
	}
	w.strPtr(d.AnnouncedOn)
	w.span(d.Evidence)
	w.bool(d.Grounded)
	w.float(d.Confidence)
}

// factsReader reads what factsWriter wrote; the first error sticks and
// later reads return zero values.
type factsReader struct {
	b   []byte
	err error
}

func (r *factsReader) fail() {
	if r.err == nil {
		r.err = errFactsShort
	}
	r.b = nil
}

func (r *factsReader) uint() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > math.MaxInt32 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *factsReader) int64() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *factsReader) int() int { return int(r.int64()) }

func (r *factsReader) str() string {
	n := r.uint()
	if n > len(r.b) {
		r.fail()
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func (r *factsReader) bool() bool {
	if len(r.b) == 0 {
		r.fail()
		return false
	}
	v := r.b[0] != 0
	r.b = r.b[1:]
	return v
}

func (r *factsReader) float() float64 {
	if len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := math.Float64frombits(binary.BigEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// count reads a number of elements that follow, each at least a byte.
func (r *factsReader) count() int {
	n := r.uint()
	if n > len(r.b) {
		r.fail()
		return 0
	}
	return n
}

// slice reads a slice head: its length, and whether it is nil. A
// length no entry of this size can hold is an error.
func (r *factsReader) slice() (n int, isNil bool) {
	h := r.uint()
	if h == 0 {
		return 0, true
	}
	if h-1 > len(r.b) {
		r.fail()
		return 0, true
	}
	return h - 1, false
}

func (r *factsReader) strPtr() *string {
	if !r.bool() {
		return nil
	}
	s := r.str()
	return &s
}

func (r *factsReader) decimal() figures.Decimal {
	return figures.Decimal{Coef: r.int64(), Exp: r.int()}
}

func (r *factsReader) moneyInto(m *extract.Money) {
	m.Value = r.decimal()
	m.Currency = r.str()
	m.Qualifier = figures.Qualifier(r.str())
	if r.bool() {
		d := r.decimal()
		m.Max = &d
	}
	m.Period = figures.Period(r.str())
	m.Text = r.str()
	m.Start = r.int()
	m.End = r.int()
}

func (r *factsReader) money() *extract.Money {
	if !r.bool() {
		return nil
	}
	m := new(extract.Money)
	r.moneyInto(m)
	return m
}

func (r *factsReader) span() extract.Span {
	return extract.Span{Text: r.str(), Start: r.int(), End: r.int()}
}

func (r *factsReader) deal(d *extract.Deal) {
	d.Kind = extract.Kind(r.str())
	d.Status = extract.DealStatus(r.str())
	d.Confirmation = extract.Confirmation(r.str())
	d.Mention = extract.Mention(r.str())
	if n, isNil := r.slice(); !isNil {
		d.Parties = make([]extract.Party, n)
		for i := range d.Parties {
			d.Parties[i] = extract.Party{Name: r.str(), Role: extract.Role(r.str()), Mention: r.str()}
		}
	}
	d.Amount = r.money()
	d.PreviousAmount = r.money()
	d.Increment = r.money()
	if n, isNil := r.slice(); !isNil {
		d.Tranches = make([]extract.Tranche, n)
		for i := range d.Tranches {
			if !r.bool() {
				r.fail()
			}
			r.moneyInto(&d.Tranches[i].Amount)
			d.Tranches[i].Condition = extract.TrancheCondition(r.str())
		}
	}
	if n, isNil := r.slice(); !isNil {
		d.Capacity = make([]extract.Capacity, n)
		for i := range d.Capacity {
			c := &d.Capacity[i]
			c.Value = r.decimal()
			c.Unit = r.str()
			c.Purpose = r.strPtr()
			c.Text = r.str()
			c.Start = r.int()
			c.End = r.int()
		}
	}
	if n, isNil := r.slice(); !isNil {
		d.Hardware = make([]string, n)
		for i := range d.Hardware {
			d.Hardware[i] = r.str()
		}
	}
	if r.bool() {
		t := r.float()
		d.TermYears = &t
	}
	d.AnnouncedOn = r.strPtr()
	d.Evidence = r.span()
	d.Grounded = r.bool()
	d.Confidence = r.float()
}

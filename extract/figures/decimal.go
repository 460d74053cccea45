package figures

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number: Coef × 10^Exp. It never goes
// through float64, so "1.4 billones" is exactly 1400000000000.
//
// The zero value is 0. Decimals compare with Cmp, not ==, because
// 38e9 may be written as {38, 9} or {38000, 6}; Norm gives the
// canonical form (no trailing zeros in Coef).
type Decimal struct {
	Coef int64
	Exp  int
}

// ErrDecimal is returned when a string is not a plain decimal number.
var ErrDecimal = errors.New("not a decimal number")

// Dec returns coef × 10^exp.
func Dec(coef int64, exp int) Decimal { return Decimal{Coef: coef, Exp: exp}.Norm() }

// Norm returns d with trailing zeros moved from Coef into Exp.
func (d Decimal) Norm() Decimal {
	if d.Coef == 0 {
		return Decimal{}
	}
	for d.Coef%10 == 0 {
		d.Coef /= 10
		d.Exp++
	}
	return d
}

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.Coef == 0 }

// Sign returns -1, 0 or +1.
func (d Decimal) Sign() int {
	switch {
	case d.Coef < 0:
		return -1
	case d.Coef > 0:
		return 1
	}
	return 0
}

// Rat returns d as an exact big.Rat.
func (d Decimal) Rat() *big.Rat {
	r := new(big.Rat).SetInt64(d.Coef)
	if d.Exp == 0 {
		return r
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(d.Exp))), nil)
	if d.Exp > 0 {
		return r.Mul(r, new(big.Rat).SetInt(p))
	}
	return r.Quo(r, new(big.Rat).SetInt(p))
}

// Cmp compares d and e: -1 if d < e, 0 if equal, +1 if d > e.
func (d Decimal) Cmp(e Decimal) int {
	if c, ok := cmpFast(d, e); ok {
		return c
	}
	return d.Rat().Cmp(e.Rat())
}

// cmpFast compares d and e without allocating when their coefficients,
// brought to one exponent, fit in int64; ok is false otherwise.
func cmpFast(d, e Decimal) (int, bool) {
	ds, es := d.Sign(), e.Sign()
	switch {
	case ds != es:
		if ds < es {
			return -1, true
		}
		return 1, true
	case ds == 0:
		return 0, true
	}
	a, b := d.Coef, e.Coef
	for x := d.Exp; x > e.Exp; x-- {
		c, ok := mul64(a, 10)
		if !ok {
			return 0, false
		}
		a = c
	}
	for x := e.Exp; x > d.Exp; x-- {
		c, ok := mul64(b, 10)
		if !ok {
			return 0, false
		}
		b = c
	}
	switch {
	case a < b:
		return -1, true
	case a > b:
		return 1, true
	}
	return 0, true
}

// Mul returns d × e, or ok=false when the coefficient would overflow int64.
func (d Decimal) Mul(e Decimal) (Decimal, bool) {
	a, b := d.Norm(), e.Norm()
	if a.Coef == 0 || b.Coef == 0 {
		return Decimal{}, true
	}
	c, ok := mul64(a.Coef, b.Coef)
	if !ok {
		return Decimal{}, false
	}
	return Decimal{Coef: c, Exp: a.Exp + b.Exp}.Norm(), true
}

// Add returns d + e, or ok=false on overflow.
func (d Decimal) Add(e Decimal) (Decimal, bool) {
	a, b := d.Norm(), e.Norm()
	if a.Coef == 0 {
		return b, true
	}
	if b.Coef == 0 {
		return a, true
	}
	for a.Exp > b.Exp {
		c, ok := mul64(a.Coef, 10)
		if !ok {
			return Decimal{}, false
		}
		a.Coef, a.Exp = c, a.Exp-1
	}
	for b.Exp > a.Exp {
		c, ok := mul64(b.Coef, 10)
		if !ok {
			return Decimal{}, false
		}
		b.Coef, b.Exp = c, b.Exp-1
	}
	s := a.Coef + b.Coef
	if (s > a.Coef) != (b.Coef > 0) {
		return Decimal{}, false
	}
	return Decimal{Coef: s, Exp: a.Exp}.Norm(), true
}

// mul64 returns a*b and whether it fits in int64.
func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	c := a * b
	if c/b != a || (a == -1 && b == math.MinInt64) || (b == -1 && a == math.MinInt64) {
		return 0, false
	}
	return c, true
}

// Float64 returns the nearest float64, for display and ratios only.
func (d Decimal) Float64() float64 {
	f, _ := d.Rat().Float64()
	return f
}

// String formats d as a plain decimal without exponent: "1400000000000",
// "1.5", "-0.25".
func (d Decimal) String() string {
	d = d.Norm()
	if d.Coef == 0 {
		return "0"
	}
	neg := d.Coef < 0
	digits := strconv.FormatInt(d.Coef, 10)
	if neg {
		digits = digits[1:]
	}
	var s string
	switch {
	case d.Exp >= 0:
		s = digits + strings.Repeat("0", d.Exp)
	case -d.Exp < len(digits):
		k := len(digits) + d.Exp
		s = digits[:k] + "." + digits[k:]
	default:
		s = "0." + strings.Repeat("0", -d.Exp-len(digits)) + digits
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParseDecimal reads a plain decimal such as "38000000000", "1.4" or
// "-2.5e3" (the JSON number grammar). It returns ErrDecimal wrapped with
// the input when s is not one, or when it has more than 18 significant
// digits.
func ParseDecimal(s string) (Decimal, error) {
	orig := s
	bad := func() (Decimal, error) { return Decimal{}, fmt.Errorf("parse decimal %q: %w", orig, ErrDecimal) }
	if s == "" {
		return bad()
	}
	exp := 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 400 || e < -400 {
			return bad()
		}
		exp = e
		s = s[:i]
	}
	neg := false
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && frac == "" || hasDot && frac == "" && intPart == "" {
		return bad()
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	exp -= len(frac)
	for _, r := range intPart + frac {
		if r < '0' || r > '9' {
			return bad()
		}
	}
	// drop trailing zeros to save room in the coefficient
	for len(digits) > 0 && digits[len(digits)-1] == '0' {
		digits = digits[:len(digits)-1]
		exp++
	}
	if digits == "" {
		return Decimal{}, nil
	}
	if len(digits) > 18 {
		return bad()
	}
	c, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return bad()
	}
	if neg {
		c = -c
	}
	return Decimal{Coef: c, Exp: exp}, nil
}

// MustDecimal is ParseDecimal that panics on error, for tests and tables.
func MustDecimal(s string) Decimal {
	d, err := ParseDecimal(s)
	if err != nil {
		panic(err)
	}
	return d
}

// MarshalJSON writes d as a JSON number without exponent.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number exactly.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	v, err := ParseDecimal(strings.TrimSpace(string(b)))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

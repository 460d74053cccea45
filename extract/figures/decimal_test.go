package figures

import (
	"math"
	"testing"
)

func TestDecimalCmp(t *testing.T) {
	ds := []Decimal{
		{}, Dec(1, 0), Dec(-1, 0), Dec(38, 9), Dec(38000, 6), Dec(138, 9), Dec(14, 11), Dec(4, 15),
		Dec(5, -1), Dec(15, -1), Dec(-25, -2), {Coef: math.MaxInt64, Exp: 0}, {Coef: math.MinInt64 + 1, Exp: 3},
		{Coef: 1, Exp: 300}, {Coef: 7, Exp: -300}, {Coef: 123456789012345678, Exp: -5}, {Coef: 40, Exp: 0},
	}
	for _, a := range ds {
		for _, b := range ds {
			want := a.Rat().Cmp(b.Rat())
			if got := a.Cmp(b); got != want {
				t.Errorf("%v.Cmp(%v) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestParseDecimalRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "38000000000", "1.4", "1400000000000", "-2.5", "0.05", "1e21"} {
		d, err := ParseDecimal(s)
		if err != nil {
			t.Fatalf("ParseDecimal(%q): %v", s, err)
		}
		back, err := ParseDecimal(d.String())
		if err != nil || back.Cmp(d) != 0 {
			t.Errorf("ParseDecimal(%q).String() = %q, reads back as %v, %v", s, d.String(), back, err)
		}
	}
	for _, s := range []string{"", "1,5", "abc", "1.2.3", "1e999"} {
		if _, err := ParseDecimal(s); err == nil {
			t.Errorf("ParseDecimal(%q) = nil error, want ErrDecimal", s)
		}
	}
}

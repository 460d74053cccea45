package reconcile

import (
	"math/rand"
	"slices"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// refDisagreeing is the straightforward scan capacityState.disagreeing
// replaces: every capacity of the state, in order.
func refDisagreeing(list []srcCapacity, c extract.Capacity, expanded bool) []int {
	var out []int
	for i, s := range list {
		if s.c.Unit != c.Unit || deref(s.c.Purpose) != deref(c.Purpose) || closeF(approx(s.c.Value), approx(c.Value), relTol) {
			continue
		}
		if expanded && approx(c.Value) > approx(s.c.Value) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// refFirst and refHasClose are the scans first and hasClose replace.
func refFirst(list []srcCapacity, c extract.Capacity) int {
	for i, s := range list {
		if s.c.Unit == c.Unit && deref(s.c.Purpose) == deref(c.Purpose) {
			return i
		}
	}
	return -1
}

func refHasClose(list []srcCapacity, c extract.Capacity) bool {
	for _, s := range list {
		if s.c.Unit == c.Unit && deref(s.c.Purpose) == deref(c.Purpose) && closeF(approx(s.c.Value), approx(c.Value), relTol) {
			return true
		}
	}
	return false
}

// randCapacity draws a capacity from few units and purposes and values
// that repeat, lie within rounding of each other, right at and around
// the edge of relTol, or are zero, negative, tiny or huge.
func randCapacity(rng *rand.Rand) extract.Capacity {
	units := []string{"GW", "MW", "GPUs"}
	purposes := []string{"", "training", "inference"}
	var d figures.Decimal
	switch r := rng.Intn(12); {
	case r < 5:
		d = figures.Decimal{Coef: int64(1 + rng.Intn(6)), Exp: 0}
	case r < 7: // within or just past rounding of 200: 199, 199.5, 200, 201, 201.005...
		d = figures.Decimal{Coef: int64(199000 + rng.Intn(2200)), Exp: -3}
	case r < 8: // at the edges of relTol around 1000
		edges := []int64{995, 994, 996, 1005, 1006, 1004, 1000, 990, 1010, 980, 1020, 979, 1021}
		d = figures.Decimal{Coef: edges[rng.Intn(len(edges))], Exp: 0}
	case r < 9:
		d = figures.Decimal{Coef: int64(rng.Intn(3) - 1), Exp: 0} // -1, 0, 1
	case r < 10:
		d = figures.Decimal{Coef: int64(1 + rng.Intn(9)), Exp: []int{-320, -300, 295, 320, 400}[rng.Intn(5)]}
	default:
		d = figures.Decimal{Coef: int64(1 + rng.Intn(1000)), Exp: rng.Intn(7) - 3}
	}
	c := extract.Capacity{Value: d, Unit: units[rng.Intn(len(units))]}
	if p := purposes[rng.Intn(len(purposes))]; p != "" {
		c.Purpose = &p
	}
	return c
}

// TestCapacityIndex checks the capacity index against straightforward
// scans over randomised states: adds, revisions of the first capacity
// of a unit and purpose, and queries with and without an expansion.
func TestCapacityIndex(t *testing.T) {
	rng := rand.New(rand.NewSource(20))
	for round := 0; round < 200; round++ {
		var cs capacityState
		for step := 0; step < 300; step++ {
			c := randCapacity(rng)
			expanded := rng.Intn(3) == 0
			if got, want := cs.disagreeing(c, expanded, nil), refDisagreeing(cs.list, c, expanded); !slices.Equal(got, want) {
				t.Fatalf("round %d step %d: disagreeing(%s, %v) = %v, want %v", round, step, extract.FormatCapacity(c), expanded, got, want)
			}
			if got, want := cs.hasClose(c), refHasClose(cs.list, c); got != want {
				t.Fatalf("round %d step %d: hasClose(%s) = %v, want %v", round, step, extract.FormatCapacity(c), got, want)
			}
			i := cs.first(c)
			if want := refFirst(cs.list, c); i != want {
				t.Fatalf("round %d step %d: first(%s) = %d, want %d", round, step, extract.FormatCapacity(c), i, want)
			}
			if i >= 0 && rng.Intn(8) == 0 {
				cs.replace(i, c, "revision")
			} else {
				cs.add(c, "article")
			}
		}
	}
}

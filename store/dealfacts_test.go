package store

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// fillAll sets every field of v, recursively, to a value that is not
// the zero value (slices get two elements), so that a codec that leaves
// a field out fails a round trip. n varies the values.
func fillAll(t *testing.T, v reflect.Value, n *int) {
	t.Helper()
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(strings.Repeat("x", *n%5+1) + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(-*n)) // small: a Decimal prints its exponent's zeros
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillAll(t, p.Elem(), n)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillAll(t, s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				t.Fatalf("%s has an unexported field %s: teach fillAll and the facts codec", v.Type(), v.Type().Field(i).Name)
			}
			fillAll(t, v.Field(i), n)
		}
	default:
		t.Fatalf("fillAll: kind %s of %s: teach fillAll and the facts codec", v.Kind(), v.Type())
	}
}

// TestFactsRoundTrip: every field of a deal (a field added to
// extract.Deal and not to the codec fails here), nil and empty slices
// kept apart, and only the deals with keys and their warnings kept.
func TestFactsRoundTrip(t *testing.T) {
	var full extract.Deal
	n := 0
	fillAll(t, reflect.ValueOf(&full).Elem(), &n)
	bare := extract.Deal{Kind: extract.KindInvestment, Parties: []extract.Party{}, Tranches: []extract.Tranche{}, Capacity: []extract.Capacity{}, Hardware: []string{},
		Amount: &extract.Money{Value: figures.Dec(-5, -3), Currency: "EUR"}}
	pub := "2026-03"
	two, zero := 2, 0
	r := &extract.ArticleResult{
		Article: extract.ArticleInfo{ID: "sha256:1", Source: "/a.txt", Published: &pub, Title: &pub, Lang: "it"},
		Status:  extract.StatusOK,
		Deals:   []extract.Deal{full, {Kind: extract.KindOther}, bare},
		Warnings: []extract.Warning{
			{Code: "c0", Message: "about deal 0", Deal: &zero},
			{Code: "c1", Message: "about no deal"},
			{Code: "c2", Message: "about deal 2", Deal: &two},
		},
	}
	keys := [][]string{{"a+b/compute_contract", "~payee:b"}, nil, {"c/investment"}}
	f := NewFacts(r, keys)
	if f == nil || len(f.Deals) != 2 || len(f.Warnings) != 2 {
		t.Fatalf("NewFacts = %+v, want deals 0 and 2 with their two warnings", f)
	}
	got, err := decodeFacts("k", f.encode())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Fatalf("decodeFacts(encode()) = %+v\nwant %+v", got, f)
	}
	if got.Deals[1].Deal.Parties == nil || got.Deals[1].Deal.Tranches == nil || got.Deals[0].Deal.Parties == nil {
		t.Errorf("empty slices came back nil")
	}
	blank := extract.Deal{Kind: "blank"}
	res := got.Result(func(k []string) bool { return k[0] == "c/investment" }, blank)
	want := []extract.Deal{blank, blank, bare}
	if res == nil || !reflect.DeepEqual(res.Deals, want) || res.Article.ID != "sha256:1" || *res.Article.Published != pub || res.Status != extract.StatusOK {
		t.Errorf("Result(c/investment) = %+v, want deals %+v", res, want)
	}
	if res := got.Result(func([]string) bool { return false }, blank); res != nil {
		t.Errorf("Result(none) = %+v, want nil", res)
	}
	if f := NewFacts(&extract.ArticleResult{Status: extract.StatusFailed, Deals: r.Deals}, keys); f != nil {
		t.Errorf("NewFacts(error result) = %+v, want nil", f)
	}
	if f := NewFacts(r, [][]string{nil, nil, nil}); f != nil {
		t.Errorf("NewFacts(no keys) = %+v, want nil", f)
	}
}

// TestFactsDecodeDamaged: a cut or altered entry is an error that says
// what to do, never a panic.
func TestFactsDecodeDamaged(t *testing.T) {
	var d extract.Deal
	n := 0
	fillAll(t, reflect.ValueOf(&d).Elem(), &n)
	r := &extract.ArticleResult{Status: extract.StatusOK, Deals: []extract.Deal{d}}
	enc := NewFacts(r, [][]string{{"a+b/x"}}).encode()
	for i := 0; i < len(enc); i++ {
		if _, err := decodeFacts("k", enc[:i]); err == nil || !strings.Contains(err.Error(), "dealwatch run") {
			t.Fatalf("decodeFacts(first %d of %d bytes) = %v, want an error", i, len(enc), err)
		}
		bad := append([]byte(nil), enc...)
		bad[i] ^= 0xff
		decodeFacts("k", bad) // must not panic
	}
	if _, err := decodeFacts("k", append(enc, 0)); err == nil {
		t.Errorf("decodeFacts with a byte left over = nil, want an error")
	}
}

package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// An addition that is not grounded, or implausible, is marked as not
// counted; a grounded one is not.
func TestDiffMarksUncountedFacts(t *testing.T) {
	deal := func(billions int64, grounded bool) extract.Deal {
		return extract.Deal{Kind: extract.KindCompute, Status: extract.DealAgreed, Grounded: grounded, Confidence: 0.9,
			Parties:  []extract.Party{{Name: "OpenAI", Role: extract.RoleBuyer}, {Name: "Amazon", Role: extract.RoleSeller}},
			Amount:   &extract.Money{Value: figures.Dec(billions, 9), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total},
			Evidence: extract.Span{Text: "OpenAI and Amazon agreed.", Start: int(billions)}}
	}
	other := deal(5, true)
	other.Parties = []extract.Party{{Name: "Nvidia", Role: extract.RoleSeller}, {Name: "OpenAI", Role: extract.RoleBuyer}}
	other.Kind = extract.KindChipSupply
	after := &extract.ArticleResult{SchemaVersion: extract.SchemaVersion, Status: extract.StatusOK,
		Article:  extract.ArticleInfo{ID: "sha256:00000000000000aa", Source: "/x/a.txt", Lang: "en"},
		Deals:    []extract.Deal{deal(38, true), deal(380, false), other},
		Warnings: []extract.Warning{{Code: extract.WarnValueMismatch, Message: "the text reads 38000000000", Deal: extract.Ptr(1)}, {Code: extract.WarnImplausibleAmt, Message: "too large", Deal: extract.Ptr(2)}}}
	ad := diffPair(reconcileOptions(), "/x/a.txt", nil, after, nil)
	if ad.Rec.Change != "new" || len(ad.Facts) != 3 {
		t.Fatalf("diffPair = %+v", ad)
	}
	marks := map[string]bool{}
	for _, f := range ad.Facts {
		switch {
		case f.Ungrounded && !f.Counted:
			marks["ungrounded"] = true
		case f.Implausible && !f.Counted:
			marks["implausible"] = true
		case f.Counted:
			marks["counted"] = true
		}
	}
	if !marks["ungrounded"] || !marks["implausible"] || !marks["counted"] {
		t.Errorf("facts = %+v, want one counted, one ungrounded, one implausible", ad.Facts)
	}
	var b bytes.Buffer
	writeFactChanges(&b, termColours{}, ad.Facts)
	for _, want := range []string{"[UNGROUNDED: not found in the text; not counted]", "[IMPLAUSIBLE: not counted]"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, b.String())
		}
	}
}

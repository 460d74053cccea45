package llm

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// dealMap is awsDeal as a JSON object, to take fields out of or add some.
func dealMap(t *testing.T, d wireDeal) map[string]any {
	t.Helper()
	b, _ := json.Marshal(d)
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func answerOf(t *testing.T, deals ...map[string]any) string {
	t.Helper()
	if deals == nil {
		deals = []map[string]any{}
	}
	b, err := json.Marshal(map[string]any{"deals": deals})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Answers that are not exactly schema 2 but lose nothing are read, with
// one request: older cassettes and weaker local models keep working.
func TestLenientAnswers(t *testing.T) {
	schema1 := func(t *testing.T, status string, extra func(map[string]any)) map[string]any {
		m := dealMap(t, awsDeal())
		m["status"] = status
		delete(m, "confirmation")
		delete(m, "mention")
		delete(m, "increment")
		if extra != nil {
			extra(m)
		}
		return m
	}
	tests := []struct {
		name   string
		answer func(t *testing.T) string
		check  func(t *testing.T, o extract.Outcome)
	}{
		{"missing nullable fields are null", func(t *testing.T) string {
			m := dealMap(t, awsDeal())
			for _, k := range []string{"increment", "previous_amount", "term_years", "announced_on", "tranches", "capacity", "hardware"} {
				delete(m, k)
			}
			delete(m["amount"].(map[string]any), "max")
			return answerOf(t, m)
		}, func(t *testing.T, o extract.Outcome) {
			d := o.Result.Deals[0]
			if d.Increment != nil || d.PreviousAmount != nil || d.TermYears != nil || d.AnnouncedOn != nil || d.Amount.Max != nil {
				t.Errorf("deal = %+v, want the missing fields null", d)
			}
			if d.Confirmation != extract.Confirmed || d.Mention != extract.MentionNews {
				t.Errorf("confirmation %q mention %q", d.Confirmation, d.Mention)
			}
		}},
		{"unknown fields are ignored", func(t *testing.T) string {
			m := dealMap(t, awsDeal())
			m["reasoning"] = "the article says so"
			m["amount"].(map[string]any)["original_text"] = "38.000 millones"
			m["parties"].([]any)[0].(map[string]any)["country"] = "US"
			b, _ := json.Marshal(map[string]any{"deals": []any{m}, "notes": "none"})
			return string(b)
		}, func(t *testing.T, o extract.Outcome) {
			if len(o.Result.Deals) != 1 || o.Result.Deals[0].Kind != extract.KindCompute {
				t.Errorf("deals = %+v", o.Result.Deals)
			}
		}},
		{"schema-1 reported: announced + reported", func(t *testing.T) string {
			return answerOf(t, schema1(t, "reported", nil))
		}, func(t *testing.T, o extract.Outcome) {
			if d := o.Result.Deals[0]; d.Status != extract.DealAnnounced || d.Confirmation != extract.Reported {
				t.Errorf("status %s confirmation %s, want announced + reported", d.Status, d.Confirmation)
			}
		}},
		{"schema-1 reported with a previous amount: expanded + reported", func(t *testing.T) string {
			return answerOf(t, schema1(t, "reported", func(m map[string]any) {
				m["previous_amount"] = map[string]any{"value": 1.4e12, "currency": "USD", "qualifier": "exact", "max": nil, "period": "total", "text": "$1.4 billones"}
			}))
		}, func(t *testing.T, o extract.Outcome) {
			if d := o.Result.Deals[0]; d.Status != extract.DealExpanded || d.Confirmation != extract.Reported {
				t.Errorf("status %s confirmation %s, want expanded + reported", d.Status, d.Confirmation)
			}
		}},
		{"schema-1 predicted: forecast", func(t *testing.T) string {
			return answerOf(t, schema1(t, "predicted", nil))
		}, func(t *testing.T, o extract.Outcome) {
			if d := o.Result.Deals[0]; d.Status != extract.DealAnnounced || d.Confirmation != extract.Forecast {
				t.Errorf("status %s confirmation %s, want announced + forecast", d.Status, d.Confirmation)
			}
		}},
		{"schema-1 agreed: confirmed", func(t *testing.T) string {
			return answerOf(t, schema1(t, "agreed", nil))
		}, func(t *testing.T, o extract.Outcome) {
			if d := o.Result.Deals[0]; d.Status != extract.DealAgreed || d.Confirmation != extract.Confirmed || d.Mention != extract.MentionNews {
				t.Errorf("deal %+v, want agreed + confirmed news", d)
			}
		}},
		{"one invalid deal dropped with a warning, the rest stored", func(t *testing.T) string {
			bad := dealMap(t, billonesDeal("1400000000000"))
			bad["amount"].(map[string]any)["qualifier"] = "range" // and no max
			return answerOf(t, bad, dealMap(t, awsDeal()))
		}, func(t *testing.T, o extract.Outcome) {
			if len(o.Result.Deals) != 1 || o.Result.Deals[0].Kind != extract.KindCompute {
				t.Fatalf("deals = %+v, want the AWS deal only", o.Result.Deals)
			}
			if !hasWarn(o.Result.Warnings, extract.WarnInvalidDeal, "item 0") || !hasWarn(o.Result.Warnings, extract.WarnInvalidDeal, "qualifier is range") ||
				!hasWarn(o.Result.Warnings, extract.WarnInvalidDeal, `"qualifier":"range"`) {
				t.Errorf("warnings = %+v, want invalid_deal quoting item 0", o.Result.Warnings)
			}
			if parserReady() && !o.Result.Deals[0].Grounded {
				t.Errorf("the kept deal is not grounded: %+v", o.Result.Warnings)
			}
		}},
		{"an invalid enum value drops that deal only", func(t *testing.T) string {
			bad := dealMap(t, billonesDeal("1400000000000"))
			bad["status"] = "rumoured"
			return answerOf(t, dealMap(t, awsDeal()), bad)
		}, func(t *testing.T, o extract.Outcome) {
			if len(o.Result.Deals) != 1 || !hasWarn(o.Result.Warnings, extract.WarnInvalidDeal, "rumoured") {
				t.Errorf("deals %d, warnings %+v", len(o.Result.Deals), o.Result.Warnings)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, step{content: tt.answer(t)})
			c, err := New(testOptions(f))
			if err != nil {
				t.Fatal(err)
			}
			o := process(t, c, articleES())
			if o.Result.Status != extract.StatusOK {
				t.Fatalf("status %s: %s", o.Result.Status, deref(o.Result.Error))
			}
			if f.calls() != 1 {
				t.Errorf("calls = %d, want 1 (no re-ask)", f.calls())
			}
			tt.check(t, o)
		})
	}
}

// An answer whose only deal is invalid is asked again; when the re-asks
// do not fix it, the article is not failed: the deal is dropped with a
// warning.
func TestOnlyInvalidDealAfterReasks(t *testing.T) {
	bad := dealMap(t, awsDeal())
	bad["amount"].(map[string]any)["qualifier"] = "range"
	f := newFake(t, step{content: answerOf(t, bad)})
	c, err := New(testOptions(f))
	if err != nil {
		t.Fatal(err)
	}
	o := process(t, c, articleES())
	if o.Result.Status != extract.StatusOK || len(o.Result.Deals) != 0 {
		t.Fatalf("status %s, %d deals; want ok with none", o.Result.Status, len(o.Result.Deals))
	}
	if f.calls() != 3 {
		t.Errorf("calls = %d, want 3 (two re-asks)", f.calls())
	}
	if !hasWarn(o.Result.Warnings, extract.WarnInvalidDeal, "qualifier is range") || !hasWarn(o.Result.Warnings, extract.WarnLLMRetry, "") {
		t.Errorf("warnings = %+v", o.Result.Warnings)
	}
}

// Models copy whole clauses as a figure's text; the pipeline grounds the
// figure the value names, and still catches what the text does not say.
func TestMultiFigureGroundingThroughTheClient(t *testing.T) {
	const text = "OpenAI e Amazon hanno ampliato l'accordo: il valore sale da 38 a oltre 138 miliardi di dollari. " +
		"OpenAI avrà 3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training.\n\n" +
		"Secondo il Wall Street Journal, Microsoft ha ampliato di 20 miliardi di dollari il suo impegno con OpenAI."
	const ev1 = "OpenAI e Amazon hanno ampliato l'accordo: il valore sale da 38 a oltre 138 miliardi di dollari."
	const ev2 = "Secondo il Wall Street Journal, Microsoft ha ampliato di 20 miliardi di dollari il suo impegno con OpenAI."
	usd := func(v, text string) *wireMoney {
		return &wireMoney{Value: figures.MustDecimal(v), Currency: "USD", Qualifier: "exact", Period: "total", Text: text}
	}
	revision := wireDeal{Kind: "compute_contract", Status: "expanded", Confirmation: "confirmed", Mention: "news",
		Parties: []wireParty{{Name: "OpenAI", Role: "buyer", Mention: "OpenAI"}, {Name: "Amazon", Role: "seller", Mention: "Amazon"}},
		Amount:  &wireMoney{Value: figures.MustDecimal("138e9"), Currency: "USD", Qualifier: "over", Period: "total", Text: "oltre 138 miliardi di dollari"},
		// the whole clause, for the old figure
		PreviousAmount: usd("38e9", "sale da 38 a oltre 138 miliardi"),
		Capacity:       []wireCapacity{{Value: figures.MustDecimal("5"), Unit: "GW", Text: "3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training"}},
		Evidence:       wireEvidence{Text: ev1 + " OpenAI avrà 3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training."}, Confidence: 0.9}
	increment := wireDeal{Kind: "investment", Status: "expanded", Confirmation: "reported", Mention: "news",
		Parties:   []wireParty{{Name: "Microsoft", Role: "investor", Mention: "Microsoft"}, {Name: "OpenAI", Role: "investee", Mention: "OpenAI"}},
		Increment: usd("20e9", "ampliato di 20 miliardi di dollari"),
		Evidence:  wireEvidence{Text: ev2}, Confidence: 0.8}
	a := extract.Article{ID: "sha256:0000000000multi", Source: "multi.txt", Lang: "it", Text: text}

	run := func(t *testing.T, deals ...wireDeal) extract.Outcome {
		f := newFake(t, step{content: answerJSON(deals...)})
		c, err := New(testOptions(f))
		if err != nil {
			t.Fatal(err)
		}
		o := process(t, c, a)
		if o.Result.Status != extract.StatusOK || len(o.Result.Deals) != len(deals) {
			t.Fatalf("status %s, deals %d: %s", o.Result.Status, len(o.Result.Deals), deref(o.Result.Error))
		}
		return o
	}
	t.Run("grounded", func(t *testing.T) {
		o := run(t, revision, increment)
		for i, d := range o.Result.Deals {
			if !d.Grounded {
				t.Errorf("deal %d not grounded: %+v", i, o.Result.Warnings)
			}
		}
		r := o.Result.Deals[0]
		if r.PreviousAmount.Value.Cmp(figures.MustDecimal("38e9")) != 0 || text[r.PreviousAmount.Start:r.PreviousAmount.End] != "38" {
			t.Errorf("previous = %+v", r.PreviousAmount)
		}
		if len(r.Capacity) != 2 || *r.Capacity[0].Purpose != "inference" || *r.Capacity[1].Purpose != "training" {
			t.Errorf("capacity = %+v, want 3 GW inference and 2 GW training", r.Capacity)
		}
		m := o.Result.Deals[1]
		if m.Increment == nil || m.Increment.Value.Cmp(figures.MustDecimal("20e9")) != 0 || m.Amount != nil || m.Confirmation != extract.Reported {
			t.Errorf("increment deal = %+v", m)
		}
	})
	t.Run("lies still caught", func(t *testing.T) {
		lie := revision
		lie.PreviousAmount = usd("40e9", "sale da 38 a oltre 138 miliardi") // no such figure
		lie.Capacity = []wireCapacity{{Value: figures.MustDecimal("6"), Unit: "GW", Text: "3 gigawatt di capacità per l'inferenza e 2 gigawatt per il training"}}
		inc := increment
		inc.Increment = usd("20e6", "20 miliardi di dollari") // scale misread
		inv := increment
		inv.Parties = append([]wireParty{}, inv.Parties...)
		inv.Parties[0] = wireParty{Name: "Google", Role: "investor", Mention: "Google"} // invented party
		inv.Increment = usd("30e9", "30 miliardi di dollari")                           // invented amount
		o := run(t, lie, inc, inv)
		for i, d := range o.Result.Deals {
			if d.Grounded {
				t.Errorf("deal %d is grounded", i)
			}
		}
		for _, w := range [][2]string{
			{extract.WarnValueMismatch, "previous amount"}, {extract.WarnValueMismatch, "capacity 0"},
			{extract.WarnScaleMismatch, "increment"}, {extract.WarnUnknownParty, "Google"}, {extract.WarnUngroundedAmount, "30 miliardi"},
		} {
			if !hasWarn(o.Result.Warnings, w[0], w[1]) {
				t.Errorf("no %s warning on %q: %+v", w[0], w[1], o.Result.Warnings)
			}
		}
		if strings.Count(fmtWarnings(o.Result.Warnings), extract.WarnInvalidDeal) != 0 {
			t.Errorf("valid deals were dropped")
		}
	})
}

func fmtWarnings(ws []extract.Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.Code + ": " + w.Message + "\n")
	}
	return b.String()
}

package store

import "testing"

// TestBriefMayName: the quick test never says no to a brief that names
// the party in any case (strings.EqualFold), whatever its characters.
func TestBriefMayName(t *testing.T) {
	for _, c := range []struct {
		raw, party string
		want       bool
	}{
		{`{"id":"amazon+openai/x","parties":["Amazon","OpenAI"]}`, "openai", true},
		{`{"id":"amazon+openai/x","parties":["Amazon","OpenAI"]}`, "OPENAI", true},
		{`{"id":"amazon+openai/x","parties":["Amazon","OpenAI"]}`, "Oracle", false},
		// Kelvin sign: EqualFold("\u212aKW", "kkw") holds; the bytes differ.
		{`{"parties":["\u212aKW"]}`, "kkw", true},
		{"{\"parties\":[\"\u212aKW\"]}", "kkw", true},
		{`{"parties":["AT\u0026T"]}`, "at&t", true},
		{`{"parties":["Amazon"]}`, "Ämazon", true},
		{`{"parties":["Amazon"]}`, "", true},
	} {
		if got := BriefMayName([]byte(c.raw), c.party); got != c.want {
			t.Errorf("BriefMayName(%q, %q) = %v, want %v", c.raw, c.party, got, c.want)
		}
	}
}

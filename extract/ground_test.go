package extract

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract/figures"
)

const groundES = `OpenAI anunció compromisos por $1.4 billones en infraestructura.
El acuerdo con Amazon Web Services asciende a $38 mil millones en siete años.`

const groundIT = "OpenAI ha firmato un accordo con Amazon Web Services dal valore di 38 miliardi di dollari.\nL’intesa  prevede l’uso di “centinaia di migliaia” di GPU NVIDIA."

// needParser skips a test whose figures the parser cannot read yet (the
// parser is written in parallel; these tests run as soon as it reads
// text in lang).
func needParser(t *testing.T, text, lang string, kind figures.Kind) figures.Figure {
	t.Helper()
	for _, f := range figures.Parse(text, lang) {
		if f.Kind == kind {
			return f
		}
	}
	t.Skipf("figures.Parse(%q, %q) reads no %s figure yet", text, lang, kind)
	return figures.Figure{}
}

func findFig(t *testing.T, text, lang, want string) figures.Figure {
	t.Helper()
	for _, f := range figures.Parse(text, lang) {
		if f.Text == want {
			return f
		}
	}
	t.Skipf("figures.Parse does not read %q as one figure yet", want)
	return figures.Figure{}
}

func article(lang, text string) Article {
	return Article{ID: "sha256:test", Lang: lang, Text: text}
}

func warnCodes(ws []Warning) []string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Code)
	}
	return out
}

func TestGroundEvidenceAndParties(t *testing.T) {
	a := article("it", groundIT)
	tests := []struct {
		name      string
		deal      Deal
		wantCodes []string
		wantEv    string // the article's bytes the evidence should point at
	}{
		{
			name: "exact",
			deal: Deal{
				Parties:  []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}, {Name: "Amazon", Role: RoleSeller, Mention: "Amazon Web Services"}},
				Evidence: Span{Text: "OpenAI ha firmato un accordo con Amazon Web Services"},
			},
			wantEv: "OpenAI ha firmato un accordo con Amazon Web Services",
		},
		{
			name: "straight quotes, one space, other case",
			deal: Deal{
				Parties:  []Party{{Name: "Nvidia", Role: RoleSupplier, Mention: "nvidia"}},
				Evidence: Span{Text: `L'intesa prevede l'uso di "centinaia di migliaia" di gpu`},
			},
			wantEv: "L’intesa  prevede l’uso di “centinaia di migliaia” di GPU",
		},
		{
			name: "invented party",
			deal: Deal{
				Parties:  []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}, {Name: "Microsoft", Role: RoleSeller, Mention: "Microsoft Azure"}},
				Evidence: Span{Text: "OpenAI ha firmato un accordo"},
			},
			wantCodes: []string{WarnUnknownParty},
			wantEv:    "OpenAI ha firmato un accordo",
		},
		{
			name: "party by name when mention is empty",
			deal: Deal{
				Parties:  []Party{{Name: "OpenAI", Role: RoleBuyer}},
				Evidence: Span{Text: "OpenAI ha firmato"},
			},
			wantEv: "OpenAI ha firmato",
		},
		{
			name: "invented evidence",
			deal: Deal{
				Parties:  []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}},
				Evidence: Span{Text: "OpenAI ha rinunciato all'accordo"},
			},
			wantCodes: []string{WarnUngroundedQuote},
		},
		{
			name: "no evidence",
			deal: Deal{
				Parties: []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}},
			},
			wantCodes: []string{WarnUngroundedQuote},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns := Ground(a, []Deal{tt.deal})
			if len(got) != 1 {
				t.Fatalf("Ground returned %d deals, want 1", len(got))
			}
			if codes := warnCodes(warns); !reflect.DeepEqual(codes, tt.wantCodes) {
				t.Errorf("warnings = %v (%+v), want %v", codes, warns, tt.wantCodes)
			}
			for _, w := range warns {
				if w.Deal == nil || *w.Deal != 0 {
					t.Errorf("warning %+v does not name deal 0", w)
				}
			}
			if want := len(tt.wantCodes) == 0; got[0].Grounded != want {
				t.Errorf("grounded = %v, want %v", got[0].Grounded, want)
			}
			ev := got[0].Evidence
			if tt.wantEv != "" {
				if ev.Text != tt.wantEv || a.Text[ev.Start:ev.End] != ev.Text {
					t.Errorf("evidence = %q [%d:%d], want %q at its offsets", ev.Text, ev.Start, ev.End, tt.wantEv)
				}
			} else if ev.Start != 0 || ev.End != 0 {
				t.Errorf("ungrounded evidence has offsets [%d:%d], want 0,0", ev.Start, ev.End)
			}
		})
	}
}

func TestGroundAmounts(t *testing.T) {
	bill := findFig(t, groundES, "es", "$1.4 billones")
	if bill.Value.Cmp(figures.MustDecimal("1400000000000")) != 0 {
		t.Skipf("parser reads %q as %s, not yet 1.4e12", bill.Text, bill.Value)
	}
	a := article("es", groundES)
	deal := func(text, value string) Deal {
		return Deal{
			Kind: KindCompute, Status: DealAnnounced,
			Parties:  []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}},
			Amount:   &Money{Value: figures.MustDecimal(value), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: text},
			Evidence: Span{Text: "OpenAI anunció compromisos por $1.4 billones en infraestructura."},
		}
	}
	tests := []struct {
		name      string
		deal      Deal
		wantCodes []string
		wantValue string
		wantText  string
	}{
		{"right value", deal("$1.4 billones", "1400000000000"), nil, "1400000000000", "$1.4 billones"},
		{"billones read as billions", deal("$1.4 billones", "1400000000"), []string{WarnScaleMismatch}, "1400000000000", "$1.4 billones"},
		{"slightly off", deal("$1.4 billones", "1500000000000"), []string{WarnValueMismatch}, "1400000000000", "$1.4 billones"},
		{"loose text", deal("$1.4 BILLONES", "1400000000000"), nil, "1400000000000", "$1.4 billones"},
		{"invented amount", deal("$2 billones", "2000000000000"), []string{WarnUngroundedAmount}, "2000000000000", "$2 billones"},
		{"text that is not money", deal("infraestructura", "1"), []string{WarnUngroundedAmount}, "1", "infraestructura"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warns := Ground(a, []Deal{tt.deal})
			if codes := warnCodes(warns); !reflect.DeepEqual(codes, tt.wantCodes) {
				t.Errorf("warnings = %v (%+v), want %v", codes, warns, tt.wantCodes)
			}
			if want := len(tt.wantCodes) == 0; got[0].Grounded != want {
				t.Errorf("grounded = %v, want %v", got[0].Grounded, want)
			}
			m := got[0].Amount
			if m.Value.Cmp(figures.MustDecimal(tt.wantValue)) != 0 {
				t.Errorf("stored value = %s, want %s", m.Value, tt.wantValue)
			}
			if m.Text != tt.wantText {
				t.Errorf("stored text = %q, want %q", m.Text, tt.wantText)
			}
			if m.Start != 0 || m.End != 0 || tt.wantCodes == nil {
				if a.Text[m.Start:m.End] != m.Text {
					t.Errorf("text[%d:%d] = %q, want %q", m.Start, m.End, a.Text[m.Start:m.End], m.Text)
				}
			}
		})
	}
}

// TestGroundUnreadExpression checks that an amount inside a money
// expression the parser cannot read whole is never grounded on the part
// it could read alone (issue 15).
func TestGroundUnreadExpression(t *testing.T) {
	text := "OpenAI invirtió veintitantos mil millones de dólares en centros de datos."
	needParser(t, text, "es", figures.Unread)
	a := article("es", text)
	d := Deal{
		Kind: KindCompute, Status: DealAnnounced,
		Parties:  []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}},
		Amount:   &Money{Value: figures.MustDecimal("1e9"), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: "mil millones de dólares"},
		Evidence: Span{Text: "OpenAI invirtió veintitantos mil millones de dólares"},
	}
	got, warns := Ground(a, []Deal{d})
	if codes := warnCodes(warns); !reflect.DeepEqual(codes, []string{WarnUngroundedAmount}) || got[0].Grounded {
		t.Errorf("Ground(%q) = grounded %v, warnings %v (%+v); want ungrounded with %s", d.Amount.Text, got[0].Grounded, codes, warns, WarnUngroundedAmount)
	}
}

func TestGroundPrefersOccurrenceNearEvidence(t *testing.T) {
	text := "Nel 2024 Oracle valeva 10 miliardi di dollari.\nOggi il contratto con OpenAI vale 10 miliardi di dollari all'anno."
	f := findFig(t, text, "it", "10 miliardi di dollari")
	a := article("it", text)
	d := Deal{
		Parties:  []Party{{Name: "Oracle", Role: RoleSeller, Mention: "contratto"}},
		Amount:   &Money{Value: f.Value, Currency: "USD", Text: "10 miliardi di dollari"},
		Evidence: Span{Text: "Oggi il contratto con OpenAI vale 10 miliardi di dollari all'anno."},
	}
	got, _ := Ground(a, []Deal{d})
	ev := got[0].Evidence
	if m := got[0].Amount; m.Start < ev.Start || m.End > ev.End {
		t.Errorf("amount located at [%d:%d], outside the evidence [%d:%d]", m.Start, m.End, ev.Start, ev.End)
	}
}

// A deal built from the parser's own figures, as the rules backend does,
// comes back unchanged and grounded, and grounding is idempotent.
func TestGroundKeepsCorrectDeal(t *testing.T) {
	f := findFig(t, groundIT, "it", "38 miliardi di dollari")
	a := article("it", groundIT)
	m := MoneyFromFigure(f)
	evText := "OpenAI ha firmato un accordo con Amazon Web Services dal valore di 38 miliardi di dollari."
	ev := strings.Index(groundIT, evText)
	d := Deal{
		Kind: KindCompute, Status: DealAgreed,
		Parties:    []Party{{Name: "OpenAI", Role: RoleBuyer, Mention: "OpenAI"}, {Name: "Amazon", Role: RoleSeller, Mention: "Amazon Web Services"}},
		Amount:     &m,
		Evidence:   Span{Text: evText, Start: ev, End: ev + len(evText)},
		Grounded:   true,
		Confidence: 0.9,
	}
	got, warns := Ground(a, []Deal{d})
	if len(warns) != 0 {
		t.Fatalf("warnings on a correct deal: %+v", warns)
	}
	if !reflect.DeepEqual(got[0], d) {
		t.Errorf("Ground changed a correct deal:\n got %+v\nwant %+v", got[0], d)
	}
	again, _ := Ground(a, got)
	if !reflect.DeepEqual(again, got) {
		t.Errorf("Ground is not idempotent:\n got %+v\nwant %+v", again, got)
	}
}

func TestGroundCapacity(t *testing.T) {
	text := "Il contratto prevede 1,5 GW di capacità per l'addestramento."
	f := needParser(t, text, "it", figures.Capacity)
	a := article("it", text)
	d := Deal{
		Parties:  []Party{{Name: "Il", Role: RolePartner, Mention: "Il contratto"}},
		Capacity: []Capacity{{Value: figures.MustDecimal("1500"), Unit: "GW", Text: f.Text}},
		Evidence: Span{Text: text},
	}
	got, warns := Ground(a, []Deal{d})
	if codes := warnCodes(warns); !reflect.DeepEqual(codes, []string{WarnScaleMismatch}) {
		t.Fatalf("warnings = %v, want [scale_mismatch]", codes)
	}
	if c := got[0].Capacity[0]; c.Value.Cmp(f.Value) != 0 || text[c.Start:c.End] != c.Text {
		t.Errorf("capacity = %+v, want the parsed %s at its offsets", c, f.Value)
	}
}

func TestNormalizeMapsBack(t *testing.T) {
	tests := []struct {
		text, needle, want string
		whole              bool
	}{
		{"Disse: “ciao  mondo”.", `"Ciao mondo"`, "“ciao  mondo”", true},
		{"a\u00a0b\n\nc", "A B C", "a\u00a0b\n\nc", true},
		{"el acuerdo — firmado", "acuerdo - firmado", "acuerdo — firmado", true},
		{"ÉCOLE", "école", "ÉCOLE", true},
		{"sale da 138 a 38 miliardi", "38", "38", true},
		{"il metallo e Meta", "meta", "Meta", true},
		{"il metallo", "meta", "", true},
		{"il metallo", "meta", "meta", false},
		{"Amazon-AWS", "AWS", "AWS", true},
	}
	for _, tt := range tests {
		g := grounder{text: tt.text}
		s, e, ok := g.locate(tt.needle, -1, -1, span{-1, -1}, tt.whole)
		if tt.want == "" {
			if ok {
				t.Errorf("locate(%q) in %q = %q, want not found", tt.needle, tt.text, tt.text[s:e])
			}
			continue
		}
		if !ok {
			t.Errorf("locate(%q) in %q: not found", tt.needle, tt.text)
			continue
		}
		if got := tt.text[s:e]; got != tt.want || (tt.needle == "38" && s != strings.LastIndex(tt.text, "38")) {
			t.Errorf("locate(%q) in %q = %q, want %q", tt.needle, tt.text, got, tt.want)
		}
	}
}

func TestGroundEmpty(t *testing.T) {
	got, warns := Ground(article("en", "x"), nil)
	if got != nil || warns != nil {
		t.Errorf("Ground(nil) = %v, %v; want nil, nil", got, warns)
	}
}

// FuzzGround: whatever the texts, Ground never panics, keeps every deal,
// and every offset it reports points at the text it reports.
func FuzzGround(f *testing.F) {
	f.Add(groundIT, "38 miliardi di dollari", "OpenAI ha firmato", "Amazon Web Services")
	f.Add(groundES, "$1.4 BILLONES", "openai  anunció", "amazon web services")
	f.Add("a\u00a0b “c” — d\u00ad e", "B \"C\" - D E", "", "É")
	f.Add("ÉCOLE ß ﬁ", "école", "SS", "fi")
	f.Fuzz(func(t *testing.T, text, fig, ev, party string) {
		a := article("it", text)
		d := Deal{
			Parties:  []Party{{Name: "X", Role: RoleBuyer, Mention: party}},
			Amount:   &Money{Value: figures.MustDecimal("1"), Currency: "USD", Text: fig},
			Capacity: []Capacity{{Value: figures.MustDecimal("1"), Unit: "GW", Text: fig}},
			Evidence: Span{Text: ev},
		}
		got, _ := Ground(a, []Deal{d})
		if len(got) != 1 {
			t.Fatalf("Ground returned %d deals", len(got))
		}
		g := got[0]
		check := func(what, s string, start, end int) {
			if start == 0 && end == 0 {
				return
			}
			if start < 0 || end < start || end > len(text) || text[start:end] != s {
				t.Fatalf("%s: [%d:%d] does not hold %q", what, start, end, s)
			}
		}
		check("evidence", g.Evidence.Text, g.Evidence.Start, g.Evidence.End)
		check("amount", g.Amount.Text, g.Amount.Start, g.Amount.End)
		check("capacity", g.Capacity[0].Text, g.Capacity[0].Start, g.Capacity[0].End)
	})
}

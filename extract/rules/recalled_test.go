package rules

import (
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestSignedEarlier: a signing dated by a month before the article's is
// a recall, in it, es and en, either way round; the article's own month,
// a signing still to come and a later date are not.
func TestSignedEarlier(t *testing.T) {
	tests := []struct {
		text, published string
		want            bool
	}{
		{"The agreement is separate from the $2.1 billion contract the two companies signed in November.", "2026-02-12", true},
		{"In November it signed a $2.1 billion contract with Brightwell AI.", "2026-01-27", true},
		{"L'accordo si aggiunge a quello da 2,1 miliardi firmato a novembre.", "2026-02-12", true},
		{"A novembre aveva firmato un contratto da 2,1 miliardi.", "2026-02-12", true},
		{"El acuerdo es independiente del contrato de 2.100 millones firmado en noviembre.", "2026-02-12", true},
		{"En noviembre firmó un contrato de 2.100 millones con Brightwell AI.", "2026-02-12", true},
		{"El contrato, firmado el pasado noviembre, vale 2.100 millones.", "2026-02-12", true},
		{"The contract signed in January 2026 is worth $2 billion.", "2026-02-12", true},
		// Not a recall.
		{"Brightwell AI signed in February a $900 million contract with Veltrana.", "2026-02-12", false},
		{"The contract is to be signed in November and is worth $2 billion.", "2026-02-12", false},
		{"Il contratto sarà firmato a novembre.", "2026-02-12", false},
		{"The contract signed in March 2026 is worth $2 billion.", "2026-02-12", false},
		{"Brightwell AI signed a $900 million contract; construction starts in November.", "2026-02-12", false},
		{"The companies signed in November.", "", false},
	}
	for _, tt := range tests {
		if got := signedEarlier(strings.ToLower(tt.text), tt.published); got != tt.want {
			t.Errorf("signedEarlier(%q, %s) = %v, want %v", tt.text, tt.published, got, tt.want)
		}
	}
}

// TestSignedEarlierIsBackground: the figure of a signing dated before
// the article is a background mention, so that reconciliation reads the
// article's new contract against it as one more contract (recon2,
// article 19), and the new contract stays news.
func TestSignedEarlierIsBackground(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{
		"Brightwell AI has signed a $900 million contract with Veltrana Compute. The agreement is separate from the $2.1 billion contract the two companies signed in November.",
		"Brightwell AI ha firmato con Veltrana Compute un contratto da 900 milioni di dollari. L'intesa è distinta dal contratto da 2,1 miliardi di dollari che Brightwell AI e Veltrana Compute hanno firmato a novembre.",
		"Brightwell AI firmó con Veltrana Compute un contrato de 900 millones de dólares. El acuerdo es independiente del contrato de 2.100 millones de dólares que Brightwell AI y Veltrana Compute firmaron en noviembre.",
	} {
		res := mustExtract(t, x, extract.Article{Text: text, Published: "2026-02-12"})
		var got []string
		for _, d := range res.Deals {
			if d.Amount != nil {
				got = append(got, d.Amount.Value.String()+" "+string(d.Mention))
			}
		}
		if want := "900000000 news, 2100000000 background"; strings.Join(got, ", ") != want {
			t.Errorf("Extract(%q): figures %q, want %q", text, strings.Join(got, ", "), want)
		}
	}
}

// TestSignedEarlierEndedNowIsNews: a sentence that ends now a deal
// signed months ago ("hanno risolto l'accordo firmato lo scorso maggio")
// reports news, and its stage is cancelled.
func TestSignedEarlierEndedNowIsNews(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{
		"A2A e l'operatore statunitense Crestline Data hanno comunicato di aver risolto l'accordo di joint venture firmato lo scorso maggio per un campus da 100 MW.",
		"A2A y el operador estadounidense Crestline Data han rescindido el acuerdo de empresa conjunta firmado en mayo para un campus de 100 MW.",
		"A2A and U.S. operator Crestline Data have terminated the joint venture agreement they signed in May for a 100 MW campus.",
	} {
		res := mustExtract(t, x, extract.Article{Text: text, Published: "2026-02-12"})
		if len(res.Deals) == 0 {
			t.Errorf("Extract(%q): no deal", text)
			continue
		}
		for _, d := range res.Deals {
			if d.Mention != extract.MentionNews || d.Status != extract.DealCancelled {
				t.Errorf("Extract(%q): %s %s, want news cancelled", text, d.Mention, d.Status)
			}
		}
	}
}

// TestRaisedSinceFoundingIsNoRound: the money a company has raised
// since its founding is the total of its rounds, no round of its own.
func TestRaisedSinceFoundingIsNoRound(t *testing.T) {
	x := newTestExtractor(t)
	for _, text := range []string{
		"Brightwell has raised more than $1.5 billion from investors since its founding in 2021, according to PitchBook data.",
		"Brightwell ha raccolto oltre 1,5 miliardi di dollari dagli investitori dalla sua fondazione nel 2021.",
		"Brightwell ha captado más de 1.500 millones de dólares de inversores desde su fundación en 2021.",
	} {
		res := mustExtract(t, x, extract.Article{Text: text, Published: "2026-02-12"})
		for _, d := range res.Deals {
			if d.Amount != nil {
				t.Errorf("Extract(%q): %s %s, want no deal figure", text, d.Kind, d.Amount.Value)
			}
		}
	}
	// A round of its own next to the total stays.
	res := mustExtract(t, x, extract.Article{Text: "Brightwell AI closed a $400 million Series C led by Halvard Partners, bringing what it has raised since its founding to $1.5 billion.", Published: "2026-02-12"})
	if len(res.Deals) != 1 || res.Deals[0].Amount == nil || res.Deals[0].Amount.Value.String() != "400000000" {
		t.Errorf("the Series C: %+v, want one $400M round", res.Deals)
	}
}

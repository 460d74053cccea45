package rules

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract"
)

// FuzzExtract checks that no text makes the rules panic and that every
// deal they return quotes the text at its offsets.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Amazon investe 50 miliardi di dollari (15 immediati, 35 legati a condizioni) in OpenAI.",
		"OpenAI e AWS: sale da 38 a oltre 138 miliardi.",
		"| Company | Partner | Amount |\n|---|---|---|\n| Oracle | OpenAI | $10B |",
		"Further Reading\n\nX ha raccolto $5M?Y compró la empresa Z por 3 millones de euros.",
		"(((( $ 1.4 billones ))))", "Nvidia: 3 gigawatt per l'inferenza e 2 GW",
	} {
		f.Add(s)
	}
	x, err := New(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return // Article.Text is valid UTF-8 by contract
		}
		var res extract.Extraction
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			res, err = x.Extract(context.Background(), extract.Article{Text: text, Lang: "it"})
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Extract(%q) takes more than 5s", text)
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range res.Deals {
			ev := d.Evidence
			if ev.Start < 0 || ev.End > len(text) || ev.Start > ev.End || text[ev.Start:ev.End] != ev.Text {
				t.Fatalf("evidence %+v does not quote %q", ev, text)
			}
			for _, tr := range d.Tranches {
				if text[tr.Amount.Start:tr.Amount.End] != tr.Amount.Text {
					t.Fatalf("tranche %+v does not quote the text", tr)
				}
			}
			if len(d.Parties) == 0 {
				t.Fatalf("deal without parties in %q", text)
			}
		}
	})
}

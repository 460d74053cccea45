package sources

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadPlain(t *testing.T) {
	long := strings.Repeat("parola lunga ", 30)
	tests := []struct {
		name, text, title, published string
	}{
		{"first line", "OpenAI e Amazon, 38 miliardi\n\nTesto.", "OpenAI e Amazon, 38 miliardi", ""},
		{"blank lines first", "\n\n  Titolo  \nTesto", "Titolo", ""},
		{"markdown heading", "# Il titolo #\n\nTesto", "Il titolo", ""},
		{"markdown emphasis", "**Titolo forte**\n", "Titolo forte", ""},
		{"setext", "Titolo\n======\nTesto", "Titolo", ""},
		{"date prefix", " date 2026-02-27 Le dinamiche tra OpenAI e il cloud.\n\nAltro.", "Le dinamiche tra OpenAI e il cloud.", "2026-02-27"},
		{"date line", "Titolo\nPublished: 2025-11-03T14:51:00Z\nTesto", "Titolo", "2025-11-03"},
		{"fecha", "Título\nFecha: 2025-11-03\n", "Título", "2025-11-03"},
		{"year-month", "Titolo\n2026-04\nTesto", "Titolo", "2026-04"},
		{"impossible date", "Titolo\ndate 2026-02-30\n", "Titolo", ""},
		{"month 13", "Titolo\n2026-13-01 testo\n", "Titolo", ""},
		{"date too deep", "T\n1\n2\n3\n4\n5\n6\n7\n8\n9\ndate 2026-01-02", "T", ""},
		{"date inside a sentence", "Titolo\nIl 2026-01-02 è stato firmato.", "Titolo", ""},
		{"range is not a date", "Titolo\n2025-2026 outlook", "Titolo", ""},
		{"front matter", "---\ntitle: \"Un titolo\"\ndate: 2025-11-07\n---\n# Altro\nTesto", "Un titolo", "2025-11-07"},
		{"front matter no title", "---\nlayout: post\n---\n# Vero titolo\n", "Vero titolo", ""},
		{"paragraph first sentence", "Sam Altman non costruisce alleanze, le orchestra. " + long, "Sam Altman non costruisce alleanze, le orchestra.", ""},
		{"paragraph no sentence", long, strings.TrimSpace(strings.Repeat("parola lunga ", 12)) + "…", ""},
		{"decimal is not a sentence end", "Un accordo da 1. " + long, "", ""},
		{"empty", "", "", ""},
		{"italian dateline", "Titolo\n\nSottotitolo\n\nNovembre 3, 2025 - 14:51\nNovembre 7, 2025 - 14:51\nTesto", "Titolo", "2025-11-03"},
		{"month and year", "Titolo\n\nApril 2026\nAI infrastructureArchive: April 2026\n", "Titolo", "2026-04"},
		{"spanish dateline", "Título\n3 de noviembre de 2025\n", "Título", "2025-11-03"},
		{"label and natural date", "Titolo\nPubblicato il 3 novembre 2025\n", "Titolo", "2025-11-03"},
		{"date in a sentence is an event", "Título\nEl 3 de noviembre de 2025, OpenAI se comprometió a un contrato de siete años para comprar capacidad.", "Título", ""},
		{"year alone", "Titolo\n2026\n", "Titolo", ""},
		{"agency dateline", "Titolo\n\nABU DHABI, 20 gennaio 2026 — Microsoft rafforza la sua scommessa sugli Emirati Arabi Uniti con un investimento.", "Titolo", "2026-01-20"},
		{"press release dateline", "Title\n\nSANTA CLARA, Calif., March 31, 2025 /PRNewswire/ -- AMD today announced the completion of its acquisition.", "Title", "2025-03-31"},
		{"spanish agency dateline", "Título\nSan Francisco, 6 de noviembre de 2025 (Agencias).- Nvidia ha ampliado el contrato.", "Título", "2025-11-06"},
		{"place and date line", "Título\n\nMadrid, 17 de febrero de 2026.\n\nNubaria ha cerrado una ronda.", "Título", "2026-02-17"},
		{"date after a long head is an event", "Titolo\nIl gruppo ha annunciato che dal 3 novembre 2025 l'accordo è operativo — lo dice la nota.", "Titolo", ""},
		{"front matter natural date", "---\ntitle: T\ndate: November 3, 2025\n---\nTesto", "T", "2025-11-03"},
	}
	dateRe := regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			title, published := readPlain(tt.text)
			if tt.title != "" && title != tt.title {
				t.Errorf("readPlain(%q) title = %q, want %q", tt.text, title, tt.title)
			}
			if utf8.RuneCountInString(title) > MaxTitleRunes+1 {
				t.Errorf("readPlain(%q) title has %d runes, over %d", tt.text, utf8.RuneCountInString(title), MaxTitleRunes)
			}
			if published != tt.published {
				t.Errorf("readPlain(%q) published = %q, want %q", tt.text, published, tt.published)
			}
			if published != "" && !dateRe.MatchString(published) {
				t.Errorf("published %q does not match %s", published, dateRe)
			}
		})
	}
}

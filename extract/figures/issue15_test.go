package figures

import (
	"strings"
	"testing"
)

// issue15Tests are the classes of issue 15 with the issue's own invented
// examples and a few more, in parseTests' want format.
var issue15Tests = []struct {
	lang, in, want string
}{
	// ---- 1. fractions with a scale word
	{"en", "two and a half billion dollars", `money 2.5e9 USD "two and a half billion dollars"`},
	{"en", "two-and-a-half billion dollars", `money 2.5e9 USD "two-and-a-half billion dollars"`},
	{"en", "a quarter billion dollars", `money 0.25e9 USD "a quarter billion dollars"`},
	{"en", "a quarter of a billion dollars", `money 0.25e9 USD "a quarter of a billion dollars"`},
	{"en", "three-quarters of a billion dollars", `money 0.75e9 USD "three-quarters of a billion dollars"`},
	{"en", "a quarter-trillion-dollar market", `money 0.25e12 USD "a quarter-trillion-dollar"`},
	{"en", "half a trillion dollars", `money 0.5e12 USD "half a trillion dollars"`},
	{"en", "$2 and a half billion", `money 2.5e9 USD "$2 and a half billion"`},
	{"it", "cinque miliardi e mezzo", `money 5.5e9 - "cinque miliardi e mezzo"`},
	{"it", "mezzo trilione di dollari", `money 0.5e12 USD "mezzo trilione di dollari"`},
	{"it", "un quarto di miliardo di euro", `money 0.25e9 EUR "un quarto di miliardo di euro"`},
	{"it", "tre quarti di miliardo di dollari", `money 0.75e9 USD "tre quarti di miliardo di dollari"`},
	{"it", "2 miliardi e un quarto di euro", `money 2.25e9 EUR "2 miliardi e un quarto di euro"`},
	{"es", "dos mil millones y medio", `money 2.5e9 - "dos mil millones y medio"`},
	{"es", "medio billón de dólares", `money 0.5e12 USD "medio billón de dólares"`},
	{"es", "un cuarto de billón de dólares", `money 0.25e12 USD "un cuarto de billón de dólares"`},
	{"es", "medio millar de millones de euros", `money 0.5e9 EUR "medio millar de millones de euros"`},
	// ---- 2. spaces as thousands separators
	{"es", "1 500 millones de euros", `money 1.5e9 EUR "1 500 millones de euros"`},
	{"es", "1 234 567 dólares", `money 1234567 USD "1 234 567 dólares"`},
	{"es", "1\u00a0500 millones de euros", `money 1.5e9 EUR "1\u00a0500 millones de euros"`},
	{"it", "2\u202f350\u202f000 euro", `money 2350000 EUR "2\u202f350\u202f000 euro"`},
	{"es", "2 500,5 millones de euros", `money 2500.5e6 EUR "2 500,5 millones de euros"`},
	{"en", "$3 250 000.50", `money 3250000.5 USD "$3 250 000.50"`},
	{"en", "call +1 415 555 0199", ``},
	{"it", "nel 2025 500 milioni di euro", `money 500e6 EUR "500 milioni di euro"`},
	// ---- 3. a country on the currency
	{"it", "3 miliardi di dollari australiani", `money 3e9 AUD "3 miliardi di dollari australiani"`},
	{"es", "8.000 millones de dólares de Hong Kong", `money 8e9 HKD "8.000 millones de dólares de Hong Kong"`},
	{"en", "10 billion Canadian dollars", `money 10e9 CAD "10 billion Canadian dollars"`},
	{"en", "2 billion Singapore dollars", `money 2e9 SGD "2 billion Singapore dollars"`},
	{"es", "20.000 millones de pesos mexicanos", `money 20e9 MXN "20.000 millones de pesos mexicanos"`},
	{"en", "C$2 billion", `money 2e9 CAD "C$2 billion"`},
	{"en", "A$2 billion", `money 2e9 AUD "A$2 billion"`},
	{"en", "HK$2 billion", `money 2e9 HKD "HK$2 billion"`},
	{"en", "S$2 billion", `money 2e9 SGD "S$2 billion"`},
	{"es", "MXN$ 15.000 millones", `money 15e9 MXN "MXN$ 15.000 millones"`},
	{"en", "AUD$750 million", `money 750e6 AUD "AUD$750 million"`},
	{"es", "U$S 50 millones", `money 50e6 USD "U$S 50 millones"`},
	{"es", "U$D 50 millones", `money 50e6 USD "U$D 50 millones"`},
	{"en", "NT$100 billion", `money 100e9 TWD "NT$100 billion"`},
	{"es", "5.000 millones de dólares de Amazon", `money 5e9 USD "5.000 millones de dólares"`},
	// ---- 4. scale and code in other orders
	{"en", "a 75 USD million credit line", `money 75e6 USD "75 USD million"`},
	{"en", "USD 75 million", `money 75e6 USD "USD 75 million"`},
	{"en", "order intake of MUSD 75", `money 75e6 USD "MUSD 75"`},
	{"en", "MEUR 40", `money 40e6 EUR "MEUR 40"`},
	{"en", "EUR 5bn", `money 5e9 EUR "EUR 5bn"`},
	{"en", "€5bn", `money 5e9 EUR "€5bn"`},
	{"it", "5 mld €", `money 5e9 EUR "5 mld €"`},
	{"it", "2,5 Mio. Euro", `money 2.5e6 EUR "2,5 Mio. Euro"`},
	{"es", "2.000 millones de US$", `money 2e9 USD "2.000 millones de US$"`},
	{"it", "il mio 5 per cento", `percent 5 % "5 per cento"`},
	// ---- 5. plurals and other names
	{"es", "30.000 millones de yuanes", `money 30e9 CNY "30.000 millones de yuanes"`},
	{"es", "500 millones de libras esterlinas", `money 500e6 GBP "500 millones de libras esterlinas"`},
	{"it", "2 miliardi di sterline", `money 2e9 GBP "2 miliardi di sterline"`},
	{"es", "3.000 millones de yenes", `money 3e9 JPY "3.000 millones de yenes"`},
	{"en", "100 billion renminbi", `money 100e9 CNY "100 billion renminbi"`},
	{"en", "4 billion Swedish crowns", `money 4e9 SEK "4 billion Swedish crowns"`},
	{"it", "20 miliardi di lire turche", `money 20e9 TRY "20 miliardi di lire turche"`},
	{"en", "5 billion reais", `money 5e9 BRL "5 billion reais"`},
	// ---- 6. compound number words
	{"es", "tres billones cuatrocientos mil millones de dólares", `money 3.4e12 USD "tres billones cuatrocientos mil millones de dólares"`},
	{"en", "twenty-one trillion dollars", `money 21e12 USD "twenty-one trillion dollars"`},
	{"it", "ventuno miliardi di euro", `money 21e9 EUR "ventuno miliardi di euro"`},
	{"it", "trecentocinquanta milioni di euro", `money 350e6 EUR "trecentocinquanta milioni di euro"`},
	{"es", "doscientos cincuenta mil millones de dólares", `money 250e9 USD "doscientos cincuenta mil millones de dólares"`},
	{"it", "due miliardi e trecento milioni di euro", `money 2.3e9 EUR "due miliardi e trecento milioni di euro"`},
	{"es", "treinta y un mil millones de euros", `money 31e9 EUR "treinta y un mil millones de euros"`},
	{"it", "tra 2 e 3 miliardi di euro", `money 2e9 EUR range max=3e9 "tra 2 e 3 miliardi di euro"`},
	// ---- 7. scale slips
	{"es", "una alianza de US$100.000, por encima del acuerdo de US$12.000 millones",
		`money 100000 USD implausible "US$100.000" | money 12e9 USD "US$12.000 millones"`},
	{"en", "each accelerator costs about $30,000 per unit, in a $10 billion order",
		`money 30000 USD about "about $30,000" | money 10e9 USD "$10 billion"`},
	{"en", "500,000 GPUs in a $40,000 agreement", `count 500000 GPUs "500,000 GPUs" | money 40000 USD implausible "$40,000"`},
	{"en", "a $150,000 grant", `money 150000 USD "$150,000"`},
}

func TestIssue15(t *testing.T) {
	for _, tt := range issue15Tests {
		t.Run(tt.lang+"/"+tt.in, func(t *testing.T) {
			var want []string
			var withText []bool
			if tt.want != "" {
				for _, spec := range strings.Split(tt.want, " | ") {
					s, ht := canonical(t, spec)
					want = append(want, s)
					withText = append(withText, ht)
				}
			}
			got := Parse(tt.in, tt.lang)
			var gotS []string
			for i, f := range got {
				gotS = append(gotS, describe(f, i < len(withText) && withText[i]))
			}
			if strings.Join(gotS, " | ") != strings.Join(want, " | ") {
				t.Errorf("Parse(%q, %q) =\n  %s\nwant\n  %s", tt.in, tt.lang, strings.Join(gotS, " | "), strings.Join(want, " | "))
			}
			checkInvariants(t, tt.in, got)
		})
	}
}

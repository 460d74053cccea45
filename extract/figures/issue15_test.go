package figures

import (
	"fmt"
	"math/rand"
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
	{"en", "Amazon paid $5 billion and a quarter of its shares", `money 5e9 USD "$5 billion"`},
	{"it", "5 miliardi di euro e un terzo delle azioni", `money 5e9 EUR "5 miliardi di euro"`},
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
	{"en", "2025-11-03 500 million dollars", `date 2025-11-03 | money 500e6 USD "500 million dollars"`},
	{"it", "5 miliardi 3 miliardi di euro", `money 5e9 EUR inferred "5 miliardi" | money 3e9 EUR "3 miliardi di euro"`},
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
	{"en", "Mex$500 million", `money 500e6 MXN "Mex$500 million"`},
	{"es", "R$ 5 bilhões", `money 5e9 BRL "R$ 5 bilhões"`},
	{"en", "NT$100 billion", `money 100e9 TWD "NT$100 billion"`},
	{"es", "5.000 millones de dólares de Amazon", `money 5e9 USD "5.000 millones de dólares"`},
	{"es", "de 2.000 a 3.000 millones de coronas suecas", `money 2e9 SEK shared "2.000" | money 3e9 SEK "3.000 millones de coronas suecas"`},
	{"it", "5 miliardi di dollari spesi in chip", `money 5e9 USD "5 miliardi di dollari"`},
	{"es", "5.000 millones de dólares invertidos", `money 5e9 USD "5.000 millones de dólares"`},
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
	{"en", "a hundred and one billion dollars", `money 101e9 USD "a hundred and one billion dollars"`},
	{"en", "two hundred and fifty billion dollars", `money 250e9 USD "two hundred and fifty billion dollars"`},
	{"it", "ventuno miliardi di euro", `money 21e9 EUR "ventuno miliardi di euro"`},
	{"it", "trecentocinquanta milioni di euro", `money 350e6 EUR "trecentocinquanta milioni di euro"`},
	{"es", "doscientos cincuenta mil millones de dólares", `money 250e9 USD "doscientos cincuenta mil millones de dólares"`},
	{"it", "due miliardi e trecento milioni di euro", `money 2.3e9 EUR "due miliardi e trecento milioni di euro"`},
	{"es", "treinta y un mil millones de euros", `money 31e9 EUR "treinta y un mil millones de euros"`},
	{"it", "tra 2 e 3 miliardi di euro", `money 2e9 EUR range max=3e9 "tra 2 e 3 miliardi di euro"`},
	{"en", "between two and three billion dollars", `money 2e9 USD range max=3e9 "between two and three billion dollars"`},
	{"it", "tra due e tre miliardi di euro", `money 2e9 EUR range max=3e9 "tra due e tre miliardi di euro"`},
	{"es", "entre dos y tres mil millones de dólares", `money 2e9 USD range max=3e9 "entre dos y tres mil millones de dólares"`},
	{"en", "two or three billion dollars", `money 3e9 USD "three billion dollars"`},
	{"es", "diez y seis millones de euros", `money 16e6 EUR "diez y seis millones de euros"`},
	{"en", "twenty-three hundred million dollars", `money 2300e6 USD "twenty-three hundred million dollars"`},
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

// unreadTests are money expressions of each class of issue 15 that the
// parser cannot read whole. expr is the whole expression in text: Parse
// must return no Money figure over any part of it (never a smaller or
// wrong amount), and an Unread figure over it with a note.
var unreadTests = []struct {
	class, lang, text, expr string
}{
	{"fraction", "en", "Contoso will invest a third of a billion dollars in Ohio.", "a third of a billion dollars"},
	{"fraction", "en", "They paid two and a third billion dollars.", "two and a third billion dollars"},
	{"fraction", "it", "Il piano vale un terzo di miliardo di euro.", "un terzo di miliardo di euro"},
	{"fraction", "it", "Il piano vale 5 miliardi e un terzo di euro.", "5 miliardi e un terzo"},
	{"fraction", "es", "El plan moverá un tercio de billón de dólares.", "un tercio de billón de dólares"},
	{"spaces", "es", "Invierte 12 34 millones de euros en Madrid.", "12 34 millones de euros"},
	{"spaces", "es", "Invierte 1500 000 euros en Madrid.", "1500 000 euros"},
	{"spaces", "en", "The fund paid $1 23 million for it.", "$1 23 million"},
	{"country", "it", "Un fondo da 5 miliardi di dollari svizzeri.", "5 miliardi di dollari svizzeri"},
	{"country", "en", "A fund of 10 billion Swiss dollars.", "10 billion Swiss dollars"},
	{"country", "es", "Un plan de 500 millones de pesos para la red.", "500 millones de pesos"},
	{"country", "es", "Recaudó XY$ 50 millones en la ronda.", "XY$ 50 millones"},
	{"country", "it", "Un fondo da 5 miliardi di dollari giamaicani.", "5 miliardi di dollari giamaicani"},
	{"country", "es", "Un fondo de 5.000 millones de dólares jamaiquinos.", "5.000 millones de dólares jamaiquinos"},
	{"country", "en", "A fund of 5 billion Jamaican dollars.", "5 billion Jamaican dollars"},
	{"order", "it", "Un prestito da USD 75 milioni di euro.", "USD 75 milioni di euro"},
	{"order", "en", "A loan of EUR 5 billion dollars.", "EUR 5 billion dollars"},
	{"order", "es", "Un fondo de 5 dólares mil millones.", "5 dólares mil millones"},
	{"names", "it", "La società ha raccolto 4 miliardi di corone.", "4 miliardi di corone"},
	{"names", "en", "The group raised 10 billion lira.", "10 billion lira"},
	{"names", "es", "Invirtió 2.000 millones de coronas.", "2.000 millones de coronas"},
	{"words", "es", "Invirtió veintitantos mil millones de dólares.", "veintitantos mil millones de dólares"},
	{"words", "en", "They spent twenty-odd billion dollars on chips.", "twenty-odd billion dollars"},
	{"words", "en", "They spent $20-odd billion on chips.", "$20-odd billion"},
	{"words", "it", "Hanno speso trenta miliardi e rotti di euro.", "trenta miliardi e rotti"},
	{"words", "en", "They spent twenty one trillion dollars.", "twenty one trillion dollars"},
	{"words", "en", "They spent two and three billion dollars.", "two and three billion dollars"},
	{"words", "en", "They spent $5 zillion.", "$5 zillion"},
	{"country", "en", "It raised $10-15 billion Hong Kong dollars.", "$10-15 billion Hong Kong dollars"},
	{"words", "es", "Recaudó €5 milliarden en la ronda.", "€5 milliarden"},
}

// TestUnreadNeverPartial proves the rule above all of issue 15 for
// every class: what the parser cannot read whole gets no value.
func TestUnreadNeverPartial(t *testing.T) {
	classes := map[string]bool{}
	for _, tt := range unreadTests {
		classes[tt.class] = true
		s := strings.Index(tt.text, tt.expr)
		if s < 0 {
			t.Fatalf("%q is not in %q", tt.expr, tt.text)
		}
		e := s + len(tt.expr)
		figs := Parse(tt.text, tt.lang)
		checkInvariants(t, tt.text, figs)
		unread := false
		for _, f := range figs {
			if f.Start >= e || f.End <= s {
				continue
			}
			switch f.Kind {
			case Money:
				t.Errorf("[%s] Parse(%q, %q) reads %q as %s %s; want no value for %q", tt.class, tt.text, tt.lang, f.Text, f.Value, f.Unit, tt.expr)
			case Unread:
				unread = true
				if f.Note == "" || !f.Value.IsZero() || f.Unit != "" {
					t.Errorf("[%s] Parse(%q): unread %q has note %q, value %s, unit %q", tt.class, tt.text, f.Text, f.Note, f.Value, f.Unit)
				}
			}
		}
		if !unread {
			t.Errorf("[%s] Parse(%q, %q) = %v, want an Unread figure over %q", tt.class, tt.text, tt.lang, figs, tt.expr)
		}
	}
	for _, c := range []string{"fraction", "spaces", "country", "order", "names", "words"} {
		if !classes[c] {
			t.Errorf("no unread case for class %s", c)
		}
	}
}

// longPart is a piece of a generated money expression and what it adds.
type longPart struct {
	text string
	val  Decimal // the number, the fraction, or the tail's amount
	exp  int     // the power of ten of a scale word
	cur  string  // the code of a currency
}

// longGrammar is, per language, the pieces the property test builds
// money expressions from: numbers, fractions, scales, tails and
// currencies, each as written in news text.
var longGrammar = map[string]struct {
	nums, fracs, scales, tails, curs []longPart
	fracAfterScale                   bool
}{
	"en": {
		nums: []longPart{{text: "2", val: Dec(2, 0)}, {text: "1 500", val: Dec(1500, 0)}, {text: "3.25", val: Dec(325, -2)},
			{text: "two", val: Dec(2, 0)}, {text: "twenty-one", val: Dec(21, 0)}, {text: "three hundred", val: Dec(300, 0)},
			{text: "one", val: Dec(1, 0)}, {text: "forty-five", val: Dec(45, 0)}},
		fracs:  []longPart{{text: "and a half", val: Dec(5, -1)}, {text: "and a quarter", val: Dec(25, -2)}},
		scales: []longPart{{text: "million", exp: 6}, {text: "billion", exp: 9}, {text: "trillion", exp: 12}},
		curs: []longPart{{text: "dollars", cur: "USD"}, {text: "Canadian dollars", cur: "CAD"}, {text: "euros", cur: "EUR"},
			{text: "Hong Kong dollars", cur: "HKD"}, {text: "Swedish crowns", cur: "SEK"}, {text: "South Korean won", cur: "KRW"}},
	},
	"it": {
		nums: []longPart{{text: "2", val: Dec(2, 0)}, {text: "1 500", val: Dec(1500, 0)}, {text: "3,25", val: Dec(325, -2)},
			{text: "due", val: Dec(2, 0)}, {text: "ventuno", val: Dec(21, 0)}, {text: "trecentocinquanta", val: Dec(350, 0)},
			{text: "quarantacinque", val: Dec(45, 0)}},
		fracs:  []longPart{{text: "e mezzo", val: Dec(5, -1)}, {text: "e un quarto", val: Dec(25, -2)}},
		scales: []longPart{{text: "milioni", exp: 6}, {text: "miliardi", exp: 9}},
		tails:  []longPart{{text: "e trecento milioni", val: Dec(300, 6)}, {text: "e 40 milioni", val: Dec(40, 6)}},
		curs: []longPart{{text: "di dollari", cur: "USD"}, {text: "di dollari australiani", cur: "AUD"}, {text: "di euro", cur: "EUR"},
			{text: "di dollari di Hong Kong", cur: "HKD"}, {text: "di corone svedesi", cur: "SEK"}, {text: "di sterline britanniche", cur: "GBP"}},
		fracAfterScale: true,
	},
	"es": {
		nums: []longPart{{text: "2", val: Dec(2, 0)}, {text: "1 500", val: Dec(1500, 0)}, {text: "3,25", val: Dec(325, -2)},
			{text: "dos", val: Dec(2, 0)}, {text: "veintiún", val: Dec(21, 0)}, {text: "doscientos cincuenta", val: Dec(250, 0)},
			{text: "treinta y cinco", val: Dec(35, 0)}},
		fracs:  []longPart{{text: "y medio", val: Dec(5, -1)}, {text: "y un cuarto", val: Dec(25, -2)}},
		scales: []longPart{{text: "millones", exp: 6}, {text: "mil millones", exp: 9}, {text: "billones", exp: 12}},
		tails:  []longPart{{text: "cuatrocientos mil millones", val: Dec(400, 9)}, {text: "500 mil millones", val: Dec(500, 9)}},
		curs: []longPart{{text: "de dólares", cur: "USD"}, {text: "de dólares canadienses", cur: "CAD"}, {text: "de euros", cur: "EUR"},
			{text: "de pesos mexicanos", cur: "MXN"}, {text: "de coronas suecas", cur: "SEK"}, {text: "de libras esterlinas", cur: "GBP"}},
		fracAfterScale: true,
	},
}

// genLong builds one money expression of lang from r and returns it with
// its value and currency.
func genLong(r *rand.Rand, lang string) (string, Decimal, string) {
	g := longGrammar[lang]
	num := g.nums[r.Intn(len(g.nums))]
	scale := g.scales[r.Intn(len(g.scales))]
	cur := g.curs[r.Intn(len(g.curs))]
	words := []string{num.text}
	val := num.val
	frac := r.Intn(3) == 0 && num.val.Exp == 0
	if frac {
		f := g.fracs[r.Intn(len(g.fracs))]
		val, _ = val.Add(f.val)
		if g.fracAfterScale {
			words = append(words, scale.text, f.text)
		} else {
			words = append(words, f.text, scale.text)
		}
	} else {
		words = append(words, scale.text)
	}
	val.Exp += scale.exp
	if !frac && len(g.tails) > 0 && r.Intn(3) == 0 {
		tail := g.tails[r.Intn(len(g.tails))]
		if tail.val.Cmp(Dec(1, scale.exp)) < 0 {
			words = append(words, tail.text)
			val, _ = val.Add(tail.val)
		}
	}
	words = append(words, cur.text)
	return strings.Join(words, " "), val.Norm(), cur.cur
}

// TestLongerExpressionProperty checks the property of issue 15 on
// generated expressions: for any expression the parser reads inside a
// longer money expression, its value is never smaller than the longer
// expression's value. It also checks the stronger form this parser
// keeps: a money figure over any part of the expression covers all of
// it, with its exact value and currency.
func TestLongerExpressionProperty(t *testing.T) {
	frames := map[string][]string{
		"en": {"Contoso will invest %s in Ohio.", "The deal, worth %s, closed.", "%s", "It raised more than %s last year."},
		"it": {"Contoso investirà %s in Ohio.", "L'accordo, da %s, è chiuso.", "%s", "Ha raccolto oltre %s l'anno scorso."},
		"es": {"Contoso invertirá %s en Ohio.", "El acuerdo, de %s, se cerró.", "%s", "Recaudó más de %s el año pasado."},
	}
	r := rand.New(rand.NewSource(15))
	for i := 0; i < 3000; i++ {
		lang := []string{"en", "it", "es"}[i%3]
		expr, want, cur := genLong(r, lang)
		fr := frames[lang][r.Intn(len(frames[lang]))]
		text := fmt.Sprintf(fr, expr)
		s := strings.Index(text, expr)
		e := s + len(expr)
		whole := false
		for _, f := range Parse(text, lang) {
			if f.Kind != Money || f.End <= s || f.Start >= e {
				continue
			}
			whole = whole || f.Start <= s && f.End >= e
			if f.Value.Cmp(want) < 0 {
				t.Errorf("Parse(%q, %q) reads %q as %s, smaller than the whole %q = %s", text, lang, f.Text, f.Value, expr, want)
			}
			if f.Start > s || f.End < e || f.Value.Cmp(want) != 0 || f.Unit != cur {
				t.Errorf("Parse(%q, %q) reads %q as %s %s, want all of %q as %s %s", text, lang, f.Text, f.Value, f.Unit, expr, want, cur)
			}
		}
		if !whole {
			// every piece of the grammar is one the parser reads
			t.Errorf("Parse(%q, %q) does not read %q", text, lang, expr)
		}
	}
}

// TestNoSlipInGenuineSmallAmounts lists sentences of real news shape
// whose small amounts are genuine: prices per unit, share prices, a
// price range per GPU. No figure of them may be marked Implausible.
func TestNoSlipInGenuineSmallAmounts(t *testing.T) {
	for _, tt := range []struct{ lang, text string }{
		{"en", "Nvidia shares rose 2.9 per cent to $207, giving the company a market value of more than $5tn."},
		{"it", "In Borsa il titolo ha guadagnato l'1,9% a 8,42 euro, per una capitalizzazione di circa 85 miliardi."},
		{"es", "xAI rechazó una oferta de 8.000 millones de dólares y el precio de la API se mantiene en 1,25 dólares por millón de tokens."},
		{"en", "At roughly $30,000 to $40,000 per GPU, the chips alone could be worth more than $10 billion."},
		{"it", "Nvidia ha acquistato azioni Synopsys per 2 miliardi di dollari, a 414,79 dollari ciascuna."},
		{"en", "Revenue rose to $3.5 billion, up from $350,000 a decade ago."},
		{"en", "Amazon invested $4 billion and Google gave $300,000 to a local charity."},
		{"en", "The $100 million round was led by a16z; each seat cost $5,000."},
		{"it", "Ogni acceleratore costa circa 30.000 dollari per unità, in un ordine da 10 miliardi."},
	} {
		for _, f := range Parse(tt.text, tt.lang) {
			if f.Implausible {
				t.Errorf("Parse(%q, %q) marks %q implausible; it is a genuine amount", tt.text, tt.lang, f.Text)
			}
		}
	}
}

// TestWordSoup parses random sequences of the words money expressions
// are made of (numbers, scales, fractions, currencies, countries,
// joiners, vague words) and checks what every result must satisfy, and
// that no money figure overlaps an unread one: the fuzzer rarely builds
// such sequences from bytes.
func TestWordSoup(t *testing.T) {
	words := strings.Fields(`1 2 10 15 500 1 500 000 2,5 3.25 $ € US$ HK$ NT$ AUD$ MUSD USD EUR 12 34 2025 -
		due tre ventuno trecentocinquanta dos tres veintiún doscientos cincuenta two twenty-one hundred one a un una
		mil millones millón billones billón miliardi miliardo milioni million billion trillion bn mld Mio . millar
		e y and mezzo medio half quarter quarto cuarto quarti terzo third odd tantos rotti pico
		di de of dollari dólares dollars euro euros pesos corone crowns sterline libras yuan yenes reais
		australiani canadienses Canadian Hong Kong svizzeri Swiss mexicanos giamaicani
		tra entre between oltre more than almeno hasta up to to a da , ; l'anno a year per unit shares GPU gigawatt
		two-and- two-and-a- -and-a-half two-and-a-half three-quarters quarter- -dollar billion-dollar 10- -15 $10- e- y- and-`)
	r := rand.New(rand.NewSource(1515))
	for i := 0; i < 20000; i++ {
		n := 2 + r.Intn(9)
		parts := make([]string, n)
		for k := range parts {
			parts[k] = words[r.Intn(len(words))]
		}
		text := strings.Join(parts, " ")
		lang := []string{"it", "es", "en", ""}[i%4]
		figs := Parse(text, lang)
		checkInvariants(t, text, figs)
		for _, u := range figs {
			if u.Kind == Unread && (u.Note == "" || !u.Value.IsZero() || u.Unit != "") {
				t.Errorf("Parse(%q, %q): unread %q with value %s, unit %q, note %q", text, lang, u.Text, u.Value, u.Unit, u.Note)
			}
			for _, m := range figs {
				if u.Kind == Unread && m.Kind == Money && m.Start < u.End && u.Start < m.End {
					t.Errorf("Parse(%q, %q): money %q overlaps the unread %q", text, lang, m.Text, u.Text)
				}
			}
		}
	}
}

// TestEdgesAtTheEnd parses expressions cut at the end of the text, where
// the readers of issue 15 look one token too far (two of these panicked
// once).
func TestEdgesAtTheEnd(t *testing.T) {
	for _, text := range []string{"two-and-", "$2-and-", "$2 and a", "medio millar", "un millar de", "5 miliardi e",
		"a quarter", "a quarter of", "three-quarters of a", "tres billones cuatrocientos", "US", "AUD", "MUSD", "R",
		"5 dollari", "5 dollari di", "10 billion Canadian", "$10-", "dos mil millones y", "$5 billion-"} {
		for _, lang := range []string{"it", "es", "en", ""} {
			checkInvariants(t, text, Parse(text, lang))
		}
	}
}

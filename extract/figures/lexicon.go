package figures

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexEntry is what the parser knows about one folded word (lowercase,
// accents removed) or one punctuation rune. The lexicon is built once at
// package initialisation and never written afterwards.
type lexEntry struct {
	// scale is the power of ten a scale word multiplies by ("miliardi" 9,
	// "billones" 12, "mil" 3); scaleEn overrides it when the text is
	// English ("$5 mil" is five million there).
	scale, scaleEn int8
	// scaleLetter marks one-letter and English abbreviations (B, M, K, bn)
	// that make a figure only next to a currency: "Llama 70B" is a name.
	scaleLetter bool
	// scaleEnglish marks English scale words: English writes the currency
	// ("$5 billion"), so "4 million to 5 million GPUs" is not money.
	scaleEnglish bool
	// scaleSingular marks the singular forms that may stand without a
	// number when a currency follows ("mil millones de dólares").
	scaleSingular bool
	// scaleCur is set for abbreviations that include the currency:
	// "mdd" (millones de dólares).
	scaleCur string

	cur     string // ISO 4217 code of a currency word or symbol
	curCode bool   // an ISO code: must be written in capitals
	curWord bool   // a currency name that may follow "di", "de", "of"
	// fam is the family of a currency name ("dollar" for "dólares"),
	// which a country turns into a code ("dólares canadienses": CAD).
	// cur is the code the name has without a country, or "" when it
	// names none by itself ("pesos", "corone").
	fam string

	capUnit  string // "GW" or "MW"
	durUnit  string // "years", "months", "days"
	durWhole int    // a word that is a duration by itself: quinquennale = 5
	pct      bool   // "percent", "per cento" ...
	count    string // normalised unit of a count noun: "GPUs"

	month     int  // 1..12 for month names and abbreviations
	monthCase bool // only a month when capitalised (May, Mar, Set)

	num     int64 // value of a number word
	isNum   bool
	numMult bool // "hundred": multiplies what comes before
	numArt  bool // "a", "un", "one": a number only before a scale or unit
	half    bool // "mezzo", "medio", "half": 0.5
	quarter int8 // 1 for "quarter", "quarto", "cuarto"; 2 for their plurals
	// vague marks words that stand for a number the parser cannot read
	// ("veintitantos", "several", "decine", "terzo"): a scale word after
	// one is not an amount of its own.
	vague bool
	// frac marks the fractions the parser does not read: "terzo", "third".
	frac bool
	// superlative, recordScope and bigDeal are the words of a record
	// deal ("the largest ... in its history", "la mayor ... de la
	// década", "syndicated loan"), which make an amount below a million
	// a scale slip (see markSlips).
	superlative, recordScope, bigDeal bool
	// stock marks the words of the stock market ("shares", "titolo",
	// "bolsa"), whose prices are no scale slips.
	stock bool
	// scaleOf marks "millar": "un millar de millones" is 10^9.
	scaleOf bool

	ofWord    bool // "di", "de", "of", "d": links a number to its noun
	moneyNoun bool // "investimenti", "ingresos": "2 miliardi di investimenti" is money
	notPerYr  bool // "prossimo", "ago": "l'anno prossimo" is no rate
	after     bool // a word that may follow an amount without a currency

	annual bool // "annual", "annuale", "anuales": per year before an amount

	phr [nSets][]*phrase

	// start is set when a figure may begin with this word or symbol: a
	// number word, a currency, a month, a qualifier, an opener.
	start bool
}

// Phrase sets, indexed into lexEntry.phr by their first word.
const (
	setQual          = iota // qualifiers before a number
	setOpener               // "between", "tra": opens a range
	setPerYear              // "a year", "l'anno"
	setArticle              // "il", "los", "the" after a qualifier
	setConnTo               // "to", "a": the second figure of a change
	setConnAnd              // "and", "e", "y": the end of a range
	setPercent              // "per cent", "por ciento"
	setYearMark             // "end of", "fine", "mediados de": a part of a year
	setCountryAfter         // "canadesi", "de Hong Kong": a country after a currency name
	setCountryBefore        // "Canadian", "Hong Kong": a country before it
	nSets
)

// phrase is a sequence of folded words (or punctuation runes) with the
// qualifier it stands for, when it is a qualifier.
type phrase struct {
	words   []string
	q       Qualifier
	country string // ISO 3166 code of a country phrase
}

// lexicon maps folded words and punctuation to their entries.
type lexicon map[string]*lexEntry

// lex is the lexicon of the three languages. It is read-only after init.
var lex = buildLexicon()

// lexShape[c] has bit n set when lex has a key of n bytes (63 for longer)
// starting with ASCII byte c; it saves most map lookups of words that
// are not in the lexicon.
var lexShape = buildShape(lex)

func buildShape(l lexicon) (shape [128]uint64) {
	for k := range l {
		if k[0] < 128 {
			shape[k[0]] |= 1 << min(len(k), 63)
		}
	}
	return shape
}

// lookup returns the entry of the folded word w, or nil.
func lookup(w []byte) *lexEntry {
	if len(w) == 0 {
		return nil
	}
	if c := w[0]; c < 128 && lexShape[c]&(1<<min(len(w), 63)) == 0 {
		return nil
	}
	return lex[string(w)]
}

func (l lexicon) entry(w string) *lexEntry {
	e := l[w]
	if e == nil {
		e = &lexEntry{}
		l[w] = e
	}
	return e
}

// foldRune lowercases r and removes the accents of Latin letters, so that
// "Millón", "millon" and "MILLÓN" look the same.
func foldRune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ä', 'À', 'Á', 'Â', 'Ä', 'ã', 'Ã':
		return 'a'
	case 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'ö', 'Ò', 'Ó', 'Ô', 'Ö', 'õ', 'Õ':
		return 'o'
	case 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü':
		return 'u'
	case 'ñ', 'Ñ':
		return 'n'
	case 'ç', 'Ç':
		return 'c'
	case '’', '‘', '`', '´', 'ʼ':
		return '\''
	case '–', '—', '‑', '‒', '−':
		return '-'
	}
	return unicode.ToLower(r)
}

// fold returns s folded with foldRune.
func fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

// appendFold appends s folded to buf.
func appendFold(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		buf = utf8.AppendRune(buf, foldRune(r))
		i += n
	}
	return buf
}

func buildLexicon() lexicon {
	l := lexicon{}
	scales := []struct {
		words        string
		exp          int8
		letter       bool
		singular     string
		withCurrency string
	}{
		{"thousand thousands mila", 3, false, "thousand", ""},
		{"mil", 3, false, "mil", ""},
		{"k", 3, true, "", ""},
		{"million millions milione milioni millon millones", 6, false, "million milione millon", ""},
		{"mln", 6, false, "", ""},
		{"m mn mm", 6, true, "", ""},
		{"billion billions miliardo miliardi millardo millardos", 9, false, "billion miliardo millardo", ""},
		{"mld mrd", 9, false, "", ""},
		{"b bn bln", 9, true, "", ""},
		{"trillion trillions bilione bilioni billon billones trilione trilioni", 12, false, "trillion bilione billon trilione", ""},
		{"millar millares", 3, false, "millar", ""},
		{"milhao milhoes", 6, false, "milhao", ""},
		{"bilhao bilhoes", 9, false, "bilhao", ""},
		{"mio", 6, true, "", ""},
		{"tn trn t", 12, true, "", ""},
		{"lakh lakhs lac", 5, false, "lakh", ""},
		{"crore crores", 7, false, "crore", ""},
		{"trillon trillones", 18, false, "trillon", ""},
		{"mdd", 6, false, "", "USD"},
		{"mmdd", 9, false, "", "USD"},
	}
	for _, s := range scales {
		sing := strings.Fields(s.singular)
		for _, w := range strings.Fields(s.words) {
			e := l.entry(w)
			e.scale, e.scaleEn, e.scaleLetter, e.scaleCur = s.exp, s.exp, s.letter, s.withCurrency
			for _, x := range sing {
				if x == w {
					e.scaleSingular = true
				}
			}
		}
	}
	l.entry("mil").scaleEn = 6
	for _, w := range strings.Fields("thousand thousands million millions billion billions trillion trillions lakh lakhs lac crore crores") {
		l.entry(w).scaleEnglish = true
	}

	addCurrencies(l)
	for _, code := range isoCodes {
		e := l.entry(strings.ToLower(code))
		if e.cur == "" {
			e.cur = code
		}
		e.curCode = true
	}
	l.entry("rmb").cur = "CNY"
	for sym, code := range map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"} {
		l.entry(sym).cur = code
	}

	for _, w := range strings.Fields("gw gigawatt gigawatts gigavatios gigavatio") {
		l.entry(w).capUnit = "GW"
	}
	for _, w := range strings.Fields("mw megawatt megawatts megavatios megavatio") {
		l.entry(w).capUnit = "MW"
	}
	for _, d := range []struct{ unit, words string }{
		{"years", "year years anno anni ano anos yr yrs"},
		{"months", "month months mese mesi mes meses"},
		{"days", "day days giorno giorni dia dias"},
	} {
		for _, w := range strings.Fields(d.words) {
			l.entry(w).durUnit = d.unit
		}
	}
	for _, d := range []struct {
		n     int
		words string
	}{
		{2, "biennale biennali bienal bienales biennial"},
		{3, "triennale triennali trienal trienales triennial"},
		{4, "quadriennale quadriennali cuatrienal cuatrienales"},
		{5, "quinquennale quinquennali quinquenal quinquenales quinquennial"},
		{10, "decennale decennali decenal decenales"},
		{20, "ventennale ventennali"},
	} {
		for _, w := range strings.Fields(d.words) {
			l.entry(w).durWhole = d.n
		}
	}
	l.entry("%").pct = true
	l.entry("percent").pct = true
	l.entry("percento").pct = true
	l.entry("pct").pct = true
	l.entry("pc").pct = true

	for _, c := range []struct{ unit, words string }{
		{"GPUs", "gpu gpus"},
		{"chips", "chip chips"},
		{"CPUs", "cpu cpus"},
		{"TPUs", "tpu tpus"},
		{"servers", "server servers servidores"},
		{"accelerators", "accelerators accelerator acceleratori aceleradores"},
		{"processors", "processors processori procesadores"},
		{"parameters", "parameters parameter parametri parametro parametros"},
	} {
		for _, w := range strings.Fields(c.words) {
			l.entry(w).count = c.unit
		}
	}

	months := []string{
		"january gennaio enero jan gen ene", "february febbraio febrero feb", "march marzo mar", "april aprile abril apr abr",
		"may maggio mayo mag", "june giugno junio jun giu", "july luglio julio jul lug", "august agosto aug ago",
		"september settembre septiembre setiembre sep sept set", "october ottobre octubre oct ott", "november novembre noviembre nov",
		"december dicembre diciembre dec dic",
	}
	for m, ws := range months {
		for _, w := range strings.Fields(ws) {
			l.entry(w).month = m + 1
		}
	}
	for _, w := range strings.Fields("may mar march set ago gen") {
		l.entry(w).monthCase = true
	}

	for w, v := range numberWords() {
		e := l.entry(w)
		e.num, e.isNum = v, true
	}
	for _, w := range strings.Fields("hundred hundreds") {
		e := l.entry(w)
		e.num, e.isNum, e.numMult = 100, true, true
	}
	for _, w := range strings.Fields("a an un una uno one") {
		e := l.entry(w)
		e.num, e.isNum, e.numArt = 1, true, true
	}
	for _, w := range strings.Fields("mezzo mezza medio half") {
		e := l.entry(w)
		e.half = true
	}
	for _, w := range strings.Fields("quarter quarto cuarto") {
		l.entry(w).quarter = 1
	}
	for _, w := range strings.Fields("quarters quarti cuartos") {
		l.entry(w).quarter = 2
	}
	l.entry("millar").scaleOf = true
	l.entry("millares").scaleOf = true
	for _, w := range strings.Fields(`odd several few many some dozens tens third thirds fifth fifths rotti spiccioli pico multi
		alcuni alcune diversi diverse parecchi parecchie molti molte pochi poche decine centinaia migliaia terzo terzi quinto quinti tanti
		varios varias algunos algunas muchos muchas pocos pocas decenas cientos centenares miles tercio tercios quinto quintos tantos tantas`) {
		l.entry(w).vague = true
	}
	for _, w := range strings.Fields("largest biggest mayor mayores maggiore maggior maggiori record principal principale") {
		l.entry(w).superlative = true
	}
	for _, w := range strings.Fields(`share shares stock stocks titolo titoli azioni azione borsa bolsa acciones accion
		capitalizzazione capitalizacion capitalisation capitalization`) {
		l.entry(w).stock = true
	}
	for _, w := range strings.Fields("history storia historia decade decennio decada ever") {
		l.entry(w).recordScope = true
	}
	for _, w := range strings.Fields("syndicated sindacato sindacati sindicado sindicados gigafactory gigafactories gigafactorias gigafabrica gigafabricas") {
		l.entry(w).bigDeal = true
	}
	for _, w := range strings.Fields("third thirds fifth fifths terzo terzi quinto quinti tercio tercios quintos rotti spiccioli pico") {
		l.entry(w).frac = true
	}
	for _, w := range strings.Fields(`annual annually yearly annuale annuali annuo annua annui annue anual anuales
		annualized annualised annualizzato annualizzata annualizzati annualizzate anualizado anualizada anualizados anualizadas`) {
		l.entry(w).annual = true
	}
	for _, w := range strings.Fields("di de of d") {
		l.entry(w).ofWord = true
	}
	for _, w := range strings.Fields(`investimento investimenti finanziamento finanziamenti ricavi fatturato spesa spese
		capitale capitali debito debiti contratti commesse ordini aiuti fondi sussidi utili perdite entrate
		inversion inversiones ingresos financiacion financiamiento deuda deudas gasto gastos capital ventas facturacion
		fondos ayudas contratos beneficios perdidas subsidios
		investment investments revenue revenues funding capex sales debt spending contracts funds profits losses`) {
		l.entry(w).moneyNoun = true
	}
	for _, w := range strings.Fields(`prossimo scorso passato successivo precedente seguente corrente venturo
		proximo pasado siguiente anterior ago earlier later before`) {
		l.entry(w).notPerYr = true
	}
	// Words that may follow an amount written without a currency
	// ("38 miliardi per l'era", "100 miliardi con Jensen Huang"); any
	// other word ("2 billion users") makes it something other than money.
	for _, w := range strings.Fields(`per con da di in a al ai alla alle allo agli e ed o nel nella nei negli nello
		l il la lo i le gli che tra fra entro su sul sulla sui dal dalla dai come ma mentre oltre piu solo circa all
		se non sono e ha hanno gia anche contro verso pari subito
		en para por y del el los las que entre sobre hasta desde como pero mas son es fue ya tambien sin frente
		and or to for from with by at on as the an that which while but versus vs each over under into is are was were
		has have had this its their his her after before than`) {
		l.entry(w).after = true
	}

	phrases := []struct {
		set   int
		q     Qualifier
		items string // separated by "|"
	}{
		{setQual, Over, `>|≥|over|more than|above|in excess of|upwards of|at least|north of|exceeding|exceeds|exceed|surpassing|surpasses|topping|tops|well over|
			no less than|not less than|a minimum of|at a minimum|
			oltre|ben oltre|oltre a|un minimo di|non meno di|più di|più del|più dello|più della|più dei|più degli|piu di|sopra|superiore a|superiori a|superiore al|superiore ai|superiori ai|superiori al|almeno|supera|superano|superando|superato|
			más de|más del|mas de|supera|superan|superando|superior a|superiores a|por encima de|al menos|por lo menos|sobrepasa|sobrepasan|superará|superarán|superó|superaron|superaba|
			supererà|supereranno|superava|superavano|superò`},
		{setQual, UpTo, `<|≤|up to|as much as|as many as|no more than|at most|less than|under|below|up to a maximum of|a maximum of|a max of|
			fino a|fino ad|fino al|fino ai|fino alle|fino agli|sino a|al massimo|inferiore al|inferiore ai|meno di|meno del|meno della|inferiore a|inferiori a|fino a un massimo di|fino ad un massimo di|un massimo di|
			hasta|como máximo|menos de|menos del|inferior a|inferiores a|hasta un máximo de|un máximo de|máximo de|como mucho`},
		{setQual, About, `~|≈|about|around|approximately|approx.|approx|roughly|nearly|almost|some|an estimated|estimated|close to|
			just under|just over|just shy of|just below|just above|slightly less than|slightly more than|a little under|a little over|more or less|
			poco sotto|poco sopra|più o meno|
			poco menos de|poco más de|algo menos de|algo más de|más o menos|cerca del|
			circa|intorno a|intorno ai|intorno al|attorno a|attorno ai|quasi|all'incirca|pressoché|poco meno di|poco più di|nell'ordine di|
			alrededor de|cerca de|unos|unas|aproximadamente|casi|en torno a|en torno a los|del orden de`},
		{setOpener, "", `between|tra|fra|entre`},
		{setPerYear, "", `a year|per year|per annum|annually|each year|every year|yearly|a yr|/year|/yr|run rate|run-rate|annualized|annualised|
			su base annua|annualmente|anualmente|
			l'anno|all'anno|annui|annue|annuali|annuo|ogni anno|per anno|/anno|
			al año|por año|anuales|anual|cada año|/año|al anno`},
		{setArticle, "", `il|lo|la|i|gli|le|l'|el|los|las|the`},
		{setConnTo, "", `a|ad|to|al|ai|alle|agli|hasta|fino a|fino al|fino ai`},
		{setConnAnd, "", `and|e|ed|y`},
		{setPercent, "", `per cent|per cento|por ciento`},
		{setYearMark, "", `mid|end of|late|early|
			fine|fine del|fine dell'|metà|metà del|meta|inizio|inizio del|inizi del|primi del|
			finales de|finales del|fines de|fines del|final de|final del|mediados de|mediados del|principios de|principios del|comienzos de|inicios de|fin de|a fin de`},
	}
	for _, p := range phrases {
		for _, item := range strings.Split(p.items, "|") {
			item = strings.TrimSpace(item)
			if item == "" {
				continue
			}
			words := splitPhrase(item)
			ph := &phrase{words: words, q: p.q}
			e := l.entry(words[0])
			e.phr[p.set] = append(e.phr[p.set], ph)
		}
	}
	for _, e := range l {
		e.start = e.isNum || e.half || e.scaleSingular || e.cur != "" || e.month > 0 || e.durWhole > 0 ||
			len(e.phr[setQual]) > 0 || len(e.phr[setOpener]) > 0 || len(e.phr[setYearMark]) > 0
	}
	// longest phrases first, so "più del" wins over "più".
	for _, e := range l {
		for s := range e.phr {
			ps := e.phr[s]
			for i := 1; i < len(ps); i++ {
				for j := i; j > 0 && len(ps[j].words) > len(ps[j-1].words); j-- {
					ps[j], ps[j-1] = ps[j-1], ps[j]
				}
			}
		}
	}
	return l
}

// splitPhrase splits a phrase into folded words and punctuation, the way
// the tokenizer does.
func splitPhrase(s string) []string {
	var out []string
	for _, t := range tokenize(s, nil) {
		out = append(out, fold(s[t.s:t.e]))
	}
	return out
}

// numberWords returns the number words of the three languages below a
// thousand that are written as one word, folded.
func numberWords() map[string]int64 {
	m := map[string]int64{}
	add := func(v int64, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = v
		}
	}
	// English
	add(2, "two")
	add(3, "three")
	add(4, "four")
	add(5, "five")
	add(6, "six")
	add(7, "seven")
	add(8, "eight")
	add(9, "nine")
	add(10, "ten")
	add(11, "eleven")
	add(12, "twelve")
	add(13, "thirteen")
	add(14, "fourteen")
	add(15, "fifteen")
	add(16, "sixteen")
	add(17, "seventeen")
	add(18, "eighteen")
	add(19, "nineteen")
	add(20, "twenty")
	add(30, "thirty")
	add(40, "forty")
	add(50, "fifty")
	add(60, "sixty")
	add(70, "seventy")
	add(80, "eighty")
	add(90, "ninety")
	add(12, "dozen")
	// Spanish
	es := []string{"", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"}
	add(2, "dos")
	add(3, "tres")
	add(4, "cuatro")
	add(5, "cinco")
	add(6, "seis")
	add(7, "siete")
	add(8, "ocho")
	add(9, "nueve")
	add(10, "diez")
	add(11, "once")
	add(12, "doce")
	add(13, "trece")
	add(14, "catorce")
	add(15, "quince")
	add(16, "dieciseis")
	add(17, "diecisiete")
	add(18, "dieciocho")
	add(19, "diecinueve")
	add(20, "veinte")
	for i := 1; i < 10; i++ {
		m["veinti"+es[i]] = int64(20 + i)
	}
	m["veintiun"] = 21
	add(30, "treinta")
	add(40, "cuarenta")
	add(50, "cincuenta")
	add(60, "sesenta")
	add(70, "setenta")
	add(80, "ochenta")
	add(90, "noventa")
	add(100, "cien ciento")
	add(200, "doscientos doscientas")
	add(300, "trescientos trescientas")
	add(400, "cuatrocientos cuatrocientas")
	add(500, "quinientos quinientas")
	add(600, "seiscientos seiscientas")
	add(700, "setecientos setecientas")
	add(800, "ochocientos ochocientas")
	add(900, "novecientos novecientas")
	// Italian one-word numbers are composed by itNumber; the common ones
	// are listed here so that the lexicon finds them at once.
	add(2, "due")
	add(3, "tre")
	add(4, "quattro")
	add(5, "cinque")
	add(6, "sei")
	add(7, "sette")
	add(8, "otto")
	add(9, "nove")
	add(10, "dieci")
	add(20, "venti")
	add(30, "trenta")
	add(40, "quaranta")
	add(50, "cinquanta")
	add(100, "cento")
	add(1000, "mille")
	return m
}

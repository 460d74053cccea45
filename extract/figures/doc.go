// Package figures is the deterministic leaf of dealwatch: it reads money,
// capacity, counts, durations, percentages and dates as written in
// Italian, Spanish and English news text. It is the figures room of the
// project (issue 3) and imports nothing from the rest of dealwatch.
//
// # Basics
//
// Parse returns every Figure in a text with its exact value (a Decimal,
// never a float), unit, qualifier, period and byte offsets, in order of
// Start. It is how the project checks any figure, whoever extracted it:
// the rules backend builds deals from Parse's output, and the LLM
// backend's figures are re-read with Parse before they are stored.
// ParseSegments does the same for a text whose parts are in different
// languages, and FirstDate returns the first date of a text's opening
// bytes (the publication date of a plain-text article).
//
// Parse is a hand-written scanner: the text is split once into words,
// numbers and symbols, every word is looked up once in a folded lexicon
// (lowercase, accents removed) of the three languages, and small
// matchers read what may stand around a number: qualifier, currency,
// number, scale words, currency, unit, "per year". No regular
// expressions; the work is linear in the text (over 20 MB/s on one
// core, see BenchmarkParse).
//
// # What a figure is
//
//   - Money: a currency ("$", "US$", "€", "£", "USD", "dollari", "de
//     dólares", "euros"...) next to a number, or a number with an Italian
//     or Spanish scale word of a million or more ("30 miliardi", "5.000
//     millones", "2 mld") followed by punctuation, a function word, a
//     participle or a money noun, not by another noun ("miliardi di
//     persone" is not money; "10.000 millones de Fabrikam" is). English
//     writes its currencies, so "5 billion" alone is not money. Unit is
//     the ISO 4217 code: USD, EUR, GBP ("£", "sterline", "libras
//     esterlinas", "pounds sterling"), JPY ("yen", "yenes", "JP¥"), CNY
//     ("yuan", "yuanes", "renminbi", "RMB", "CN¥"), KRW ("won", "wones",
//     "₩"), INR ("rupees", "Rs", "₹", with "lakh" 10^5 and "crore" 10^7,
//     "lakh crore" 10^12), CHF ("franchi svizzeri", "francos", "Swiss
//     francs"), AED ("dirham"), SAR ("riyal", "riales"), BRL ("reais",
//     "reales", "R$"), PLN ("zloty"), ZAR ("rand", "R250 000"), and the
//     ISO codes in capitals ("USD 10 billion", "75 USD million", "KRW 3
//     trillion"), also with "M" for millions or "K" for thousands
//     ("MUSD 75", "MEUR 40"). A country makes a currency name another
//     code: "dollari australiani", "dólares de Hong Kong", "Canadian
//     dollars", "New Taiwan dollars", "pesos mexicanos", "coronas
//     suecas", "Swedish crowns", "lire turche" (the families and
//     countries are data in currency_data.go). So do the signs "C$",
//     "A$", "HK$", "S$", "NZ$", "NT$", "MX$", a code before "$" ("AUD$",
//     "MXN$"), and "U$S", "U$D" (dollars). "¥" alone is read as JPY (the
//     yen is the "¥" of English-language finance news); "CN¥", "RMB¥" or
//     "¥... yuan" make it CNY. "riyal" is read as the Saudi riyal.
//   - Unread: a money expression the parser cannot read whole, with no
//     value and a Note saying why; see "Never a part for the whole".
//   - Capacity: GW / MW, gigawatt(s), gigavatios, megawatt(s),
//     megavatios ("2 GW", "4,5 gigawatt", "a 6-gigawatt deal").
//   - Duration: years, months or days ("cinque anni", "siete años",
//     "seven-year", "18 months"), and words that are durations by
//     themselves ("quinquennale", "decenal": 5 and 10 years).
//   - Percent: "%", "per cent", "per cento", "por ciento", "20pc".
//   - Count: a number of GPUs, chips, CPUs, TPUs, servers, accelerators,
//     processors or parameters ("100.000 GPU", "1 trillion+ parameters",
//     "100,000 H100s"); a model name may stand between ("100,000 H100
//     GPUs"). Parameters are a Count with unit "parameters", never
//     money; tokens ("2 trillion tokens") are not a figure.
//   - Date: "3 novembre 2025", "Novembre 3, 2025", "3 de noviembre de
//     2025", "November 3, 2025", "2025-11-03", "03/11/2025" (day first;
//     month first in English when both fit) give Date "YYYY-MM-DD";
//     "aprile 2026", "April 2026", "noviembre de 2025", "nov. 2025" give
//     "YYYY-MM"; "3-nov-2025" is a full date. A part of a year ("end of
//     2026", "mid-2027", "late 2026", "fine 2026", "metà del 2027",
//     "finales de 2026", "mediados de 2027") is a Date "YYYY" whose
//     Text includes the part: the schema has no finer form. A year alone
//     ("entro il 2026", "in 2025") is not a figure, nor are quarters and
//     halves ("Q3 2026", "H1 2026": no calendar date, and "H1" is also a
//     name) or fiscal years ("FY2026").
//
// A number with nothing of the above is not a figure: "Trainium 2",
// "Claude 3.5", "Apache 2.0", "1,200 stars". Numbers glued to letters
// are names, not figures: GB200, H100, L40S, Trainium4, FP16, GPT-4o,
// "4x"; and a one-letter scale without a currency ("Llama 70B", "1M
// tokens") is a model size, not money.
//
// # Numbers
//
// Digits are read with the separator convention decided per expression:
// with both '.' and ',' the last one is the decimal point ("1.200,50",
// "1,200.50"); a single separator followed by exactly three digits
// groups thousands ("100.000 millones", "10,000 millones"), otherwise it
// is a decimal point ("1.4", "4,5"); in English a lone '.' is always a
// decimal point ("$1.250 billion"). A space, no-break space (U+00A0),
// thin space or narrow no-break space (U+202F) before exactly three
// digits groups thousands after a group of one to three digits ("1 500
// millones", "1 234 567 dólares"); a '.' or ',' after such groups is
// the decimal point ("2 500,5 millones", "$3 250 000.50"). Number words
// are read in the three languages, including Italian compounds
// ("trecentomila", "duecentocinquanta", "ventuno") and Spanish and
// English sequences ("doscientos cincuenta", "treinta y cinco",
// "twenty-five", "twenty-one"); they make a figure only
// before a scale word or a unit ("Trenta miliardi", "siete años", but
// not "due modelli"). Articles are 1 only before a scale word or a
// capacity unit ("un miliardo", "a billion dollars"; not "a GPU"), and
// only in their language: "a", "an", "one" in English, "un", "una",
// "uno" in Italian and Spanish (Italian and Spanish "a" is a
// preposition: "alquila a Lambda servidores"). Spanish "mil" inside a
// number word sequence multiplies: "mil quinientos millones" is
// 1,500 × 10^6, "dos mil trescientos millones" 2,300 × 10^6, while
// "dos mil millones" is 2 × 10^9 by the scale words.
//
// Scale words are read per language: Spanish "billón" is 10^12 (long
// scale), "mil millones" and "millar de millones" 10^9; Italian
// "miliardo" 10^9, and "bilione" and "trilione" 10^12 (the newsroom
// calque of "trillion"); English "billion", "bn", "B" 10^9. Spanish and
// Italian "mil" is a thousand, English "mil" a million. "mdd" is
// millions of dollars. An abbreviated scale may keep its dot before the
// currency ("1,2 Mrd. €", "2,5 Mio. Euro"); "Mio" needs a currency.
//
// Fractions go with a scale word: "two and a half billion", "one-and-a-
// half", "a quarter billion", "a quarter of a billion", "three-quarters
// of a billion", "a quarter-trillion-dollar market", "half a trillion",
// "cinque miliardi e mezzo", "2 miliardi e un quarto", "mezzo
// trilione", "un quarto di miliardo", "tre quarti di miliardo", "dos mil
// millones y medio", "medio billón", "un cuarto de billón", "medio
// millar de millones". A smaller amount with its own scale after the
// scale word adds to it: "tres billones cuatrocientos mil millones" is
// 3.4 × 10^12, "due miliardi e trecento milioni" 2.3 × 10^9.
//
// # Never a part for the whole
//
// Parse never returns a part of a money expression as if it were the
// whole: a smaller or wrong amount is worse than none, because grounding
// would accept a wrong LLM answer or reject a right one. When a money
// expression has words the parser cannot read, it is returned as a
// figure of Kind Unread, with no Value or Unit and a Note saying why:
//
//   - a currency the parser cannot tell: "500 millones de pesos" (which
//     peso?), "4 miliardi di corone", "dollari svizzeri" (a country
//     with no such currency), two currencies ("USD 75 milioni di euro"),
//     a sign glued to unknown letters ("XY$ 50 millones");
//   - words before the amount that are part of it: "veintitantos mil
//     millones", "twenty one trillion" (no hyphen), "un terzo di
//     miliardo", "a third of a billion", "12 34 millones" (a number
//     before it, unless a year: "nel 2025 500 milioni" is read);
//   - words after it: a scale word ("5 dólares mil millones"), a
//     fraction not read ("5 miliardi e un terzo", "e rotti", "y
//     pico"), "-odd" ("$20-odd billion"), another number ("$1 23
//     million").
//
// # Ranges and shared scales
//
// "$10-15 billion", "between $10 and $15 billion", "tra 10 e 15
// miliardi" and "entre 10.000 y 15.000 millones" are one figure with
// Qualifier Range, Value the lower bound and Max the upper. "da 38 a
// oltre 138 miliardi", "from 38 to 138 billion" are two figures: the
// first number takes the scale and unit written after the second, its
// Text is only "38", and ScaleShared is set on it. So does the first of
// "4 million to 5 million GPUs", which takes only the unit. In a dash
// range the currency written before the first amount is the second's
// too ("$10bn-15bn").
//
// # Qualifiers
//
// Over: "over", "more than", "at least", "no less than", "oltre", "più
// di", "almeno", "supera", "más de", "al menos", "+" after the amount.
// "At least" is a lower bound, so it maps to over (the schema has no
// "at_least"). Up to: "up to", "as much as", "as many as", "fino a (un
// massimo di)", "hasta (un máximo de)", "less than", "meno di". About:
// "about", "nearly", "just under", "just over", "quasi", "poco meno di",
// "circa", "casi", "unos", "alrededor de": a figure said to be near the
// number, on either side.
//
// # Currencies not written
//
// Italian and Spanish articles often give a currency once and then only
// "50 miliardi". Such an amount is still Money. Parse gives it the
// currency of the nearest money figure before it in the same text that
// names one (else the nearest after it) and sets UnitInferred. When no
// money figure of the text names a currency, Unit is "" (unknown) and a
// caller decides (the rules backend may assume the article's usual
// currency; a grounder must accept "" as matching any currency).
//
// # Grounding
//
// To check a figure someone else extracted at [start, end) of an
// article, parse the whole article and look for the figure that
// overlaps those offsets: a figure may borrow its scale or currency from
// its context ("38" in "da 38 a oltre 138 miliardi"), so Parse of the
// span alone can read less than Parse of the article.
//
// # Caveats
//
// Values that are literal but implausible are returned with Implausible
// set rather than dropped: money above 10^14 (100 trillion), capacity
// above 10,000 GW, durations above a century, percentages above 10,000.
// Money is implausible above 10^14 (100 trillion), or 10^17 in currencies
// worth a hundredth of a dollar or less (KRW, JPY, INR...).
//
// A scale slip from a missing word ("US$100.000" written for
// "US$100.000 millones") is also marked Implausible, from its own
// sentence: an amount in digits with no scale word, not a price per unit
// ("$30,000 per unit", "98 dollari l'ora"), in a sentence with another
// money figure 10^5 times larger or more (10^4 when the amount is per
// year or the sentence has a superlative), with a thousand GPUs or chips
// or more at under a hundred each, with a power capacity at under 10^8
// per GW, or, below a million, with the words of a record deal ("the
// largest ... in its history", "la mayor inversión de la década",
// "syndicated loan", "gigafactories"). A sentence about the stock market
// ("shares rose to $207", "il titolo a 8,42 euro") has no slips. See
// slips.go.
//
// Per year is recognised after the amount ("l'anno", "all'anno",
// "annui", "ogni anno", "al año", "anuales", "a year", "annually",
// "yearly", "per annum", "each year", "run rate", "-a-year"; "$10 billion
// a year for five years" is per year and a separate five-year duration),
// and right before it: an annual adjective ("annual", "yearly",
// "annualized", "annuale", "annui", "anual", "anuales") directly before
// the amount or its preposition ("an annual $10 billion", "ingresos
// anuales de $13 mil millones", "un contratto annuale da 2 miliardi"),
// or before a money noun and its preposition ("annual revenue of $3.7
// billion", "fatturato annuo di"), or "run rate of". The words before
// are not part of Text. Any other word in between keeps the amount a
// Total ("ingresos anuales reportados son de solo $13 mil millones").
// Parse never panics, on any input including invalid UTF-8, and is
// deterministic; the lexicon is built once and never written after.
package figures

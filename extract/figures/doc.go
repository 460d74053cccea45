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
//     persone" is not money). English writes its currencies, so "5
//     billion" alone is not money. Unit is the ISO 4217 code: USD, EUR,
//     GBP ("£", "sterline", "libras esterlinas", "pounds sterling"), JPY
//     ("yen", "yenes", "JP¥"), CNY ("yuan", "renminbi", "RMB", "CN¥"),
//     KRW ("won", "wones", "₩"), INR ("rupees", "Rs", "₹", with "lakh"
//     10^5 and "crore" 10^7, "lakh crore" 10^12), CHF ("franchi
//     svizzeri", "francos", "Swiss francs"), AED ("dirham"), SAR
//     ("riyal", "riales"), CAD ("C$", "CA$"), AUD ("A$"), and the ISO
//     codes in capitals ("USD 10 billion", "KRW 3 trillion"). "¥" alone
//     is read as JPY (the yen is the "¥" of English-language finance
//     news); "CN¥", "RMB¥" or "¥... yuan" make it CNY. "riyal" is read as
//     the Saudi riyal; bare "pesos" name no currency (which peso?).
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
// decimal point ("$1.250 billion"). Number words are read in the three
// languages, including Italian compounds ("trecentomila",
// "duecentocinquanta") and Spanish and English sequences ("doscientos
// cincuenta", "treinta y cinco", "twenty-five"); they make a figure only
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
// scale) and "mil millones" 10^9; Italian "miliardo" 10^9 and "bilione"
// 10^12; English "billion", "bn", "B" 10^9. Spanish and Italian "mil" is
// a thousand, English "mil" a million. "mdd" is millions of dollars.
// An abbreviated scale may keep its dot before the currency ("1,2 Mrd.
// €"); other German forms ("Mio.") are not read.
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

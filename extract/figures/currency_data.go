package figures

import "strings"

// isoCodes are the ISO 4217 codes read in capitals before or after an
// amount ("USD 10 billion", "75 MEUR"); "RMB" is read as CNY.
var isoCodes = strings.Fields(`USD EUR GBP JPY CNY CHF CAD AUD INR BRL MXN KRW AED SAR QAR SGD HKD RMB
	NZD TWD SEK NOK DKK PLN CZK HUF ZAR RUB ILS ARS CLP COP PEN UYU EGP MAD PKR IDR THB MYR VND NGN KWD`)

// currencyNames are the names of currencies by family: the code a name
// has by itself ("" when it names no currency without a country: which
// peso?) and its words in the three languages, folded. Singulars that
// are also common words ("pound", "peso", "corona") are left out.
var currencyNames = []struct{ fam, code, words string }{
	{"dollar", "USD", "dollari dollaro dollars dollar dolares dolar"},
	{"euro", "EUR", "euro euros"},
	{"pound", "GBP", "sterline sterlina pounds libras esterlinas"},
	{"yen", "JPY", "yen yenes"},
	{"yuan", "CNY", "yuan yuanes renminbi"},
	{"franc", "CHF", "franchi franco francos francs franc"},
	{"won", "KRW", "won wones"},
	{"rupee", "INR", "rupees rupee rupie rupia rupias"},
	{"dirham", "AED", "dirham dirhams dirhami"},
	{"riyal", "SAR", "riyal riyals riyales riales"},
	{"real", "BRL", "reais reales reali"},
	{"zloty", "PLN", "zloty zlotys zloties"},
	{"rand", "ZAR", "rand"},
	{"ruble", "RUB", "rubli rublo rublos rubles ruble roubles rouble"},
	{"shekel", "ILS", "shekel shekels shekalim"},
	{"peso", "", "pesos"},
	{"crown", "", "corone coronas crowns kronor krona kroner krone"},
	{"lira", "", "lire lira liras"},
}

// currencyCountries are the countries that may stand with a currency
// name, as phrases separated by "|": after the name in Italian and
// Spanish ("dollari canadesi", "dólares de Hong Kong", "libras
// esterlinas"), before it in English ("Canadian dollars", "Hong Kong
// dollars").
var currencyCountries = []struct{ country, after, before string }{
	{"US", "usa|us|statunitensi|americani|estadounidenses|americanos|de estados unidos|degli stati uniti|de ee.uu.|de eeuu", "us|u.s.|american|united states"},
	{"CA", "canadesi|canadienses|canadese|canadiense|canadensi|del canada|de canada", "canadian"},
	{"AU", "australiani|australianos", "australian|aussie"},
	{"HK", "di hong kong|de hong kong|hongkonghesi|hongkoneses", "hong kong"},
	{"SG", "di singapore|de singapur|singaporiani|singaporesi|singapurenses", "singapore|singaporean"},
	{"NZ", "neozelandesi|neozelandeses|della nuova zelanda|de nueva zelanda", "new zealand"},
	{"TW", "taiwanesi|taiwaneses|di taiwan|de taiwan", "taiwan|taiwanese|new taiwan"},
	{"MX", "messicani|mexicanos", "mexican"},
	{"AR", "argentini|argentinos", "argentine|argentinian"},
	{"CL", "cileni|chilenos", "chilean"},
	{"CO", "colombiani|colombianos", "colombian"},
	{"PH", "filippini|filipinos", "philippine"},
	{"UY", "uruguaiani|uruguayos", "uruguayan"},
	{"SE", "svedesi|suecas|suecos", "swedish"},
	{"NO", "norvegesi|noruegas|noruegos", "norwegian"},
	{"DK", "danesi|danesas|daneses", "danish"},
	{"CZ", "ceche|checas", "czech"},
	{"CH", "svizzeri|suizos", "swiss"},
	{"GB", "sterling|sterline|esterlinas|britanniche|britannici|britanicas|britanicos|inglesi", "british|uk"},
	{"EG", "egiziane|egiziani|egipcias|egipcios", "egyptian"},
	{"IN", "indiane|indiani|indias|indios", "indian"},
	{"PK", "pakistane|pakistani|paquistanies", "pakistani"},
	{"ID", "indonesiane|indonesias", "indonesian"},
	{"SA", "sauditi|saudies|saudi|saudis", "saudi"},
	{"QA", "qatarioti|qatariani|qataries|cataries", "qatari"},
	{"AE", "emiratini|emiraties|degli emirati|de los emiratos", "uae|emirati"},
	{"MA", "marocchini|marroquies", "moroccan"},
	{"KR", "sudcoreani|surcoreanos|coreani|coreanos", "south korean|korean"},
	{"JP", "giapponesi|japoneses", "japanese"},
	{"CN", "cinesi|chinos", "chinese"},
	{"BR", "brasiliani|brasilenos", "brazilian"},
	{"TR", "turche|turchi|turcas|turcos", "turkish"},
	{"PL", "polacchi|polacos", "polish"},
	{"ZA", "sudafricani|sudafricanos", "south african"},
	{"RU", "russi|rusos", "russian"},
	{"IL", "israeliani|israelies", "israeli"},
}

// currencyPairs gives the code of a currency family in a country; a
// country with a family not listed ("dollari svizzeri") names no
// currency the parser knows, and the amount is Unread.
var currencyPairs = map[string]string{
	"dollar US": "USD", "dollar CA": "CAD", "dollar AU": "AUD", "dollar HK": "HKD", "dollar SG": "SGD",
	"dollar NZ": "NZD", "dollar TW": "TWD",
	"peso MX": "MXN", "peso AR": "ARS", "peso CL": "CLP", "peso CO": "COP", "peso PH": "PHP", "peso UY": "UYU",
	"crown SE": "SEK", "crown NO": "NOK", "crown DK": "DKK", "crown CZ": "CZK",
	"franc CH": "CHF", "pound GB": "GBP", "pound EG": "EGP",
	"rupee IN": "INR", "rupee PK": "PKR", "rupee ID": "IDR",
	"riyal SA": "SAR", "riyal QA": "QAR", "dirham AE": "AED", "dirham MA": "MAD",
	"won KR": "KRW", "yen JP": "JPY", "yuan CN": "CNY", "real BR": "BRL", "lira TR": "TRY",
	"zloty PL": "PLN", "rand ZA": "ZAR", "ruble RU": "RUB", "shekel IL": "ILS",
}

// signPrefixes are the letters written before "$" ("C$", "HK$", "NT$");
// an ISO code before "$" ("AUD$", "MXN$") is that code.
var signPrefixes = map[string]string{
	"US": "USD", "U": "USD", "C": "CAD", "CA": "CAD", "A": "AUD", "AU": "AUD", "HK": "HKD", "R": "BRL",
	"MX": "MXN", "Mex": "MXN", "NZ": "NZD", "S": "SGD", "SG": "SGD", "NT": "TWD",
}

// addCurrencies adds the currency names, codes and countries to l.
func addCurrencies(l lexicon) {
	for _, c := range currencyNames {
		for _, w := range strings.Fields(c.words) {
			e := l.entry(w)
			e.cur, e.curWord, e.fam = c.code, true, c.fam
		}
	}
	for _, c := range currencyCountries {
		for _, side := range []struct {
			set   int
			items string
		}{{setCountryAfter, c.after}, {setCountryBefore, c.before}} {
			set := side.set
			for _, item := range strings.Split(side.items, "|") {
				words := splitPhrase(item)
				e := l.entry(words[0])
				e.phr[set] = append(e.phr[set], &phrase{words: words, country: c.country})
			}
		}
	}
}

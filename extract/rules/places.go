package rules

import "strings"

// places are capitalized names that are where money goes, not who gets
// it ("investirà 5 miliardi in Belgio", "en Aragón", "in Texas"): a
// company-like word after "in"/"en" is an investee only if it is not one
// of these. Lowercase; it, es and en spellings.
var places = placeSet(true)

// countries are the countries of places.
var countries = placeSet(false)

// isCountry reports whether the lowercase word w names a country.
func isCountry(w string) bool { return countries[w] }

// placeSet returns the places, or the countries only.
func placeSet(all bool) map[string]bool {
	m := map[string]bool{}
	for k, list := range []string{
		// continents and blocs
		"europa europe asia africa áfrica america américa oceania oceanía latinoamérica latam emea apac medio oriente oriente medio middle east",
		// countries
		"italia italy spagna españa spain francia france germania alemania germany regno unito reino unido uk gran bretagna britain irlanda ireland " +
			"portogallo portugal belgio bélgica belgium olanda paesi bassi países bajos netherlands holanda lussemburgo luxemburgo luxembourg " +
			"svizzera suiza switzerland austria polonia poland grecia greece svezia suecia sweden norvegia noruega norway danimarca dinamarca denmark " +
			"finlandia finland islanda islandia iceland romania rumania rumanía bulgaria ungheria hungría hungary repubblica ceca czechia " +
			"stati uniti estados unidos united states usa us eeuu ee.uu canada canadá messico méxico mexico brasile brasil brazil argentina cile chile " +
			"colombia perù perú peru cina china giappone japón japan corea korea corea del sud south korea india indonesia malesia malasia malaysia " +
			"singapore singapur tailandia thailand vietnam filippine filipinas philippines australia nuova zelanda new zealand taiwan " +
			"arabia saudita arabia saudí saudi arabia emirati emiratos uae qatar catar kuwait bahrein bahrain oman israele israel turchia turquía turkey " +
			"egitto egipto egypt marocco marruecos morocco sudafrica sudáfrica south africa nigeria kenya",
		// regions and states
		"texas california new york virginia ohio arizona georgia louisiana wisconsin pennsylvania oregon washington nevada utah indiana iowa " +
			"oklahoma tennessee michigan illinois mississippi alabama florida carolina north carolina south carolina new jersey wyoming " +
			"lombardia piemonte veneto lazio sicilia sardegna puglia campania toscana emilia-romagna liguria calabria " +
			"aragón aragon cataluña catalunya catalonia andalucía andalucia galicia castilla valencia extremadura navarra asturias " +
			"île-de-france baviera bavaria scozia escocia scotland galles wales",
		// cities
		"milano milan roma rome torino turin napoli naples bologna firenze florence genova venezia venice bari palermo " +
			"madrid barcelona barcellona valencia sevilla bilbao zaragoza málaga lisbona lisboa lisbon parigi parís paris berlino berlín berlin " +
			"monaco munich múnich francoforte fráncfort frankfurt amsterdam londra londres london dublino dublín dublin bruxelles bruselas brussels " +
			"stoccolma estocolmo stockholm oslo copenaghen copenhague copenhagen helsinki varsavia varsovia warsaw vienna viena zurigo zúrich zurich " +
			"tokyo tokio seoul seúl pechino pekín beijing shanghai shanghái shenzhen hong kong mumbai bangalore delhi giacarta yakarta jakarta " +
			"riad riyadh dubai dubái abu dhabi doha memphis abilene phoenix atlanta chicago dallas houston austin seattle boston " +
			"san francisco los angeles new york city manhattan silicon valley",
	} {
		if !all && k != 1 {
			continue // countries only
		}
		for _, w := range strings.Fields(list) {
			m[w] = true
		}
		// multi-word names listed above are matched by their parts too;
		// add the two-word ones whole.
	}
	for _, w := range []string{"regno unito", "reino unido", "united states", "stati uniti", "estados unidos", "paesi bassi", "países bajos",
		"new york", "new jersey", "north carolina", "south carolina", "south korea", "corea del sud", "saudi arabia", "arabia saudita",
		"arabia saudí", "south africa", "new zealand", "nuova zelanda", "hong kong", "abu dhabi", "san francisco", "los angeles",
		"silicon valley", "middle east", "medio oriente", "oriente medio", "gran bretagna", "repubblica ceca"} {
		if all {
			m[w] = true
		}
	}
	return m
}

// isPlace reports whether name (as written) is a place.
func isPlace(name string) bool {
	l := strings.ToLower(name)
	if places[l] {
		return true
	}
	first, _, _ := strings.Cut(l, " ")
	return places[first]
}

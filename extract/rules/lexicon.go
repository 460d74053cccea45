package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// category is what a cue word says.
type category uint8

// Cue categories. Kind cues first (their order is the tie-break order of
// kinds), then figure classes, statuses, details and sections.
const (
	catRound category = iota
	catInvest
	catAcquisition
	catCompute
	catChip
	catDistribution
	catPartnership

	catNonDeal   // the figure is revenue, valuation, a price...: not a deal
	catAggregate // the figure is a total across many suppliers
	catCumulative

	catRejected
	catOffered
	catPredicted
	catPlanned
	catReported
	catCompleted
	catAgreed
	catAnnounced
	catFresh // "just", "today": the article announces it now

	catRevision
	catUpfront
	catConditional
	catMilestone
	catInference
	catTraining
	catAnaphora
	catPredictionSection
	catTeaserSection
	catStock   // shares: a stock move, unless bought
	catBuy     // buying verbs: "buy $2 billion of Intel shares"
	catSpend   // spending: capex unless a counterparty is named
	catUnnamed // an unnamed counterparty: "un fondo soberano", "an undisclosed buyer"
	catOption  // an amount a deal may reach: "potrebbe salire fino a"
	catVague   // an unquantified amount: "diversi miliardi", "multibillion"
	catCompanyRef
	catTopicShift // "Separately", "Intanto": the article moves to another story
	catSupplyVerb // "per fornire", "to supply": the subject supplies

)

// lexicon lists the cues of every category, per language. A cue is a
// lowercase word or phrase matched at a word start; a trailing '*' makes
// it a prefix ("invest*" matches "investimento", "investing"). Cues of all
// three languages apply to every article: articles mix languages, and a
// cue word of one language seldom means something else in another.
var lexicon = map[category]map[string][]string{
	catRound: {
		"it": {"round", "round di finanziamento", "raccolt*", "raccogli*", "finanziamento*", "serie a", "serie b", "serie c", "aumento di capitale"},
		"es": {"ronda*", "recaud*", "levant*", "ampliación de capital", "financiación", "financiamiento", "serie a", "serie b", "serie c"},
		"en": {"funding round", "round", "raise", "raised", "raises", "raising", "series a", "series b", "series c", "series d", "seed round", "funding"},
	},
	catInvest: {
		"it": {"invest*", "partecipazione", "equity", "capitale", "azioni", "quota"},
		"es": {"inversi*", "invert*", "invirti*", "participación", "participaciones", "capital", "acciones"},
		"en": {"invest*", "stake", "equity", "backing", "backed", "capital", "shares"},
	},
	catAcquisition: {
		"it": {"acquisizion*", "acquisisc*", "acquisit*", "rilev*", "comprato la società", "compra la società"},
		"es": {"adquisici*", "adquiri*", "adquier*", "hacerse con el", "hacerse con la", "compra de la", "compra del", "compró la empresa", "compró la compañía", "compró la firma", "compra la empresa", "ha comprado la empresa"},
		"en": {"acquisition*", "acquire*", "acquiring", "takeover", "buyout", "buy out", "bought the company", "buys the company"},
	},
	catCompute: {
		"it": {"capacità di calcolo", "calcolo", "affitt*", "noleggi*", "locazione", "potenza di calcolo", "cloud", "infrastruttur*", "data center", "datacenter", "server", "crediti", "servizi cloud", "capacità"},
		"es": {"cómputo", "computo", "alquil*", "arrendamiento*", "capacidad de cómputo", "computación", "nube", "infraestructura*", "centro de datos", "centros de datos", "servidores", "créditos", "servicios de", "capacidad"},
		"en": {"compute", "computing", "lease", "leases", "leased", "leasing", "rental", "cloud", "infrastructure", "data center*", "datacenter*", "server*", "capacity", "compute credits", "credits"},
	},
	catChip: {
		"it": {"chip", "gpu", "gigawatt", "megawatt", "acceleratori", "processori", "sistemi", "semiconduttori", "memori*"},
		"es": {"chip*", "gpu", "gpus", "gigavatio*", "megavatio*", "aceleradores", "procesadores", "sistemas", "semiconductores", "memoria"},
		"en": {"chip*", "gpu*", "gigawatt*", "megawatt*", "accelerator*", "processor*", "systems", "semiconductor*", "memory"},
	},
	catDistribution: {
		"it": {"distribu*", "renderà disponibil*", "resi disponibili", "disponibili su", "disponibile su", "disponibili tramite", "rivend*", "marketplace"},
		"es": {"distribu*", "disponibles en", "disponible en", "revend*"},
		"en": {"distribut*", "available on", "available through", "make available", "resell*", "marketplace"},
	},
	catPartnership: {
		"it": {"partnership", "alleanza", "collaborazione", "accordo", "intesa", "contratto", "memorandum", "protocollo d'intesa"},
		"es": {"alianza", "colaboración", "acuerdo", "contrato", "asociación", "memorando", "memorándum"},
		"en": {"partnership", "alliance", "collaboration", "agreement", "deal", "contract", "memorandum", "mou"},
	},
	catNonDeal: {
		"it": {"avrà bisogno", "avranno bisogno", "ha bisogno", "asset in gestione", "masse gestite", "gestisce asset", "gestisce attivi", "in attivi", "ricavi", "fatturato", "entrate", "utile", "utili", "perdit*", "valutazione", "valutata", "valutato", "valutando", "capitalizzazione", "borsa", "prezzo", "per azione", "ad azione", "prezzi", "costo per", "costi per", "patrimonio", "stelle", "benchmark", "punteggio", "margin*", "stipendi*", "multa", "sanzione", "fattur*", "valorizza*", "valuta la società", "consuma", "consumano", "brucia", "bruciano", "portafoglio ordini", "ordini in portafoglio", "per gigawatt", "per ogni gigawatt", "al gigawatt", "per megawatt", "che il mercato", "il mercato raggiungerà", "mercato globale", "mercato mondiale", "dimensione del mercato"},
		"es": {"necesitará", "necesitarán", "necesitaría", "necesita", "ingresó", "ingresa", "ingresaron", "en activos", "gestiona activos", "activos bajo gestión", "activos gestionados", "en compromisos", "ingresos", "facturación", "beneficio*", "ganancias", "pérdidas", "valoración", "valorada", "valorado", "valorando", "capitalización", "bolsa", "precio*", "por acción", "costo por", "coste por", "patrimonio", "fortuna", "estrellas", "puntuación", "margen", "multa", "salario*", "factur*", "valora", "valoró", "valoran", "valorar*", "consume", "consumen", "quema", "queman", "cartera de pedidos", "obligaciones de desempeño", "rpo", "por gigavatio", "por cada gigavatio", "por megavatio", "que el mercado", "el mercado alcanzará", "mercado global", "mercado mundial", "tamaño del mercado"},
		"en": {"will need", "would need", "needs", "in assets", "assets under management", "under management", "aum", "revenue*", "sales", "income", "profit*", "loss", "losses", "earnings", "valuation", "valued at", "valued", "valuing", "market cap*", "market value", "per share", "a share", "price*", "cost per", "per token", "per 1m", "per million", "net worth", "fortune", "wealth", "stars", "benchmark*", "score*", "margin*", "salary", "penalty", "values", "backlog", "order book", "remaining performance obligations", "rpo", "burn rate", "burns", "burning", "per gigawatt", "a gigawatt", "per megawatt", "per gw", "per mw", "market to", "market size", "the market will", "market could reach", "global market", "addressable market", "tam", "run rate", "run-rate"},
	},
	catAggregate: {
		"it": {"piano strategico", "piano industriale", "spesa totale", "spesa complessiva", "spese totali", "investimenti complessivi in infrastrutture", "capex", "spesa in conto capitale", "impegni complessivi", "inversioni di capitale", "investimenti in conto capitale"},
		"es": {"plan estratégico", "plan de negocio", "gasto total", "gasto de capital", "gastos totales", "gasto en infraestructura", "capex", "inversiones de capital", "compromisos totales", "compromisos de infraestructura"},
		"en": {"strategic plan", "business plan", "total spending", "total spend", "capital expenditure*", "capex", "total infrastructure spending", "spending commitments", "total commitments", "commitments totaling", "commitments totalling", "commitments worth", "capex guidance"},
	},
	catCumulative: {
		"it": {"portando il totale", "per un totale", "in totale", "portando l'investimento totale", "complessivamente", "in tutto", "capitale totale", "totale raccolto"},
		"es": {"elevando el total", "llevando el total", "en total", "para un total", "capital total", "total captado", "en conjunto"},
		"en": {"bringing total", "bringing the total", "bringing its total", "in total", "total committed", "totaling", "totalling", "to date", "cumulative"},
	},
	catRejected: {
		"it": {"respint*", "rifiutat*", "rifiuto", "declinat*", "saltat*"},
		"es": {"rechaz*", "declin*"},
		"en": {"rejected", "rejection", "declined", "turned down", "rebuffed", "refused", "voted down", "voted against"},
	},
	catOffered: {
		"it": {"offert*", "offre", "ha offerto", "proposta", "propost*"},
		"es": {"ofreci*", "ofert*", "propuesta", "propuso"},
		"en": {"offer", "offered", "proposed", "proposal", "bid"},
	},
	catPredicted: {
		"it": {"previsione", "previsioni", "prevediamo", "secondo le stime", "gli analisti prevedono", "ci aspettiamo", "prevedono che", "stimano che"},
		"es": {"predicción", "predicciones", "pronóstico", "prevemos", "los analistas prevén", "esperamos que", "prevén que", "pronostican", "estiman que"},
		"en": {"prediction*", "predict*", "forecast*", "we expect", "analysts expect", "is expected to", "are expected to"},
	},
	catPlanned: {
		"it": {"prevede di", "intende", "progetta di", "pianifica", "investirà", "verserà", "acquisterà", "comprerà", "potrebbe", "dovrebbe", "in trattativa", "negoziati", "sarebbe pronta"},
		"es": {"planea", "prevé", "tiene previsto", "invertirá", "comprará", "adquirirá", "podría", "negocia*", "planifica"},
		"en": {"will", "plans to", "planned", "plan to", "intends to", "would", "could", "in talks", "is set to", "aims to"},
	},
	catReported: {
		"it": {"secondo quanto", "secondo fonti", "secondo il", "secondo la", "secondo le", "secondo i", "secondo gli", "stando a", "indiscrezion*", "riportato", "riportata", "riferisc*", "riferito", "sarebbe", "avrebbe", "tratterebbe", "non hanno confermato", "non confermat*"},
		"es": {"según", "segun", "fuentes", "informa*", "habría", "reportó", "negociaría", "no han confirmado", "sin confirmar"},
		"en": {"according to", "reportedly", "reported", "sources said", "people familiar", "is said to", "unconfirmed", "not confirmed"},
	},
	catCompleted: {
		"it": {"completat*", "chiuso", "chiusa", "concluso", "conclusa", "perfezionat*", "ha investito", "ha versato", "ha acquisito", "ha rilevato", "ha comprato"},
		"es": {"complet*", "cerró", "cerrado", "concluy*", "invirtió", "ha invertido", "adquirió", "ha adquirido", "compró"},
		"en": {"completed", "closed", "has invested", "invested", "finalized", "finalised", "acquired", "has acquired", "bought"},
	},
	catAgreed: {
		"it": {"firmat*", "firma", "siglat*", "sottoscritt*", "accordo", "intesa", "si è assicurat*", "si impegna", "impegno", "concordat*"},
		"es": {"firm*", "suscrib*", "acuerdo", "se comprometió", "compromiso", "acordó", "acordado"},
		"en": {"signed", "agreed", "agreement", "committed", "commitment", "inked", "struck", "secured"},
	},
	catAnnounced: {
		"it": {"annunci*", "comunicat*", "ufficial*"},
		"es": {"anunci*", "comunicado", "oficial*"},
		"en": {"announce*", "unveil*", "officially"},
	},
	catFresh: {
		"it": {"ha appena", "appena", "oggi", "proprio oggi", "ieri", "in queste ore"},
		"es": {"acaba de", "acaban de", "hoy", "ayer", "este lunes", "este martes"},
		"en": {"just announced", "has just", "have just", "just signed", "today", "yesterday", "this week", "on monday", "on tuesday"},
	},
	catRevision: {
		"it": {"sale", "salito", "salita", "passa", "passato", "aumenta*", "aumentato", "cresce", "ampliat*", "estes*", "rivisto", "portato", "porta", "porterà", "porteranno", "portare", "alza", "alzato", "alzerà", "incrementa*", "raddoppia*"},
		"es": {"sube", "subió", "amplía", "amplia", "amplió", "aument*", "pasa", "pasó", "elev*", "expand*", "ampli*", "increment*", "eleva", "elevado", "duplic*", "lleva", "llevará"},
		"en": {"rises", "rose", "raised", "raises", "increased", "increases", "grows", "grew", "expanded", "expands", "boosted", "upped", "lifted", "goes", "went", "jumps", "jumped", "raise*", "increas*", "expand*", "boost*", "doubl*", "extend*", "bump*"},
	},
	catUpfront: {
		"it": {"immediat*", "subito", "anticip*", "iniziali", "iniziale", "alla firma", "upfront"},
		"es": {"inmediat*", "por adelantado", "inicial*", "de entrada", "al contado"},
		"en": {"upfront", "up front", "up-front", "immediately", "initial", "at closing", "now"},
	},
	catConditional: {
		"it": {"condizion*", "legati a", "subordinat*", "vincolat*"},
		"es": {"condicion*", "sujetos a", "ligados a", "vinculados a"},
		"en": {"conditional", "conditions", "subject to", "contingent", "tied to"},
	},
	catMilestone: {
		"it": {"milestone*", "traguard*", "obiettiv*"},
		"es": {"hito*", "objetivos"},
		"en": {"milestone*", "targets"},
	},
	catInference: {
		"it": {"inferenza", "l'inferenza"},
		"es": {"inferencia"},
		"en": {"inference", "inferencing"},
	},
	catTraining: {
		"it": {"training", "addestramento", "l'addestramento"},
		"es": {"entrenamiento"},
		"en": {"training"},
	},
	catAnaphora: {
		"it": {"l'accordo", "l'intesa", "l'operazione", "il contratto", "questo accordo", "tale accordo", "l'investimento", "la collaborazione", "del contratto", "dell'accordo", "dell'intesa", "della commessa", "la commessa"},
		"es": {"el acuerdo", "este acuerdo", "el contrato", "la operación", "la inversión", "el compromiso", "del contrato", "del acuerdo", "del encargo"},
		"en": {"the deal", "this deal", "the agreement", "the contract", "the investment", "the transaction", "the commitment"},
	},
	catPredictionSection: {
		"it": {"previsione", "previsioni", "pronostic*"},
		"es": {"predicción", "predicciones", "pronóstico*"},
		"en": {"prediction*", "forecast*", "outlook"},
	},
	catTeaserSection: {
		"it": {"domande frequenti", "faq", "常见问题", "letture correlate", "leggi anche", "potrebbe interessarti", "articoli correlati", "approfondimenti", "ulteriori letture"},
		"es": {"lee también", "te puede interesar", "artículos relacionados", "lecturas relacionadas", "más información"},
		"en": {"further reading", "related articles", "read more", "read also", "see also", "you may also like", "related stories"},
	},
	catStock: {
		"it": {"azioni", "titolo", "titoli"},
		"es": {"acciones", "título", "títulos"},
		"en": {"shares", "stock", "stocks"},
	},
	catBuy: {
		"it": {"acquist*", "compra*", "sottoscriv*", "rilev*", "invest*"},
		"es": {"compr*", "adquiri*", "suscrib*", "invert*", "invirti*"},
		"en": {"buy", "buys", "buying", "bought", "purchase*", "acquire*", "subscribe*", "invest*"},
	},
	catSpend: {
		"it": {"spender*", "spende", "spendono", "spesa", "spese"},
		"es": {"gastar*", "gasta", "gastos", "gasto"},
		"en": {"spend", "spends", "spending", "spent"},
	},
	catUnnamed: {
		"it": {"un fondo", "un investitore", "investitori non identificati", "un acquirente", "acquirente non", "fondo sovrano"},
		"es": {"un fondo", "un inversor", "inversores no identificados", "un comprador", "comprador no", "fondo soberano"},
		"en": {"a fund", "an investor", "undisclosed investor", "undisclosed buyer", "unnamed", "a buyer", "sovereign fund", "sovereign wealth fund"},
	},
	catOption: {
		"it": {"potrebbe salire", "potrebbe arrivare", "potrebbe raggiungere", "fino a un massimo di", "opzione"},
		"es": {"podría subir", "podría llegar", "podría alcanzar", "podría ampliarse", "opción"},
		"en": {"could rise", "could reach", "could grow", "could increase", "may rise", "may reach", "option to", "potentially"},
	},
	catVague: {
		"it": {"diversi miliardi", "svariati miliardi", "decine di miliardi", "centinaia di miliardi", "miliardario", "miliardaria", "multimiliardario", "cifra non rivelata", "importo non rivelato"},
		"es": {"varios miles de millones", "decenas de miles de millones", "cientos de miles de millones", "multimillonario", "multimillonaria", "cifra no revelada", "importe no revelado"},
		"en": {"several billion", "tens of billions", "hundreds of billions", "multibillion", "multi-billion", "billions of dollars", "undisclosed sum", "undisclosed amount"},
	},
	catCompanyRef: {
		"it": {"la società", "l'azienda", "la startup", "il gruppo", "la compagnia"},
		"es": {"la compañía", "la empresa", "la startup", "el grupo", "la firma"},
		"en": {"the company", "the startup", "the group", "the firm"},
	},
	catSupplyVerb: {
		"it": {"fornire", "fornirà", "fornisce", "forniranno", "fornitura di"},
		"es": {"suministrar*", "suministra", "proveer*", "proporcionar*"},
		"en": {"supply", "supplies", "to provide", "will provide", "provides"},
	},
	catTopicShift: {
		"it": {"intanto", "nel frattempo", "separatamente", "in altre notizie", "altrove", "sul fronte"},
		"es": {"por otra parte", "por otro lado", "mientras tanto", "por su parte", "en otro orden"},
		"en": {"separately", "meanwhile", "in other news", "elsewhere", "in a separate"},
	},
}

// cue is one compiled cue.
type cue struct {
	text   string
	prefix bool
	cat    category
}

// cueIndex holds the compiled lexicon, bucketed by its first two bytes.
type cueIndex struct {
	byFirst [65536][]cue
}

func cueKey(s string) int {
	if len(s) < 2 {
		return int(s[0]) << 8
	}
	return int(s[0])<<8 | int(s[1])
}

func newCueIndex() *cueIndex {
	ix := &cueIndex{}
	seen := make(map[cue]bool)
	for cat, langs := range lexicon {
		for _, lang := range []string{"it", "es", "en"} {
			for _, w := range langs[lang] {
				c := cue{text: strings.TrimSuffix(w, "*"), prefix: strings.HasSuffix(w, "*"), cat: cat}
				variants := []cue{c}
				if strings.Contains(c.text, "'") { // l'accordo, l’accordo
					v := c
					v.text = strings.ReplaceAll(c.text, "'", "’")
					variants = append(variants, v)
				}
				for _, v := range variants {
					if seen[v] {
						continue
					}
					seen[v] = true
					if len(v.text) < 2 {
						panic("rules: one-letter cue " + v.text) // the lexicon is fixed: a programming error
					}
					ix.byFirst[cueKey(v.text)] = append(ix.byFirst[cueKey(v.text)], v)
				}
			}
		}
	}
	for i := range ix.byFirst {
		list := ix.byFirst[i]
		// Deterministic order: longer first, then alphabetical, then category.
		sortCues(list)
	}
	return ix
}

func sortCues(list []cue) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && cueLess(list[j], list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func cueLess(a, b cue) bool {
	if len(a.text) != len(b.text) {
		return len(a.text) > len(b.text)
	}
	if a.text != b.text {
		return a.text < b.text
	}
	return a.cat < b.cat
}

// hit is a cue found in a text: lower[start:end].
type hit struct {
	cat        category
	start, end int
}

// scan returns every cue hit in lower (a lowercased text with the same
// byte offsets as the original), in order of start. A cue matches at a
// word start and, unless it is a prefix, ends at a word end.
func (ix *cueIndex) scan(lower string, base int, out []hit) []hit {
	prevWord := false
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		isW := isWordRune(r) || r == '\''
		if isW && !prevWord && i+1 < len(lower) {
			for _, c := range ix.byFirst[cueKey(lower[i:])] {
				if !strings.HasPrefix(lower[i:], c.text) {
					continue
				}
				end := i + len(c.text)
				if !c.prefix && end < len(lower) {
					if r2, _ := utf8.DecodeRuneInString(lower[end:]); isWordRune(r2) {
						continue
					}
				}
				out = append(out, hit{cat: c.cat, start: base + i, end: base + end})
			}
		}
		prevWord = isWordRune(r)
		i += size
	}
	return out
}

// lowerSameLen lowercases s rune by rune, keeping a rune as is when its
// lowercase form has another length, so byte offsets stay valid.
func lowerSameLen(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += size
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b.WriteRune(l)
	}
	return b.String()
}

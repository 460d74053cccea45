package figures

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// parseTests is one table of expressions in the three languages, in the
// manner of lingua-go's detector_test. want lists the figures Parse must
// find, separated by " | ", each written as
//
//	kind value unit [qualifier] [max=V] [per_year] [inferred] [shared] [implausible] ["text"]
//
// with unit "-" when empty, values in any ParseDecimal form ("38e9",
// "1.4e12"), and dates as "date YYYY-MM-DD". The text, when given, must
// be exactly the figure's Text. An empty want means no figure at all.
var parseTests = []struct {
	lang, in, want string
}{
	// ---- Italian money: the seeds
	{"it", "OpenAI e Amazon, 38 miliardi per l’era dell’intelligenza", `money 38e9 - "38 miliardi"`},
	{"it", "un accordo colossale dal valore di 38 miliardi di dollari, uno dei più grandi", `money 38e9 USD "38 miliardi di dollari"`},
	{"it", "un investimento da 50 miliardi di dollari (15 immediati, 35 legati a condizioni)", `money 50e9 USD "50 miliardi di dollari"`},
	{"it", "un impegno complessivo sull’infrastruttura AWS che sale da 38 a oltre 138 miliardi.", `money 38e9 - shared "38" | money 138e9 - over "oltre 138 miliardi"`},
	{"it", "Un investimento da 50 miliardi di dollari. L'impegno sale da 38 a oltre 138 miliardi.", `money 50e9 USD | money 38e9 USD inferred shared "38" | money 138e9 USD over inferred "oltre 138 miliardi"`},
	{"it", "L’impegno da 100 miliardi con Jensen Huang potrebbe non concretizzarsi", `money 100e9 - "100 miliardi"`},
	{"it", "Nvidia partecipa anche come investitore con 30 miliardi di dollari.", `money 30e9 USD "30 miliardi di dollari"`},
	{"it", "un round di finanziamento complessivo da 110 miliardi di dollari. Oltre ad Amazon (50 miliardi) e Nvidia (30 miliardi), c’è anche SoftBank con altri 30 miliardi.",
		`money 110e9 USD | money 50e9 USD inferred "50 miliardi" | money 30e9 USD inferred "30 miliardi" | money 30e9 USD inferred "30 miliardi"`},
	{"it", "si è assicurata un accordo da 30 miliardi l’anno con OpenAI", `money 30e9 - per_year "30 miliardi l’anno"`},
	{"it", "un accordo da 30 miliardi l'anno con OpenAI", `money 30e9 - per_year "30 miliardi l'anno"`},
	{"it", "Trenta miliardi. Più di quanto OpenAI spende", `money 30e9 - "Trenta miliardi"`},
	{"it", "Amazon ha investito 25 miliardi di dollari in Anthropic", `money 25e9 USD "25 miliardi di dollari"`},
	{"it", "la sbalorditiva cifra di 50 miliardi. Questa apparente contraddizione", `money 50e9 - "50 miliardi"`},
	{"it", "Il round da oltre $100M di InfiniteFound", `money 100e6 USD over "oltre $100M"`},
	{"it", "InfiniteFound ha raccolto oltre $100 milioni per diventare", `money 100e6 USD over "oltre $100 milioni"`},
	{"it", "un contratto quinquennale da 200 miliardi di dollari con Google Cloud per 5 gigawatt di potenza",
		`duration 5 years "quinquennale" | money 200e9 USD "200 miliardi di dollari" | capacity 5 GW "5 gigawatt"`},
	// ---- Italian money: forms
	{"it", "un prestito di 4,5 miliardi di euro", `money 4.5e9 EUR "4,5 miliardi di euro"`},
	{"it", "ricavi per 1.200,50 euro", `money 1200.5 EUR "1.200,50 euro"`},
	{"it", "una commessa da 100.000 euro", `money 100000 EUR "100.000 euro"`},
	{"it", "un bond da €1,2 miliardi", `money 1.2e9 EUR "€1,2 miliardi"`},
	{"it", "una spesa di 2 mld di euro", `money 2e9 EUR "2 mld di euro"`},
	{"it", "capitale per 3 mln di euro", `money 3e6 EUR "3 mln di euro"`},
	{"it", "finanziamento da 7 mrd", `money 7e9 - "7 mrd"`},
	{"it", "un valore di 1,5 bilioni di dollari", `money 1.5e12 USD "1,5 bilioni di dollari"`},
	{"it", "una commessa da trecentomila euro", `money 300000 EUR "trecentomila euro"`},
	{"it", "un affare da duecentocinquanta milioni di dollari", `money 250e6 USD "duecentocinquanta milioni di dollari"`},
	{"it", "ha raccolto due miliardi di dollari", `money 2e9 USD "due miliardi di dollari"`},
	{"it", "un investimento da un miliardo di euro", `money 1e9 EUR "un miliardo di euro"`},
	{"it", "vale mezzo miliardo di euro", `money 0.5e9 EUR "mezzo miliardo di euro"`},
	{"it", "cinque miliardi di dollari", `money 5e9 USD "cinque miliardi di dollari"`},
	{"it", "un accordo da 50 mila euro", `money 50000 EUR "50 mila euro"`},
	{"it", "vale 12 miliardi di dollari USA", `money 12e9 USD "12 miliardi di dollari USA"`},
	{"it", "una cifra di 10 milioni di sterline", `money 10e6 GBP "10 milioni di sterline"`},
	{"it", "un accordo da 500 milioni d’euro", `money 500e6 EUR "500 milioni d’euro"`},
	{"it", "una spesa di 20 miliardi all'anno", `money 20e9 - per_year "20 miliardi all'anno"`},
	{"it", "ricavi di 3 miliardi di euro annui", `money 3e9 EUR per_year "3 miliardi di euro annui"`},
	{"it", "investimenti per 8 miliardi di dollari ogni anno", `money 8e9 USD per_year "8 miliardi di dollari ogni anno"`},
	// ---- Italian qualifiers and ranges
	{"it", "un contratto da più di 10 miliardi di dollari", `money 10e9 USD over "più di 10 miliardi di dollari"`},
	{"it", "una spesa che supera i 5 miliardi di euro", `money 5e9 EUR over "supera i 5 miliardi di euro"`},
	{"it", "un investimento fino a 15 miliardi di dollari", `money 15e9 USD up_to "fino a 15 miliardi di dollari"`},
	{"it", "un accordo da circa 4 miliardi di dollari", `money 4e9 USD about "circa 4 miliardi di dollari"`},
	{"it", "vale intorno a 7 miliardi di euro", `money 7e9 EUR about "intorno a 7 miliardi di euro"`},
	{"it", "quasi 2 miliardi di dollari", `money 2e9 USD about "quasi 2 miliardi di dollari"`},
	{"it", "almeno 3 miliardi di euro", `money 3e9 EUR over "almeno 3 miliardi di euro"`},
	{"it", "meno di 1 miliardo di euro", `money 1e9 EUR up_to "meno di 1 miliardo di euro"`},
	{"it", "un accordo tra 10 e 15 miliardi di dollari", `money 10e9 USD range max=15e9 "tra 10 e 15 miliardi di dollari"`},
	{"it", "una cifra fra 2 e 3 miliardi di euro", `money 2e9 EUR range max=3e9 "fra 2 e 3 miliardi di euro"`},
	{"it", "un impegno di 10-15 miliardi di dollari", `money 10e9 USD range max=15e9 "10-15 miliardi di dollari"`},
	{"it", "la cifra sale da 10 a 20 miliardi di euro", `money 10e9 EUR shared "10" | money 20e9 EUR "20 miliardi di euro"`},
	{"it", "il Secondo player ha circa il 65% della dimensione di AWS", `percent 65 % about "circa il 65%"`},
	{"it", "una quota di oltre il 30 per cento", `percent 30 % over "oltre il 30 per cento"`},
	{"it", "più del 50% del mercato", `percent 50 % over "più del 50%"`},
	// ---- Italian capacity and duration
	{"it", "OpenAI si impegna a usare circa 2 gigawatt di capacità sui chip Trainium", `capacity 2 GW about "circa 2 gigawatt"`},
	{"it", "3 gigawatt di capacità per l’inferenza e 2 gigawatt per il training", `capacity 3 GW "3 gigawatt" | capacity 2 GW "2 gigawatt"`},
	{"it", "un campus da 4,5 gigawatt", `capacity 4.5 GW "4,5 gigawatt"`},
	{"it", "un data center da 1,5 GW", `capacity 1.5 GW "1,5 GW"`},
	{"it", "una centrale da 300 MW", `capacity 300 MW "300 MW"`},
	{"it", "fino a 10 gigawatt entro il 2030", `capacity 10 GW up_to "fino a 10 gigawatt"`},
	{"it", "un contratto di cinque anni", `duration 5 years "cinque anni"`},
	{"it", "un accordo quinquennale", `duration 5 years "quinquennale"`},
	{"it", "un contratto triennale", `duration 3 years "triennale"`},
	{"it", "un accordo decennale con Microsoft", `duration 10 years "decennale"`},
	{"it", "per 7 anni", `duration 7 years "7 anni"`},
	{"it", "entro 18 mesi", `duration 18 months "18 mesi"`},
	{"it", "un contratto di dieci anni", `duration 10 years "dieci anni"`},
	// ---- Italian counts
	{"it", "centinaia di migliaia di GPU NVIDIA", ``},
	{"it", "un cluster da 100.000 GPU Nvidia", `count 100000 GPUs "100.000 GPU"`},
	{"it", "un ordine di 1 milione di chip", `count 1e6 chips "1 milione di chip"`},
	{"it", "un modello da 70 miliardi di parametri", `count 70e9 parameters "70 miliardi di parametri"`},
	// ---- Italian dates
	{"it", "Novembre 3, 2025 - 14:51", `date 2025-11-03 "Novembre 3, 2025"`},
	{"it", "annunciata ufficialmente il 3 novembre 2025, prevede", `date 2025-11-03 "3 novembre 2025"`},
	{"it", "Archivio: aprile 2026", `date 2026-04 "aprile 2026"`},
	{"it", " date 2026-02-27 Le dinamiche tra OpenAI", `date 2026-02-27 "2026-02-27"`},
	{"it", "il 1° marzo 2026", `date 2026-03-01 "1° marzo 2026"`},
	{"it", "pubblicato il 03/11/2025", `date 2025-11-03 "03/11/2025"`},
	{"it", "pubblicato il 03.11.2025", `date 2025-11-03 "03.11.2025"`},
	{"it", "martedì 14 ottobre 2025", `date 2025-10-14 "14 ottobre 2025"`},
	{"it", "nel dicembre 2024", `date 2024-12 "dicembre 2024"`},
	{"it", "il 31 febbraio 2025", ``},
	{"it", "di novembre scorso", ``},
	{"it", "entro il 2026", ``},
	{"it", "attesa per il 2027", ``},
	// ---- Italian traps
	{"it", "L’intesa di novembre scorso parlava di GB200 e GB300, il meglio del catalogo Nvidia.", ``},
	{"it", "L’accordo include anche la prossima generazione Trainium4, attesa per il 2027.", ``},
	{"it", "condita con una licenza Apache 2.0 e il sorriso", ``},
	{"it", "con tre clic su Bedrock", ``},
	{"it", "due nuovi modelli di ragionamento", ``},
	{"it", "(15 immediati, 35 legati a condizioni non specificate)", ``},
	{"it", "Mi piace Mi piace 1\nAntipatia Antipatia 0", ``},
	{"it", "decine di milioni di unità di calcolo", ``},
	{"it", "l’AI è diventata un’economia fatta di miliardi di dollari.", ``},
	{"it", "800 milioni di utenti settimanali", ``},
	{"it", "chiamate il numero 02 1234 5678", ``},
	{"it", "Un anno fa", ``},
	// ---- Spanish money: the seeds
	{"es", "un acuerdo monumental de $38 mil millones que está reescribiendo", `money 38e9 USD "$38 mil millones"`},
	{"es", "un nuevo contrato de $250 mil millones para comprar servicios", `money 250e9 USD "$250 mil millones"`},
	{"es", "un gasto total de infraestructura de OpenAI que supera los $1.4 billones (en la escala anglosajona, $1.4 trillion).",
		`money 1.4e12 USD over "supera los $1.4 billones" | money 1.4e12 USD "$1.4 trillion"`},
	{"es", "sus ingresos anuales reportados son de solo $13 mil millones.", `money 13e9 USD "$13 mil millones"`},
	{"es", "OpenAI se comprometió a un contrato de siete años para comprar $38 mil millones en capacidad",
		`duration 7 years "siete años" | money 38e9 USD "$38 mil millones"`},
	{"es", "gastar cientos de miles de millones de dólares en otros proveedores", ``},
	{"es", "la escalabilidad de decenas de millones de CPUs", ``},
	{"es", "La cuentas no salen. Mil Millones vs. Billones", ``},
	// ---- Spanish money: forms
	{"es", "una inversión de 100.000 millones de dólares", `money 100e9 USD "100.000 millones de dólares"`},
	{"es", "una inversión de 10,000 millones de dólares", `money 10e9 USD "10,000 millones de dólares"`},
	{"es", "un pago de 1.200,50 euros", `money 1200.5 EUR "1.200,50 euros"`},
	{"es", "un contrato de 2.500 millones de euros", `money 2.5e9 EUR "2.500 millones de euros"`},
	{"es", "una cifra de 4,5 millones de dólares", `money 4.5e6 USD "4,5 millones de dólares"`},
	{"es", "un valor de 300 millones de euros", `money 300e6 EUR "300 millones de euros"`},
	{"es", "una ronda de 100 mdd", `money 100e6 USD "100 mdd"`},
	{"es", "un millón de dólares", `money 1e6 USD "un millón de dólares"`},
	{"es", "mil millones de dólares", `money 1e9 USD "mil millones de dólares"`},
	{"es", "doscientos cincuenta mil millones de dólares", `money 250e9 USD "doscientos cincuenta mil millones de dólares"`},
	{"es", "treinta mil millones de dólares", `money 30e9 USD "treinta mil millones de dólares"`},
	{"es", "treinta y cinco millones de euros", `money 35e6 EUR "treinta y cinco millones de euros"`},
	{"es", "veinticinco millones de dólares", `money 25e6 USD "veinticinco millones de dólares"`},
	{"es", "una inversión de 5.000 millones", `money 5e9 - "5.000 millones"`},
	{"es", "un contrato de 3 millardos de dólares", `money 3e9 USD "3 millardos de dólares"`},
	{"es", "la deuda de 4.000 billones de dólares", `money 4e15 USD implausible "4.000 billones de dólares"`},
	{"es", "US$ 500 MM", `money 500e6 USD "US$ 500 MM"`},
	{"es", "un pago de €20 millones", `money 20e6 EUR "€20 millones"`},
	{"es", "un gasto de 7 mil millones de euros al año", `money 7e9 EUR per_year "7 mil millones de euros al año"`},
	{"es", "ingresos de 2.000 millones de dólares anuales", `money 2e9 USD per_year "2.000 millones de dólares anuales"`},
	{"es", "un costo de $40 mil millones por año", `money 40e9 USD per_year "$40 mil millones por año"`},
	// ---- Spanish qualifiers and ranges
	{"es", "más de 10.000 millones de dólares", `money 10e9 USD over "más de 10.000 millones de dólares"`},
	{"es", "hasta 15.000 millones de euros", `money 15e9 EUR up_to "hasta 15.000 millones de euros"`},
	{"es", "alrededor de 3.000 millones de dólares", `money 3e9 USD about "alrededor de 3.000 millones de dólares"`},
	{"es", "cerca de 2 mil millones de dólares", `money 2e9 USD about "cerca de 2 mil millones de dólares"`},
	{"es", "unos 500 millones de euros", `money 500e6 EUR about "unos 500 millones de euros"`},
	{"es", "casi 1.000 millones de dólares", `money 1e9 USD about "casi 1.000 millones de dólares"`},
	{"es", "al menos 20 millones de euros", `money 20e6 EUR over "al menos 20 millones de euros"`},
	{"es", "entre 10.000 y 15.000 millones de dólares", `money 10e9 USD range max=15e9 "entre 10.000 y 15.000 millones de dólares"`},
	{"es", "de 10 a 15 mil millones de dólares", `money 10e9 USD shared "10" | money 15e9 USD "15 mil millones de dólares"`},
	{"es", "el 40% del mercado", `percent 40 % "40%"`},
	{"es", "más del 60 por ciento", `percent 60 % over "más del 60 por ciento"`},
	// ---- Spanish capacity, duration, count
	{"es", "una capacidad de 2 gigavatios", `capacity 2 GW "2 gigavatios"`},
	{"es", "unos 500 megavatios", `capacity 500 MW about "unos 500 megavatios"`},
	{"es", "1,5 GW de potencia", `capacity 1.5 GW "1,5 GW"`},
	{"es", "un contrato de siete años", `duration 7 years "siete años"`},
	{"es", "un acuerdo decenal", `duration 10 years "decenal"`},
	{"es", "un plan quinquenal", `duration 5 years "quinquenal"`},
	{"es", "durante 18 meses", `duration 18 months "18 meses"`},
	{"es", "un contrato de 5 años", `duration 5 years "5 años"`},
	{"es", "100.000 GPU de NVIDIA", `count 100000 GPUs "100.000 GPU"`},
	{"es", "hace un año", ``},
	// ---- Spanish dates
	{"es", "El 3 de noviembre de 2025, OpenAI se comprometió", `date 2025-11-03 "3 de noviembre de 2025"`},
	{"es", "el 1 de enero del 2026", `date 2026-01-01 "1 de enero del 2026"`},
	{"es", "en noviembre de 2025", `date 2025-11 "noviembre de 2025"`},
	{"es", "Publicado: 15/03/2026", `date 2026-03-15 "15/03/2026"`},
	{"es", "en mayo 2025", `date 2025-05 "mayo 2025"`},
	{"es", "el 12 de septiembre de 2024", `date 2024-09-12 "12 de septiembre de 2024"`},
	// ---- Spanish traps
	{"es", "los modelos GB200 y GB300", ``},
	{"es", "sus GPU (GB200/300) sobre las alternativas", ``},
	{"es", "ChatGPT y GPT-4o", ``},
	{"es", "en 2025", ``},
	{"es", "dos mil personas", ``},
	{"es", "25 millones de usuarios", ``},
	// ---- English money: the seeds
	{"en", "Amazon's investment math seems absurd: $50 billion to OpenAI, versus $25 billion to Anthropic",
		`money 50e9 USD "$50 billion" | money 25e9 USD "$25 billion"`},
	{"en", "includes $5 billion upfront and $20 billion tied to future commercial milestones",
		`money 5e9 USD "$5 billion" | money 20e9 USD "$20 billion"`},
	{"en", "| Amazon | Anthropic | $25B | $5B upfront + $20B milestones | AWS Trainium clusters |",
		`money 25e9 USD "$25B" | money 5e9 USD "$5B" | money 20e9 USD "$20B"`},
	{"en", "| Microsoft | OpenAI | $13B | Equity + compute credits | Azure exclusive |", `money 13e9 USD "$13B"`},
	{"en", "| Cost per 1M tokens (Claude 3.5) | $1.50 | $2.00 | $0.80 | $1.20 |",
		`money 1.5 USD "$1.50" | money 2 USD "$2.00" | money 0.8 USD "$0.80" | money 1.2 USD "$1.20"`},
	{"en", "| AWS | $45B | 35% | Anthropic, Stability AI | 32% |", `money 45e9 USD | percent 35 % | percent 32 %`},
	{"en", "Amazon will announce an additional $10-15 billion in Anthropic, bringing total committed capital to $35-40 billion.",
		`money 10e9 USD range max=15e9 "$10-15 billion" | money 35e9 USD range max=40e9 "$35-40 billion"`},
	{"en", "which currently command over 80% of the AI accelerator market", `percent 80 % over "over 80%"`},
	{"en", "Trainium 2, the latest generation, offers up to 4x the performance of its predecessor", ``},
	{"en", "Amazon claims Trainium can deliver up to 40% lower training costs compared to equivalent NVIDIA H100 clusters.", `percent 40 % up_to "up to 40%"`},
	{"en", "likely including training models with 1 trillion+ parameters, achieving", `count 1e12 parameters over "1 trillion+ parameters"`},
	{"en", "with over 1,200 stars and regular updates", ``},
	{"en", "| Training Throughput (TFLOPS, FP16) | 800 | 989 | — | — |", ``},
	{"en", "| Inference Latency (ms, Llama 70B) | — | — | 45 | 38 |", ``},
	{"en", "Within 18 months, Amazon will announce", `duration 18 months "18 months"`},
	{"en", "By Q3 2026, AWS will launch a new service", ``},
	{"en", "| AWS | $45B | 35% |\n| Oracle OCI | $8B | 50% |", `money 45e9 USD | percent 35 % | money 8e9 USD | percent 50 %`},
	{"en", "Its Claude models compete directly with OpenAI's GPT-4 and GPT-4o.", ``},
	{"en", "AI Revenue (2024 est.)", ``},
	{"en", "AI infrastructure223 related articles", ``},
	// ---- English money: forms
	{"en", "a US$4.7 billion deal", `money 4.7e9 USD "US$4.7 billion"`},
	{"en", "raised $4.7bn last year", `money 4.7e9 USD "$4.7bn"`},
	{"en", "a €50bn programme", `money 50e9 EUR "€50bn"`},
	{"en", "a £3bn investment", `money 3e9 GBP "£3bn"`},
	{"en", "a $100m round", `money 100e6 USD "$100m"`},
	{"en", "a $250K grant", `money 250000 USD "$250K"`},
	{"en", "USD 10 billion", `money 10e9 USD "USD 10 billion"`},
	{"en", "EUR 2.5 million", `money 2.5e6 EUR "EUR 2.5 million"`},
	{"en", "5 billion dollars", `money 5e9 USD "5 billion dollars"`},
	{"en", "2 million euros", `money 2e6 EUR "2 million euros"`},
	{"en", "a billion dollars", `money 1e9 USD "a billion dollars"`},
	{"en", "one hundred million dollars", `money 100e6 USD "one hundred million dollars"`},
	{"en", "twenty-five billion dollars", `money 25e9 USD "twenty-five billion dollars"`},
	{"en", "thirty billion dollars", `money 30e9 USD "thirty billion dollars"`},
	{"en", "half a billion dollars", `money 0.5e9 USD "half a billion dollars"`},
	{"en", "$1,200,000", `money 1.2e6 USD "$1,200,000"`},
	{"en", "$1.250 billion", `money 1.25e9 USD "$1.250 billion"`},
	{"en", "a $1.4 trillion commitment", `money 1.4e12 USD "$1.4 trillion"`},
	{"en", "$3 trillion", `money 3e12 USD "$3 trillion"`},
	{"en", "C$2 billion", `money 2e9 CAD "C$2 billion"`},
	{"en", "$30B a year", `money 30e9 USD per_year "$30B a year"`},
	{"en", "$30 billion per year", `money 30e9 USD per_year "$30 billion per year"`},
	{"en", "$12 billion annually", `money 12e9 USD per_year "$12 billion annually"`},
	{"en", "revenue of $2.1 billion a year", `money 2.1e9 USD per_year "$2.1 billion a year"`},
	{"en", "$40 billion each year", `money 40e9 USD per_year "$40 billion each year"`},
	{"en", "$5 billion/year", `money 5e9 USD per_year "$5 billion/year"`},
	// ---- English qualifiers and ranges
	{"en", "over $100M", `money 100e6 USD over "over $100M"`},
	{"en", "more than $10 billion", `money 10e9 USD over "more than $10 billion"`},
	{"en", "in excess of $2 billion", `money 2e9 USD over "in excess of $2 billion"`},
	{"en", "at least $1 billion", `money 1e9 USD over "at least $1 billion"`},
	{"en", "up to $15 billion", `money 15e9 USD up_to "up to $15 billion"`},
	{"en", "as much as $4 billion", `money 4e9 USD up_to "as much as $4 billion"`},
	{"en", "less than $1 billion", `money 1e9 USD up_to "less than $1 billion"`},
	{"en", "about $4 billion", `money 4e9 USD about "about $4 billion"`},
	{"en", "around $7 billion", `money 7e9 USD about "around $7 billion"`},
	{"en", "approximately $3.5 billion", `money 3.5e9 USD about "approximately $3.5 billion"`},
	{"en", "roughly $20 billion", `money 20e9 USD about "roughly $20 billion"`},
	{"en", "nearly $1 trillion", `money 1e12 USD about "nearly $1 trillion"`},
	{"en", "$100M+", `money 100e6 USD over "$100M+"`},
	{"en", "between $10 and $15 billion", `money 10e9 USD range max=15e9 "between $10 and $15 billion"`},
	{"en", "between $10 billion and $15 billion", `money 10e9 USD range max=15e9 "between $10 billion and $15 billion"`},
	{"en", "$10 billion-$15 billion", `money 10e9 USD range max=15e9 "$10 billion-$15 billion"`},
	{"en", "$10–15 billion", `money 10e9 USD range max=15e9 "$10–15 billion"`},
	{"en", "$10-15B", `money 10e9 USD range max=15e9 "$10-15B"`},
	{"en", "rose from $38 billion to $138 billion", `money 38e9 USD "$38 billion" | money 138e9 USD "$138 billion"`},
	{"en", "grew from 38 to 138 billion dollars", `money 38e9 USD shared "38" | money 138e9 USD "138 billion dollars"`},
	{"en", "30-40%", `percent 30 % range max=40 "30-40%"`},
	{"en", "between 20% and 30%", `percent 20 % range max=30 "between 20% and 30%"`},
	{"en", "about 5%", `percent 5 % about "about 5%"`},
	{"en", "12 percent", `percent 12 % "12 percent"`},
	{"en", "12 per cent", `percent 12 % "12 per cent"`},
	// ---- English capacity, duration, count
	{"en", "3 gigawatts of capacity", `capacity 3 GW "3 gigawatts"`},
	{"en", "a 1.5GW campus", `capacity 1.5 GW "1.5GW"`},
	{"en", "500 megawatts", `capacity 500 MW "500 megawatts"`},
	{"en", "1-2 GW", `capacity 1 GW range max=2 "1-2 GW"`},
	{"en", "two gigawatts", `capacity 2 GW "two gigawatts"`},
	{"en", "a seven-year contract", `duration 7 years "seven-year"`},
	{"en", "a 10-year deal", `duration 10 years "10-year"`},
	{"en", "a five-year agreement", `duration 5 years "five-year"`},
	{"en", "over five years", `duration 5 years "five years"`},
	{"en", "a 28-year-old engineer", ``},
	{"en", "100,000 GPUs", `count 100000 GPUs "100,000 GPUs"`},
	{"en", "100,000 Nvidia GPUs", `count 100000 GPUs "100,000 Nvidia GPUs"`},
	{"en", "1 million chips", `count 1e6 chips "1 million chips"`},
	{"en", "a 70 billion parameter model", `count 70e9 parameters "70 billion parameter"`},
	{"en", "2 billion users", ``},
	{"en", "a year ago", ``},
	// ---- English dates
	{"en", "November 3, 2025", `date 2025-11-03 "November 3, 2025"`},
	{"en", "on Nov. 3, 2025", `date 2025-11-03 "Nov. 3, 2025"`},
	{"en", "3 November 2025", `date 2025-11-03 "3 November 2025"`},
	{"en", "the 3rd of November, 2025", `date 2025-11-03 "3rd of November, 2025"`},
	{"en", "April 2026", `date 2026-04 "April 2026"`},
	{"en", "Archive: April 2026", `date 2026-04 "April 2026"`},
	{"en", "2025-11-03", `date 2025-11-03 "2025-11-03"`},
	{"en", "2025/11/03", `date 2025-11-03 "2025/11/03"`},
	{"en", "11/03/2025", `date 2025-11-03 "11/03/2025"`},
	{"en", "25/03/2025", `date 2025-03-25 "25/03/2025"`},
	{"en", "May 2025", `date 2025-05 "May 2025"`},
	{"en", "it may 2025 be", ``},
	{"en", "February 29, 2024", `date 2024-02-29 "February 29, 2024"`},
	{"en", "February 29, 2025", ``},
	{"en", "in 2025", ``},
	{"en", "2024-2025", ``},
	{"en", "version 2025-13-01", ``},
	// ---- English traps
	{"en", "GB200, GB300, H100, L40S, Trainium4, B200", ``},
	{"en", "Llama 70B and Llama 405B", ``},
	{"en", "Claude 3.5 Sonnet", ``},
	{"en", "Apache 2.0", ``},
	{"en", "FP16 and FP8", ``},
	{"en", "call +1 415 555 0199", ``},
	{"en", "14:51", ``},
	{"en", "the 1M token context", ``},
	{"en", "billions of dollars", ``},
	{"en", "GPT-4 and o3", ``},
	{"en", "x86 chips", ``},
	// ---- further expressions, the way unseen articles write them
	{"it", "Microsoft investirà 80 miliardi di dollari in data center nel 2025", `money 80e9 USD "80 miliardi di dollari"`},
	{"it", "Il governo stanzia 1,2 miliardi di euro, di cui 300 milioni subito", `money 1.2e9 EUR | money 300e6 EUR inferred "300 milioni"`},
	{"it", "una capacità di 1,2 GW entro il 2027 e altri 800 MW", `capacity 1.2 GW "1,2 GW" | capacity 800 MW "800 MW"`},
	{"it", "L'accordo, dal valore di circa 10 miliardi di dollari in cinque anni", `money 10e9 USD about | duration 5 years "cinque anni"`},
	{"it", "Nvidia vale oltre 4.000 miliardi di dollari", `money 4e12 USD over "oltre 4.000 miliardi di dollari"`},
	{"it", "un'operazione da 6,5 miliardi.", `money 6.5e9 - "6,5 miliardi"`},
	{"it", "2 miliardi di investimenti", `money 2e9 - "2 miliardi"`},
	{"it", "30 miliardi investiti nel cloud", `money 30e9 - "30 miliardi"`},
	{"it", "30 miliardi l’anno prossimo", `money 30e9 - "30 miliardi"`},
	{"it", "sabato 1 marzo 2025", `date 2025-03-01 "1 marzo 2025"`},
	{"it", "Pubblicato il 12/05/2025 alle 10:30", `date 2025-05-12 "12/05/2025"`},
	{"it", "Pubblicato il 12-05-2025", `date 2025-05-12 "12-05-2025"`},
	{"it", "circa 100.000 GPU H100", `count 100000 GPUs about "circa 100.000 GPU"`},
	{"it", "10 mila GPU", `count 10000 GPUs "10 mila GPU"`},
	{"it", "oltre 2 GW di capacità", `capacity 2 GW over "oltre 2 GW"`},
	{"it", "€ 500 milioni", `money 500e6 EUR "€ 500 milioni"`},
	{"it", "500 milioni €", `money 500e6 EUR "500 milioni €"`},
	{"it", "un aumento di capitale da 2 mld", `money 2e9 - "2 mld"`},
	{"it", "da 5 a 10 GW", `capacity 5 GW shared "5" | capacity 10 GW "10 GW"`},
	{"it", "tra il 2025 e il 2030", ``},
	{"it", "2 miliardi di persone", ``},
	{"es", "una inversión de US$ 1.500 millones", `money 1.5e9 USD "US$ 1.500 millones"`},
	{"es", "un contrato por 10.000 millones de euros a cinco años", `money 10e9 EUR | duration 5 years "cinco años"`},
	{"es", "unos 4,5 gigavatios de capacidad", `capacity 4.5 GW about "unos 4,5 gigavatios"`},
	{"es", "el 30 % de las acciones", `percent 30 % "30 %"`},
	{"es", "más de 2 millones de GPU", `count 2e6 GPUs over "más de 2 millones de GPU"`},
	{"es", "durante los próximos diez años", `duration 10 years "diez años"`},
	{"es", "en marzo del 2025", `date 2025-03 "marzo del 2025"`},
	{"es", "Nvidia invertirá hasta US$100.000 millones en OpenAI", `money 100e9 USD up_to "hasta US$100.000 millones"`},
	{"es", "una ronda de 500 mil dólares", `money 500000 USD "500 mil dólares"`},
	{"es", "~US$3.000 millones", `money 3e9 USD about "~US$3.000 millones"`},
	{"en", "a $500bn joint venture called Stargate", `money 500e9 USD "$500bn"`},
	{"en", "the $300 billion, five-year contract", `money 300e9 USD | duration 5 years "five-year"`},
	{"en", "a 6-gigawatt agreement with AMD", `capacity 6 GW "6-gigawatt"`},
	{"en", "on Sept. 22, 2025", `date 2025-09-22 "Sept. 22, 2025"`},
	{"en", "Published March 3, 2026 at 10:00 a.m. ET", `date 2026-03-03 "March 3, 2026"`},
	{"en", "Updated 2025-11-03T14:51:00Z", `date 2025-11-03 "2025-11-03"`},
	{"en", "some 400,000 GPUs", `count 400000 GPUs about "some 400,000 GPUs"`},
	{"en", "an estimated $1.4 trillion in commitments", `money 1.4e12 USD about "an estimated $1.4 trillion"`},
	{"en", "approx. $2bn", `money 2e9 USD about "approx. $2bn"`},
	{"en", "~$10B", `money 10e9 USD about "~$10B"`},
	{"en", ">$5B", `money 5e9 USD over ">$5B"`},
	{"en", "US $4.7 billion", `money 4.7e9 USD "US $4.7 billion"`},
	{"en", "$1.5 trillion-plus", `money 1.5e12 USD over "$1.5 trillion-plus"`},
	{"en", "a $10-billion deal", `money 10e9 USD "$10-billion"`},
	{"en", "a $10 billion-a-year deal", `money 10e9 USD per_year "$10 billion-a-year"`},
	{"en", "$5 billion a year ago", `money 5e9 USD "$5 billion"`},
	{"en", "$2 billion in cash and $3 billion in stock", `money 2e9 USD | money 3e9 USD`},
	{"en", "a 20pc stake", `percent 20 % "20pc"`},
	{"en", "20 PC makers", ``},
	{"en", "100k GPUs", `count 100000 GPUs "100k GPUs"`},
	{"en", "1 GW, or 1,000 MW", `capacity 1 GW | capacity 1000 MW`},
	{"en", "between 2025 and 2030", ``},
	{"en", "the 2025-2030 period", ``},
	{"en", "Trainium2 chips", ``},
	{"en", "a 10USD fee", `money 10 USD "10USD"`},
	{"en", "5G and 4K screens", ``},
	{"en", "COVID-19 and F-35", ``},
	{"en", "raised $6.6 billion at a $157 billion valuation", `money 6.6e9 USD | money 157e9 USD`},
	{"it", "2 miliardi e mezzo di dollari", `money 2.5e9 USD "2 miliardi e mezzo di dollari"`},
	{"it", "tre miliardi e mezzo", `money 3.5e9 - "tre miliardi e mezzo"`},
	{"it", "4 mila miliardi di dollari", `money 4e12 USD "4 mila miliardi di dollari"`},
	{"it", "mille miliardi di dollari", `money 1e12 USD "mille miliardi di dollari"`},
	{"es", "dos millones y medio de euros", `money 2.5e6 EUR "dos millones y medio de euros"`},
	{"es", "dos mil millones de dólares", `money 2e9 USD "dos mil millones de dólares"`},
	{"es", "100\u00a0000 millones de euros", `money 100e9 EUR "100\u00a0000 millones de euros"`},
	{"en", "EUR50m", `money 50e6 EUR "EUR50m"`},
	{"en", "1 billion and a half dollars", `money 1.5e9 USD "1 billion and a half dollars"`},
	{"en", "\u20ac1\u202f200\u202f000", `money 1.2e6 EUR`},
	{"en", "would require 4 million to 5 million GPUs", `count 4e6 GPUs shared "4 million" | count 5e6 GPUs "5 million GPUs"`},
	{"en", "between 4 million and 5 million graphics processing units", ``},
	{"en", "4-5 million GPUs", `count 4e6 GPUs range max=5e6 "4-5 million GPUs"`},
	{"en", "the deal is worth 10 billion.", ``},
	{"it", "Oracle ha firmato un contratto da 300 miliardi di dollari in circa cinque anni", `money 300e9 USD | duration 5 years about "circa cinque anni"`},
	{"it", "Costo stimato: tra 40 e 50 miliardi. I ricavi", `money 40e9 - range max=50e9 "tra 40 e 50 miliardi"`},
	{"it", "Nvidia fornirà fino a 10 GW e investirà fino a 100 miliardi di dollari, 10 miliardi per ogni gigawatt.",
		`capacity 10 GW up_to | money 100e9 USD up_to | money 10e9 USD inferred "10 miliardi"`},
	{"es", "y prevé pagos de unos 30.000 millones anuales", `money 30e9 - about per_year "unos 30.000 millones anuales"`},
	{"es", "el gasto en IA superará los 2 billones de dólares en 2026", `money 2e12 USD over "superará los 2 billones de dólares"`},
	// ---- any language ("" reads with every language's words)
	{"", "38 miliardi di dollari", `money 38e9 USD`},
	{"", "$38 mil millones", `money 38e9 USD`},
	{"", "$1.4 billones", `money 1.4e12 USD`},
	{"", "3 novembre 2025", `date 2025-11-03`},
	{"", "", ``},
	{"", "   \n\n  ", ``},
	{"", "$", ``},
	{"", "oltre", ``},
	{"", "tra 10 e", ``},
	{"", "99999999999999999999999 dollars", ``},
	{"", "$0", `money 0 USD`},
}

// describe writes f the way parseTests writes its figures.
func describe(f Figure, withText bool) string {
	var b strings.Builder
	if f.Kind == Date {
		b.WriteString("date " + f.Date)
	} else {
		unit := f.Unit
		if unit == "" {
			unit = "-"
		}
		fmt.Fprintf(&b, "%s %s %s", f.Kind, f.Value, unit)
		if f.Qualifier != Exact {
			b.WriteString(" " + string(f.Qualifier))
		}
		if f.Max != nil {
			b.WriteString(" max=" + f.Max.String())
		}
		if f.Period == PerYear {
			b.WriteString(" per_year")
		}
	}
	if f.UnitInferred {
		b.WriteString(" inferred")
	}
	if f.ScaleShared {
		b.WriteString(" shared")
	}
	if f.Implausible {
		b.WriteString(" implausible")
	}
	if withText {
		fmt.Fprintf(&b, " %q", f.Text)
	}
	return b.String()
}

// canonical rewrites one figure of a want string in describe's form; it
// reports whether the want names the text.
func canonical(t *testing.T, spec string) (string, bool) {
	t.Helper()
	text, hasText := "", false
	if i := strings.IndexByte(spec, '"'); i >= 0 {
		text, hasText = spec[i:], true
		spec = strings.TrimSpace(spec[:i])
	}
	fields := strings.Fields(spec)
	if len(fields) < 2 {
		t.Fatalf("bad want %q", spec)
	}
	var f Figure
	f.Kind = Kind(fields[0])
	f.Qualifier = Exact
	f.Period = Total
	rest := fields[2:]
	if f.Kind == Date {
		f.Date = fields[1]
	} else {
		if len(fields) < 3 {
			t.Fatalf("bad want %q", spec)
		}
		f.Value = MustDecimal(fields[1])
		f.Unit = fields[2]
		if f.Unit == "-" {
			f.Unit = ""
		}
		rest = fields[3:]
	}
	for _, x := range rest {
		switch {
		case x == "over" || x == "up_to" || x == "about" || x == "range":
			f.Qualifier = Qualifier(x)
		case strings.HasPrefix(x, "max="):
			m := MustDecimal(x[4:])
			f.Max = &m
		case x == "per_year":
			f.Period = PerYear
		case x == "inferred":
			f.UnitInferred = true
		case x == "shared":
			f.ScaleShared = true
		case x == "implausible":
			f.Implausible = true
		default:
			t.Fatalf("bad want field %q in %q", x, spec)
		}
	}
	s := describe(f, false)
	if hasText {
		s += " " + text
	}
	return s, hasText
}

func TestParse(t *testing.T) {
	all := append(append(parseTests[:0:0], parseTests...), parseTests2...)
	langs := map[string]int{}
	for _, tt := range all {
		langs[tt.lang]++
	}
	if n := len(all); n < 200 {
		t.Errorf("table has %d expressions, want at least 200", n)
	}
	for _, l := range []string{"it", "es", "en"} {
		if langs[l] < 40 {
			t.Errorf("table has %d %s expressions, want at least 40", langs[l], l)
		}
	}
	for _, tt := range all {
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

// checkInvariants checks what every Parse result must satisfy.
func checkInvariants(t *testing.T, text string, figs []Figure) {
	t.Helper()
	prev := -1
	for _, f := range figs {
		if f.Start < 0 || f.End > len(text) || f.Start >= f.End {
			t.Fatalf("figure %q has offsets [%d,%d) out of text of %d bytes", f.Text, f.Start, f.End, len(text))
		}
		if text[f.Start:f.End] != f.Text {
			t.Errorf("text[%d:%d] = %q, want Text %q", f.Start, f.End, text[f.Start:f.End], f.Text)
		}
		if !runeBoundary(text, f.Start) || !runeBoundary(text, f.End) {
			t.Errorf("figure %q [%d,%d) is not on rune boundaries", f.Text, f.Start, f.End)
		}
		if f.Start < prev {
			t.Errorf("figure %q starts at %d, before the previous figure's start %d", f.Text, f.Start, prev)
		}
		prev = f.Start
		if (f.Qualifier == Range) != (f.Max != nil) {
			t.Errorf("figure %q: qualifier %s with max %v", f.Text, f.Qualifier, f.Max)
		}
		if f.Max != nil && f.Max.Cmp(f.Value) <= 0 {
			t.Errorf("figure %q: max %s not above value %s", f.Text, f.Max, f.Value)
		}
		if (f.Kind == Date) != (f.Date != "") {
			t.Errorf("figure %q: kind %s with date %q", f.Text, f.Kind, f.Date)
		}
		switch f.Qualifier {
		case Exact, Over, UpTo, About, Range:
		default:
			t.Errorf("figure %q: qualifier %q", f.Text, f.Qualifier)
		}
		if f.Period != Total && f.Period != PerYear {
			t.Errorf("figure %q: period %q", f.Text, f.Period)
		}
	}
}

// runeBoundary reports whether i is where a rune starts when s is
// decoded from the start (an invalid byte decodes as one rune).
func runeBoundary(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	for j := 0; j < len(s); {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
		_, n := utf8.DecodeRuneInString(s[j:])
		j += n
	}
	return false
}

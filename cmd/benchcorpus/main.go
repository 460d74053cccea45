// Command benchcorpus writes a synthetic news corpus for "make
// bench-scale": distinct articles of about 5 KB in Italian, Spanish and
// English, each stating one compute contract between one of ~520 AI
// companies (introduced the way news introduces a startup, so the rules
// backend finds them without a gazetteer) and one of the gazetteer's
// cloud providers: about 600 companies in all.
//
// The pairs are skewed as real news is: the buyer and the seller are
// drawn from Zipf distributions, so a few pairs are in thousands of
// articles and most are in a handful. Figures repeat (most articles),
// are revised (a previous amount) or disagree (a conflict to review);
// dates spread over two years, so popular pairs are split in time too.
//
// Article i depends only on -seed and i, so a corpus can be extended:
//
//	benchcorpus -n 10000 -o corpus            # articles 0..9999
//	benchcorpus -start 10000 -n 200 -o corpus # a night of 200 new ones
package main

import (
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
)

// sellers are cloud providers of the embedded gazetteer.
var sellers = []string{
	"Amazon", "Microsoft", "Oracle", "Google", "CoreWeave", "Nebius", "Crusoe", "IBM", "Alibaba", "Tencent",
	"Baidu", "Lambda", "Vultr", "Voltage Park", "TensorWave", "Firmus", "Hyperbolic", "Northern Data", "Genesis Cloud", "Sesterce",
	"Yotta", "Nscale", "Fluidstack", "Together AI", "IREN", "Applied Digital", "Core Scientific", "Equinix", "Digital Realty", "OVHcloud",
	"Iliad", "Fastweb", "Aruba", "Seeweb", "Retelit", "Irideos", "Data4", "Kao Data", "Humain", "NTT",
	"Naver Cloud", "Deutsche Telekom", "Vodafone", "Telefónica", "Lumen", "Hut 8", "Bitdeer", "Cipher Mining", "TeraWulf", "Galaxy Digital",
	"Vantage Data Centers", "QTS", "CyrusOne", "Aligned Data Centers", "EdgeConneX", "Yondr", "Global Switch", "AirTrunk", "Princeton Digital Group", "Stack Infrastructure",
	"Colt DCS", "Ark Data Centres", "Pure DC", "Start Campus", "Merlin Properties", "Edged", "Cellnex", "Swisscom", "SK Telecom", "Orange",
}

var (
	syll   = []string{"ka", "ro", "vi", "ne", "lu", "ta", "mi", "so", "ze", "fa", "do", "pe", "ri", "xa", "bo", "gu", "le", "qui", "na", "te"}
	suffix = []string{"Labs", "AI", "Compute", "Robotics", "Systems", "Intelligence", "Analytics", "Dynamics"}
)

// buyers returns n distinct synthetic company names ("Kavine Labs").
func buyers(n int) []string {
	rng := rand.New(rand.NewSource(7))
	seen := map[string]bool{}
	var out []string
	for len(out) < n {
		w := syll[rng.Intn(len(syll))] + syll[rng.Intn(len(syll))] + syll[rng.Intn(len(syll))]
		name := strings.ToUpper(w[:1]) + w[1:] + " " + suffix[rng.Intn(len(suffix))]
		if !seen[strings.Fields(name)[0]] {
			seen[strings.Fields(name)[0]] = true
			out = append(out, name)
		}
	}
	return out
}

type lang struct {
	months   []string
	date     func(y, m, d int, months []string) string
	title    string
	intro    []string // company nouns before a new company's name
	deal     []string // %[1]s buyer (with its intro), %[2]s seller, %[3]s amount
	revised  string   // %[4]s previous amount
	amount   func(billions float64) string
	filler   []string
	subjects []string
}

var langs = []lang{
	{
		months: []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		date:   func(y, m, d int, ms []string) string { return fmt.Sprintf("%s %d, %d", ms[m-1], d, y) },
		title:  "%s and %s sign a cloud deal (report %d)",
		intro:  []string{"the AI startup", "the AI company", "the start-up"},
		deal: []string{
			"According to the companies, %[1]s signed a %[3]s cloud computing contract with %[2]s on Tuesday.",
			"%[2]s announced a %[3]s cloud computing agreement with %[1]s, the companies said.",
		},
		revised: "The companies said %[1]s expanded its cloud computing contract with %[2]s to %[3]s from %[4]s.",
		amount:  func(b float64) string { return "$" + trim(b) + " billion" },
		filler: []string{
			"Analysts expect demand for data centre capacity to keep growing through the decade, driven by the training of ever larger models.",
			"The agreement comes as operators race to secure power, land and cooling for new campuses across Europe and North America.",
			"Investors have been watching closely how much of the spending turns into revenue, and how quickly the new capacity is used.",
			"Executives at both companies declined to comment on the terms beyond the figures disclosed in the announcement.",
			"Supply of advanced accelerators remains tight, and lead times for networking equipment have lengthened in recent months.",
			"Regulators in several countries have started asking questions about the energy footprint of large computing clusters.",
			"Industry observers noted that long-term commitments of this kind are becoming the norm for companies building frontier systems.",
			"The market reaction was muted, with shares moving within their usual range during the trading session.",
			"Some customers are spreading their workloads across several providers to avoid depending on a single supplier.",
			"The deal also covers storage and networking services, according to people familiar with the matter.",
			"Local authorities welcomed the investment but asked for guarantees on water use and grid connections.",
			"Competition for engineers who can run clusters of this size has pushed salaries higher across the sector.",
		},
		subjects: []string{"Markets", "Technology", "Business", "Energy", "Infrastructure"},
	},
	{
		months: []string{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
		date:   func(y, m, d int, ms []string) string { return fmt.Sprintf("%d de %s de %d", d, ms[m-1], y) },
		title:  "Acuerdo entre %s y %s en la nube (informe %d)",
		intro:  []string{"la empresa española", "la startup", "la compañía tecnológica"},
		deal: []string{
			"%[1]s firmó un contrato de %[3]s con %[2]s para capacidad de cómputo en la nube.",
			"%[2]s anunció un acuerdo de %[3]s con %[1]s para servicios de computación en la nube.",
		},
		revised: "%[1]s amplió su contrato de computación en la nube con %[2]s a %[3]s desde %[4]s.",
		amount:  func(b float64) string { return spanishMillions(b) + " millones de dólares" },
		filler: []string{
			"Los analistas esperan que la demanda de centros de datos siga creciendo durante la próxima década.",
			"El acuerdo llega en un momento en que los operadores compiten por asegurar energía, terrenos y refrigeración.",
			"Los inversores observan con atención cuánto de este gasto se convierte en ingresos y con qué rapidez.",
			"Los directivos de ambas compañías declinaron comentar los términos más allá de las cifras anunciadas.",
			"El suministro de aceleradores avanzados sigue siendo escaso y los plazos de entrega se han alargado.",
			"Los reguladores de varios países han empezado a preguntar por el consumo energético de los grandes centros.",
			"Los observadores del sector señalaron que los compromisos a largo plazo se están convirtiendo en la norma.",
			"La reacción del mercado fue moderada y las acciones se movieron dentro de su rango habitual.",
			"Algunos clientes reparten sus cargas de trabajo entre varios proveedores para no depender de uno solo.",
			"El acuerdo incluye también servicios de almacenamiento y red, según personas conocedoras del asunto.",
			"Las autoridades locales dieron la bienvenida a la inversión, pero pidieron garantías sobre el uso del agua.",
			"La competencia por ingenieros capaces de gestionar estos sistemas ha elevado los salarios del sector.",
		},
		subjects: []string{"Mercados", "Tecnología", "Empresas", "Energía", "Infraestructura"},
	},
	{
		months: []string{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		date:   func(y, m, d int, ms []string) string { return fmt.Sprintf("%d %s %d", d, ms[m-1], y) },
		title:  "Accordo tra %s e %s per il cloud (rapporto %d)",
		intro:  []string{"la startup milanese", "la società italiana", "la startup torinese"},
		deal: []string{
			"%[1]s ha firmato un contratto da %[3]s con %[2]s per capacità di calcolo cloud.",
			"%[2]s ha annunciato un accordo da %[3]s con %[1]s per servizi di calcolo nel cloud.",
		},
		revised: "%[1]s ha ampliato il contratto di calcolo cloud con %[2]s a %[3]s da %[4]s.",
		amount:  func(b float64) string { return trimIT(b) + " miliardi di dollari" },
		filler: []string{
			"Gli analisti si aspettano che la domanda di capacità nei data center continui a crescere nel prossimo decennio.",
			"L'accordo arriva mentre gli operatori fanno a gara per assicurarsi energia, terreni e raffreddamento.",
			"Gli investitori osservano con attenzione quanta parte della spesa si traduca in ricavi e in quanto tempo.",
			"I dirigenti delle due società non hanno commentato i termini oltre alle cifre rese note nell'annuncio.",
			"La disponibilità di acceleratori avanzati resta scarsa e i tempi di consegna si sono allungati.",
			"Le autorità di diversi paesi hanno iniziato a chiedere conto dei consumi energetici dei grandi impianti.",
			"Gli osservatori del settore notano che gli impegni di lungo periodo stanno diventando la norma.",
			"La reazione del mercato è stata contenuta, con i titoli che si sono mossi nel loro intervallo abituale.",
			"Alcuni clienti distribuiscono i carichi di lavoro tra più fornitori per non dipendere da uno solo.",
			"L'accordo comprende anche servizi di archiviazione e di rete, secondo persone vicine al dossier.",
			"Le amministrazioni locali hanno accolto l'investimento chiedendo garanzie sull'uso dell'acqua.",
			"La concorrenza per gli ingegneri in grado di gestire questi sistemi ha fatto salire gli stipendi.",
		},
		subjects: []string{"Mercati", "Tecnologia", "Economia", "Energia", "Infrastrutture"},
	},
}

func trim(b float64) string {
	return strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", b), "0"), ".")
}

func trimIT(b float64) string { return strings.ReplaceAll(trim(b), ".", ",") }

// spanishMillions writes b billion as millions with a thousands dot: 2.500.
func spanishMillions(b float64) string {
	m := int(b*1000 + 0.5)
	if m < 1000 {
		return fmt.Sprint(m)
	}
	return fmt.Sprintf("%d.%03d", m/1000, m%1000)
}

func main() {
	n := flag.Int("n", 1000, "articles to write")
	start := flag.Int("start", 0, "index of the first article")
	out := flag.String("o", "corpus", "output folder")
	size := flag.Int("size", 5000, "approximate article size in bytes")
	seed := flag.Int64("seed", 1, "corpus seed")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	bs := buyers(520)
	for i := *start; i < *start+*n; i++ {
		text := article(bs, i, *seed, *size)
		if err := os.WriteFile(filepath.Join(*out, fmt.Sprintf("%07d.txt", i)), []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// article returns article i: a deal between a Zipf-drawn buyer and
// seller, in one of three languages, padded with shuffled filler.
func article(bs []string, i int, seed int64, size int) string {
	rng := rand.New(rand.NewSource(seed*1_000_003 + int64(i)))
	zb := rand.NewZipf(rng, 1.2, 2, uint64(len(bs)-1))
	zs := rand.NewZipf(rng, 1.4, 1, uint64(len(sellers)-1))
	bi, si := int(zb.Uint64()), int(zs.Uint64())
	buyer, seller := bs[bi], sellers[si]
	l := langs[rng.Intn(len(langs))]
	y := 2025 + rng.Intn(2)
	m, d := 1+rng.Intn(12), 1+rng.Intn(28)
	base := float64(1+(bi*7+si*3)%40) / 2 // the pair's figure, in billions
	var b strings.Builder
	fmt.Fprintf(&b, l.title+"\n\n", buyer, seller, i)
	fmt.Fprintf(&b, "%s\n\n%s\n\n", l.subjects[rng.Intn(len(l.subjects))], l.date(y, m, d, l.months))
	intro := l.intro[rng.Intn(len(l.intro))] + " " + buyer
	dealSentence := func() string {
		switch r := rng.Intn(20); {
		case r < 16:
			return fmt.Sprintf(l.deal[rng.Intn(len(l.deal))], intro, seller, l.amount(base))
		case r < 18:
			return fmt.Sprintf(l.revised, intro, seller, l.amount(base*2), l.amount(base))
		default: // a figure that disagrees
			return fmt.Sprintf(l.deal[0], intro, seller, l.amount(base+float64(1+rng.Intn(5))))
		}
	}
	s := dealSentence()
	b.WriteString(strings.ToUpper(s[:1]) + s[1:])
	b.WriteString("\n\n")
	for b.Len() < size {
		for k := 0; k < 3; k++ {
			b.WriteString(l.filler[rng.Intn(len(l.filler))])
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

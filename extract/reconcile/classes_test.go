package reconcile_test

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// The classes of issue 11: what real news does to deal identity and the
// review queue. Every scenario is invented (companies and sentences),
// in it, es or en, and built as a backend would report it: one deal per
// statement, with its evidence sentence.

// rcWant is what one reconciled deal of a scenario must be.
type rcWant struct {
	relations []extract.Relation
	conflicts []string // "field/cause"
	current   string   // DescribeCurrent + " @ " + article
	reason    extract.CurrentReason
}

type rcScenario struct {
	class int
	name  string
	opts  *reconcile.Options
	in    []extract.ArticleResult
	ids   []string // every deal id Reconcile gives, sorted
	want  map[string]rcWant
	// unverified lists "dealID reason-prefix" of the expected unverified facts.
	unverified []string
}

const (
	rcJV = "Helios"
)

var rcVentures = []extract.Venture{{Name: rcJV, Members: []string{"Tarsis", "Quanta Verde", "Belmar"}}}

func rcScenarios() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	C := func(cs ...string) []string { return cs }
	const (
		first      = extract.RelFirst
		same       = extract.RelSame
		up         = extract.RelRevisedUp
		restated   = extract.RelRestated
		conflict   = extract.RelConflict
		detail     = extract.RelAdditionalDetail
		increment  = extract.RelIncrement
		confirmed  = extract.RelConfirmed
		superseded = extract.RelSuperseded
	)
	ann, agr, exp, done, plan := extract.DealAnnounced, extract.DealAgreed, extract.DealExpanded, extract.DealCompleted, extract.DealPlanned
	rep := rcConfirmation(extract.Reported)
	cloud := "Orvane:buyer,Nimbra:seller"
	cloudID := "nimbra+orvane/compute_contract"
	inv := "Corvex:investor,Orvane:investee"
	invID := "corvex+orvane/investment"
	over := func(m *extract.Money) *extract.Money { return rcQual(m, figures.Over) }
	upTo := func(m *extract.Money) *extract.Money { return rcQual(m, figures.UpTo) }
	about := func(m *extract.Money) *extract.Money { return rcQual(m, figures.About) }
	atLeast := func(m *extract.Money) *extract.Money { return rcQual(m, figures.AtLeast) }
	return append([]rcScenario{
		// 1. Increment against a total.
		{
			class: 1, name: "en: expanded by $20B, bringing the total to over $32B",
			in: []extract.ArticleResult{
				rcArticle("en-jan", "2026-01-12", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("12e9")),
					rcText("Orvane signed a $12 billion cloud agreement with Nimbra.", 40))),
				rcArticle("en-jun", "2026-06-03", rcDeal(rcCompute, exp, cloud, rcAmount(over(rcUSD("32e9"))), rcIncrement(rcUSD("20e9")),
					rcText("Orvane expanded its cloud agreement with Nimbra by $20 billion, bringing the total to over $32 billion.", 10))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, increment), nil, "over $32B, expanded, as of 2026-06-03 @ en-jun", extract.ReasonStatedRevision}},
		},
		{
			class: 1, name: "it: ampliato di 20 miliardi, no new total stated, then the total restated",
			in: []extract.ArticleResult{
				rcArticle("it-gen", "2026-01-12", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("12e9")),
					rcText("Orvane ha firmato con Nimbra un accordo cloud da 12 miliardi di euro.", 0))),
				rcArticle("it-giu", "2026-06-03", rcDeal(rcCompute, exp, cloud, rcIncrement(rcEUR("20e9")),
					rcText("Orvane ha ampliato di 20 miliardi di euro l'accordo cloud con Nimbra.", 0))),
				rcArticle("it-lug", "2026-07-01", rcDeal(rcCompute, exp, cloud, rcAmount(over(rcEUR("32e9"))),
					rcText("Il valore complessivo dell'accordo supera ora i 32 miliardi di euro.", 300))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, increment, restated), nil, "over €32B, expanded, as of 2026-07-01 @ it-lug", extract.ReasonLatest}},
		},
		{
			class: 1, name: "es: the increment reported as an amount by a later outlet is no rival total",
			in: []extract.ArticleResult{
				rcArticle("es-mar", "2026-03-02", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("12000e6")),
					rcText("Orvane firmó un acuerdo de 12.000 millones de dólares con Nimbra.", 0))),
				rcArticle("es-jun", "2026-06-03", rcDeal(rcCompute, exp, cloud, rcAmount(over(rcUSD("32000e6"))), rcIncrement(rcUSD("20000e6")),
					rcText("Orvane amplió en 20.000 millones su acuerdo con Nimbra, hasta superar los 32.000 millones.", 0))),
				rcArticle("es-sep", "2026-09-10", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("20000e6")),
					rcText("El contrato de 20.000 millones de dólares entre Orvane y Nimbra ya está en marcha.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, increment, increment), nil, "over $32B, expanded, as of 2026-06-03 @ es-jun", extract.ReasonStatedRevision}},
		},

		{
			class: 1, name: "en: 'expanded by $20 billion' read as an amount by the backend is an increment",
			in: []extract.ArticleResult{
				rcArticle("en-jan", "2026-01-12", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("12e9")),
					rcText("Orvane signed a $12 billion cloud agreement with Nimbra.", 0))),
				rcArticle("en-jun", "2026-06-03", rcDeal(rcCompute, exp, cloud, rcAmount(rcTextMoney(rcUSD("20e9"), "$20 billion")),
					rcText("Orvane expanded its cloud agreement with Nimbra by $20 billion.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, increment), nil, "$32B, expanded, as of 2026-06-03 @ en-jun", extract.ReasonStatedRevision}},
		},

		// 2. Rumour, then confirmation.
		{
			class: 2, name: "en: could exceed $2B, up to $8B (per sources), then $8B announced",
			in: []extract.ArticleResult{
				rcArticle("en-dec", "2025-12-04", rcDeal(rcInvest, ann, inv, rcAmount(over(rcUSD("2e9"))), rep,
					rcText("Talks could exceed $2 billion, according to people familiar with the matter.", 0))),
				rcArticle("en-jan", "2026-01-20", rcDeal(rcInvest, ann, inv, rcAmount(upTo(rcUSD("8e9"))), rep,
					rcText("Corvex could invest up to $8 billion in Orvane, the Journal reported.", 0))),
				rcArticle("en-feb", "2026-02-11", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("8e9")),
					rcText("Corvex and Orvane announced an $8 billion investment on Tuesday.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, restated, confirmed), nil, "$8B, agreed, as of 2026-02-11 @ en-feb", extract.ReasonLatestConfirmed}},
		},
		{
			class: 2, name: "it: almeno 2 miliardi secondo fonti, poi 8 miliardi annunciati",
			in: []extract.ArticleResult{
				rcArticle("it-nov", "2025-11-20", rcDeal(rcInvest, ann, inv, rcAmount(atLeast(rcEUR("2e9"))), rep,
					rcText("Secondo fonti vicine al dossier, Corvex investirebbe almeno 2 miliardi di euro in Orvane.", 0))),
				rcArticle("it-feb", "2026-02-11", rcDeal(rcInvest, agr, inv, rcAmount(rcEUR("8e9")),
					rcText("Corvex e Orvane hanno annunciato un investimento da 8 miliardi di euro.", 0))),
				rcArticle("it-mar", "2026-03-01", rcDeal(rcInvest, agr, inv, rcAmount(over(rcEUR("2e9"))), rep,
					rcText("L'accordo, da oltre 2 miliardi secondo la stampa, è stato firmato.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, confirmed, restated), nil, "€8B, agreed, as of 2026-02-11 @ it-feb", extract.ReasonLatestConfirmed}},
		},
		{
			class: 2, name: "es: 10.000 millones según fuentes, luego 8.000 millones anunciados",
			in: []extract.ArticleResult{
				rcArticle("es-oct", "2025-10-08", rcDeal(rcInvest, ann, inv, rcAmount(rcUSD("10000e6")), rep,
					rcText("Corvex invertiría 10.000 millones de dólares en Orvane, según fuentes del sector.", 0))),
				rcArticle("es-dic", "2025-12-15", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("8000e6")),
					rcText("Corvex anunció una inversión de 8.000 millones de dólares en Orvane.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, superseded), nil, "$8B, agreed, as of 2025-12-15 @ es-dic", extract.ReasonLatestConfirmed}},
		},

		{
			class: 2, name: "en: two outlets' rumours differ, then the companies settle it",
			in: []extract.ArticleResult{
				rcArticle("en-dec", "2025-12-01", rcDeal(rcInvest, ann, inv, rcAmount(rcUSD("10e9")), rep, rcText("Corvex is in talks to invest $10 billion in Orvane, sources said.", 0))),
				rcArticle("en-dec2", "2025-12-03", rcDeal(rcInvest, ann, inv, rcAmount(rcUSD("12e9")), rep, rcText("Corvex may invest $12 billion in Orvane, a person familiar said.", 0))),
				rcArticle("en-jan", "2026-01-15", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("12e9")), rcText("Corvex and Orvane announced a $12 billion investment.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, superseded, superseded), nil, "$12B, agreed, as of 2026-01-15 @ en-jan", extract.ReasonLatestConfirmed}},
		},

		{
			class: 2, name: "es: a report repeating the announced figure does not replace it",
			in: []extract.ArticleResult{
				rcArticle("es-ene", "2026-01-15", rcDeal(rcInvest, agr, inv, rcAmount(rcEUR("5e9")), rcText("Corvex anunció una inversión de 5.000 millones de euros en Orvane.", 0))),
				rcArticle("es-feb", "2026-02-01", rcDeal(rcInvest, agr, inv, rcAmount(rcEUR("5e9")), rep, rcText("Según la prensa, la inversión de Corvex en Orvane es de 5.000 millones.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, same), nil, "€5B, agreed, as of 2026-01-15 @ es-ene", extract.ReasonFirst}},
		},

		// 3. Target, then result.
		{
			class: 3, name: "en: aims to raise $5B, then closed a $5.5B round",
			in: []extract.ArticleResult{
				rcArticle("en-jan", "2026-01-05", rcDeal(extract.KindFundingRound, plan, "Orvane:raiser", rcAmount(rcUSD("5e9")),
					rcText("Orvane aims to raise $5 billion in a new round.", 0))),
				rcArticle("en-apr", "2026-04-22", rcDeal(extract.KindFundingRound, done, "Orvane:raiser,Corvex:investor", rcAmount(rcUSD("5.5e9")),
					rcText("Orvane closed a $5.5 billion round led by Corvex.", 0))),
			},
			ids:  []string{"orvane/funding_round"},
			want: map[string]rcWant{"orvane/funding_round": {R(first, superseded), nil, "$5.5B, completed, as of 2026-04-22 @ en-apr", extract.ReasonLatestConfirmed}},
		},
		{
			class: 3, name: "it: punta a raccogliere 300 milioni, poi chiude a 340",
			in: []extract.ArticleResult{
				rcArticle("it-feb", "2026-02-02", rcDeal(extract.KindFundingRound, plan, "Lumio:raiser", rcAmount(rcEUR("300e6")),
					rcText("Lumio punta a raccogliere 300 milioni di euro entro l'estate.", 0))),
				rcArticle("it-giu", "2026-06-30", rcDeal(extract.KindFundingRound, done, "Lumio:raiser,Fondo Alto:investor", rcAmount(rcEUR("340e6")),
					rcText("Lumio ha chiuso un round da 340 milioni di euro guidato da Fondo Alto.", 0))),
			},
			ids:  []string{"lumio/funding_round"},
			want: map[string]rcWant{"lumio/funding_round": {R(first, superseded), nil, "€340M, completed, as of 2026-06-30 @ it-giu", extract.ReasonLatestConfirmed}},
		},
		{
			class: 3, name: "es: prevé invertir 2.000 millones, luego invirtió 1.800 millones",
			in: []extract.ArticleResult{
				rcArticle("es-ene", "2026-01-15", rcDeal(rcInvest, plan, inv, rcAmount(rcEUR("2000e6")),
					rcText("Corvex prevé invertir 2.000 millones de euros en Orvane este año.", 0))),
				rcArticle("es-may", "2026-05-20", rcDeal(rcInvest, done, inv, rcAmount(rcEUR("1800e6")),
					rcText("Corvex completó una inversión de 1.800 millones de euros en Orvane.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, superseded), nil, "€1.8B, completed, as of 2026-05-20 @ es-may", extract.ReasonLatestConfirmed}},
		},

		// 4. Several contracts between the same two companies.
		{
			class: 4, name: "en: $1.9B in March, a further $0.8B in May, up to $1.5B now, $4.2B in all",
			in: []extract.ArticleResult{
				rcArticle("en-mar", "2026-03-10", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("1.9e9")),
					rcText("Orvane signed a $1.9 billion contract with Nimbra.", 0))),
				rcArticle("en-jun", "2026-06-15",
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("1.9e9")), rcOn("2026-03"), rcText("Orvane signed $1.9 billion with Nimbra in March,", 0)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("0.8e9")), rcOn("2026-05"), rcText("a further $0.8 billion in May,", 50)),
					rcDeal(rcCompute, agr, cloud, rcAmount(upTo(rcUSD("1.5e9"))), rcText("and now up to $1.5 billion,", 90)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("4.2e9")), rcText("$4.2 billion in all.", 120)),
				),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, up), nil, "$4.2B, agreed, as of 2026-06-15 @ en-jun", extract.ReasonStatedRevision}},
		},
		{
			class: 4, name: "it: un primo contratto e un ulteriore contratto, poi il secondo ripetuto",
			in: []extract.ArticleResult{
				rcArticle("it-apr", "2026-04-01",
					rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("600e6")), rcText("Orvane ha firmato con Nimbra un primo contratto da 600 milioni di euro.", 0)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("250e6")), rcText("Poi è arrivato un ulteriore contratto da 250 milioni.", 80)),
				),
				rcArticle("it-mag", "2026-05-02", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("250e6")),
					rcText("Il contratto da 250 milioni tra Orvane e Nimbra partirà a giugno.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, restated), nil, "€600M, agreed, as of 2026-04-01 @ it-apr", extract.ReasonFirst}},
		},
		{
			class: 4, name: "es: dos contratos y su suma en un artículo",
			in: []extract.ArticleResult{
				rcArticle("es-jul", "2026-07-07",
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("300e6")), rcText("Orvane contrató 300 millones de dólares a Nimbra en enero", 0)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("200e6")), rcText("y 200 millones en junio,", 60)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("500e6")), rcText("500 millones en total.", 90)),
				),
				rcArticle("es-ago", "2026-08-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("300e6")),
					rcText("El primer contrato, de 300 millones, vence en 2028.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, restated), nil, "$500M, agreed, as of 2026-07-07 @ es-jul", extract.ReasonFirst}},
		},

		{
			class: 4, name: "en: a further contract in a later article adds to the total; the sum restated",
			in: []extract.ArticleResult{
				rcArticle("en-mar", "2026-03-10", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("1.9e9")), rcText("Orvane signed a $1.9 billion contract with Nimbra.", 0))),
				rcArticle("en-may", "2026-05-12", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("0.8e9")), rcText("Orvane signed a further contract with Nimbra worth $800 million.", 0))),
				rcArticle("en-jun", "2026-06-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("2.7e9")), rcText("Orvane's contracts with Nimbra now total $2.7 billion.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, increment, same), nil, "$2.7B, agreed, as of 2026-06-01 @ en-jun", extract.ReasonLatest}},
		},
		{
			class: 0, name: "a plan after an agreement is detail, not a rival figure; an expansion adds capacity",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-01-10", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("10e9")), rcCapacity("1", "GW", ""), rcText("Orvane agreed to buy 1 GW for $10 billion from Nimbra.", 0))),
				rcArticle("en-b", "2026-03-10", rcDeal(rcCompute, plan, cloud, rcAmount(rcUSD("25e9")), rcText("Orvane plans to spend $25 billion with Nimbra by 2030.", 0))),
				rcArticle("en-c", "2026-04-10", rcDeal(rcCompute, exp, cloud, rcCapacity("2", "GW", ""), rcText("Orvane expanded its Nimbra deal to 2 GW.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, detail, detail), nil, "$10B, expanded, as of 2026-01-10 @ en-a", extract.ReasonFirst}},
		},

		// 5. Same companies, different deals in time.
		{
			class: 5, name: "en: $4B in a 2025 round, $3B in a 2026 round",
			in: []extract.ArticleResult{
				rcArticle("en-25a", "2025-03-04", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("4e9")), rcText("Corvex put $4 billion into Orvane's round.", 0))),
				rcArticle("en-25b", "2025-04-01", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("4e9")), rcText("Orvane's backer Corvex, which invested $4 billion,", 0))),
				rcArticle("en-26", "2026-02-18", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("3e9")), rcText("Corvex invests $3 billion in Orvane's new round.", 0))),
			},
			ids: []string{invID, invID + "/2026-02"},
			want: map[string]rcWant{
				invID:              {R(first, same), nil, "$4B, agreed, as of 2025-04-01 @ en-25b", extract.ReasonLatest},
				invID + "/2026-02": {R(first), nil, "$3B, agreed, as of 2026-02-18 @ en-26", extract.ReasonOnlySource},
			},
		},
		{
			class: 5, name: "it: un contratto nel 2025, un altro nel 2026",
			in: []extract.ArticleResult{
				rcArticle("it-25", "2025-01-20", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("1e9")), rcText("Orvane firma con Nimbra un contratto da 1 miliardo di euro.", 0))),
				rcArticle("it-26", "2026-01-09", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("2.5e9")), rcText("Orvane e Nimbra siglano un contratto da 2,5 miliardi.", 0))),
			},
			ids: []string{cloudID, cloudID + "/2026-01"},
			want: map[string]rcWant{
				cloudID:              {R(first), nil, "€1B, agreed, as of 2025-01-20 @ it-25", extract.ReasonOnlySource},
				cloudID + "/2026-01": {R(first), nil, "€2.5B, agreed, as of 2026-01-09 @ it-26", extract.ReasonOnlySource},
			},
		},
		{
			class: 5, name: "es: a stated revision a year later is the same deal",
			in: []extract.ArticleResult{
				rcArticle("es-25", "2025-02-03", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("500e6")), rcText("Orvane firma un contrato de 500 millones con Nimbra.", 0))),
				rcArticle("es-26", "2026-02-10", rcDeal(rcCompute, exp, cloud, rcAmount(rcEUR("900e6")), rcPrevious(rcEUR("500e6")),
					rcText("Orvane amplía de 500 a 900 millones su contrato con Nimbra.", 0))),
				rcArticle("es-26b", "2026-11-10", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("900e6")), rcBackground(),
					rcText("Orvane, que ya tiene un contrato de 900 millones con Nimbra,", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, up, same), nil, "€900M, expanded, as of 2026-02-10 @ es-26", extract.ReasonStatedRevision}},
		},

		{
			class: 5, name: "en: a rumour confirmed eight months later is the same deal",
			in: []extract.ArticleResult{
				rcArticle("en-jun", "2025-06-02", rcDeal(rcInvest, ann, inv, rcAmount(rcUSD("10e9")), rep, rcText("Corvex is weighing a $10 billion bet on Orvane, people familiar said.", 0))),
				rcArticle("en-feb", "2026-02-20", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("8e9")), rcText("Corvex agreed to invest $8 billion in Orvane, the companies said.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, superseded), nil, "$8B, agreed, as of 2026-02-20 @ en-feb", extract.ReasonLatestConfirmed}},
		},

		// 6. Party sets that vary.
		{
			class: 6, name: "en: the Helios venture, or its three members",
			opts: &reconcile.Options{Ventures: rcVentures},
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-03-01", rcDeal(extract.KindChipSupply, agr, "Helios:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")),
					rcText("Helios signed a $6 billion chip supply deal with Corvex.", 0))),
				rcArticle("en-b", "2026-03-02", rcDeal(extract.KindChipSupply, agr, "Tarsis:buyer,Quanta Verde:buyer,Belmar:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")),
					rcText("Tarsis, Quanta Verde and Belmar will buy $6 billion of chips from Corvex.", 0))),
				rcArticle("en-c", "2026-03-05", rcDeal(extract.KindChipSupply, agr, "Tarsis:buyer,Corvex:supplier", rcAmount(rcUSD("0.5e9")),
					rcText("Separately, Tarsis buys $500 million of Corvex chips for its own labs.", 0))),
			},
			ids: []string{"corvex+helios/chip_supply", "corvex+tarsis/chip_supply"},
			want: map[string]rcWant{
				"corvex+helios/chip_supply": {R(first, same), nil, "$6B, agreed, as of 2026-03-02 @ en-b", extract.ReasonLatest},
				"corvex+tarsis/chip_supply": {R(first), nil, "$500M, agreed, as of 2026-03-05 @ en-c", extract.ReasonOnlySource},
			},
		},
		{
			class: 6, name: "it: a co-signer only one outlet names",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-05-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("10e9")),
					rcText("Orvane e Nimbra firmano un contratto da 10 miliardi.", 0))),
				rcArticle("it-b", "2026-05-02", rcDeal(rcCompute, agr, "Orvane:buyer,Datafield:buyer,Nimbra:seller", rcAmount(rcEUR("10e9")),
					rcText("Orvane, Datafield e Nimbra hanno firmato l'intesa da 10 miliardi.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, same), nil, "€10B, agreed, as of 2026-05-02 @ it-b", extract.ReasonLatest}},
		},
		{
			class: 6, name: "es: a round named by different investors",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-06-01", rcDeal(extract.KindFundingRound, done, "Lumio:raiser,Fondo Alto:investor", rcAmount(rcEUR("200e6")),
					rcText("Lumio levanta 200 millones de euros con Fondo Alto.", 0))),
				rcArticle("es-b", "2026-06-02", rcDeal(extract.KindFundingRound, done, "Lumio:raiser,Capital Sur:investor", rcAmount(rcEUR("200e6")),
					rcText("Lumio cierra una ronda de 200 millones liderada por Capital Sur.", 0))),
			},
			ids:  []string{"lumio/funding_round"},
			want: map[string]rcWant{"lumio/funding_round": {R(first, same), nil, "€200M, completed, as of 2026-06-02 @ es-b", extract.ReasonLatest}},
		},

		{
			class: 0, name: "identity: one deal called a chip supply by one outlet, a compute contract by another",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-05-01", rcDeal(extract.KindChipSupply, agr, "Orvane:customer,Corvex:supplier", rcAmount(rcUSD("10e9")), rcText("Corvex will supply Orvane with $10 billion of accelerators.", 0))),
				rcArticle("it-b", "2026-05-02", rcDeal(rcCompute, agr, "Orvane:buyer,Corvex:seller", rcAmount(rcUSD("10e9")), rcText("Orvane compra da Corvex capacità di calcolo per 10 miliardi di dollari.", 0))),
				rcArticle("es-c", "2026-05-03", rcDeal(extract.KindPartnership, ann, "Orvane:partner,Corvex:partner", rcText("Orvane y Corvex amplían su alianza.", 0))),
			},
			ids:  []string{"corvex+orvane/compute_contract"},
			want: map[string]rcWant{"corvex+orvane/compute_contract": {R(first, same, same), nil, "$10B, agreed, as of 2026-05-02 @ it-b", extract.ReasonLatest}},
		},
		{
			class: 0, name: "identity: two kinds with different figures stay two deals",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-05-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("25e9")), rcText("Orvane buys $25 billion of Nimbra cloud.", 0))),
				rcArticle("en-b", "2026-05-02", rcDeal(rcInvest, agr, "Nimbra:investor,Orvane:investee", rcAmount(rcUSD("2e9")), rcText("Nimbra invests $2 billion in Orvane.", 0))),
			},
			ids: []string{cloudID, "nimbra+orvane/investment"},
			want: map[string]rcWant{
				cloudID:                    {R(first), nil, "$25B, agreed, as of 2026-05-01 @ en-a", extract.ReasonOnlySource},
				"nimbra+orvane/investment": {R(first), nil, "$2B, agreed, as of 2026-05-02 @ en-b", extract.ReasonOnlySource},
			},
		},

		// 7. Implausible literal values.
		{
			class: 7, name: "es: hasta US$20.000 (millones dropped) against $20B",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-02-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("20e9")), rcText("Orvane y Nimbra firman un acuerdo de 20.000 millones de dólares.", 0))),
				rcArticle("es-b", "2026-02-03", rcDeal(rcCompute, agr, cloud, rcAmount(upTo(rcUSD("20000"))), rcText("El acuerdo de Orvane con Nimbra es de hasta US$20.000.", 0))),
			},
			ids:        []string{cloudID},
			want:       map[string]rcWant{cloudID: {R(first), nil, "$20B, agreed, as of 2026-02-01 @ es-a", extract.ReasonOnlySource}},
			unverified: []string{cloudID + " implausible_amount"},
		},
		{
			class: 7, name: "it: 30.000 euro against 30 miliardi",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-02-01", rcDeal(rcInvest, ann, inv, rcAmount(rcEUR("30000")), rcText("Corvex investirà 30.000 euro in Orvane.", 0))),
				rcArticle("it-b", "2026-02-02", rcDeal(rcInvest, ann, inv, rcAmount(rcEUR("30e9")), rcText("Corvex investirà 30 miliardi di euro in Orvane.", 0))),
				rcArticle("it-c", "2026-02-05", rcDeal(rcInvest, ann, inv, rcAmount(rcEUR("30e9")), rcText("I 30 miliardi di Corvex per Orvane.", 0))),
			},
			ids:        []string{invID},
			want:       map[string]rcWant{invID: {R(first, same), nil, "€30B, announced, as of 2026-02-05 @ it-c", extract.ReasonLatest}},
			unverified: []string{invID + " implausible_amount"},
		},
		{
			class: 7, name: "en: $15,000 against $15 billion; a small seed round alone stays",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-02-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("15e9")), rcText("Orvane agreed to buy $15 billion of Nimbra cloud.", 0))),
				rcArticle("en-b", "2026-02-02", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("15000")), rcText("Orvane's $15,000 Nimbra deal.", 0))),
				rcArticle("en-c", "2026-02-02", rcDeal(extract.KindFundingRound, done, "Tiny Labs:raiser", rcAmount(rcUSD("500000")), rcText("Tiny Labs raised $500,000.", 0))),
			},
			ids: []string{cloudID, "tiny-labs/funding_round"},
			want: map[string]rcWant{
				cloudID:                   {R(first), nil, "$15B, agreed, as of 2026-02-01 @ en-a", extract.ReasonOnlySource},
				"tiny-labs/funding_round": {R(first), nil, "$500K, completed, as of 2026-02-02 @ en-c", extract.ReasonOnlySource},
			},
			unverified: []string{cloudID + " implausible_amount"},
		},

		// 8. A conversion in the same article.
		{
			class: 8, name: "en: $10 billion (about €8.6 billion), then an Italian outlet in euros",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-03-03",
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("10e9")), rcText("Orvane signed a $10 billion (about €8.6 billion) deal with Nimbra.", 0)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcStart(about(rcEUR("8.6e9")), 30)), rcText("Orvane signed a $10 billion (about €8.6 billion) deal with Nimbra.", 0)),
				),
				rcArticle("it-b", "2026-03-04", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("8.6e9")), rcText("Orvane firma con Nimbra un accordo da 8,6 miliardi di euro.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, same), nil, "$10B, agreed, as of 2026-03-03 @ en-a", extract.ReasonFirst}},
		},
		{
			class: 8, name: "es: 20.000 millones de euros (unos 21.700 millones de dólares)",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-03-03",
					rcDeal(rcInvest, ann, inv, rcAmount(rcEUR("20000e6")), rcText("Corvex invertirá 20.000 millones de euros (unos 21.700 millones de dólares) en Orvane.", 0)),
					rcDeal(rcInvest, ann, inv, rcAmount(rcStart(about(rcUSD("21700e6")), 40)), rcText("Corvex invertirá 20.000 millones de euros (unos 21.700 millones de dólares) en Orvane.", 0)),
				),
				rcArticle("es-b", "2026-03-05", rcDeal(rcInvest, ann, inv, rcAmount(rcEUR("20e9")), rcText("Los 20.000 millones de Corvex.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, same), nil, "€20B, announced, as of 2026-03-05 @ es-b", extract.ReasonLatest}},
		},
		{
			class: 8, name: "it: dollars first, an article with both, then euros only",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-04-01", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("5e9")), rcText("A $5 billion deal between Orvane and Nimbra.", 0))),
				rcArticle("it-b", "2026-04-02",
					rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("5e9")), rcText("L'accordo da 5 miliardi di dollari (4,6 miliardi di euro) tra Orvane e Nimbra.", 0)),
					rcDeal(rcCompute, agr, cloud, rcAmount(rcStart(rcEUR("4.6e9"), 40)), rcText("L'accordo da 5 miliardi di dollari (4,6 miliardi di euro) tra Orvane e Nimbra.", 0)),
				),
				rcArticle("it-c", "2026-04-03", rcDeal(rcCompute, agr, cloud, rcAmount(rcEUR("4.6e9")), rcText("I 4,6 miliardi di euro dell'accordo tra Orvane e Nimbra.", 0))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, same, same), nil, "$5B, agreed, as of 2026-04-02 @ it-b", extract.ReasonLatest}},
		},

		// 9. A status conflict needs the sentence that states it.
		{
			class: 9, name: "en: a rejection backed only by a table row is no conflict",
			in: []extract.ArticleResult{
				rcArticle("en-feb", "2026-02-10", rcDeal(rcInvest, ann, inv, rcAmount(rcUSD("3e9")), rcText("Corvex announced a $3 billion investment in Orvane.", 0))),
				rcArticle("en-apr", "2026-04", rcDeal(rcInvest, extract.DealRejected, inv, rcAmount(rcUSD("3e9")), rcText("| Corvex | Orvane | $3B | Equity |", 500))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, same), nil, "$3B, announced, as of 2026-04 @ en-apr", extract.ReasonLatest}},
		},
		{
			class: 9, name: "it: the sentence that states the rejection makes the conflict",
			in: []extract.ArticleResult{
				rcArticle("it-feb", "2026-02-10", rcDeal(rcInvest, ann, inv, rcAmount(rcEUR("3e9")), rcText("Corvex ha annunciato un investimento da 3 miliardi in Orvane.", 0))),
				rcArticle("it-apr", "2026-04",
					rcDeal(rcInvest, extract.DealOffered, inv, rcAmount(rcEUR("3e9")), rcText("| Corvex | Orvane (offerta) | 3 mld € |", 500)),
					rcDeal(rcInvest, extract.DealRejected, inv, rcAmount(rcEUR("3e9")), rcText("L'offerta da 3 miliardi di Corvex è stata respinta da Orvane.", 900)),
				),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, conflict), C("status/status"), "€3B, announced, as of 2026-02-10 @ it-feb", extract.ReasonFirst}},
		},
		{
			class: 9, name: "es: 'offered' in a table row after an agreement is no conflict",
			in: []extract.ArticleResult{
				rcArticle("es-ene", "2026-01-10", rcDeal(rcCompute, agr, cloud, rcAmount(rcUSD("2e9")), rcText("Orvane y Nimbra firmaron un contrato de 2.000 millones.", 0))),
				rcArticle("es-mar", "2026-03", rcDeal(rcCompute, extract.DealOffered, cloud, rcAmount(rcUSD("2e9")), rcText("Orvane\tNimbra\t2.000 M$\toferta", 300))),
			},
			ids:  []string{cloudID},
			want: map[string]rcWant{cloudID: {R(first, same), nil, "$2B, agreed, as of 2026-03 @ es-mar", extract.ReasonLatest}},
		},

		// Background mentions never move current nor conflict.
		{
			class: 0, name: "background: an older figure recalled in passing",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-01-10", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("10e9")), rcText("Corvex agreed to invest $10 billion in Orvane.", 0))),
				rcArticle("en-b", "2026-03-10", rcDeal(rcInvest, agr, inv, rcAmount(rcUSD("6e9")), rcBackground(), rcText("Corvex, which had pledged $6 billion to Orvane last year,", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, restated), nil, "$10B, agreed, as of 2026-01-10 @ en-a", extract.ReasonFirst}},
		},
		{
			class: 0, name: "background first, then news: no conflict",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2025-12-01", rcDeal(rcInvest, agr, inv, rcAmount(rcEUR("6e9")), rcBackground(), rcText("Corvex, che aveva promesso 6 miliardi a Orvane,", 0))),
				rcArticle("it-b", "2026-01-10", rcDeal(rcInvest, agr, inv, rcAmount(rcEUR("10e9")), rcText("Corvex investe 10 miliardi in Orvane.", 0))),
			},
			ids:  []string{invID},
			want: map[string]rcWant{invID: {R(first, detail), nil, "€10B, agreed, as of 2026-01-10 @ it-b", extract.ReasonLatest}},
		},
	}, slices.Concat(rc2Scenarios(), rc2Contracts(), rc2Rounds(), rc2Ventures(), rc3RoundsRecalled(), rc3EarlierRecalled(), rc3Cosigners(), rc3Members(), rc4RoundsApart(), rc4Apart(), rc4NewVenture(), rc5TermExtended(), rc5Unsigned(), rc5VentureFunded())...)
}

func TestReconcileClasses(t *testing.T) {
	perClass := map[int]int{}
	for _, sc := range rcScenarios() {
		perClass[sc.class]++
		t.Run(sc.name, func(t *testing.T) {
			deals := sc.opts.Reconcile(sc.in)
			var ids []string
			for _, d := range deals {
				ids = append(ids, d.ID)
			}
			if !reflect.DeepEqual(ids, sc.ids) {
				t.Fatalf("ids = %v, want %v", ids, sc.ids)
			}
			for id, w := range sc.want {
				d := rcFind(t, deals, id)
				if got := rcRelations(d); !reflect.DeepEqual(got, w.relations) {
					t.Errorf("%s: relations = %v, want %v\nnotes: %q", id, got, w.relations, rcNotes(d))
				}
				if got := rcConflicts(d); !reflect.DeepEqual(got, w.conflicts) {
					t.Errorf("%s: conflicts = %v, want %v\n%+v", id, got, w.conflicts, d.Conflicts)
				}
				if got := extract.DescribeCurrent(d.Current) + " @ " + d.Current.Article; got != w.current {
					t.Errorf("%s: current = %q, want %q\nnotes: %q", id, got, w.current, rcNotes(d))
				}
				if d.Current.Reason != w.reason {
					t.Errorf("%s: reason = %q, want %q", id, d.Current.Reason, w.reason)
				}
				if wantReview := len(w.conflicts) > 0; (d.Review == extract.ReviewNeeded) != wantReview {
					t.Errorf("%s: review = %s, want needed=%v", id, d.Review, wantReview)
				}
			}
			var unv []string
			for _, u := range sc.opts.Unverified(sc.in) {
				code, _, _ := strings.Cut(u.Reason, ":")
				unv = append(unv, u.DealID+" "+code)
			}
			if !reflect.DeepEqual(unv, sc.unverified) {
				t.Errorf("unverified = %q, want %q", unv, sc.unverified)
			}
		})
	}
	for _, c := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 113, 114, 115, 116} {
		if perClass[c] < 3 {
			t.Errorf("class %d has %d scenarios, want at least 3", c, perClass[c])
		}
	}
}

// TestReconcileVenturesOff: without the venture known, the venture's
// deal and its members' deal are apart.
func TestReconcileVenturesOff(t *testing.T) {
	for _, sc := range rcScenarios() {
		if sc.opts == nil || sc.opts.Ventures == nil {
			continue
		}
		d := rcFind(t, reconcile.Reconcile(sc.in), "corvex+helios/chip_supply")
		if d.Sources() != 1 {
			t.Errorf("%s: the Helios deal has %d sources without the venture known, want 1", sc.name, d.Sources())
		}
	}
}

// TestReconcileClassesDeterministic: all scenarios together, shuffled,
// give byte-identical output.
func TestReconcileClassesDeterministic(t *testing.T) {
	var all []extract.ArticleResult
	for _, sc := range rcScenarios() {
		for _, r := range sc.in {
			r.Article.ID = sc.name + "/" + r.Article.ID
			all = append(all, r)
		}
	}
	opts := &reconcile.Options{Ventures: rcVentures}
	js := func(in []extract.ArticleResult) string {
		deals, unv := opts.All(in)
		b, err := json.Marshal(deals)
		if err != nil {
			t.Fatal(err)
		}
		var s strings.Builder
		s.Write(b)
		for _, d := range deals {
			for _, h := range d.History {
				s.WriteString(h.Note + "\n")
			}
		}
		for _, u := range unv {
			s.WriteString(u.DealID + " " + u.Article + " " + u.Reason + "\n")
		}
		return s.String()
	}
	want := js(all)
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < 30; i++ {
		in := make([]extract.ArticleResult, len(all))
		for j, k := range rng.Perm(len(all)) {
			in[j] = all[k]
			deals := append([]extract.Deal(nil), all[k].Deals...)
			rng.Shuffle(len(deals), func(a, b int) { deals[a], deals[b] = deals[b], deals[a] })
			in[j].Deals = deals
		}
		if got := js(in); got != want {
			t.Fatalf("permutation %d: output differs", i)
		}
	}
}

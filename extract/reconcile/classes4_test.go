package reconcile_test

import (
	"github.com/dealwatch/dealwatch/extract"
)

// rc4RoundsApart are the scenarios of class 110: an investor's round in
// 2025 (with outlets disagreeing on its size: a true conflict), recalled
// in passing for months, then a 2026 round that starts as a target and
// closes higher. The recalls neither keep the 2025 round alive nor lend
// it their stage: the 2026 round is a deal of its own, its target
// superseded by the result, with no conflict.
func rc4RoundsApart() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first = extract.RelFirst
		super = extract.RelSuperseded
	)
	done, planned := extract.DealCompleted, extract.DealPlanned
	round := "Tessaro AI:raiser,Halvard Partners:investor"
	id, later := "tessaro-ai/funding_round", "tessaro-ai/funding_round/2026-01"
	scenario := func(name string, c2025a, c2025b, recall, target, recallNoFigure, closed extract.ArticleResult) rcScenario {
		return rcScenario{
			class: 110, name: name,
			in:  []extract.ArticleResult{c2025a, c2025b, recall, target, recallNoFigure, closed},
			ids: []string{id, later},
			want: map[string]rcWant{
				later: {R(first, extract.RelSame, super), nil, "$7B, completed, as of 2026-03-09 @ " + closed.Article.ID, extract.ReasonLatestConfirmed},
			},
		}
	}
	rec := func(id, pub, text string, on string) extract.ArticleResult {
		return rcArticle(id, pub, rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("3e9")), rcBackground(), rcOn(on), rcText(text, 0)))
	}
	return []rcScenario{
		scenario("en: the 2026 round apart from the recalled 2025 one",
			rcArticle("en-a", "2025-03-11", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("3e9")), rcText("Tessaro AI raised $3 billion led by Halvard Partners.", 0))),
			rcArticle("es-a", "2025-03-11", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("2.2e9")), rcText("Tessaro AI levantó 2.200 millones de dólares liderados por Halvard Partners.", 0))),
			rec("en-r", "2025-09-16", "Tessaro, which raised $3 billion in March led by Halvard Partners,", "2025-03"),
			rcArticle("it-t", "2026-01-15", rcDeal(extract.KindFundingRound, planned, round, rcAmount(rcQual(rcUSD("5e9"), "about")), rcText("Tessaro AI punta a raccogliere circa 5 miliardi di dollari con Halvard Partners.", 0))),
			rcArticle("es-n", "2026-02-10", rcDeal(extract.KindFundingRound, planned, round, rcConfirmation(extract.Reported), rcText("Tessaro prepara una nueva ronda con Halvard Partners.", 0)),
				rcDeal(extract.KindFundingRound, done, round, rcBackground(), rcOn("2025-03"), rcText("Halvard Partners ya lideró su Serie C en marzo de 2025.", 60))),
			rcArticle("en-c", "2026-03-09", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("7e9")), rcText("Tessaro AI closed a $7 billion Series D led by Halvard Partners.", 0)))),
		scenario("it: il round del 2026 distinto da quello del 2025",
			rcArticle("it-a", "2025-03-11", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("3e9")), rcText("Tessaro AI ha raccolto 3 miliardi di dollari guidati da Halvard Partners.", 0))),
			rcArticle("en-a", "2025-03-11", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("2.2e9")), rcText("Tessaro AI raised $2.2 billion led by Halvard Partners.", 0))),
			rec("it-r", "2025-10-01", "Tessaro, che a marzo ha raccolto 3 miliardi con Halvard Partners,", "2025"),
			rcArticle("es-t", "2026-01-15", rcDeal(extract.KindFundingRound, planned, round, rcAmount(rcQual(rcUSD("5e9"), "about")), rcText("Tessaro AI aspira a captar unos 5.000 millones de dólares con Halvard Partners.", 0))),
			rcArticle("it-n", "2026-02-10", rcDeal(extract.KindFundingRound, planned, round, rcConfirmation(extract.Reported), rcText("Tessaro prepara un nuovo round con Halvard Partners.", 0)),
				rcDeal(extract.KindFundingRound, done, round, rcBackground(), rcOn("2025"), rcText("Halvard Partners aveva guidato la Serie C nel 2025.", 60))),
			rcArticle("it-c", "2026-03-09", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("7e9")), rcText("Tessaro AI ha chiuso una Serie D da 7 miliardi di dollari guidata da Halvard Partners.", 0)))),
		scenario("es: la ronda de 2026 aparte de la de 2025",
			rcArticle("es-a", "2025-03-11", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("3e9")), rcText("Tessaro AI levantó 3.000 millones de dólares liderados por Halvard Partners.", 0))),
			rcArticle("it-a", "2025-03-11", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("2.2e9")), rcText("Tessaro AI ha raccolto 2,2 miliardi di dollari con Halvard Partners.", 0))),
			rec("es-r", "2025-11-20", "Tessaro, que en marzo levantó 3.000 millones con Halvard Partners,", "2025-03"),
			rcArticle("en-t", "2026-01-15", rcDeal(extract.KindFundingRound, planned, round, rcAmount(rcQual(rcUSD("5e9"), "about")), rcText("Tessaro AI aims to raise about $5 billion with Halvard Partners.", 0))),
			rcArticle("es-n", "2026-02-10", rcDeal(extract.KindFundingRound, planned, round, rcConfirmation(extract.Reported), rcText("Tessaro prepara una nueva ronda con Halvard Partners.", 0)),
				rcDeal(extract.KindFundingRound, done, round, rcBackground(), rcOn("2025-03"), rcText("Halvard Partners ya lideró su Serie C en marzo de 2025.", 60))),
			rcArticle("es-c", "2026-03-09", rcDeal(extract.KindFundingRound, done, round, rcAmount(rcUSD("7e9")), rcText("Tessaro AI cerró una Serie D de 7.000 millones de dólares liderada por Halvard Partners.", 0)))),
	}
}

// rc4Apart are the scenarios of class 111: an article states a new
// contract between the same parties and, in passing, that it is
// separate from their earlier one; the new figure is one more contract,
// not a rival total.
func rc4Apart() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	agr := extract.DealAgreed
	parties := "Brightwell AI:buyer,Veltrana Compute:seller"
	id := "brightwell-ai+veltrana-compute/compute_contract"
	scenario := func(name string, a, b extract.ArticleResult) rcScenario {
		return rcScenario{class: 111, name: name, in: []extract.ArticleResult{a, b}, ids: []string{id},
			want: map[string]rcWant{id: {R(extract.RelFirst, extract.RelIncrement, extract.RelRestated), nil, "$3B, agreed, as of 2026-02-12 @ " + b.Article.ID, extract.ReasonStatedRevision}}}
	}
	old := func(id, text string) extract.ArticleResult {
		return rcArticle(id, "2025-11-25", rcDeal(extract.KindCompute, agr, parties, rcAmount(rcUSD("2.1e9")), rcText(text, 0)))
	}
	news := func(id, newText, oldText string) extract.ArticleResult {
		return rcArticle(id, "2026-02-12",
			rcDeal(extract.KindCompute, agr, parties, rcAmount(rcUSD("0.9e9")), rcText(newText, 0)),
			rcDeal(extract.KindCompute, agr, parties, rcAmount(rcStart(rcTextMoney(rcUSD("2.1e9"), "2.1"), 120)), rcBackground(), rcText(oldText, 100)))
	}
	return []rcScenario{
		scenario("en: separate from the $2.1 billion contract",
			old("en-a", "Brightwell AI signed a $2.1 billion contract with Veltrana Compute."),
			news("en-b", "Brightwell AI has signed a $900 million, four-year contract with Veltrana Compute.", "The agreement is separate from the $2.1 billion contract the two companies signed in November.")),
		scenario("it: si aggiunge al contratto da 2,1 miliardi",
			old("it-a", "Brightwell AI ha firmato un contratto da 2,1 miliardi di dollari con Veltrana Compute."),
			news("it-b", "Brightwell AI ha firmato con Veltrana Compute un contratto da 900 milioni di dollari.", "L'intesa è distinta da quella da 2,1 miliardi firmata a novembre.")),
		scenario("es: independiente del contrato de 2.100 millones",
			old("es-a", "Brightwell AI firmó un contrato de 2.100 millones de dólares con Veltrana Compute."),
			news("es-b", "Brightwell AI firmó con Veltrana Compute un contrato de 900 millones de dólares.", "El acuerdo es independiente del contrato de 2.100 millones firmado en noviembre.")),
	}
}

// rc4NewVenture are the scenarios of class 113: a joint venture named by
// its members when they sign ("Corvina Power e Meridale DC, joint
// venture da 2 miliardi"), then described as "the new joint venture"
// with its members and a co-investor that only one outlet names, then
// recalled by its name alone with its figure. One deal; the venture is
// learned although an adjective stands between its name and the cue.
func rc4NewVenture() []rcScenario {
	agr, ann := extract.DealAgreed, extract.DealAnnounced
	members := "Corvina Power:partner,Meridale DC:partner"
	withCo := "Lucerna Compute:partner,Corvina Power:partner,Meridale DC:partner,Fondo Baltico:investor"
	id := "lucerna-compute/other"
	k := extract.KindOther
	scenario := func(name string, a, b, c extract.ArticleResult) rcScenario {
		return rcScenario{class: 113, name: name, in: []extract.ArticleResult{a, b, c}, ids: []string{id},
			want: map[string]rcWant{id: {[]extract.Relation{extract.RelFirst, extract.RelSame, extract.RelSame}, nil, "€2B, agreed, as of 2025-12-05 @ " + b.Article.ID, extract.ReasonLatest}}}
	}
	recall := func(id, text string) extract.ArticleResult {
		return rcArticle(id, "2026-01-20", rcDeal(k, ann, "Lucerna Compute:partner", rcAmount(rcEUR("2e9")), rcBackground(), rcText(text, 300)))
	}
	return []rcScenario{
		scenario("it: la nuova joint venture Lucerna Compute",
			rcArticle("it-a", "2025-12-04", rcDeal(k, agr, members, rcAmount(rcEUR("2e9")),
				rcText("Corvina Power e Meridale DC hanno firmato l'accordo per una joint venture che investirà 2 miliardi di euro in un campus di data center.", 0))),
			rcArticle("it-b", "2025-12-05", rcDeal(k, ann, withCo, rcAmount(rcEUR("2e9")),
				rcText("Lucerna Compute, la nuova joint venture creata da Corvina Power e Meridale DC, investirà 2 miliardi di euro insieme a Fondo Baltico.", 0))),
			recall("es-c", "La operación llega semanas después de que la sociedad conjunta Lucerna Compute anunciara un plan de 2.000 millones de euros.")),
		scenario("es: la nueva sociedad conjunta Lucerna Compute",
			rcArticle("es-a", "2025-12-04", rcDeal(k, agr, members, rcAmount(rcEUR("2e9")),
				rcText("Corvina Power y Meridale DC firmaron el acuerdo para una empresa conjunta que invertirá 2.000 millones de euros en un campus de centros de datos.", 0))),
			rcArticle("es-b", "2025-12-05", rcDeal(k, ann, withCo, rcAmount(rcEUR("2e9")),
				rcText("Lucerna Compute, la nueva sociedad conjunta creada por Corvina Power y Meridale DC, invertirá 2.000 millones de euros junto a Fondo Baltico.", 0))),
			recall("en-c", "It comes weeks after the joint venture Lucerna Compute announced a €2 billion plan.")),
		scenario("en: the new joint venture Lucerna Compute",
			rcArticle("en-a", "2025-12-04", rcDeal(k, agr, members, rcAmount(rcEUR("2e9")),
				rcText("Corvina Power and Meridale DC signed an agreement for a joint venture that will invest €2 billion in a data-centre campus.", 0))),
			rcArticle("en-b", "2025-12-05", rcDeal(k, ann, withCo, rcAmount(rcEUR("2e9")),
				rcText("Lucerna Compute, the new joint venture of Corvina Power and Meridale DC, will invest €2 billion alongside Fondo Baltico.", 0))),
			recall("it-c", "L'operazione arriva settimane dopo che la joint venture Lucerna Compute ha annunciato un piano da 2 miliardi di euro.")),
		{
			// The venture's lease from a cloud provider is a deal of its
			// own, payer and payee: it does not join the investment.
			class: 113, name: "en: the venture's own lease stays apart",
			in: []extract.ArticleResult{
				rcArticle("en-b", "2025-12-05", rcDeal(k, ann, withCo, rcAmount(rcEUR("2e9")),
					rcText("Lucerna Compute, the new joint venture of Corvina Power and Meridale DC, will invest €2 billion alongside Fondo Baltico.", 0))),
				rcArticle("en-d", "2026-02-02", rcDeal(extract.KindCompute, agr, "Valdera Cloud:buyer,Lucerna Compute:seller", rcAmount(rcEUR("4e8")),
					rcText("Valdera Cloud signed a €400 million lease with Lucerna Compute.", 0))),
			},
			ids: []string{"lucerna-compute+valdera-cloud/compute_contract", id},
		},
	}
}

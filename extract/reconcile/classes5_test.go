package reconcile_test

import (
	"github.com/dealwatch/dealwatch/extract"
)

// Classes 114–116 come from the third blind set (testdata/blind/recon3):
// its first run flagged a term extended by an expansion, missed a
// "signed" against "not signed yet" the same day, and split a venture
// funded by its members into four ids.

// rc5TermExtended are the scenarios of class 114: a contract expanded by
// an increment, then reported with its new total and a longer term
// ("extending its term from five to seven years"): an extension, not a
// term conflict.
func rc5TermExtended() []rcScenario {
	agr, exp := extract.DealAgreed, extract.DealExpanded
	parties := "Halcyra AI:buyer,Oracle:seller"
	id := "halcyra-ai+oracle/compute_contract"
	scenario := func(name string, a, b, c extract.ArticleResult) rcScenario {
		return rcScenario{class: 114, name: name, in: []extract.ArticleResult{a, b, c}, ids: []string{id},
			want: map[string]rcWant{id: {[]extract.Relation{extract.RelFirst, extract.RelIncrement, extract.RelSame}, nil,
				"$12.5B, expanded, as of 2026-02-25 @ " + c.Article.ID, extract.ReasonLatest}}}
	}
	first := func(id, text string) extract.ArticleResult {
		return rcArticle(id, "2025-06-18", rcDeal(extract.KindCompute, agr, parties, rcAmount(rcUSD("8.5e9")), rcTerm(5), rcText(text, 0)))
	}
	inc := func(id, text string) extract.ArticleResult {
		return rcArticle(id, "2026-02-24", rcDeal(extract.KindCompute, exp, parties, rcIncrement(rcUSD("4e9")), rcText(text, 0)))
	}
	total := func(id, text string) extract.ArticleResult {
		return rcArticle(id, "2026-02-25", rcDeal(extract.KindCompute, exp, parties, rcAmount(rcUSD("12.5e9")), rcTerm(7), rcText(text, 0)))
	}
	return []rcScenario{
		scenario("en: extending its term from five to seven years",
			first("en-a", "Halcyra AI has signed a five-year agreement to buy $8.5bn of cloud capacity from Oracle."),
			inc("es-b", "Oracle y Halcyra AI han ampliado el contrato con un compromiso adicional de 4.000 millones de dólares."),
			total("en-c", "Halcyra AI has expanded its agreement with Oracle, lifting the total to $12.5bn and extending its term from five to seven years.")),
		scenario("it: prorogato da cinque a sette anni",
			first("it-a", "Halcyra AI ha firmato con Oracle un accordo quinquennale da 8,5 miliardi di dollari."),
			inc("en-b", "Halcyra AI and Oracle expanded their contract with an additional $4 billion commitment."),
			total("it-c", "Halcyra AI ha ampliato l'accordo con Oracle a 12,5 miliardi di dollari, prorogandone la durata da cinque a sette anni.")),
		scenario("es: ampliando su duración de cinco a siete años",
			first("es-a", "Halcyra AI firmó con Oracle un acuerdo de 8.500 millones de dólares a cinco años."),
			inc("it-b", "Oracle e Halcyra AI hanno ampliato il contratto con un impegno aggiuntivo di 4 miliardi di dollari."),
			total("es-c", "Halcyra AI amplió su acuerdo con Oracle hasta 12.500 millones de dólares y extendió su duración de cinco a siete años.")),
	}
}

// rc5Unsigned are the scenarios of class 115: two outlets the same day,
// both from sources, one saying the contract is signed, the other that
// it is still negotiated and not signed yet: a status conflict, in
// either order. Weeks apart, it is a signing after talks.
func rc5Unsigned() []rcScenario {
	agr, plan := extract.DealAgreed, extract.DealPlanned
	rep := rcConfirmation(extract.Reported)
	parties := "Nembo AI:buyer,Microsoft:seller"
	id := "microsoft+nembo-ai/compute_contract"
	signed := func(id, pub, text string) extract.ArticleResult {
		return rcArticle(id, pub, rcDeal(extract.KindCompute, agr, parties, rcAmount(rcEUR("1.2e9")), rep, rcText(text, 0)))
	}
	talks := func(id, pub, text string) extract.ArticleResult {
		return rcArticle(id, pub, rcDeal(extract.KindCompute, plan, parties, rcAmount(rcQual(rcEUR("1.2e9"), "about")), rep, rcText(text, 0)))
	}
	conflict := func(name string, a, b extract.ArticleResult, current string) rcScenario {
		return rcScenario{class: 115, name: name, in: []extract.ArticleResult{a, b}, ids: []string{id},
			want: map[string]rcWant{id: {[]extract.Relation{extract.RelFirst, extract.RelConflict}, []string{"status/status"}, current, extract.ReasonFirst}}}
	}
	sc := []rcScenario{
		conflict("it/es: firmato, and todavía no se ha firmado the same day",
			signed("it-a", "2026-04-14", "Nembo AI ha firmato con Microsoft un contratto da 1,2 miliardi di euro, secondo fonti vicine all'operazione."),
			talks("es-b", "2026-04-14", "Nembo AI negocia con Microsoft un contrato por unos 1.200 millones de euros; según las fuentes, el contrato todavía no se ha firmado."), "about €1.2B, planned, as of 2026-04-14 @ es-b"),
		conflict("en/it: not yet signed, then firmato the next day",
			talks("en-a", "2026-04-14", "Nembo AI is negotiating a contract of about €1.2 billion with Microsoft, which has not yet been signed, people familiar said."),
			signed("it-b", "2026-04-15", "Nembo AI ha firmato con Microsoft un contratto da 1,2 miliardi di euro, secondo fonti vicine all'operazione."), "about €1.2B, planned, as of 2026-04-14 @ en-a"),
		conflict("es/en: firmó, and not signed yet two days later",
			signed("es-a", "2026-04-14", "Nembo AI firmó con Microsoft un contrato de 1.200 millones de euros, según fuentes conocedoras."),
			talks("en-b", "2026-04-16", "Nembo AI's contract of about €1.2 billion with Microsoft is yet to be signed, people familiar said."), "€1.2B, agreed, as of 2026-04-14 @ es-a"),
	}
	sc = append(sc, rcScenario{
		class: 115, name: "en: not signed yet in March, signed in April: no conflict",
		in: []extract.ArticleResult{
			talks("en-a", "2026-03-02", "Nembo AI is negotiating a contract of about €1.2 billion with Microsoft, which has not yet been signed."),
			signed("en-b", "2026-04-14", "Nembo AI signed a €1.2 billion contract with Microsoft, people familiar said."),
		},
		ids: []string{id},
	})
	return sc
}

// rc5VentureFunded are the scenarios of class 116: two companies agree
// to create a venture that will invest €1.8 billion (its members as
// investors); the venture, named with its members as the investee of
// its own plan, lines up a minority investor that one outlet names (a
// figure-less fact); later outlets recall the venture alone. One deal,
// with no role conflict: the members' role that the venture stands for
// is not one the articles give it.
func rc5VentureFunded() []rcScenario {
	agr, plan := extract.DealAgreed, extract.DealPlanned
	k := extract.KindInvestment
	members := "Telvanta:investor,Lusenergia:investor"
	owned := "Telvanta:investor,Lusenergia:investor,Tagus Compute:investee"
	id := "tagus-compute/investment"
	scenario := func(name string, a, b, c, d extract.ArticleResult) rcScenario {
		return rcScenario{class: 116, name: name, in: []extract.ArticleResult{a, b, c, d}, ids: []string{id},
			want: map[string]rcWant{id: {[]extract.Relation{extract.RelFirst, extract.RelSame, extract.RelSame, extract.RelSame}, nil,
				"€1.8B, agreed, as of 2025-10-02 @ " + b.Article.ID, extract.ReasonLatest}}}
	}
	agreed := func(id, text string) extract.ArticleResult {
		return rcArticle(id, "2025-09-16", rcDeal(k, agr, members, rcAmount(rcEUR("1.8e9")), rcText(text, 0)))
	}
	investor := func(id, news, plan string) extract.ArticleResult {
		return rcArticle(id, "2025-10-02",
			rcDeal(k, extract.DealPlanned, "Qasr Capital:investor,Tagus Compute:investee", rcConfirmation(extract.Reported), rcText(news, 0)),
			rcDeal(k, extract.DealPlanned, owned, rcAmount(rcEUR("1.8e9")), rcBackground(), rcText(plan, 400)))
	}
	recalled := func(id, pub, parties, text string) extract.ArticleResult {
		return rcArticle(id, pub, rcDeal(k, plan, parties, rcAmount(rcEUR("1.8e9")), rcBackground(), rcText(text, 300)))
	}
	return []rcScenario{
		scenario("es/en/it: a venture funded by its members, an investor lined up, the venture alone",
			agreed("es-a", "Telvanta y Lusenergia han acordado crear una sociedad conjunta que invertirá 1.800 millones de euros en un campus de centros de datos."),
			investor("en-b", "Tagus Compute, the data centre joint venture formed last month by Telvanta and Lusenergia, has lined up Qasr Capital as a minority investor.",
				"The venture plans to invest €1.8bn in 250MW of data centre capacity."),
			recalled("es-c", "2026-03-10", owned, "Tagus Compute, la sociedad conjunta de Telvanta y Lusenergia, prevé invertir 1.800 millones de euros en su campus de Sines."),
			recalled("it-d", "2026-03-26", "Tagus Compute:investor", "In Portogallo Tagus Compute si prepara a investire 1,8 miliardi di euro in un campus a Sines.")),
		scenario("it/es/en: la joint venture di Telvanta e Lusenergia",
			agreed("it-a", "Telvanta e Lusenergia hanno concordato di creare una joint venture che investirà 1,8 miliardi di euro in un campus di data center."),
			investor("es-b", "Tagus Compute, la nueva empresa conjunta creada por Telvanta y Lusenergia, ha sumado a Qasr Capital como inversor minoritario.",
				"La sociedad prevé invertir 1.800 millones de euros en 250 MW de capacidad."),
			recalled("en-c", "2026-03-10", owned, "Tagus Compute, the joint venture of Telvanta and Lusenergia, plans to invest €1.8bn in its Sines campus."),
			recalled("es-d", "2026-03-26", "Tagus Compute:investor", "En Portugal, Tagus Compute se prepara para invertir 1.800 millones de euros en Sines.")),
		scenario("en/it/es: the joint venture of Telvanta and Lusenergia",
			agreed("en-a", "Telvanta and Lusenergia have agreed to create a joint venture that will invest €1.8 billion in a data centre campus."),
			investor("it-b", "Tagus Compute, la joint venture di data center creata da Telvanta e Lusenergia, ha trovato in Qasr Capital un investitore di minoranza.",
				"La società prevede di investire 1,8 miliardi di euro in 250 MW di capacità."),
			recalled("it-c", "2026-03-10", owned, "Tagus Compute, la joint venture di Telvanta e Lusenergia, prevede di investire 1,8 miliardi di euro a Sines."),
			recalled("en-d", "2026-03-26", "Tagus Compute:investor", "In Portugal, Tagus Compute is preparing to invest €1.8bn in a campus at Sines.")),
	}
}

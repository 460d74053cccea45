package reconcile_test

import (
	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// rc3RoundsRecalled are the scenarios of class 106: a figure-less round
// named with its investor and recalled months later ("a round led by
// Sorrel Capital last autumn"), while the same investor put money into
// the same raiser in two rounds a year apart. The backend dates the
// recalled round ("2025"); the round joins the investment of that time,
// not a deal of its own and not the later round.
func rc3RoundsRecalled() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first = extract.RelFirst
		same  = extract.RelSame
	)
	done := extract.DealCompleted
	round := "Kestrel Compute:raiser,Sorrel Capital:investor"
	inv := "Sorrel Capital:investor,Kestrel Compute:investee"
	id, later := "kestrel-compute+sorrel-capital/investment", "kestrel-compute+sorrel-capital/investment/2026-09"
	scenario := func(name string, news2025, recall, news2026 extract.ArticleResult) rcScenario {
		return rcScenario{
			class: 106, name: name,
			in:  []extract.ArticleResult{news2025, recall, news2026},
			ids: []string{id, later},
			want: map[string]rcWant{
				id:    {R(first, same), nil, "$4B, completed, as of 2025-09-30 @ " + news2025.Article.ID, extract.ReasonFirst},
				later: {R(first), nil, "$3B, completed, as of 2026-09-15 @ " + news2026.Article.ID, extract.ReasonOnlySource},
			},
		}
	}
	return []rcScenario{
		scenario("it: il round guidato da Sorrel Capital lo scorso autunno",
			rcArticle("it-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital ha investito 4 miliardi di dollari in Kestrel Compute.", 0))),
			rcArticle("it-feb", "2026-02-10", rcDeal(extract.KindFundingRound, done, round, rcBackground(), rcOn("2025"),
				rcText("Kestrel si finanzia con i round chiusi negli ultimi mesi, tra cui quello guidato da Sorrel Capital lo scorso autunno.", 0))),
			rcArticle("it-2026", "2026-09-15", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital investe 3 miliardi di dollari in Kestrel Compute nel nuovo round.", 0)))),
		scenario("es: la ronda liderada por Sorrel Capital el pasado otoño",
			rcArticle("es-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital invirtió 4.000 millones de dólares en Kestrel Compute.", 0))),
			rcArticle("es-feb", "2026-02-10", rcDeal(extract.KindFundingRound, done, round, rcBackground(), rcOn("2025-10"),
				rcText("Kestrel financia estos compromisos con las rondas cerradas, entre ellas la liderada por Sorrel Capital el pasado otoño.", 0))),
			rcArticle("es-2026", "2026-09-15", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital invierte 3.000 millones de dólares en Kestrel Compute.", 0)))),
		scenario("en: a round led by Sorrel Capital last autumn",
			rcArticle("en-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital invested $4 billion in Kestrel Compute.", 0))),
			rcArticle("en-feb", "2026-02-11", rcDeal(extract.KindFundingRound, done, round, rcBackground(), rcOn("2025"),
				rcText("Kestrel has been raising capital, including a round led by Sorrel Capital last autumn.", 0))),
			rcArticle("en-2026", "2026-09-15", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital is investing $3 billion in Kestrel Compute's new round.", 0)))),
		{
			// Undated and months away: nothing says which round it was.
			class: 106, name: "en: an undated round recalled months later stays apart",
			in: []extract.ArticleResult{
				rcArticle("en-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital invested $4 billion in Kestrel Compute.", 0))),
				rcArticle("en-feb", "2026-02-11", rcDeal(extract.KindFundingRound, done, round, rcBackground(),
					rcText("Kestrel has been raising capital, including a round led by Sorrel Capital.", 0))),
			},
			ids: []string{id, "kestrel-compute/funding_round"},
		},
		{
			// The round names another investor: not Sorrel's deal.
			class: 106, name: "it: a round led by another investor does not join Sorrel's investment",
			in: []extract.ArticleResult{
				rcArticle("it-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital ha investito 4 miliardi di dollari in Kestrel Compute.", 0))),
				rcArticle("it-feb", "2026-02-10", rcDeal(extract.KindFundingRound, done, "Kestrel Compute:raiser,Bramble Ventures:investor", rcBackground(), rcOn("2025"),
					rcText("Kestrel ha chiuso lo scorso autunno un round guidato da Bramble Ventures.", 0))),
			},
			ids: []string{id, "kestrel-compute/funding_round"},
		},
	}
}

// rc3EarlierRecalled are the scenarios of class 107: an article about
// the second of two deals of the same parties recalls the first with its
// date and figure ("hace un año, en septiembre de 2025, ya había
// aportado 4.000 millones"); the recall goes to the first deal, not
// into the second one's history.
func rc3EarlierRecalled() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first = extract.RelFirst
		same  = extract.RelSame
	)
	done := extract.DealCompleted
	inv := "Sorrel Capital:investor,Kestrel Compute:investee"
	id, later := "kestrel-compute+sorrel-capital/investment", "kestrel-compute+sorrel-capital/investment/2026-09"
	scenario := func(name string, in ...extract.ArticleResult) rcScenario {
		return rcScenario{
			class: 107, name: name, in: in, ids: []string{id, later},
			want: map[string]rcWant{
				id:    {R(first, same), nil, "$4B, completed, as of 2025-09-30 @ " + in[0].Article.ID, extract.ReasonFirst},
				later: {R(first), nil, "$3B, completed, as of 2026-09-15 @ " + in[1].Article.ID, extract.ReasonOnlySource},
			},
		}
	}
	return []rcScenario{
		scenario("es: hace un año, en septiembre de 2025, 4.000 millones",
			rcArticle("es-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital invirtió 4.000 millones de dólares en Kestrel Compute.", 0))),
			rcArticle("es-2026", "2026-09-15",
				rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital invertirá 3.000 millones de dólares en Kestrel Compute.", 0)),
				rcDeal(extract.KindInvestment, done, inv, rcAmount(rcStart(rcTextMoney(rcUSD("4e9"), "4.000 millones"), 120)), rcBackground(), rcOn("2025-09"),
					rcText("Hace un año, en septiembre de 2025, Sorrel ya había aportado 4.000 millones de dólares.", 100)))),
		scenario("it: un anno fa, nel settembre 2025, 4 miliardi",
			rcArticle("it-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital ha investito 4 miliardi di dollari in Kestrel Compute.", 0))),
			rcArticle("it-2026", "2026-09-15",
				rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital investirà 3 miliardi di dollari in Kestrel Compute.", 0)),
				rcDeal(extract.KindInvestment, done, inv, rcAmount(rcStart(rcTextMoney(rcUSD("4e9"), "4 miliardi"), 120)), rcBackground(), rcOn("2025"),
					rcText("Già nel 2025 Sorrel aveva investito 4 miliardi di dollari in Kestrel.", 100)))),
		scenario("en: a year ago, in September 2025, $4 billion",
			rcArticle("en-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital invested $4 billion in Kestrel Compute.", 0))),
			rcArticle("en-2026", "2026-09-15",
				rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital will invest $3 billion in Kestrel Compute.", 0)),
				rcDeal(extract.KindInvestment, done, inv, rcAmount(rcStart(rcTextMoney(rcUSD("4e9"), "$4 billion"), 120)), rcBackground(), rcOn("2025-09"),
					rcText("A year ago, in September 2025, Sorrel put $4 billion into Kestrel.", 100)))),
		{
			// The recalled figure is not the earlier deal's: it stays where
			// it was stated rather than raise a conflict in another deal.
			class: 107, name: "en: a recalled figure the earlier deal does not know stays put",
			in: []extract.ArticleResult{
				rcArticle("en-2025", "2025-09-30", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("4e9")), rcText("Sorrel Capital invested $4 billion in Kestrel Compute.", 0))),
				rcArticle("en-2026", "2026-09-15",
					rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("3e9")), rcText("Sorrel Capital will invest $3 billion in Kestrel Compute.", 0)),
					rcDeal(extract.KindInvestment, done, inv, rcAmount(rcStart(rcTextMoney(rcUSD("7e9"), "$7 billion"), 120)), rcBackground(), rcOn("2025"),
						rcText("In 2025 Sorrel had committed $7 billion to Kestrel.", 100))),
			},
			ids: []string{id, later},
			want: map[string]rcWant{
				id: {R(first), nil, "$4B, completed, as of 2025-09-30 @ en-2025", extract.ReasonOnlySource},
			},
		},
	}
}

// rc3Cosigners are the scenarios of class 108: a co-signer that only one
// outlet names, stated by the backend as a figure-less fact of its own
// whose sentence refers back to the agreement; it joins the deal it
// co-signs, whose id stays that of the principal payer and payee.
func rc3Cosigners() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first = extract.RelFirst
		same  = extract.RelSame
	)
	agr := extract.DealAgreed
	lease := "Valdera Cloud:buyer,Helios:seller"
	bank := "Banca Adriatica:investor,Helios:investee"
	id := "helios+valdera-cloud/compute_contract"
	k := extract.KindCompute
	return []rcScenario{
		{
			class: 108, name: "it: Banca Adriatica, che ha sottoscritto l'accordo",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2025-12-03",
					rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios ha firmato un accordo da 6 miliardi di euro con Valdera Cloud.", 0)),
					rcDeal(extract.KindOther, agr, bank, rcText("Al finanziamento dell'operazione partecipa anche Banca Adriatica, che ha sottoscritto l'accordo.", 100))),
				rcArticle("en-b", "2025-12-05", rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios signed a €6 billion lease with Valdera Cloud.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "€6B, agreed, as of 2025-12-05 @ en-b", extract.ReasonLatest}},
		},
		{
			class: 108, name: "es: Banca Adriatica, que también firmó el acuerdo",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2025-12-03",
					rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios firmó con Valdera Cloud un acuerdo de 6.000 millones de euros.", 0)),
					rcDeal(extract.KindPartnership, agr, bank, rcText("Banca Adriatica, que también firmó el acuerdo, encabeza el grupo de bancos que lo financia.", 100))),
				rcArticle("it-b", "2025-12-04", rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios e Valdera Cloud firmano un contratto da 6 miliardi di euro.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "€6B, agreed, as of 2025-12-04 @ it-b", extract.ReasonLatest}},
		},
		{
			class: 108, name: "en: Banca Adriatica, which also signed the agreement",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2025-12-03",
					rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios signed a €6 billion agreement with Valdera Cloud.", 0)),
					rcDeal(extract.KindOther, agr, bank, rcText("Banca Adriatica, which also signed the agreement, leads the lending banks.", 100))),
				rcArticle("es-b", "2025-12-04", rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios y Valdera Cloud firman un contrato de 6.000 millones de euros.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "€6B, agreed, as of 2025-12-04 @ es-b", extract.ReasonLatest}},
		},
		{
			// No reference to the agreement: a relationship of its own.
			class: 108, name: "en: a lender named without a reference to the agreement stays apart",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2025-12-03",
					rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios signed a €6 billion agreement with Valdera Cloud.", 0)),
					rcDeal(extract.KindOther, agr, bank, rcText("Banca Adriatica has long been Helios's main lender.", 100))),
			},
			ids: []string{"banca-adriatica+helios/other", id},
		},
		{
			// Two deals of Helios in the article: which one is not said.
			class: 108, name: "it: with two deals of the same party in the article it stays apart",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2025-12-03",
					rcDeal(k, agr, lease, rcAmount(rcEUR("6e9")), rcText("Helios ha firmato un accordo da 6 miliardi di euro con Valdera Cloud.", 0)),
					rcDeal(extract.KindChipSupply, agr, "Orvane:customer,Helios:supplier", rcAmount(rcEUR("2e9")), rcText("Helios ha firmato anche un contratto da 2 miliardi di euro con Orvane.", 60)),
					rcDeal(extract.KindOther, agr, bank, rcText("Banca Adriatica ha sottoscritto l'accordo come capofila delle banche.", 140))),
			},
			ids: []string{"banca-adriatica+helios/other", "helios+orvane/chip_supply", id},
		},
	}
}

// rc3Members are the scenarios of class 109: one member of a known joint
// venture named alone, with the venture's counterparty and figure (the
// outlet or the backend left the other members out): it is the
// venture's deal. With another figure it is the member's own (class 6).
func rc3Members() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first = extract.RelFirst
		same  = extract.RelSame
	)
	agr := extract.DealAgreed
	k := extract.KindChipSupply
	id := "corvex+helios/chip_supply"
	opts := &reconcile.Options{Ventures: rcVentures}
	return []rcScenario{
		{
			class: 109, name: "es: Tarsis alone, with Corvex and the venture's 6.000 millones",
			opts: opts,
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-03-01", rcDeal(k, agr, "Helios:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")), rcText("Helios signed a $6 billion chip supply deal with Corvex.", 0))),
				rcArticle("es-b", "2026-03-02", rcDeal(k, agr, "Tarsis:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")), rcText("Tarsis y sus socios comprarán a Corvex chips por 6.000 millones de dólares.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "$6B, agreed, as of 2026-03-02 @ es-b", extract.ReasonLatest}},
		},
		{
			class: 109, name: "it: Quanta Verde alone, roles reversed by the backend",
			opts: opts,
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-03-01", rcDeal(k, agr, "Quanta Verde:supplier,Corvex:buyer", rcAmount(rcUSD("6e9")), rcText("Quanta Verde firma con Corvex un accordo da 6 miliardi di dollari.", 0))),
				rcArticle("en-b", "2026-03-03", rcDeal(k, agr, "Helios:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")), rcText("Helios signed a $6 billion chip supply deal with Corvex.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "$6B, agreed, as of 2026-03-03 @ en-b", extract.ReasonLatest}},
		},
		{
			class: 109, name: "en: Belmar alone, with the venture's $6 billion",
			opts: opts,
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-03-01", rcDeal(k, agr, "Helios:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")), rcText("Helios firmó con Corvex un contrato de 6.000 millones de dólares.", 0))),
				rcArticle("en-b", "2026-03-04", rcDeal(k, agr, "Belmar:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")), rcText("Belmar has agreed to buy $6 billion of chips from Corvex.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "$6B, agreed, as of 2026-03-04 @ en-b", extract.ReasonLatest}},
		},
		{
			class: 109, name: "en: Belmar alone with another counterparty stays apart",
			opts: opts,
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-03-01", rcDeal(k, agr, "Helios:buyer,Corvex:supplier", rcAmount(rcUSD("6e9")), rcText("Helios firmó con Corvex un contrato de 6.000 millones de dólares.", 0))),
				rcArticle("en-b", "2026-03-04", rcDeal(k, agr, "Belmar:buyer,Pellino Chips:supplier", rcAmount(rcUSD("6e9")), rcText("Belmar has agreed to buy $6 billion of chips from Pellino Chips.", 0))),
			},
			ids: []string{"belmar+pellino-chips/chip_supply", id},
		},
	}
}

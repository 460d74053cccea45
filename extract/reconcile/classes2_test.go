package reconcile_test

import (
	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// The error classes a blind measurement found after issue 11's first
// round (class 101 is its class 1, and so on). Every scenario is
// invented, in it, es or en.
func rc2Scenarios() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	C := func(cs ...string) []string { return cs }
	const (
		first    = extract.RelFirst
		revised  = extract.RelRevised
		conflict = extract.RelConflict
	)
	agr, rej := extract.DealAgreed, extract.DealRejected
	acq := "Brenta:buyer,Valdera:seller"
	acqID := "brenta+valdera/acquisition"
	return []rcScenario{
		// 101. A status reversal the later article states is a revision.
		{
			class: 101, name: "en: rejected two months after giving its preliminary approval",
			in: []extract.ArticleResult{
				rcArticle("en-apr", "2026-04-08", rcDeal(extract.KindAcquisition, agr, acq, rcAmount(rcEUR("3e9")),
					rcText("Valdera's board accepted Brenta's €3 billion offer.", 0))),
				rcArticle("en-jun", "2026-06-10", rcDeal(extract.KindAcquisition, rej, acq, rcAmount(rcEUR("3e9")),
					rcText("Valdera's board rejected Brenta's €3 billion offer, two months after giving its preliminary approval.", 0))),
			},
			ids:  []string{acqID},
			want: map[string]rcWant{acqID: {R(first, revised), nil, "€3B, rejected, as of 2026-06-10 @ en-jun", extract.ReasonLatest}},
		},
		{
			class: 101, name: "es: el consejo da marcha atrás",
			in: []extract.ArticleResult{
				rcArticle("es-abr", "2026-04-08", rcDeal(extract.KindAcquisition, agr, acq, rcAmount(rcEUR("3000e6")),
					rcText("El consejo de Valdera aceptó la oferta de 3.000 millones de euros de Brenta.", 0))),
				rcArticle("es-jun", "2026-06-10", rcDeal(extract.KindAcquisition, rej, acq,
					rcText("El consejo de Valdera da marcha atrás y rechaza la oferta de Brenta.", 0))),
			},
			ids:  []string{acqID},
			want: map[string]rcWant{acqID: {R(first, revised), nil, "€3B, rejected, as of 2026-04-08 @ es-abr", extract.ReasonFirst}},
		},
		{
			class: 101, name: "it: il cda ci ha ripensato",
			in: []extract.ArticleResult{
				rcArticle("it-apr", "2026-04-08", rcDeal(extract.KindAcquisition, agr, acq, rcAmount(rcEUR("3e9")),
					rcText("Il cda di Valdera ha accettato l'offerta da 3 miliardi di Brenta.", 0))),
				rcArticle("it-giu", "2026-06-10", rcDeal(extract.KindAcquisition, rej, acq, rcAmount(rcEUR("3e9")),
					rcText("Il cda di Valdera ci ha ripensato e ha respinto l'offerta da 3 miliardi di Brenta.", 0))),
			},
			ids:  []string{acqID},
			want: map[string]rcWant{acqID: {R(first, revised), nil, "€3B, rejected, as of 2026-06-10 @ it-giu", extract.ReasonLatest}},
		},
		{
			class: 101, name: "en: backtracked and accepted the offer it had rejected",
			in: []extract.ArticleResult{
				rcArticle("en-may", "2026-05-02", rcDeal(extract.KindAcquisition, rej, acq, rcAmount(rcEUR("3e9")),
					rcText("Valdera rejected Brenta's €3 billion offer.", 0))),
				rcArticle("en-jul", "2026-07-01", rcDeal(extract.KindAcquisition, agr, acq, rcAmount(rcEUR("3e9")),
					rcText("Valdera backtracked and reversed its earlier decision, agreeing to Brenta's €3 billion offer.", 0))),
			},
			ids:  []string{acqID},
			want: map[string]rcWant{acqID: {R(first, revised), nil, "€3B, agreed, as of 2026-07-01 @ en-jul", extract.ReasonLatest}},
		},
		{
			class: 101, name: "en: no reversal cue, the rejection stays a status conflict",
			in: []extract.ArticleResult{
				rcArticle("en-apr", "2026-04-08", rcDeal(extract.KindAcquisition, agr, acq, rcAmount(rcEUR("3e9")),
					rcText("Valdera's board accepted Brenta's €3 billion offer.", 0))),
				rcArticle("en-jun", "2026-06-10", rcDeal(extract.KindAcquisition, rej, acq, rcAmount(rcEUR("3e9")),
					rcText("Valdera's board rejected Brenta's €3 billion offer.", 0))),
			},
			ids:  []string{acqID},
			want: map[string]rcWant{acqID: {R(first, conflict), C("status/status"), "€3B, agreed, as of 2026-04-08 @ en-apr", extract.ReasonFirst}},
		},
		// 105. A fact the backend is unsure of is not a fact.
		{
			class: 105, name: "en: a guessed side at 0.45 with a rival figure raises no conflict",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-02-01", rcDeal(rcCompute, agr, "Orvane:buyer,Nimbra:seller", rcAmount(rcUSD("12e9")),
					rcText("Orvane signed a $12 billion cloud agreement with Nimbra.", 0))),
				rcArticle("en-b", "2026-02-03", rcDeal(rcCompute, agr, "Orvane:buyer,Nimbra:seller", rcAmount(rcUSD("40e9")), rcConf(0.45),
					rcText("The $40 billion agreement was signed on Tuesday.", 0))),
			},
			ids:        []string{"nimbra+orvane/compute_contract"},
			want:       map[string]rcWant{"nimbra+orvane/compute_contract": {R(first), nil, "$12B, agreed, as of 2026-02-01 @ en-a", extract.ReasonOnlySource}},
			unverified: []string{"nimbra+orvane/compute_contract low_confidence"},
		},
		{
			class: 105, name: "es: a deal of one company at 0.4 is no reconciled deal",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-03-01", rcDeal(extract.KindInvestment, extract.DealAnnounced, "Lumbre Datos:investor", rcAmount(rcEUR("500e6")), rcConf(0.4),
					rcText("Lumbre Datos invertirá 500 millones de euros en su nuevo centro de datos.", 0))),
			},
			unverified: []string{"lumbre-datos/investment low_confidence"},
		},
		{
			class: 105, name: "it: an unsure rejection is no status conflict",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-04-08", rcDeal(extract.KindAcquisition, agr, acq, rcAmount(rcEUR("3e9")),
					rcText("Il cda di Valdera ha accettato l'offerta da 3 miliardi di Brenta.", 0))),
				rcArticle("it-b", "2026-05-08", rcDeal(extract.KindAcquisition, rej, acq, rcConf(0.3),
					rcText("L'offerta è stata respinta, secondo indiscrezioni.", 0))),
			},
			ids:        []string{acqID},
			want:       map[string]rcWant{acqID: {R(first), nil, "€3B, agreed, as of 2026-04-08 @ it-a", extract.ReasonOnlySource}},
			unverified: []string{acqID + " low_confidence"},
		},
	}
}

func rcConf(c float64) rcOpt { return func(d *extract.Deal) { d.Confidence = c } }

// rc2Contracts are the scenarios of class 103: several contracts between
// the same two companies over months.
func rc2Contracts() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first     = extract.RelFirst
		increment = extract.RelIncrement
		up        = extract.RelRevisedUp
	)
	agr := extract.DealAgreed
	sup := "Orvane:customer,Pellino Chips:supplier"
	supID := "orvane+pellino-chips/chip_supply"
	upTo := func(m *extract.Money) *extract.Money { return rcQual(m, figures.UpTo) }
	return []rcScenario{
		{
			class: 103, name: "en: a further contract, then a new agreement bringing the total to $4.2B",
			in: []extract.ArticleResult{
				rcArticle("en-mar", "2026-03-03", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("1.9e9"), "$1.9 billion")),
					rcText("Orvane signed a $1.9 billion contract with Pellino Chips.", 0))),
				rcArticle("en-may", "2026-05-12", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("0.8e9"), "$0.8 billion")),
					rcText("Orvane signed a further contract worth $0.8 billion with Pellino Chips.", 0))),
				rcArticle("en-sep", "2026-09-01", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(upTo(rcTextMoney(rcUSD("1.5e9"), "$1.5 billion"))),
					rcText("Orvane and Pellino Chips signed a new agreement of up to $1.5 billion, bringing the total to $4.2 billion.", 0))),
			},
			ids:  []string{supID},
			want: map[string]rcWant{supID: {R(first, increment, increment), nil, "$4.2B, agreed, as of 2026-09-01 @ en-sep", extract.ReasonStatedRevision}},
		},
		{
			// The third article recalls the second contract as "a further
			// $0.8 billion": a background mention, so it never makes the
			// article's own contract an increment of $0.8B.
			class: 103, name: "en: a third contract whose article recalls 'a further $0.8 billion' as background",
			in: []extract.ArticleResult{
				rcArticle("en-mar", "2026-03-03", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("1.9e9"), "$1.9 billion")),
					rcText("Orvane signed a $1.9 billion contract with Pellino Chips.", 0))),
				rcArticle("en-may", "2026-05-12", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("0.8e9"), "$0.8 billion")),
					rcText("Orvane signed a further contract worth $0.8 billion with Pellino Chips.", 0))),
				rcArticle("en-sep", "2026-09-01",
					rcDeal(extract.KindChipSupply, agr, sup, rcAmount(upTo(rcTextMoney(rcUSD("1.5e9"), "$1.5 billion"))),
						rcText("Orvane has signed a third contract with Pellino Chips, worth up to $1.5 billion.", 0)),
					rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("1.9e9"), "$1.9 billion")), rcBackground(),
						rcText("They have now signed three contracts: $1.9 billion in March, a further $0.8 billion in May, and now up to $1.5 billion.", 90)),
					rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("0.8e9"), "$0.8 billion")), rcBackground(),
						rcText("They have now signed three contracts: $1.9 billion in March, a further $0.8 billion in May, and now up to $1.5 billion.", 90))),
			},
			ids:  []string{supID},
			want: map[string]rcWant{supID: {R(first, increment, increment, extract.RelRestated), nil, "$4.2B, agreed, as of 2026-09-01 @ en-sep", extract.ReasonStatedRevision}},
		},
		{
			class: 103, name: "it: un ulteriore contratto, poi il totale di 4,2 miliardi",
			in: []extract.ArticleResult{
				rcArticle("it-mar", "2026-03-03", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("1.9e9"), "1,9 miliardi")),
					rcText("Orvane ha firmato con Pellino Chips un contratto da 1,9 miliardi di dollari.", 0))),
				rcArticle("it-mag", "2026-05-12", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("0.8e9"), "800 milioni")),
					rcText("Orvane ha firmato un ulteriore contratto da 800 milioni di dollari con Pellino Chips.", 0))),
				rcArticle("it-set", "2026-09-01", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("4.2e9"), "4,2 miliardi")),
					rcText("Con il nuovo accordo il valore complessivo dei contratti sale a un totale di 4,2 miliardi di dollari.", 0))),
			},
			ids:  []string{supID},
			want: map[string]rcWant{supID: {R(first, increment, up), nil, "$4.2B, agreed, as of 2026-09-01 @ it-set", extract.ReasonStatedRevision}},
		},
		{
			class: 103, name: "es: otro contrato y un nuevo contrato, both added",
			in: []extract.ArticleResult{
				rcArticle("es-mar", "2026-03-03", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("1900e6"), "1.900 millones")),
					rcText("Orvane firmó un contrato de 1.900 millones de dólares con Pellino Chips.", 0))),
				rcArticle("es-may", "2026-05-12", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("800e6"), "800 millones")),
					rcText("Orvane firmó otro contrato de 800 millones de dólares con Pellino Chips.", 0))),
				rcArticle("es-sep", "2026-09-01", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(upTo(rcTextMoney(rcUSD("1500e6"), "1.500 millones"))),
					rcText("Orvane y Pellino Chips firmaron un nuevo contrato de hasta 1.500 millones de dólares.", 0))),
			},
			ids:  []string{supID},
			want: map[string]rcWant{supID: {R(first, increment, increment), nil, "$4.2B, agreed, as of 2026-09-01 @ es-sep", extract.ReasonStatedRevision}},
		},
		{
			class: 103, name: "en: the new contract and the stated total as two facts of one article",
			in: []extract.ArticleResult{
				rcArticle("en-mar", "2026-03-03", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("1.9e9"), "$1.9 billion")),
					rcText("Orvane signed a $1.9 billion contract with Pellino Chips.", 0))),
				rcArticle("en-may", "2026-05-12", rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcTextMoney(rcUSD("0.8e9"), "$0.8 billion")),
					rcText("Orvane signed an additional $0.8 billion contract with Pellino Chips.", 0))),
				rcArticle("en-sep", "2026-09-01",
					rcDeal(extract.KindChipSupply, agr, sup, rcAmount(upTo(rcStart(rcTextMoney(rcUSD("1.5e9"), "$1.5 billion"), 60))),
						rcText("Orvane and Pellino Chips signed a new agreement of up to $1.5 billion.", 0)),
					rcDeal(extract.KindChipSupply, agr, sup, rcAmount(rcStart(rcTextMoney(rcUSD("4.2e9"), "$4.2 billion"), 140)),
						rcText("That brings the total of their contracts to $4.2 billion.", 100))),
			},
			ids:  []string{supID},
			want: map[string]rcWant{supID: {R(first, increment, increment), nil, "$4.2B, agreed, as of 2026-09-01 @ en-sep", extract.ReasonStatedRevision}},
		},
	}
}

// rc2Rounds are the scenarios of class 104: a figure-less round named
// with its raiser only, and the investor's deal in the same round.
func rc2Rounds() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const first = extract.RelFirst
	done := extract.DealCompleted
	round := "Kestrel Compute:raiser"
	inv := "Sorrel Capital:investor,Kestrel Compute:investee"
	return []rcScenario{
		{
			class: 104, name: "en: the round and the investor's $300M in one article",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-02-10",
					rcDeal(extract.KindFundingRound, done, round, rcText("Kestrel Compute closed a round led by Sorrel Capital.", 0)),
					rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("300e6")), rcText("Sorrel Capital put $300 million into Kestrel Compute.", 60))),
			},
			ids:  []string{"kestrel-compute+sorrel-capital/investment"},
			want: map[string]rcWant{"kestrel-compute+sorrel-capital/investment": {R(first), nil, "$300M, completed, as of 2026-02-10 @ en-a", extract.ReasonOnlySource}},
		},
		{
			class: 104, name: "es: the round one day, the investor's figure four days later",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-02-10", rcDeal(extract.KindFundingRound, done, round, rcText("Kestrel Compute cerró una ronda liderada por Sorrel Capital.", 0))),
				rcArticle("es-b", "2026-02-14", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcUSD("300e6")), rcText("Sorrel Capital invirtió 300 millones de dólares en Kestrel Compute.", 0))),
			},
			ids:  []string{"kestrel-compute+sorrel-capital/investment"},
			want: map[string]rcWant{"kestrel-compute+sorrel-capital/investment": {R(first, extract.RelAdditionalDetail), nil, "$300M, completed, as of 2026-02-14 @ es-b", extract.ReasonLatest}},
		},
		{
			class: 104, name: "it: two investors' deals near the round: it stays apart",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-02-10", rcDeal(extract.KindFundingRound, done, round, rcText("Kestrel Compute ha chiuso un round guidato da Sorrel Capital.", 0))),
				rcArticle("it-b", "2026-02-20", rcDeal(extract.KindInvestment, done, inv, rcAmount(rcEUR("280e6")), rcText("Sorrel Capital ha investito 280 milioni di euro in Kestrel Compute.", 0))),
				rcArticle("it-c", "2026-02-25", rcDeal(extract.KindInvestment, done, "Bramble Ventures:investor,Kestrel Compute:investee", rcAmount(rcEUR("50e6")), rcText("Bramble Ventures ha investito 50 milioni di euro in Kestrel Compute.", 0))),
			},
			ids:  []string{"bramble-ventures+kestrel-compute/investment", "kestrel-compute+sorrel-capital/investment", "kestrel-compute/funding_round"},
			want: map[string]rcWant{"kestrel-compute+sorrel-capital/investment": {R(first), nil, "€280M, completed, as of 2026-02-20 @ it-b", extract.ReasonOnlySource}},
		},
	}
}

// rc2Ventures are the scenarios of class 102: a joint venture the
// gazetteer does not know, named with its members in one article, by
// its members or by itself in others.
func rc2Ventures() []rcScenario {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	const (
		first = extract.RelFirst
		same  = extract.RelSame
	)
	agr := extract.DealAgreed
	all := "Solara:supplier,Ferrovia Energia:supplier,Orbis Infrastructure:supplier,Valdera:customer"
	members := "Ferrovia Energia:supplier,Orbis Infrastructure:supplier,Valdera:customer"
	venture := "Solara:supplier,Valdera:customer"
	partners := "Solara:supplier,Ferrovia Energia:partner,Orbis Infrastructure:partner,Valdera:customer"
	id := "solara+valdera/chip_supply"
	k := extract.KindChipSupply
	return []rcScenario{
		{
			class: 102, name: "en/it/es: the venture with its members, the members alone, the venture alone",
			in: []extract.ArticleResult{
				rcArticle("en-mar", "2026-03-03", rcDeal(k, agr, partners, rcAmount(rcEUR("600e6")),
					rcText("Solara, the joint venture of Ferrovia Energia and Orbis Infrastructure, signs a €600 million supply deal with Valdera.", 0))),
				rcArticle("it-mar", "2026-03-04", rcDeal(k, agr, members, rcAmount(rcEUR("600e6")),
					rcText("Ferrovia Energia e Orbis Infrastructure firmano con Valdera un contratto di fornitura da 600 milioni di euro.", 0))),
				rcArticle("es-mar", "2026-03-05", rcDeal(k, agr, venture, rcAmount(rcEUR("600e6")),
					rcText("Solara firma con Valdera un contrato de suministro de 600 millones de euros.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same, same), nil, "€600M, agreed, as of 2026-03-05 @ es-mar", extract.ReasonLatest}},
		},
		{
			// The backend lists only the venture as a party; its members are
			// named in the venture's clause, and other articles name them
			// as parties.
			class: 102, name: "it/es/en: members named only in the venture's clause",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-03-03", rcDeal(k, agr, venture, rcAmount(rcEUR("600e6")),
					rcText("Solara, la joint venture creata da Ferrovia Energia e Orbis Infrastructure, ha firmato un accordo da 600 milioni di euro con Valdera.", 0))),
				rcArticle("es-b", "2026-03-04", rcDeal(k, agr, members, rcAmount(rcEUR("600e6")),
					rcText("Ferrovia Energia y Orbis Infrastructure firmaron con Valdera un contrato de 600 millones de euros.", 0))),
				rcArticle("en-c", "2026-03-05", rcDeal(k, agr, venture, rcAmount(rcEUR("600e6")),
					rcText("Solara signed a €600 million supply deal with Valdera.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same, same), nil, "€600M, agreed, as of 2026-03-05 @ en-c", extract.ReasonLatest}},
		},
		{
			class: 102, name: "it: la joint venture Solara di Ferrovia Energia e Orbis Infrastructure, and the members alone",
			in: []extract.ArticleResult{
				rcArticle("it-a", "2026-03-03", rcDeal(k, agr, all, rcAmount(rcEUR("600e6")),
					rcText("Valdera ha firmato con la joint venture Solara (Ferrovia Energia e Orbis Infrastructure) un contratto da 600 milioni di euro.", 0))),
				rcArticle("it-b", "2026-03-10", rcDeal(k, agr, members, rcAmount(rcEUR("600e6")),
					rcText("Ferrovia Energia e Orbis Infrastructure forniranno a Valdera 600 milioni di euro di impianti.", 0))),
				rcArticle("it-c", "2026-03-12", rcDeal(k, agr, venture, rcAmount(rcEUR("600e6")),
					rcText("Solara fornirà a Valdera impianti per 600 milioni di euro.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same, same), nil, "€600M, agreed, as of 2026-03-12 @ it-c", extract.ReasonLatest}},
		},
		{
			class: 102, name: "es: Ferrovia Energia y Orbis Infrastructure, a través de su empresa conjunta Solara",
			in: []extract.ArticleResult{
				rcArticle("es-a", "2026-03-03", rcDeal(k, agr, members, rcAmount(rcEUR("600e6")),
					rcText("Ferrovia Energia y Orbis Infrastructure suministrarán a Valdera equipos por 600 millones de euros.", 0))),
				rcArticle("es-b", "2026-03-06", rcDeal(k, agr, all, rcAmount(rcEUR("600e6")),
					rcText("Ferrovia Energia y Orbis Infrastructure, a través de su empresa conjunta Solara, firmaron con Valdera un contrato de 600 millones de euros.", 0))),
				rcArticle("es-c", "2026-03-09", rcDeal(k, agr, venture, rcAmount(rcEUR("600e6")),
					rcText("Solara y Valdera firmaron un contrato de 600 millones de euros.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same, same), nil, "€600M, agreed, as of 2026-03-09 @ es-c", extract.ReasonLatest}},
		},
		{
			class: 102, name: "en: co-signers with no venture cue stay co-signers",
			in: []extract.ArticleResult{
				rcArticle("en-a", "2026-03-03", rcDeal(k, agr, all, rcAmount(rcEUR("600e6")),
					rcText("Solara, Ferrovia Energia and Orbis Infrastructure sign a €600 million supply deal with Valdera.", 0))),
				rcArticle("en-b", "2026-03-05", rcDeal(k, agr, venture, rcAmount(rcEUR("600e6")),
					rcText("Solara signs a €600 million supply deal with Valdera.", 0))),
			},
			ids:  []string{id},
			want: map[string]rcWant{id: {R(first, same), nil, "€600M, agreed, as of 2026-03-05 @ en-b", extract.ReasonLatest}},
		},
	}
}

package reconcile_test

import (
	"github.com/dealwatch/dealwatch/extract"
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

package reconcile_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// The seed corpus's article ids (testdata/corpus at the top level).
const (
	seedIT38   = "sha256:baae7c18990669dd" // it, Nov 2025: 38 miliardi di dollari
	seedIT138  = "sha256:edc98d162f4fd3bb" // it, 2026-02-27: sale da 38 a oltre 138 miliardi; $50B investment
	seedITOrcl = "sha256:0102779e2f349013" // it, undated: Oracle 30 miliardi l'anno
	seedES38   = "sha256:0bef4da26b80effb" // es, Nov 2025: $38 mil millones; Microsoft $250 mil millones
	seedTable  = "sha256:b01a9549d376df04" // en/it, April 2026: tables; $50B offer rejected
)

// rcSeedLike builds by hand the facts the seed articles state, as a
// backend that reads them right would report them.
func rcSeedLike() []extract.ArticleResult {
	aws := "Amazon:seller,OpenAI:buyer"
	ev := func(s string, start int) []rcOpt { return []rcOpt{rcSays(s), rcAt(start)} }
	with := func(base []rcOpt, more ...rcOpt) []rcOpt { return append(more, base...) }
	return []extract.ArticleResult{
		rcArticle(seedIT38, "2025-11-03",
			rcDeal(rcCompute, extract.DealAnnounced, aws, with(ev("OpenAI ha appena firmato un accordo colossale con Amazon Web Services dal valore di 38 miliardi di dollari, uno dei più grandi della storia recente del settore tecnologico.", 420),
				rcAmount(rcUSD("38e9")))...),
		),
		rcArticle(seedES38, "2025-11-03",
			rcDeal(rcCompute, extract.DealAgreed, aws, with(ev("El 3 de noviembre de 2025, OpenAI se comprometió a un contrato de siete años para comprar $38 mil millones en capacidad de cómputo a AWS.", 600),
				rcAmount(rcUSD("38000e6")), rcTerm(7), rcHardware("GB200", "GB300"))...),
			rcDeal(rcCompute, extract.DealAgreed, "OpenAI:buyer,Microsoft:seller", with(ev("Para asegurar esta libertad estratégica, OpenAI ya había firmado un nuevo contrato de $250 mil millones para comprar servicios de Microsoft Azure.", 1500),
				rcAmount(rcUSD("250000e6")))...),
		),
		rcArticle(seedIT138, "2026-02-27",
			rcDeal(rcInvest, extract.DealAnnounced, "Amazon:investor,OpenAI:investee", with(ev("un investimento da 50 miliardi di dollari (15 immediati, 35 legati a condizioni non specificate)", 300),
				rcAmount(rcUSD("50e9")), rcTranches(rcTranche(rcUSD("15e9"), extract.TrancheUpfront), rcTranche(rcUSD("35e9"), extract.TrancheConditional)))...),
			rcDeal(rcCompute, extract.DealExpanded, aws, with(ev("un impegno complessivo sull’infrastruttura AWS che sale da 38 a oltre 138 miliardi.", 420),
				rcAmount(rcQual(rcUSD("138e9"), figures.Over)), rcPrevious(rcUSD("38e9")))...),
			rcDeal(rcCompute, extract.DealAnnounced, aws, with(ev("Stavolta invece OpenAI si impegna a usare circa 2 gigawatt di capacità sui chip Trainium", 900),
				rcCapacity("2", "GW", ""), rcHardware("Trainium", "Trainium4"))...),
		),
		rcArticle(seedITOrcl, "",
			rcDeal(rcCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", with(ev("Oracle, ad esempio, si è assicurata un accordo da 30 miliardi l’anno con OpenAI per offrire data center dedicati.", 3000),
				rcAmount(rcPerYear(rcUSD("30e9"))))...),
		),
		rcArticle(seedTable, "2026-04",
			rcDeal(rcInvest, extract.DealOffered, "Amazon:investor,OpenAI:investee", with(ev("| Amazon | OpenAI (offered) | $50B | Compute credits + equity | AWS infrastructure |", 5000),
				rcAmount(rcUSD("50e9")))...),
			rcDeal(rcInvest, extract.DealRejected, "Amazon:investor,OpenAI:investee", with(ev("The $50 billion offer to OpenAI was rejected, but the door remains open.", 9000),
				rcAmount(rcUSD("50e9")))...),
			rcDeal(rcInvest, extract.DealCompleted, "Microsoft:investor,OpenAI:investee", with(ev("| Microsoft | OpenAI | $13B | Equity + compute credits | Azure exclusive |", 5100),
				rcAmount(rcUSD("13e9")))...),
			rcDeal(rcCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", with(ev("| Oracle | OpenAI | $10B | Compute credits | Oracle OCI clusters |", 5300),
				rcAmount(rcUSD("10e9")))...),
		),
	}
}

// TestReconcileSeedLike checks the outcomes the issue asks of the seed
// corpus, on facts built by hand. The golden over the pipeline's own
// output lives with the rules backend.
func TestReconcileSeedLike(t *testing.T) {
	deals := reconcile.Reconcile(rcSeedLike())

	aws := rcFind(t, deals, "amazon+openai/compute_contract")
	if got, want := extract.DescribeCurrent(aws.Current), "over $138B, expanded, as of 2026-02-27"; got != want {
		t.Errorf("AWS current = %q, want %q", got, want)
	}
	if aws.Current.Article != seedIT138 {
		t.Errorf("AWS current article = %s, want %s", aws.Current.Article, seedIT138)
	}
	if got, want := rcRelations(aws), []extract.Relation{extract.RelFirst, extract.RelSame, extract.RelRevisedUp}; !reflect.DeepEqual(got, want) {
		t.Errorf("AWS relations = %v, want %v (%v)", got, want, rcNotes(aws))
	}
	if aws.Review != extract.ReviewNone || len(aws.Conflicts) != 0 {
		t.Errorf("AWS: review %s, conflicts %v; want none", aws.Review, aws.Conflicts)
	}
	if aws.Sources() != 3 {
		t.Errorf("AWS sources = %d, want 3", aws.Sources())
	}
	last := aws.History[len(aws.History)-1]
	if len(last.Evidence) != 2 || !strings.Contains(last.Evidence[0].Text, "da 38 a oltre 138") || len(last.Capacity) != 1 {
		t.Errorf("AWS Feb view: evidence %v, capacity %v; want the revision sentence and the Trainium capacity", last.Evidence, last.Capacity)
	}

	oracle := rcFind(t, deals, "openai+oracle/compute_contract")
	if oracle.Review != extract.ReviewNeeded || !reflect.DeepEqual(rcConflicts(oracle), []string{"period/per_year_vs_total"}) {
		t.Errorf("Oracle: review %s, conflicts %v; want needed, period/per_year_vs_total", oracle.Review, rcConflicts(oracle))
	}

	inv := rcFind(t, deals, "amazon+openai/investment")
	if inv.Review != extract.ReviewNeeded || !reflect.DeepEqual(rcConflicts(inv), []string{"status/status"}) {
		t.Errorf("Amazon investment: review %s, conflicts %v; want needed, status/status", inv.Review, rcConflicts(inv))
	}
	if inv.Current.Status != extract.DealAnnounced || inv.Current.Article != seedIT138 {
		t.Errorf("Amazon investment current = %+v, want announced in %s", inv.Current, seedIT138)
	}

	for _, id := range []string{"microsoft+openai/compute_contract", "microsoft+openai/investment"} {
		d := rcFind(t, deals, id)
		if d.Review != extract.ReviewNone || len(d.History) != 1 {
			t.Errorf("%s: review %s, %d views; want none, 1", id, d.Review, len(d.History))
		}
	}
	if got := extract.FormatMoney(rcFind(t, deals, "microsoft+openai/compute_contract").Current.Amount); got != "$250B" {
		t.Errorf("Microsoft compute = %s, want $250B", got)
	}
}

package reconcile_test

import (
	"encoding/json"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

const (
	rcCompute = extract.KindCompute
	rcInvest  = extract.KindInvestment
	rcAWS     = "Amazon:seller,OpenAI:buyer"
	rcAWSID   = "amazon+openai/compute_contract"
	rcInv     = "Amazon:investor,OpenAI:investee"
	rcInvID   = "amazon+openai/investment"
)

// rcCase is one reconciliation scenario: what the deal's history,
// conflicts and current figure must be.
type rcCase struct {
	name      string
	in        []extract.ArticleResult
	id        string
	relations []extract.Relation
	conflicts []string // "field/cause"
	current   string   // DescribeCurrent + " @ " + article
}

// rcCases covers every relation and every conflict cause.
func rcCases() []rcCase {
	R := func(rs ...extract.Relation) []extract.Relation { return rs }
	C := func(cs ...string) []string { return cs }
	const (
		first    = extract.RelFirst
		same     = extract.RelSame
		up       = extract.RelRevisedUp
		down     = extract.RelRevisedDown
		restated = extract.RelRestated
		conflict = extract.RelConflict
		detail   = extract.RelAdditionalDetail
	)
	ann, agr, exp := extract.DealAnnounced, extract.DealAgreed, extract.DealExpanded
	return []rcCase{
		{
			name: "first only",
			in:   []extract.ArticleResult{rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9"))))},
			id:   rcAWSID, relations: R(first), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "same figure in other words: 38 miliardi = 38.000 millones",
			in: []extract.ArticleResult{
				rcArticle("it", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("es", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38000e6")))),
			},
			id: rcAWSID, relations: R(first, same), current: "$38B, announced, as of 2025-11-04 @ es",
		},
		{
			name: "same within rounding",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-05", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38.1e9")))),
			},
			id: rcAWSID, relations: R(first, same), current: "$38.1B, announced, as of 2025-11-05 @ a2",
		},
		{
			name: "revised up: previous amount stated",
			in: []extract.ArticleResult{
				rcArticle("nov", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("feb", "2026-02-27", rcDeal(rcCompute, exp, rcAWS, rcAmount(rcQual(rcUSD("138e9"), figures.Over)), rcPrevious(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, up), current: "over $138B, expanded, as of 2026-02-27 @ feb",
		},
		{
			name: "revised down: previous amount stated",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("100e9")))),
				rcArticle("a2", "2026-01-10", rcDeal(rcCompute, agr, rcAWS, rcAmount(rcUSD("80e9")), rcPrevious(rcUSD("100e9")))),
			},
			id: rcAWSID, relations: R(first, down), current: "$80B, agreed, as of 2026-01-10 @ a2",
		},
		{
			name: "revised up: the deal is expanded, no previous amount",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2026-02-27", rcDeal(rcCompute, exp, rcAWS, rcAmount(rcUSD("138e9")))),
			},
			id: rcAWSID, relations: R(first, up), current: "$138B, expanded, as of 2026-02-27 @ a2",
		},
		{
			name: "restated: another qualifier",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-12-01", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcQual(rcUSD("38e9"), figures.About)))),
			},
			id: rcAWSID, relations: R(first, restated), current: "about $38B, announced, as of 2025-12-01 @ a2",
		},
		{
			name: "restated: a figure inside an earlier range",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(func() *extract.Money {
					m := rcQual(rcUSD("10e9"), figures.Range)
					hi := figures.MustDecimal("15e9")
					m.Max = &hi
					return m
				}()))),
				rcArticle("a2", "2025-12-01", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("12e9")))),
			},
			id: rcAWSID, relations: R(first, restated), current: "$12B, announced, as of 2025-12-01 @ a2",
		},
		{
			name: "restated: status moves on",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-12-01", rcDeal(rcCompute, extract.DealCompleted, rcAWS, rcAmount(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, restated), current: "$38B, completed, as of 2025-12-01 @ a2",
		},
		{
			name: "restated: the figure before a revision does not move current",
			in: []extract.ArticleResult{
				rcArticle("nov", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("feb", "2026-02-27", rcDeal(rcCompute, exp, rcAWS, rcAmount(rcUSD("138e9")), rcPrevious(rcUSD("38e9")))),
				rcArticle("apr", "2026-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, up, restated), current: "$138B, expanded, as of 2026-02-27 @ feb",
		},
		{
			name: "restated: the revision's own previous amount, in an older article dated after it",
			in: []extract.ArticleResult{
				rcArticle("feb", "", rcDeal(rcCompute, exp, rcAWS, rcAmount(rcUSD("138e9")), rcPrevious(rcUSD("38e9")))),
				rcArticle("nov", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, restated), current: "$138B, expanded, undated @ feb",
		},
		{
			name: "additional detail: a forecast is not the deal's figure",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-04", rcDeal(rcInvest, ann, "Amazon:investor,Anthropic:investee", rcAmount(rcUSD("25e9")), rcAt(10)),
					rcDeal(rcInvest, extract.DealPredicted, "Amazon:investor,Anthropic:investee", rcAmount(rcUSD("10e9")), rcAt(900))),
			},
			id: "amazon+anthropic/investment", relations: R(first, detail), current: "$25B, announced, as of 2026-04 @ a1",
		},
		{
			name: "additional detail: a confirmed figure after a forecast",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-01-10", rcDeal(rcInvest, extract.DealPredicted, "Amazon:investor,Anthropic:investee", rcAmount(rcUSD("10e9")))),
				rcArticle("a2", "2025-06-10", rcDeal(rcInvest, agr, "Amazon:investor,Anthropic:investee", rcAmount(rcUSD("8e9")))),
			},
			id: "amazon+anthropic/investment", relations: R(first, detail), current: "$8B, agreed, as of 2025-06-10 @ a2",
		},
		{
			name: "additional detail: tranches that sum to the total",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-02-27", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("50e9")))),
				rcArticle("a2", "2026-03-01", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("50e9")),
					rcTranches(rcTranche(rcUSD("15e9"), extract.TrancheUpfront), rcTranche(rcUSD("35e9"), extract.TrancheConditional)))),
			},
			id: rcInvID, relations: R(first, detail), current: "$50B, announced, as of 2026-03-01 @ a2",
		},
		{
			name: "additional detail: capacity-only fact joins the amount fact",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2026-02-27", rcDeal(rcCompute, ann, rcAWS, rcCapacity("2", "GW", ""), rcHardware("Trainium"))),
			},
			id: rcAWSID, relations: R(first, detail), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "additional detail: a figure for a deal known by its capacity",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-10-01", rcDeal(rcCompute, ann, rcAWS, rcCapacity("2", "GW", ""))),
				rcArticle("a2", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, detail), current: "$38B, announced, as of 2025-11-03 @ a2",
		},
		{
			name: "additional detail: per year times term is the total",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-09-10", rcDeal(rcCompute, agr, "Oracle:seller,OpenAI:buyer", rcAmount(rcUSD("300e9")), rcTerm(5))),
				rcArticle("a2", "2025-09-12", rcDeal(rcCompute, agr, "Oracle:seller,OpenAI:buyer", rcAmount(rcPerYear(rcUSD("60e9"))))),
			},
			id: "openai+oracle/compute_contract", relations: R(first, detail), current: "$300B, agreed, as of 2025-09-10 @ a1",
		},
		{
			name: "conflict: inserted digit, no revision stated",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("138e9")))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/digit"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: dropped digit, no revision stated",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("138e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/digit"), current: "$138B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: a factor of 10",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("380e9")))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/digit"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: transposed digits",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("83e9")))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/digit"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: 10^3 scale slip (billones read as billions)",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, extract.DealPlanned, "OpenAI:buyer,Nvidia:supplier", rcAmount(rcUSD("1.4e12")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, extract.DealPlanned, "OpenAI:buyer,Nvidia:supplier", rcAmount(rcUSD("1.4e9")))),
			},
			id: "nvidia+openai/compute_contract", relations: R(first, conflict), conflicts: C("amount/scale"), current: "$1.4T, planned, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: currency mismatch",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcMoney("38e9", "EUR")))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/currency"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: tranche reported as the total",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-02-27", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("50e9")),
					rcTranches(rcTranche(rcUSD("15e9"), extract.TrancheUpfront), rcTranche(rcUSD("35e9"), extract.TrancheConditional)))),
				rcArticle("a2", "2026-03-01", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("15e9")))),
			},
			id: rcInvID, relations: R(first, conflict), conflicts: C("amount/tranche_as_total"), current: "$50B, announced, as of 2026-02-27 @ a1",
		},
		{
			name: "conflict: an earlier article reported a tranche as the total",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-02-20", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("15e9")))),
				rcArticle("a2", "2026-02-27", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("50e9")),
					rcTranches(rcTranche(rcUSD("15e9"), extract.TrancheUpfront), rcTranche(rcUSD("35e9"), extract.TrancheConditional)))),
			},
			id: rcInvID, relations: R(first, conflict), conflicts: C("amount/tranche_as_total"), current: "$15B, announced, as of 2026-02-20 @ a1",
		},
		{
			name: "conflict: per year against a total (undated article first)",
			in: []extract.ArticleResult{
				rcArticle("tbl", "2026-04", rcDeal(rcCompute, agr, "Oracle:seller,OpenAI:buyer", rcAmount(rcUSD("10e9")))),
				rcArticle("it", "", rcDeal(rcCompute, agr, "Oracle:seller,OpenAI:buyer", rcAmount(rcPerYear(rcUSD("30e9"))))),
			},
			id: "openai+oracle/compute_contract", relations: R(first, conflict), conflicts: C("period/per_year_vs_total"), current: "$30B/yr, agreed, undated @ it",
		},
		{
			name: "conflict: two revisions of one figure",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2026-02-27", rcDeal(rcCompute, exp, rcAWS, rcAmount(rcUSD("138e9")), rcPrevious(rcUSD("38e9")))),
				rcArticle("a3", "2026-03-01", rcDeal(rcCompute, exp, rcAWS, rcAmount(rcUSD("100e9")), rcPrevious(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, up, conflict), conflicts: C("amount/revision_mismatch"), current: "$138B, expanded, as of 2026-02-27 @ a2",
		},
		{
			name: "conflict: different figures, unexplained",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("45e9")))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/unexplained"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: announced, then rejected",
			in: []extract.ArticleResult{
				rcArticle("feb", "2026-02-27", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("50e9")))),
				rcArticle("apr", "2026-04", rcDeal(rcInvest, extract.DealRejected, rcInv, rcAmount(rcUSD("50e9")))),
			},
			id: rcInvID, relations: R(first, conflict), conflicts: C("status/status"), current: "$50B, announced, as of 2026-02-27 @ feb",
		},
		{
			name: "conflict: agreed, then only an offer",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-02-27", rcDeal(rcInvest, agr, rcInv, rcAmount(rcUSD("50e9")))),
				rcArticle("a2", "2026-04", rcDeal(rcInvest, extract.DealOffered, rcInv, rcAmount(rcUSD("50e9")))),
			},
			id: rcInvID, relations: R(first, conflict), conflicts: C("status/status"), current: "$50B, agreed, as of 2026-02-27 @ a1",
		},
		{
			name: "no conflict: offered, then rejected",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-02-27", rcDeal(rcInvest, extract.DealOffered, rcInv, rcAmount(rcUSD("50e9")))),
				rcArticle("a2", "2026-04", rcDeal(rcInvest, extract.DealRejected, rcInv, rcAmount(rcUSD("50e9")))),
			},
			id: rcInvID, relations: R(first, restated), current: "$50B, rejected, as of 2026-04 @ a2",
		},
		{
			name: "conflict: parties in opposite roles",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-01-01", rcDeal(rcInvest, ann, rcInv, rcAmount(rcUSD("10e9")))),
				rcArticle("a2", "2026-01-02", rcDeal(rcInvest, ann, "Amazon:investee,OpenAI:investor", rcAmount(rcUSD("10e9")))),
			},
			id: rcInvID, relations: R(first, conflict), conflicts: C("parties/roles"), current: "$10B, announced, as of 2026-01-01 @ a1",
		},
		{
			name: "conflict: term in years",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")), rcTerm(7))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")), rcTerm(5))),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("term_years/term"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "conflict: capacity for the same purpose",
			in: []extract.ArticleResult{
				rcArticle("a1", "2026-02-27", rcDeal(rcCompute, ann, "OpenAI:buyer,Nvidia:supplier", rcCapacity("3", "GW", "inference"))),
				rcArticle("a2", "2026-03-01", rcDeal(rcCompute, ann, "OpenAI:buyer,Nvidia:supplier", rcCapacity("5", "GW", "inference"))),
			},
			id: "nvidia+openai/compute_contract", relations: R(first, conflict), conflicts: C("capacity/capacity"), current: "no figure, announced, as of 2026-02-27 @ a1",
		},
		{
			name: "ungrounded facts never count",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("380e9")), rcUngrounded())),
			},
			id: rcAWSID, relations: R(first), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "dates of different precision: year, then month, then day",
			in: []extract.ArticleResult{
				rcArticle("day", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("month", "2025-11", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("year", "2025", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
			},
			id: rcAWSID, relations: R(first, same, same), current: "$38B, announced, as of 2025-11-03 @ day",
		},
		{
			name: "one article: repeated figure, its previous amount and a capacity fact are one view",
			in: []extract.ArticleResult{
				rcArticle("nov", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("feb", "2026-02-27",
					rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")), rcAt(10)),
					rcDeal(rcCompute, exp, rcAWS, rcAmount(rcUSD("138e9")), rcPrevious(rcUSD("38e9")), rcAt(200)),
					rcDeal(rcCompute, ann, rcAWS, rcCapacity("2", "GW", ""), rcAt(400)),
				),
			},
			id: rcAWSID, relations: R(first, up), current: "$138B, expanded, as of 2026-02-27 @ feb",
		},
		{
			name: "one article, two unrelated figures: two views",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03",
					rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")), rcAt(10)),
					rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("45e9")), rcAt(500)),
				),
			},
			id: rcAWSID, relations: R(first, conflict), conflicts: C("amount/unexplained"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
		{
			name: "a later article repeating a conflicting figure joins the conflict",
			in: []extract.ArticleResult{
				rcArticle("a1", "2025-11-03", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("38e9")))),
				rcArticle("a2", "2025-11-04", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("45e9")))),
				rcArticle("a3", "2025-11-05", rcDeal(rcCompute, ann, rcAWS, rcAmount(rcUSD("45e9")))),
			},
			id: rcAWSID, relations: R(first, conflict, conflict), conflicts: C("amount/unexplained"), current: "$38B, announced, as of 2025-11-03 @ a1",
		},
	}
}

func TestReconcileRelations(t *testing.T) {
	for _, tc := range rcCases() {
		t.Run(tc.name, func(t *testing.T) {
			d := rcFind(t, reconcile.Reconcile(tc.in), tc.id)
			if got := rcRelations(d); !reflect.DeepEqual(got, tc.relations) {
				t.Errorf("relations = %v, want %v\nhistory notes: %v", got, tc.relations, rcNotes(d))
			}
			if got := rcConflicts(d); !reflect.DeepEqual(got, tc.conflicts) {
				t.Errorf("conflicts = %v, want %v\nnotes: %v", got, tc.conflicts, d.Conflicts)
			}
			if got := extract.DescribeCurrent(d.Current) + " @ " + d.Current.Article; got != tc.current {
				t.Errorf("current = %q, want %q", got, tc.current)
			}
			wantReview := extract.ReviewNone
			if len(tc.conflicts) > 0 {
				wantReview = extract.ReviewNeeded
			}
			if d.Review != wantReview {
				t.Errorf("review = %q, want %q", d.Review, wantReview)
			}
			for _, c := range d.Conflicts {
				if c.Note == "" || len(c.Values) != len(c.Articles) || len(c.Articles) < 2 {
					t.Errorf("conflict %+v: want a note and one value per article (at least two)", c)
				}
			}
		})
	}
}

func rcNotes(d extract.ReconciledDeal) []string {
	var out []string
	for _, h := range d.History {
		out = append(out, string(h.Relation)+": "+h.Note)
	}
	return out
}

// TestReconcileConflictNotes checks that notes name the cause and both
// sources, so a reviewer can act without the JSON.
func TestReconcileConflictNotes(t *testing.T) {
	tests := []struct {
		caseName string
		want     []string
	}{
		{"conflict: inserted digit, no revision stated", []string{"inserted or dropped digit", "$38B", "$138B", "a1", "a2"}},
		{"conflict: transposed digits", []string{"transposed digits", "$83B"}},
		{"conflict: a factor of 10", []string{"a factor of 10", "$380B"}},
		{"conflict: 10^3 scale slip (billones read as billions)", []string{"10^3 scale slip", "$1.4T", "$1.4B"}},
		{"conflict: currency mismatch", []string{"currency mismatch", "€38B in a2"}},
		{"conflict: tranche reported as the total", []string{"tranche reported as the total", "upfront", "$15B", "$50B"}},
		{"conflict: per year against a total (undated article first)", []string{"per-year figure against a total", "$30B/yr", "$10B"}},
		{"conflict: announced, then rejected", []string{"announced in feb (2026-02-27)", "rejected in apr (2026-04)"}},
		{"conflict: parties in opposite roles", []string{"Amazon: investor, OpenAI: investee in a1", "Amazon: investee, OpenAI: investor in a2"}},
		{"conflict: two revisions of one figure", []string{"a3 (2026-03-01) revises $38B to $100B", "a2 (2026-02-27) had already revised it to $138B"}},
		{"conflict: term in years", []string{"7 years in a1", "5 years in a2"}},
		{"conflict: capacity for the same purpose", []string{"3 GW (inference) in a1", "5 GW (inference) in a2"}},
	}
	cases := map[string]rcCase{}
	for _, c := range rcCases() {
		cases[c.name] = c
	}
	for _, tt := range tests {
		tc, ok := cases[tt.caseName]
		if !ok {
			t.Fatalf("no case %q", tt.caseName)
		}
		d := rcFind(t, reconcile.Reconcile(tc.in), tc.id)
		if len(d.Conflicts) == 0 {
			t.Errorf("%s: no conflict", tt.caseName)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(d.Conflicts[0].Note, w) {
				t.Errorf("%s: note %q does not mention %q", tt.caseName, d.Conflicts[0].Note, w)
			}
		}
	}
}

func TestReconcileIdentity(t *testing.T) {
	in := []extract.ArticleResult{
		rcArticle("a1", "2025-11-03",
			rcDeal(rcCompute, extract.DealAgreed, "OpenAI:buyer,Microsoft:seller", rcAmount(rcUSD("250e9")), rcAt(0)),
			rcDeal(rcInvest, extract.DealCompleted, "Microsoft:investor,OpenAI:investee", rcAmount(rcUSD("13e9")), rcAt(100)),
			rcDeal(rcCompute, extract.DealAgreed, " openai :buyer,Microsoft:seller,OpenAI:partner", rcAmount(rcUSD("250e9")), rcAt(200)),
			rcDeal(extract.KindFundingRound, extract.DealAnnounced, "OpenAI:raiser", rcAmount(rcUSD("110e9")), rcAt(300)),
			rcDeal(rcCompute, extract.DealAgreed, ":buyer", rcAmount(rcUSD("1e9")), rcAt(400)),
		),
	}
	got := reconcile.Reconcile(in)
	var ids []string
	for _, d := range got {
		ids = append(ids, d.ID)
	}
	want := []string{"microsoft+openai/compute_contract", "microsoft+openai/investment", "openai/funding_round"}
	if !reflect.DeepEqual(ids, want) {
		t.Fatalf("ids = %v, want %v", ids, want)
	}
	c := rcFind(t, got, "microsoft+openai/compute_contract")
	if !reflect.DeepEqual(c.Parties, []string{"Microsoft", "OpenAI"}) {
		t.Errorf("parties = %v, want [Microsoft OpenAI]", c.Parties)
	}
	if c.Review != extract.ReviewNone || c.Sources() != 1 {
		t.Errorf("compute deal: review %s, %d sources; want none, 1", c.Review, c.Sources())
	}
	un := reconcile.Unverified(in)
	if len(un) != 1 || un[0].Reason != "names no party" {
		t.Errorf("Unverified = %+v, want the deal without a party", un)
	}
}

func TestReconcilePartyNameSpellings(t *testing.T) {
	a := rcArticle("a1", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, "amazon:seller,Openai:buyer", rcAmount(rcUSD("38e9"))))
	b := rcArticle("a2", "2025-11-04", rcDeal(rcCompute, extract.DealAnnounced, "Amazon:seller,OpenAI:buyer", rcAmount(rcUSD("38e9"))))
	for _, in := range [][]extract.ArticleResult{{a, b}, {b, a}} {
		d := rcFind(t, reconcile.Reconcile(in), rcAWSID)
		if !reflect.DeepEqual(d.Parties, []string{"Amazon", "OpenAI"}) {
			t.Errorf("parties = %v, want [Amazon OpenAI] whatever the order", d.Parties)
		}
	}
}

func TestReconcileSkipsFailedResults(t *testing.T) {
	r := rcArticle("a1", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))))
	r.Status = extract.StatusFailed
	if got := reconcile.Reconcile([]extract.ArticleResult{r}); len(got) != 0 {
		t.Errorf("Reconcile(failed result) = %d deals, want 0", len(got))
	}
	if got := reconcile.Reconcile(nil); got == nil || len(got) != 0 {
		t.Errorf("Reconcile(nil) = %#v, want empty non-nil", got)
	}
}

func TestUnverified(t *testing.T) {
	bad := rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("1.4e9")), rcUngrounded())
	r := rcArticle("a2", "2025-11-04", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))), bad)
	r.Warnings = []extract.Warning{{Code: extract.WarnScaleMismatch, Message: "the text reads 1.4 billones = 1400000000000", Deal: extract.Ptr(1)}}
	in := []extract.ArticleResult{r, rcArticle("a1", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))))}
	un := reconcile.Unverified(in)
	if len(un) != 1 {
		t.Fatalf("Unverified = %d facts, want 1", len(un))
	}
	u := un[0]
	if u.DealID != rcAWSID || u.Article != "a2" || deref(u.AsOf) != "2025-11-04" || !strings.Contains(u.Reason, "scale_mismatch") {
		t.Errorf("Unverified[0] = %+v", u)
	}
	d := rcFind(t, reconcile.Reconcile(in), rcAWSID)
	if d.Review != extract.ReviewNone || d.Sources() != 2 {
		t.Errorf("reconciled: review %s, %d sources; want none, 2 (the ungrounded figure must not count)", d.Review, d.Sources())
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestReconcileDeterministic feeds every scenario together, shuffled in
// many ways (results and deals within results), and wants byte-identical
// output.
func TestReconcileDeterministic(t *testing.T) {
	var all []extract.ArticleResult
	for _, c := range rcCases() {
		for _, r := range c.in {
			r.Article.ID = c.name + "/" + r.Article.ID // keep scenarios' articles apart
			all = append(all, r)
		}
	}
	all = append(all, rcSeedLike()...)
	want := rcJSON(t, all)
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 50; i++ {
		in := make([]extract.ArticleResult, len(all))
		for j, k := range rng.Perm(len(all)) {
			in[j] = all[k]
			deals := append([]extract.Deal(nil), all[k].Deals...)
			rng.Shuffle(len(deals), func(a, b int) { deals[a], deals[b] = deals[b], deals[a] })
			in[j].Deals = deals
		}
		if got := rcJSON(t, in); got != want {
			t.Fatalf("permutation %d: output differs\n got: %.2000s\nwant: %.2000s", i, got, want)
		}
	}
}

// rcJSON is Reconcile's output as JSON Lines plus the unverified facts.
func rcJSON(t *testing.T, in []extract.ArticleResult) string {
	t.Helper()
	var b strings.Builder
	for _, d := range reconcile.Reconcile(in) {
		line, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteString("\n")
		for _, h := range d.History {
			b.WriteString(h.Note + "\n")
		}
	}
	for _, u := range reconcile.Unverified(in) {
		b.WriteString(u.DealID + " " + u.Article + " " + u.Reason + "\n")
	}
	return b.String()
}

package reconcile_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

func TestCompareReconciled(t *testing.T) {
	nov := rcArticle("nov", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))))
	novES := rcArticle("es", "2025-11-04", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))))
	feb := rcArticle("feb", "2026-02-27",
		rcDeal(rcCompute, extract.DealExpanded, rcAWS, rcAmount(rcQual(rcUSD("138e9"), figures.Over)), rcPrevious(rcUSD("38e9"))),
		rcDeal(rcInvest, extract.DealAnnounced, rcInv, rcAmount(rcUSD("50e9")), rcAt(500)))
	apr := rcArticle("apr", "2026-04", rcDeal(rcInvest, extract.DealRejected, rcInv, rcAmount(rcUSD("50e9"))))
	oracle := rcArticle("orcl", "2025-09-10", rcDeal(rcCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", rcAmount(rcUSD("300e9"))))
	slip := rcArticle("slip", "2026-03-01", rcDeal(rcCompute, extract.DealExpanded, rcAWS, rcAmount(rcUSD("13.8e9"))))

	type change struct {
		deal   string
		change extract.ChangeKind
	}
	tests := []struct {
		name          string
		before, after []extract.ArticleResult
		want          []change
		wantNote      string
	}{
		{"nothing changed", []extract.ArticleResult{nov, feb}, []extract.ArticleResult{feb, nov}, nil, ""},
		{"a newer article only confirms the figure", []extract.ArticleResult{nov}, []extract.ArticleResult{nov, novES}, nil, ""},
		{"added and removed", []extract.ArticleResult{nov, oracle}, []extract.ArticleResult{nov, feb},
			[]change{{rcAWSID, extract.ChangeCurrentMoved}, {rcAWSID, extract.ChangeStatusChanged}, {rcInvID, extract.ChangeAdded}, {"openai+oracle/compute_contract", extract.ChangeRemoved}},
			"$38B → over $138B"},
		{"became conflicted", []extract.ArticleResult{nov, feb}, []extract.ArticleResult{nov, feb, apr},
			[]change{{rcInvID, extract.ChangeConflicted}}, "rejected in apr"},
		{"resolved", []extract.ArticleResult{nov, feb, apr}, []extract.ArticleResult{nov, feb},
			[]change{{rcInvID, extract.ChangeResolved}}, ""},
		{"a new conflict on a deal already in review", []extract.ArticleResult{nov, feb, apr, slip}, []extract.ArticleResult{nov, feb, apr, slip, rcArticle("x", "2026-03-02", rcDeal(rcInvest, extract.DealAnnounced, rcInv, rcAmount(rcUSD("5e9"))))},
			[]change{{rcInvID, extract.ChangeNewConflict}}, "$5B"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reconcile.CompareReconciled(reconcile.Reconcile(tt.before), reconcile.Reconcile(tt.after))
			var kinds []change
			var notes []string
			for _, c := range got {
				kinds = append(kinds, change{c.Deal, c.Change})
				notes = append(notes, c.Note)
			}
			if !reflect.DeepEqual(kinds, tt.want) {
				t.Errorf("changes = %v, want %v", kinds, tt.want)
			}
			if tt.wantNote != "" && !strings.Contains(strings.Join(notes, "\n"), tt.wantNote) {
				t.Errorf("notes %q do not mention %q", notes, tt.wantNote)
			}
		})
	}
}

func TestCompareReconciledDescribes(t *testing.T) {
	before := reconcile.Reconcile([]extract.ArticleResult{rcArticle("nov", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))))})
	got := reconcile.CompareReconciled(before, nil)
	if len(got) != 1 || got[0].Change != extract.ChangeRemoved || got[0].Before != "$38B, announced, as of 2025-11-03" || got[0].After != "" {
		t.Errorf("CompareReconciled(deal, nil) = %+v", got)
	}
}

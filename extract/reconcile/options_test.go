package reconcile_test

import (
	"reflect"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/reconcile"
)

// rcDisputed is a deal with an amount conflict (38 vs 45) and a term
// conflict (7 vs 5 years).
func rcDisputed() []extract.ArticleResult {
	return []extract.ArticleResult{
		rcArticle("a1", "2025-11-03", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9")), rcTerm(7))),
		rcArticle("a2", "2025-11-04", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("45e9")), rcTerm(5))),
	}
}

func TestOptionsZeroIsReconcile(t *testing.T) {
	in := append(rcDisputed(), rcSeedLike()...)
	for _, o := range []*reconcile.Options{nil, {}} {
		if got, want := o.Reconcile(in), reconcile.Reconcile(in); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v.Reconcile differs from Reconcile", o)
		}
	}
}

// TestConflictsGroupedByField: n articles that disagree give one
// conflict per field listing every value with its article.
func TestConflictsGroupedByField(t *testing.T) {
	in := []extract.ArticleResult{rcArticle("a0", "2025-11-01", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("38e9"))))}
	for i, v := range []string{"45e9", "52e9", "45e9", "61e9", "380e9"} {
		id := string(rune('a'+i)) + "x"
		in = append(in, rcArticle(id, "2025-11-0"+string(rune('2'+i)), rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD(v)))))
	}
	d := rcFind(t, reconcile.Reconcile(in), rcAWSID)
	if len(d.Conflicts) != 1 {
		t.Fatalf("conflicts = %d, want 1 (one per field): %+v", len(d.Conflicts), d.Conflicts)
	}
	c := d.Conflicts[0]
	if want := []string{"a0", "ax", "bx", "cx", "dx", "ex"}; !reflect.DeepEqual(c.Articles, want) {
		t.Errorf("articles = %v, want %v", c.Articles, want)
	}
	if len(c.Values) != len(c.Articles) || c.Cause != extract.CauseUnexplained {
		t.Errorf("values %d for %d articles, cause %s", len(c.Values), len(c.Articles), c.Cause)
	}
}

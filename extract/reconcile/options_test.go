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
	for _, o := range []*reconcile.Options{nil, {}, {Decisions: map[string]reconcile.Decision{}}} {
		if got, want := o.Reconcile(in), reconcile.Reconcile(in); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v.Reconcile differs from Reconcile", o)
		}
	}
}

func TestDecisions(t *testing.T) {
	resolutions := func(d extract.ReconciledDeal) map[extract.ConflictField]extract.Resolution {
		out := map[extract.ConflictField]extract.Resolution{}
		for _, c := range d.Conflicts {
			out[c.Field] = c.Resolution
		}
		return out
	}
	tests := []struct {
		name        string
		dec         reconcile.Decision
		more        bool // a third article joins the amount conflict
		review      extract.Review
		current     string
		reason      extract.CurrentReason
		resolutions map[extract.ConflictField]extract.Resolution
	}{
		{
			name:   "no decision",
			review: extract.ReviewNeeded, current: "$38B, announced, as of 2025-11-03 @ a1", reason: extract.ReasonDisputed,
			resolutions: map[extract.ConflictField]extract.Resolution{extract.FieldAmount: "", extract.FieldTermYears: ""},
		},
		{
			name:   "the reviewer chooses $45B: it becomes current, the amount conflict is resolved",
			dec:    reconcile.Decision{Chosen: rcUSD("45e9")},
			review: extract.ReviewNeeded, current: "$45B, announced, as of 2025-11-04 @ a2", reason: extract.ReasonResolvedByReviewer,
			resolutions: map[extract.ConflictField]extract.Resolution{extract.FieldAmount: extract.ResolutionResolved, extract.FieldTermYears: ""},
		},
		{
			name:   "chosen and the term dismissed: no review",
			dec:    reconcile.Decision{Chosen: rcUSD("45e9"), Dismissed: []extract.ConflictField{extract.FieldTermYears}},
			review: extract.ReviewNone, current: "$45B, announced, as of 2025-11-04 @ a2", reason: extract.ReasonResolvedByReviewer,
			resolutions: map[extract.ConflictField]extract.Resolution{extract.FieldAmount: extract.ResolutionResolved, extract.FieldTermYears: extract.ResolutionDismissed},
		},
		{
			name:   "both dismissed: no review, current unchanged",
			dec:    reconcile.Decision{Dismissed: []extract.ConflictField{extract.FieldAmount, extract.FieldTermYears}, Seen: []string{"a1", "a2"}},
			review: extract.ReviewNone, current: "$38B, announced, as of 2025-11-03 @ a1", reason: extract.ReasonDisputed,
			resolutions: map[extract.ConflictField]extract.Resolution{extract.FieldAmount: extract.ResolutionDismissed, extract.FieldTermYears: extract.ResolutionDismissed},
		},
		{
			name:   "a new article joins the dismissed amount conflict: review again",
			dec:    reconcile.Decision{Dismissed: []extract.ConflictField{extract.FieldAmount, extract.FieldTermYears}, Seen: []string{"a1", "a2"}},
			more:   true,
			review: extract.ReviewNeeded, current: "$38B, announced, as of 2025-11-03 @ a1", reason: extract.ReasonDisputed,
			resolutions: map[extract.ConflictField]extract.Resolution{extract.FieldAmount: "", extract.FieldTermYears: extract.ResolutionDismissed},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := rcDisputed()
			if tt.more {
				in = append(in, rcArticle("a3", "2025-11-05", rcDeal(rcCompute, extract.DealAnnounced, rcAWS, rcAmount(rcUSD("52e9")))))
			}
			o := &reconcile.Options{Decisions: map[string]reconcile.Decision{rcAWSID: tt.dec}}
			if tt.name == "no decision" {
				o = nil
			}
			d := rcFind(t, o.Reconcile(in), rcAWSID)
			if d.Review != tt.review {
				t.Errorf("review = %s, want %s", d.Review, tt.review)
			}
			if got := extract.DescribeCurrent(d.Current) + " @ " + d.Current.Article; got != tt.current {
				t.Errorf("current = %q, want %q", got, tt.current)
			}
			if d.Current.Reason != tt.reason {
				t.Errorf("reason = %s, want %s", d.Current.Reason, tt.reason)
			}
			if got := resolutions(d); !reflect.DeepEqual(got, tt.resolutions) {
				t.Errorf("resolutions = %v, want %v", got, tt.resolutions)
			}
		})
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

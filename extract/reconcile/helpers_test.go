package reconcile_test

import (
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// Builders for hand-made article results. Names start with rc so they
// cannot clash with other test files of package extract_test.

// rcMoney returns an exact total amount: rcMoney("38e9", "USD").
func rcMoney(v, cur string) *extract.Money {
	return &extract.Money{Value: figures.MustDecimal(v), Currency: cur, Qualifier: figures.Exact, Period: figures.Total, Text: v + " " + cur}
}

func rcUSD(v string) *extract.Money { return rcMoney(v, "USD") }

// rcPerYear marks m as a yearly figure.
func rcPerYear(m *extract.Money) *extract.Money { m.Period = figures.PerYear; return m }

// rcQual sets m's qualifier.
func rcQual(m *extract.Money, q figures.Qualifier) *extract.Money { m.Qualifier = q; return m }

// rcOpt changes a deal under construction.
type rcOpt func(*extract.Deal)

func rcAmount(m *extract.Money) rcOpt   { return func(d *extract.Deal) { d.Amount = m } }
func rcPrevious(m *extract.Money) rcOpt { return func(d *extract.Deal) { d.PreviousAmount = m } }
func rcTerm(years float64) rcOpt        { return func(d *extract.Deal) { d.TermYears = &years } }
func rcUngrounded() rcOpt               { return func(d *extract.Deal) { d.Grounded = false } }
func rcHardware(h ...string) rcOpt      { return func(d *extract.Deal) { d.Hardware = h } }

// rcAt places the deal's evidence at byte start of its article.
func rcAt(start int) rcOpt {
	return func(d *extract.Deal) { d.Evidence.Start, d.Evidence.End = start, start+len(d.Evidence.Text) }
}

// rcSays sets the evidence sentence.
func rcSays(s string) rcOpt {
	return func(d *extract.Deal) { d.Evidence.Text = s; d.Evidence.End = d.Evidence.Start + len(s) }
}

func rcTranches(ts ...extract.Tranche) rcOpt { return func(d *extract.Deal) { d.Tranches = ts } }

func rcTranche(m *extract.Money, c extract.TrancheCondition) extract.Tranche {
	return extract.Tranche{Amount: *m, Condition: c}
}

// rcCapacity adds capacity: rcCapacity("2", "GW", "training").
func rcCapacity(v, unit, purpose string) rcOpt {
	return func(d *extract.Deal) {
		c := extract.Capacity{Value: figures.MustDecimal(v), Unit: unit, Text: v + " " + unit}
		if purpose != "" {
			c.Purpose = &purpose
		}
		d.Capacity = append(d.Capacity, c)
	}
}

// rcDeal builds a grounded deal; parties is "Name:role,Name:role".
func rcDeal(kind extract.Kind, status extract.DealStatus, parties string, opts ...rcOpt) extract.Deal {
	d := extract.Deal{Kind: kind, Status: status, Grounded: true, Confidence: 0.9}
	for _, p := range strings.Split(parties, ",") {
		name, role, _ := strings.Cut(p, ":")
		d.Parties = append(d.Parties, extract.Party{Name: name, Role: extract.Role(role), Mention: name})
	}
	d.Evidence = extract.Span{Text: "The deal between " + parties + ".", Start: 0}
	d.Evidence.End = len(d.Evidence.Text)
	for _, o := range opts {
		o(&d)
	}
	return d
}

// rcArticle builds an ok result; pub "" means undated.
func rcArticle(id, pub string, deals ...extract.Deal) extract.ArticleResult {
	return extract.ArticleResult{
		SchemaVersion: extract.SchemaVersion,
		Article:       extract.ArticleInfo{ID: id, Source: id + ".txt", Published: extract.StrPtr(pub), Lang: "en", LangConfidence: 1},
		Status:        extract.StatusOK,
		Extractor:     extract.ExtractorInfo{Backend: "test"},
		Deals:         deals,
	}
}

// rcFind returns the deal with id, failing the test if it is missing.
func rcFind(t *testing.T, deals []extract.ReconciledDeal, id string) extract.ReconciledDeal {
	t.Helper()
	for _, d := range deals {
		if d.ID == id {
			return d
		}
	}
	ids := make([]string, len(deals))
	for i, d := range deals {
		ids[i] = d.ID
	}
	t.Fatalf("no reconciled deal %q; have %v", id, ids)
	return extract.ReconciledDeal{}
}

// rcRelations lists the relations of a deal's history.
func rcRelations(d extract.ReconciledDeal) []extract.Relation {
	out := make([]extract.Relation, len(d.History))
	for i, h := range d.History {
		out[i] = h.Relation
	}
	return out
}

// rcConflicts lists a deal's conflicts as "field/cause".
func rcConflicts(d extract.ReconciledDeal) []string {
	var out []string
	for _, c := range d.Conflicts {
		out = append(out, string(c.Field)+"/"+string(c.Cause))
	}
	return out
}

func rcConfirmation(c extract.Confirmation) rcOpt {
	return func(d *extract.Deal) { d.Confirmation = c }
}
func rcBackground() rcOpt                { return func(d *extract.Deal) { d.Mention = extract.MentionBackground } }
func rcIncrement(m *extract.Money) rcOpt { return func(d *extract.Deal) { d.Increment = m } }
func rcOn(date string) rcOpt             { return func(d *extract.Deal) { d.AnnouncedOn = &date } }
func rcEUR(v string) *extract.Money      { return rcMoney(v, "EUR") }

// rcText sets the evidence sentence and places it at byte start.
func rcText(s string, start int) rcOpt {
	return func(d *extract.Deal) { d.Evidence = extract.Span{Text: s, Start: start, End: start + len(s)} }
}

// rcStart places m's text at byte start of the article.
func rcStart(m *extract.Money, start int) *extract.Money {
	m.Start, m.End = start, start+len(m.Text)
	return m
}

// rcTextMoney sets the text m was read from.
func rcTextMoney(m *extract.Money, text string) *extract.Money { m.Text = text; return m }

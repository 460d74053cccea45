package store

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// Causes of a new version, as stored and as Diff reports them.
const (
	CauseNew         = "new article"
	CauseText        = "article text changed"
	CauseSchema      = "schema changed"
	CausePrompt      = "prompt version changed"
	CauseModel       = "model or backend changed"
	CauseMetadata    = "article metadata changed" // title, date or source
	CauseProgram     = "dealwatch version changed"
	CauseUnexplained = "result changed with the same text and extractor"
)

// Cause explains why after differs from before, from the results alone:
// the causes that apply, joined with ", " in the order of the constants
// above. It returns CauseNew when before is nil and "" when no visible
// input changed (the caller may know more, e.g. the program version).
func Cause(before, after *extract.ArticleResult) string {
	if before == nil {
		return CauseNew
	}
	if after == nil {
		return ""
	}
	var cs []string
	if before.Article.ID != after.Article.ID {
		cs = append(cs, CauseText)
	}
	if schemaOf(before) != schemaOf(after) {
		cs = append(cs, CauseSchema)
	}
	bx, ax := before.Extractor, after.Extractor
	if deref(bx.PromptVersion) != deref(ax.PromptVersion) {
		cs = append(cs, CausePrompt)
	}
	if bx.Backend != ax.Backend || deref(bx.Model) != deref(ax.Model) {
		cs = append(cs, CauseModel)
	}
	if before.Article.ID == after.Article.ID && (before.Article.Source != after.Article.Source ||
		deref(before.Article.Title) != deref(after.Article.Title) ||
		deref(before.Article.Published) != deref(after.Article.Published)) {
		cs = append(cs, CauseMetadata)
	}
	return strings.Join(cs, ", ")
}

// schemaOf is the schema version r was written with.
func schemaOf(r *extract.ArticleResult) int {
	if r.StoredSchema != 0 {
		return r.StoredSchema
	}
	return r.SchemaVersion
}

// ChangeKind says what happened to a deal or an article field.
type ChangeKind string

// The change kinds.
const (
	Added   ChangeKind = "added"
	Removed ChangeKind = "removed"
	Changed ChangeKind = "changed"
)

// Change is one difference between two results of an article: a deal
// added or removed (Field ""), a field of a deal changed, or a field of
// the article (Deal "", e.g. Field "status"). Before and After are
// readable values; nil when the thing did not exist on that side.
type Change struct {
	Article string     `json:"article"` // id after the change (before it, for removals)
	Source  string     `json:"source"`
	Change  ChangeKind `json:"change"`
	Deal    string     `json:"deal"` // DealKey of the deal, "" for the article
	Field   string     `json:"field"`
	Before  *string    `json:"before"`
	After   *string    `json:"after"`
	Cause   string     `json:"cause"`
}

// Diff compares two sets of results (e.g. ResultsAt of two runs) and
// returns what changed, sorted by source, deal and field. Articles are
// matched by source, then by id for those left over; deals are matched
// by DealKey, then by kind and parties (so an amount that changed is a
// changed field, not a removal and an addition). A cause from Cause is
// put on every change; when Cause finds none it is CauseUnexplained.
// Failed results are ignored: they never replace a stored version.
func Diff(before, after []extract.ArticleResult) []Change {
	bySource := map[string]*extract.ArticleResult{}
	byID := map[string]*extract.ArticleResult{}
	for i := range before {
		r := &before[i]
		if r.Status == extract.StatusFailed {
			continue
		}
		bySource[r.Article.Source] = r
		byID[r.Article.ID] = r
	}
	used := map[*extract.ArticleResult]bool{}
	var pairs [][2]*extract.ArticleResult
	var unmatched []*extract.ArticleResult
	for i := range after {
		a := &after[i]
		if a.Status == extract.StatusFailed {
			continue
		}
		if b := bySource[a.Article.Source]; b != nil && !used[b] {
			used[b] = true
			pairs = append(pairs, [2]*extract.ArticleResult{b, a})
			continue
		}
		unmatched = append(unmatched, a)
	}
	for _, a := range unmatched {
		if b := byID[a.Article.ID]; b != nil && !used[b] {
			used[b] = true
			pairs = append(pairs, [2]*extract.ArticleResult{b, a})
			continue
		}
		pairs = append(pairs, [2]*extract.ArticleResult{nil, a})
	}
	for i := range before {
		if b := &before[i]; b.Status != extract.StatusFailed && !used[b] {
			pairs = append(pairs, [2]*extract.ArticleResult{b, nil})
		}
	}
	var out []Change
	for _, p := range pairs {
		cause := Cause(p[0], p[1])
		if cause == "" {
			cause = CauseUnexplained
		}
		out = append(out, DiffResult(p[0], p[1], cause)...)
	}
	sortChanges(out)
	return out
}

// DiffResult compares two results of one article (either may be nil)
// and labels every change with cause.
func DiffResult(before, after *extract.ArticleResult, cause string) []Change {
	ref := after
	if ref == nil {
		ref = before
	}
	if ref == nil {
		return nil
	}
	base := Change{Article: ref.Article.ID, Source: ref.Article.Source, Cause: cause}
	var out []Change
	if before != nil && after != nil && before.Status != after.Status {
		c := base
		c.Change, c.Field = Changed, "status"
		c.Before, c.After = strPtr(string(before.Status)), strPtr(string(after.Status))
		out = append(out, c)
	}
	var bd, ad []extract.Deal
	if before != nil {
		bd = before.Deals
	}
	if after != nil {
		ad = after.Deals
	}
	for _, m := range matchDeals(bd, ad) {
		switch {
		case m.before == nil:
			c := base
			c.Change, c.Deal, c.After = Added, m.afterKey, strPtr(DealSummary(*m.after))
			out = append(out, c)
		case m.after == nil:
			c := base
			c.Change, c.Deal, c.Before = Removed, m.beforeKey, strPtr(DealSummary(*m.before))
			if before != nil {
				c.Article = before.Article.ID
			}
			out = append(out, c)
		default:
			for _, f := range dealFieldChanges(*m.before, *m.after) {
				c := base
				c.Change, c.Deal, c.Field, c.Before, c.After = Changed, m.afterKey, f.field, f.before, f.after
				out = append(out, c)
			}
		}
	}
	return out
}

type dealMatch struct {
	before, after       *extract.Deal
	beforeKey, afterKey string
}

// matchDeals pairs deals: first by full key, then by kind and parties
// (the amount changed), then by kind, amount and a common party (a party
// was added or removed); the rest are removals and additions.
func matchDeals(before, after []extract.Deal) []dealMatch {
	bk, ak := DealKeys(before), DealKeys(after)
	bUsed, aUsed := make([]bool, len(before)), make([]bool, len(after))
	var out []dealMatch
	pass := func(same func(i, j int) bool) {
		for j := range after {
			if aUsed[j] {
				continue
			}
			for i := range before {
				if !bUsed[i] && same(i, j) {
					bUsed[i], aUsed[j] = true, true
					out = append(out, dealMatch{&before[i], &after[j], bk[i], ak[j]})
					break
				}
			}
		}
	}
	pass(func(i, j int) bool { return bk[i] == ak[j] })
	pass(func(i, j int) bool { return looseKey(before[i]) == looseKey(after[j]) })
	pass(func(i, j int) bool {
		return before[i].Kind == after[j].Kind && amountKey(before[i]) == amountKey(after[j]) && shareParty(before[i], after[j])
	})
	for i := range before {
		if !bUsed[i] {
			out = append(out, dealMatch{before: &before[i], beforeKey: bk[i]})
		}
	}
	for j := range after {
		if !aUsed[j] {
			out = append(out, dealMatch{after: &after[j], afterKey: ak[j]})
		}
	}
	return out
}

// DealKey is the stable key of a deal within an article: kind, the
// sorted canonical party names and the amount, e.g.
// "compute_contract|Amazon,OpenAI|38000000000 USD". It does not depend on
// the deal's position or offsets.
func DealKey(d extract.Deal) string {
	return looseKey(d) + "|" + amountKey(d)
}

func amountKey(d extract.Deal) string {
	if d.Amount == nil {
		return "-"
	}
	return d.Amount.Value.String() + " " + d.Amount.Currency
}

func shareParty(a, b extract.Deal) bool {
	for _, p := range a.Parties {
		for _, q := range b.Parties {
			if p.Name == q.Name {
				return true
			}
		}
	}
	return false
}

func looseKey(d extract.Deal) string {
	names := make([]string, 0, len(d.Parties))
	for _, p := range d.Parties {
		names = append(names, p.Name)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := strings.ToLower(names[i]), strings.ToLower(names[j])
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	return string(d.Kind) + "|" + strings.Join(names, ",")
}

// DealKeys returns DealKey of each deal, with "#2", "#3" on repeats so
// keys are unique within an article.
func DealKeys(ds []extract.Deal) []string {
	seen := map[string]int{}
	out := make([]string, len(ds))
	for i, d := range ds {
		k := DealKey(d)
		seen[k]++
		if n := seen[k]; n > 1 {
			k += "#" + strconv.Itoa(n)
		}
		out[i] = k
	}
	return out
}

type fieldChange struct {
	field         string
	before, after *string
}

// dealFieldChanges compares two matched deals field by field. Offsets,
// mentions and the evidence quote are provenance, not facts: they move
// when the text around them does, and are left out.
func dealFieldChanges(b, a extract.Deal) []fieldChange {
	var out []fieldChange
	add := func(field string, bv, av *string) {
		if deref(bv) != deref(av) || (bv == nil) != (av == nil) {
			out = append(out, fieldChange{field, bv, av})
		}
	}
	add("kind", strPtr(string(b.Kind)), strPtr(string(a.Kind)))
	add("status", strPtr(string(b.Status)), strPtr(string(a.Status)))
	// Parties: one change per party added or removed, one per role change.
	bp, ap := partyRoles(b.Parties), partyRoles(a.Parties)
	for _, name := range unionKeys(bp, ap) {
		br, bok := bp[name]
		ar, aok := ap[name]
		switch {
		case bok && !aok:
			add("parties", strPtr(name+" ("+br+")"), nil)
		case !bok && aok:
			add("parties", nil, strPtr(name+" ("+ar+")"))
		case br != ar:
			add("parties", strPtr(name+" ("+br+")"), strPtr(name+" ("+ar+")"))
		}
	}
	add("amount", moneyPtr(b.Amount), moneyPtr(a.Amount))
	add("previous_amount", moneyPtr(b.PreviousAmount), moneyPtr(a.PreviousAmount))
	add("tranches", listPtr(tranchesText(b.Tranches)), listPtr(tranchesText(a.Tranches)))
	add("capacity", listPtr(capacityText(b.Capacity)), listPtr(capacityText(a.Capacity)))
	add("hardware", listPtr(b.Hardware), listPtr(a.Hardware))
	add("term_years", floatPtr(b.TermYears), floatPtr(a.TermYears))
	add("announced_on", b.AnnouncedOn, a.AnnouncedOn)
	add("grounded", strPtr(strconv.FormatBool(b.Grounded)), strPtr(strconv.FormatBool(a.Grounded)))
	add("confidence", strPtr(strconv.FormatFloat(b.Confidence, 'f', 2, 64)), strPtr(strconv.FormatFloat(a.Confidence, 'f', 2, 64)))
	return out
}

func partyRoles(ps []extract.Party) map[string]string {
	m := map[string]string{}
	for _, p := range ps {
		if r, ok := m[p.Name]; ok {
			m[p.Name] = r + ", " + string(p.Role)
			continue
		}
		m[p.Name] = string(p.Role)
	}
	return m
}

func unionKeys(a, b map[string]string) []string {
	var ks []string
	for k := range a {
		ks = append(ks, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			ks = append(ks, k)
		}
	}
	sort.Strings(ks)
	return ks
}

// MoneyText formats an amount for a diff: "over 138000000000 USD per
// year". The source text is left out; it is in the evidence.
func MoneyText(m extract.Money) string {
	var b strings.Builder
	switch m.Qualifier {
	case "over":
		b.WriteString("over ")
	case "up_to":
		b.WriteString("up to ")
	case "about":
		b.WriteString("about ")
	}
	b.WriteString(m.Value.String())
	if m.Max != nil {
		b.WriteString("–" + m.Max.String())
	}
	b.WriteString(" " + m.Currency)
	if m.Period == "per_year" {
		b.WriteString(" per year")
	}
	return b.String()
}

func moneyPtr(m *extract.Money) *string {
	if m == nil {
		return nil
	}
	return strPtr(MoneyText(*m))
}

func floatPtr(f *float64) *string {
	if f == nil {
		return nil
	}
	return strPtr(strconv.FormatFloat(*f, 'g', -1, 64))
}

func listPtr(ss []string) *string {
	if len(ss) == 0 {
		return nil
	}
	return strPtr(strings.Join(ss, "; "))
}

func tranchesText(ts []extract.Tranche) []string {
	var out []string
	for _, t := range ts {
		out = append(out, MoneyText(t.Amount)+" "+string(t.Condition))
	}
	return out
}

func capacityText(cs []extract.Capacity) []string {
	var out []string
	for _, c := range cs {
		s := c.Value.String() + " " + c.Unit
		if c.Purpose != nil {
			s += " " + *c.Purpose
		}
		out = append(out, s)
	}
	return out
}

// DealSummary is a one-line description of a deal for added and removed
// changes: "compute_contract, announced: OpenAI (buyer), Amazon (seller);
// 38000000000 USD".
func DealSummary(d extract.Deal) string {
	var ps []string
	for _, p := range d.Parties {
		ps = append(ps, p.Name+" ("+string(p.Role)+")")
	}
	s := fmt.Sprintf("%s, %s: %s", d.Kind, d.Status, strings.Join(ps, ", "))
	if d.Amount != nil {
		s += "; " + MoneyText(*d.Amount)
	}
	for _, c := range capacityText(d.Capacity) {
		s += "; " + c
	}
	return s
}

func sortChanges(cs []Change) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if (a.Deal == "") != (b.Deal == "") {
			return a.Deal == "" // article-level changes first
		}
		return a.Deal < b.Deal
	})
}

func strPtr(s string) *string { return &s }

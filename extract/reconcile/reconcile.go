package reconcile

import (
	"slices"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// Reconcile groups the grounded deals of results into real-world deals
// and returns them sorted by ID. It is a pure function: the same results
// in any order give the same deals.
//
// # Identity
//
// A deal is identified by its canonical party names (Party.Name, which
// backends already map from aliases: AWS → Amazon) and its kind. A
// capacity-only fact and an amount fact for the same parties and kind are
// one deal. Only results with status ok count, and only their deals with
// Grounded true; see Unverified for the others.
//
// # Timeline
//
// Each article's view of a deal (its facts for the deal merged: repeats
// of a figure, the previous amount, the tranches and capacity it states)
// is placed by the article's publication date, then by article id; an
// undated article comes first, and "2025" before "2025-11" before
// "2025-11-03". Each view is related to what the views before it
// established (see Relation), and a view that conflicts is recorded in
// Conflicts with its field and likely cause and does not move the current
// figure. Figures are compared exactly, within 0.5% for rounding.
//
// # Status
//
// A later rejection of an announced, agreed, completed or expanded deal,
// a deal described as only offered after it was announced, and any other
// status after a rejection are status conflicts. An offer that is later
// rejected, or a report that is later confirmed, is not: the status
// moves on. A vaguer status after a firmer one (reported after agreed)
// does not change the current status.
func Reconcile(results []extract.ArticleResult) []extract.ReconciledDeal {
	n := 0
	for ri := range results {
		n += len(results[ri].Deals)
	}
	facts := make([]rfact, 0, n)
	ix := newIdentifier()
	for ri := range results {
		r := &results[ri]
		if r.Status != extract.StatusOK {
			continue
		}
		pub := normDate(r.Article.Published)
		for di := range r.Deals {
			d := &r.Deals[di]
			if !d.Grounded {
				continue
			}
			id, names, roles, ok := ix.identify(d)
			if !ok {
				continue
			}
			facts = append(facts, rfact{
				id: id, names: names, roles: roles, article: r.Article.ID, pub: pub,
				source: r.Article.Source, d: d,
			})
		}
	}
	slices.SortFunc(facts, cmpFacts)
	out := make([]extract.ReconciledDeal, 0)
	for i := 0; i < len(facts); {
		j := i + 1
		for j < len(facts) && facts[j].id == facts[i].id {
			j++
		}
		d := reconcileDeal(facts[i:j])
		d.Parties = ix.ids[d.ID].names
		out = append(out, d)
		i = j
	}
	return out
}

// Unverified returns the deals of results that Reconcile does not count:
// those not grounded and those that name no party, sorted by deal id,
// date, article and position in the text.
func Unverified(results []extract.ArticleResult) []extract.UnverifiedFact {
	var out []extract.UnverifiedFact
	ix := newIdentifier()
	for ri := range results {
		r := &results[ri]
		if r.Status != extract.StatusOK {
			continue
		}
		pub := normDate(r.Article.Published)
		for di := range r.Deals {
			d := r.Deals[di]
			id, _, _, named := ix.identify(&d)
			if d.Grounded && named {
				continue
			}
			reason := "names no party"
			if !d.Grounded {
				reason = ungroundedReason(r.Warnings, di)
			}
			out = append(out, extract.UnverifiedFact{
				DealID: id, Article: r.Article.ID, AsOf: extract.StrPtr(pub),
				Source: r.Article.Source, Deal: d, Reason: reason,
			})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.DealID != b.DealID {
			return a.DealID < b.DealID
		}
		if pa, pb := deref(a.AsOf), deref(b.AsOf); pa != pb {
			return pa < pb
		}
		if a.Article != b.Article {
			return a.Article < b.Article
		}
		if a.Deal.Evidence.Start != b.Deal.Evidence.Start {
			return a.Deal.Evidence.Start < b.Deal.Evidence.Start
		}
		return a.Reason < b.Reason
	})
	return out
}

// ungroundedReason joins the warnings about deal index di.
func ungroundedReason(ws []extract.Warning, di int) string {
	var parts []string
	for _, w := range ws {
		if w.Deal != nil && *w.Deal == di {
			parts = append(parts, w.Code+": "+w.Message)
		}
	}
	if len(parts) == 0 {
		return "not grounded in the text"
	}
	return strings.Join(parts, "; ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// rfact is one grounded deal of one article, with its identity.
type rfact struct {
	id      string
	names   []string // canonical display names, sorted
	roles   []roleOf
	article string
	pub     string // normalized publication date, "" when unknown
	source  string
	d       *extract.Deal
}

// identifier computes deal identities, remembering canonical names and
// ids so that 100,000 facts about a few thousand deals allocate little.
type identifier struct {
	names map[string]canonName
	// ids interns deal ids and their display names.
	ids map[string]identity
	// roles is an arena for the facts' roles.
	roles []roleOf
	buf   []byte
}

type canonName struct{ display, key string }

type identity struct {
	id    string
	names []string
}

func newIdentifier() *identifier {
	return &identifier{names: make(map[string]canonName), ids: make(map[string]identity)}
}

// name returns a party name with white space collapsed, and its key
// (lowercased).
func (ix *identifier) name(raw string) canonName {
	if c, ok := ix.names[raw]; ok {
		return c
	}
	disp := strings.Join(strings.Fields(raw), " ")
	c := canonName{display: disp, key: strings.ToLower(disp)}
	ix.names[raw] = c
	return c
}

// identify returns the deal id, the sorted canonical party names, each
// named party's role (sorted by name), and false when the deal names no
// party. The names and roles must not be modified.
func (ix *identifier) identify(d *extract.Deal) (string, []string, []roleOf, bool) {
	if len(ix.roles)+len(d.Parties) > cap(ix.roles) {
		ix.roles = make([]roleOf, 0, max(1024, 2*len(d.Parties)))
	}
	base := len(ix.roles)
	for _, p := range d.Parties {
		c := ix.name(p.Name)
		if c.key == "" {
			continue
		}
		dup := false
		for i := base; i < len(ix.roles); i++ {
			if r := &ix.roles[i]; r.key == c.key {
				dup = true
				if c.display < r.name {
					r.name = c.display
				}
				if r.role == "" {
					r.role = p.Role
				}
			}
		}
		if !dup {
			ix.roles = append(ix.roles, roleOf{key: c.key, name: c.display, role: p.Role})
		}
	}
	roles := ix.roles[base:len(ix.roles):len(ix.roles)]
	if len(roles) == 0 {
		return "", nil, nil, false
	}
	kind := d.Kind
	if kind == "" {
		kind = extract.KindOther
	}
	slices.SortFunc(roles, func(a, b roleOf) int { return strings.Compare(a.key, b.key) })
	b := ix.buf[:0]
	for i, r := range roles {
		if i > 0 {
			b = append(b, '+')
		}
		for j := 0; j < len(r.key); j++ {
			if c := r.key[j]; c == ' ' {
				b = append(b, '-')
			} else {
				b = append(b, c)
			}
		}
	}
	b = append(b, '/')
	b = append(b, kind...)
	ix.buf = b
	if idt, ok := ix.ids[string(b)]; ok {
		// Of the spellings of one name ("OpenAI", "Openai"), keep the
		// least, whatever the input order.
		for i, r := range roles {
			if r.name < idt.names[i] {
				idt.names = slices.Clone(idt.names)
				idt.names[i] = r.name
				ix.ids[idt.id] = idt
			}
		}
		return idt.id, idt.names, roles, true
	}
	idt := identity{id: string(b), names: make([]string, len(roles))}
	for i, r := range roles {
		idt.names[i] = r.name
	}
	ix.ids[idt.id] = idt
	return idt.id, idt.names, roles, true
}

// normDate returns p when it is "YYYY", "YYYY-MM" or "YYYY-MM-DD", else "".
// These strings order correctly as strings: a less precise date sorts
// first within its period.
func normDate(p *string) string {
	if p == nil {
		return ""
	}
	s := *p
	switch len(s) {
	case 4, 7, 10:
	default:
		return ""
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return ""
			}
			continue
		}
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	return s
}

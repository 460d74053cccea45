package reconcile

import (
	"slices"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
)

// ventureCues name a joint venture in an evidence sentence.
var ventureCues = []string{
	"joint venture", "joint-venture", "consortium", "consorzio", "consorcio",
	"empresa conjunta", "empresa mixta", "sociedad conjunta", "società congiunta", "societa congiunta",
}

// mayNameVenture is a cheap test before lowercasing the evidence: every
// cue contains one of these, in either case of its first letter.
func mayNameVenture(s string) bool {
	for _, k := range []string{"oint", "onsor", "onjunt", "ixta", "ongiunt"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// learnVentures reads joint ventures from the articles themselves: a
// party that a deal's evidence describes as a joint venture (consorzio,
// empresa conjunta...) of other parties of the same deal, on its side
// or with no side (partners). "Helios, the joint venture of Ferrovia Energia and Orbis
// Infrastructure, signs with Valdera" makes Helios a venture of
// Ferrovia Energia and Orbis Infrastructure; so does "Ferrovia Energia
// and Orbis Infrastructure's joint venture Helios". The venture is the
// party named right before the cue (", the joint venture of") or right
// after it ("joint venture Helios"); its members are the parties named
// in the clause on the other side of the cue, at least two (when the
// backend lists fewer, the parties of other articles that the clause
// names by their canonical names count too). Ventures
// already known (known) are left as they are; members learned for one
// venture from several articles are joined. The result is sorted, so
// the order of the results never matters.
func learnVentures(results []extract.ArticleResult, known []extract.Venture) []extract.Venture {
	var found map[string]*extract.Venture
	var names []string // every party name of the results, built when a cue is seen
	for ri := range results {
		r := &results[ri]
		if r.Status != extract.StatusOK {
			continue
		}
		for di := range r.Deals {
			d := &r.Deals[di]
			if !d.Grounded || d.Unsure() || len(d.Parties) < 2 || !mayNameVenture(d.Evidence.Text) {
				continue
			}
			if names == nil {
				names = partyNames(results)
			}
			name, members := ventureOf(d, names)
			if name == "" {
				continue
			}
			if found == nil {
				found = make(map[string]*extract.Venture)
			}
			v := found[strings.ToLower(name)]
			if v == nil {
				v = &extract.Venture{Name: name}
				found[strings.ToLower(name)] = v
			} else if name < v.Name {
				v.Name = name
			}
			for _, m := range members {
				if !slices.Contains(v.Members, m) {
					v.Members = append(v.Members, m)
				}
			}
		}
	}
	if found == nil {
		return known
	}
	out := slices.Clone(known)
	for key, v := range found {
		if slices.ContainsFunc(known, func(k extract.Venture) bool { return strings.EqualFold(k.Name, key) }) {
			continue
		}
		// A member that is itself a venture learned here is left out: one
		// level only.
		v.Members = slices.DeleteFunc(v.Members, func(m string) bool { return found[strings.ToLower(m)] != nil })
		if len(v.Members) < 2 {
			continue
		}
		slices.Sort(v.Members)
		out = append(out, *v)
	}
	slices.SortStableFunc(out[len(known):], func(a, b extract.Venture) int { return strings.Compare(a.Name, b.Name) })
	return out
}

// partyNames returns the canonical names of every grounded, sure party
// of results, sorted, each once.
func partyNames(results []extract.ArticleResult) []string {
	var out []string
	for ri := range results {
		r := &results[ri]
		if r.Status != extract.StatusOK {
			continue
		}
		for di := range r.Deals {
			d := &r.Deals[di]
			if !d.Grounded || d.Unsure() {
				continue
			}
			for _, p := range d.Parties {
				out = append(out, p.Name)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// namedIn returns the names of names (other than the venture's and the
// deal's own parties) that text[lo:hi] writes as whole words: members of a
// venture that the article names in its clause but the backend did not
// list as parties ("Helios, la joint venture creata da Ferrovia Energia e
// Orbis Infrastructure, ha firmato con Valdera").
func namedIn(text string, lo, hi int, names []string, d *extract.Deal) []string {
	clause := text[lo:hi]
	var out []string
	for _, n := range names {
		if len(n) < 3 || slices.ContainsFunc(d.Parties, func(p extract.Party) bool { return strings.EqualFold(p.Name, n) }) {
			continue
		}
		if i := strings.Index(clause, n); i >= 0 && wordEdge(clause, i-1) && wordEdge(clause, i+len(n)) {
			out = append(out, n)
		}
	}
	return out
}

// wordEdge reports whether position i of s is outside a word.
func wordEdge(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80)
}

// ventureOf returns the venture and its members that d's evidence
// states, or "". Members are the deal's parties named in the venture's
// clause, and, when fewer than two are, the names of names the clause
// writes.
func ventureOf(d *extract.Deal, names []string) (string, []string) {
	text := d.Evidence.Text
	low := strings.ToLower(text)
	if len(low) != len(text) {
		return "", nil // positions would not match; such text is rare
	}
	at, end := -1, -1
	for _, c := range ventureCues {
		if i := strings.Index(low, c); i >= 0 && (at < 0 || i < at) {
			at, end = i, i+len(c)
		}
	}
	if at < 0 {
		return "", nil
	}
	var ps []named
	for i := range d.Parties {
		p := &d.Parties[i]
		m := p.Mention
		if m == "" {
			m = p.Name
		}
		if j := strings.Index(text, m); j >= 0 {
			ps = append(ps, named{p, j, j + len(m)})
		}
	}
	// collect returns the parties named in text[lo:hi] on the venture's
	// side (or on none). In the clause after the cue, investors into a
	// venture that receives the money are its members too: "Tagus
	// Compute, la sociedad conjunta de Telvanta y Lusenergia, prevé
	// invertir", with the members as investors and the venture as
	// investee.
	collect := func(v *named, lo, hi int, owners bool) []string {
		vs := sideOf(v.p.Role)
		var members []string
		for _, n := range ps {
			ns := sideOf(n.p.Role)
			owner := owners && ns == sidePayer && vs == sidePayee && (v.p.Role == extract.RoleInvestee || v.p.Role == extract.RoleRaiser)
			if n.p == v.p || n.start < lo || n.end > hi || ns != vs && ns != sideNone && !owner {
				continue
			}
			if !slices.Contains(members, n.p.Name) && !strings.EqualFold(n.p.Name, v.p.Name) {
				members = append(members, n.p.Name)
			}
		}
		return members
	}
	// "Helios, the joint venture of A and B" / "Helios (a joint venture of A and B)".
	for i := range ps {
		n := &ps[i]
		if n.end <= at && at-n.end <= 24 && gapOK(text[n.end:at]) {
			end2 := len(text)
			if k := strings.IndexAny(text[end:], ",.;)"); k >= 0 {
				end2 = end + k
			}
			ms := collect(n, end, end2, true)
			if len(ms) < 2 {
				ms = append(ms, namedIn(text, end, end2, names, d)...)
			}
			if len(ms) >= 2 {
				return n.p.Name, ms
			}
		}
	}
	// "A and B's joint venture Helios", "A y B, a través de su empresa
	// conjunta Helios", "la joint venture Helios (A e B)".
	for i := range ps {
		n := &ps[i]
		if n.start < end || n.start-end > 3 {
			continue
		}
		if ms := collect(n, 0, at, false); len(ms) >= 2 {
			return n.p.Name, ms
		}
		lo, hi := n.end, len(text)
		if rest := strings.TrimLeft(text[n.end:], " "); strings.HasPrefix(rest, "(") {
			lo = len(text) - len(rest) + 1
			if k := strings.IndexByte(text[lo:], ')'); k >= 0 {
				hi = lo + k
			}
		} else if k := strings.IndexAny(text[n.end:], ",.;("); k >= 0 {
			hi = n.end + k
		}
		if ms := collect(n, lo, hi, false); len(ms) >= 2 {
			return n.p.Name, ms
		}
	}
	return "", nil
}

// gapOK reports whether the words between a name and a venture cue make
// the name the venture: ", the", ", a", "(a", "(la", ", la", ", el", ", una",
// maybe followed by up to two lowercase words that qualify the venture
// ("the new joint venture", "the data centre joint venture", "la nueva
// sociedad conjunta", "la nuova joint venture").
func gapOK(gap string) bool {
	if gap != "" && !strings.HasPrefix(gap, ",") && !strings.HasPrefix(gap, "(") {
		return false
	}
	words := strings.Fields(strings.TrimLeft(gap, ",( "))
	if len(words) == 0 {
		return true
	}
	switch strings.ToLower(words[0]) {
	case "the", "a", "an", "la", "il", "lo", "el", "una", "un", "its", "their", "new", "nueva", "nuevo", "nuova", "nuovo":
	default:
		return false
	}
	if len(words) > 3 {
		return false
	}
	for _, w := range words[1:] {
		if w != strings.ToLower(w) {
			return false // a name: "the Ferrovia joint venture" is another sentence
		}
	}
	return true
}

// named is a party and where the evidence names it.
type named struct {
	p          *extract.Party
	start, end int
}

package llm

import (
	"sort"
	"strings"
)

// split cuts text into k pieces of about equal size at paragraph breaks
// (blank lines, else line ends, else sentence ends), each piece after
// the first repeating the last unit of the one before, so that a deal
// stated across a break is seen whole at least once. It returns nil when
// text has fewer than two units.
func split(text string, k int) []string {
	units := unitsOf(text, "\n\n")
	if len(units) < 2 {
		units = unitsOf(text, "\n")
	}
	if len(units) < 2 {
		units = unitsOf(text, ". ")
	}
	if len(units) < 2 || k < 2 {
		return nil
	}
	k = min(k, len(units))
	// cut j of k-1 goes at the unit boundary nearest to j/k of the text
	var groups [][2]int // unit index ranges [from, to)
	from := 0
	for j := 1; j < k; j++ {
		target := units[0][0] + (len(text)-units[0][0])*j/k
		cut, bestD := -1, len(text)+1
		for b := from + 1; b <= len(units)-(k-j); b++ {
			if d := abs(units[b][0] - target); d < bestD {
				cut, bestD = b, d
			}
		}
		if cut < 0 {
			break
		}
		groups = append(groups, [2]int{from, cut})
		from = cut
	}
	groups = append(groups, [2]int{from, len(units)})
	if len(groups) < 2 {
		return nil
	}
	out := make([]string, len(groups))
	for i, g := range groups {
		s := g[0]
		if i > 0 {
			s-- // overlap: the previous group's last unit
		}
		out[i] = text[units[s][0]:units[g[1]-1][1]]
	}
	return out
}

// unitsOf returns the byte ranges of text cut after each sep.
func unitsOf(text, sep string) [][2]int {
	var out [][2]int
	start := 0
	for start < len(text) {
		i := strings.Index(text[start:], sep)
		if i < 0 {
			break
		}
		end := start + i + len(sep)
		for end < len(text) && strings.HasPrefix(text[end:], sep[len(sep)-1:]) && sep[len(sep)-1] == '\n' {
			end++ // swallow more blank lines
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, [2]int{start, end})
		} else if len(out) > 0 {
			out[len(out)-1][1] = end
		}
		start = end
	}
	if start < len(text) {
		if strings.TrimSpace(text[start:]) != "" || len(out) == 0 {
			out = append(out, [2]int{start, len(text)})
		} else {
			out[len(out)-1][1] = len(text)
		}
	}
	return out
}

// merge joins the answers of the parts of one article, dropping a deal
// seen twice (in the overlap): same kind and evidence, or same kind,
// amount text and parties.
func merge(parts []answer) answer {
	var out answer
	seen := map[string]bool{}
	for _, p := range parts {
		for _, d := range p.Deals {
			k1 := d.Kind + "\x00ev\x00" + fold(d.Evidence.Text)
			names := make([]string, 0, len(d.Parties))
			for _, pt := range d.Parties {
				names = append(names, fold(pt.Name))
			}
			sort.Strings(names)
			amt := ""
			if d.Amount != nil {
				amt = fold(d.Amount.Text)
			}
			k2 := d.Kind + "\x00amt\x00" + amt + "\x00" + strings.Join(names, ",")
			if seen[k1] || (amt != "" && seen[k2]) {
				continue
			}
			seen[k1], seen[k2] = true, true
			out.Deals = append(out.Deals, d)
		}
	}
	if out.Deals == nil {
		out.Deals = []wireDeal{}
	}
	return out
}

func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

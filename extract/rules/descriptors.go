package rules

import (
	"regexp"
	"sort"
	"strings"
)

// Descriptors refer to a company without its name: "the Redmond giant",
// "il colosso di Redmond" (its headquarters), "la compañía japonesa",
// "the Japanese conglomerate" (its country). A descriptor becomes a
// mention only when it is checked: the gazetteer ties the city to
// companies of which exactly one is named in the article, or exactly one
// company of that country is named before it. The nouns and the
// demonyms are data in lexicon.json.

// descriptorNouns name a company in a descriptor: "giant", "colosso",
// "compañía".
var descriptorNouns = cueWords("descriptorNouns")

// reDescriptorArticle ends with a definite article, the start of a
// descriptor: "the ", "il ", "la ", "l'".
var reDescriptorArticle = regexp.MustCompile(`(?i)(?:^|[\s(,"“«])((?:the|il|lo|la|el|l'|l’)\s*)$`)

// articleBefore returns where the article right before pos starts, or -1.
func articleBefore(text string, pos int) int {
	from := max(0, pos-6)
	m := reDescriptorArticle.FindStringSubmatchIndex(text[from:pos])
	if m == nil {
		return -1
	}
	return from + m[2]
}

// descriptors returns the mentions of all (sorted) with the checked
// descriptor mentions of the article added.
func (d *doc) descriptors(all []mention) []mention {
	named := map[int]int{} // entity -> start of its first mention by name
	for _, m := range all {
		if _, ok := named[m.entity]; !ok && m.kind != aliasPerson && m.entity >= 0 {
			named[m.entity] = m.start
		}
	}
	if len(named) == 0 {
		return all
	}
	taken := func(s, e int) bool {
		k := sort.Search(len(all), func(k int) bool { return all[k].end > s })
		return k < len(all) && all[k].start < e
	}
	var found []mention
	add := func(ent, s, e int) {
		// "La società francese Mistral AI": a descriptor right before a
		// name introduces the name; it is no reference of its own.
		if k := sort.Search(len(all), func(k int) bool { return all[k].start >= e }); k < len(all) && all[k].start <= e+2 {
			return
		}
		if !taken(s, e) {
			found = append(found, mention{entity: ent, kind: aliasCompany, start: s, end: e, text: d.text[s:e], desc: true})
		}
	}
	// Headquarters: "the Redmond giant", "The Tokyo-based group", "il
	// colosso di Redmond", "el gigante de Seattle".
	cities := map[string]bool{}
	for e := range named {
		for _, c := range d.x.gaz.entities[e].HQ {
			cities[c] = true
		}
	}
	for city := range cities {
		ents := d.x.gaz.hq[city]
		ent := -1
		for _, e := range ents {
			if _, ok := named[e]; ok {
				if ent >= 0 {
					ent = -2 // two companies of the article share the city
					break
				}
				ent = e
			}
		}
		if ent < 0 {
			continue
		}
		for off := 0; ; {
			k := strings.Index(d.text[off:], city)
			if k < 0 {
				break
			}
			s, e := off+k, off+k+len(city)
			off = e
			if s > 0 && isWordByte(d.text[s-1]) || e < len(d.text) && isWordByte(d.text[e]) {
				continue
			}
			// "the Redmond giant", "the Tokyo-based group"
			if a := articleBefore(d.text, s); a >= 0 {
				rest := d.lower[e:min(len(d.lower), e+30)]
				skip := 0
				if strings.HasPrefix(rest, "-based") {
					skip = len("-based")
				}
				if n := nounAt(rest[skip:]); n > 0 {
					add(ent, a, e+skip+n)
				}
				continue
			}
			// "il colosso di Redmond", "la compañía con sede en Redmond"
			before := d.lower[max(0, s-40):s]
			for _, link := range []string{" di ", " de ", " da ", " con sede en ", " con sede a ", " basata a ", " based in "} {
				if !strings.HasSuffix(before, link) {
					continue
				}
				head := before[:len(before)-len(link)]
				for _, n := range descriptorNouns {
					if strings.HasSuffix(head, " "+n) || head == n {
						h := head[:len(head)-len(n)]
						if reDescriptorArticle.MatchString(h) {
							start := s - len(before) + len(strings.TrimRight(h, " ")) - articleLen(strings.TrimRight(h, " "))
							add(ent, start, e)
						}
					}
				}
			}
		}
	}
	// Country: "la compañía japonesa", "il gruppo giapponese", "the
	// Japanese conglomerate".
	for w := 0; w < len(d.lower); {
		// One pass over the words: a demonym.
		if !isWordByte(d.lower[w]) && d.lower[w] < 0x80 || w > 0 && (isWordByte(d.lower[w-1]) || d.lower[w-1] >= 0x80) {
			w++
			continue
		}
		e := w
		for e < len(d.lower) && (isWordByte(d.lower[e]) || d.lower[e] >= 0x80) {
			e++
		}
		country, ok := demonymCountry[d.lower[w:e]]
		s := w
		w = e
		if !ok {
			continue
		}
		start, end := -1, -1
		// noun + demonym: "la compañía japonesa"
		before := strings.TrimRight(d.lower[max(0, s-30):s], " ")
		for _, n := range descriptorNouns {
			if strings.HasSuffix(before, " "+n) || before == n {
				h := before[:len(before)-len(n)]
				if reDescriptorArticle.MatchString(h) {
					start = max(0, s-30) + len(strings.TrimRight(h, " ")) - articleLen(strings.TrimRight(h, " "))
					end = e
				}
				break
			}
		}
		// demonym + noun: "the Japanese conglomerate"
		if a := articleBefore(d.text, s); start < 0 && a >= 0 {
			if n := nounAt(d.lower[e:min(len(d.lower), e+30)]); n > 0 {
				start, end = a, e+n
			}
		}
		if start < 0 {
			continue
		}
		// The one company of that country named before.
		ent := -1
		for e, at := range named {
			if at < start && d.x.gaz.entities[e].Country == country {
				if ent >= 0 {
					ent = -2
					break
				}
				ent = e
			}
		}
		if ent >= 0 {
			add(ent, start, end)
		}
	}
	if len(found) == 0 {
		return all
	}
	out := append(append([]mention(nil), all...), found...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// demonymCountry maps each one-word demonym of lexicon.json to its
// country ("japonesa" -> "JP").
var demonymCountry = func() map[string]string {
	m := map[string]string{}
	for c, words := range lexiconData.Demonyms {
		for _, w := range words {
			if !strings.Contains(w, " ") {
				m[w] = c
			}
		}
	}
	return m
}()

// nounAt returns the length of " noun" (a descriptor noun, one
// adjective allowed before it) at the start of rest, or 0.
func nounAt(rest string) int {
	t := strings.TrimLeft(rest, " ")
	lead := len(rest) - len(t)
	if lead == 0 {
		return 0
	}
	for _, n := range descriptorNouns {
		if strings.HasPrefix(t, n) && (len(t) == len(n) || !isWordByte(t[len(n)])) {
			return lead + len(n)
		}
	}
	return 0
}

// articleLen is the length of the article ending s ("the", "l'").
func articleLen(s string) int {
	for _, a := range []string{"the", "il", "lo", "la", "el", "l'", "l’"} {
		if strings.HasSuffix(strings.ToLower(s), a) {
			return len(a)
		}
	}
	return 0
}

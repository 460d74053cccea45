package rules

import (
	"regexp"
	"sort"
	"strings"
)

// Companies outside the gazetteer, found by how the text introduces them:
// a company noun before the name ("la startup milanese Kairos Compute",
// "la empresa española Nubaria AI", "the AI cloud provider Lambda"), a
// legal form after it ("Acme Robotics Inc.", "Irideos S.p.A."), or a
// funding verb after it ("Poolside raised", "Kairos ha raccolto", "Groq
// levanta"). Every later occurrence of the name, or of its short form
// without a generic last word ("Kairos" for "Kairos Compute"), becomes a
// mention of the same company.
var (
	// companyNouns introduce a company's name: "la startup milanese X".
	companyNouns = cueWords("companyNouns")
	// legalForms follow a company's name: "Irideos S.p.A.".
	legalForms = cueWords("legalForms")
	// raiseVerbs follow a company raising money: "Poolside raised".
	raiseVerbs = cueWords("raiseVerbs")

	// The patterns run on a short window at each cue, not on the whole
	// text: a regexp over every article was most of the rules' CPU time.
	reAfterNoun  = regexp.MustCompile(`^((?:\s+\p{Ll}[\p{Ll}-]*){0,2})\s+([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)
	reBeforeForm = regexp.MustCompile(`([A-Z][\p{L}\d&]*(?:[ -][A-Z][\p{L}\d&]*){0,3}),?$`)
	// reApposNoun is ", il neocloud milanese " before a company noun.
	reApposNoun = regexp.MustCompile(`^, (?:il|la|lo|l'|el|the|a|an|un|una) (?:\p{Ll}+ ){0,2}$`)
	// reLowerWordEnd is text ending with a lowercase word.
	reLowerWordEnd = regexp.MustCompile(`\p{Ll}$`)
	reBeforeVerb   = regexp.MustCompile(`([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})$`)
)

// notNameWords are capitalised words that start no company name: articles,
// prepositions, sentence openers.
var notNameWords = cueSet("notNameWords")

// calendarWords are weekdays, months and generic nouns ("Paese", "Country")
// that are capitalised at a sentence start or in dates but never name a
// company, in it, es and en.
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("Monday Tuesday Wednesday Thursday Friday Saturday Sunday " +
		"January February March April May June July August September October November December " +
		"Lunedì Martedì Mercoledì Giovedì Venerdì Sabato Domenica " +
		"Gennaio Febbraio Marzo Aprile Maggio Giugno Luglio Agosto Settembre Ottobre Novembre Dicembre " +
		"Lunes Martes Miércoles Jueves Viernes Sábado Domingo " +
		"Enero Febrero Marzo Abril Mayo Junio Julio Agosto Septiembre Setiembre Octubre Noviembre Diciembre " +
		"Paese Paesi País Países Country Countries Stato Estado State Governo Gobierno Government " +
		"Ministero Ministerio Ministry Regione Región Region Comune Ayuntamiento City Città Ciudad") {
		m[w] = true
	}
	return m
}()

// acquireVerbs are followed by the company bought.
var acquireVerbs = cueWords("acquireVerbs")

// reDemonymName is "con la aragonesa X", "with the Texan X": a preposition,
// an article, a demonym and a capitalised name.
var reDemonymName = regexp.MustCompile(`^\s+\p{Ll}+(?:esa|ese|eses|ana|ano|ense|ina|ino|ola|olo|ena|eno)\s+([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)

// demonymIntros come before a demonym and a company name.
var demonymIntros = cueWords("demonymIntros")

// awardVerbs give a contract or a job to the company after them.
var awardVerbs = cueWords("awardVerbs")

// reAwardee is the company right after an award verb: "a Ferrovial",
// "además a Ferrovial", " Acme the contract".
var reAwardee = regexp.MustCompile(`^(?:\s+(?:además|también|ya|anche|inoltre|già|also|now))?\s+(?:(?:a|al|ad)\s+)?([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)

// acquireArticles may stand between an acquisition verb and the name.
var acquireArticles = cueSet("acquireArticles")

// nameStopWords are prepositions that end the words between a company
// noun and a name: "la compañía de Mountain View" names a place.
var nameStopWords = cueSet("nameStopWords")

// discoverUnknown returns mentions of companies outside the gazetteer,
// merged with the gazetteer's mentions all (sorted by start).
func (d *doc) discoverUnknown(all []mention) []mention {
	var names []string
	add := func(name string) {
		name = strings.TrimRight(name, " -")
		first, _, _ := strings.Cut(name, " ")
		if len(name) < 3 || notCompany[name] || notCompany[first] || notNameWords[first] || calendarWords[first] || isPlace(name) ||
			isPlace(first) && !industryHeaded(name) {
			return
		}
		for _, m := range d.x.gaz.find(name) {
			if m.start == 0 {
				return // the gazetteer knows it
			}
		}
		for _, n := range names {
			if n == name {
				return
			}
		}
		names = append(names, name)
	}
	// each calls f with every whole-word occurrence of w in text.
	each := func(text, w string, f func(s, e int)) {
		for off := 0; ; {
			k := strings.Index(text[off:], w)
			if k < 0 {
				return
			}
			s, e := off+k, off+k+len(w)
			off = e
			if (s == 0 || !isWordByte(text[s-1]) || w[0] == ' ') && (e == len(text) || !isWordByte(text[e]) || w[len(w)-1] == '.') {
				f(s, e)
			}
		}
	}
	for _, noun := range companyNouns {
		each(d.lower, noun, func(_, e int) {
			m := reAfterNoun.FindStringSubmatchIndex(d.text[e:min(len(d.text), e+90)])
			if m == nil {
				return
			}
			for _, w := range strings.Fields(d.text[e+m[2] : e+m[3]]) {
				if nameStopWords[strings.ToLower(w)] {
					return
				}
			}
			add(d.text[e+m[4] : e+m[5]])
		})
	}
	// "con Nebulo Cloud, il neocloud milanese", "with Halberd, the AI
	// cloud provider": a name followed by an apposition that calls it a
	// company. The name must follow a lowercase word, so that a sentence
	// opener ("Ieri, la società") is not taken for one.
	for _, noun := range companyNouns {
		each(d.lower, noun, func(s, _ int) {
			seg := d.lower[max(0, s-40):s]
			k := strings.LastIndex(seg, ", ")
			if k < 0 || !reApposNoun.MatchString(seg[k:]) {
				return
			}
			end := s - len(seg) + k // the comma
			start := max(0, end-60)
			n := reBeforeVerb.FindStringSubmatchIndex(d.text[start:end])
			if n == nil || !wordStart(d.text, start+n[2]) {
				return
			}
			before := strings.TrimRight(d.text[max(0, start+n[2]-20):start+n[2]], " ")
			// A dateline ends with a dash: "ZARAGOZA, 26 de febrero de
			// 2026 – Cierzo AI, la start-up zaragozana".
			if before == "" || !reLowerWordEnd.MatchString(before) && !hasSuffixAny(before, datelineDashes) {
				return
			}
			add(d.text[start+n[2] : start+n[3]])
		})
	}
	for _, form := range legalForms {
		each(d.text, form, func(s, _ int) {
			from := max(0, s-70)
			if m := reBeforeForm.FindStringSubmatchIndex(d.text[from:s]); m != nil && wordStart(d.text, from+m[2]) {
				add(d.text[from+m[2] : from+m[3]])
			}
		})
	}
	// "ha rilevato NeuroBit", "Acquisita la padovana NeuroBit", "acquired
	// Acme": the name right after an acquisition verb, past articles and
	// adjectives but no preposition.
	for _, verb := range acquireVerbs {
		each(d.lower, verb, func(_, e int) {
			m := reAfterNoun.FindStringSubmatchIndex(d.text[e:min(len(d.text), e+90)])
			if m == nil {
				return
			}
			for _, w := range strings.Fields(d.text[e+m[2] : e+m[3]]) {
				if lw := strings.ToLower(w); nameStopWords[lw] && !acquireArticles[lw] {
					return
				}
			}
			add(d.text[e+m[4] : e+m[5]])
		})
	}
	// "ha firmado con la aragonesa Forestalia", "con la piemontese
	// Vela": a company introduced by the adjective of where it is from.
	for _, intro := range demonymIntros {
		each(d.lower, intro, func(_, e int) {
			if m := reDemonymName.FindStringSubmatchIndex(d.text[e:min(len(d.text), e+70)]); m != nil {
				add(d.text[e+m[2] : e+m[3]])
			}
		})
	}
	// "ha adjudicado además a Ferrovial la construcción", "ha affidato a
	// Webuild i lavori", "awarded Acme the contract": the company a job
	// is given to, past one adverb.
	for _, verb := range awardVerbs {
		each(d.lower, verb, func(_, e int) {
			if m := reAwardee.FindStringSubmatchIndex(d.text[e:min(len(d.text), e+80)]); m != nil {
				add(d.text[e+m[2] : e+m[3]])
			}
		})
	}
	// "Orobica Compute", "Tibidabo Cloud", "Scala Data Centers", "Caddo
	// Power": capitalised words ending in a word that names a business.
	for _, head := range industryHeads {
		each(d.text, " "+head, func(s, e int) {
			if e < len(d.text) && isWordByte(d.text[e]) || reNextCapital.MatchString(d.text[e:min(len(d.text), e+3)]) {
				return // "Aligned Data Centers", "Teesside AI Growth Zone": a longer name
			}
			from := max(0, s-50)
			m := reBeforeVerb.FindStringSubmatchIndex(d.text[from:s])
			if m == nil || !wordStart(d.text, from+m[2]) {
				return
			}
			name := d.text[from+m[2] : e]
			first, _, _ := strings.Cut(name, " ")
			if genericNameWords[first] || first == head {
				return
			}
			add(name)
		})
	}
	for _, verb := range raiseVerbs {
		each(d.lower, verb, func(s, _ int) {
			from := max(0, s-60)
			if m := reBeforeVerb.FindStringSubmatchIndex(d.text[from:s]); m != nil && wordStart(d.text, from+m[2]) {
				add(d.text[from+m[2] : from+m[3]])
			}
		})
	}
	if len(names) == 0 {
		return all
	}
	// Longest names first, so that "Kairos Compute" claims its words
	// before the short form "Kairos" does.
	sort.SliceStable(names, func(a, b int) bool { return len(names[a]) > len(names[b]) })
	taken := func(s, e int, ms []mention) bool {
		for _, m := range ms {
			if m.start < e && s < m.end {
				return true
			}
		}
		return false
	}
	var found []mention
	for _, name := range names {
		forms := []string{name}
		if k := unknownKey(name); k != name && len(k) >= 4 {
			forms = append(forms, k)
		}
		id := d.unknownID(name)
		// "Aligned" after "Aligned Data Centers": the short form of a
		// company the gazetteer found in the same article.
		for _, m := range all {
			if m.kind != aliasPerson && (strings.HasPrefix(m.text, name+" ") || strings.HasPrefix(d.nameOf(m.entity), name+" ")) {
				id = m.entity
				break
			}
		}
		for _, form := range forms {
			for off := 0; ; {
				k := strings.Index(d.text[off:], form)
				if k < 0 {
					break
				}
				s, e := off+k, off+k+len(form)
				off = e
				if s > 0 && isWordByte(d.text[s-1]) || e < len(d.text) && isWordByte(d.text[e]) {
					continue
				}
				if taken(s, e, all) || taken(s, e, found) {
					continue
				}
				found = append(found, mention{entity: id, kind: aliasCompany, start: s, end: e, text: form})
			}
		}
	}
	out := append(append([]mention(nil), all...), found...)
	sort.SliceStable(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// reNextCapital is a space and a capital: the name goes on.
var reNextCapital = regexp.MustCompile(`^[ -][A-Z]`)

// industryHeads end company names: "Orobica Compute", "Caddo Power".
var industryHeads = cueWords("industryHeads")

// genericNameWords start capitalised phrases that end in an industry
// word but name no company: "Generative AI", "Sovereign Cloud".
var genericNameWords = cueSet("genericNameWords")

// industryHeaded reports whether name has two words or more and ends in
// an industry word: "Andes Compute" is a company, not the Andes.
func industryHeaded(name string) bool {
	k := strings.LastIndexByte(name, ' ')
	if k < 0 {
		return false
	}
	for _, h := range industryHeads {
		if name[k+1:] == h {
			return true
		}
	}
	return false
}

// datelineDashes end a dateline before the first sentence.
var datelineDashes = []string{" –", " —", " -"}

func hasSuffixAny(s string, xs []string) bool {
	for _, x := range xs {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// wordStart reports whether a word starts at text[pos]: "tokenInfiniteFound"
// (two words glued by a lost line break) names no company at "I".
func wordStart(text string, pos int) bool {
	return pos == 0 || !isWordByte(text[pos-1])
}

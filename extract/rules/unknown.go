package rules

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
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
		if len(name) < 3 || notCompany[name] || notCompany[first] || notNameWords[first] || calendarWords[first] || notCompanyWords[first] || isPlace(name) ||
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
	for w := 0; w < len(d.text); {
		// One pass over the words: a head word after a space.
		if d.text[w] < 'A' || d.text[w] > 'Z' || w == 0 || d.text[w-1] != ' ' {
			w++
			continue
		}
		e := w
		for e < len(d.text) && (isWordByte(d.text[e]) || d.text[e] >= 0x80) {
			e++
		}
		head, s := d.text[w:e], w-1
		w = e
		if !industryHeadSet[head] || reNextCapital.MatchString(d.text[e:min(len(d.text), e+3)]) {
			continue // "Aligned Data Centers", "Teesside AI Growth Zone": a longer name
		}
		start := capitalWordsBefore(d.text, s, 3)
		if start < 0 {
			continue
		}
		name := d.text[start:e]
		first, _, _ := strings.Cut(name, " ")
		if genericNameWords[first] || first == head || adjectival(d.lower, start, e) {
			continue
		}
		add(name)
	}
	// "Datos del Ebro, promotora zaragozana de centros de datos",
	// "Northlake Compute, a Denver-based AI cloud provider": a name in
	// apposition with a company noun.
	for off := 0; ; {
		k := strings.Index(d.text[off:], ", ")
		if k < 0 {
			break
		}
		pos := off + k
		off = pos + 2
		if !appositionNoun(d.lower[off:min(len(d.lower), off+80)]) {
			continue
		}
		win := d.text[max(0, pos-60):pos]
		if m := reNameEnd.FindStringSubmatchIndex(win); m != nil {
			add(win[m[2]:m[3]])
		}
	}
	// "il consiglio di amministrazione di Eurodati", "the board of
	// Meridian": the company a board or its shareholders belong to.
	for _, phrase := range boardPhrases {
		each(d.lower, phrase, func(_, e int) {
			if m := reNameRightAfter.FindStringSubmatchIndex(d.text[e:min(len(d.text), e+60)]); m != nil {
				add(d.text[e+m[2] : e+m[3]])
			}
		})
	}
	// "Eurodati respinge l'offerta", "Meridian rejects": the company
	// before a verb only a company does with offers and deals.
	for _, verb := range companyVerbs {
		each(d.lower, verb, func(s, _ int) {
			from := max(0, s-60)
			if m := reBeforeVerb.FindStringSubmatchIndex(d.text[from:s]); m != nil && wordStart(d.text, from+m[2]) {
				add(d.text[from+m[2] : from+m[3]])
			}
		})
	}
	// "el Banco Europeo de Inversiones (BEI)": a full name with its
	// acronym; the acronym names the same company later.
	acronyms := map[string]string{}
	for off := 0; ; {
		k := strings.Index(d.text[off:], " (")
		if k < 0 {
			break
		}
		p := off + k + 2
		off = p
		end := p
		for end < len(d.text) && end-p < 7 && d.text[end] >= 'A' && d.text[end] <= 'Z' {
			end++
		}
		if end-p < 2 || end >= len(d.text) || d.text[end] != ')' {
			continue
		}
		acr := d.text[p:end]
		if name := acronymName(d.text[max(0, p-2-80):p-2], acr); name != "" {
			before := len(names)
			add(name)
			if len(names) > before {
				acronyms[name] = acr
			}
		}
	}
	for _, verb := range raiseVerbs {
		each(d.lower, verb, func(s, _ int) {
			from := max(0, s-60)
			if m := reBeforeVerb.FindStringSubmatchIndex(d.text[from:s]); m != nil && wordStart(d.text, from+m[2]) {
				add(d.text[from+m[2] : from+m[3]])
			}
		})
	}
	// "Enel Chile", "BBVA México", "Eni Next", "CDP Equity": a company of
	// the gazetteer followed by a country or a unit word is a subsidiary,
	// a company of its own, named in full.
	{
		kept := all[:0:0]
		for _, m := range all {
			if tail := subsidiaryTail(d.text[m.end:min(len(d.text), m.end+30)]); tail != "" && m.kind == aliasCompany {
				name := m.text + tail
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
				continue
			}
			kept = append(kept, m)
		}
		all = kept
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
		if acr, ok := acronyms[name]; ok {
			forms = append(forms, acr)
		}
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

// subsidiaryUnits follow a parent's name in a subsidiary's: "Eni Next",
// "CDP Equity", "CDP Venture Capital".
var subsidiaryUnits = cueWords("subsidiaryUnits")

// subsidiaryTail returns the words after a company's name that make it
// a subsidiary's (" Chile", " Next"), or "". A country counts only at
// the end of the name: "Enel Chile ha firmado", not "Enel Chile Holdings".
func subsidiaryTail(rest string) string {
	if len(rest) < 3 || rest[0] != ' ' || (rest[1] < 'A' || rest[1] > 'Z') {
		return ""
	}
	for _, u := range subsidiaryUnits {
		if strings.HasPrefix(rest[1:], u) && (len(rest) == 1+len(u) || !isWordByte(rest[1+len(u)])) {
			return " " + u
		}
	}
	w := rest[1:]
	if k := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }); k >= 0 {
		w = w[:k]
	}
	if len(w) >= 2 && isCountry(strings.ToLower(w)) && !reNextCapital.MatchString(rest[1+len(w):min(len(rest), 3+len(w))]) {
		return " " + w
	}
	return ""
}

// capitalWordsBefore returns where the run of up to max capitalised
// words ending at pos begins ("Scala Data" before " Centers"), or -1
// when the word before pos is not capitalised. Words are joined by a
// space or a hyphen.
func capitalWordsBefore(text string, pos, max int) int {
	start := -1
	for n := 0; n < max; n++ {
		ws := pos
		for ws > 0 {
			r, size := utf8.DecodeLastRuneInString(text[:ws])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			ws -= size
		}
		if ws == pos || text[ws] < 'A' || text[ws] > 'Z' {
			break
		}
		start = ws
		if ws < 2 || (text[ws-1] != ' ' && text[ws-1] != '-') {
			break
		}
		pos = ws - 1
	}
	return start
}

// reNextCapital is a space and a capital: the name goes on.
var reNextCapital = regexp.MustCompile(`^[ -][A-Z]`)

// notCompanyWords start capitalised names of institutions, places and
// things that are no companies: "Nacional de Innovación", "Ministerio".
var notCompanyWords = cueSet("notCompanyWords")

// acronymName returns the name at the end of text whose capitalised
// words' initials spell acr ("Banco Europeo de Inversiones" for "BEI"),
// or "".
func acronymName(text, acr string) string {
	words := strings.Fields(text)
	n := 0 // initials matched, from the end
	start := len(words)
	for k := len(words) - 1; k >= 0 && n < len(acr); k-- {
		w := words[k]
		if w[0] >= 'A' && w[0] <= 'Z' {
			if w[0] != acr[len(acr)-1-n] {
				return ""
			}
			n++
			start = k
			continue
		}
		if !nameConnectors[w] {
			return ""
		}
	}
	if n != len(acr) {
		return ""
	}
	return strings.Join(words[start:], " ")
}

// nameConnectors join the words of an institution's name.
var nameConnectors = map[string]bool{"de": true, "del": true, "di": true, "della": true, "of": true, "for": true, "y": true, "e": true, "and": true, "la": true, "des": true, "du": true}

// boardPhrases end right before the name of the company a board or
// its shareholders belong to.
var boardPhrases = cueWords("boardPhrases")

// companyVerbs follow a company's name: "Eurodati respinge", "X
// rejects".
var companyVerbs = cueWords("companyVerbs")

// reNameRightAfter is a capitalised name right after a phrase.
var reNameRightAfter = regexp.MustCompile(`^\s*([A-Z][\p{L}\d]*(?:[ -][A-Z][\p{L}\d]*){0,2})`)

// industryHeads end company names: "Orobica Compute", "Caddo Power".
var industryHeads = cueWords("industryHeads")

// industryHeadSet is industryHeads as a set.
var industryHeadSet = cueSet("industryHeads")

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

// reNameEnd is a capitalised name at the end of a text: "Datos del
// Ebro", "Northlake Compute".
var reNameEnd = regexp.MustCompile(`(?:^|[^\p{L}\d])([A-Z][\p{L}\d]*(?:(?:\s+(?:de|del|di|of)\s+|[ -])[A-Z][\p{L}\d]*){0,3})$`)

// appositionNoun reports whether an apposition (the lowercased text after
// a name and its comma) opens with a company noun: "promotora
// zaragozana", "a developer of".
func appositionNoun(after string) bool {
	if k := strings.IndexAny(after, ",.;()"); k >= 0 {
		after = after[:k]
	}
	ws := strings.Fields(after)
	if len(ws) > 0 && (ws[0] == "a" || ws[0] == "an" || ws[0] == "un" || ws[0] == "una" || ws[0] == "uno") {
		ws = ws[1:]
	}
	return len(ws) > 0 && refNouns[ws[0]]
}

// adjectival reports whether lower[start:end], a demonym and a head word
// ("British AI", "Italian AI"), describes the company named after it
// ("British AI developer Brightwell AI", "Italian AI startup Corvina"):
// a company noun follows it.
func adjectival(lower string, start, end int) bool {
	first, rest, ok := strings.Cut(lower[start:end], " ")
	if _, demonym := demonymCountry[first]; !demonym || !ok || strings.Contains(rest, " ") {
		return false
	}
	after := strings.TrimLeft(lower[end:min(len(lower), end+40)], " ")
	for _, noun := range companyNouns {
		if strings.HasPrefix(after, noun) && (len(after) == len(noun) || !isWordByte(after[len(noun)])) {
			return true
		}
	}
	return false
}

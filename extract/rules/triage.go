package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// TriageVersion identifies the triage rules (cue lists and decision).
// Results stored as triaged under another version are re-read, so a
// better triage reaches the articles it skipped before.
const TriageVersion = "t4"

// Verdict is the triage of one article: whether a language model could
// find a deal in it, and why.
type Verdict struct {
	// Send is true when the article may state a deal: it goes to the
	// model. False means a model call would learn nothing.
	Send bool
	// Reason says what decided, for the result's note and for tests.
	Reason string
	// Figures counts the money and capacity figures the parser reads;
	// Cues lists the deal cues found (at most a few); RulesDeals counts
	// the deals the rules backend reads.
	Figures    int
	Cues       []string
	RulesDeals int
}

// dealCues are words and phrases that say a transaction between parties
// happens: someone signs, buys, invests in, funds, supplies or partners
// with someone. A trailing '*' makes a cue a prefix. They are matched at
// word starts in the lowercase text, all three languages in every
// article (articles mix languages). A cue right after a negation ("non
// prevede acquisizioni", "no acquisition") does not count.
var dealCues = []string{
	// en
	"deal to", "deal for", "deal worth", "signed", "signs", "sign a", "contract to", "contract worth", "partnered with",
	"acquire*", "acquisition*", "takeover", "buyout", "to buy", "will buy", "agreed to buy", "bought",
	"funding round", "round of funding", "financing round", "investment round", "seed round", "round led",
	"series a", "series b", "series c", "series d", "series e", "led by", "backed by", "to supply", "will supply", "supply deal",
	"supply agreement", "offtake", "power purchase agreement", "joint venture", "memorandum of understanding",
	"committed to spend", "to rent", "leases", "multiyear", "multi-year", "awarded",
	"inks", "inked", "pact", "teams up", "tie-up", "to invest", "will invest", "plans to invest", "invests", "cloud deal",
	"chip deal", "compute deal", "funding", "valuation of", "stake", "takes a stake", "merger", "merge with",
	// it
	"accordo per", "accordo da", "firmat*", "firma un", "firma l", "sigla", "siglat*", "contratto",
	"acquisizion*", "acquisisce", "acquisirà", "acquista", "rileva", "rilevat*", "investimento da",
	"round di finanziamento", "round da", "round di investimento", "round serie", "raccolt*", "finanziamento da",
	"contratto di fornitura", "accordo di fornitura", "fornirà", "joint venture", "memorandum d'intesa", "affitta",
	"investirà", "investe", "fusione", "partecipazione",
	"noleggi*", "commessa", "aggiudica*",
	// es
	"firmano", "siglano", "sottoscri*",
	"acuerdo para", "firmado", "firma un", "firma el", "firmó", "firman", "suscrib*", "contrato",
	"adquisici*", "adquiere", "adquirirá", "adquirió", "compra de", "comprará", "compró", "invertirá", "invirtió",
	"ronda de financiación", "ronda de financiamiento", "ronda de inversión", "ronda serie", "ronda liderada",
	"recaud*", "financiación de", "contrato de suministro", "acuerdo de suministro", "suministrará", "suministrar",
	"empresa conjunta", "memorando de entendimiento", "alquila*", "adjudica*",
	"fusión", "se alía",
}

// nameCues are deal cues that count only when a name follows
// ("investment in Anthropic", "acuerdo con Microsoft", not "investment
// in servers", "acuerdo con los plazos"): after the cue, skipping
// articles and at most one other word, a capitalised word.
var nameCues = []string{
	"agreement with", "agreement to", "deal with", "contract with", "partnership with", "partners with", "partner with",
	"invest in", "invests in", "invested in", "investing in", "investment in", "stake in", "commitment to",
	"accordo con", "intesa con", "partnership con", "alleanza con", "investimento in", "investe in", "quota di", "quota del",
	"quota in", "acuerdo con", "alianza con", "asociación con", "inversión en", "invierte en", "participación en",
	"participación del",
}

// raiseCues are the verbs of a funding round ("raised $6.6 billion");
// they do not count before a possessive or a price ("raised its
// guidance", "raised their price target").
var raiseCues = []string{"raise", "raised", "raises", "raising"}

// notAfterRaise are the words after a raise verb that make it no
// round.
var notAfterRaise = map[string]bool{
	"its": true, "their": true, "our": true, "his": true, "her": true, "the": true, "prices": true, "price": true,
	"rates": true, "concerns": true, "questions": true, "doubts": true, "guidance": true, "forecasts": true,
	"expectations": true, "estimates": true,
}

// negations before a cue cancel it.
var negations = map[string]bool{
	"no": true, "not": true, "without": true, "non": true, "nessuna": true, "nessun": true, "senza": true,
	"sin": true, "ningún": true, "ninguna": true, "ni": true, "nor": true,
}

// triageArticles are skipped between a name cue and the name.
var triageArticles = map[string]bool{
	"the": true, "a": true, "an": true, "il": true, "lo": true, "la": true, "i": true, "gli": true, "le": true,
	"l": true, "el": true, "los": true, "las": true, "un": true, "una": true, "uno": true, "del": true, "della": true,
	"dello": true, "de": true,
}

type triageCue struct {
	text   string
	prefix bool
	kind   int // 0 plain, 1 name must follow, 2 raise verb
}

// triageCues are the cues compiled.
var triageCues = compileTriageCues()

func compileTriageCues() []triageCue {
	var out []triageCue
	add := func(ws []string, kind int) {
		for _, w := range ws {
			out = append(out, triageCue{text: strings.TrimSuffix(w, "*"), prefix: strings.HasSuffix(w, "*"), kind: kind})
		}
	}
	add(dealCues, 0)
	add(nameCues, 1)
	add(raiseCues, 2)
	return out
}

// findCues returns the deal cues of text, at most max.
func findCues(text string, max int) []string {
	lower := strings.ToLower(text)
	sameLen := len(lower) == len(text) // then offsets in lower are offsets in text
	var found []string
	for _, c := range triageCues {
		from := 0
		for {
			i := strings.Index(lower[from:], c.text)
			if i < 0 {
				break
			}
			i += from
			from = i + 1
			end := i + len(c.text)
			if !triageWordStart(lower, i) || (!c.prefix && !triageWordEnd(lower, end)) {
				continue
			}
			if negated(lower[:i]) {
				continue
			}
			switch c.kind {
			case 1:
				if !sameLen || !nameFollows(text[end:]) {
					continue
				}
			case 2:
				if w := firstWords(lower[end:], 1); len(w) == 0 || notAfterRaise[w[0]] {
					continue
				}
			}
			found = append(found, c.text)
			break
		}
		if len(found) >= max {
			break
		}
	}
	return found
}

// nameFollows reports whether s (the text after a cue) starts with a
// name: a capitalised word, after articles and at most one other word.
func nameFollows(s string) bool {
	other := 0
	for _, w := range firstWords(s, 5) {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			return true
		case triageArticles[strings.ToLower(w)]:
		case other == 0:
			other++
		default:
			return false
		}
	}
	return false
}

// firstWords returns the first n words of s (letters and digits), within
// the sentence: a sentence end stops them.
func firstWords(s string, n int) []string {
	var out []string
	for len(out) < n {
		s = strings.TrimLeftFunc(s, func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(".;:!?\n", r)
		})
		if s == "" || strings.ContainsRune(".;:!?\n", rune(s[0])) {
			break
		}
		end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if end < 0 {
			end = len(s)
		}
		out = append(out, s[:end])
		s = s[end:]
	}
	return out
}

// negated reports whether one of the two words before the end of s
// (the text before a cue) is a negation: "no acquisition", "non prevede
// acquisizioni".
func negated(s string) bool {
	for range 2 {
		w := triageLastWord(s)
		if w == "" {
			return false // a punctuation mark: the clause ends
		}
		if negations[w] {
			return true
		}
		s = strings.TrimRightFunc(s, unicode.IsSpace)
		s = s[:len(s)-len(w)]
	}
	return false
}

// triageLastWord returns the word just before the end of s ("" at a sentence
// start).
func triageLastWord(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	end := len(s)
	start := strings.LastIndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	return s[start+1 : end]
}

func triageWordStart(s string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func triageWordEnd(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// dealFigures counts the figures a deal can be about: money, power
// capacity, and counts of GPUs or chips.
func dealFigures(figs []figures.Figure) int {
	n := 0
	for _, f := range figs {
		switch {
		case f.Kind == figures.Money, f.Kind == figures.Capacity:
			n++
		case f.Kind == figures.Count && f.Unit != "":
			n++
		}
	}
	return n
}

// Triage decides, before any model call, whether an article may state a
// deal. It reads the article with the figure parser, the deal cues of
// the three languages and the rules backend. The article is sent when
// the rules read a deal in it, or when it has a money or capacity figure
// and a deal cue; otherwise a model call would learn nothing.
func (x *Extractor) Triage(a extract.Article) Verdict {
	var v Verdict
	v.Figures = dealFigures(x.parse(a.Text, a.Lang))
	v.Cues = findCues(a.Title+"\n"+a.Text, 3)
	deals, _ := x.extract(a)
	v.RulesDeals = len(deals)
	var pair []string
	if v.RulesDeals == 0 && len(v.Cues) > 0 {
		pair = x.cuedPair(a)
	}
	switch {
	case v.RulesDeals > 0:
		v.Send, v.Reason = true, "the rules read a deal"
	case v.Figures > 0 && len(v.Cues) > 0:
		v.Send, v.Reason = true, "a money or capacity figure and a deal cue ("+strings.Join(v.Cues, ", ")+")"
	case pair != nil:
		v.Send, v.Reason = true, "a deal cue ("+pair[2]+") in a sentence naming "+pair[0]+" and "+pair[1]
	case v.Figures == 0 && len(v.Cues) == 0:
		v.Reason = "no money or capacity figure and no deal cue"
	case v.Figures == 0:
		v.Reason = "no money or capacity figure, and the rules read no deal"
	default:
		v.Reason = "no deal cue, and the rules read no deal"
	}
	return v
}

// cuedPair finds a sentence with a deal cue that names two companies (a
// deal stated without figures: "OpenAI e Amazon firmano il contratto"),
// and returns the two names and the cue, or nil.
func (x *Extractor) cuedPair(a extract.Article) []string {
	d := &doc{x: x, a: a, text: a.Text, lower: lowerSameLen(a.Text)}
	d.read()
	for i, s := range d.sents {
		ents := map[int]bool{}
		var names []string
		for _, m := range d.ments[i] {
			if m.kind == aliasPerson || ents[m.entity] {
				continue
			}
			ents[m.entity] = true
			names = append(names, d.nameOf(m.entity))
		}
		if len(names) < 2 {
			continue
		}
		if cues := findCues(a.Text[s.start:s.end], 1); len(cues) > 0 {
			return []string{names[0], names[1], cues[0]}
		}
	}
	return nil
}

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
const TriageVersion = "t1"

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
// article (articles mix languages).
var dealCues = []string{
	// en
	"agreement with", "agreement to", "deal with", "deal to", "deal for", "deal worth", "signed", "signs ", "sign a",
	"contract with", "contract to", "contract worth", "partnership with", "partnered with", "partners with", "partner with",
	"acquire*", "acquisition*", "takeover", "buyout", "to buy", "will buy", "agreed to buy", "bought",
	"invest in", "invests in", "invested in", "investing in", "investment in", "stake in", "funding round", "raised",
	"raises", "series a", "series b", "series c", "series d", "led by", "backed by", "to supply", "will supply", "supply deal",
	"supply agreement", "offtake", "power purchase agreement", "joint venture", "memorandum of understanding", "commitment to",
	"committed to spend", "to rent", "leases", "lease", "multiyear", "multi-year", "tender", "awarded",
	// it
	"accordo con", "accordo per", "accordo da", "intesa con", "firmat*", "firma un", "firma l", "sigla", "siglat*", "contratto",
	"partnership con", "alleanza con", "acquisizion*", "acquisisce", "acquisirà", "acquista", "rileva", "rilevat*",
	"investimento in", "investimento da", "investe in", "investirà", "quota di", "quota del", "round", "raccolt*", "finanziamento da",
	"fornitura", "fornirà", "joint venture", "memorandum d'intesa", "affitta", "noleggi*", "commessa", "aggiudica*",
	// es
	"acuerdo con", "acuerdo para", "acuerdo de", "alianza con", "firmado", "firma un", "firma el", "firmó", "contrato",
	"asociación con", "adquisici*", "adquiere", "adquirirá", "adquirió", "compra de", "comprará", "compró",
	"inversión en", "inversión de", "invierte en", "invertirá", "invirtió", "participación en", "participación del", "ronda",
	"recaud*", "financiación de", "suministro", "suministrará", "empresa conjunta", "memorando de entendimiento", "alquila*",
	"adjudica*",
}

// triageCues is dealCues compiled.
var triageCues = compileTriageCues(dealCues)

type triageCue struct {
	text   string
	prefix bool
}

func compileTriageCues(ws []string) []triageCue {
	out := make([]triageCue, 0, len(ws))
	for _, w := range ws {
		out = append(out, triageCue{text: strings.TrimSuffix(w, "*"), prefix: strings.HasSuffix(w, "*")})
	}
	return out
}

// findCues returns the deal cues of text (lowercased), at most max.
func findCues(lower string, max int) []string {
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
			if !triageWordStart(lower, i) {
				continue
			}
			end := i + len(c.text)
			if !c.prefix && !strings.HasSuffix(c.text, " ") && !triageWordEnd(lower, end) {
				continue
			}
			found = append(found, strings.TrimSpace(c.text))
			break
		}
		if len(found) >= max {
			break
		}
	}
	return found
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
	v.Cues = findCues(strings.ToLower(a.Title+"\n"+a.Text), 3)
	deals, _ := x.extract(a)
	v.RulesDeals = len(deals)
	switch {
	case v.RulesDeals > 0:
		v.Send, v.Reason = true, "the rules read a deal"
	case v.Figures > 0 && len(v.Cues) > 0:
		v.Send, v.Reason = true, "a money or capacity figure and a deal cue ("+strings.Join(v.Cues, ", ")+")"
	case v.Figures == 0 && len(v.Cues) == 0:
		v.Reason = "no money or capacity figure and no deal cue"
	case v.Figures == 0:
		v.Reason = "no money or capacity figure, and the rules read no deal"
	default:
		v.Reason = "no deal cue, and the rules read no deal"
	}
	return v
}

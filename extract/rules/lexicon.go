package rules

import (
	_ "embed"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"
)

// category is what a cue word says.
type category uint8

// Cue categories. Kind cues first (their order is the tie-break order of
// kinds), then figure classes, statuses, details and sections.
const (
	catRound category = iota
	catInvest
	catAcquisition
	catCompute
	catChip
	catDistribution
	catPartnership

	catNonDeal   // the figure is revenue, valuation, a price...: not a deal
	catAggregate // the figure is a total across many suppliers
	catCumulative

	catRejected
	catOffered
	catPredicted
	catPlanned
	catReported
	catCompleted
	catAgreed
	catAnnounced
	catFresh // "just", "today": the article announces it now

	catRevision
	catUpfront
	catConditional
	catMilestone
	catInference
	catTraining
	catAnaphora
	catPredictionSection
	catTeaserSection
	catStock   // shares: a stock move, unless bought
	catBuy     // buying verbs: "buy $2 billion of Intel shares"
	catSpend   // spending: capex unless a counterparty is named
	catUnnamed // an unnamed counterparty: "un fondo soberano", "an undisclosed buyer"
	catOption  // an amount a deal may reach: "potrebbe salire fino a"
	catVague   // an unquantified amount: "diversi miliardi", "multibillion"
	catCompanyRef
	catTopicShift // "Separately", "Intanto": the article moves to another story
	catSupplyVerb // "per fornire", "to supply": the subject supplies

	catCancelled  // "called off", "annullato": a deal ended before it closed
	catDenied     // "smentisce", "desmiente", "denied": a party denies it
	catExpanded   // "ampliato di", "an additional": an existing deal grows
	catFuture     // "investirà", "will buy": a future tense, not a plan
	catStatement  // "said in a statement", "in una nota": a party states it
	catBackground // "aveva firmato", "last year": an older deal recalled

)

// lexiconJSON is the embedded lexicon (lexicon.json): the cue words of
// every category per language, and the word lists single rules use, as
// data apart from the logic.
//
//go:embed lexicon.json
var lexiconJSON []byte

// lexiconFile is the format of lexicon.json.
type lexiconFile struct {
	// Categories maps a category name (categoryNames) to its cues per
	// language. A cue is a lowercase word or phrase matched at a word
	// start; a trailing '*' makes it a prefix ("invest*" matches
	// "investimento", "investing"). Cues of all three languages apply to
	// every article: articles mix languages, and a cue word of one
	// language seldom means something else in another.
	Categories map[string]map[string][]string `json:"categories"`
	// Lists maps the name of a Go variable to its words.
	Lists map[string][]string `json:"lists"`
	// Demonyms maps a country (ISO 3166 alpha-2) to its adjectives in
	// the three languages, lowercase: descriptors.go.
	Demonyms map[string][]string `json:"demonyms"`
}

// lexiconData is lexicon.json decoded once; the lexicon is fixed, so a
// malformed file is a programming error caught by every test.
var lexiconData = mustLexicon(lexiconJSON)

func mustLexicon(b []byte) lexiconFile {
	var f lexiconFile
	if err := json.Unmarshal(b, &f); err != nil {
		panic("rules: lexicon.json: " + err.Error())
	}
	return f
}

// cueWords returns the word list name of lexicon.json.
func cueWords(name string) []string {
	ws, ok := lexiconData.Lists[name]
	if !ok {
		panic("rules: lexicon.json has no list " + name)
	}
	return ws
}

// cueSet returns the word list name of lexicon.json as a set.
func cueSet(name string) map[string]bool {
	set := make(map[string]bool)
	for _, w := range cueWords(name) {
		set[w] = true
	}
	return set
}

// categoryNames are the category names of lexicon.json.
var categoryNames = map[string]category{
	"round":             catRound,
	"invest":            catInvest,
	"acquisition":       catAcquisition,
	"compute":           catCompute,
	"chip":              catChip,
	"distribution":      catDistribution,
	"partnership":       catPartnership,
	"nonDeal":           catNonDeal,
	"aggregate":         catAggregate,
	"cumulative":        catCumulative,
	"rejected":          catRejected,
	"offered":           catOffered,
	"predicted":         catPredicted,
	"planned":           catPlanned,
	"reported":          catReported,
	"completed":         catCompleted,
	"agreed":            catAgreed,
	"announced":         catAnnounced,
	"fresh":             catFresh,
	"revision":          catRevision,
	"upfront":           catUpfront,
	"conditional":       catConditional,
	"milestone":         catMilestone,
	"inference":         catInference,
	"training":          catTraining,
	"anaphora":          catAnaphora,
	"predictionSection": catPredictionSection,
	"teaserSection":     catTeaserSection,
	"stock":             catStock,
	"buy":               catBuy,
	"spend":             catSpend,
	"unnamed":           catUnnamed,
	"option":            catOption,
	"vague":             catVague,
	"companyRef":        catCompanyRef,
	"supplyVerb":        catSupplyVerb,
	"cancelled":         catCancelled,
	"denied":            catDenied,
	"expanded":          catExpanded,
	"future":            catFuture,
	"statement":         catStatement,
	"background":        catBackground,
	"topicShift":        catTopicShift,
}

// categoriesOf maps lexicon.json's categories to their categories.
func categoriesOf(m map[string]map[string][]string) map[category]map[string][]string {
	out := make(map[category]map[string][]string, len(m))
	for name, langs := range m {
		c, ok := categoryNames[name]
		if !ok {
			panic("rules: lexicon.json: unknown category " + name)
		}
		out[c] = langs
	}
	return out
}

// lexicon lists the cues of every category, per language.
var lexicon = categoriesOf(lexiconData.Categories)

// cue is one compiled cue.
type cue struct {
	text   string
	prefix bool
	cat    category
}

// cueIndex holds the compiled lexicon, bucketed by its first two bytes.
type cueIndex struct {
	byFirst [65536][]cue
}

func cueKey(s string) int {
	if len(s) < 2 {
		return int(s[0]) << 8
	}
	return int(s[0])<<8 | int(s[1])
}

func newCueIndex() *cueIndex {
	ix := &cueIndex{}
	seen := make(map[cue]bool)
	for cat, langs := range lexicon {
		for _, lang := range []string{"it", "es", "en"} {
			for _, w := range langs[lang] {
				c := cue{text: strings.TrimSuffix(w, "*"), prefix: strings.HasSuffix(w, "*"), cat: cat}
				variants := []cue{c}
				if strings.Contains(c.text, "'") { // l'accordo, l’accordo
					v := c
					v.text = strings.ReplaceAll(c.text, "'", "’")
					variants = append(variants, v)
				}
				for _, v := range variants {
					if seen[v] {
						continue
					}
					seen[v] = true
					if len(v.text) < 2 {
						panic("rules: one-letter cue " + v.text) // the lexicon is fixed: a programming error
					}
					ix.byFirst[cueKey(v.text)] = append(ix.byFirst[cueKey(v.text)], v)
				}
			}
		}
	}
	for i := range ix.byFirst {
		list := ix.byFirst[i]
		// Deterministic order: longer first, then alphabetical, then category.
		sortCues(list)
	}
	return ix
}

func sortCues(list []cue) {
	for i := 1; i < len(list); i++ {
		for j := i; j > 0 && cueLess(list[j], list[j-1]); j-- {
			list[j], list[j-1] = list[j-1], list[j]
		}
	}
}

func cueLess(a, b cue) bool {
	if len(a.text) != len(b.text) {
		return len(a.text) > len(b.text)
	}
	if a.text != b.text {
		return a.text < b.text
	}
	return a.cat < b.cat
}

// hit is a cue found in a text: lower[start:end].
type hit struct {
	cat        category
	start, end int
}

// scan returns every cue hit in lower (a lowercased text with the same
// byte offsets as the original), in order of start. A cue matches at a
// word start and, unless it is a prefix, ends at a word end.
func (ix *cueIndex) scan(lower string, base int, out []hit) []hit {
	prevWord := false
	for i := 0; i < len(lower); {
		r, size := utf8.DecodeRuneInString(lower[i:])
		isW := isWordRune(r) || r == '\''
		if isW && !prevWord && i+1 < len(lower) {
			for _, c := range ix.byFirst[cueKey(lower[i:])] {
				if !strings.HasPrefix(lower[i:], c.text) {
					continue
				}
				end := i + len(c.text)
				if !c.prefix && end < len(lower) {
					if r2, _ := utf8.DecodeRuneInString(lower[end:]); isWordRune(r2) {
						continue
					}
				}
				out = append(out, hit{cat: c.cat, start: base + i, end: base + end})
			}
		}
		prevWord = isWordRune(r)
		i += size
	}
	return out
}

// lowerSameLen lowercases s rune by rune, keeping a rune as is when its
// lowercase form has another length, so byte offsets stay valid.
func lowerSameLen(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(s[i])
			i++
			continue
		}
		i += size
		l := unicode.ToLower(r)
		if utf8.RuneLen(l) != utf8.RuneLen(r) {
			l = r
		}
		b.WriteRune(l)
	}
	return b.String()
}

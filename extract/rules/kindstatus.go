package rules

import (
	"regexp"
	"slices"
	"sort"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// kindScores scores the deal kinds from the cues of sentence i: 3 for a
// cue within 40 bytes of the group's figures [gs, ge), 2 elsewhere in its
// clause [from, to), 1 elsewhere in the sentence. Cues inside company
// names and overlapping hits of one category count once.
func (d *doc) kindScores(i, from, to, gs, ge int) ([catPartnership + 1]int, bool) {
	kh := d.kindHitsOf(i)
	var sc [catPartnership + 1]int
	for _, h := range kh {
		sc[h.cat]++
	}
	local := false
	for k := sort.Search(len(kh), func(k int) bool { return kh[k].start >= from }); k < len(kh) && kh[k].start < to; k++ {
		h := kh[k]
		if h.start >= gs-40 && h.start < ge+40 {
			sc[h.cat] += 2
		} else {
			sc[h.cat]++
		}
		if h.cat == catAcquisition && h.start >= gs-100 && h.start < ge+40 {
			// "l'acquisizione del 100% di Irideos, operatore di data
			// center": the target's business is described with other
			// kinds' words; the acquisition word decides.
			sc[h.cat] += 2
		}
		if h.cat != catPartnership {
			local = true
		}
	}
	return sc, local
}

// kindHitsOf returns the kind cues of sentence i, outside company names,
// overlapping hits of one category once; computed once per sentence.
func (d *doc) kindHitsOf(i int) []hit {
	if d.kindHits == nil {
		d.kindHits = make([][]hit, len(d.sents))
		d.kindDone = make([]bool, len(d.sents))
	}
	if d.kindDone[i] {
		return d.kindHits[i]
	}
	var out []hit
	lastEnd := [catPartnership + 1]int{}
	for _, h := range d.hits[i] {
		if h.cat > catPartnership || h.start < lastEnd[h.cat] || d.inMention(i, h.start) {
			continue
		}
		if h.cat == catDistribution && d.spreadOver(i, h) {
			continue
		}
		lastEnd[h.cat] = h.end
		out = append(out, h)
	}
	d.kindHits[i], d.kindDone[i] = out, true
	return out
}

// spreadWords follow "distributed" when it means spread over time or
// paid out: "60-80 miliardi distribuiti su quattro anni", "a one-time
// distribution of roughly $3bn".
var spreadWords = cueWords("spreadWords")

// spreadOver reports whether distribution cue h means spread over time or
// a payout, not distributing a product.
func (d *doc) spreadOver(i int, h hit) bool {
	after := d.lower[h.end:min(d.sents[i].end, h.end+28)]
	if hasAnyWord(after, spreadWords) {
		return true
	}
	for _, f := range d.figs[i] {
		if f.Kind == figures.Money && f.Start >= h.end && f.Start <= h.end+20 {
			return true
		}
	}
	return false
}

var kindOfCat = [...]extract.Kind{
	catRound: extract.KindFundingRound, catInvest: extract.KindInvestment, catAcquisition: extract.KindAcquisition,
	catCompute: extract.KindCompute, catChip: extract.KindChipSupply, catDistribution: extract.KindDistribution,
	catPartnership: extract.KindPartnership,
}

// pickKind returns the best-scoring kind; partnership with a money figure
// is "other" (the schema's partnership has no amount).
func pickKind(sc [catPartnership + 1]int, hasMoney bool) extract.Kind {
	best, bestCat := 0, category(0)
	for c := catRound; c < catPartnership; c++ {
		if sc[c] > best {
			best, bestCat = sc[c], c
		}
	}
	if best == 0 {
		if hasMoney || sc[catPartnership] == 0 {
			return extract.KindOther
		}
		return extract.KindPartnership
	}
	return kindOfCat[bestCat]
}

// kindOfSentence returns the kind the cues of sentence i point to.
func (d *doc) kindOfSentence(i int) extract.Kind {
	s := d.sents[i]
	sc, _ := d.kindScores(i, s.start, s.end, s.start, s.end)
	return pickKind(sc, true)
}

// labels sets the stage, confirmation and mention of candidate c from
// the cues of sentence i around [from, to); revised says the amount
// revises an earlier one ("da 38 a 138 miliardi"). See doc.go "# Stage
// and confirmation" for the precedence.
func (d *doc) labels(c *candidate, i, from, to int, revised bool) {
	c.deal.Status, c.explicit = d.status(i, from, to, revised || c.increment)
	c.deal.Confirmation, c.confX = d.confirmation(i, from, to)
	if c.denied {
		c.deal.Confirmation, c.confX = extract.Denied, true
	}
	if c.deal.Confirmation == extract.Denied && !c.explicit {
		// "denied a media report that it was in talks to invest": what
		// was denied is at most a plan.
		c.deal.Status, c.explicit = extract.DealPlanned, true
	}
	c.deal.Mention = d.mention(i)
}

// status returns the stage of a deal stated near [from, to) of sentence
// i, and whether a cue stated it. How far a deal is, not how sure:
// "avrebbe firmato" is agreed (and reported).
func (d *doc) status(i, from, to int, revised bool) (extract.DealStatus, bool) {
	s := d.sents[i]
	// A cue of the clause counts; failing any, one of the sentence near
	// the figures.
	near0, near1 := max(s.start, from-150), min(s.end, to+100)
	in := func(c category) bool {
		return d.hitIn(i, c, from, to) || d.hitIn(i, c, near0, near1) && !d.anyStatusIn(i, from, to)
	}
	// first returns where the first cue of c near the figures is, or -1.
	first := func(c category) int {
		for _, h := range d.hits[i] {
			if h.cat == c && h.start >= near0 && h.start < near1 {
				return h.start
			}
		}
		return -1
	}
	switch {
	case in(catRejected):
		return extract.DealRejected, true
	case in(catCancelled):
		return extract.DealCancelled, true
	case revised || in(catExpanded):
		return extract.DealExpanded, true
	case in(catOffered):
		return extract.DealOffered, true
	}
	// An intention before a signature ("plans to sign an agreement") is
	// a plan; a signature before a future ("has agreed to buy ... and
	// will invest") is agreed.
	intent := -1
	if in(catPlanned) {
		intent = first(catPlanned)
	}
	sign := -1
	for _, c := range []category{catCompleted, catAgreed} {
		if in(c) {
			if p := first(c); p >= 0 && (sign < 0 || p < sign) {
				sign = p
			}
		}
	}
	switch {
	case intent >= 0 && (sign < 0 || intent < sign):
		return extract.DealPlanned, true
	case in(catCompleted) && d.closesAgreement(i, near0, near1):
		// "ha cerrado con Banco Santander una financiación": closing an
		// agreement signs it; a closed round or purchase is completed.
		return extract.DealAgreed, true
	case in(catCompleted):
		return extract.DealCompleted, true
	case in(catAgreed):
		return extract.DealAgreed, true
	case in(catAnnounced), in(catFuture):
		// "will invest": announced, not a mere plan.
		return extract.DealAnnounced, true
	}
	return extract.DealAnnounced, false
}

// closeVerbs are the completed cues that mean signing when their object
// is an agreement: "ha cerrado un acuerdo", "closed a loan".
var closeVerbs = cueWords("closeVerbs")

// agreementObjects are what closing signs rather than completes.
var agreementObjects = cueWords("agreementObjects")

// closesAgreement reports whether every completed cue near [from, to)
// of sentence i is a close verb whose object (within 40 bytes) is an
// agreement, a contract or a loan.
func (d *doc) closesAgreement(i, from, to int) bool {
	found := false
	for _, h := range d.hits[i] {
		if h.cat != catCompleted || h.start < from || h.start >= to {
			continue
		}
		w := d.lower[h.start:h.end]
		if !slices.Contains(closeVerbs, w) || !hasAnyWord(d.lower[h.end:min(d.sents[i].end, h.end+40)], agreementObjects) {
			return false
		}
		found = true
	}
	return found
}

// confirmation returns how sure the article is of a deal stated near
// [from, to) of sentence i, and whether a cue said it: denied by a
// party, reported by media or sources, forecast by analysts, confirmed
// by a party's statement, or confirmed by default (the article's voice).
func (d *doc) confirmation(i, from, to int) (extract.Confirmation, bool) {
	s := d.sents[i]
	near0, near1 := max(s.start, from-200), min(s.end, to+200)
	switch {
	case d.marksOf(i).denied:
		return extract.Denied, true
	case d.predicted[i] || d.hitIn(i, catPredicted, near0, near1):
		return extract.Forecast, true // "según analistas": an estimate, even when attributed
	case d.hitIn(i, catReported, near0, near1) && !d.ownSource(i, near0, near1):
		return extract.Reported, true
	case d.marksOf(i).statement || d.ownSource(i, near0, near1):
		return extract.Confirmed, true
	}
	return extract.Confirmed, false
}

// reYear is a year of this century or the last.
var reYear = regexp.MustCompile(`\b(?:19|20)\d\d\b`)

// mention says whether sentence i recalls a deal (background) or reports
// it: a pluperfect ("aveva firmato", "had signed"), "last year", or a
// year before the article's.
func (d *doc) mention(i int) extract.Mention {
	if d.marksOf(i).background {
		return extract.MentionBackground
	}
	return extract.MentionNews
}

// ownSourceWords follow "según"/"secondo"/"according to" when the source
// is a party itself: "según ha confirmado la propia empresa", "según el
// comunicado", "according to the company" confirm the deal.
var ownSourceWords = cueWords("ownSourceWords")

// ownSource reports whether every reported cue in [from, to) of sentence
// i attributes the news to the companies themselves.
func (d *doc) ownSource(i, from, to int) bool {
	found := false
	for _, h := range d.hits[i] {
		if h.cat != catReported || h.start < from || h.start >= to {
			continue
		}
		after := d.lower[h.end:min(d.sents[i].end, h.end+40)]
		if !hasAnyPhrase(after, ownSourceWords) {
			return false
		}
		found = true
	}
	return found
}

func (d *doc) anyStatusIn(i, from, to int) bool {
	for _, h := range d.hits[i] {
		if h.cat >= catRejected && h.cat <= catAnnounced && h.start >= from && h.start < to {
			return true
		}
	}
	return false
}

func (d *doc) hitsIn(i, from, to int) []hit {
	hs := d.hits[i]
	k := sort.Search(len(hs), func(k int) bool { return hs[k].start >= from })
	e := k
	for e < len(hs) && hs[e].start < to {
		e++
	}
	return hs[k:e]
}

// dedupHits drops hits contained in an earlier hit of the same category.
func dedupHits(hs []hit) []hit {
	var out []hit
	lastEnd := map[category]int{}
	for _, h := range hs {
		if e, ok := lastEnd[h.cat]; ok && h.start < e {
			continue
		}
		lastEnd[h.cat] = h.end
		out = append(out, h)
	}
	return out
}

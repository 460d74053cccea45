package rules

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// months maps the month names of it, es and en to their numbers.
var months = func() map[string]int {
	m := map[string]int{}
	for _, names := range [][]string{
		{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"},
		{"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"},
		{"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"},
	} {
		for i, n := range names {
			m[n] = i + 1
		}
	}
	return m
}()

// signedVerbs are the past forms that date a deal when a month stands
// next to them: "signed in November", "firmato a novembre", "en
// noviembre firmó".
const signedVerbs = `signed|agreed|announced|struck|sealed|inked|` +
	`firmat[oaie]|siglat[oaie]|annunciat[oaie]|concordat[oaie]|` +
	`firmad[oa]s?|anunciad[oa]s?|acordad[oa]s?|sellad[oa]s?|firmó|firmaron|anunció|anunciaron|acordó|acordaron`

// monthNames is the alternation of every month name.
var monthNames = func() string {
	var ns []string
	for n := range months {
		ns = append(ns, n)
	}
	// Longest first, so that no name stops at a shorter one's end.
	slices.SortFunc(ns, func(a, b string) int {
		if len(a) != len(b) {
			return len(b) - len(a)
		}
		return strings.Compare(a, b)
	})
	return strings.Join(ns, "|")
}()

// reSignedInMonth is a past signing dated by a month, either way round:
// "signed in November", "firmato a novembre 2025", "firmado el pasado
// noviembre", "In November it signed", "A novembre ha firmato". Group 1
// or 3 is the month, 2 or 4 the year when one follows.
var reSignedInMonth = regexp.MustCompile(`\b(?:` + signedVerbs + `)\s+(?:(?:in|a|en|nel|nello|el|lo|last|pasado|scorso)\s+){1,2}(` + monthNames + `)\b(?:\s+(?:de\s+|of\s+)?((?:19|20)\d\d))?` +
	`|\b(?:in|a|en|nel)\s+(` + monthNames + `)\b(?:\s+(?:de\s+)?((?:19|20)\d\d))?,?\s+(?:\S+\s+){0,2}?(?:ha\s+|hanno\s+|has\s+|have\s+)?(?:` + signedVerbs + `)(?:[^\p{L}\d]|$)`)

// reNotYet before a signing says it has not happened: "to be signed in
// November", "sarà firmato a novembre", "será firmado en noviembre".
var reNotYet = regexp.MustCompile(`\b(?:to be|will be|would be|sarà|saranno|verrà|será|serán|should be|could be|expected to be)\s+$`)

// signedEarlier reports whether lower, a sentence of an article
// published on published ("2026-02-12"), dates a signing to a month
// before the article's: "the $2.1 billion contract the two companies
// signed in November" in February recalls an older deal. A month with
// no year is the last such month up to the article's; the article's own
// month is news.
func signedEarlier(lower, published string) bool {
	if len(published) < 7 {
		return false
	}
	py, err1 := strconv.Atoi(published[:4])
	pm, err2 := strconv.Atoi(published[5:7])
	if err1 != nil || err2 != nil {
		return false
	}
	for _, m := range reSignedInMonth.FindAllStringSubmatchIndex(lower, -1) {
		if reNotYet.MatchString(lower[:m[0]]) {
			continue
		}
		name, year := "", ""
		if m[2] >= 0 {
			name = lower[m[2]:m[3]]
			if m[4] >= 0 {
				year = lower[m[4]:m[5]]
			}
		} else {
			name = lower[m[6]:m[7]]
			if m[8] >= 0 {
				year = lower[m[8]:m[9]]
			}
		}
		mo := months[name]
		if year != "" {
			y, _ := strconv.Atoi(year)
			if y < py || y == py && mo < pm {
				return true
			}
			continue
		}
		if mo != pm {
			return true
		}
	}
	return false
}

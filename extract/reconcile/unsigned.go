package reconcile

import (
	"fmt"

	"github.com/dealwatch/dealwatch/extract"
)

// unsignedCues say that a deal is not signed yet: "the contract has not
// yet been signed", "non è ancora stato firmato", "todavía no se ha
// firmado".
var unsignedCues = []string{
	"not yet signed", "not yet been signed", "not been signed", "yet to be signed", "yet to sign",
	"has not signed", "have not signed", "hasn't signed", "haven't signed", "not signed yet",
	"non è ancora stato firmato", "non è ancora stata firmata", "non è stato ancora firmato", "non è stata ancora firmata",
	"non ancora firmato", "non ha ancora firmato", "non hanno ancora firmato", "ancora da firmare",
	"todavía no se ha firmado", "aún no se ha firmado", "no se ha firmado todavía", "no se ha firmado aún",
	"todavía no ha sido firmado", "aún no ha sido firmado", "todavía no han firmado", "aún no han firmado",
	"todavía no ha firmado", "aún no ha firmado", "pendiente de firma",
}

// unsignedWindow is how many days apart two outlets may say "signed"
// and "not signed yet" of one deal and still contradict each other;
// further apart, the deal was signed in between.
const unsignedWindow = 3

// unsigned reports whether news view v says its deal is not signed yet.
func unsigned(v *view) bool {
	return !v.background && !committed(v.status) && hasCue(v.evidence, unsignedCues)
}

// judgeUnsigned adds a status conflict to j when v and the state say,
// within unsignedWindow days, that the deal is signed and that it is not
// signed yet: "ha firmato con Microsoft un contratto da 1,2 miliardi"
// against "el contrato todavía no se ha firmado" the same day.
func (st *dealState) judgeUnsigned(v *view, j *judgement) {
	if v.background || v.pub == "" {
		return
	}
	near := func(article string) bool {
		pub := st.pubOf[article]
		if pub == "" {
			return false
		}
		d := days(pub) - days(v.pub)
		return d >= -unsignedWindow && d <= unsignedWindow
	}
	var signed, notYet string
	var was, now extract.DealStatus
	switch {
	case committed(v.status) && st.unsigned != "" && near(st.unsigned):
		notYet, signed, was, now = st.unsigned, v.article, st.unsignedStatus, v.status
	case unsigned(v) && committed(st.status) && near(st.statusArticle):
		signed, notYet, was, now = st.statusArticle, v.article, st.status, v.status
	default:
		return
	}
	if was == "" {
		was = extract.DealPlanned
	}
	if now == "" {
		now = extract.DealPlanned
	}
	earlier := signed
	if signed == v.article {
		earlier = notYet
	}
	j.conflicts = append(j.conflicts, extract.Conflict{
		Field: extract.FieldStatus, Cause: extract.CauseStatus,
		Values:   []any{string(was), string(now)},
		Articles: []string{earlier, v.article},
		Note:     fmt.Sprintf("%s says the deal is signed, %s that it is not signed yet", st.ref(signed), st.ref(notYet)),
	})
}

// noteUnsigned remembers v when it says its deal is not signed yet.
func (st *dealState) noteUnsigned(v *view) {
	if unsigned(v) {
		st.unsigned, st.unsignedStatus = v.article, v.status
	}
}

package desk

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/dealwatch/dealwatch/store"
)

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// ErrChanged means the deal's evidence changed between the page the
// reviewer saw and the decision: nothing was stored.
var ErrChanged = errors.New("the deal changed since the page was loaded (a run added or changed an article): nothing was stored; look at it again")

// decide stores one decision: a POST from the desk's own pages with the
// CSRF token. The store is opened for writing for this decision only
// (each decision is its own transaction, committed before the answer),
// waiting a few seconds for a run; when a run still holds it, the page
// says so and offers to post the decision again.
func (s *Server) decide(w http.ResponseWriter, r *http.Request) {
	if err := sameOrigin(r); err != nil {
		s.fail(w, r, http.StatusForbidden, "Refused: not from the desk", err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, http.StatusBadRequest, "Bad request", err)
		return
	}
	if !s.checkToken(r) {
		s.fail(w, r, http.StatusForbidden, "Refused: the form's token is missing or wrong", errors.New("reload the page (the desk was restarted?) and decide again"))
		return
	}
	req := Request{
		Deal: r.PostFormValue("deal"), Action: r.PostFormValue("action"), Field: r.PostFormValue("field"),
		Value: r.PostFormValue("value"), Article: r.PostFormValue("article"),
		Note: strings.TrimSpace(r.PostFormValue("note")), By: strings.TrimSpace(r.PostFormValue("by")),
		Fingerprint: r.PostFormValue("fingerprint"),
	}
	if req.By == "" {
		req.By = s.o.By
	}
	back := localPath(r.PostFormValue("return"))
	if !validAction(req.Action) {
		s.fail(w, r, http.StatusBadRequest, "Unknown decision", errors.New("choose resolve, dismiss, reject, confirm or reopen"))
		return
	}
	db, err := s.o.Open(false)
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			s.render(w, r, http.StatusServiceUnavailable, "message", page{Title: "A run is going",
				Data: messageData{Title: "A run is writing the store: your decision was not stored yet",
					Text:  "dealwatch run holds the store until it finishes. Pages still read; post the decision again when the run is done.",
					Retry: &req, Back: back}})
			return
		}
		s.fail(w, r, http.StatusInternalServerError, "The store cannot be opened for writing", err)
		return
	}
	out, err := s.o.Data.Decide(r.Context(), db, req)
	cerr := db.Close()
	if err == nil {
		err = cerr
	}
	if err != nil {
		status := http.StatusBadRequest
		switch {
		case errors.Is(err, store.ErrNotFound):
			status = http.StatusNotFound
		case errors.Is(err, ErrChanged):
			status = http.StatusConflict
		case errors.Is(err, store.ErrLocked):
			status = http.StatusServiceUnavailable
		}
		s.render(w, r, status, "message", page{Title: "Not stored",
			Data: messageData{Title: "The decision was not stored", Text: err.Error(), Back: back}})
		return
	}
	msg := "Stored: " + out.Deal + ": " + out.Line + " — now " + out.State
	// The notice says what was stored; the page after it is a GET, so a
	// reload never posts the decision twice.
	u, _ := url.Parse(back)
	q := u.Query()
	q.Set("done", msg)
	u.RawQuery = q.Encode()
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
}

func validAction(a string) bool {
	for _, x := range Actions {
		if a == x {
			return true
		}
	}
	return false
}

package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

// deskDecides says whether the store keeps decisions (issue 13).
const deskDecides = true

// countDecisions returns how many decisions db holds.
func countDecisions(t testing.TB, db *store.DB) int {
	t.Helper()
	log, err := db.DecisionLog()
	if err != nil {
		t.Fatal(err)
	}
	return len(log)
}

// lastDecision returns the store's last decision.
func lastDecision(t testing.TB, path string) (store.Decision, int) {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log, err := db.DecisionLog()
	if err != nil {
		t.Fatal(err)
	}
	if len(log) == 0 {
		return store.Decision{}, 0
	}
	return log[len(log)-1], len(log)
}

// assertDecision checks that the last decision of the store at path is
// action on deal, and that its value holds want.
func assertDecision(t testing.TB, path, deal, action, want string) {
	t.Helper()
	d, n := lastDecision(t, path)
	if n == 0 {
		t.Fatalf("no decision stored, want %s %s", action, deal)
	}
	if d.Deal != deal || string(d.Action) != action || !strings.Contains(string(d.Value)+d.Article, want) {
		t.Errorf("last decision = %+v, want %s on %s with %s", d, action, deal, want)
	}
}

// decideForm is a decision as the desk's forms post it.
func decideForm(srv interface{ Token() string }, deal, action string, kv ...string) url.Values {
	f := url.Values{"csrf": {srv.Token()}, "deal": {deal}, "action": {action}, "return": {"/"}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Set(kv[i], kv[i+1])
	}
	return f
}

func TestDeskDecisions(t *testing.T) {
	f := newDeskFixture(t)
	ts, srv := deskServer(t, f.path, time.Second)
	articleID := func(key string) string {
		db, err := store.Open(f.path, &store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		a, err := db.Article(key)
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	a48 := articleID(f.a48)
	_, page := get(t, ts, "/deal?id="+url.QueryEscape(f.deal))
	fp := between(page, `name="fingerprint" value="`, `"`)
	if fp == "" {
		t.Fatal("deal page has no fingerprint")
	}
	steps := []struct {
		name      string
		form      url.Values
		code      int
		action    string
		want      string // in the stored value or article
		queueLen  int    // items on the queue page after it
		dealState string
	}{
		{"resolve with a value", decideForm(srv, f.deal, "resolve", "field", "amount", "value", "$48B", "article", a48, "note", "the filing says 48", "fingerprint", fp), 303, "resolve", "48000000000", 0, "resolved"},
		{"reopen", decideForm(srv, "AMAZON+OPENAI", "reopen"), 303, "reopen", "", 1, "open"},
		{"dismiss", decideForm(srv, f.deal, "dismiss", "field", "amount"), 303, "dismiss", "", 0, "dismissed"},
		{"reopen again", decideForm(srv, f.deal, "reopen"), 303, "reopen", "", 1, ""},
		{"reject one article's fact", decideForm(srv, f.deal, "reject", "article", a48, "note", "misread"), 303, "reject", a48, 0, ""},
		{"reopen a third time", decideForm(srv, f.deal, "reopen"), 303, "reopen", "", 1, ""},
		{"confirm", decideForm(srv, f.deal, "confirm", "note", "checked"), 303, "confirm", "", 0, "confirmed"},
		{"reject the deal", decideForm(srv, "meta+oracle", "reject", "note", "not a deal"), 303, "reject", "", 0, "rejected"},
	}
	n := 0
	for _, s := range steps {
		resp, body := post(t, ts, ts.URL, s.form)
		if resp.StatusCode != s.code {
			t.Fatalf("%s: %d, want %d\n%s", s.name, resp.StatusCode, s.code, body)
		}
		n++
		d, got := lastDecision(t, f.path)
		if got != n || string(d.Action) != s.action || d.By != "tester" || !strings.Contains(string(d.Value)+d.Article, s.want) {
			t.Errorf("%s: decision %d = %+v", s.name, got, d)
		}
		loc := resp.Header.Get("Location")
		if !strings.HasPrefix(loc, "/?done=") {
			t.Errorf("%s: redirected to %q", s.name, loc)
		}
		code, q := get(t, ts, loc)
		if code != 200 || !strings.Contains(q, "Stored: ") {
			t.Errorf("%s: queue after it: %d, no notice", s.name, code)
		}
		if items := strings.Count(q, `class="item"`); items != s.queueLen {
			t.Errorf("%s: %d items on the queue, want %d", s.name, items, s.queueLen)
		}
		if s.dealState != "" {
			deal := f.deal
			if strings.HasPrefix(s.form.Get("deal"), "meta") {
				deal = "meta+oracle/compute_contract"
			}
			_, dp := get(t, ts, "/deal?id="+url.QueryEscape(deal))
			if !strings.Contains(dp, "state-"+s.dealState) {
				t.Errorf("%s: deal page does not say %s", s.name, s.dealState)
			}
		}
	}
	// The note and the reviewer are on the deal page, and the deals page
	// says each deal's state.
	_, dp := get(t, ts, "/deal?id="+url.QueryEscape(f.deal))
	for _, want := range []string{"the filing says 48", "by tester", "mark-applied", "checked"} {
		if !strings.Contains(dp, want) {
			t.Errorf("deal page: no %q", want)
		}
	}
	_, deals := get(t, ts, "/deals")
	if !strings.Contains(deals, "state-rejected") || !strings.Contains(deals, "state-confirmed") {
		t.Error("deals page does not show the states")
	}
	// What the CLI reads is what the desk wrote.
	var out strings.Builder
	env := &Env{Stdout: &out, Stderr: &out, Stdin: strings.NewReader(""), Getenv: func(string) string { return "" }}
	if code := Main(t.Context(), env, []string{"review", "log", "--db", f.path, "--json"}); code != 0 {
		t.Fatalf("review log: %d\n%s", code, out.String())
	}
	if lines := strings.Count(out.String(), `"scope":"decision"`); lines != n {
		t.Errorf("review log lists %d decisions, want %d\n%s", lines, n, out.String())
	}

	// Refused decisions store nothing and say why.
	refused := []struct {
		name string
		form url.Values
		code int
		want string
	}{
		{"unknown action", decideForm(srv, f.deal, "approve"), 400, "choose resolve"},
		{"unknown deal", decideForm(srv, "nosuch+deal", "confirm"), 404, "not found"},
		{"value no side states", decideForm(srv, f.deal, "reopen"), 303, ""},
		{"resolve to a value nobody states", decideForm(srv, f.deal, "resolve", "field", "amount", "value", "$99B"), 400, "no side of the amount conflict"},
		{"stale page", decideForm(srv, f.deal, "confirm", "fingerprint", "0000000000000000"), 409, "changed since the page was loaded"},
	}
	for _, r := range refused {
		before := n
		resp, body := post(t, ts, ts.URL, r.form)
		if resp.StatusCode != r.code || !strings.Contains(body, r.want) {
			t.Errorf("%s: %d, want %d with %q\n%s", r.name, resp.StatusCode, r.code, r.want, body)
		}
		if resp.StatusCode == 303 {
			n++
		}
		if _, got := lastDecision(t, f.path); got != n {
			t.Errorf("%s: %d decisions stored, want %d", r.name, got, before)
		}
	}
}

func TestDeskDecisionWhileRunHoldsStore(t *testing.T) {
	f := newDeskFixture(t)
	ts, srv := deskServer(t, f.path, 300*time.Millisecond)
	// A run holds the writer's lock for as long as it is open.
	run, err := store.Open(f.path, &store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	// Pages still read, and say a run is going.
	code, body := get(t, ts, "/")
	if code != 200 || !strings.Contains(body, "A run is writing the store now") {
		t.Errorf("queue during a run: %d\n%s", code, body)
	}
	if code, _ := get(t, ts, "/deal?id="+url.QueryEscape(f.deal)); code != 200 {
		t.Errorf("deal page during a run: %d", code)
	}
	start := time.Now()
	resp, body := post(t, ts, ts.URL, decideForm(srv, f.deal, "confirm", "note", "during the run"))
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "A run is writing the store") || !strings.Contains(body, "Post the decision again") {
		t.Errorf("decision during a run: %d\n%s", resp.StatusCode, body)
	}
	if waited := time.Since(start); waited < 250*time.Millisecond || waited > 5*time.Second {
		t.Errorf("the decision waited %v for the run, want about 300ms", waited)
	}
	run.Close()
	assertNoDecisions(t, f.path)
	// The retry form posts the same decision once the run is over.
	retry := url.Values{}
	for _, name := range []string{"csrf", "return", "deal", "action", "field", "value", "article", "note", "by", "fingerprint"} {
		retry.Set(name, between(body, `name="`+name+`" value="`, `"`))
	}
	retry.Set("deal", strings.ReplaceAll(retry.Get("deal"), "&#43;", "+"))
	resp, body = post(t, ts, ts.URL, retry)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("retry: %d\n%s", resp.StatusCode, body)
	}
	d, _ := lastDecision(t, f.path)
	if d.Action != store.Confirm || d.Note != "during the run" {
		t.Errorf("retried decision = %+v", d)
	}
}

// between returns the text of s between the first from and the next to.
func between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	j := strings.Index(s, to)
	if j < 0 {
		return ""
	}
	return s[:j]
}

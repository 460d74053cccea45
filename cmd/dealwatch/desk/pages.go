package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/sources"
	"github.com/dealwatch/dealwatch/store"
)

var funcs = template.FuncMap{
	"money":    func(m *extract.Money) string { return extract.FormatMoney(m) },
	"current":  extract.DescribeCurrent,
	"capacity": extract.FormatCapacity,
	"join":     strings.Join,
	"deref": func(s *string) string {
		if s == nil {
			return ""
		}
		return *s
	},
	"dealURL":    func(id string) string { return "/deal?id=" + url.QueryEscape(id) },
	"articleURL": func(id string) string { return "/article?id=" + url.QueryEscape(id) },
	"versionURL": func(key string, n int) string {
		return "/article?id=" + url.QueryEscape(key) + "&v=" + strconv.Itoa(n)
	},
	"runURL":   func(id uint64) string { return "/runs?run=" + strconv.FormatUint(id, 10) },
	"safeLink": safeLink,
	"when":     when,
	"short":    shortID,
	"base":     baseName,
	"sentence": func(h extract.HistoryEntry) template.HTML {
		ev, marks := entryMarks(h, "grounded")
		return Highlight(ev.Text, marks)
	},
	"side": func(s Side) template.HTML {
		return Highlight(s.Sentence.Text, sentenceMarks(s.Sentence, "conflict", figure{Text: s.Figure.Text, Start: s.Figure.Start, End: s.Figure.End, Label: s.Value}))
	},
	"unverified": func(u extract.UnverifiedFact) template.HTML {
		return Highlight(u.Deal.Evidence.Text, sentenceMarks(u.Deal.Evidence, "ungrounded", dealFigures(u.Deal.Amount, nil, nil, nil, u.Deal.Capacity)...))
	},
	"add": func(a, b int) int { return a + b },
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, errors.New("dict needs key, value pairs")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
}

// safeLink returns u when it is an http or https URL (a link), else ""
// (shown as text): a javascript: or data: URL is never a link.
func safeLink(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return p.String()
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04Z")
}

func shortID(id string) string {
	id = strings.TrimPrefix(id, "sha256:")
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func baseName(p string) string {
	if strings.Contains(p, "://") {
		return p
	}
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func parsePages() (map[string]*template.Template, error) {
	pages := map[string]*template.Template{}
	for _, name := range []string{"queue", "deals", "deal", "article", "runs", "message"} {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("desk: template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// page is what every page template gets.
type page struct {
	Title string
	Nav   string
	Token string
	// Notice is a line shown on top: a decision stored, a run going.
	Notice  string
	Running bool
	Return  string // this page's path and query, for the forms
	Data    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	p.Token = s.token
	if p.Return == "" {
		p.Return = r.URL.RequestURI()
	}
	if p.Notice == "" {
		if d := r.URL.Query().Get("done"); d != "" {
			p.Notice = d
		}
	}
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		http.Error(w, "render "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, title string, err error) {
	msg := ""
	if err != nil {
		msg = err.Error()
	}
	s.render(w, r, status, "message", page{Title: title, Data: messageData{Title: title, Text: msg}})
}

type messageData struct {
	Title string
	Text  string
	// Retry is a decision to post again (a run held the store).
	Retry *Request
	Back  string
}

// read opens the store read-only for the length of fn: pages never take
// the writer's lock, and read between two batches of a run.
func (s *Server) read(w http.ResponseWriter, r *http.Request, fn func(db *store.DB) error) bool {
	db, err := s.o.Open(true)
	if err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, store.ErrLocked) {
			status = http.StatusServiceUnavailable
		}
		s.fail(w, r, status, "The store cannot be read", err)
		return false
	}
	defer db.Close()
	if err := fn(db); err != nil {
		status := http.StatusInternalServerError
		if errors.Is(err, store.ErrNotFound) {
			status = http.StatusNotFound
		}
		s.fail(w, r, status, "Not found", err)
		return false
	}
	return true
}

// queueFilter is the queue's filter form.
type queueFilter struct {
	Company, Kind, Stage, Confirmation, From, To string
}

func filterOf(r *http.Request) queueFilter {
	q := r.URL.Query()
	return queueFilter{
		Company: strings.TrimSpace(q.Get("company")), Kind: q.Get("kind"), Stage: q.Get("stage"),
		Confirmation: q.Get("confirmation"), From: q.Get("from"), To: q.Get("to"),
	}
}

func (f queueFilter) match(it Item) bool {
	d := &it.Deal
	if f.Company != "" {
		found := false
		for _, p := range d.Parties {
			if strings.Contains(strings.ToLower(p), strings.ToLower(f.Company)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if f.Kind != "" && string(d.Kind) != f.Kind {
		return false
	}
	if f.Stage != "" && string(d.Current.Status) != f.Stage {
		return false
	}
	if f.Confirmation != "" && string(d.Current.Confirmation) != f.Confirmation {
		return false
	}
	day := it.Since
	if len(day) > 10 {
		day = day[:10]
	}
	if f.From != "" && day < f.From {
		return false
	}
	if f.To != "" && day > f.To {
		return false
	}
	return true
}

type listData struct {
	// More is the ?n= of the link that shows more items.
	More          int
	Filter        queueFilter
	Items         []Item
	Total         int
	Kinds         []extract.Kind
	Stages        []extract.DealStatus
	Confirmations []extract.Confirmation
}

func newList(f queueFilter) listData {
	return listData{Filter: f, Kinds: extract.Kinds, Stages: extract.DealStatuses, Confirmations: extract.Confirmations}
}

// SortNewest orders items newest evidence first, then by deal id.
func SortNewest(items []Item) {
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].Since != items[j].Since {
			return items[i].Since > items[j].Since
		}
		return items[i].Deal.ID < items[j].Deal.ID
	})
}

// QueueLimit is how many queue items a page shows unless ?n= asks for
// more (at most MaxQueueLimit).
const QueueLimit, MaxQueueLimit = 20, 500

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request) {
	l := newList(filterOf(r))
	var running bool
	ok := s.read(w, r, func(db *store.DB) error {
		n := QueueLimit
		if v, err := strconv.Atoi(r.URL.Query().Get("n")); err == nil && v > 0 {
			n = min(v, MaxQueueLimit)
		}
		var err error
		l.Items, l.Total, err = s.o.Data.Queue(db, l.Filter.match, n)
		l.More = min(2*n, MaxQueueLimit)
		running = db.WriterActive()
		return err
	})
	if ok {
		s.render(w, r, http.StatusOK, "queue", page{Title: "Review queue", Nav: "queue", Data: l, Running: running})
	}
}

func (s *Server) dealsPage(w http.ResponseWriter, r *http.Request) {
	l := newList(filterOf(r))
	ok := s.read(w, r, func(db *store.DB) error {
		items, err := s.o.Data.Deals(db, false)
		if err != nil {
			return err
		}
		l.Total = len(items)
		for _, it := range items {
			if l.Filter.match(it) {
				l.Items = append(l.Items, it)
			}
		}
		return nil
	})
	if ok {
		s.render(w, r, http.StatusOK, "deals", page{Title: "Deals", Nav: "deals", Data: l})
	}
}

type dealData struct {
	DealView
	Actions []string
	By      string
}

func (s *Server) dealPage(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("id")
	var dv DealView
	var running bool
	ok := s.read(w, r, func(db *store.DB) error {
		var err error
		dv, err = s.o.Data.Deal(db, ref)
		running = db.WriterActive()
		return err
	})
	if ok {
		s.render(w, r, http.StatusOK, "deal", page{Title: dealTitle(&dv.Deal), Nav: "deals", Running: running,
			Data: dealData{DealView: dv, Actions: Actions, By: s.o.By}})
	}
}

func dealTitle(d *extract.ReconciledDeal) string {
	return strings.Join(d.Parties, " + ") + " · " + string(d.Kind)
}

// articleData is the article page.
type articleData struct {
	Article store.Article
	Version store.Version
	// Text is the article's text with its spans highlighted, when the
	// file still holds the text of this version; else TextNote says why
	// only the sentences are shown.
	Text       template.HTML
	TextNote   string
	Deals      []articleDeal
	Versions   []store.Version
	Changes    []store.Change // what this version changed from the one before
	Previous   int
	Link       string
	Reconciled []string // ids of the reconciled deals this article is a source of
}

type articleDeal struct {
	N        int
	Deal     extract.Deal
	Sentence template.HTML
	Warnings []extract.Warning
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	ref := r.URL.Query().Get("id")
	var a articleData
	ok := s.read(w, r, func(db *store.DB) error {
		key, ver, err := s.o.Data.FindArticle(db, ref)
		if err != nil {
			return err
		}
		if v := r.URL.Query().Get("v"); v != "" {
			if ver, err = strconv.Atoi(v); err != nil {
				return fmt.Errorf("version %q: %w", v, store.ErrNotFound)
			}
		}
		return s.loadArticle(db, key, ver, &a)
	})
	if ok {
		t := deref(a.Version.Result.Article.Title)
		if t == "" {
			t = baseName(a.Article.Key)
		}
		s.render(w, r, http.StatusOK, "article", page{Title: t, Nav: "articles", Data: a})
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// loadArticle fills a with version ver (0: latest) of the article key.
func (s *Server) loadArticle(db *store.DB, key string, ver int, a *articleData) error {
	var err error
	if a.Article, err = db.Article(key); err != nil {
		return err
	}
	if a.Versions, err = db.Versions(key); err != nil {
		return err
	}
	if ver <= 0 {
		ver = a.Article.Versions
	}
	if a.Version, err = db.Version(key, ver); err != nil {
		return err
	}
	res := &a.Version.Result
	if ver > 1 {
		prev, err := db.Version(key, ver-1)
		if err != nil {
			return err
		}
		a.Previous = ver - 1
		a.Changes = store.DiffResult(&prev.Result, res, a.Version.Cause)
	}
	a.Link = safeLink(res.Article.Source)
	text, note := articleText(key, res.Article.ID)
	if note == "" {
		a.Text = Highlight(text, articleMarks(text, res))
	} else {
		a.TextNote = note
	}
	for i, d := range res.Deals {
		ad := articleDeal{N: i + 1, Deal: d}
		cls := "grounded"
		if !d.Grounded {
			cls = "ungrounded"
		}
		ad.Sentence = Highlight(d.Evidence.Text, sentenceMarks(d.Evidence, cls, dealFigures(d.Amount, d.PreviousAmount, d.Increment, d.Tranches, d.Capacity)...))
		for _, w := range res.Warnings {
			if w.Deal != nil && *w.Deal == i {
				ad.Warnings = append(ad.Warnings, w)
			}
		}
		a.Deals = append(a.Deals, ad)
	}
	a.Reconciled, err = s.dealsOfArticle(db, res.Article.ID)
	return err
}

// articleText reads the text of the article key (a local file; never the
// network) and returns it when it is still the text of id; else a note
// saying why it cannot be shown.
func articleText(key, id string) (string, string) {
	if strings.Contains(key, "://") {
		return "", "This article was read from the web; the desk does not fetch it again, so only its sentences are shown."
	}
	fi, err := os.Stat(key)
	if err != nil {
		return "", "The file is gone (" + baseName(key) + "), so only the stored sentences are shown."
	}
	art := sources.Load(context.Background(), sources.Entry{Source: key, Size: fi.Size(), ModTime: fi.ModTime()}, nil)
	if art.Err != nil {
		return "", "The file cannot be read now: " + art.Err.Error()
	}
	if art.ID != id {
		return "", "The file has changed since this version was stored, so only this version's sentences are shown."
	}
	return art.Text, ""
}

// dealsOfArticle returns the ids of the latest snapshot's deals that
// article id is a source of (none when there is no current snapshot).
func (s *Server) dealsOfArticle(db *store.DB, id string) ([]string, error) {
	var out []string
	needle := []byte(`"` + id + `"`)
	ok, err := db.EachLatestDealLine(func(line []byte) error {
		if !bytes.Contains(line, needle) {
			return nil
		}
		var head struct {
			ID string `json:"id"`
		}
		if err := jsonUnmarshal(line, &head); err == nil && head.ID != "" {
			out = append(out, head.ID)
		}
		return nil
	})
	if err != nil || ok {
		return out, err
	}
	// No current snapshot (a run was killed, or another dealwatch wrote
	// it): the deals as the command line reconciles them.
	items, err := s.o.Data.Deals(db, true)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		for _, h := range it.Deal.History {
			if h.Article == id {
				out = append(out, it.Deal.ID)
				break
			}
		}
	}
	return out, nil
}

type runsData struct {
	Runs []store.Run
	// Run is the run whose diff is shown (0: none); Diff its diff
	// against Prev.
	Run  uint64
	Prev uint64
	Diff []diffLine
	// TooLong is the number of versions of a run whose diff is too long
	// for a page (see MaxDiffVersions).
	TooLong int
}

// MaxDiffVersions is the most versions a run may have stored for the
// runs page to show its diff (a first run over a big folder stores one
// per article: "dealwatch diff" prints that one).
const MaxDiffVersions = 2000

type diffLine struct {
	Class string
	Text  string
}

func (s *Server) runsPage(w http.ResponseWriter, r *http.Request) {
	var d runsData
	ok := s.read(w, r, func(db *store.DB) error {
		var err error
		if d.Runs, err = db.Runs(); err != nil {
			return err
		}
		sel := r.URL.Query().Get("run")
		if sel == "" {
			// The latest complete run.
			for i := len(d.Runs) - 1; i >= 0; i-- {
				if d.Runs[i].State == store.RunComplete {
					d.Run = d.Runs[i].ID
					break
				}
			}
		} else if d.Run, err = strconv.ParseUint(sel, 10, 64); err != nil {
			return fmt.Errorf("run %q: %w", sel, store.ErrNotFound)
		}
		if d.Run == 0 {
			return nil
		}
		// The run before it that completed.
		for _, run := range d.Runs {
			if run.ID < d.Run && run.State == store.RunComplete {
				d.Prev = run.ID
			}
		}
		for _, run := range d.Runs {
			if run.ID == d.Run && run.Counts.NewVersions > MaxDiffVersions {
				d.TooLong = run.Counts.NewVersions
				return nil
			}
		}
		text, err := s.o.Data.RunDiff(db, d.Prev, d.Run)
		if err != nil {
			return err
		}
		d.Diff = diffLines(text)
		return nil
	})
	// Newest first on the page.
	for i, j := 0, len(d.Runs)-1; i < j; i, j = i+1, j-1 {
		d.Runs[i], d.Runs[j] = d.Runs[j], d.Runs[i]
	}
	if ok {
		s.render(w, r, http.StatusOK, "runs", page{Title: "Runs", Nav: "runs", Data: d})
	}
}

// diffLines splits a diff's text into lines with a class by their
// marker: additions, removals, changes, warnings, headings.
func diffLines(text string) []diffLine {
	var out []diffLine
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		t := strings.TrimLeft(l, " ")
		cls := ""
		switch {
		case strings.HasPrefix(t, "+"):
			cls = "add"
		case strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "--"):
			cls = "del"
		case strings.HasPrefix(t, "~"), strings.Contains(t, "→"):
			cls = "chg"
		case strings.Contains(strings.ToLower(t), "ungrounded"), strings.Contains(strings.ToLower(t), "implausible"), strings.Contains(strings.ToLower(t), "failed"):
			cls = "warn"
		case t != "" && t == l && !strings.HasPrefix(t, "“"):
			cls = "head"
		}
		out = append(out, diffLine{Class: cls, Text: l})
	}
	return out
}

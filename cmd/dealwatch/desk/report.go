package desk

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// reportData is the one-file report.
type reportData struct {
	CSS       template.CSS
	Generated string
	Store     string
	Run       *store.Run
	Queue     []Item
	Deals     []DealView
	Articles  []reportArticle
	// More is how many changed articles were left out (MaxArticles).
	More int
}

type reportArticle struct {
	Anchor   string
	Title    string
	Key      string
	Link     string
	Meta     string
	Text     template.HTML
	TextNote string
	Deals    []articleDeal
}

// ReportOptions configure WriteReport.
type ReportOptions struct {
	// MaxArticles caps the articles shown in full (0: 200).
	MaxArticles int
	Now         time.Time
}

// WriteReport writes the one-file HTML report of the store: the queue,
// every deal with its timeline and conflicts, and the articles the
// latest complete run stored, highlighted. It needs no script and no
// other file: the style is inline and links are anchors inside it (or
// the articles' own http(s) URLs).
func WriteReport(w io.Writer, db *store.DB, data Data, o ReportOptions) error {
	if o.MaxArticles <= 0 {
		o.MaxArticles = 200
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	css, err := assetFS.ReadFile("assets/desk.css")
	if err != nil {
		return err
	}
	rd := reportData{CSS: template.CSS(css), Generated: o.Now.UTC().Format("2006-01-02 15:04 UTC"), Store: db.Path()}
	runs, err := db.Runs()
	if err != nil {
		return err
	}
	var prev uint64
	for i := len(runs) - 1; i >= 0; i-- {
		if runs[i].State != store.RunComplete {
			continue
		}
		if rd.Run == nil {
			r := runs[i]
			rd.Run = &r
			continue
		}
		prev = runs[i].ID
		break
	}
	if rd.Queue, _, err = data.Queue(db, nil, 0); err != nil {
		return err
	}
	if rd.Deals, err = data.DealViews(db); err != nil {
		return err
	}
	if rd.Run != nil {
		pairs, err := db.ChangedBetween(prev, rd.Run.ID)
		if err != nil {
			return err
		}
		for _, p := range pairs {
			if p.After == nil {
				continue
			}
			if len(rd.Articles) == o.MaxArticles {
				rd.More++
				continue
			}
			rd.Articles = append(rd.Articles, reportArticleOf(p.Key, p.After))
		}
	}
	t, err := template.New("report.html").Funcs(funcs).Funcs(template.FuncMap{
		"anchor": anchor,
		"isShown": func(id string) bool {
			for _, a := range rd.Articles {
				if a.Anchor == anchor(id) {
					return true
				}
			}
			return false
		},
	}).ParseFS(templateFS, "templates/report.html")
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, rd); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

func reportArticleOf(key string, r *extract.ArticleResult) reportArticle {
	ra := reportArticle{Anchor: anchor(r.Article.ID), Title: deref(r.Article.Title), Key: key, Link: safeLink(r.Article.Source)}
	if ra.Title == "" {
		ra.Title = baseName(key)
	}
	ra.Meta = strings.TrimSpace(deref(r.Article.Published) + " · " + r.Article.Lang + " · " + string(r.Status))
	text, note := articleText(key, r.Article.ID)
	if note == "" {
		ra.Text = Highlight(text, articleMarks(text, r))
	} else {
		ra.TextNote = note
	}
	for i, d := range r.Deals {
		cls := "grounded"
		if !d.Grounded {
			cls = "ungrounded"
		}
		ad := articleDeal{N: i + 1, Deal: d, Sentence: Highlight(d.Evidence.Text, sentenceMarks(d.Evidence, cls, dealFigures(d.Amount, d.PreviousAmount, d.Increment, d.Tranches, d.Capacity)...))}
		for _, w := range r.Warnings {
			if w.Deal != nil && *w.Deal == i {
				ad.Warnings = append(ad.Warnings, w)
			}
		}
		ra.Deals = append(ra.Deals, ad)
	}
	return ra
}

// anchor turns an id into an HTML id: letters, digits and dashes.
func anchor(id string) string {
	var b strings.Builder
	b.WriteString("x-")
	for _, r := range strings.ToLower(id) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	return b.String()
}

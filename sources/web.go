package sources

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"golang.org/x/sync/errgroup"
)

// DefaultWebConcurrency is how many pages ReadWeb fetches at once when
// WebOptions.Concurrency is 0 (the per-host rate limit still applies).
const DefaultWebConcurrency = 4

// WebOptions configures ReadWeb. The zero value (or nil) uses the
// defaults.
type WebOptions struct {
	// Validators returns the ETag and Last-Modified stored for a URL by
	// a previous run, for conditional requests. Nil means none: every
	// request is unconditional.
	Validators func(url string) Conditional
	// Concurrency is how many pages are fetched at once. Zero means
	// DefaultWebConcurrency.
	Concurrency int
	// MaxItems is the most items read from one feed, newest first as the
	// feed lists them. Zero means all.
	MaxItems int
	// Emit, when set, receives what ReadWeb reads in parts, as it goes:
	// each part's Feeds before any of their items, Items in input
	// order, and Notes; ReadWeb then returns an empty report. Emit is
	// called from ReadWeb's goroutine, one part at a time, while no
	// fetch is in flight, and the next pages are fetched only when it
	// returns: a caller that stores each part keeps memory bounded by
	// a few pages, whatever the number of URLs.
	Emit func(part WebReport)
}

func (o *WebOptions) validators(u string) Conditional {
	if o == nil || o.Validators == nil {
		return Conditional{}
	}
	return o.Validators(u)
}

// WebItem is one article read from the web.
type WebItem struct {
	// Article is the article as the pipeline will see it; its Err is set
	// when it could not be read. Empty when Result.NotModified.
	Article extract.Article
	// Result is how the page fetch went. When Result.NotModified is true
	// the page has not changed since the validators given: nothing was
	// read and nothing needs storing.
	Result FetchResult
	// Feed is the feed URL the item came from, "" for a URL given
	// directly.
	Feed string
}

// FeedReport says how reading one feed went.
type FeedReport struct {
	URL string
	// Result carries the feed's own validators, to store for the next
	// run; Result.NotModified means the feed has not changed (and no
	// item was read).
	Result FetchResult
	Title  string
	Items  int   // items listed in the feed
	Err    error // the feed could not be fetched or parsed
}

// WebReport is what ReadWeb read.
type WebReport struct {
	Items []WebItem
	Feeds []FeedReport
	// Notes are messages for the run log: duplicates read once, items
	// with neither a link nor content. Failures are on Feeds and Items.
	Notes []string
}

// Failed returns the errors of the feeds and items that could not be
// read, joined (nil when all were read).
func (r *WebReport) Failed() error {
	var errs []error
	for _, fr := range r.Feeds {
		if fr.Err != nil {
			errs = append(errs, fr.Err)
		}
	}
	for _, it := range r.Items {
		if it.Article.Err != nil {
			errs = append(errs, it.Article.Err)
		}
	}
	return errors.Join(errs...)
}

// ReadWeb reads URL inputs, each an article page or a feed (told apart
// by the response). A page becomes one item; a feed's items' links are
// fetched and read as pages, and when a link cannot be fetched (an
// error status, a timeout, robots.txt) the item's own content is used
// with a warning. Items are deduplicated by link, canonical URL and
// article id, first seen wins. Conditional requests use o.Validators, so
// an unchanged feed costs one 304 and an unchanged page one 304 each.
//
// A URL input answered with 304 Not Modified is reported as one item
// with Result.NotModified set, whether it is a feed or a page: it has
// not changed, so an unchanged feed yields no items and costs one
// request.
//
// A failure of one feed or page never stops the others: it is recorded
// on that FeedReport or on that item's Article.Err.
func (f *Fetcher) ReadWeb(ctx context.Context, urls []string, o *WebOptions) WebReport {
	var rep WebReport
	conc := DefaultWebConcurrency
	maxItems := 0
	var emit func(WebReport)
	if o != nil {
		if o.Concurrency > 0 {
			conc = o.Concurrency
		}
		maxItems = o.MaxItems
		emit = o.Emit
	}
	// Pages are fetched a window at a time; with Emit each window's
	// items are handed over before the next is fetched, so memory holds
	// one window of pages, not the whole run's.
	window := max(2*conc, 8)
	part := &rep
	var partBuf WebReport
	if emit != nil {
		part = &partBuf
	}
	send := func() {
		if emit != nil && (len(partBuf.Items) > 0 || len(partBuf.Feeds) > 0 || len(partBuf.Notes) > 0) {
			emit(partBuf)
			partBuf = WebReport{}
		}
	}
	seenLink := map[string]bool{}
	seenURL := map[string]string{}
	seenID := map[string]string{}
	// keep adds an item after deduplication by canonical URL and by
	// article id, in input order.
	keep := func(wi WebItem) {
		a := wi.Article
		if a.Err == nil && !wi.Result.NotModified {
			if c := a.Origin.URL; c != "" {
				if first, dup := seenURL[linkKey(c)]; dup {
					part.Notes = append(part.Notes, fmt.Sprintf("%s is the same page as %s (canonical %s); read once", a.Source, first, c))
					return
				}
				seenURL[linkKey(c)] = a.Source
			}
			// An item whose page failed stands in with the feed's own
			// text, which is often the same boilerplate for several
			// items: each is a failure of its own, never folded.
			if first, dup := seenID[a.ID]; dup && !pageFailed(&a) {
				part.Notes = append(part.Notes, fmt.Sprintf("%s has the same text as %s (%s); read once", a.Source, first, a.ID))
				return
			}
			seenID[a.ID] = a.Source
		}
		part.Items = append(part.Items, wi)
	}

	// First pass: the input URLs, a window at a time, concurrently; once
	// ctx is done, get fails at once and the rest are recorded with
	// ctx's error. Feeds give jobs, pages are read.
	type job struct {
		link string
		feed string
		item *FeedItem
		lang string
	}
	var jobs []job
	type got struct {
		r   *response
		err error
	}
	for ws := 0; ws < len(urls); ws += window {
		win := urls[ws:min(ws+window, len(urls))]
		gots := make([]got, len(win))
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(conc)
		for i, in := range win {
			g.Go(func() error {
				gots[i].r, gots[i].err = f.get(gctx, in, o.validators(in), feedAccept)
				return nil
			})
		}
		_ = g.Wait() // errors are recorded per input; the group never fails
		for i, in := range win {
			r, err := gots[i].r, gots[i].err
			gots[i] = got{} // the body is read below, then let go
			if err == nil && !r.NotModified && isFeed(r.ContentType, r.Body) {
				fr := FeedReport{URL: in, Result: r.FetchResult}
				fd, perr := ParseFeed(r.Body, r.URL)
				if perr != nil {
					fr.Err = fmt.Errorf("read feed %s: %w", in, perr)
					part.Feeds = append(part.Feeds, fr)
					continue
				}
				fr.Title, fr.Items = fd.Title, len(fd.Items)
				part.Feeds = append(part.Feeds, fr)
				items := fd.Items
				if maxItems > 0 && len(items) > maxItems {
					items = items[:maxItems]
				}
				for i := range items {
					it := &items[i]
					if it.Link == "" && strings.TrimSpace(it.Content) == "" {
						part.Notes = append(part.Notes, fmt.Sprintf("feed %s: item %q has neither a link nor content; skipped", in, it.Title))
						continue
					}
					jobs = append(jobs, job{link: it.Link, feed: in, item: it, lang: fd.Lang})
				}
				continue
			}
			// A page (or a failure before we could tell).
			wi := WebItem{Article: extract.Article{Source: in}}
			if r != nil {
				wi.Result = r.FetchResult
				wi.Article.Origin.ETag, wi.Article.Origin.LastModified = r.ETag, r.LastModified
			}
			switch {
			case err != nil:
				wi.Article.Err = err
			case r.NotModified:
			default:
				if aerr := articleFromResponse(r, &wi.Article); aerr != nil {
					wi.Article.Err = aerr
				}
			}
			seenLink[linkKey(in)] = true
			keep(wi)
		}
		send()
	}

	// Second pass: feed items, a window at a time, concurrently, kept
	// in order.
	for ws := 0; ws < len(jobs); ws += window {
		win := jobs[ws:min(ws+window, len(jobs))]
		fetched := make([]WebItem, len(win))
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(conc)
		for i, j := range win {
			if j.link != "" {
				k := linkKey(j.link)
				if seenLink[k] {
					part.Notes = append(part.Notes, fmt.Sprintf("feed %s: %s listed twice; read once", j.feed, j.link))
					continue // fetched[i] stays empty: a skipped duplicate
				}
				seenLink[k] = true
			}
			g.Go(func() error {
				fetched[i] = f.readItem(gctx, j.feed, j.item, j.lang, o.validators(j.link))
				return nil
			})
		}
		_ = g.Wait() // readItem records errors on the item; it never fails the group
		for i := range win {
			win[i].item = nil // its content is read: let it go
		}
		for _, wi := range fetched {
			if wi.Article.Source != "" {
				keep(wi)
			}
		}
		send()
	}
	send()
	return rep
}

// readItem fetches a feed item's page, falling back to the item's own
// content when the page cannot be read.
func (f *Fetcher) readItem(ctx context.Context, feedURL string, it *FeedItem, lang string, cond Conditional) WebItem {
	wi := WebItem{Feed: feedURL}
	var ferr error
	if it.Link != "" {
		a, res, err := f.Fetch(ctx, it.Link, cond)
		wi.Article, wi.Result = a, res
		if err == nil {
			if res.NotModified {
				return wi
			}
			if wi.Article.Title == "" {
				wi.Article.Title = it.Title
			}
			if wi.Article.Published == "" {
				wi.Article.Published = it.Published
			}
			if wi.Article.LangHint == "" {
				wi.Article.LangHint = lang
			}
			return wi
		}
		ferr = err
	}
	src := firstNonEmpty(it.Link, feedURL+"#"+firstNonEmpty(it.GUID, it.Title))
	a := extract.Article{Source: src, Title: it.Title, Published: it.Published, LangHint: lang}
	a.Origin.URL = it.Link
	a.Text = contentText(it.Content)
	switch {
	case a.Text == "" && ferr != nil:
		a.Err = ferr
	case a.Text == "":
		a.Err = fmt.Errorf("feed %s: item %q: %w", feedURL, it.Title, ErrNoText)
	default:
		a.ID = ID(a.Text)
		if ferr != nil {
			a.Warnings = append(a.Warnings, extract.Warning{Code: WarnFeedContent,
				Message: fmt.Sprintf("the page could not be read (%v); used the feed item's own content, which may be a summary", ferr)})
		}
	}
	wi.Article = a
	wi.Result.NotModified = false
	return wi
}

// ReadURLs reads URL inputs for commands that want Articles only (read,
// extract): ReadWeb's items in order, plus one failed Article for each
// feed that could not be fetched or parsed (so it shows as a failed
// input). Items not modified since o's validators are left out with a
// note. f nil means a Fetcher with default options.
func ReadURLs(ctx context.Context, f *Fetcher, urls []string, o *WebOptions) (articles []extract.Article, notes []string) {
	if f == nil {
		f = NewFetcher(nil)
	}
	rep := f.ReadWeb(ctx, urls, o)
	notes = rep.Notes
	for _, fr := range rep.Feeds {
		if fr.Err != nil {
			articles = append(articles, extract.Article{Source: fr.URL, Err: fr.Err})
			continue
		}
		notes = append(notes, fmt.Sprintf("feed %s: %d items", fr.URL, fr.Items))
	}
	for _, it := range rep.Items {
		if it.Result.NotModified {
			notes = append(notes, it.Article.Source+": not modified since the last run")
			continue
		}
		articles = append(articles, it.Article)
	}
	return articles, notes
}

// SplitInputs separates http(s) URLs (pages and feeds, for ReadWeb)
// from paths (for List), keeping the order within each.
func SplitInputs(inputs []string) (paths, urls []string) {
	for _, in := range inputs {
		if IsURL(in) {
			urls = append(urls, in)
		} else {
			paths = append(paths, in)
		}
	}
	return paths, urls
}

// linkKey is a URL in a form where trivially different spellings of the
// same page compare equal: lowercase scheme and host, no fragment, no
// default port, no trailing slash on a non-root path.
func linkKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Host = strings.TrimSuffix(strings.TrimSuffix(u.Host, ":80"), ":443")
	u.Fragment = ""
	if len(u.Path) > 1 {
		u.Path = strings.TrimSuffix(u.Path, "/")
		u.RawPath = ""
	}
	return u.String()
}

// pageFailed reports whether a feed item's page could not be read (its
// text is the feed's own content).
func pageFailed(a *extract.Article) bool {
	for _, w := range a.Warnings {
		if w.Code == WarnFeedContent {
			return true
		}
	}
	return false
}

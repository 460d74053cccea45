package sources

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"codeberg.org/readeck/go-readability/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// ErrFeed means a feed could not be parsed (malformed XML or JSON, or
// not RSS, Atom or JSON Feed at all).
var ErrFeed = errors.New("not a readable RSS, Atom or JSON feed")

// Feed is an RSS 2.0, Atom or JSON Feed document, reduced to what
// dealwatch reads.
type Feed struct {
	URL   string // where it was fetched from
	Title string
	Lang  string // lowercase ISO 639-1, "" when undeclared
	Items []FeedItem
}

// FeedItem is one entry of a feed.
type FeedItem struct {
	// Link is the article's absolute URL ("" when the item has none).
	Link  string
	GUID  string
	Title string
	// Published is YYYY-MM-DD ("" when the item has no date).
	Published string
	// Content is the item's own body as HTML: content:encoded, Atom
	// content or JSON Feed content_html/content_text, else its
	// description or summary.
	Content string
}

// ParseFeed parses an RSS 2.0, Atom or JSON Feed document b fetched from
// feedURL, resolving relative item links against the feed's URL (or
// its declared site link). It returns ErrFeed when b is not a feed.
func ParseFeed(b []byte, feedURL string) (fd Feed, err error) {
	fd.URL = feedURL
	defer func() {
		if r := recover(); r != nil {
			fd.Items = nil
			err = fmt.Errorf("%w: %w: %v", ErrFeed, ErrExtractor, r)
		}
	}()
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		return fd, fmt.Errorf("%w: %w", ErrFeed, err)
	}
	base, _ := url.Parse(feedURL)
	fd.Title = strings.TrimSpace(gf.Title)
	fd.Lang = langCode(gf.Language)
	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		fi := FeedItem{GUID: strings.TrimSpace(it.GUID), Title: strings.TrimSpace(html.UnescapeString(it.Title))}
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && IsURL(fi.GUID) {
			link = fi.GUID // RSS guid isPermaLink
		}
		fi.Link = absURL(base, link)
		switch {
		case it.PublishedParsed != nil:
			fi.Published = it.PublishedParsed.Format("2006-01-02")
		case it.UpdatedParsed != nil:
			fi.Published = it.UpdatedParsed.Format("2006-01-02")
		default:
			fi.Published = isoDate(firstNonEmpty(it.Published, it.Updated))
		}
		fi.Content = firstNonEmpty(it.Content, it.Description)
		fd.Items = append(fd.Items, fi)
	}
	return fd, nil
}

// feedAccept is the Accept header of requests that may be feeds.
const feedAccept = "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,text/html;q=0.7,*/*;q=0.1"

// FetchFeed fetches and parses the feed at rawURL. With a Conditional
// from a previous fetch, a 304 answer returns a FetchResult with
// NotModified set, an empty Feed and no error. It returns the errors of
// Fetch (but never ErrContentType) and ErrFeed.
func (f *Fetcher) FetchFeed(ctx context.Context, rawURL string, cond Conditional) (Feed, FetchResult, error) {
	r, err := f.get(ctx, rawURL, cond, feedAccept)
	if err != nil {
		if r == nil {
			return Feed{URL: rawURL}, FetchResult{URL: rawURL}, err
		}
		return Feed{URL: rawURL}, r.FetchResult, err
	}
	if r.NotModified {
		return Feed{URL: rawURL}, r.FetchResult, nil
	}
	fd, err := ParseFeed(r.Body, r.URL)
	if err != nil {
		return fd, r.FetchResult, fmt.Errorf("read feed %s: %w", rawURL, err)
	}
	return fd, r.FetchResult, nil
}

// isFeed tells a feed response from a page: by its media type, and by
// its first bytes when the type is generic.
func isFeed(contentType string, body []byte) bool {
	switch mt := mediaType(contentType); mt {
	case "text/html", "application/xhtml+xml", "text/plain":
		return false
	case "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml":
		return true
	}
	head := body
	if len(head) > 4096 {
		head = head[:4096]
	}
	return gofeed.DetectFeedType(bytes.NewReader(head)) != gofeed.FeedTypeUnknown
}

// contentText turns a feed item's HTML content into normalized text with
// paragraphs separated by blank lines.
func contentText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return cleanText(s)
	}
	return cleanText(render.InnerText(doc))
}

// ReadFeedsFile reads a feeds file: one feed or article URL per line;
// blank lines and "#" comments (whole-line, or after a space) are
// skipped. A line that is not an http(s) URL is an error naming it.
func ReadFeedsFile(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	var urls []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !IsURL(line) {
			return nil, fmt.Errorf("%s:%d: %q is not an http or https URL", path, n, line)
		}
		urls = append(urls, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return urls, nil
}

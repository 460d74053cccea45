package sources

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/temoto/robotstxt"
)

// maxRobotsBytes caps a robots.txt (Google reads 500 KiB).
const maxRobotsBytes = 512 << 10

// robotsFetchKey marks the context of a robots.txt request, whose
// redirects are not themselves checked against robots.txt.
type robotsFetchKey struct{}

// robotsEntry is one site's robots.txt, fetched once per Fetcher.
type robotsEntry struct {
	ready chan struct{} // closed when data is set
	data  *robotstxt.RobotsData
}

// allowed reports whether u may be fetched according to its site's
// robots.txt; it returns ErrDisallowed when not. A robots.txt that
// cannot be fetched allows everything, as does a 4xx answer; a 5xx
// answer disallows everything (the site is in trouble), per RFC 9309.
func (f *Fetcher) allowed(ctx context.Context, u *url.URL) error {
	if !f.robots || u.Path == "/robots.txt" {
		return nil
	}
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	f.mu.Lock()
	e, ok := f.rules[key]
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		f.rules[key] = e
	}
	f.mu.Unlock()
	if !ok {
		e.data = f.fetchRobots(ctx, key)
		close(e.ready)
	}
	select {
	case <-e.ready:
	case <-ctx.Done():
		return ctx.Err()
	}
	if e.data == nil {
		return nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.data.TestAgent(path, robotsAgent) {
		return ErrDisallowed
	}
	return nil
}

// fetchRobots gets site + "/robots.txt"; nil means allow everything.
func (f *Fetcher) fetchRobots(ctx context.Context, site string) *robotstxt.RobotsData {
	u, err := url.Parse(site + "/robots.txt")
	if err != nil {
		return nil
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil
	}
	ctx = context.WithValue(ctx, robotsFetchKey{}, true)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", f.ua)
	req.Header.Set("Accept", "text/plain")
	resp, err := f.client.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRobotsBytes))
	if err != nil && !errors.Is(err, io.EOF) {
		return nil
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return nil
	}
	return data
}

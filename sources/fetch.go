package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"golang.org/x/time/rate"
)

// ProjectURL is the project's address, sent in the User-Agent.
const ProjectURL = "https://github.com/dealwatch/dealwatch"

// Defaults of FetchOptions.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultRatePerHost  = 1.0 // requests per second
	DefaultMaxRedirects = 5
)

// Errors of fetching. Each is wrapped with the URL.
var (
	// ErrScheme means a URL is not http or https.
	ErrScheme = errors.New("only http and https URLs are fetched")
	// ErrDisallowed means the site's robots.txt disallows the URL to
	// dealwatch.
	ErrDisallowed = errors.New("disallowed by the site's robots.txt")
	// ErrTooManyRedirects means a URL redirected more than
	// FetchOptions.MaxRedirects times (a redirect loop, usually).
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrTooLarge means an input is over its size limit: a file over
	// Options.MaxBytes or a response body over FetchOptions.MaxBytes.
	ErrTooLarge = errors.New("over the size limit")
	// ErrPrivateAddress means a URL (or a redirect) leads to a
	// loopback, private, link-local or unspecified address, refused
	// unless FetchOptions.AllowPrivate is set; the error is a
	// *PrivateAddressError.
	ErrPrivateAddress = errors.New("address not on the public internet")
	// ErrContentType means a response is not a type dealwatch reads
	// (an article needs HTML, XHTML or plain text).
	ErrContentType = errors.New("content type not readable as an article")
)

// HTTPError is a response with a status other than 2xx or 304.
type HTTPError struct {
	URL        string
	StatusCode int
}

// Error names the URL and the status: "GET URL: HTTP 404 Not Found".
func (e *HTTPError) Error() string {
	return fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}

// UserAgent returns dealwatch's User-Agent for a version:
// "dealwatch/VERSION (+https://github.com/dealwatch/dealwatch)".
func UserAgent(version string) string {
	if version == "" {
		version = "dev"
	}
	return "dealwatch/" + version + " (+" + ProjectURL + ")"
}

// robotsAgent is the product token matched against robots.txt groups.
const robotsAgent = "dealwatch"

// FetchOptions configures a Fetcher. The zero value (or nil) uses the
// defaults.
type FetchOptions struct {
	// HTTPClient sends the requests. Nil means a client with
	// Timeout and sensible dial, TLS and header timeouts. The Fetcher
	// uses a copy with its own redirect policy; a zero Timeout on it is
	// replaced by Timeout.
	HTTPClient *http.Client
	// Timeout bounds one request, body included. Zero means
	// DefaultTimeout.
	Timeout time.Duration
	// RatePerHost is the most requests per second sent to one host.
	// Zero means DefaultRatePerHost; negative means no limit.
	RatePerHost float64
	// MaxRedirects is the most redirects followed. Zero means
	// DefaultMaxRedirects; negative means none.
	MaxRedirects int
	// MaxBytes caps a response body. Zero means DefaultMaxBytes.
	MaxBytes int64
	// UserAgent is sent with every request. "" means UserAgent("dev").
	UserAgent string
	// IgnoreRobots skips robots.txt. Zero (false) respects it.
	IgnoreRobots bool
	// AllowPrivate lets the fetcher connect to loopback, private,
	// link-local and unspecified addresses (an intranet). Zero (false)
	// refuses them at connect time, after DNS and for every redirect,
	// with a *PrivateAddressError: a feed cannot make dealwatch read
	// internal pages (server-side request forgery).
	AllowPrivate bool
	// Resolver looks host names up; nil means the system's. Tests use
	// it to make a name resolve to a private address.
	Resolver *net.Resolver
}

// Conditional holds the validators of a previous response, for a
// conditional GET. The zero value makes an unconditional request.
type Conditional struct {
	ETag         string
	LastModified string
}

// FetchResult says how a fetch went.
type FetchResult struct {
	// URL is the final URL, after redirects.
	URL string
	// StatusCode is the HTTP status of the final response.
	StatusCode int
	// NotModified is true when the server answered 304 to a conditional
	// request: nothing was downloaded and the Article is empty.
	NotModified bool
	// ETag and LastModified are the validators to send next time (those
	// of the request when the server did not send new ones).
	ETag         string
	LastModified string
	// ContentType is the response's Content-Type header.
	ContentType string
	// Bytes is the size of the body read.
	Bytes int64
}

// Fetcher fetches pages and feeds over HTTP politely: one client, a
// per-host rate limit, robots.txt, conditional requests, bounded
// redirects and bodies. It is safe for concurrent use; build one per run
// so every request shares the same budget.
type Fetcher struct {
	client       *http.Client
	ua           string
	perHost      rate.Limit
	maxRedirects int
	maxBytes     int64
	robots       bool

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	rules    map[string]*robotsEntry // by scheme://host

	// exempt are "IP:port" addresses let through although not public
	// (tests: a loopback server standing in for a public one).
	exempt map[string]bool
}

// NewFetcher returns a Fetcher configured by o (nil: defaults).
func NewFetcher(o *FetchOptions) *Fetcher {
	if o == nil {
		o = &FetchOptions{}
	}
	f := &Fetcher{
		ua:           o.UserAgent,
		perHost:      rate.Limit(o.RatePerHost),
		maxRedirects: o.MaxRedirects,
		maxBytes:     o.MaxBytes,
		robots:       !o.IgnoreRobots,
		limiters:     map[string]*rate.Limiter{},
		rules:        map[string]*robotsEntry{},
	}
	if f.ua == "" {
		f.ua = UserAgent("")
	}
	switch {
	case o.RatePerHost == 0:
		f.perHost = DefaultRatePerHost
	case o.RatePerHost < 0:
		f.perHost = rate.Inf
	}
	switch {
	case o.MaxRedirects == 0:
		f.maxRedirects = DefaultMaxRedirects
	case o.MaxRedirects < 0:
		f.maxRedirects = 0
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxBytes
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	var c http.Client
	if o.HTTPClient != nil {
		c = *o.HTTPClient
		if !o.AllowPrivate {
			f.guardTransport(&c, o.Resolver)
		}
	} else {
		var control func(network, address string, c syscall.RawConn) error
		if !o.AllowPrivate {
			control = f.control
		}
		c.Transport = defaultTransport(timeout, o.Resolver, control)
	}
	if c.Timeout == 0 {
		c.Timeout = timeout
	}
	c.CheckRedirect = f.checkRedirect
	f.client = &c
	return f
}

// defaultTransport is http.DefaultTransport (proxy from the environment,
// HTTP/2) with connection, TLS and header timeouts within timeout.
// control, when not nil, checks each address before connecting (behind
// a proxy, HTTPS_PROXY, that is the proxy's address: one on the local
// network needs AllowPrivate).
func defaultTransport(timeout time.Duration, r *net.Resolver, control func(network, address string, c syscall.RawConn) error) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	step := min(10*time.Second, timeout)
	d := &net.Dialer{Timeout: step, KeepAlive: 30 * time.Second, Resolver: r, Control: control}
	t.DialContext = d.DialContext
	t.TLSHandshakeTimeout = step
	t.ResponseHeaderTimeout = timeout
	t.MaxIdleConnsPerHost = 4
	return t
}

// checkRedirect bounds redirects, keeps them on http(s), and applies the
// rate limit and robots.txt to each hop.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.maxRedirects {
		return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, f.maxRedirects)
	}
	if err := checkScheme(req.URL); err != nil {
		return err
	}
	if req.Context().Value(robotsFetchKey{}) == nil {
		if err := f.allowed(req.Context(), req.URL); err != nil {
			return err
		}
	}
	return f.wait(req.Context(), req.URL.Host)
}

func checkScheme(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%s: %w", u.Redacted(), ErrScheme)
	}
	if u.Host == "" {
		return fmt.Errorf("%s: no host", u.Redacted())
	}
	return nil
}

// IsURL reports whether s is an http or https URL (rather than a path).
func IsURL(s string) bool {
	ls := strings.ToLower(s)
	if !strings.HasPrefix(ls, "http://") && !strings.HasPrefix(ls, "https://") {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}

// wait blocks until host may be sent another request.
func (f *Fetcher) wait(ctx context.Context, host string) error {
	if f.perHost == rate.Inf {
		return nil
	}
	host = strings.ToLower(host)
	f.mu.Lock()
	l, ok := f.limiters[host]
	if !ok {
		l = rate.NewLimiter(f.perHost, 1)
		f.limiters[host] = l
	}
	f.mu.Unlock()
	return l.Wait(ctx)
}

// response is a fetched body and its metadata.
type response struct {
	FetchResult
	Body []byte
}

// get sends a (conditional) GET for raw and reads the body, within the
// limits. accept is the Accept header.
func (f *Fetcher) get(ctx context.Context, raw string, cond Conditional, accept string) (*response, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	if err := checkScheme(u); err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	if err := f.allowed(ctx, u); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	if err := f.wait(ctx, u.Host); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, err)
	}
	req.Header.Set("User-Agent", f.ua)
	req.Header.Set("Accept", accept)
	if cond.ETag != "" {
		req.Header.Set("If-None-Match", cond.ETag)
	}
	if cond.LastModified != "" {
		req.Header.Set("If-Modified-Since", cond.LastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", raw, unwrapURLError(err))
	}
	defer resp.Body.Close()
	r := &response{FetchResult: FetchResult{
		URL:          resp.Request.URL.String(),
		StatusCode:   resp.StatusCode,
		ETag:         firstNonEmpty(resp.Header.Get("ETag"), cond.ETag),
		LastModified: firstNonEmpty(resp.Header.Get("Last-Modified"), cond.LastModified),
		ContentType:  resp.Header.Get("Content-Type"),
	}}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		r.NotModified = true
		return r, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		return r, &HTTPError{URL: raw, StatusCode: resp.StatusCode}
	}
	if resp.ContentLength > f.maxBytes {
		return r, fmt.Errorf("fetch %s: %w: %d bytes declared, the limit is %d", raw, ErrTooLarge, resp.ContentLength, f.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	r.Bytes = int64(len(body))
	if err != nil {
		return r, fmt.Errorf("fetch %s: read body: %w", raw, unwrapURLError(err))
	}
	if int64(len(body)) > f.maxBytes {
		return r, fmt.Errorf("fetch %s: %w: over %d bytes", raw, ErrTooLarge, f.maxBytes)
	}
	r.Body = body
	return r, nil
}

// unwrapURLError drops the *url.Error layer (it repeats the method and
// URL that the caller's wrap already names).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		if ue.Timeout() {
			return fmt.Errorf("timed out: %w", ue.Err)
		}
		return ue.Err
	}
	return err
}

// mediaType returns the lowercase media type of a Content-Type header.
func mediaType(contentType string) string {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt, _, _ = strings.Cut(contentType, ";")
	}
	return strings.ToLower(strings.TrimSpace(mt))
}

// pageAccept is the Accept header of article requests.
const pageAccept = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5"

// Fetch fetches the article at rawURL and reads it like an HTML file:
// main text, title, language, publication date, canonical URL, and the
// validators in Origin. With a Conditional from a previous fetch, a 304
// answer returns a FetchResult with NotModified set, an empty Article
// and no error.
//
// It returns ErrScheme, ErrDisallowed, ErrTooManyRedirects, ErrTooLarge,
// ErrContentType (a response that is not HTML, XHTML or plain text),
// an *HTTPError for other statuses, ErrNoText for a page without
// readable text, or the transport's error (timeouts included).
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, cond Conditional) (extract.Article, FetchResult, error) {
	a := extract.Article{Source: rawURL}
	r, err := f.get(ctx, rawURL, cond, pageAccept)
	if r != nil {
		a.Origin.ETag, a.Origin.LastModified = r.ETag, r.LastModified
	}
	if err != nil {
		if r == nil {
			return a, FetchResult{URL: rawURL}, err
		}
		return a, r.FetchResult, err
	}
	if r.NotModified {
		return a, r.FetchResult, nil
	}
	err = articleFromResponse(r, &a)
	return a, r.FetchResult, err
}

// articleFromResponse reads a page response into a.
func articleFromResponse(r *response, a *extract.Article) error {
	a.Origin.Size = r.Bytes
	base, _ := url.Parse(r.URL)
	switch mt := mediaType(r.ContentType); {
	case mt == "text/html" || mt == "application/xhtml+xml" || (mt == "" && looksHTML(r.Body)):
		if err := fillFromHTML(r.Body, r.ContentType, base, a); err != nil {
			return fmt.Errorf("read %s: %w", r.URL, err)
		}
	case mt == "text/plain":
		s, warn, err := DecodeBytes(r.Body, charsetParam(r.ContentType))
		if err != nil {
			return fmt.Errorf("read %s: %w", r.URL, err)
		}
		if warn != "" {
			a.Warnings = append(a.Warnings, extract.Warning{Code: extract.WarnCharset, Message: r.URL + ": " + warn})
		}
		a.Text = cleanText(s)
		if a.Text == "" {
			return fmt.Errorf("read %s: %w", r.URL, ErrNoText)
		}
		a.ID = ID(a.Text)
	default:
		return fmt.Errorf("read %s: %w: %q", r.URL, ErrContentType, firstNonEmpty(mt, "none"))
	}
	if a.Origin.URL == "" {
		a.Origin.URL = r.URL
	}
	return nil
}

func charsetParam(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// looksHTML reports whether a body without a Content-Type starts like
// an HTML document.
func looksHTML(b []byte) bool {
	return strings.HasPrefix(http.DetectContentType(b), "text/html")
}

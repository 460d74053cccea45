// Package desk is dealwatch's review desk: a local web app ("dealwatch
// serve") for the morning review, and the one-file HTML report
// ("dealwatch report"). It is a presentation room like the command line:
// it reads the store, and writes to it only through Data.Decide, the
// code of "dealwatch review".
//
// Pages:
//
//	/          the queue: open review items, newest evidence first,
//	           filterable; j/k move, r resolve, d dismiss, ? help
//	/deals     every deal with its review state
//	/deal      one deal: timeline, each source's sentence with its figure
//	           highlighted, conflicts side by side, decision buttons
//	/article   an article's text with its figures and parties
//	           highlighted, its deals, its versions and their changes
//	/runs      every run and, for one, its diff
//	/decide    POST only: one decision (CSRF token and same origin)
//
// Safety: the server answers only to loopback Host names unless remote
// access was allowed; every POST carries a token derived from a random
// per-server secret and must come from the desk's own origin; all text
// from articles goes through html/template; a URL is a link only when it
// is http or https; the Content-Security-Policy allows the desk's own
// script and style only.
package desk

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// Options configure a Server.
type Options struct {
	// Open opens the store: readOnly for pages (they never take the
	// writer's lock, and read while a run writes), for writing for a
	// decision (waiting at most a few seconds for a run to let go).
	Open func(readOnly bool) (*store.DB, error)
	Data Data
	// By is the default reviewer's name ($USER).
	By string
	// Secret keys the CSRF token; nil draws a random one.
	Secret []byte
	// AllowRemote accepts any Host header; otherwise only loopback
	// names (localhost, 127.0.0.1, [::1]) are served, so a web page
	// elsewhere cannot reach the desk through DNS rebinding.
	AllowRemote bool
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time
}

// Server is the desk's HTTP handler.
type Server struct {
	o     Options
	token string
	pages map[string]*template.Template
	mux   *http.ServeMux
}

// New returns a desk server.
func New(o Options) (*Server, error) {
	if o.Open == nil || o.Data == nil {
		return nil, errors.New("desk: Open and Data are required")
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if len(o.Secret) == 0 {
		o.Secret = make([]byte, 32)
		if _, err := rand.Read(o.Secret); err != nil {
			return nil, fmt.Errorf("desk: random secret: %w", err)
		}
	}
	mac := hmac.New(sha256.New, o.Secret)
	mac.Write([]byte("dealwatch desk csrf v1"))
	s := &Server{o: o, token: base64.RawURLEncoding.EncodeToString(mac.Sum(nil))}
	var err error
	if s.pages, err = parsePages(); err != nil {
		return nil, err
	}
	assets, _ := fs.Sub(assetFS, "assets")
	s.mux = http.NewServeMux()
	s.mux.Handle("GET /assets/", http.StripPrefix("/assets/", http.FileServerFS(assets)))
	s.mux.HandleFunc("GET /{$}", s.queuePage)
	s.mux.HandleFunc("GET /deals", s.dealsPage)
	s.mux.HandleFunc("GET /deal", s.dealPage)
	s.mux.HandleFunc("GET /article", s.articlePage)
	s.mux.HandleFunc("GET /runs", s.runsPage)
	s.mux.HandleFunc("POST /decide", s.decide)
	return s, nil
}

// Token is the CSRF token the forms carry.
func (s *Server) Token() string { return s.token }

// ServeHTTP checks the Host, sets the security headers and serves.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	if !s.o.AllowRemote && !loopbackHost(r.Host) {
		http.Error(w, "the desk answers on loopback names only (localhost, 127.0.0.1, [::1]); start it with --allow-remote to serve others", http.StatusMisdirectedRequest)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	h := host
	if hh, _, err := net.SplitHostPort(host); err == nil {
		h = hh
	}
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// IsLoopbackAddr reports whether a listen address binds to loopback
// only ("127.0.0.1:8080", "[::1]:0", "localhost:8080").
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sameOrigin checks that a POST comes from the desk's own pages: its
// Origin header, else its Referer, names the host it was sent to.
func sameOrigin(r *http.Request) error {
	if o := r.Header.Get("Origin"); o != "" {
		u, err := url.Parse(o)
		if err != nil || o == "null" || u.Host != r.Host || (u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("the request comes from another origin (%q)", o)
		}
		return nil
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		u, err := url.Parse(ref)
		if err != nil || u.Host != r.Host {
			return errors.New("the request comes from another site (Referer)")
		}
		return nil
	}
	return errors.New("the request says neither its Origin nor its Referer")
}

func (s *Server) checkToken(r *http.Request) bool {
	got := r.PostFormValue("csrf")
	return got != "" && hmac.Equal([]byte(got), []byte(s.token))
}

// localPath returns ret when it is a path of this site, else "/".
func localPath(ret string) string {
	if ret == "" || !strings.HasPrefix(ret, "/") || strings.HasPrefix(ret, "//") || strings.HasPrefix(ret, "/\\") {
		return "/"
	}
	u, err := url.Parse(ret)
	if err != nil || u.Host != "" || u.Scheme != "" {
		return "/"
	}
	return ret
}

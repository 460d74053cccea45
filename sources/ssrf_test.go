package sources

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeDNS answers every A query with 127.0.0.1 and every other query
// with no answer, over UDP.
func fakeDNS(t *testing.T) *net.Resolver {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			n, addr, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			q := buf[:n]
			if len(q) < 12 {
				continue
			}
			i := 12
			for i < len(q) && q[i] != 0 {
				i += int(q[i]) + 1
			}
			if i+5 > len(q) {
				continue
			}
			qtype := binary.BigEndian.Uint16(q[i+1:])
			question := q[12 : i+5]
			resp := []byte{q[0], q[1], 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0}
			resp = append(resp, question...)
			if qtype == 1 {
				resp[7] = 1
				resp = append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1)
			}
			pc.WriteTo(resp, addr)
		}
	}()
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, address string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "udp", pc.LocalAddr().String())
	}}
}

// TestPrivateAddressesRefused: by default a feed link, a redirect, or a
// name resolving to a loopback address never reaches the internal
// server; AllowPrivate lets them through.
func TestPrivateAddressesRefused(t *testing.T) {
	var internalHits atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, "<html><head><title>Internal</title></head><body><p>secret admin page with enough words to be an article body here.</p></body></html>")
	}))
	defer internal.Close()
	_, port, _ := net.SplitHostPort(internal.Listener.Addr().String())
	byName := "http://intranet.example:" + port + "/admin"
	feed := func(link string) string {
		return `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>` +
			`<item><title>Item</title><link>` + link + `</link><description>short</description></item></channel></rss>`
	}
	public := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed-ip.rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed(internal.URL+"/admin"))
		case "/feed-name.rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprint(w, feed(byName))
		case "/moved":
			http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer public.Close()
	resolver := fakeDNS(t)
	newFetcher := func(allow bool) *Fetcher {
		f := NewFetcher(&FetchOptions{RatePerHost: -1, Timeout: 5 * time.Second, IgnoreRobots: true, Resolver: resolver, AllowPrivate: allow})
		f.exempt = map[string]bool{public.Listener.Addr().String(): true} // stands in for a public site
		return f
	}
	ctx := context.Background()

	t.Run("direct", func(t *testing.T) {
		_, _, err := newFetcher(false).Fetch(ctx, internal.URL+"/admin", Conditional{})
		var pe *PrivateAddressError
		if !errors.Is(err, ErrPrivateAddress) || !errors.As(err, &pe) || pe.Kind != "loopback" {
			t.Errorf("Fetch of a loopback URL: %v, want a loopback PrivateAddressError", err)
		}
		if !strings.Contains(fmt.Sprint(err), "--allow-private") {
			t.Errorf("error %q does not say how to allow it", err)
		}
	})
	t.Run("redirect", func(t *testing.T) {
		_, _, err := newFetcher(false).Fetch(ctx, public.URL+"/moved", Conditional{})
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("redirect to loopback: %v", err)
		}
	})
	t.Run("dns name", func(t *testing.T) {
		_, _, err := newFetcher(false).Fetch(ctx, byName, Conditional{})
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("name resolving to 127.0.0.1: %v", err)
		}
	})
	for _, path := range []string{"/feed-ip.rss", "/feed-name.rss"} {
		t.Run("feed link "+path, func(t *testing.T) {
			rep := newFetcher(false).ReadWeb(ctx, []string{public.URL + path}, nil)
			if len(rep.Feeds) != 1 || rep.Feeds[0].Err != nil || len(rep.Items) != 1 {
				t.Fatalf("report %+v", rep)
			}
			a := rep.Items[0].Article
			if strings.Contains(a.Text, "secret") {
				t.Errorf("the internal page was read: %q", a.Text)
			}
			msg := fmt.Sprint(a.Err)
			for _, w := range a.Warnings {
				msg += " " + w.Message
			}
			if !strings.Contains(msg, "refused to connect") {
				t.Errorf("item error and warnings %q do not say the address was refused", msg)
			}
		})
	}
	if n := internalHits.Load(); n != 0 {
		t.Fatalf("the internal server got %d requests", n)
	}
	t.Run("allowed", func(t *testing.T) {
		f := newFetcher(true)
		for _, u := range []string{internal.URL + "/admin", public.URL + "/moved", byName} {
			if a, _, err := f.Fetch(ctx, u, Conditional{}); err != nil || !strings.Contains(a.Text, "secret") {
				t.Errorf("with AllowPrivate, %s: %v", u, err)
			}
		}
	})
}

func TestAddressKind(t *testing.T) {
	for _, tc := range []struct{ ip, want string }{
		{"127.0.0.1", "loopback"}, {"::1", "loopback"}, {"::ffff:127.0.0.1", "loopback"},
		{"10.1.2.3", "private"}, {"192.168.0.1", "private"}, {"172.16.0.1", "private"}, {"fd00::1", "private"},
		{"169.254.169.254", "link-local"}, {"fe80::1", "link-local"},
		{"0.0.0.0", "unspecified"}, {"::", "unspecified"}, {"0.1.2.3", "unspecified"},
		{"100.64.0.1", "shared (carrier-grade NAT)"},
		{"93.184.216.34", ""}, {"2606:4700::1111", ""}, {"8.8.8.8", ""},
	} {
		if got := addressKind(netip.MustParseAddr(tc.ip)); got != tc.want {
			t.Errorf("addressKind(%s) = %q, want %q", tc.ip, got, tc.want)
		}
	}
}

package sources

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
)

// PrivateAddressError is a connection refused before it was made: the
// address, as resolved at connect time, is loopback, private,
// link-local, unspecified or otherwise not on the public internet.
// Checking the resolved address at connect time covers redirects and a
// name that resolves to a public address once and a private one later
// (DNS rebinding). FetchOptions.AllowPrivate turns the check off.
type PrivateAddressError struct {
	Addr string // the address connected to, "IP:port"
	Kind string // "loopback", "private", "link-local"…
}

func (e *PrivateAddressError) Error() string {
	return fmt.Sprintf("refused to connect to %s, a %s address (to read an intranet, allow it with --allow-private)", e.Addr, e.Kind)
}

// Unwrap returns ErrPrivateAddress.
func (e *PrivateAddressError) Unwrap() error { return ErrPrivateAddress }

// nonPublic are the ranges refused besides those net/netip classifies:
// carrier-grade NAT, "this network", benchmarking, and the IPv6
// translation and documentation prefixes.
var nonPublic = []struct {
	prefix netip.Prefix
	kind   string
}{
	{netip.MustParsePrefix("0.0.0.0/8"), "unspecified"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared (carrier-grade NAT)"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local translation"},
}

// addressKind returns why ip is not a public address, or "" when it is.
func addressKind(ip netip.Addr) string {
	ip = ip.Unmap()
	switch {
	case !ip.IsValid():
		return "invalid"
	case ip.IsUnspecified():
		return "unspecified"
	case ip.IsLoopback():
		return "loopback"
	case ip.IsPrivate():
		return "private"
	case ip.IsLinkLocalUnicast(), ip.IsLinkLocalMulticast():
		return "link-local"
	case ip.IsInterfaceLocalMulticast(), ip.IsMulticast():
		return "multicast"
	case ip == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
		return "broadcast"
	}
	for _, n := range nonPublic {
		if n.prefix.Contains(ip) {
			return n.kind
		}
	}
	return ""
}

// control is the Fetcher's net.Dialer Control function when private
// addresses are refused.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	return f.checkAddr(address)
}

// checkAddr refuses an "IP:port" that is not public, unless tests
// exempted it (exempt stands in for a public server, since test servers
// listen on loopback).
func (f *Fetcher) checkAddr(address string) error {
	if f.exempt[address] {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &PrivateAddressError{Addr: address, Kind: "unparsable"}
	}
	if kind := addressKind(ap.Addr()); kind != "" {
		return &PrivateAddressError{Addr: address, Kind: kind}
	}
	return nil
}

// guardTransport makes the client's transport refuse non-public
// addresses. The default transport's dialer checks with Control, before
// connecting; a caller's *http.Transport keeps its own dialer and the
// connection is checked and closed before anything is sent on it.
// Other RoundTrippers are left alone (the caller owns them).
func (f *Fetcher) guardTransport(c *http.Client, r *net.Resolver) {
	switch t := c.Transport.(type) {
	case nil:
		c.Transport = f.guardHTTPTransport(http.DefaultTransport.(*http.Transport).Clone(), r)
	case *http.Transport:
		c.Transport = f.guardHTTPTransport(t.Clone(), r)
	}
}

func (f *Fetcher) guardHTTPTransport(t *http.Transport, r *net.Resolver) *http.Transport {
	inner := t.DialContext
	if inner == nil {
		d := &net.Dialer{Resolver: r}
		inner = d.DialContext
	}
	t.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		conn, err := inner(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		if err := f.checkConn(conn); err != nil {
			conn.Close()
			return nil, err
		}
		return conn, nil
	}
	return t
}

// checkConn checks a connection's remote address.
func (f *Fetcher) checkConn(conn net.Conn) error {
	ta, ok := conn.RemoteAddr().(*net.TCPAddr)
	if !ok {
		return nil
	}
	return f.checkAddr(ta.AddrPort().String())
}

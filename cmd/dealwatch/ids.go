package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/store"
)

// One way to name things, for every command (show, history, review, and
// the web desk):
//
//   - an article: its id with or without "sha256:", any unique prefix
//     of one (current or former: an old id names the version it had),
//     the path it was read from (relative or absolute), or its URL;
//   - a deal: its id in any case, or any unique prefix of one.
//
// A name that fits several is an error listing the candidates.

// articleRef is an article named on the command line.
type articleRef struct {
	Key string // the store's key: absolute path or URL
	// Version is the version an old id names; 0 means the latest (the
	// name was a path, a URL, or the current id).
	Version int
	ID      string // the id the name matched, "" for a path or URL
}

// maxCandidates is how many candidates an ambiguity error lists.
const maxCandidates = 10

// looksLikeID reports whether ref is an article id or a prefix of one,
// with or without "sha256:".
func looksLikeID(ref string) (string, bool) {
	l := strings.ToLower(ref)
	h := strings.TrimPrefix(l, "sha256:")
	// Without "sha256:", four hex digits at least, so that a short word
	// is not taken for an id.
	if len(h) > 64 || (len(h) == len(l) && len(h) < 4) {
		return "", false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return "", false
		}
	}
	return "sha256:" + h, true
}

// findArticle resolves ref to one article (see the rules above).
func findArticle(db *store.DB, ref string) (articleRef, error) {
	if ref == "" {
		return articleRef{}, usageErr("empty article name")
	}
	// A key as given, then a path made absolute.
	for _, k := range []string{ref, articleKey(ref)} {
		if _, err := db.Article(k); err == nil {
			return articleRef{Key: k}, nil
		} else if !errors.Is(err, store.ErrNotFound) {
			return articleRef{}, err
		}
	}
	id, ok := looksLikeID(ref)
	if !ok {
		return articleRef{}, fmt.Errorf("article %q: %w (give an id such as sha256:4f2a…, a prefix of one, or the path or URL it was read from; dealwatch articles lists them)", clean(ref), store.ErrNotFound)
	}
	ids, keys, err := db.IDsWithPrefix(id, 1000)
	if err != nil {
		return articleRef{}, err
	}
	if len(ids) == 0 {
		return articleRef{}, fmt.Errorf("article %s: %w (dealwatch articles lists them)", clean(ref), store.ErrNotFound)
	}
	// An exact id wins over longer ids it is a prefix of.
	match := -1
	for i := range ids {
		if ids[i] == id {
			if match >= 0 && keys[match] != keys[i] {
				return articleRef{}, ambiguousArticle(db, ref, ids, keys)
			}
			match = i
		}
	}
	if match < 0 {
		distinct := map[string]bool{}
		for i := range ids {
			distinct[ids[i]+"\x00"+keys[i]] = true
		}
		if len(distinct) > 1 {
			return articleRef{}, ambiguousArticle(db, ref, ids, keys)
		}
		match = 0
	}
	r := articleRef{Key: keys[match], ID: ids[match]}
	art, err := db.Article(r.Key)
	if err != nil {
		return articleRef{}, err
	}
	if art.ID != r.ID {
		if r.Version, err = db.VersionOfID(r.Key, r.ID); err != nil {
			return articleRef{}, err
		}
	}
	return r, nil
}

func ambiguousArticle(db *store.DB, ref string, ids, keys []string) error {
	var lines []string
	for i := range ids {
		if len(lines) == maxCandidates {
			lines = append(lines, "…")
			break
		}
		lines = append(lines, fmt.Sprintf("%s (%s)", ids[i], clean(filepath.Base(keys[i]))))
	}
	return usageErr("%s names %d articles: %s; give a longer id or the path", clean(ref), len(ids), strings.Join(lines, ", "))
}

// findDealID resolves ref to one of ids (sorted deal ids): the same id
// in any case, or the only id that starts with it. Several candidates
// are a usage error listing them; none is ErrNotFound with the ids that
// share a party with it.
func findDealID(ids []string, ref string) (string, error) {
	want := strings.ToLower(strings.TrimSpace(ref))
	if want == "" {
		return "", usageErr("empty deal id")
	}
	var prefixed []string
	for _, id := range ids {
		l := strings.ToLower(id)
		if l == want {
			return id, nil
		}
		if strings.HasPrefix(l, want) {
			prefixed = append(prefixed, id)
		}
	}
	if len(prefixed) == 1 {
		return prefixed[0], nil
	}
	if len(prefixed) > 1 {
		shown := prefixed
		if len(shown) > maxCandidates {
			shown = append(append([]string(nil), shown[:maxCandidates]...), "…")
		}
		return "", usageErr("%s names %d deals: %s", clean(ref), len(prefixed), strings.Join(shown, ", "))
	}
	var near []string
	for _, id := range ids {
		for _, p := range strings.Split(strings.SplitN(want, "/", 2)[0], "+") {
			if p != "" && strings.Contains(id, p) {
				near = append(near, id)
				break
			}
		}
	}
	sort.Strings(near)
	if len(near) > maxCandidates {
		near = append(near[:maxCandidates], "…")
	}
	hint := "dealwatch deals lists them"
	if len(near) > 0 {
		hint = "did you mean " + strings.Join(near, ", ") + "?"
	}
	return "", fmt.Errorf("deal %q: %w; %s", clean(ref), store.ErrNotFound, hint)
}

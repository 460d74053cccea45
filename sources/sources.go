package sources

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"golang.org/x/text/unicode/norm"
)

// DefaultMaxBytes is the size limit of one input when Options.MaxBytes is 0.
const DefaultMaxBytes = 5 << 20

// Options configures reading. The zero value (or nil) uses the defaults.
type Options struct {
	// MaxBytes is the largest input read; larger ones fail with a message
	// that names the limit. Zero means DefaultMaxBytes.
	MaxBytes int64
}

func (o *Options) maxBytes() int64 {
	if o == nil || o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Entry is one input found by List, not yet read.
type Entry struct {
	Source  string // path or URL
	Size    int64
	ModTime time.Time
	// Err is set when the input cannot be read at all (a missing path);
	// Load turns it into an Article with that Err.
	Err error
}

// Extensions are the file types read from folders.
var Extensions = []string{".txt", ".md", ".html", ".htm"}

func readable(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	for _, e := range Extensions {
		if e == ext {
			return true
		}
	}
	return false
}

// List expands inputs (files and folders, recursively) into entries in a
// stable order: inputs in the order given, each folder's files sorted by
// path. Files in folders with other extensions are skipped and named in
// notes; a file named explicitly is always read.
func List(inputs []string) (entries []Entry, notes []string) {
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			entries = append(entries, Entry{Source: in, Err: describeOpenError(in, err)})
			continue
		}
		if !fi.IsDir() {
			entries = append(entries, Entry{Source: in, Size: fi.Size(), ModTime: fi.ModTime()})
			continue
		}
		var found []Entry
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				found = append(found, Entry{Source: p, Err: describeOpenError(p, err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != in && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if !readable(p) {
				notes = append(notes, fmt.Sprintf("skipped %s: not a .txt, .md or .html file", p))
				return nil
			}
			info, err := d.Info()
			if err != nil {
				found = append(found, Entry{Source: p, Err: describeOpenError(p, err)})
				return nil
			}
			found = append(found, Entry{Source: p, Size: info.Size(), ModTime: info.ModTime()})
			return nil
		})
		if err != nil {
			found = append(found, Entry{Source: in, Err: describeOpenError(in, err)})
		}
		sort.SliceStable(found, func(i, j int) bool { return found[i].Source < found[j].Source })
		entries = append(entries, found...)
	}
	return entries, notes
}

func describeOpenError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file or folder; check the path", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied; make it readable or run as a user who can read it", path)
	}
	return fmt.Errorf("read %s: %w", path, err)
}

// Load reads one entry into an Article. It never returns nothing: a
// problem is recorded on Article.Err.
func Load(ctx context.Context, e Entry, opts *Options) extract.Article {
	a := extract.Article{Source: e.Source, Origin: extract.Origin{Size: e.Size, ModTime: e.ModTime}}
	if e.Err != nil {
		a.Err = e.Err
		return a
	}
	if e.Size > opts.maxBytes() {
		a.Err = fmt.Errorf("%s is %d bytes, over the %d-byte limit; raise it with --max-bytes if this is really one article", e.Source, e.Size, opts.maxBytes())
		return a
	}
	b, err := os.ReadFile(e.Source)
	if err != nil {
		a.Err = describeOpenError(e.Source, err)
		return a
	}
	a.Text = Normalize(string(b))
	a.ID = ID(a.Text)
	return a
}

// Read lists and loads inputs.
func Read(ctx context.Context, inputs []string, opts *Options) (articles []extract.Article, notes []string) {
	entries, notes := List(inputs)
	for _, e := range entries {
		articles = append(articles, Load(ctx, e, opts))
	}
	return articles, notes
}

// Normalize returns s in NFC with "\n" line ends.
func Normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return norm.NFC.String(s)
}

// ID returns the article id of normalized text: "sha256:" + the first 16
// hex digits of its SHA-256.
func ID(text string) string {
	h := sha256.Sum256([]byte(text))
	return "sha256:" + hex.EncodeToString(h[:])[:16]
}

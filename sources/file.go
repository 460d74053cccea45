package sources

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// DefaultMaxBytes is the size limit of one input when Options.MaxBytes is 0.
const DefaultMaxBytes = 5 << 20

// Options configures reading. The zero value (or nil) uses the defaults.
type Options struct {
	// MaxBytes is the largest input read; larger ones fail with a message
	// that names the limit. Zero means DefaultMaxBytes.
	MaxBytes int64
	// Fetcher reads URL inputs (article pages and feeds); nil means one
	// built with FetchOptions{MaxBytes: MaxBytes} on first use. Share one
	// per run so the per-host rate limit holds.
	Fetcher *Fetcher
	// Web configures URL reading: validators for conditional requests,
	// concurrency, items per feed. Nil means defaults.
	Web *WebOptions
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

// Extensions are the file types read from folders. A file named
// explicitly is read whatever its extension.
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

func isHTMLPath(path string) bool {
	ext := strings.ToLower(filepath.Ext(path))
	return ext == ".html" || ext == ".htm"
}

// List expands inputs (files and folders, recursively) into entries in a
// stable order: inputs in the order given, each folder's files sorted by
// path. It reads no file.
//
// In folders, files with other extensions, non-regular files (pipes,
// devices) and symbolic links to folders are skipped and named in notes;
// hidden files and folders (".git", ".DS_Store") are skipped and counted
// in one note per folder named (not one per file: ".git" alone holds
// thousands). A
// file named explicitly is always read. A file met twice (named and also
// inside a named folder) is listed once, with a note. A missing or
// unreadable path becomes an Entry with Err (ErrNotFound, ErrPermission)
// so that it is reported with the other results.
func List(inputs []string) (entries []Entry, notes []string) {
	seen := map[string]string{}
	add := func(e Entry) {
		if e.Err == nil {
			key := e.Source
			if abs, err := filepath.Abs(e.Source); err == nil {
				key = abs
			}
			if first, dup := seen[key]; dup {
				notes = append(notes, fmt.Sprintf("skipped %s: already listed as %s", e.Source, first))
				return
			}
			seen[key] = e.Source
		}
		entries = append(entries, e)
	}
	for _, in := range inputs {
		fi, err := os.Stat(in)
		if err != nil {
			add(Entry{Source: in, Err: describeOpenError(in, err)})
			continue
		}
		if !fi.IsDir() {
			add(Entry{Source: in, Size: fi.Size(), ModTime: fi.ModTime()})
			continue
		}
		found, skipped := walk(in)
		notes = append(notes, skipped...)
		for _, e := range found {
			add(e)
		}
	}
	return entries, notes
}

// walk lists the readable files under the folder root, sorted by path.
func walk(root string) (found []Entry, notes []string) {
	hiddenFiles, hiddenDirs := 0, 0
	defer func() {
		if hiddenFiles+hiddenDirs > 0 {
			var what []string
			if hiddenFiles > 0 {
				what = append(what, plural(hiddenFiles, "hidden file", "hidden files"))
			}
			if hiddenDirs > 0 {
				what = append(what, plural(hiddenDirs, "hidden folder", "hidden folders"))
			}
			notes = append(notes, fmt.Sprintf("skipped %s under %s (names starting with \".\"; name a file to read it)", strings.Join(what, " and "), root))
		}
	}()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			found = append(found, Entry{Source: p, Err: describeOpenError(p, err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				hiddenDirs++
				return fs.SkipDir
			}
			hiddenFiles++
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !readable(p) {
			notes = append(notes, fmt.Sprintf("skipped %s: not a .txt, .md or .html file", p))
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link to a file
		switch {
		case err != nil:
			found = append(found, Entry{Source: p, Err: describeOpenError(p, err)})
		case info.IsDir():
			notes = append(notes, fmt.Sprintf("skipped %s: a link to a folder (name the folder itself to read it)", p))
		case !info.Mode().IsRegular():
			notes = append(notes, fmt.Sprintf("skipped %s: not a regular file", p))
		default:
			found = append(found, Entry{Source: p, Size: info.Size(), ModTime: info.ModTime()})
		}
		return nil
	})
	if err != nil {
		found = append(found, Entry{Source: root, Err: describeOpenError(root, err)})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Source < found[j].Source })
	return found, notes
}

// describeOpenError turns an open or stat error into a message that names the
// path and says what to do.
func describeOpenError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &inputError{fmt.Sprintf("%s: no such file or folder; check the path", path), ErrNotFound}
	case errors.Is(err, fs.ErrPermission):
		return &inputError{fmt.Sprintf("%s: permission denied; make it readable or run as a user who can read it", path), ErrPermission}
	}
	return fmt.Errorf("read %s: %w", path, err)
}

// Load reads one entry into an Article. It never returns nothing: a
// problem is recorded on Article.Err, which unwraps to ErrNotFound,
// ErrPermission, ErrTooLarge, ErrBinary or ErrUndecodable (or ctx's
// error). A guessed charset is recorded as an extract.WarnCharset
// warning. An empty or whitespace-only file is an Article with empty Text
// and no Err.
//
// .html and .htm files go through the HTML reader (main text, title,
// declared language, publication date); other files are plain text or
// Markdown, whose title is the first non-empty line and whose date comes
// from an ISO date in the opening lines.
func Load(ctx context.Context, e Entry, opts *Options) extract.Article {
	a := extract.Article{Source: e.Source, Origin: extract.Origin{Size: e.Size, ModTime: e.ModTime}}
	if e.Err != nil {
		a.Err = e.Err
		return a
	}
	if err := ctx.Err(); err != nil {
		a.Err = fmt.Errorf("%s: not read: %w", e.Source, err)
		return a
	}
	limit := opts.maxBytes()
	if e.Size > limit {
		a.Err = tooLarge(e.Source, e.Size, limit)
		return a
	}
	b, err := readLimited(e.Source, limit)
	if err != nil {
		a.Err = err
		return a
	}
	if len(bytes.TrimSpace(b)) == 0 {
		// Empty whatever the format: the pipeline reports it as "empty".
		a.ID = ID("")
		return a
	}
	if isHTMLPath(e.Source) {
		if err := readHTML(b, &a); err != nil {
			var ce *ContentError
			if errors.As(err, &ce) {
				a.Err = contentError(e.Source, err)
			} else {
				a.Err = fmt.Errorf("%s: %w", e.Source, err)
			}
			return a
		}
		a.Text = Normalize(a.Text)
		a.ID = ID(a.Text)
		return a
	}
	text, warning, err := DecodeBytes(b, "")
	if err != nil {
		a.Err = contentError(e.Source, err)
		return a
	}
	if warning != "" {
		a.Warnings = append(a.Warnings, extract.Warning{Code: extract.WarnCharset, Message: e.Source + ": " + warning})
	}
	a.Text = Normalize(text)
	a.ID = ID(a.Text)
	a.Title, a.Published = readPlain(a.Text)
	return a
}

// readLimited reads at most limit bytes of path; more is ErrTooLarge
// (the file may have grown since List, or be a pipe with no size).
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &inputError{fmt.Sprintf("%s is a folder; name it to List, not Load", path), fs.ErrInvalid}
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, describeOpenError(path, err)
	}
	if int64(len(b)) > limit {
		return nil, tooLarge(path, -1, limit)
	}
	return b, nil
}

func tooLarge(path string, size, limit int64) error {
	what := "larger than"
	if size >= 0 {
		what = byteSize(size) + ", over"
	}
	return &inputError{fmt.Sprintf("%s is %s the limit of %s (--max-bytes %d); raise --max-bytes if this is really one article", path, what, byteSize(limit), limit), ErrTooLarge}
}

func contentError(path string, err error) error {
	var ce *ContentError
	if errors.As(err, &ce) && errors.Is(err, ErrBinary) {
		return &inputError{fmt.Sprintf("%s looks binary (%s); dealwatch reads text, Markdown and HTML articles", path, ce.Reason), err}
	}
	if ce != nil {
		return &inputError{fmt.Sprintf("%s: %s", path, ce.Reason), err}
	}
	return fmt.Errorf("%s: %w", path, err)
}

// byteSize formats n for people: "5 MB", "1.4 KB", "17 bytes".
func byteSize(n int64) string {
	unit, div := "bytes", int64(1)
	switch {
	case n >= 1<<20:
		unit, div = "MB", 1<<20
	case n >= 1<<10:
		unit, div = "KB", 1<<10
	default:
		return fmt.Sprintf("%d bytes", n)
	}
	s := strconv.FormatFloat(float64(n)/float64(div), 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + " " + unit
}

// Read lists and loads inputs, in List's order; one Article per entry,
// including the ones that failed. Once ctx is done the remaining entries
// come back with ctx's error instead of being read.
//
// Inputs that are http(s) URLs are fetched (an article page, or a feed
// whose items are fetched in turn) after the files, through
// opts.Fetcher.
func Read(ctx context.Context, inputs []string, opts *Options) (articles []extract.Article, notes []string) {
	paths, urls := SplitInputs(inputs)
	entries, notes := List(paths)
	articles = make([]extract.Article, 0, len(entries))
	for _, e := range entries {
		articles = append(articles, Load(ctx, e, opts))
	}
	if len(urls) > 0 {
		var f *Fetcher
		var web *WebOptions
		if opts != nil {
			f, web = opts.Fetcher, opts.Web
		}
		if f == nil {
			f = NewFetcher(&FetchOptions{MaxBytes: opts.maxBytes()})
		}
		as, ns := ReadURLs(ctx, f, urls, web)
		articles, notes = append(articles, as...), append(notes, ns...)
	}
	return articles, notes
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

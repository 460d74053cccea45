package sources_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/sources"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// put writes b to name under dir and returns its path.
func put(t *testing.T, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var publishedRe = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

func TestLoadBadInputs(t *testing.T) {
	dir := t.TempDir()
	latin1, err := charmap.Windows1252.NewEncoder().String("Perché l’accordo da 38 miliardi è già storico.\nCosì dicono i più.\n")
	if err != nil {
		t.Fatal(err)
	}
	utf16le, err := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewEncoder().String("Acuerdo de $38 mil millones\r\nFirmado el 3 de noviembre.\r\n")
	if err != nil {
		t.Fatal(err)
	}
	utf16be, err := xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM).NewEncoder().String("中文 text\n")
	if err != nil {
		t.Fatal(err)
	}
	cyrillic, err := charmap.Windows1251.NewEncoder().String("Сделка OpenAI и Amazon на 38 миллиардов долларов стала крупнейшей.")
	if err != nil {
		t.Fatal(err)
	}
	binary := append([]byte("GIF89a"), 0, 1, 2, 3, 0, 0, 0xFF)
	elf := append([]byte{0x7F, 'E', 'L', 'F', 2, 1, 1, 0}, bytes.Repeat([]byte{0}, 64)...)
	controls := bytes.Repeat([]byte("ab\x01\x02\x03\x04"), 50)
	pdf := []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")

	tests := []struct {
		name     string
		file     string
		content  []byte
		maxBytes int64
		wantErr  error  // sentinel, nil for none
		errHas   string // substring of the message
		text     string // want Text, when wantErr is nil
		warn     bool   // want a charset warning
	}{
		{name: "empty", file: "empty.txt", content: nil, text: ""},
		{name: "whitespace", file: "blank.md", content: []byte(" \n\t\r\n  \n\u00a0\n"), text: ""},
		{name: "empty html", file: "empty.html", content: []byte(" \r\n"), text: ""},
		{name: "utf8 bom", file: "bom.txt", content: []byte("\xEF\xBB\xBFTitolo\r\nTesto.\r\n"), text: "Titolo\nTesto."},
		{name: "latin-1", file: "latin1.txt", content: []byte(latin1), text: "Perché l’accordo da 38 miliardi è già storico.\nCosì dicono i più.", warn: true},
		{name: "utf-16le bom", file: "utf16.txt", content: []byte(utf16le), text: "Acuerdo de $38 mil millones\nFirmado el 3 de noviembre."},
		{name: "utf-16be bom", file: "utf16be.txt", content: []byte(utf16be), text: "中文 text"},
		{name: "binary gif", file: "image.txt", content: binary, wantErr: sources.ErrBinary, errHas: "looks binary (image/gif); dealwatch reads text, Markdown and HTML articles"},
		{name: "binary nul", file: "prog.md", content: elf, wantErr: sources.ErrBinary, errHas: "NUL byte at byte 7"},
		{name: "control characters", file: "ctl.txt", content: controls, wantErr: sources.ErrBinary, errHas: "control characters"},
		{name: "pdf", file: "paper.txt", content: pdf, wantErr: sources.ErrBinary, errHas: "application/pdf"},
		{name: "cyrillic 1251", file: "ru.txt", content: []byte(cyrillic), wantErr: sources.ErrUndecodable, errHas: "convert it to UTF-8"},
		{name: "huge", file: "huge.txt", content: bytes.Repeat([]byte("parola "), 200), maxBytes: 1000, wantErr: sources.ErrTooLarge, errHas: "is 1.4 KB, over the limit of 1000 bytes (--max-bytes 1000); raise --max-bytes"},
		{name: "at the limit", file: "limit.txt", content: bytes.Repeat([]byte("a"), 1000), maxBytes: 1000, text: strings.Repeat("a", 1000)},
		{name: "damaged utf-8", file: "damaged.txt", content: []byte("Perché è così più già \xff città"), text: "Perché è così più già \uFFFD città", warn: true},
		{name: "mixed utf-8 and 1252", file: "mixed.txt", content: []byte("Perché l’accordo \x96 dicono \x93storico\x94 \x96 è già firmato"), text: "Perché l’accordo – dicono “storico” – è già firmato", warn: true},
		{name: "stray control char", file: "esc.txt", content: []byte("Un testo \x1b con un carattere strano, ma lungo abbastanza da essere testo."), text: "Un testo  con un carattere strano, ma lungo abbastanza da essere testo."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := put(t, dir, tt.file, tt.content)
			entries, _ := sources.List([]string{p})
			if len(entries) != 1 {
				t.Fatalf("List(%q) = %d entries, want 1", p, len(entries))
			}
			a := sources.Load(context.Background(), entries[0], &sources.Options{MaxBytes: tt.maxBytes})
			if a.Source != p {
				t.Errorf("Source = %q, want %q", a.Source, p)
			}
			if tt.wantErr != nil {
				if !errors.Is(a.Err, tt.wantErr) {
					t.Fatalf("Load(%s).Err = %v, want %v", tt.name, a.Err, tt.wantErr)
				}
				if !strings.Contains(a.Err.Error(), tt.errHas) || !strings.Contains(a.Err.Error(), p) {
					t.Errorf("Load(%s).Err = %q, want it to name %s and contain %q", tt.name, a.Err, p, tt.errHas)
				}
				return
			}
			if a.Err != nil {
				t.Fatalf("Load(%s).Err = %v, want nil", tt.name, a.Err)
			}
			if a.Text != tt.text {
				t.Errorf("Load(%s).Text = %q, want %q", tt.name, a.Text, tt.text)
			}
			if a.ID != sources.ID(a.Text) {
				t.Errorf("ID = %q, want ID(Text) %q", a.ID, sources.ID(a.Text))
			}
			gotWarn := false
			for _, w := range a.Warnings {
				if w.Code == extract.WarnCharset {
					gotWarn = true
					if !strings.Contains(w.Message, p) {
						t.Errorf("warning %q does not name the file", w.Message)
					}
				}
			}
			if gotWarn != tt.warn {
				t.Errorf("Load(%s) charset warning = %v (%v), want %v", tt.name, gotWarn, a.Warnings, tt.warn)
			}
		})
	}
}

func TestLoadHTMLGoesToTheHTMLReader(t *testing.T) {
	const para = "OpenAI ha firmato un accordo da 38 miliardi di dollari con Amazon Web Services, secondo quanto annunciato lunedì dalle due società."
	p := put(t, t.TempDir(), "page.HTM", []byte(`<!doctype html><html lang="it"><head><title>Il titolo</title></head><body><nav>Menu Home Contatti</nav><article><p>`+para+`</p></article></body></html>`))
	arts, _ := sources.Read(context.Background(), []string{p}, nil)
	if len(arts) != 1 || arts[0].Err != nil {
		t.Fatalf("Read(%s) = %+v, want one article without error", p, arts)
	}
	a := arts[0]
	if !strings.Contains(a.Text, para) || strings.Contains(a.Text, "<p>") || a.ID != sources.ID(a.Text) {
		t.Errorf("Read(%s): Text %q, ID %s; want the paragraph without markup, ID of the text", p, a.Text, a.ID)
	}
}

func TestLoadMissing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.txt")
	arts, _ := sources.Read(context.Background(), []string{missing}, nil)
	if len(arts) != 1 || !errors.Is(arts[0].Err, sources.ErrNotFound) || !strings.Contains(arts[0].Err.Error(), missing) {
		t.Fatalf("Read(missing) = %+v, want one article with ErrNotFound naming %s", arts, missing)
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	locked := put(t, dir, "locked.txt", []byte("segreto"))
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	if f, err := os.Open(locked); err == nil {
		f.Close()
		t.Skip("running as a user who can read a mode-000 file (root)")
	}
	arts, _ := sources.Read(context.Background(), []string{locked}, nil)
	if len(arts) != 1 || !errors.Is(arts[0].Err, sources.ErrPermission) || !strings.Contains(arts[0].Err.Error(), locked) {
		t.Fatalf("Read(unreadable) = %+v, want ErrPermission naming %s", arts, locked)
	}
}

func TestListFolders(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"b.txt", "a.md", "sub/c.html", "sub/deeper/d.htm", "sub/e.TXT",
		"notes.pdf", "sub/data.csv", ".hidden/x.txt", ".DS_Store", "z-no-ext",
	} {
		put(t, dir, name, []byte("testo"))
	}
	explicit := put(t, t.TempDir(), "explicit.csv", []byte("named explicitly"))
	missing := filepath.Join(dir, "missing.txt")

	entries, notes := sources.List([]string{dir, explicit, missing, filepath.Join(dir, "b.txt")})
	var got []string
	for _, e := range entries {
		rel, err := filepath.Rel(dir, e.Source)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel = filepath.Base(e.Source)
		}
		if e.Err != nil {
			rel += " (error)"
		}
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"a.md", "b.txt", "sub/c.html", "sub/deeper/d.htm", "sub/e.TXT", "explicit.csv", "missing.txt (error)"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("List entries = %q, want %q", got, want)
	}
	joined := strings.Join(notes, "\n")
	for _, skipped := range []string{"notes.pdf", "data.csv", "z-no-ext", "already listed"} {
		if !strings.Contains(joined, skipped) {
			t.Errorf("notes %q do not mention %s", notes, skipped)
		}
	}
	if strings.Contains(joined, ".DS_Store") || strings.Contains(joined, ".hidden") {
		t.Errorf("notes %q name hidden files one by one", notes)
	}
	if !strings.Contains(joined, "skipped 1 hidden file and 1 hidden folder under "+dir) {
		t.Errorf("notes %q do not count the hidden files", notes)
	}
	for _, e := range entries {
		if e.Err == nil && e.Size != int64(len("testo")) && !strings.HasSuffix(e.Source, "explicit.csv") {
			t.Errorf("entry %s Size = %d, want %d", e.Source, e.Size, len("testo"))
		}
	}

	// The order is the same every time.
	for i := 0; i < 20; i++ {
		again, _ := sources.List([]string{dir, explicit, missing, filepath.Join(dir, "b.txt")})
		if len(again) != len(entries) {
			t.Fatalf("List run %d: %d entries, want %d", i, len(again), len(entries))
		}
		for j := range again {
			if again[j].Source != entries[j].Source {
				t.Fatalf("List run %d entry %d = %s, want %s", i, j, again[j].Source, entries[j].Source)
			}
		}
	}
}

func TestReadKeepsGoingAndCancels(t *testing.T) {
	dir := t.TempDir()
	put(t, dir, "1.txt", []byte("Primo articolo"))
	put(t, dir, "2.txt", []byte{0, 1, 2})
	put(t, dir, "3.txt", []byte("Terzo articolo"))
	arts, _ := sources.Read(context.Background(), []string{dir}, nil)
	if len(arts) != 3 || arts[0].Err != nil || arts[1].Err == nil || arts[2].Err != nil || arts[2].Title != "Terzo articolo" {
		t.Fatalf("Read = %+v, want 3 articles with only the second failed", arts)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	arts, _ = sources.Read(ctx, []string{dir}, nil)
	if len(arts) != 3 {
		t.Fatalf("Read(canceled) = %d articles, want 3", len(arts))
	}
	for _, a := range arts {
		if !errors.Is(a.Err, context.Canceled) {
			t.Errorf("Read(canceled) %s Err = %v, want context.Canceled", a.Source, a.Err)
		}
	}
}

func TestReadCorpus(t *testing.T) {
	arts, notes := sources.Read(context.Background(), []string{"../testdata/corpus"}, nil)
	if len(arts) != 5 || len(notes) != 0 {
		t.Fatalf("Read(corpus) = %d articles, notes %q; want 5 and none", len(arts), notes)
	}
	for _, a := range arts {
		if a.Err != nil || a.Text == "" || a.Title == "" {
			t.Errorf("%s: Err %v, %d bytes of text, title %q", a.Source, a.Err, len(a.Text), a.Title)
		}
		if a.Published != "" && !publishedRe.MatchString(a.Published) {
			t.Errorf("%s: Published %q does not match %s", a.Source, a.Published, publishedRe)
		}
		if sources.Normalize(a.Text) != a.Text {
			t.Errorf("%s: Text is not normalized", a.Source)
		}
	}
	// Datelines: "Novembre 3, 2025 - 14:51", " date 2026-02-27 ...",
	// none (002, and 003 whose only early date is in a sentence),
	// "April 2026".
	for i, want := range []string{"2025-11-03", "2026-02-27", "", "", "2026-04"} {
		if got := arts[i].Published; got != want {
			t.Errorf("%s: Published = %q, want %q", arts[i].Source, got, want)
		}
	}
}

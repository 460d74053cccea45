package prompts

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	"text/template"
)

//go:embed templates/*.tmpl examples/*.json schema.json
var files embed.FS

// Errors returned by Render.
var (
	// ErrNoText is returned when the input has no text to extract from.
	ErrNoText = errors.New("no article text")
)

// Message is one turn of a conversation. Role is "system", "user" or
// "assistant".
type Message struct {
	Role    string
	Content string
}

// Input is what Render needs to know about one article.
type Input struct {
	Lang      string // "it", "es", "en"; other values get the English example
	Title     string // "" when unknown
	Published string // "" when unknown
	Text      string
	// Part and Parts number a piece of a long article split for the
	// model (1-based). Parts <= 1 means the whole article.
	Part, Parts int
	// InlineSchema appends the answer schema to the system prompt, for
	// servers that are not sent it as a response format (json_object
	// mode).
	InlineSchema bool
}

// Example is one invented few-shot example: an article and the answer
// the model should give.
type Example struct {
	Note      string          `json:"note"`
	Lang      string          `json:"lang"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Text      string          `json:"text"`
	Answer    json.RawMessage `json:"answer"`
}

// set is everything parsed from the embedded files. It is built once, on
// first use, and never changes after (the files are compiled in).
type set struct {
	system   string
	inline   string // introduces the schema in json_object mode
	user     *template.Template
	reask    *template.Template
	examples map[string]Example
	version  string
}

func load() (*set, error) {
	s := &set{examples: map[string]Example{}}
	b, err := files.ReadFile("templates/system.tmpl")
	if err != nil {
		return nil, err
	}
	s.system = strings.TrimSpace(string(b))
	if b, err = files.ReadFile("templates/inline_schema.tmpl"); err != nil {
		return nil, err
	}
	s.inline = strings.TrimSpace(string(b))
	if s.user, err = template.ParseFS(files, "templates/user.tmpl"); err != nil {
		return nil, fmt.Errorf("parse user template: %w", err)
	}
	if s.reask, err = template.ParseFS(files, "templates/reask.tmpl"); err != nil {
		return nil, fmt.Errorf("parse reask template: %w", err)
	}
	names, err := fs.Glob(files, "examples/*.json")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return nil, err
		}
		var ex Example
		if err := json.Unmarshal(b, &ex); err != nil {
			return nil, fmt.Errorf("read example %s: %w", n, err)
		}
		var compact bytes.Buffer
		if err := json.Compact(&compact, ex.Answer); err != nil {
			return nil, fmt.Errorf("read example %s answer: %w", n, err)
		}
		ex.Answer = compact.Bytes()
		s.examples[ex.Lang] = ex
	}
	s.version, err = hashFiles()
	if err != nil {
		return nil, err
	}
	return s, nil
}

// loaded parses the embedded files once; the result is immutable.
var loaded = sync.OnceValues(load)

// must returns the parsed embedded files, which the tests check parse.
func must() *set {
	s, err := loaded()
	if err != nil {
		panic("prompts: embedded files are broken: " + err.Error())
	}
	return s
}

func hashFiles() (string, error) {
	var names []string
	err := fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := files.ReadFile(n)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return "p" + hex.EncodeToString(h.Sum(nil))[:12], nil
}

// Version returns the prompt version: "p" and 12 hex digits of a hash of
// every embedded template, example and the schema.
func Version() string { return must().version }

// Schema returns the JSON schema of the answer (strict-mode compatible).
func Schema() []byte {
	b, err := files.ReadFile("schema.json")
	if err != nil {
		panic("prompts: schema.json is not embedded: " + err.Error())
	}
	return b
}

// Examples returns the embedded few-shot examples by language.
func Examples() map[string]Example { return must().examples }

// Render returns the conversation asking for the deals of one article:
// the system prompt, the example in the article's language as a user
// turn and its answer, then the article. It returns ErrNoText when
// in.Text is blank.
func Render(in Input) ([]Message, error) {
	if strings.TrimSpace(in.Text) == "" {
		return nil, ErrNoText
	}
	s := must()
	system := s.system
	if in.InlineSchema {
		system += "\n\n" + s.inline + "\n" + string(bytes.TrimSpace(Schema()))
	}
	msgs := []Message{{Role: "system", Content: system}}
	ex, ok := s.examples[in.Lang]
	if !ok {
		ex = s.examples["en"]
	}
	exUser, err := s.renderUser(Input{Lang: ex.Lang, Title: ex.Title, Published: ex.Published, Text: ex.Text})
	if err != nil {
		return nil, err
	}
	msgs = append(msgs, Message{Role: "user", Content: exUser}, Message{Role: "assistant", Content: string(ex.Answer)})
	user, err := s.renderUser(in)
	if err != nil {
		return nil, err
	}
	return append(msgs, Message{Role: "user", Content: user}), nil
}

func (s *set) renderUser(in Input) (string, error) {
	if in.Lang == "" {
		in.Lang = "und"
	}
	var b strings.Builder
	if err := s.user.Execute(&b, in); err != nil {
		return "", fmt.Errorf("render user prompt: %w", err)
	}
	return b.String(), nil
}

// Reask returns the user turn that sends a validation error back to the
// model.
func Reask(problem string) string {
	var b strings.Builder
	if err := must().reask.Execute(&b, struct{ Error string }{problem}); err != nil {
		// The template only prints a string; it cannot fail.
		return "Your previous answer cannot be used: " + problem
	}
	return strings.TrimSpace(b.String())
}

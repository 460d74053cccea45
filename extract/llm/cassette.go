package llm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/prompts"
)

// Cassette is the recorded (or scripted) conversation for one article:
// the answers the model gave, in the order they were asked for (first
// answer, answers to re-asks, to raised budgets, to parts). It is stored
// as one indented JSON file named Key + ".json".
type Cassette struct {
	Key           string `json:"key"`
	Scripted      bool   `json:"scripted"`       // written by hand for tests, not a real model's answers
	Note          string `json:"note,omitempty"` // what the cassette shows
	Model         string `json:"model"`
	PromptVersion string `json:"prompt_version"`
	ArticleID     string `json:"article_id"`
	Source        string `json:"source,omitempty"`
	Responses     []Take `json:"responses"`
}

// Take is one answer in a Cassette. Answer holds the content when it is
// a JSON value (readable in the file); Content holds it verbatim
// otherwise (cut or broken JSON).
type Take struct {
	Answer           json.RawMessage `json:"answer,omitempty"`
	Content          string          `json:"content,omitempty"`
	Refusal          string          `json:"refusal,omitempty"`
	FinishReason     string          `json:"finish_reason"`
	PromptTokens     int             `json:"prompt_tokens"`
	CompletionTokens int             `json:"completion_tokens"`
}

func (t Take) response() response {
	content := t.Content
	if len(t.Answer) > 0 {
		content = string(t.Answer)
	}
	fr := t.FinishReason
	if fr == "" {
		fr = "stop"
	}
	return response{Content: content, Refusal: t.Refusal, FinishReason: fr, PromptTokens: t.PromptTokens, CompletionTokens: t.CompletionTokens}
}

func takeOf(r response) Take {
	t := Take{Refusal: r.Refusal, FinishReason: r.FinishReason, PromptTokens: r.PromptTokens, CompletionTokens: r.CompletionTokens}
	var buf bytes.Buffer
	if s := strings.TrimSpace(r.Content); s != "" && json.Valid([]byte(s)) && json.Compact(&buf, []byte(s)) == nil {
		t.Answer = buf.Bytes()
	} else {
		t.Content = r.Content
	}
	return t
}

// ReadCassette reads one cassette file.
func ReadCassette(path string) (*Cassette, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Cassette
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("read cassette %s: %w", path, err)
	}
	return &c, nil
}

// WriteCassette writes c into dir as c.Key + ".json", atomically.
func WriteCassette(dir string, c *Cassette) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write cassette: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".cassette-*")
	if err != nil {
		return fmt.Errorf("write cassette: %w", err)
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("write cassette %s: %w", c.Key, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write cassette %s: %w", c.Key, err)
	}
	if err := os.Rename(tmp.Name(), filepath.Join(dir, c.Key+".json")); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write cassette %s: %w", c.Key, err)
	}
	return nil
}

// recorder writes every answer of a real run as cassettes.
type recorder struct {
	dir       string
	model     string
	mu        sync.Mutex
	cassettes map[string]*Cassette
	// red removes the API key from what is recorded (a server that
	// echoes it back must not put it in a cassette).
	red redactor
}

func (r *recorder) add(req request, a extract.Article, resp response) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	c := r.cassettes[req.Key]
	if c == nil || req.Seq == 0 {
		c = &Cassette{Key: req.Key, Model: r.model, PromptVersion: prompts.Version(), ArticleID: a.ID, Source: a.Source}
		r.cassettes[req.Key] = c
	}
	for len(c.Responses) <= req.Seq {
		c.Responses = append(c.Responses, Take{})
	}
	resp.Content, resp.Refusal = r.red.string(resp.Content), r.red.string(resp.Refusal)
	c.Responses[req.Seq] = takeOf(resp)
	if err := WriteCassette(r.dir, c); err != nil {
		return fmt.Errorf("record: %w", err)
	}
	return nil
}

// replayer answers requests from cassettes.
type replayer struct {
	dir   string
	byKey map[string]*Cassette
	stale int // cassettes for another prompt version
}

func (p *replayer) complete(ctx context.Context, r request) (response, error) {
	if err := ctx.Err(); err != nil {
		return response{}, err
	}
	c := p.byKey[r.Key]
	if c == nil {
		hint := ""
		if p.stale > 0 {
			hint = fmt.Sprintf(" (%d cassettes there are for another prompt version than %s: re-record them, or rewrite scripted ones)", p.stale, prompts.Version())
		}
		return response{}, fmt.Errorf("%w for article %s with model %q (key %s) in %s%s", ErrNoCassette, r.ArticleID, r.Model, r.Key, p.dir, hint)
	}
	if r.Seq >= len(c.Responses) {
		return response{}, fmt.Errorf("%w: cassette %s has %d answers, request %d asks for one more", ErrNoCassette, c.Key, len(c.Responses), r.Seq+1)
	}
	return c.Responses[r.Seq].response(), nil
}

// NewReplay returns a Client (backend "replay") that answers from the
// cassettes in dir instead of a server: validation, re-asks, budgets,
// splitting and the cache work as with New. o.Model selects the
// cassettes' model; "" means the one model they were recorded with. It
// returns an error wrapping ErrConfig when dir has no usable cassette or
// several models and none is chosen.
func NewReplay(dir string, o Options) (*Client, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: no cassettes (*.json) in %s", ErrConfig, dir)
	}
	sort.Strings(names)
	p := &replayer{dir: dir, byKey: map[string]*Cassette{}}
	models := map[string]bool{}
	version := prompts.Version()
	for _, n := range names {
		c, err := ReadCassette(n)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrConfig, err)
		}
		if c.PromptVersion != version {
			p.stale++
			continue
		}
		models[c.Model] = true
		p.byKey[Key(c.Model, c.ArticleID)] = c
	}
	if o.Model == "" {
		switch len(models) {
		case 0:
			return nil, fmt.Errorf("%w: the %d cassettes in %s are for other prompt versions than %s", ErrConfig, p.stale, dir, version)
		case 1:
			for m := range models {
				o.Model = m
			}
		default:
			return nil, fmt.Errorf("%w: the cassettes in %s are for several models (%s): choose one with --model", ErrConfig, dir, strings.Join(sortedKeys(models), ", "))
		}
	}
	c, err := newClient(o, "replay")
	if err != nil {
		return nil, err
	}
	c.comp = p
	return c, nil
}

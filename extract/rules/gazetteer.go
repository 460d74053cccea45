package rules

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// defaultEntities is the embedded gazetteer (entities.json).
//
//go:embed entities.json
var defaultEntities []byte

// ErrEntities is returned (wrapped) when a gazetteer file is malformed.
var ErrEntities = errors.New("bad entities file")

// Entity is one company of the gazetteer.
type Entity struct {
	// Name is the canonical name written in a party's name.
	Name string `json:"name"`
	// Aliases are other ways the company is written, matched
	// case-sensitively as whole words. Name is always an alias too.
	Aliases []string `json:"aliases"`
	// CloudAliases name the company's cloud business ("AWS", "Azure");
	// a mention through one of them is a compute cue.
	CloudAliases []string `json:"cloud_aliases,omitempty"`
	// Types say what the company sells or does: "cloud", "chips", "lab",
	// "investor", "platform". They decide roles when word order does not.
	Types []string `json:"types"`
	// People are persons whose name stands for the company ("l'azienda di
	// Sam Altman"): a weak mention used only when the company is not named.
	People []string `json:"people,omitempty"`
	// Country is where the company is based (ISO 3166 alpha-2, "JP"):
	// "la compañía japonesa" refers to it when it is the only Japanese
	// company the article has named.
	Country string `json:"country,omitempty"`
	// HQ are the cities of its headquarters as written in the three
	// languages: "the Redmond giant", "il colosso di Redmond".
	HQ []string `json:"hq,omitempty"`
	// Descriptors are phrases that name the company alone ("the ChatGPT
	// maker"); they are matched like aliases, also capitalised.
	Descriptors []string `json:"descriptors,omitempty"`
}

// entitiesFile is the JSON shape of a gazetteer file.
type entitiesFile struct {
	Comment  string   `json:"comment,omitempty"`
	Entities []Entity `json:"entities"`
}

// aliasKind says how a mention names its company.
type aliasKind uint8

const (
	aliasCompany aliasKind = iota // the company by name
	aliasCloud                    // its cloud business
	aliasPerson                   // a person standing for it
)

type alias struct {
	text   string
	entity int // index into Gazetteer.entities
	kind   aliasKind
}

// Gazetteer finds company mentions in text. It is immutable once built
// and safe for concurrent use.
type Gazetteer struct {
	entities []Entity
	byFirst  map[string][]alias // first word of the alias -> aliases, longest first
	hash     string             // short hash of the data it was built from
	hq       map[string][]int   // headquarters city -> entities
}

// mention is one company mention in a text.
type mention struct {
	entity     int
	kind       aliasKind
	start, end int
	text       string
	desc       bool // a checked descriptor ("la compañía japonesa"), not a name
}

// ParseEntities decodes a gazetteer file (the format of the embedded
// entities.json). It returns an error wrapping ErrEntities that says what
// is wrong: invalid JSON, an entry without a name, an empty alias, an
// unknown type.
func ParseEntities(data []byte) ([]Entity, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f entitiesFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrEntities, err)
	}
	if len(f.Entities) == 0 {
		return nil, fmt.Errorf("%w: no entities (want {\"entities\": [{\"name\": ..., \"aliases\": [...]}]})", ErrEntities)
	}
	for i, e := range f.Entities {
		if strings.TrimSpace(e.Name) == "" {
			return nil, fmt.Errorf("%w: entity %d has no name", ErrEntities, i+1)
		}
		for _, list := range [][]string{e.Aliases, e.CloudAliases, e.People, e.HQ, e.Descriptors} {
			for _, a := range list {
				if strings.TrimSpace(a) == "" {
					return nil, fmt.Errorf("%w: entity %q has an empty alias", ErrEntities, e.Name)
				}
			}
		}
		for _, t := range e.Types {
			switch t {
			case "cloud", "chips", "lab", "investor", "platform":
			default:
				return nil, fmt.Errorf("%w: entity %q has unknown type %q (want cloud, chips, lab, investor or platform)", ErrEntities, e.Name, t)
			}
		}
	}
	return f.Entities, nil
}

// NewGazetteer builds a gazetteer from the embedded entities extended
// with extra files' contents (each in the entities.json format). An entry
// whose name is already known adds its aliases, types and people to that
// company. Errors wrap ErrEntities.
func NewGazetteer(extra ...[]byte) (*Gazetteer, error) {
	base, err := ParseEntities(defaultEntities)
	if err != nil {
		return nil, fmt.Errorf("embedded gazetteer: %w", err)
	}
	h := sha256.New()
	h.Write(defaultEntities)
	all := base
	for _, x := range extra {
		more, err := ParseEntities(x)
		if err != nil {
			return nil, err
		}
		h.Write(x)
		all = mergeEntities(all, more)
	}
	g := &Gazetteer{
		entities: all,
		byFirst:  make(map[string][]alias),
		hash:     hex.EncodeToString(h.Sum(nil))[:8],
		hq:       make(map[string][]int),
	}
	seen := make(map[string]bool)
	add := func(text string, ent int, k aliasKind) {
		text = strings.TrimSpace(text)
		if seen[text] {
			return // first entity to claim an alias keeps it
		}
		seen[text] = true
		key := firstWord(text)
		g.byFirst[key] = append(g.byFirst[key], alias{text: text, entity: ent, kind: k})
	}
	for i, e := range all {
		add(e.Name, i, aliasCompany)
		for _, a := range e.Aliases {
			add(a, i, aliasCompany)
		}
		for _, a := range e.CloudAliases {
			add(a, i, aliasCloud)
		}
		for _, a := range e.Descriptors {
			add(a, i, aliasCompany)
			if r, size := utf8.DecodeRuneInString(a); unicode.IsLower(r) {
				add(string(unicode.ToUpper(r))+a[size:], i, aliasCompany)
			}
		}
		for _, c := range e.HQ {
			g.hq[c] = append(g.hq[c], i)
		}
	}
	for i, e := range all { // people last: a company name wins over a person
		for _, a := range e.People {
			add(a, i, aliasPerson)
		}
	}
	for k, list := range g.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].text) > len(list[j].text) })
		g.byFirst[k] = list
	}
	return g, nil
}

func mergeEntities(base, more []Entity) []Entity {
	out := append([]Entity(nil), base...)
	index := make(map[string]int, len(out))
	for i, e := range out {
		index[e.Name] = i
	}
	for _, e := range more {
		i, ok := index[e.Name]
		if !ok {
			index[e.Name] = len(out)
			out = append(out, e)
			continue
		}
		m := out[i]
		m.Aliases = append(append([]string(nil), m.Aliases...), e.Aliases...)
		m.CloudAliases = append(append([]string(nil), m.CloudAliases...), e.CloudAliases...)
		m.Types = append(append([]string(nil), m.Types...), e.Types...)
		m.People = append(append([]string(nil), m.People...), e.People...)
		m.HQ = append(append([]string(nil), m.HQ...), e.HQ...)
		m.Descriptors = append(append([]string(nil), m.Descriptors...), e.Descriptors...)
		if e.Country != "" {
			m.Country = e.Country
		}
		out[i] = m
	}
	return out
}

// Hash is a short hash of the gazetteer data (embedded and extra files).
func (g *Gazetteer) Hash() string { return g.hash }

// name returns the canonical name of entity i.
func (g *Gazetteer) name(i int) string { return g.entities[i].Name }

// hasType reports whether entity i has type t.
func (g *Gazetteer) hasType(i int, t string) bool {
	for _, x := range g.entities[i].Types {
		if x == t {
			return true
		}
	}
	return false
}

// find returns the company mentions in text, in order, longest match
// first at each position, never overlapping.
func (g *Gazetteer) find(text string) []mention {
	var out []mention
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		// i starts a word: the previous rune is not a word rune.
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r2) {
				break
			}
			j += s2
		}
		matched := false
		for _, a := range g.byFirst[text[i:j]] {
			if !strings.HasPrefix(text[i:], a.text) {
				continue
			}
			end := i + len(a.text)
			if end < len(text) {
				if r3, _ := utf8.DecodeRuneInString(text[end:]); isWordRune(r3) {
					continue
				}
			}
			out = append(out, mention{entity: a.entity, kind: a.kind, start: i, end: end, text: a.text})
			i = end
			matched = true
			break
		}
		if !matched {
			i = j
		}
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// firstWord returns the leading run of word runes of s.
func firstWord(s string) string {
	for i, r := range s {
		if !isWordRune(r) {
			return s[:i]
		}
	}
	return s
}

package rules

import (
	"context"
	"fmt"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// RulesVersion is bumped whenever the rules change what they extract, so
// that a diff between runs can tell a rules change from a news change.
// It is part of ExtractorInfo.PromptVersion with a hash of the gazetteer.
const RulesVersion = "5.0"

// GuessConfidence is the highest confidence of a deal whose parties the
// rules did not read from the text: one side is the article's other main
// actor, filled in because the sentence names only one company. Such
// deals, like teasers of other articles, stay below 0.5, the confidence
// under which a deal is not shown by default: a fact the rules are unsure
// of is better left out than shown.
const GuessConfidence = 0.45

// Options configures an Extractor. The zero value (or nil) means the
// embedded gazetteer and figures.Parse.
type Options struct {
	// Entities are extra gazetteer files' contents (the entities.json
	// format), added to the embedded gazetteer in order.
	Entities [][]byte
	// Parse reads the figures of a text; nil means figures.Parse.
	Parse func(text, lang string) []figures.Figure
}

// Extractor is the rules backend: a deterministic, offline reading of
// the deals an article states. It is safe for concurrent use.
type Extractor struct {
	gaz   *Gazetteer
	cues  *cueIndex
	parse func(text, lang string) []figures.Figure
	info  extract.ExtractorInfo
}

var _ extract.Extractor = (*Extractor)(nil)

// New returns a rules Extractor. It returns an error wrapping ErrEntities
// when an extra gazetteer file is malformed.
func New(opts *Options) (*Extractor, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	gaz, err := NewGazetteer(o.Entities...)
	if err != nil {
		return nil, err
	}
	parse := o.Parse
	if parse == nil {
		parse = figures.Parse
	}
	version := fmt.Sprintf("rules-%s-%s", RulesVersion, gaz.Hash())
	return &Extractor{
		gaz:   gaz,
		cues:  newCueIndex(),
		parse: parse,
		info:  extract.ExtractorInfo{Backend: "rules", Model: nil, PromptVersion: &version},
	}, nil
}

// Info returns what results of this Extractor say produced them.
func (x *Extractor) Info() extract.ExtractorInfo {
	v := *x.info.PromptVersion
	return extract.ExtractorInfo{Backend: x.info.Backend, PromptVersion: &v}
}

// Extract returns the deals article a states. It never fails on content;
// it returns the context's error if ctx is done before it starts.
func (x *Extractor) Extract(ctx context.Context, a extract.Article) (extract.Extraction, error) {
	if err := ctx.Err(); err != nil {
		return extract.Extraction{Info: x.Info()}, &extract.ExtractError{Info: x.Info(), Err: err}
	}
	deals, warnings := x.extract(a)
	for i := range deals {
		// The rules still speak schema 1's statuses in places; read them
		// as schema 2 (reported → announced + reported).
		extract.UpgradeDeal(&deals[i])
	}
	return extract.Extraction{Deals: deals, Warnings: warnings, Info: x.Info()}, nil
}

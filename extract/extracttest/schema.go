// Package extracttest holds test helpers shared by the rooms of dealwatch:
// fakes for extract's interfaces and validation of output against the
// project's JSON schemas. It is imported only by tests.
package extracttest

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema names for Validate.
const (
	ArticleResult  = "article-result.schema.json"
	ReconciledDeal = "reconciled-deal.schema.json"
	Diff           = "diff.schema.json"
)

var (
	compileOnce sync.Once
	compiled    map[string]*jsonschema.Schema
	compileErr  error
)

func compile() {
	c := jsonschema.NewCompiler()
	base := "https://dealwatch.invalid/schema/"
	for name, b := range map[string][]byte{ArticleResult: extract.ArticleResultSchema, ReconciledDeal: extract.ReconciledDealSchema, Diff: extract.DiffSchema} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			compileErr = fmt.Errorf("read schema %s: %w", name, err)
			return
		}
		if err := c.AddResource(base+name, doc); err != nil {
			compileErr = fmt.Errorf("add schema %s: %w", name, err)
			return
		}
	}
	compiled = map[string]*jsonschema.Schema{}
	for _, name := range []string{ArticleResult, ReconciledDeal, Diff} {
		s, err := c.Compile(base + name)
		if err != nil {
			compileErr = fmt.Errorf("compile schema %s: %w", name, err)
			return
		}
		compiled[name] = s
	}
}

// Validate checks one JSON document against the named schema
// (ArticleResult, ReconciledDeal or Diff) and returns a readable error naming
// every violation.
func Validate(schema string, doc []byte) error {
	compileOnce.Do(compile)
	if compileErr != nil {
		return compileErr
	}
	s, ok := compiled[schema]
	if !ok {
		return fmt.Errorf("unknown schema %q", schema)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("%s: %w", schema, err)
	}
	return nil
}

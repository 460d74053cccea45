package main

import (
	"errors"

	"github.com/dealwatch/dealwatch/extract"
)

// newLLMExtractor is a placeholder until the LLM backend (issue 5) lands.
func newLLMExtractor(o *backendOptions, env *Env) (extract.Extractor, error) {
	return nil, errors.New("the " + o.Backend + " backend is not built yet")
}

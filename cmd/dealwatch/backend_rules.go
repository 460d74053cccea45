package main

import (
	"errors"

	"github.com/dealwatch/dealwatch/extract"
)

// newRulesExtractor is a placeholder until the rules backend (issue 4) lands.
func newRulesExtractor(o *backendOptions) (extract.Extractor, error) {
	return nil, nil
}

var _ = errors.New

package main

import (
	"errors"
	"os"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/rules"
)

// newRulesExtractor builds the offline rules backend with the embedded
// gazetteer, extended by --entities FILE when it is set. A missing or
// malformed entities file is a usage error (exit 2) that says what is
// wrong with it.
func newRulesExtractor(o *backendOptions) (extract.Extractor, error) {
	var opts rules.Options
	if o.Entities != "" {
		data, err := os.ReadFile(o.Entities)
		if err != nil {
			return nil, usageErr("--entities: %v", err)
		}
		opts.Entities = [][]byte{data}
	}
	x, err := rules.New(&opts)
	if err != nil {
		if errors.Is(err, rules.ErrEntities) {
			return nil, usageErr("--entities %s: %v", o.Entities, err)
		}
		return nil, err
	}
	return x, nil
}

package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
)

//go:embed data/ventures.json
var venturesJSON []byte

// KnownVentures returns the joint ventures in data/ventures.json, the
// project's venture gazetteer, for reconcile.Options.Ventures. Each call
// returns a new slice.
func KnownVentures() []Venture {
	vs, err := ParseVentures(venturesJSON)
	if err != nil {
		panic(fmt.Sprintf("extract: data/ventures.json: %v", err)) // a test checks the embedded file
	}
	return vs
}

// ParseVentures reads a venture gazetteer: {"ventures": [{"name": ...,
// "members": [...]}]}. A venture needs a name and two members or more.
func ParseVentures(b []byte) ([]Venture, error) {
	var doc struct {
		Ventures []Venture `json:"ventures"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	for _, v := range doc.Ventures {
		if v.Name == "" || len(v.Members) < 2 || slices.Contains(v.Members, v.Name) {
			return nil, fmt.Errorf("venture %q: a name and two members or more, not itself", v.Name)
		}
	}
	return doc.Ventures, nil
}

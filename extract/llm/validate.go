package llm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// SchemaError is one thing wrong with a model's answer: the field (a path
// such as "deals[0].amount.currency", "" for the whole answer) and why.
type SchemaError struct {
	Field  string
	Reason string
}

func (e SchemaError) Error() string {
	if e.Field == "" {
		return e.Reason
	}
	return e.Field + ": " + e.Reason
}

// AnswerError is an answer that failed parsing, schema validation or the
// semantic checks. It lists the problems (at most maxProblems) and
// unwraps to ErrInvalidAnswer.
type AnswerError struct {
	Problems []SchemaError
	// dropped is set when the answer was a valid object whose every deal
	// was invalid: the deals, for the warnings of a last resort.
	dropped []droppedDeal
}

const maxProblems = 12

func (e *AnswerError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap returns ErrInvalidAnswer.
func (e *AnswerError) Unwrap() error { return ErrInvalidAnswer }

// validator checks a decoded JSON value against the subset of JSON schema
// that strict structured outputs use: type, enum, required, properties,
// additionalProperties false, items, anyOf and local $ref.
type validator struct {
	root map[string]any
	defs map[string]any
}

func newValidator(schema []byte) (*validator, error) {
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return nil, fmt.Errorf("read answer schema: %w", err)
	}
	defs, _ := root["$defs"].(map[string]any)
	return &validator{root: root, defs: defs}, nil
}

// parse turns the model's raw content into an answer, or an *AnswerError
// saying everything that is wrong with it.
//
// It is lenient where leniency loses nothing (see normalizeDeal): a
// missing nullable field is null, a missing list is empty, an unknown
// field is ignored, and a deal in the schema-1 shape is read as schema 1
// meant it. Each deal is then checked on its own: an invalid one is
// dropped and noted in the answer's dropped list, the rest kept. The
// answer fails only when it is not a JSON object with a deals list, or
// when it had deals and none of them is usable.
func (v *validator) parse(raw string) (answer, error) {
	body := unwrapJSON(raw)
	var doc any
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return answer{}, &AnswerError{Problems: []SchemaError{{Reason: "the answer is not valid JSON: " + err.Error()}}}
	}
	if dec.More() {
		return answer{}, &AnswerError{Problems: []SchemaError{{Reason: "the answer has text after the JSON object"}}}
	}
	obj, ok := doc.(map[string]any)
	if !ok {
		return answer{}, &AnswerError{Problems: []SchemaError{{Reason: fmt.Sprintf("is %s, want object", describe(doc))}}}
	}
	rawDeals, ok := obj["deals"]
	if !ok {
		return answer{}, &AnswerError{Problems: []SchemaError{{Field: "deals", Reason: "is missing"}}}
	}
	items, ok := rawDeals.([]any)
	if !ok {
		return answer{}, &AnswerError{Problems: []SchemaError{{Field: "deals", Reason: fmt.Sprintf("is %s, want array", describe(rawDeals))}}}
	}
	// the items as written, to quote a dropped one in its own order
	var rawItems struct {
		Deals []json.RawMessage `json:"deals"`
	}
	if json.Unmarshal([]byte(body), &rawItems) != nil || len(rawItems.Deals) != len(items) {
		rawItems.Deals = nil
	}
	dealSchema := v.dealSchema()
	var a answer
	var all []SchemaError
	for i, it := range items {
		path := fmt.Sprintf("deals[%d]", i)
		var probs []SchemaError
		d, ok := v.parseDeal(path, dealSchema, it, &probs)
		if ok {
			a.Deals = append(a.Deals, d)
			continue
		}
		quote := itemJSON(it)
		if rawItems.Deals != nil {
			quote = string(rawItems.Deals[i])
		}
		a.dropped = append(a.dropped, droppedDeal{Index: i, Problems: probs, Item: quote})
		for _, p := range probs {
			if len(all) < maxProblems {
				all = append(all, p)
			}
		}
	}
	if len(items) > 0 && len(a.Deals) == 0 {
		return answer{}, &AnswerError{Problems: all, dropped: a.dropped}
	}
	return a, nil
}

// droppedDeal is an item of an answer that broke the schema and was left
// out: its index in the answer, what was wrong and the item as given.
type droppedDeal struct {
	Index    int
	Problems []SchemaError
	Item     string
}

// warning is the invalid_deal warning for d, quoting the start of it.
func (d droppedDeal) warning() extract.Warning {
	ps := make([]string, 0, len(d.Problems))
	for _, p := range d.Problems {
		ps = append(ps, p.Error())
	}
	return extract.Warning{Code: extract.WarnInvalidDeal, Message: fmt.Sprintf("item %d of the model's answer dropped (%s): %s", d.Index, clip(strings.Join(ps, "; "), 300), clip(d.Item, 300))}
}

func itemJSON(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprint(x)
	}
	return string(b)
}

// dealSchema returns the schema of one item of "deals".
func (v *validator) dealSchema() map[string]any {
	props, _ := v.root["properties"].(map[string]any)
	deals, _ := props["deals"].(map[string]any)
	items, _ := v.resolve(deals)["items"].(map[string]any)
	if items == nil {
		return map[string]any{}
	}
	return items
}

// parseDeal normalizes, validates and decodes one item of "deals".
func (v *validator) parseDeal(path string, s map[string]any, it any, probs *[]SchemaError) (wireDeal, bool) {
	if m, ok := it.(map[string]any); ok {
		upgradeV1(m)
	}
	it = v.normalize(s, it)
	v.check(path, s, it, probs)
	if len(*probs) > 0 {
		return wireDeal{}, false
	}
	b, err := json.Marshal(it)
	if err != nil {
		*probs = append(*probs, SchemaError{Field: path, Reason: "does not encode: " + err.Error()})
		return wireDeal{}, false
	}
	var d wireDeal
	if err := json.Unmarshal(b, &d); err != nil {
		*probs = append(*probs, SchemaError{Field: path, Reason: "does not decode: " + err.Error()})
		return wireDeal{}, false
	}
	semanticDeal(path, d, probs)
	return d, len(*probs) == 0
}

// upgradeV1 reads a deal item in the schema-1 shape as schema 1 meant
// it, in place: see extract.UpgradeDeal. A missing confirmation is
// confirmed, a missing mention news.
func upgradeV1(m map[string]any) {
	status, _ := m["status"].(string)
	switch extract.DealStatus(status) {
	case extract.DealReportedV1, extract.DealPredictedV1:
		if c := m["confirmation"]; c == nil || c == "" {
			m["confirmation"] = string(extract.Reported)
			if extract.DealStatus(status) == extract.DealPredictedV1 {
				m["confirmation"] = string(extract.Forecast)
			}
		}
		m["status"] = string(extract.DealAnnounced)
		if (m["previous_amount"] != nil) || (m["increment"] != nil) {
			m["status"] = string(extract.DealExpanded)
		}
	}
	if c, ok := m["confirmation"]; !ok || c == nil || c == "" {
		m["confirmation"] = string(extract.Confirmed)
	}
	if c, ok := m["mention"]; !ok || c == nil || c == "" {
		m["mention"] = string(extract.MentionNews)
	}
}

// normalize returns x with what a lenient reader can fill in: a missing
// property that may be null becomes null, a missing or null list [], and an
// unknown property of a closed object is removed. It never changes a
// value that is present.
func (v *validator) normalize(s map[string]any, x any) any {
	s = v.resolve(s)
	if x == nil && !v.nullable(s) && slicesContain(typeList(s["type"]), "array") {
		return []any{} // a list given as null: empty
	}
	if alts, ok := s["anyOf"].([]any); ok {
		if x == nil {
			return nil
		}
		for _, a := range alts {
			as, _ := a.(map[string]any)
			if !onlyNull(v.resolve(as)) {
				return v.normalize(as, x)
			}
		}
		return x
	}
	switch val := x.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		if props == nil {
			return val
		}
		out := make(map[string]any, len(props))
		for k, e := range val {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					continue
				}
				out[k] = e
				continue
			}
			out[k] = v.normalize(ps, e)
		}
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				k, _ := r.(string)
				if _, ok := out[k]; ok {
					continue
				}
				ps, _ := props[k].(map[string]any)
				switch {
				case v.nullable(ps):
					out[k] = nil
				case slicesContain(typeList(v.resolve(ps)["type"]), "array"):
					out[k] = []any{}
				}
			}
		}
		return out
	case []any:
		items, ok := s["items"].(map[string]any)
		if !ok {
			return val
		}
		out := make([]any, len(val))
		for i, e := range val {
			out[i] = v.normalize(items, e)
		}
		return out
	}
	return x
}

// nullable reports whether schema s accepts null.
func (v *validator) nullable(s map[string]any) bool {
	if s == nil {
		return false
	}
	s = v.resolve(s)
	if alts, ok := s["anyOf"].([]any); ok {
		for _, a := range alts {
			if as, _ := a.(map[string]any); as != nil && v.nullable(as) {
				return true
			}
		}
		return false
	}
	return slicesContain(typeList(s["type"]), "null")
}

func slicesContain(xs []string, x string) bool {
	for _, e := range xs {
		if e == x {
			return true
		}
	}
	return false
}

// unwrapJSON strips a Markdown code fence or prose around the JSON
// object, which servers in json_object mode sometimes add.
func unwrapJSON(raw string) string {
	s := strings.TrimSpace(raw)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
		s = strings.TrimSpace(s)
	}
	if !strings.HasPrefix(s, "{") {
		if i, j := strings.IndexByte(s, '{'), strings.LastIndexByte(s, '}'); i >= 0 && j > i {
			s = s[i : j+1]
		}
	}
	return s
}

func (v *validator) add(probs *[]SchemaError, path, format string, args ...any) {
	if len(*probs) < maxProblems {
		*probs = append(*probs, SchemaError{Field: path, Reason: fmt.Sprintf(format, args...)})
	}
}

func (v *validator) resolve(s map[string]any) map[string]any {
	for i := 0; i < 8; i++ {
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		d, _ := v.defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if d == nil {
			return map[string]any{}
		}
		s = d
	}
	return s
}

func (v *validator) check(path string, s map[string]any, x any, probs *[]SchemaError) {
	s = v.resolve(s)
	if alts, ok := s["anyOf"].([]any); ok {
		var firstErrs []SchemaError
		for _, a := range alts {
			as, _ := a.(map[string]any)
			var errs []SchemaError
			v.check(path, as, x, &errs)
			if len(errs) == 0 {
				return
			}
			if firstErrs == nil && !onlyNull(v.resolve(as)) {
				firstErrs = errs
			}
		}
		if firstErrs == nil {
			v.add(probs, path, "is %s, which is not allowed here", describe(x))
			return
		}
		for _, e := range firstErrs {
			v.add(probs, e.Field, "%s", e.Reason)
		}
		return
	}
	if t, ok := s["type"]; ok {
		types := typeList(t)
		if !matchesAny(x, types) {
			v.add(probs, path, "is %s, want %s", describe(x), strings.Join(types, " or "))
			return
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		var names []string
		for _, e := range enum {
			if e == nil {
				names = append(names, "null")
			} else {
				names = append(names, fmt.Sprint(e))
			}
			if equalJSON(e, x) {
				found = true
			}
		}
		if !found {
			v.add(probs, path, "%s is not one of %s", describe(x), strings.Join(names, ", "))
			return
		}
	}
	switch val := x.(type) {
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := val[r.(string)]; !ok {
					v.add(probs, join(path, r.(string)), "is missing")
				}
			}
		}
		keys := make([]string, 0, len(val))
		for k := range val {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					v.add(probs, join(path, k), "is not a field of the schema")
				}
				continue
			}
			v.check(join(path, k), ps, val[k], probs)
		}
	case []any:
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range val {
				v.check(fmt.Sprintf("%s[%d]", path, i), items, it, probs)
			}
		}
	}
}

func onlyNull(s map[string]any) bool {
	t := typeList(s["type"])
	return len(t) == 1 && t[0] == "null"
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func typeList(t any) []string {
	switch v := t.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func matchesAny(x any, types []string) bool {
	for _, t := range types {
		switch t {
		case "null":
			if x == nil {
				return true
			}
		case "string":
			if _, ok := x.(string); ok {
				return true
			}
		case "number":
			if _, ok := x.(json.Number); ok {
				return true
			}
		case "integer":
			if n, ok := x.(json.Number); ok && !strings.ContainsAny(string(n), ".eE") {
				return true
			}
		case "boolean":
			if _, ok := x.(bool); ok {
				return true
			}
		case "object":
			if _, ok := x.(map[string]any); ok {
				return true
			}
		case "array":
			if _, ok := x.([]any); ok {
				return true
			}
		}
	}
	return false
}

func equalJSON(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	switch av := a.(type) {
	case string:
		bv, ok := b.(string)
		return ok && av == bv
	case float64:
		bn, ok := b.(json.Number)
		if !ok {
			return false
		}
		f, err := bn.Float64()
		return err == nil && f == av
	case bool:
		bv, ok := b.(bool)
		return ok && av == bv
	}
	return false
}

// describe names a JSON value for an error message the model will read.
func describe(x any) string {
	switch v := x.(type) {
	case nil:
		return "null"
	case string:
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return fmt.Sprintf("%q", v)
	case json.Number:
		return string(v)
	case bool:
		return fmt.Sprint(v)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return fmt.Sprintf("%T", x)
}

var (
	currencyRE = regexp.MustCompile(`^[A-Z]{3}$`)
	dateRE     = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)
)

// semanticDeal checks what the schema cannot say about one deal:
// non-empty parties and quotes, positive amounts, a range's max at least
// its value, dates in the schema's format, confidence within [0,1].
func semanticDeal(p string, d wireDeal, probs *[]SchemaError) {
	add := func(path, format string, args ...any) {
		if len(*probs) < maxProblems {
			*probs = append(*probs, SchemaError{Field: path, Reason: fmt.Sprintf(format, args...)})
		}
	}
	if len(d.Parties) == 0 {
		add(p+".parties", "is empty: a deal names at least one company")
	}
	for j, pt := range d.Parties {
		if strings.TrimSpace(pt.Name) == "" {
			add(fmt.Sprintf("%s.parties[%d].name", p, j), "is empty")
		}
		if strings.TrimSpace(pt.Mention) == "" {
			add(fmt.Sprintf("%s.parties[%d].mention", p, j), "is empty: copy the company as the article writes it")
		}
	}
	checkMoney(p+".amount", d.Amount, add)
	checkMoney(p+".previous_amount", d.PreviousAmount, add)
	checkMoney(p+".increment", d.Increment, add)
	for j := range d.Tranches {
		checkMoney(fmt.Sprintf("%s.tranches[%d].amount", p, j), &d.Tranches[j].Amount, add)
	}
	for j, c := range d.Capacity {
		cp := fmt.Sprintf("%s.capacity[%d]", p, j)
		if c.Value.Sign() <= 0 {
			add(cp+".value", "is %s, want a positive number", c.Value)
		}
		if strings.TrimSpace(c.Text) == "" {
			add(cp+".text", "is empty: copy the figure as written")
		}
	}
	if d.TermYears != nil && *d.TermYears <= 0 {
		add(p+".term_years", "is %v, want a positive number or null", *d.TermYears)
	}
	if d.AnnouncedOn != nil && !dateRE.MatchString(*d.AnnouncedOn) {
		add(p+".announced_on", "is %q, want YYYY, YYYY-MM or YYYY-MM-DD, or null", *d.AnnouncedOn)
	}
	if strings.TrimSpace(d.Evidence.Text) == "" {
		add(p+".evidence.text", "is empty: copy the sentence that states the deal")
	}
	if d.Confidence < 0 || d.Confidence > 1 {
		add(p+".confidence", "is %v, want a number from 0 to 1", d.Confidence)
	}
}

func checkMoney(path string, m *wireMoney, add func(string, string, ...any)) {
	if m == nil {
		return
	}
	if m.Value.Sign() <= 0 {
		add(path+".value", "is %s, want a positive amount", m.Value)
	}
	if !currencyRE.MatchString(m.Currency) {
		add(path+".currency", "is %q, want an ISO 4217 code such as USD or EUR", m.Currency)
	}
	if strings.TrimSpace(m.Text) == "" {
		add(path+".text", "is empty: copy the figure as written")
	}
	if figures.Qualifier(m.Qualifier) == figures.Range && m.Max == nil {
		add(path+".max", "is null, but qualifier is range: give the upper bound")
	}
	if m.Max != nil && m.Max.Cmp(m.Value) < 0 {
		add(path+".max", "is %s, less than value %s", *m.Max, m.Value)
	}
}

// canonical returns the answer as compact JSON, for the cache. Nil
// slices are written as [] so the result passes the schema again.
func canonical(a answer) []byte {
	deals := make([]wireDeal, len(a.Deals))
	for i, d := range a.Deals {
		d.Parties = orEmpty(d.Parties)
		d.Tranches = orEmpty(d.Tranches)
		d.Capacity = orEmpty(d.Capacity)
		d.Hardware = orEmpty(d.Hardware)
		deals[i] = d
	}
	a.Deals = deals
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(a); err != nil {
		return nil
	}
	return bytes.TrimSpace(b.Bytes())
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

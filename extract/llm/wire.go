package llm

import (
	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
)

// The wire structs are the model's answer as prompts.Schema describes it:
// the schema's deal without byte offsets (the pipeline computes them) and
// without grounded (the pipeline decides it). A test keeps them, the
// prompt schema and article-result.schema.json in step.

type answer struct {
	Deals []wireDeal `json:"deals"`
	// dropped are the items left out of Deals because they broke the
	// schema (see validator.parse).
	dropped []droppedDeal
}

type wireDeal struct {
	Kind           string         `json:"kind"`
	Status         string         `json:"status"`
	Confirmation   string         `json:"confirmation"`
	Mention        string         `json:"mention"`
	Parties        []wireParty    `json:"parties"`
	Amount         *wireMoney     `json:"amount"`
	PreviousAmount *wireMoney     `json:"previous_amount"`
	Increment      *wireMoney     `json:"increment"`
	Tranches       []wireTranche  `json:"tranches"`
	Capacity       []wireCapacity `json:"capacity"`
	Hardware       []string       `json:"hardware"`
	TermYears      *float64       `json:"term_years"`
	AnnouncedOn    *string        `json:"announced_on"`
	Evidence       wireEvidence   `json:"evidence"`
	Confidence     float64        `json:"confidence"`
}

type wireParty struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	Mention string `json:"mention"`
}

type wireMoney struct {
	Value     figures.Decimal  `json:"value"`
	Currency  string           `json:"currency"`
	Qualifier string           `json:"qualifier"`
	Max       *figures.Decimal `json:"max"`
	Period    string           `json:"period"`
	Text      string           `json:"text"`
}

type wireTranche struct {
	Amount    wireMoney `json:"amount"`
	Condition string    `json:"condition"`
}

type wireCapacity struct {
	Value   figures.Decimal `json:"value"`
	Unit    string          `json:"unit"`
	Purpose *string         `json:"purpose"`
	Text    string          `json:"text"`
}

type wireEvidence struct {
	Text string `json:"text"`
}

// deals converts the answer to domain deals, not yet grounded: offsets
// are zero and Grounded false until extract.Ground has checked them.
func (a answer) deals() []extract.Deal {
	out := make([]extract.Deal, 0, len(a.Deals))
	for _, w := range a.Deals {
		d := extract.Deal{
			Kind:         extract.Kind(w.Kind),
			Status:       extract.DealStatus(w.Status),
			Confirmation: extract.Confirmation(w.Confirmation),
			Mention:      extract.Mention(w.Mention),
			Amount:       w.Amount.money(),
			TermYears:    w.TermYears,
			AnnouncedOn:  w.AnnouncedOn,
			Evidence:     extract.Span{Text: w.Evidence.Text},
			Confidence:   w.Confidence,
		}
		d.PreviousAmount = w.PreviousAmount.money()
		d.Increment = w.Increment.money()
		for _, p := range w.Parties {
			d.Parties = append(d.Parties, extract.Party{Name: p.Name, Role: extract.Role(p.Role), Mention: p.Mention})
		}
		for _, t := range w.Tranches {
			d.Tranches = append(d.Tranches, extract.Tranche{Amount: *t.Amount.money(), Condition: extract.TrancheCondition(t.Condition)})
		}
		for _, c := range w.Capacity {
			d.Capacity = append(d.Capacity, extract.Capacity{Value: c.Value, Unit: c.Unit, Purpose: c.Purpose, Text: c.Text})
		}
		d.Hardware = append(d.Hardware, w.Hardware...)
		out = append(out, d)
	}
	return out
}

func (m *wireMoney) money() *extract.Money {
	if m == nil {
		return nil
	}
	return &extract.Money{
		Value:     m.Value,
		Currency:  m.Currency,
		Qualifier: figures.Qualifier(m.Qualifier),
		Max:       m.Max,
		Period:    figures.Period(m.Period),
		Text:      m.Text,
	}
}

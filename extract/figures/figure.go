package figures

// Kind says what a Figure measures.
type Kind string

// The kinds of figure Parse finds.
const (
	Money    Kind = "money"    // an amount of a currency; Unit is an ISO 4217 code
	Capacity Kind = "capacity" // power capacity; Unit is "GW" or "MW"
	Count    Kind = "count"    // a number of things; Unit is "GPUs", "chips", "CPUs" or ""
	Duration Kind = "duration" // a length of time; Unit is "years" or "months"
	Percent  Kind = "percent"  // a percentage; Unit is "%"
	Date     Kind = "date"     // a calendar date; see Figure.Date
	// Unread is a money expression the parser could not read whole: a
	// word of it is not understood ("veintitantos mil millones"), or its
	// currency is not known ("pesos" of which country?). It has no Value
	// and no Unit; Note says why. Parse never returns a part of such an
	// expression as Money: a smaller or wrong amount is worse than none.
	Unread Kind = "unread"
)

// Qualifier says how exact a figure is.
type Qualifier string

// The qualifiers of the schema.
const (
	Exact Qualifier = "exact"
	Over  Qualifier = "over"
	UpTo  Qualifier = "up_to"
	About Qualifier = "about"
	// AtLeast is "at least", "almeno", "al menos": the value is a floor
	// the speaker commits to, unlike Over, a floor the writer reports.
	AtLeast Qualifier = "at_least"
	Range   Qualifier = "range" // Figure.Max holds the upper bound
)

// Period says whether an amount is a total or recurs.
type Period string

// The periods of the schema.
const (
	Total   Period = "total"
	PerYear Period = "per_year"
)

// Figure is one expression of a quantity found in a text.
//
// Text is the expression as written and text[Start:End] == Text, where
// Start and End are byte offsets into the string given to Parse.
type Figure struct {
	Kind      Kind
	Value     Decimal  // the value in Unit; for a range, the lower bound
	Max       *Decimal // the upper bound when Qualifier is Range, else nil
	Unit      string   // see Kind
	Qualifier Qualifier
	Period    Period // Total unless the text says per year
	// Date is set for Kind Date: "YYYY-MM-DD", "YYYY-MM" or "YYYY".
	Date  string
	Text  string
	Start int
	End   int
	// Implausible is set when the value is read as written but is beyond
	// any real deal (e.g. "4.000 billones" of dollars = 4 × 10^15), so a
	// caller can warn instead of trusting it.
	Implausible bool
	// UnitInferred is set on Money whose currency is not written with it
	// ("30 miliardi l'anno"): Unit was taken from the nearest money
	// figure of the same text that names its currency (the one before,
	// else the one after). When no figure of the text names a currency,
	// Unit is "" and UnitInferred false: the currency is unknown.
	UnitInferred bool
	// ScaleShared is set when the number took its scale word or unit
	// from the figure after it: "38" in "da 38 a oltre 138 miliardi" is
	// 38 × 10^9, and its Text is just "38"; "4 million" in "4 million to
	// 5 million GPUs" counts GPUs.
	ScaleShared bool
	// Note says why a figure of Kind Unread has no value; it is empty
	// for every other kind.
	Note string
}

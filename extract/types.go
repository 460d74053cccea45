package extract

import (
	"encoding/json"
	"time"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// SchemaVersion is the version of article-result.schema.json that
// ArticleResult marshals to. Version 2 split a deal's status into its
// stage (Status) and how sure we are (Confirmation), and added Mention,
// Increment and the at_least qualifier; see UpgradeResult for how a
// version-1 result is read.
const SchemaVersion = 2

// Article is one news article as read by sources: its normalized text
// and what is known about where it came from.
//
// Text is valid UTF-8 in NFC with "\n" line ends; every offset the
// project reports is a byte offset into it. ID is "sha256:" + the first
// 16 hex digits of the SHA-256 of Text.
type Article struct {
	ID        string
	Source    string // path or URL it was read from
	Title     string // "" when unknown
	Published string // "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" when unknown
	// LangHint is a declared language (HTML lang attribute), lowercase
	// ISO 639-1, or "". Lang is the detected dominant language, set by
	// the Pipeline before an Extractor sees the article.
	LangHint string
	Lang     string
	Text     string

	// Origin describes the source file or response, for the store's
	// source index. Zero values mean unknown.
	Origin Origin

	// Warnings noted while reading (a charset guessed, a fallback used).
	Warnings []Warning

	// Err is set when the article could not be read (missing file,
	// undecodable bytes, over the size limit). The Pipeline turns it
	// into a result with status "failed" and this error's message.
	Err error
}

// Origin is what sources know about the bytes an Article came from.
type Origin struct {
	Size         int64
	ModTime      time.Time
	ETag         string
	LastModified string
	URL          string // canonical URL when known
}

// Status is the outcome of processing one article.
type Status string

// The statuses of article-result.schema.json.
const (
	StatusOK          Status = "ok"
	StatusUnsupported Status = "unsupported_language"
	StatusEmpty       Status = "empty"
	StatusFailed      Status = "failed"
)

// ArticleResult is what the pipeline says about one article; it marshals
// to exactly article-result.schema.json.
type ArticleResult struct {
	SchemaVersion int `json:"schema_version"`
	// StoredSchema is the schema version the result was written with
	// when it was read from JSON of an older version (1), else 0. The
	// result itself is always in the current shape: see UpgradeResult.
	StoredSchema int           `json:"-"`
	Article      ArticleInfo   `json:"article"`
	Status       Status        `json:"status"`
	Error        *string       `json:"error"`
	Extractor    ExtractorInfo `json:"extractor"`
	Deals        []Deal        `json:"deals"`
	Warnings     []Warning     `json:"warnings"`
}

// ArticleInfo is the article part of an ArticleResult.
type ArticleInfo struct {
	ID             string    `json:"id"`
	Source         string    `json:"source"`
	Title          *string   `json:"title"`
	Published      *string   `json:"published"`
	Lang           string    `json:"lang"`
	LangConfidence float64   `json:"lang_confidence"`
	Segments       []Segment `json:"segments"`
}

// Segment is a run of text in one language: Text[Start:End].
type Segment struct {
	Lang  string `json:"lang"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// ExtractorInfo names what produced the deals.
type ExtractorInfo struct {
	Backend       string  `json:"backend"`
	Model         *string `json:"model"`
	PromptVersion *string `json:"prompt_version"`
}

// Kind is the kind of a deal.
type Kind string

// The deal kinds of the schema.
const (
	KindCompute      Kind = "compute_contract"
	KindInvestment   Kind = "investment"
	KindFundingRound Kind = "funding_round"
	KindChipSupply   Kind = "chip_supply"
	KindDistribution Kind = "distribution"
	KindPartnership  Kind = "partnership"
	KindAcquisition  Kind = "acquisition"
	KindOther        Kind = "other"
)

// Kinds lists every Kind in schema order.
var Kinds = []Kind{KindCompute, KindInvestment, KindFundingRound, KindChipSupply, KindDistribution, KindPartnership, KindAcquisition, KindOther}

// DealStatus is a deal's stage according to one article: how far the
// deal has gone. How sure the article is of it is Confirmation.
type DealStatus string

// The deal stages of the schema.
const (
	DealOffered   DealStatus = "offered"   // proposed by one side, not accepted
	DealPlanned   DealStatus = "planned"   // an intention or target: "aims to raise", "plans to invest"
	DealAnnounced DealStatus = "announced" // made public, no signature or closing stated
	DealAgreed    DealStatus = "agreed"    // signed or agreed by the parties
	DealCompleted DealStatus = "completed" // closed: a round raised, an acquisition completed
	DealExpanded  DealStatus = "expanded"  // an existing deal enlarged
	DealRejected  DealStatus = "rejected"  // an offer turned down
	DealCancelled DealStatus = "cancelled" // called off after it was agreed or announced
)

// DealStatuses lists every DealStatus of schema 2 in schema order.
var DealStatuses = []DealStatus{DealAnnounced, DealAgreed, DealCompleted, DealExpanded, DealOffered, DealRejected, DealPlanned, DealCancelled}

// Schema-1 statuses that were really confirmations. They are never
// written by this version: UpgradeDeal turns them into a stage and a
// Confirmation.
const (
	DealReportedV1  DealStatus = "reported"  // schema 1: unconfirmed, per sources
	DealPredictedV1 DealStatus = "predicted" // schema 1: an analyst's forecast
	// DealReported and DealPredicted are the schema-1 names, for code
	// that still speaks schema 1; the pipeline upgrades what they mark.
	DealReported  = DealReportedV1
	DealPredicted = DealPredictedV1
)

// Confirmation says how sure an article is of a deal, whatever its stage.
//
// # Precedence
//
// Stage and confirmation answer two questions and never replace each
// other: "signed, according to the Wall Street Journal" is agreed +
// reported. When an article gives several cues for one deal, the
// confirmation is settled in this order:
//
//  1. denied: a party denies the deal or the figure ("smentisce",
//     "desmiente", "denied"), whatever media reported before;
//  2. confirmed: a party, an official release or a filing states it
//     (quotes of the companies, "ha annunciato", "anunció", "said in a
//     statement");
//  3. reported: media or unnamed sources state it ("secondo il Wall
//     Street Journal", "según fuentes", "reportedly", "people familiar
//     with the matter"), even when the headline states it as fact;
//  4. forecast: an analyst's estimate of a deal that is not stated by
//     anyone else.
//
// A deal with no cue at all is confirmed when the article reports it as
// fact in its own voice.
type Confirmation string

// The confirmations of the schema.
const (
	Confirmed Confirmation = "confirmed" // stated by a party, an official release or a filing
	Reported  Confirmation = "reported"  // per media or unnamed sources
	Denied    Confirmation = "denied"    // a party denies it
	Forecast  Confirmation = "forecast"  // an analyst's estimate
)

// Confirmations lists every Confirmation in schema order.
var Confirmations = []Confirmation{Confirmed, Reported, Denied, Forecast}

// Mention says whether an article reports a deal as news or recalls it.
type Mention string

// The mentions of the schema.
const (
	MentionNews       Mention = "news"       // what the article reports as new
	MentionBackground Mention = "background" // recalled for context: an older deal, a past round
)

// Mentions lists every Mention in schema order.
var Mentions = []Mention{MentionNews, MentionBackground}

// Role is a party's role in a deal.
type Role string

// The roles of the schema.
const (
	RoleBuyer       Role = "buyer"
	RoleSeller      Role = "seller"
	RoleInvestor    Role = "investor"
	RoleInvestee    Role = "investee"
	RoleSupplier    Role = "supplier"
	RoleCustomer    Role = "customer"
	RoleDistributor Role = "distributor"
	RolePartner     Role = "partner"
	RoleRaiser      Role = "raiser"
)

// Roles lists every Role in schema order.
var Roles = []Role{RoleBuyer, RoleSeller, RoleInvestor, RoleInvestee, RoleSupplier, RoleCustomer, RoleDistributor, RolePartner, RoleRaiser}

// Deal is one deal as one article states it (the schema's "deal").
type Deal struct {
	Kind           Kind         `json:"kind"`
	Status         DealStatus   `json:"status"`
	Confirmation   Confirmation `json:"confirmation"`
	Mention        Mention      `json:"mention"`
	Parties        []Party      `json:"parties"`
	Amount         *Money       `json:"amount"`
	PreviousAmount *Money       `json:"previous_amount"`
	// Increment is the amount an expansion adds ("expanded by $20
	// billion", "an additional €2 billion"); the new total, when the
	// article states it, stays in Amount.
	Increment   *Money     `json:"increment"`
	Tranches    []Tranche  `json:"tranches"`
	Capacity    []Capacity `json:"capacity"`
	Hardware    []string   `json:"hardware"`
	TermYears   *float64   `json:"term_years"`
	AnnouncedOn *string    `json:"announced_on"`
	Evidence    Span       `json:"evidence"`
	Grounded    bool       `json:"grounded"`
	Confidence  float64    `json:"confidence"`
}

// MinConfidence is the confidence under which a deal is not shown as a
// fact by default: the backend is unsure of it (the rules guess a side,
// see rules.GuessConfidence). Reconciliation lists such a deal with the
// unverified facts (reason WarnLowConfidence), never in a reconciled
// deal, a conflict or the review queue; readable output marks it unsure.
const MinConfidence = 0.5

// Unsure reports whether the backend is unsure of d: its confidence is
// under MinConfidence.
func (d *Deal) Unsure() bool { return d.Confidence < MinConfidence }

// Party is a company in a deal. Name is canonical ("Amazon"), Mention is
// as written ("Amazon Web Services").
type Party struct {
	Name    string `json:"name"`
	Role    Role   `json:"role"`
	Mention string `json:"mention"`
}

// Money is an amount as the schema's "money": an exact value in currency
// units, read by figures.Parse from Text, which is Article.Text[Start:End].
type Money struct {
	Value     figures.Decimal   `json:"value"`
	Currency  string            `json:"currency"`
	Qualifier figures.Qualifier `json:"qualifier"`
	Max       *figures.Decimal  `json:"max"`
	Period    figures.Period    `json:"period"`
	Text      string            `json:"text"`
	Start     int               `json:"start"`
	End       int               `json:"end"`
}

// TrancheCondition says when a tranche is paid.
type TrancheCondition string

// The tranche conditions of the schema.
const (
	TrancheUpfront     TrancheCondition = "upfront"
	TrancheConditional TrancheCondition = "conditional"
	TrancheMilestone   TrancheCondition = "milestone"
	TrancheOther       TrancheCondition = "other"
)

// Tranche is a part of a deal's amount paid under one condition.
type Tranche struct {
	Amount    Money            `json:"amount"`
	Condition TrancheCondition `json:"condition"`
}

// Capacity is compute capacity in a deal: power (GW, MW) or units (GPUs,
// chips). Purpose is "training", "inference" or nil.
type Capacity struct {
	Value   figures.Decimal `json:"value"`
	Unit    string          `json:"unit"`
	Purpose *string         `json:"purpose"`
	Text    string          `json:"text"`
	Start   int             `json:"start"`
	End     int             `json:"end"`
}

// Span is a quoted piece of the article: Article.Text[Start:End] == Text.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Warning is something a reviewer should know about a result. Deal is the
// index of the deal it concerns, or nil.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Deal    *int   `json:"deal"`
}

// Warning codes used across backends.
const (
	WarnUngroundedAmount = "ungrounded_amount" // a figure not found in the text
	WarnScaleMismatch    = "scale_mismatch"    // the text reads 10^3 (or more) apart from the value given
	WarnValueMismatch    = "value_mismatch"    // the text reads a different value
	WarnUnknownParty     = "unknown_party"     // a party the text does not name
	WarnUngroundedQuote  = "ungrounded_evidence"
	WarnImplausible      = "implausible_value"
	WarnLLMRetry         = "llm_retry"
	WarnCharset          = "charset"
	WarnTruncated        = "truncated"
	WarnInvalidDeal      = "invalid_deal"       // an item of a model's answer that breaks the schema, dropped
	WarnImplausibleAmt   = "implausible_amount" // a figure read as written that cannot be the deal's value (a scale word dropped)
	WarnLowConfidence    = "low_confidence"     // a deal the backend is unsure of (confidence under MinConfidence): not counted
)

// MarshalJSON writes nil slices as [] so the output always matches the
// schema.
func (r ArticleResult) MarshalJSON() ([]byte, error) {
	type plain ArticleResult
	if r.Deals == nil {
		r.Deals = []Deal{}
	}
	if r.Warnings == nil {
		r.Warnings = []Warning{}
	}
	if r.Article.Segments == nil {
		r.Article.Segments = []Segment{}
	}
	return json.Marshal(plain(r))
}

// MarshalJSON writes nil slices as [].
func (d Deal) MarshalJSON() ([]byte, error) {
	type plain Deal
	if d.Parties == nil {
		d.Parties = []Party{}
	}
	if d.Tranches == nil {
		d.Tranches = []Tranche{}
	}
	if d.Capacity == nil {
		d.Capacity = []Capacity{}
	}
	if d.Hardware == nil {
		d.Hardware = []string{}
	}
	return json.Marshal(plain(d))
}

// MoneyFromFigure converts a money Figure into the schema's Money.
func MoneyFromFigure(f figures.Figure) Money {
	return Money{
		Value:     f.Value,
		Currency:  f.Unit,
		Qualifier: f.Qualifier,
		Max:       f.Max,
		Period:    f.Period,
		Text:      f.Text,
		Start:     f.Start,
		End:       f.End,
	}
}

// Usage counts the LLM work behind a result.
type Usage struct {
	Calls            int // requests sent (including retries and re-asks)
	CacheHits        int // answers served from the response cache
	PromptTokens     int
	CompletionTokens int
	// BatchRequests counts answers that came from a Batch API request
	// (their tokens are in PromptTokens and CompletionTokens, billed at
	// the batch price); Triaged counts articles the triage kept from
	// the model (calls saved).
	BatchRequests int
	Triaged       int
	// BatchPromptTokens and BatchCompletionTokens are the part of the
	// tokens that the batch answers used.
	BatchPromptTokens, BatchCompletionTokens int
}

// Add returns u + v.
func (u Usage) Add(v Usage) Usage {
	return Usage{
		Calls:            u.Calls + v.Calls,
		CacheHits:        u.CacheHits + v.CacheHits,
		PromptTokens:     u.PromptTokens + v.PromptTokens,
		CompletionTokens: u.CompletionTokens + v.CompletionTokens,
		BatchRequests:    u.BatchRequests + v.BatchRequests,
		Triaged:          u.Triaged + v.Triaged,

		BatchPromptTokens:     u.BatchPromptTokens + v.BatchPromptTokens,
		BatchCompletionTokens: u.BatchCompletionTokens + v.BatchCompletionTokens,
	}
}

// Tokens returns prompt + completion tokens.
func (u Usage) Tokens() int { return u.PromptTokens + u.CompletionTokens }

// Ptr returns a pointer to v, for the schema's nullable fields.
func Ptr[T any](v T) *T { return &v }

// StrPtr returns nil for "" and a pointer to s otherwise.
func StrPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

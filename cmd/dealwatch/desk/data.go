package desk

import (
	"context"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
)

// Data is what the desk asks of the command line's code: the deals with
// the reviewers' decisions applied, names resolved the way every command
// resolves them, decisions written through the code of "dealwatch
// review", and a run's diff as "dealwatch diff" prints it. The desk reads
// everything else (runs, articles, versions) from the store itself.
// cmd/dealwatch implements it; the desk never writes the store but
// through Decide.
type Data interface {
	// Deals returns every deal of the latest snapshot with its review
	// state (decisions applied). Full says whether each Item's Deal holds
	// its History (false: a brief, enough for a list).
	Deals(db *store.DB, full bool) ([]Item, error)
	// Queue returns the deals waiting for a reviewer that match keeps
	// (nil: all), newest evidence first (see SortNewest), the first limit
	// of them (0: all) with their open conflicts' sides (decisions
	// applied), and how many match.
	Queue(db *store.DB, match func(Item) bool, limit int) ([]Item, int, error)
	// Deal returns one deal, named by its id in any case or a unique
	// prefix of one.
	Deal(db *store.DB, ref string) (DealView, error)
	// DealViews returns every deal as Deal does, those waiting for
	// review first.
	DealViews(db *store.DB) ([]DealView, error)
	// Decide stores one decision, as "dealwatch review ACTION" does, in
	// its own transaction.
	Decide(ctx context.Context, db *store.DB, r Request) (Outcome, error)
	// FindArticle resolves an article name (an id with or without
	// "sha256:", a unique prefix, a path or a URL) to its key and the
	// version the name means (0: the latest).
	FindArticle(db *store.DB, ref string) (key string, version int, err error)
	// RunDiff returns what changed between runs a and b, as "dealwatch
	// diff A B" prints it (no colours).
	RunDiff(db *store.DB, a, b uint64) (string, error)
}

// Item is a deal in a list: the queue, the deals page, the report.
type Item struct {
	Deal extract.ReconciledDeal // decisions applied; History may be empty (see Data.Deals)
	// State is the review state ("open", "resolved", "none"...); InQueue
	// says whether it waits for a reviewer.
	State   string
	InQueue bool
	// Sources is the number of articles that state the deal.
	Sources int
	// Since is when the deal started waiting, or the newest evidence
	// (UTC, RFC 3339); "" when unknown.
	Since string
	// Sides are the open conflicts with each side's article and
	// sentence (queue items only).
	Sides []ConflictView
	// Earlier are decisions that went stale since: the deal changed.
	Earlier []DecisionLine
}

// ConflictView is an open conflict with its sides.
type ConflictView struct {
	Field string
	Cause string
	Note  string
	Sides []Side
}

// Side is one article's value in a conflict.
type Side struct {
	Value    string // for people: "$48B", "agreed"
	Article  string // article id
	Title    string
	File     string
	AsOf     string
	Sentence extract.Span // the sentence that states it; Text "" when unknown
	Figure   extract.Span // the figure inside the article's text, when known
}

// DealView is one deal for its page.
type DealView struct {
	Item
	// Raw is the deal as reconciled, before decisions.
	Raw extract.ReconciledDeal
	// Decisions are every decision about the deal, oldest first.
	Decisions  []DecisionLine
	Unverified []extract.UnverifiedFact
	// Articles are the deal's articles by id (title, file, dates).
	Articles map[string]store.Article
	// Fingerprint identifies the evidence the page shows; a decision
	// posted with another one is refused (the deal changed meanwhile).
	Fingerprint string
}

// DecisionLine is a decision for people.
type DecisionLine struct {
	Seq     uint64
	Action  string
	Field   string
	Value   string
	Article string
	By      string
	Note    string
	Time    time.Time
	// Mark is "applied", "earlier" (stale: the deal changed since) or ""
	// (undone by a reopen).
	Mark string
}

// Request is a decision posted by a reviewer.
type Request struct {
	Deal    string
	Action  string // resolve, dismiss, reject, confirm, reopen
	Field   string // resolve, dismiss: the conflict field ("" for the only one / all)
	Value   string // resolve: the chosen value as the page shows it
	Article string // resolve: the chosen side's article; reject: whose facts ("" for the deal)
	Note    string
	By      string
	// Fingerprint is the evidence the reviewer saw ("" skips the check).
	Fingerprint string
}

// Outcome is a stored decision.
type Outcome struct {
	Deal  string
	Seq   uint64
	Line  string // the decision in one line, as "review log" prints it
	State string // the deal's review state now
}

// Actions are the decisions the desk offers.
var Actions = []string{"resolve", "dismiss", "reject", "confirm", "reopen"}

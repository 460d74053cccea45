package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// reviewOptions are the flags of "dealwatch review" and its actions.
type reviewOptions struct {
	DB      dbOptions
	JSON    bool
	Limit   int
	By      string
	Note    string
	Field   string
	Value   string
	Article string
}

// AddFlags registers the flags of "dealwatch review"; action is "" for
// the queue, "log", or a decision's action.
func (o *reviewOptions) AddFlags(fs *pflag.FlagSet, env *Env, action string) {
	o.DB.AddFlags(fs, env)
	switch action {
	case "", "log":
		fs.BoolVar(&o.JSON, "json", false, "print one record per line as JSON")
		if action == "" {
			fs.IntVar(&o.Limit, "limit", 50, "show the oldest `N` deals of the queue (0: all)")
		}
		return
	}
	fs.StringVar(&o.By, "by", env.Getenv("USER"), "who decides (default $USER)")
	fs.StringVar(&o.Note, "note", "", "why, in a few words")
	switch store.Action(action) {
	case store.Resolve:
		fs.StringVar(&o.Field, "field", "", "the conflict `FIELD` to resolve (amount, status...; default: the deal's only one)")
		fs.StringVar(&o.Value, "value", "", "the right `VALUE`, as the queue shows it ($48B, agreed)")
		fs.StringVar(&o.Article, "article", "", "or the `ARTICLE` (id, prefix or path) whose value is right")
	case store.Dismiss:
		fs.StringVar(&o.Field, "field", "", "the conflict `FIELD` to dismiss (default: all)")
	case store.Reject:
		fs.StringVar(&o.Article, "article", "", "reject only the facts of `ARTICLE` (id, prefix or path); default: the whole deal")
	}
}

func newReviewCmd(env *Env) *cobra.Command {
	var o reviewOptions
	cmd := &cobra.Command{
		Use:     "review [flags]",
		GroupID: groupStore,
		Short:   "The review queue, and reviewers' decisions on deals",
		Long: `Review prints the deals that wait for a person, oldest first: each with
its current figure, the figures that disagree, the sentence each comes
from, and the article's title, file and date. A deal decided on before
whose evidence changed since (a new article contradicts it) is back in
the queue with the earlier decision shown.

Decide with a subcommand; decisions are kept in the store, with who made
them and when, and every read command honours them (a resolved
conflict's chosen figure is current).`,
		Example: `  dealwatch review
  dealwatch review resolve amazon+openai/compute --value '$48B' --note "the filing says 48"
  dealwatch review dismiss oracle+openai --field period
  dealwatch review reject openai+oracle/compute_contract --article sha256:0102
  dealwatch review log`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErr("review: unknown action %q: choose resolve, dismiss, reject, confirm, reopen or log", args[0])
			}
			return nil
		},
		RunE: action(env, func(ctx context.Context, env *Env, _ []string) error { return o.queue(ctx, env) }),
	}
	o.AddFlags(cmd.Flags(), env, "")
	summaries := map[store.Action]string{
		store.Resolve: "Resolve a deal's conflict by choosing a value or a source article",
		store.Dismiss: "Dismiss a deal's conflict as not a real disagreement",
		store.Reject:  "Reject a deal, or one article's facts about it: they no longer count",
		store.Confirm: "Confirm a deal as it stands",
		store.Reopen:  "Put a deal back in the queue, undoing its decisions",
	}
	for _, a := range store.Actions {
		cmd.AddCommand(newReviewActionCmd(env, a, summaries[a]))
	}
	var lo reviewOptions
	logCmd := &cobra.Command{
		Use:   "log [flags] [DEAL_ID]",
		Short: "Every decision, oldest first (or one deal's)",
		Args:  needArgs(0, 1, "at most one deal id"),
		RunE:  action(env, lo.log),
	}
	lo.AddFlags(logCmd.Flags(), env, "log")
	cmd.AddCommand(logCmd)
	return cmd
}

func newReviewActionCmd(env *Env, a store.Action, short string) *cobra.Command {
	var o reviewOptions
	cmd := &cobra.Command{
		Use:   string(a) + " [flags] DEAL_ID",
		Short: short,
		Args:  needArgs(1, 1, "one deal id (or a unique prefix of one)"),
		RunE: action(env, func(ctx context.Context, env *Env, args []string) error {
			return o.decide(ctx, env, a, args[0])
		}),
	}
	o.AddFlags(cmd.Flags(), env, string(a))
	return cmd
}

// queueRecord is one queue item in "review --json".
type queueRecord struct {
	Scope     string            `json:"scope"` // "review_item"
	Deal      string            `json:"deal"`
	State     store.ReviewState `json:"state"`
	Since     string            `json:"since"`
	Kind      extract.Kind      `json:"kind"`
	Parties   []string          `json:"parties"`
	Current   extract.Current   `json:"current"`
	Conflicts []queueConflict   `json:"conflicts"`
	Earlier   []store.Decision  `json:"earlier"`
	Applied   []store.Decision  `json:"applied"`
}

type queueConflict struct {
	Field extract.ConflictField `json:"field"`
	Cause extract.ConflictCause `json:"cause"`
	Note  string                `json:"note"`
	Sides []conflictSide        `json:"sides"`
}

// conflictSide is one article's value in a conflict, with where it
// comes from.
type conflictSide struct {
	Value    any     `json:"value"`
	Text     string  `json:"text"` // the value for people: "$48B"
	Article  string  `json:"article"`
	Title    string  `json:"title"`
	File     string  `json:"file"`
	AsOf     *string `json:"as_of"`
	Sentence string  `json:"sentence"`
}

func (o *reviewOptions) queue(ctx context.Context, env *Env) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	l, err := openDesk(db)
	if err != nil {
		return err
	}
	items, total, err := l.Queue(o.Limit)
	if err != nil {
		return err
	}
	arts, err := l.Articles(queueArticles(items))
	if err != nil {
		return err
	}
	recs := make([]queueRecord, len(items))
	for i, it := range items {
		recs[i] = newQueueRecord(it, arts)
	}
	if o.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write queue: %w", err)
			}
		}
		return nil
	}
	writeQueue(env.Stdout, newTermColours(env), recs, total)
	return nil
}

func queueArticles(items []store.QueueItem) []string {
	var ids []string
	for _, it := range items {
		ids = append(ids, store.WaitingArticles(&it.Deal)...)
	}
	return ids
}

func newQueueRecord(it store.QueueItem, arts map[string]store.Article) queueRecord {
	d := &it.Deal
	r := queueRecord{Scope: "review_item", Deal: d.ID, State: it.State, Since: it.Since, Kind: d.Kind, Parties: d.Parties,
		Current: d.Current, Earlier: it.Earlier, Applied: it.Applied, Conflicts: []queueConflict{}}
	if r.Earlier == nil {
		r.Earlier = []store.Decision{}
	}
	if r.Applied == nil {
		r.Applied = []store.Decision{}
	}
	for _, c := range store.OpenConflicts(d) {
		qc := queueConflict{Field: c.Field, Cause: c.Cause, Note: c.Note}
		for i, a := range c.Articles {
			var v any
			if i < len(c.Values) {
				v = c.Values[i]
			}
			qc.Sides = append(qc.Sides, sideOf(d, a, v, c.Field, arts))
		}
		r.Conflicts = append(r.Conflicts, qc)
	}
	return r
}

// sideOf describes article's value v in a conflict of deal d: its
// title, file, date and the sentence that states it.
func sideOf(d *extract.ReconciledDeal, article string, v any, field extract.ConflictField, arts map[string]store.Article) conflictSide {
	s := conflictSide{Value: v, Text: conflictValueText(v), Article: article}
	if a, ok := arts[article]; ok && a.Key != "" {
		s.Title, s.File = a.Title, a.Key
		if a.Published != "" {
			s.AsOf = extract.StrPtr(a.Published)
		}
	}
	want := store.ValueNorm(v)
	var first *extract.HistoryEntry
	for i := range d.History {
		h := &d.History[i]
		if h.Article != article {
			continue
		}
		if first == nil {
			first = h
		}
		if (field == extract.FieldStatus && store.ValueNorm(string(h.Status)) == want) ||
			(h.Amount != nil && store.ValueNorm(*h.Amount) == want) {
			first = h
			break
		}
	}
	if first != nil {
		s.AsOf = first.AsOf
		if s.File == "" {
			s.File = first.Source
		}
		if len(first.Evidence) > 0 {
			s.Sentence = first.Evidence[0].Text
		}
	}
	return s
}

// conflictValueText is a conflict value for people: "$48B", "agreed",
// "5 years", "2 GW".
func conflictValueText(v any) string {
	raw, ok := v.(json.RawMessage)
	if !ok {
		b, err := json.Marshal(v)
		if err != nil {
			return fmt.Sprint(v)
		}
		raw = b
	}
	var m extract.Money
	if json.Unmarshal(raw, &m) == nil && m.Currency != "" {
		return money(&m)
	}
	var c extract.Capacity
	if json.Unmarshal(raw, &c) == nil && c.Unit != "" {
		s := c.Value.String() + " " + c.Unit
		if c.Purpose != nil && *c.Purpose != "" {
			s += " (" + *c.Purpose + ")"
		}
		return s
	}
	var f float64
	if json.Unmarshal(raw, &f) == nil {
		return fmt.Sprintf("%g years", f)
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// articleLabel names an article for people: its title and file, never
// its hash.
func articleLabel(title, file string) string {
	name := clean(filepath.Base(file))
	if strings.Contains(file, "://") {
		name = clean(file)
	}
	if t := clean(title); t != "" {
		return "“" + t + "” (" + name + ")"
	}
	return name
}

func writeQueue(w io.Writer, c termColours, recs []queueRecord, total int) {
	if len(recs) == 0 {
		fmt.Fprintln(w, "review queue: empty, nothing waits for a decision")
		return
	}
	fmt.Fprintf(w, "review queue: %s, oldest first", countNoun(total, "deal", "deals"))
	if total > len(recs) {
		fmt.Fprintf(w, " (the first %d; --limit 0 shows all)", len(recs))
	}
	fmt.Fprintln(w)
	for i, r := range recs {
		fmt.Fprintf(w, "\n%d. %s  %s · %s  %s since %s\n", i+1, c.bold(r.Deal), clean(strings.Join(r.Parties, ", ")), r.Kind, c.red(string(r.State)), r.Since)
		fmt.Fprintf(w, "   current: %s\n", describeCurrent(r.Current, nil))
		for _, k := range r.Conflicts {
			fmt.Fprintf(w, "   %s %s (%s): %s\n", c.red("conflict"), k.Field, k.Cause, clean(humanText(hideIDs(k.Note, false))))
			for _, s := range k.Sides {
				fmt.Fprintf(w, "     %-10s %s  %s\n", s.Text, asOf(s.AsOf), articleLabel(s.Title, s.File))
				if s.Sentence != "" {
					fmt.Fprintf(w, "       “%s”\n", clean(s.Sentence))
				}
			}
		}
		for _, d := range r.Earlier {
			fmt.Fprintf(w, "   %s %s\n", c.yellow("earlier decision (the deal changed since):"), decisionLine(d))
		}
		hint := "resolve " + r.Deal + " --value VALUE"
		if len(r.Conflicts) == 0 {
			hint = "confirm " + r.Deal
		}
		fmt.Fprintf(w, "   %s\n", c.dim("decide: dealwatch review "+hint+"  (or dismiss, reject, confirm)"))
	}
}

// decisionLine is a decision in one line: "resolve amount → $48B by
// ann at 2026-12-02T10:00:00Z: the filing says 48".
func decisionLine(d store.Decision) string {
	var b strings.Builder
	b.WriteString(string(d.Action))
	if d.Field != "" {
		b.WriteString(" " + string(d.Field))
	}
	if len(d.Value) > 0 {
		b.WriteString(" → " + clean(conflictValueText(d.Value)))
	}
	if d.Article != "" {
		b.WriteString(" (" + d.Article + ")")
	}
	fmt.Fprintf(&b, " by %s at %s", orDash(clean(d.By)), storeTime(d.Time))
	if d.Note != "" {
		b.WriteString(": " + clean(d.Note))
	}
	return b.String()
}

// decide stores one decision about deal ref.
func (o *reviewOptions) decide(ctx context.Context, env *Env, action store.Action, ref string) error {
	db, err := o.DB.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	l, err := openDesk(db)
	if err != nil {
		return err
	}
	res, err := o.decideOn(ctx, db, l, action, ref)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s: %s (decision %d)\n", res.Deal.ID, decisionLine(res.Stored), res.Stored.Seq)
	fmt.Fprintf(env.Stdout, "  now %s; current %s\n", res.State, describeCurrent(res.Deal.Current, nil))
	return nil
}

// decided is a decision just stored, and the deal with it applied.
type decided struct {
	Stored store.Decision
	Deal   extract.ReconciledDeal
	State  store.ReviewState
}

// decideOn checks and stores one decision about deal ref in db (open
// for writing), l being its desk: the code of "dealwatch review ACTION"
// and of the web desk ("dealwatch serve").
func (o *reviewOptions) decideOn(ctx context.Context, db *store.DB, l *store.Desk, action store.Action, ref string) (decided, error) {
	id, err := findDeskDeal(l, ref)
	if err != nil {
		return decided{}, err
	}
	raw, _, err := l.Raw(id)
	if err != nil {
		return decided{}, err
	}
	// What the reviewer decides on is the deal as the queue shows it:
	// with the decisions that hold applied.
	shown := store.CloneDeal(&raw)
	store.ApplyDecisions(&shown, l.DecisionsOf(id))
	dec := store.Decision{Deal: id, Action: action, Field: extract.ConflictField(o.Field), Note: o.Note, By: o.By, Evidence: store.EvidenceOf(&raw)}
	if o.Article != "" {
		a, err := findArticle(db, o.Article)
		if err != nil {
			return decided{}, err
		}
		if a.ID == "" {
			art, err := db.Article(a.Key)
			if err != nil {
				return decided{}, err
			}
			a.ID = art.ID
		}
		dec.Article = a.ID
		if !inHistory(&raw, dec.Article) {
			return decided{}, usageErr("article %s (%s) says nothing about %s", a.ID, clean(filepath.Base(a.Key)), id)
		}
	}
	switch action {
	case store.Resolve:
		if err := o.chooseValue(&shown, &dec); err != nil {
			return decided{}, err
		}
	case store.Dismiss:
		if dec.Field != "" && !hasConflict(&shown, dec.Field) {
			return decided{}, usageErr("%s has no open conflict on %s", id, dec.Field)
		}
	}
	stored, err := db.Decide(ctx, dec)
	if err != nil {
		return decided{}, err
	}
	d := store.CloneDeal(&raw)
	r := store.ApplyDecisions(&d, append(l.DecisionsOf(id), stored))
	return decided{Stored: stored, Deal: d, State: r.State}, nil
}

func inHistory(d *extract.ReconciledDeal, article string) bool {
	for _, h := range d.History {
		if h.Article == article {
			return true
		}
	}
	return false
}

func hasConflict(d *extract.ReconciledDeal, f extract.ConflictField) bool {
	for _, c := range store.OpenConflicts(d) {
		if c.Field == f {
			return true
		}
	}
	return false
}

// chooseValue fills a resolve's field and value from --field, --value
// and --article, against the deal's open conflicts.
func (o *reviewOptions) chooseValue(d *extract.ReconciledDeal, dec *store.Decision) error {
	if o.Value == "" && dec.Article == "" {
		return usageErr("review resolve needs --value VALUE (as the queue shows it) or --article ARTICLE")
	}
	if dec.Field == "" {
		fields := map[extract.ConflictField]bool{}
		var list []string
		for _, c := range store.OpenConflicts(d) {
			if !fields[c.Field] {
				fields[c.Field] = true
				list = append(list, string(c.Field))
			}
		}
		switch len(list) {
		case 0:
			return usageErr("%s has no open conflict to resolve (confirm it, or reopen it first)", d.ID)
		case 1:
			dec.Field = extract.ConflictField(list[0])
		default:
			return usageErr("%s has conflicts on %s: choose one with --field", d.ID, strings.Join(list, ", "))
		}
	}
	type cand struct {
		article string
		value   any
	}
	var cands []cand
	for _, c := range store.OpenConflicts(d) {
		if c.Field != dec.Field {
			continue
		}
		for i, a := range c.Articles {
			if i < len(c.Values) {
				cands = append(cands, cand{a, c.Values[i]})
			}
		}
	}
	if len(cands) == 0 {
		return usageErr("%s has no open conflict on %s", d.ID, dec.Field)
	}
	var match []cand
	var shown []string
	for _, c := range cands {
		text := conflictValueText(c.value)
		shown = append(shown, text)
		if dec.Article != "" && c.article != dec.Article {
			continue
		}
		if o.Value != "" && !sameValueText(o.Value, text, c.value) {
			continue
		}
		match = append(match, c)
	}
	if len(match) == 0 {
		return usageErr("%s: no side of the %s conflict is %s; the values are %s", d.ID, dec.Field, clean(o.Value+dec.Article), strings.Join(dedupStrings(shown), ", "))
	}
	v, err := json.Marshal(match[0].value)
	if err != nil {
		return err
	}
	// Every match states the same value (they matched the same text);
	// the article is kept when it was chosen.
	dec.Value = v
	return nil
}

// sameValueText reports whether what a reviewer typed names a conflict
// value: its text as shown ("$48B", case and spaces aside), or its
// digits ("48000000000").
func sameValueText(typed, shown string, v any) bool {
	norm := func(s string) string {
		return strings.ToLower(strings.Join(strings.Fields(s), ""))
	}
	if norm(typed) == norm(shown) || norm(typed) == norm(strings.TrimPrefix(shown, "$")) {
		return true
	}
	var m extract.Money
	if b, err := json.Marshal(v); err == nil && json.Unmarshal(b, &m) == nil && m.Currency != "" {
		return norm(typed) == m.Value.String() || norm(typed) == norm(m.Value.String()+" "+m.Currency)
	}
	return false
}

func dedupStrings(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// logRecord is one decision in "review log --json".
type logRecord struct {
	Scope string `json:"scope"` // "decision"
	store.Decision
}

func (o *reviewOptions) log(ctx context.Context, env *Env, rest []string) (err error) {
	env, flush := bufferStdout(env)
	defer func() { err = flush(err) }()
	db, err := o.DB.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	var decs []store.Decision
	if len(rest) == 1 {
		l, err := openDesk(db)
		if err != nil {
			return err
		}
		// A deal decided on may have no article any more: its decisions
		// still name it.
		ids, err := l.IDs()
		if err != nil {
			return err
		}
		ids = append(ids, l.Decided()...)
		id, err := findDealID(sortedUniqueStrings(ids), rest[0])
		if err != nil {
			return err
		}
		if decs, err = db.Decisions(id); err != nil {
			return err
		}
	} else if decs, err = db.DecisionLog(); err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, d := range decs {
			if err := enc.Encode(logRecord{"decision", d}); err != nil {
				return fmt.Errorf("write log: %w", err)
			}
		}
		return nil
	}
	if len(decs) == 0 {
		fmt.Fprintln(env.Stdout, "no decisions yet")
		return nil
	}
	for _, d := range decs {
		fmt.Fprintf(env.Stdout, "%4d  %s  %s\n", d.Seq, d.Deal, decisionLine(d))
	}
	return nil
}

func sortedUniqueStrings(ss []string) []string {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return sortedKeys(m)
}

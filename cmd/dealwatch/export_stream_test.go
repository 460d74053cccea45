package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/store"
	"github.com/google/go-cmp/cmp"
	bolt "go.etcd.io/bbolt"
)

// exportFixture builds results for the export tests: several deals
// (one with a revision, one with a per-year conflict, one split by
// month), facts not grounded or unsure (named after their deal), facts
// that name no party (one grounded, in an article with one deal of its
// kind), two facts at one position, an article in another language,
// the same text at two paths read under one name, and keys whose
// order is not their sources' order.
type exportFixture struct {
	t    *testing.T
	path string
	db   *store.DB
	run  uint64
}

func newExportFixture(t *testing.T) *exportFixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "export.db")
	db, err := store.Open(path, &store.Options{NoSync: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &exportFixture{t: t, path: path, db: db}
}

func exUSD(v string) *extract.Money {
	return &extract.Money{Value: figures.MustDecimal(v), Currency: "USD", Qualifier: figures.Exact, Period: figures.Total, Text: v}
}

// exDeal is a grounded, sure fact; parties "Name:role,...", "" for none.
func exDeal(kind extract.Kind, status extract.DealStatus, parties string, amount *extract.Money, evidence string, start int) extract.Deal {
	d := extract.Deal{Kind: kind, Status: status, Amount: amount, Grounded: true, Confidence: 0.9,
		Evidence: extract.Span{Text: evidence, Start: start, End: start + len(evidence)}}
	if parties != "" {
		for _, p := range strings.Split(parties, ",") {
			name, role, _ := strings.Cut(p, ":")
			d.Parties = append(d.Parties, extract.Party{Name: name, Role: extract.Role(role), Mention: name})
		}
	}
	return d
}

func exResult(id, source, pub string, deals ...extract.Deal) *extract.ArticleResult {
	r := &extract.ArticleResult{
		SchemaVersion: extract.SchemaVersion, Status: extract.StatusOK,
		Article:   extract.ArticleInfo{ID: id, Source: source, Lang: "en", LangConfidence: 1, Title: extract.StrPtr("Title of " + id[7:11] + " \x1b[31m=cmd")},
		Extractor: extract.ExtractorInfo{Backend: "test"},
		Deals:     deals,
	}
	if pub != "" {
		r.Article.Published = extract.StrPtr(pub)
	}
	return r
}

// save stores records as one complete run and, unless killed, brings
// the deal snapshot up to it as "dealwatch run" does.
func (f *exportFixture) save(killed bool, recs map[string]*extract.ArticleResult) {
	f.t.Helper()
	run, err := f.db.BeginRun(store.RunInfo{Backend: "test"})
	if err != nil {
		f.t.Fatal(err)
	}
	var rs []store.Record
	for _, key := range sortedKeys(recs) {
		rs = append(rs, store.Record{Key: key, Result: recs[key]})
	}
	if _, err := f.db.SaveBatch(run.ID, rs); err != nil {
		f.t.Fatal(err)
	}
	if killed {
		return
	}
	if _, _, err := snapshotDeals(f.db, run.ID); err != nil {
		f.t.Fatal(err)
	}
	if err := f.db.FinishRun(run.ID, store.RunComplete, ""); err != nil {
		f.t.Fatal(err)
	}
	f.run = run.ID
}

func (f *exportFixture) decide(d store.Decision) {
	f.t.Helper()
	l, err := openDesk(f.db)
	if err != nil {
		f.t.Fatal(err)
	}
	raw, _, err := l.Raw(d.Deal)
	if err != nil {
		f.t.Fatal(err)
	}
	d.By, d.Evidence = "ann", store.EvidenceOf(&raw)
	if _, err := f.db.Decide(context.Background(), d); err != nil {
		f.t.Fatal(err)
	}
}

// firstNight is the fixture's first run.
func (f *exportFixture) firstNight() {
	aws, inv := "Amazon:seller,OpenAI:buyer", "Amazon:investor,OpenAI:investee"
	over := exUSD("138e9")
	over.Qualifier = figures.Over
	revised := exDeal(extract.KindCompute, extract.DealExpanded, aws, over, "sale da 38 a oltre 138 miliardi", 420)
	revised.PreviousAmount = exUSD("38e9")
	perYear := exUSD("30e9")
	perYear.Period = figures.PerYear
	ungrounded := exDeal(extract.KindCompute, extract.DealAnnounced, aws, exUSD("380e9"), "un accordo da 38 miliardi", 700)
	ungrounded.Grounded = false
	unsure := exDeal(extract.KindInvestment, extract.DealAnnounced, "Nvidia:investor,OpenAI:investee", exUSD("30e9"), "Nvidia may invest", 40)
	unsure.Confidence = 0.4
	noParty := exDeal(extract.KindCompute, extract.DealPlanned, "", exUSD("1.4e12"), "a total spend of $1.4 trillion", 900)
	noPartyLoose := exDeal(extract.KindFundingRound, extract.DealPlanned, "", exUSD("5e9"), "a $5 billion round", 60)
	noPartyLoose.Grounded = false
	atOnce := exDeal(extract.KindInvestment, extract.DealCompleted, "Microsoft:investor,OpenAI:investee", exUSD("13e9"), "| Microsoft | OpenAI | $13B | Oracle | $10B |", 5100)
	atOnce2 := exDeal(extract.KindCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", exUSD("10e9"), "| Microsoft | OpenAI | $13B | Oracle | $10B |", 5100)
	atOnce3 := atOnce2
	atOnce3.Grounded = false
	atOnce3.Amount = exUSD("100e9")
	// Names no party, with two deals of its kind in its article: named
	// after the fact not counted at its position.
	atOnce4 := exDeal(extract.KindInvestment, extract.DealCompleted, "", exUSD("13e9"), "| Microsoft | OpenAI | $13B | Oracle | $10B |", 5100)
	// A figure no other article's is near: not counted, named after its
	// deal.
	tiny := exDeal(extract.KindCompute, extract.DealAnnounced, aws, exUSD("20e3"), "hasta US$20.000", 800)
	dup := exResult("sha256:d0d0d0d0d0d0d0d0", "news/dup.txt", "2026-01-10",
		exDeal(extract.KindChipSupply, extract.DealAgreed, "Nvidia:seller,OpenAI:buyer", exUSD("2e9"), "Nvidia will supply chips", 10))
	f.save(false, map[string]*extract.ArticleResult{
		"/news/a.txt": exResult("sha256:a1a1a1a1a1a1a1a1", "news/a.txt", "2025-11-03",
			exDeal(extract.KindCompute, extract.DealAnnounced, aws, exUSD("38e9"), "OpenAI signs with AWS for $38 billion", 420),
			noParty, ungrounded, unsure, tiny),
		"/news/b.txt": exResult("sha256:b2b2b2b2b2b2b2b2", "news/b.txt", "2026-02-27",
			exDeal(extract.KindInvestment, extract.DealAnnounced, inv, exUSD("50e9"), "an investment of 50 billion", 300), revised),
		"/news/c.txt": exResult("sha256:c3c3c3c3c3c3c3c3", "news/c.txt", "",
			exDeal(extract.KindCompute, extract.DealAgreed, "Oracle:seller,OpenAI:buyer", perYear, "30 miliardi l'anno", 3000), noPartyLoose),
		"/news/d.txt": exResult("sha256:c4c4c4c4c4c4c4c4", "news/d.txt", "2026-04",
			exDeal(extract.KindInvestment, extract.DealRejected, inv, exUSD("50e9"), "The $50 billion offer was rejected", 9000),
			atOnce, atOnce2, atOnce3, atOnce4),
		// The same text read at two paths under one name.
		"/mirror/one/dup.txt": dup,
		"/mirror/two/dup.txt": dup,
		// Keys in the other order than their sources.
		"/aaa/last.txt": exResult("sha256:e5e5e5e5e5e5e5e5", "zz/last.txt", "2026-03-02",
			exDeal(extract.KindCompute, extract.DealAgreed, "CoreWeave:seller,Meta:buyer", exUSD("14e9"), "Meta signs a $14 billion deal with CoreWeave", 5)),
		"/zzz/first.txt": exResult("sha256:f6f6f6f6f6f6f6f6", "aa/first.txt", "2026-09-02",
			exDeal(extract.KindCompute, extract.DealAgreed, "CoreWeave:seller,Meta:buyer", exUSD("20e9"), "Meta signs a new $20 billion deal with CoreWeave", 5)),
		"/news/fr.txt": {SchemaVersion: extract.SchemaVersion, Status: extract.StatusUnsupported,
			Article: extract.ArticleInfo{ID: "sha256:0f0f0f0f0f0f0f0f", Source: "news/fr.txt", Lang: "fr"}, Extractor: extract.ExtractorInfo{Backend: "test"}},
	})
}

// exports returns the outputs of both exports in every format.
func exportOutputs(t *testing.T, db *store.DB, write func(out *rowWriter, deals bool) error) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, deals := range []bool{false, true} {
		for _, asJSON := range []bool{false, true} {
			var buf bytes.Buffer
			cols := exportColumns
			if deals {
				cols = dealColumns
			}
			out := newRowWriter(&buf, asJSON, true, cols)
			if err := write(out, deals); err != nil {
				t.Fatal(err)
			}
			if err := out.finish(); err != nil {
				t.Fatal(err)
			}
			got[fmt.Sprintf("deals=%v json=%v", deals, asJSON)] = buf.String()
		}
	}
	return got
}

// compareExports checks that the exports from the export index are
// byte for byte those of the code that read (and reconciled) the whole
// store first, and, when streamed is set, that they came from the index.
func compareExports(t *testing.T, path string, streamed bool) {
	t.Helper()
	compareExportsEach(t, path, streamed, streamed)
}

// compareExportsEach is compareExports with whether the per-article
// export (articles) and export --deals (dealsStreamed) come from the
// index.
func compareExportsEach(t *testing.T, path string, articles, dealsStreamed bool) {
	t.Helper()
	db, err := store.Open(path, &store.Options{ReadOnly: true, Reconciler: reconcilerID()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	want := map[string]string{}
	for _, deals := range []bool{false, true} {
		for _, asJSON := range []bool{false, true} {
			var buf bytes.Buffer
			var err error
			if deals {
				err = oldExportDeals(&buf, db, asJSON, true)
			} else {
				err = oldExportArticles(&buf, db, asJSON, true)
			}
			if err != nil {
				t.Fatal(err)
			}
			want[fmt.Sprintf("deals=%v json=%v", deals, asJSON)] = buf.String()
		}
	}
	got := exportOutputs(t, db, func(out *rowWriter, deals bool) error {
		var ok bool
		var err error
		if deals {
			l, lerr := openDesk(db)
			if lerr != nil {
				return lerr
			}
			ok, err = exportDealsStream(out, l)
		} else {
			ok, err = exportArticlesStream(out, db)
		}
		if err != nil {
			return err
		}
		if want := map[bool]bool{false: articles, true: dealsStreamed}[deals]; ok != want {
			t.Errorf("export (deals %v) from the export index: %v, want %v", deals, ok, want)
		}
		if !ok {
			if deals {
				l, err := openDesk(db)
				if err != nil {
					return err
				}
				return exportDealsAll(out, db, l)
			}
			return exportArticlesReconciled(out, db)
		}
		return nil
	})
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("exports differ from the whole-store exports (-old +new):\n%s", d)
	}
	// The command gives the same bytes.
	for _, args := range [][]string{{"export", "--bom"}, {"export", "--json"}, {"export", "--deals", "--bom"}, {"export", "--deals", "--json"}} {
		stdout, stderr, code := runCLI(t, nil, append(args, "--db", path)...)
		key := fmt.Sprintf("deals=%v json=%v", len(args) > 1 && args[1] == "--deals", args[len(args)-1] == "--json")
		if code != 0 || stdout != want[key] {
			t.Errorf("dealwatch %v: exit %d, %s; output differs from the whole-store export: %s", args, code, stderr, cmp.Diff(want[key], stdout))
		}
	}
}

// TestExportStreamed: both exports, from the export index a run keeps
// with the deal snapshot, write the same bytes as the whole-store code
// they replace: after a first run, with reviewers' decisions, after a
// night that changes articles (the index updated in place), while a
// killed run's articles are not in the snapshot (the fallback), and
// after a dealwatch without the index changed the snapshot (the next
// run rebuilds it).
func TestExportStreamed(t *testing.T) {
	f := newExportFixture(t)
	f.firstNight()
	compareExports(t, f.path, true)

	// Decisions: a deal rejected whole, an article of another rejected,
	// a conflict resolved, a deal confirmed.
	f.decide(store.Decision{Deal: "coreweave+meta/compute_contract", Action: store.Reject})
	f.decide(store.Decision{Deal: "amazon+openai/compute_contract", Action: store.Reject, Article: "sha256:a1a1a1a1a1a1a1a1"})
	f.decide(store.Decision{Deal: "openai+oracle/compute_contract", Action: store.Resolve, Article: "sha256:c3c3c3c3c3c3c3c3"})
	f.decide(store.Decision{Deal: "nvidia+openai/chip_supply", Action: store.Confirm})
	compareExports(t, f.path, true)

	// A night: an article changes (its AWS figure moves to 40B and its
	// unsure Nvidia fact goes), one is new, and the keys of a deal
	// split by month.
	later := exDeal(extract.KindCompute, extract.DealAgreed, "CoreWeave:seller,Meta:buyer", exUSD("9e9"), "Meta and CoreWeave add $9 billion", 7)
	f.save(false, map[string]*extract.ArticleResult{
		"/news/a.txt": exResult("sha256:a7a7a7a7a7a7a7a7", "news/a.txt", "2025-11-04",
			exDeal(extract.KindCompute, extract.DealAnnounced, "Amazon:seller,OpenAI:buyer", exUSD("40e9"), "OpenAI signs with AWS for $40 billion", 420),
			exDeal(extract.KindCompute, extract.DealPlanned, "", exUSD("1.4e12"), "a total spend of $1.4 trillion", 900)),
		"/news/e.txt": exResult("sha256:e8e8e8e8e8e8e8e8", "news/e.txt", "2027-05-01", later),
		// An earlier episode of a deal: the unchanged articles' episodes
		// get other ids.
		"/news/g.txt": exResult("sha256:9a9a9a9a9a9a9a9a", "news/g.txt", "2025-06-01",
			exDeal(extract.KindCompute, extract.DealAgreed, "CoreWeave:seller,Meta:buyer", exUSD("5e9"), "Meta signs a first $5 billion deal with CoreWeave", 3)),
		// A later report of a deal: it moves up in export --deals.
		"/news/h.txt": exResult("sha256:abababababababab", "news/h.txt", "2026-06-15",
			exDeal(extract.KindInvestment, extract.DealCompleted, "Microsoft:investor,OpenAI:investee", exUSD("13e9"), "Microsoft's $13 billion in OpenAI", 12)),
	})
	compareExports(t, f.path, true)
	// The index keeps nothing of the id the changed article had.
	if n := exportEntries(t, f, "a"+"sha256:a1a1a1a1a1a1a1a1"+"\x00"); n != 0 {
		t.Errorf("the export index keeps %d entries of an article's former id", n)
	}
	if n := exportEntries(t, f, "a"+"sha256:a7a7a7a7a7a7a7a7"+"\x00"); n == 0 {
		t.Errorf("the export index has no entry of the changed article's id")
	}

	// A killed run stored an article: the snapshot is not current, the
	// exports reconcile the stored results.
	f.save(true, map[string]*extract.ArticleResult{
		"/news/b.txt": exResult("sha256:b9b9b9b9b9b9b9b9", "news/b.txt", "2026-02-28",
			exDeal(extract.KindInvestment, extract.DealAnnounced, "Amazon:investor,OpenAI:investee", exUSD("60e9"), "an investment of 60 billion", 300)),
	})
	compareExports(t, f.path, false)
	f.save(false, nil)
	compareExports(t, f.path, true)

	// A dealwatch without the export index ran last: its snapshot is
	// used by deals, not by the exports, and this dealwatch's next run
	// rebuilds the index even though nothing changed.
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(f.path, 0o644, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("dealexp")) }); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if f.db, err = store.Open(f.path, &store.Options{NoSync: true, Reconciler: reconcilerID()}); err != nil {
		t.Fatal(err)
	}
	compareExports(t, f.path, false)
	f.save(false, nil)
	compareExports(t, f.path, true)

	// A source the index cannot order (a 0x00 in it): the per-article
	// export reconciles, export --deals still streams.
	f.save(false, map[string]*extract.ArticleResult{
		"/news/nul.txt": exResult("sha256:cdcdcdcdcdcdcdcd", "news/n\x00ul.txt", "2026-07-01",
			exDeal(extract.KindCompute, extract.DealAgreed, "Amazon:seller,OpenAI:buyer", exUSD("138e9"), "AWS and OpenAI: $138 billion", 30)),
	})
	compareExportsEach(t, f.path, false, true)
}

// exportEntries counts the keys of the export index that start with
// prefix (the fixture's store is closed and opened again around it).
func exportEntries(t *testing.T, f *exportFixture, prefix string) int {
	t.Helper()
	if err := f.db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := bolt.Open(f.path, 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	b.View(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte("dealexp")).Cursor()
		for k, _ := c.Seek([]byte(prefix)); k != nil && strings.HasPrefix(string(k), prefix); k, _ = c.Next() {
			n++
		}
		return nil
	})
	b.Close()
	if f.db, err = store.Open(f.path, &store.Options{NoSync: true, Reconciler: reconcilerID()}); err != nil {
		t.Fatal(err)
	}
	return n
}

// oldExportArticles is "dealwatch export" as it was before the export
// index: every result read and reconciled before the first row.
func oldExportArticles(bw io.Writer, db *store.DB, asJSON, bom bool) error {
	results, err := db.Latest()
	if err != nil {
		return fmt.Errorf("read latest results: %w", err)
	}
	ix := newDealIndex(reconcileOptions().Reconcile(results), reconcileOptions().Unverified(results))
	type fact struct {
		r   *extract.ArticleResult
		key string
		d   extract.Deal
	}
	var facts []fact
	for i := range results {
		r := &results[i]
		keys := store.DealKeys(r.Deals)
		for j, d := range r.Deals {
			facts = append(facts, fact{r, keys[j], d})
		}
	}
	sort.SliceStable(facts, func(i, j int) bool {
		a, b := facts[i], facts[j]
		if a.r.Article.Source != b.r.Article.Source {
			return a.r.Article.Source < b.r.Article.Source
		}
		return a.d.Evidence.Start < b.d.Evidence.Start
	})
	if asJSON {
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, f := range facts {
			r := f.r
			l := exportLine{Article: r.Article.ID, Source: r.Article.Source, Title: r.Article.Title, Published: r.Article.Published, Lang: r.Article.Lang,
				Key: f.key, DealID: ix.of(r.Article.ID, f.d), Deal: f.d}
			if err := enc.Encode(l); err != nil {
				return fmt.Errorf("write deal: %w", err)
			}
		}
		return nil
	}
	if bom {
		io.WriteString(bw, utf8BOM)
	}
	w := csv.NewWriter(bw)
	w.Write(exportColumns)
	for _, f := range facts {
		w.Write(csvRow(exportRow(*f.r, f.key, ix.of(f.r.Article.ID, f.d), f.d)))
	}
	w.Flush()
	return w.Error()
}

// oldCapacityGW is capacityGW as it was before the export index.
func oldCapacityGW(d *extract.ReconciledDeal) *float64 {
	for i := len(d.History) - 1; i >= 0; i-- {
		h := d.History[i]
		if h.Relation == extract.RelConflict {
			continue
		}
		total, any := 0.0, false
		for _, c := range h.Capacity {
			switch strings.ToUpper(c.Unit) {
			case "GW":
				total += c.Value.Float64()
				any = true
			case "MW":
				total += c.Value.Float64() / 1000
				any = true
			}
		}
		if any {
			return &total
		}
	}
	return nil
}

// oldExportDeals is "dealwatch export --deals" as it was before the
// export index: every deal read and sorted before the first row.
func oldExportDeals(w io.Writer, db *store.DB, asJSON, bom bool) error {
	l, err := openDesk(db)
	if err != nil {
		return err
	}
	var rows []dealRow
	var articles []string
	var deals []store.ReviewedDeal
	ids, err := l.IDs()
	if err != nil {
		return err
	}
	for _, id := range ids {
		rd, err := l.Reviewed(id)
		if err != nil {
			return err
		}
		if rd.State == store.StateRejected {
			continue
		}
		deals = append(deals, rd)
		for _, h := range rd.Deal.History {
			articles = append(articles, h.Article)
		}
	}
	arts, err := db.ArticlesByID(articles)
	if err != nil {
		return err
	}
	for _, rd := range deals {
		d := &rd.Deal
		r := dealRow{Scope: "deal", ID: d.ID, Kind: d.Kind, Parties: d.Parties, Stage: d.Current.Status, Confirmation: d.Current.Confirmation,
			Review: rd.State, Conflicts: len(d.Conflicts), Sources: d.Sources(), AsOf: d.Current.AsOf, Article: d.Current.Article, CapacityGW: oldCapacityGW(d)}
		if r.Parties == nil {
			r.Parties = []string{}
		}
		if m := d.Current.Amount; m != nil {
			v := m.Value
			r.Amount, r.AmountMax, r.Currency, r.Qualifier, r.Period = &v, m.Max, m.Currency, m.Qualifier, m.Period
		}
		for _, h := range d.History {
			if a, ok := arts[h.Article]; ok {
				if s := storeTime(a.FirstSeen); r.FirstSeen == "" || s < r.FirstSeen {
					r.FirstSeen = s
				}
				if s := storeTime(a.LastSeen); s > r.LastSeen {
					r.LastSeen = s
				}
			}
			if h.AsOf != nil && *h.AsOf != "" {
				if r.FirstReport == "" || *h.AsOf < r.FirstReport {
					r.FirstReport = *h.AsOf
				}
				if *h.AsOf > r.LastReport {
					r.LastReport = *h.AsOf
				}
			}
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].LastReport != rows[j].LastReport {
			return rows[i].LastReport > rows[j].LastReport
		}
		return rows[i].ID < rows[j].ID
	})
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, r := range rows {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("write deal: %w", err)
			}
		}
		return nil
	}
	if bom {
		io.WriteString(w, utf8BOM)
	}
	cw := csv.NewWriter(w)
	cw.Write(dealColumns)
	for _, r := range rows {
		cw.Write(csvRow(r.cells()))
	}
	cw.Flush()
	return cw.Error()
}

// TestRowWriterFlushes: an export's header and its first row reach the
// output at once, through the buffers; later rows at least every
// rowFlushEvery.
func TestRowWriterFlushes(t *testing.T) {
	for _, asJSON := range []bool{false, true} {
		var out bytes.Buffer
		bw := bufio.NewWriterSize(&out, 64<<10)
		w := newRowWriter(bw, asJSON, false, []string{"a", "b"})
		if err := w.begin(); err != nil {
			t.Fatal(err)
		}
		if !asJSON && out.String() != "a,b\n" {
			t.Errorf("after begin the output is %q, want the header", out.String())
		}
		row := func(s string) {
			if err := w.write(map[string]string{"a": s}, func() []string { return []string{s, s} }); err != nil {
				t.Fatal(err)
			}
		}
		row("first")
		if !strings.Contains(out.String(), "first") {
			t.Errorf("json %v: the first row is not in the output at once: %q", asJSON, out.String())
		}
		row("second")
		time.Sleep(rowFlushEvery)
		row("third")
		if !strings.Contains(out.String(), "third") {
			t.Errorf("json %v: a row after %v is not in the output: %q", asJSON, rowFlushEvery, out.String())
		}
	}
}

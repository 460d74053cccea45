package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/figures"
	"github.com/dealwatch/dealwatch/store"
)

// csvRow makes every cell safe for a spreadsheet: control characters
// dropped (new lines and tabs become spaces), formulas neutralised
// (csvCell).
func csvRow(cells []string) []string {
	for i, c := range cells {
		cells[i] = csvCell(strings.Map(func(r rune) rune {
			switch {
			case r == '\n' || r == '\r' || r == '\t':
				return ' '
			case unicode.IsControl(r):
				return -1
			}
			return r
		}, c))
	}
	return cells
}

// utf8BOM lets Excel read the CSV as UTF-8 (--bom).
const utf8BOM = "\ufeff"

// dealIndex finds the reconciled deal of each article's fact, so the
// per-article export names the deal "deals" and "history" use.
type dealIndex struct {
	byArticle  map[string][]*extract.ReconciledDeal
	unverified map[string]string // article + evidence start → deal id
}

func newDealIndex(deals []extract.ReconciledDeal, unverified []extract.UnverifiedFact) *dealIndex {
	ix := &dealIndex{byArticle: map[string][]*extract.ReconciledDeal{}, unverified: map[string]string{}}
	for i := range deals {
		d := &deals[i]
		seen := map[string]bool{}
		for _, h := range d.History {
			if !seen[h.Article] {
				seen[h.Article] = true
				ix.byArticle[h.Article] = append(ix.byArticle[h.Article], d)
			}
		}
	}
	for _, u := range unverified {
		ix.unverified[u.Article+"\x00"+strconv.Itoa(u.Deal.Evidence.Start)] = u.DealID
	}
	return ix
}

// of returns the deal id of fact d of article, "" when it belongs to
// none (it names no party).
func (ix *dealIndex) of(article string, d extract.Deal) string {
	if !d.Grounded || d.Unsure() {
		return ix.unverified[article+"\x00"+strconv.Itoa(d.Evidence.Start)]
	}
	names := map[string]bool{}
	for _, p := range d.Parties {
		names[strings.ToLower(strings.Join(strings.Fields(p.Name), " "))] = true
	}
	var sameKind []string
	for _, rd := range ix.byArticle[article] {
		if rd.Kind != d.Kind && !(d.Kind == "" && rd.Kind == extract.KindOther) {
			continue
		}
		sameKind = append(sameKind, rd.ID)
		if len(rd.Parties) != len(names) {
			continue
		}
		all := true
		for _, p := range rd.Parties {
			if !names[strings.ToLower(p)] {
				all = false
				break
			}
		}
		if all {
			return rd.ID
		}
	}
	if len(sameKind) == 1 {
		return sameKind[0]
	}
	if v := ix.unverified[article+"\x00"+strconv.Itoa(d.Evidence.Start)]; v != "" {
		return v
	}
	return ""
}

// dealRow is one reconciled deal in "export --deals".
type dealRow struct {
	Scope        string               `json:"scope"` // "deal"
	ID           string               `json:"id"`
	Kind         extract.Kind         `json:"kind"`
	Parties      []string             `json:"parties"`
	Amount       *figures.Decimal     `json:"amount"`
	AmountMax    *figures.Decimal     `json:"amount_max"`
	Currency     string               `json:"currency"`
	Qualifier    figures.Qualifier    `json:"qualifier"`
	Period       figures.Period       `json:"period"`
	CapacityGW   *float64             `json:"capacity_gw"`
	Stage        extract.DealStatus   `json:"stage"`
	Confirmation extract.Confirmation `json:"confirmation"`
	Review       store.ReviewState    `json:"review"`
	Conflicts    int                  `json:"conflicts"`
	Sources      int                  `json:"sources"`
	AsOf         *string              `json:"as_of"`
	Article      string               `json:"article"`
	FirstSeen    string               `json:"first_seen"`
	LastSeen     string               `json:"last_seen"`
	FirstReport  string               `json:"first_reported"`
	LastReport   string               `json:"last_reported"`
}

var dealColumns = []string{
	"id", "kind", "parties", "amount", "amount_max", "currency", "qualifier", "period", "capacity_gw",
	"stage", "confirmation", "review", "conflicts", "sources", "as_of", "article",
	"first_seen", "last_seen", "first_reported", "last_reported",
}

func (r dealRow) cells() []string {
	dec := func(d *figures.Decimal) string {
		if d == nil {
			return ""
		}
		return d.String()
	}
	gw := ""
	if r.CapacityGW != nil {
		gw = strconv.FormatFloat(*r.CapacityGW, 'f', -1, 64)
	}
	return []string{
		r.ID, string(r.Kind), strings.Join(r.Parties, "; "), dec(r.Amount), dec(r.AmountMax), r.Currency, string(r.Qualifier), string(r.Period), gw,
		string(r.Stage), string(r.Confirmation), string(r.Review), strconv.Itoa(r.Conflicts), strconv.Itoa(r.Sources), strVal(r.AsOf), r.Article,
		r.FirstSeen, r.LastSeen, r.FirstReport, r.LastReport,
	}
}

// dealRowOf is the row of a deal's digest; seen says when the articles
// behind it were seen (those the store knows).
func dealRowOf(d *store.DealDigest, seen []store.ArticleSeen) dealRow {
	r := dealRow{Scope: "deal", ID: d.ID, Kind: d.Kind, Parties: d.Parties, Stage: d.Current.Status, Confirmation: d.Current.Confirmation,
		Review: d.State, Conflicts: d.Conflicts, Sources: d.Sources, AsOf: d.Current.AsOf, Article: d.Current.Article, CapacityGW: d.CapacityGW,
		FirstReport: d.FirstReport, LastReport: d.LastReport}
	if r.Parties == nil {
		r.Parties = []string{}
	}
	if m := d.Current.Amount; m != nil {
		v := m.Value
		r.Amount, r.AmountMax, r.Currency, r.Qualifier, r.Period = &v, m.Max, m.Currency, m.Qualifier, m.Period
	}
	for _, a := range seen {
		if s := storeTime(a.FirstSeen); r.FirstSeen == "" || s < r.FirstSeen {
			r.FirstSeen = s
		}
		if s := storeTime(a.LastSeen); s > r.LastSeen {
			r.LastSeen = s
		}
	}
	return r
}

// exportDeals writes one row per reconciled deal, decisions applied,
// newest report first (then by id): a stable order a person can read.
// From a current deal snapshot with its export index it writes each
// row as it reads it; otherwise it reads every deal first.
func exportDeals(w io.Writer, db *store.DB, asJSON, bom bool) error {
	l, err := openDesk(db)
	if err != nil {
		return err
	}
	out := newRowWriter(w, asJSON, bom, dealColumns)
	if err := out.begin(); err != nil {
		return err
	}
	ok, err := exportDealsStream(out, l)
	if err != nil {
		return err
	}
	if !ok {
		if err := exportDealsAll(out, db, l); err != nil {
			return err
		}
	}
	return out.finish()
}

// exportDealsStream writes the rows from the export index; ok is false,
// and nothing is written, when it is not current.
func exportDealsStream(out *rowWriter, l *store.Desk) (ok bool, err error) {
	var werr error // an error of the output, returned as it is
	ok, err = l.EachDealDigest(func(d *store.DealDigest, seen []store.ArticleSeen) error {
		r := dealRowOf(d, seen)
		werr = out.write(r, r.cells)
		return werr
	})
	if werr != nil {
		return ok, werr
	}
	return ok, err
}

// exportDealsAll writes the rows of every deal of the desk, read (and
// sorted) first.
func exportDealsAll(out *rowWriter, db *store.DB, l *store.Desk) error {
	var digests []store.DealDigest
	var articles []string
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
		d := store.DigestOf(&rd.Deal, rd.State)
		digests = append(digests, d)
		articles = append(articles, d.Articles...)
	}
	arts, err := db.ArticlesByID(articles)
	if err != nil {
		return err
	}
	sort.SliceStable(digests, func(i, j int) bool { return store.ExportLess(&digests[i], &digests[j]) })
	for i := range digests {
		d := &digests[i]
		var seen []store.ArticleSeen
		for _, id := range d.Articles {
			if a, ok := arts[id]; ok {
				seen = append(seen, store.ArticleSeen{FirstSeen: a.FirstSeen, LastSeen: a.LastSeen})
			}
		}
		r := dealRowOf(d, seen)
		if err := out.write(r, r.cells); err != nil {
			return err
		}
	}
	return nil
}

// rowWriter writes the rows of an export as CSV, with a header and
// every cell made safe by csvRow, or as JSON Lines. When w buffers
// (has a Flush method) it is flushed after the first row and then at
// least every rowFlushEvery, so the rows reach the output as they are
// made, however slowly (a deal with thousands of sources).
type rowWriter struct {
	w       io.Writer
	enc     *json.Encoder
	csv     *csv.Writer
	header  []string
	bom     bool
	started bool
	rows    int       // rows written
	flushed time.Time // when w was last flushed
}

// rowFlushEvery is how long rows may wait in the buffers.
const rowFlushEvery = 50 * time.Millisecond

// newRowWriter writes JSON Lines when asJSON, else CSV with header (and
// a byte order mark first when bom).
func newRowWriter(w io.Writer, asJSON, bom bool, header []string) *rowWriter {
	f := &rowWriter{w: w, bom: bom, header: header}
	if asJSON {
		f.enc = json.NewEncoder(w)
		f.enc.SetEscapeHTML(false)
	} else {
		f.csv = csv.NewWriter(w)
	}
	return f
}

// begin writes the CSV's byte order mark and header, if any, to the
// output at once: both exports call it before reading the store.
func (f *rowWriter) begin() error {
	f.start()
	return f.flush()
}

// start writes the CSV's byte order mark and header, once.
func (f *rowWriter) start() {
	if f.started || f.csv == nil {
		return
	}
	f.started = true
	if f.bom {
		io.WriteString(f.w, utf8BOM)
	}
	f.csv.Write(f.header)
}

// write writes one row: v as JSON, or its cells as CSV.
func (f *rowWriter) write(v any, cells func() []string) error {
	if f.enc != nil {
		if err := f.enc.Encode(v); err != nil {
			return fmt.Errorf("write deal: %w", err)
		}
	} else {
		f.start()
		if err := f.csv.Write(csvRow(cells())); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	if f.rows++; f.rows == 1 || time.Since(f.flushed) >= rowFlushEvery {
		return f.flush()
	}
	return nil
}

// flush pushes the rows written so far through the buffers.
func (f *rowWriter) flush() error {
	f.flushed = time.Now()
	if f.csv != nil {
		f.csv.Flush()
		if err := f.csv.Error(); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
	}
	if b, ok := f.w.(interface{ Flush() error }); ok {
		if err := b.Flush(); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	return nil
}

// finish writes what is buffered (the header of an empty CSV too).
func (f *rowWriter) finish() error {
	if f.csv == nil {
		return nil
	}
	f.start()
	f.csv.Flush()
	if err := f.csv.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
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

// capacityGW is the power capacity of the deal's latest view that
// states one (GW and MW summed, in GW), nil when none does.
func capacityGW(d *extract.ReconciledDeal) *float64 {
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

// exportDeals writes one row per reconciled deal, decisions applied,
// newest report first (then by id): a stable order a person can read.
func exportDeals(w io.Writer, db *store.DB, asJSON, bom bool) error {
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
			Review: rd.State, Conflicts: len(d.Conflicts), Sources: d.Sources(), AsOf: d.Current.AsOf, Article: d.Current.Article, CapacityGW: capacityGW(d)}
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
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

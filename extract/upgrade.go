package extract

import (
	"encoding/json"
)

// UnmarshalJSON reads an ArticleResult of any schema version this
// program knows and returns it in the current shape: a version-1 result
// is upgraded with UpgradeResult, and StoredSchema remembers that it was
// written as version 1 (so a diff can say a change is the schema's).
func (r *ArticleResult) UnmarshalJSON(b []byte) error {
	type plain ArticleResult
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*r = ArticleResult(p)
	UpgradeResult(r)
	return nil
}

// UpgradeResult brings a result read from an older schema to the
// current one, in place. Results of the current version are unchanged.
//
// Version 1 had no Confirmation and Mention, and its status mixed the
// stage with how sure the article was. A version-1 deal is read as
// version 1 meant it (see UpgradeDeal); the result's SchemaVersion
// becomes SchemaVersion and StoredSchema keeps the old one.
func UpgradeResult(r *ArticleResult) {
	if r.SchemaVersion >= SchemaVersion || r.SchemaVersion == 0 {
		return
	}
	r.StoredSchema = r.SchemaVersion
	r.SchemaVersion = SchemaVersion
	for i := range r.Deals {
		UpgradeDeal(&r.Deals[i])
	}
}

// UpgradeDeal fills a deal's schema-2 fields from its schema-1 status
// when they are missing, in place; a deal already in schema 2 is
// unchanged. Backends that predate schema 2 (and models answering in
// the schema-1 shape) go through it too:
//
//   - status "reported" (unconfirmed, per sources) becomes confirmation
//     reported, with the stage taken from the rest of the deal: expanded
//     when it states a previous amount or an increment, else announced;
//   - status "predicted" becomes confirmation forecast, stage announced;
//   - any other status is a stage the article stated: confirmation
//     confirmed;
//   - a missing mention is news.
func UpgradeDeal(d *Deal) {
	switch d.Status {
	case DealReportedV1, DealPredictedV1:
		if d.Confirmation == "" {
			d.Confirmation = Reported
			if d.Status == DealPredictedV1 {
				d.Confirmation = Forecast
			}
		}
		d.Status = DealAnnounced
		if d.PreviousAmount != nil || d.Increment != nil {
			d.Status = DealExpanded
		}
	case "":
		d.Status = DealAnnounced
	}
	if d.Confirmation == "" {
		d.Confirmation = Confirmed
	}
	if d.Mention == "" {
		d.Mention = MentionNews
	}
}

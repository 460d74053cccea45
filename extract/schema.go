package extract

import _ "embed"

// ArticleResultSchema is article-result.schema.json, the fixed contract of
// one ArticleResult (dealwatch extract --json prints one per line).
//
//go:embed schema/article-result.schema.json
var ArticleResultSchema []byte

// ReconciledDealSchema is reconciled-deal.schema.json, the fixed contract
// of one ReconciledDeal (dealwatch deals --json prints one per line).
//
//go:embed schema/reconciled-deal.schema.json
var ReconciledDealSchema []byte

// DiffSchema is diff.schema.json, the contract of one line of
// "dealwatch diff --json".
//
//go:embed schema/diff.schema.json
var DiffSchema []byte

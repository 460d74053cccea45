// Package rules is the offline deal backend of dealwatch: a deterministic
// reading of the deals an Italian, Spanish or English article states,
// with no network, no key and the same answer every time. It satisfies
// extract.Extractor and is the default backend of extract and run; the
// LLM backend is checked against it.
//
// # Basics
//
// New builds an Extractor from the embedded gazetteer (entities.json:
// one company per entry, canonical name, aliases, cloud aliases, types,
// people), optionally extended with user files (--entities). Extract
// reads an article in five steps:
//
//   - splitSentences cuts the text into sentences that survive "$1.4",
//     "Sr.", "U.S." and abbreviations in three languages; a Markdown table
//     row is one record read with its header.
//   - The Gazetteer finds company mentions (whole words, case-sensitive,
//     longest alias first); unknown.go finds companies it lacks by how the
//     text introduces them ("la startup milanese X", "X S.p.A.", "X
//     raised") and writes each under one name per article ("Kairos" and
//     "Kairos Compute" are one company); figures.Parse finds money, capacity, counts,
//     durations and dates; the lexicon (lexicon.json) finds cue words per
//     language: deal kinds, statuses, revisions, tranches, purposes, and
//     what is not a deal (revenue, valuation, stock moves, prices).
//   - Each sentence's deal amounts become groups: an amount with its
//     revision ("sale da 38 a oltre 138 miliardi" -> previous_amount),
//     tranches ("15 immediati, 35 legati a condizioni", which inherit the
//     amount's scale and currency), capacity with purpose and hardware.
//     Each group owns a clause of the sentence; its parties are the
//     companies nearest its figures in that clause, the sentence's
//     subject, or the article's main actors (from title and lead) when
//     one side is only implied ("una nuova intesa anche con Nvidia").
//   - Kind, roles and status come from cue words weighted by distance,
//     word order ("X invests in Y", "ha offerto a OpenAI", "a takeover
//     approach from X", "sell ... to X") and company types (a cloud sells
//     compute, a chip maker supplies chips). A company in an apposition
//     ("X, backed by Y,") or named as a hardware brand ("Nvidia GB300") is
//     no party unless nothing else is named; capacity that only one
//     company has, with no deal word, is its own, not a deal.
//   - A sentence can state two deals: "2.000 GPU Nvidia e una nuova intesa
//     con Mistral", "add 20,000 GPUs and has signed a 120MW lease with X".
//     A coordinated deal noun splits the clause; companies on one side are
//     no sides of the other's figures. A bullet item "- X: 50,000 GPUs"
//     under a lead-in ending with a colon is one record between X and the
//     company the lead-in names. Subjects come back from pronouns ("It is
//     seeking to raise"), fund nouns ("El fondo ... tras comprar QTS"),
//     gapped clauses ("e Nvidia fino a 10 miliardi"), absolute clauses
//     ("with Google backstopping $1.4bn") and consortium lists.
//   - Money that is no deal: revenue, valuation, assets under management,
//     a company's funding needs, market-wide forecasts, strategic plans,
//     and a currency conversion in parentheses ("2,1 miliardi di dollari
//     (circa 1,8 miliardi di euro)" is one amount, in dollars). A deal a
//     party denies ("ha smentito l'indiscrezione su") is kept with
//     confirmation denied.
//   - When the parties of a figure are uncertain, the rules emit nothing
//     rather than a guessed pair. A digest (a title saying "weekly",
//     "resumen semanal", "rassegna"... over Markdown sections) never pairs
//     a figure with the article's main actor; nor does an analyst's
//     forecast ("Morgan Stanley analysts expect X to sign $10bn"), a
//     figure whose only company is a hardware brand, a project's own cost
//     ("El proyecto ..., con una inversión total de ... por parte de X"),
//     or money into the spender's own assets ("en sus centros de datos").
//     A table row of one company with no other side (its revenue, its
//     backlog) is no deal, and a row whose cell is a sentence ("Nvidia
//     entra nel capitale di Nokia | 1 miliardo") is read like prose.
//     "The company" / "it" opening a sentence is the one company the
//     sentence before names as its subject; when that sentence names it
//     only by a descriptor, after a preposition or in a relative clause
//     ("The company, which was spun out of Yandex"), the reference goes
//     back to the main actor named last (refSubject), and a reference
//     further into the sentence is a guess. A specific company noun ("la
//     promotora", "the developer") stands for the one company the article
//     introduced with it ("la promotora madrileña X", "X, a Denver-based
//     developer"). A round whose named companies all put money in ("guidato
//     da X, con la partecipazione di Y") takes its raiser from the subject
//     or a reference, else is no deal. In a headline, a company another
//     comma item names after a preposition ("..., sells stake to X") is
//     no side of this item's figure. Bonds and notes sold to the market, and text
//     saying "not a deal", are no deals.
//   - Signed agreements without figures ("ha firmado un acuerdo de
//     colaboración con X") and table rows whose value is undisclosed are
//     deals without an amount.
//   - Repetitions of a deal in title, lead, body and tables merge into one
//     fact with the best evidence sentence; the status keeps the latest
//     state the article states (an offer later rejected is rejected).
//
// Every figure keeps the offsets figures.Parse gave it, so Grounded is
// true by construction; Confidence counts the cues that agreed.
//
// # Where each decision is taken
//
// The logic is split by stage; the cue words are data in lexicon.json
// (categories per language, and named word lists), the companies in
// entities.json.
//
//   - rules.go: the Extractor (New, Extract, Info).
//   - document.go: one article read end to end: sentences, mentions,
//     figures, the article's main actors, digests, and the loop over
//     sentences that collects candidates.
//   - sentences.go, numbers.go, places.go, hardware.go: sentence splitting,
//     number words and durations, place names, hardware names.
//   - gazetteer.go, unknown.go, mentions.go: who a mention is (gazetteer,
//     companies found by how the text introduces them: legal forms,
//     business words "Orobica Compute", subsidiaries "Enel Chile",
//     acronyms "Banco Europeo de Inversiones (BEI)", boards, rejections),
//     appositions, owners, product qualifiers, and parties recovered from
//     pronouns (prevSubject, refSubject), fund nouns, gapped and absolute
//     clauses, consortia.
//   - descriptors.go: checked descriptors ("the Redmond giant", "la
//     compañía japonesa") from the gazetteer's hq and country.
//   - money.go: which money is a deal (deal money vs revenue, valuation,
//     capex, stock, bonds...), revisions ("da 38 a 138"), tranches,
//     capacity.
//   - attribution.go: which companies are a figure's parties: clauses,
//     nearest companies, coordinated deals, bullet records, forecasters.
//   - kindstatus.go: the kind, the stage, the confirmation and the
//     mention of a deal from cue words (labels, status, confirmation,
//     mention).
//   - roles.go: each party's role (word order, prepositions, company
//     types) and word patterns naming buyers, targets, raisers.
//   - candidates.go: one candidate deal per figure group; distributive
//     amounts ("each") split per company; increments; "the company"
//     resolved to the subject before.
//   - candidate_parties.go: a candidate's score and confidence; company
//     nouns resolved to the company introduced with them (introducedRef);
//     rounds of investors only (investorsOnly, roundRaiser).
//   - agreements.go: deals without figures (signed agreements, vague
//     amounts, distribution of a lab's models).
//   - rows.go: Markdown table rows and list items read as records.
//   - merge.go: repetitions of a deal merged into one fact; which status
//     and evidence win.
//
// # Stage and confirmation
//
// Stage (Deal.Status) is how far a deal is, confirmation how sure the
// article is of it; the precedence between confirmations is written once,
// on extract.Confirmation, and merge.go's confRankOf follows it. The
// rules read the stage from the cue nearest the figures: rejected,
// cancelled, expanded (a revision "da X a Y", "ampliato di X"), offered;
// then an intention stated before a signature is planned ("plans to
// sign"), a signature or a closing is agreed or completed, and a future
// tense alone ("investirà", "will buy") is announced, not planned. A
// deal denied by a party is at most planned. Mention is background for
// a recalled deal: a pluperfect ("aveva firmato", "had signed"), "last
// year", or a year before the article's.
//
// # Confidence
//
// A deal one of whose sides the rules did not read (the article's other
// main actor filled in, see GuessConfidence), or a deal of one company
// that is no round it raises, has confidence below 0.5: kept for the
// record, not shown by default.
//
// # Versions
//
// ExtractorInfo.PromptVersion is "rules-" + RulesVersion + "-" + a short
// hash of the gazetteer data, so a diff between runs can tell a change of
// rules or entities from a change in the news.
//
// # Caveats
//
// The rules read statements, not intentions: an amount the article never
// writes is not invented, an unnamed counterparty ("un fondo soberano")
// stays unnamed, and a deal that names no company is dropped unless it
// restates a known one. Teasers after a "Further reading" heading are
// extracted with lower confidence. When an article writes amounts without
// any currency, they are read as USD and the deal carries a
// currency_assumed warning.
package rules

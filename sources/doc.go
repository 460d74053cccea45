// Package sources is the intake room of dealwatch: it finds inputs (files,
// folders, article URLs, RSS/Atom/JSON feeds) and reads each into an extract.Article
// with normalized text (valid UTF-8, NFC, "\n" line ends), an id that is a
// hash of that text, and what it can tell of title, language and date.
//
// # Basics
//
// List expands inputs into Entries in a stable order without reading
// them (so the store can skip unchanged files by size and mtime); Load
// reads one Entry; Read does both, and fetches http(s) inputs through a
// Fetcher (ReadWeb: polite, conditional, robots.txt-aware; feeds are
// expanded into their items; ParseHTML reads a page's main text and
// metadata). A problem with one input never stops
// the others: it is recorded on that Article's Err, which unwraps to one
// of the sentinel errors (ErrNotFound, ErrPermission, ErrTooLarge,
// ErrBinary, ErrUndecodable) and reads as a message a user can act on.
//
// # Text
//
// Bytes become text once, in DecodeBytes: a byte-order mark wins, then a
// declared charset (HTML <meta>, HTTP header), then UTF-8; bytes that are
// not UTF-8 are read as damaged UTF-8, BOM-less UTF-16 or Windows-1252
// only when that is the only sensible reading, with an
// extract.WarnCharset warning on the Article. Binary content fails.
// Normalize then fixes the form every offset in the project refers to,
// and ID hashes it: "sha256:" + 16 hex digits.
//
// Plain text and Markdown get their title from the first non-empty line
// (or YAML front matter), and their publication date from an ISO date at
// the start of an opening line (" date 2026-02-27") or a short dateline
// in any supported language ("Novembre 3, 2025 - 14:51", "April 2026",
// read by figures.FirstDate). HTML goes through the HTML reader.
//
// # Caveats
//
// An empty or whitespace-only file is not an error: its Article has empty
// Text and the pipeline marks it "empty". Files larger than
// Options.MaxBytes are refused before reading, and a file that grows past
// the limit while being read is refused too, so memory stays bounded.
package sources

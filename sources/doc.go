// Package sources is the intake room of dealwatch: it finds inputs (files,
// folders, later feeds and URLs) and reads each into an extract.Article
// with normalized text (valid UTF-8, NFC, "\n" line ends), an id that is a
// hash of that text, and what it can tell of title, language and date.
//
// # Basics
//
// List expands inputs into Entries in a stable order without reading
// them (so the store can skip unchanged files by size and mtime); Load
// reads one Entry; Read does both. A problem with one input never stops
// the others: it is recorded on that Article's Err.
package sources

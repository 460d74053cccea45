// Package langid is the language-detection room of dealwatch: a small
// adapter over lingua-go that satisfies extract.Detector.
//
// # Basics
//
// New builds a Detector for the supported languages (it, es, en) plus
// enough others (fr, de, pt, ca, nl, ro, zh, ja, ru, ko, pl) to name an
// unsupported article correctly instead of forcing it into one of the
// three. Detect names the language of one piece of text; the paragraph
// segmentation and the dominant language of an article are
// extract.DetectLanguage's job. lingua.Language never leaves this package:
// languages are lowercase ISO 639-1 codes, "und" when the text gives no
// clue.
//
// # Accuracy mode
//
// The default is lingua's low-accuracy mode (trigram models only), chosen
// by measurement (numbers in notes/issue-2.md and BenchmarkNew): on the
// seed corpus both modes give the same dominant languages; on 54 short
// paragraphs in nine languages low accuracy gets 53 right and high
// accuracy 54; but high accuracy takes about 2.8 s and 200 MB of heap to
// load (about 400 MB from the OS) against 0.17 s and 10 MB, which alone would
// break dealwatch's 150 MB memory budget for a nightly run. Texts of 120
// characters or more are read with trigrams in both modes anyway.
// Options.HighAccuracy turns the high-accuracy mode on.
//
// # Cost
//
// Detect reads at most the first Options.MaxBytes of a text (default
// DefaultMaxBytes, 250 bytes, about 40 words, cut at a word boundary):
// lingua is reliable from about 120 characters on, and its cost grows with
// the length of the text. On the seeds this gives the same languages and
// segments as reading whole lines at about half the CPU time.
//
// # Caveats
//
// Build one Detector per process, in cmd, and pass it down: loading the
// models is most of the cost, and lingua keeps loaded models in
// package-level maps that are never freed, so building again costs no
// time but building both modes keeps both sets of models. A Detector is
// safe for concurrent use.
//
// lingua-go embeds every language model in the binary (about 120 MB);
// only this package and cmd may import it (make deps-check).
package langid

package sources

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dealwatch/dealwatch/extract/figures"
)

// MaxTitleRunes caps a title taken from plain text: a first line longer
// than this is a paragraph, not a title, so its first sentence (or its
// first words) stand in for it.
const MaxTitleRunes = 160

// dateLines is how many non-empty opening lines of a plain-text article
// are searched for its publication date.
const dateLines = 8

// plainDateRe matches an ISO date at the start of a line, optionally after
// a "date"-like label in the supported languages: " date 2026-02-27",
// "Published: 2026-02-27T10:00Z", "Data: 2026-02-27", "2026-02".
var plainDateRe = regexp.MustCompile(`(?i)^\s*(?:(?:date|dated|published(?: on)?|updated|data|fecha|pubblicato(?: il)?|publicado(?: el)?)\s*:?\s*)?(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?(?:\s|$|[,;.|)\]-])`)

// dateLabelRe matches the date label itself, to drop it from a title.
var dateLabelRe = regexp.MustCompile(`(?i)^\s*(?:date|dated|published(?: on)?|updated|data|fecha|pubblicato(?: il)?|publicado(?: el)?)?\s*:?\s*\d{4}-\d{2}(?:-\d{2})?(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?\s*[-|,;]?\s*`)

// readPlain fills a's title and publication date from normalized plain
// text or Markdown.
func readPlain(text string) (title, published string) {
	fm, body := frontMatter(text)
	title = fm["title"]
	for _, k := range []string{"date", "published", "pubdate"} {
		if published == "" && fm[k] != "" {
			published = openingDate(fm[k])
		}
	}
	if title == "" {
		title = plainTitle(body)
	}
	if published == "" {
		published = openingDate(body)
	}
	return title, published
}

// frontMatter reads a Markdown YAML front-matter block ("---" lines
// around "key: value" lines) at the start of text. It returns the
// lowercase keys with their unquoted values, and the text after it.
func frontMatter(text string) (map[string]string, string) {
	if !strings.HasPrefix(text, "---\n") {
		return nil, text
	}
	end := strings.Index(text[4:], "\n---")
	if end < 0 {
		return nil, text
	}
	block := text[4 : 4+end]
	rest := text[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	kv := map[string]string{}
	for _, line := range strings.Split(block, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || strings.HasPrefix(line, " ") {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' && v[len(v)-1] == '"' || v[0] == '\'' && v[len(v)-1] == '\'') {
			v = v[1 : len(v)-1]
		}
		kv[strings.ToLower(strings.TrimSpace(k))] = v
	}
	return kv, rest
}

// plainTitle returns the first non-empty line of text without Markdown
// heading marks, emphasis or a leading date label, capped at
// MaxTitleRunes.
func plainTitle(text string) string {
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || isRule(t) {
			continue
		}
		t = strings.TrimLeft(t, "#")
		t = strings.TrimRight(strings.TrimSpace(t), "#")
		t = strings.TrimSpace(t)
		if loc := dateLabelRe.FindStringIndex(t); loc != nil && plainDateRe.MatchString(t) {
			t = t[loc[1]:]
		}
		t = stripEmphasis(t)
		if t == "" {
			continue
		}
		return capTitle(t)
	}
	return ""
}

// isRule reports a Markdown thematic break or setext underline.
func isRule(t string) bool {
	return strings.Trim(t, "-=*_ ") == ""
}

func stripEmphasis(t string) string {
	for _, m := range []string{"**", "__", "*", "_", "`"} {
		if len(t) > 2*len(m) && strings.HasPrefix(t, m) && strings.HasSuffix(t, m) {
			t = strings.TrimSpace(t[len(m) : len(t)-len(m)])
		}
	}
	return t
}

// capTitle shortens a first line that is really a paragraph: to its first
// sentence when that fits, otherwise to whole words with an ellipsis.
func capTitle(t string) string {
	if utf8.RuneCountInString(t) <= MaxTitleRunes {
		return t
	}
	cut := len(t)
	n := 0
	for i := range t {
		if n == MaxTitleRunes {
			cut = i
			break
		}
		n++
	}
	head := t[:cut]
	// First sentence end at least 20 bytes in.
	for i := 20; i < len(head)-1; i++ {
		if (head[i] == '.' || head[i] == '!' || head[i] == '?') && head[i+1] == ' ' && !unicode.IsDigit(rune(head[i-1])) {
			return head[:i+1]
		}
	}
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ,;:-–—") + "…"
}

// maxDateline is the longest line (in bytes) whose natural-language date
// counts as a dateline ("Novembre 3, 2025 - 14:51", "April 2026",
// "Pubblicato il 3 novembre 2025"). A date in a longer line is part of a
// sentence ("El 3 de noviembre de 2025, OpenAI se comprometió...") and
// usually names an event, not the publication; so is a short line that
// ends like a sentence ("Il 3 novembre è stato firmato.").
const maxDateline = 80

// openingDate returns the publication date read from the opening lines
// of text: the first line that starts with an ISO date (after an optional
// label), or is a short dateline with a date in any supported language
// (figures.FirstDate). "" if none.
func openingDate(text string) string {
	seen := 0
	for _, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" {
			continue
		}
		if seen++; seen > dateLines {
			break
		}
		if d := ISODate(t); d != "" {
			return d
		}
		if len(t) <= maxDateline && !strings.ContainsAny(t[len(t)-1:], ".!?") {
			// The language is not known yet (detection comes later in
			// the pipeline): "" reads the month names of every
			// supported language.
			if d, ok := figures.FirstDate(t, "", 0); ok && publishedRe.MatchString(d) {
				return d
			}
		}
		if head, ok := datelineHead(t); ok {
			if d, ok := figures.FirstDate(head, "", 0); ok && publishedRe.MatchString(d) {
				return d
			}
		}
	}
	return ""
}

// datelineMarks end the dateline of a news-agency or press-release lead:
// "ABU DHABI, 20 gennaio 2026 — Microsoft…", "SANTA CLARA, Calif., March
// 31, 2025 /PRNewswire/ -- AMD…", "Madrid, 6 de noviembre de 2025
// (Agencias).- Nvidia…".
var datelineMarks = []string{" — ", " – ", " -- ", " /", ".-", " - "}

// maxDatelineHead is the longest dateline before its mark.
const maxDatelineHead = 60

// datelineHead returns the dateline at the start of a lead paragraph, or
// the whole of a short "Place, date." line, when there is one.
func datelineHead(t string) (string, bool) {
	best := -1
	for _, m := range datelineMarks {
		if i := strings.Index(t, m); i > 0 && (best < 0 || i < best) {
			best = i
		}
	}
	if best > 0 && best <= maxDatelineHead {
		return t[:best], true
	}
	// "Madrid, 17 de febrero de 2026." — a place and a date, nothing else.
	if len(t) <= maxDatelineHead && strings.HasSuffix(t, ".") && strings.Count(t, " ") <= 7 {
		place, _, ok := strings.Cut(t, ", ")
		if ok && place != "" && !strings.ContainsAny(place, "0123456789") && unicode.IsUpper([]rune(place)[0]) {
			return strings.TrimSuffix(t, "."), true
		}
	}
	return "", false
}

// publishedRe is the shape of extract.Article.Published.
var publishedRe = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// ISODate reads an ISO 8601 calendar date at the start of s (after an
// optional label such as "date" or "Published:") and returns it as
// "YYYY-MM-DD" or "YYYY-MM"; "" if there is none or it is not a real
// date.
func ISODate(s string) string {
	m := plainDateRe.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	y, mo := m[1], m[2]
	if mo < "01" || mo > "12" || y < "1900" || y > "2199" {
		return ""
	}
	if m[3] == "" {
		return y + "-" + mo
	}
	d := y + "-" + mo + "-" + m[3]
	if _, err := time.Parse("2006-01-02", d); err != nil {
		return ""
	}
	return d
}

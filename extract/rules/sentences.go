package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a unit of text the rules read at once: a sentence of
// prose, a heading line, or one Markdown table row read with its header.
type sentence struct {
	start, end int // byte offsets into the article text
	heading    bool
	// row is set for a table row: its cells, each with the header cell of
	// its column.
	row []cell
	// line is the index of the text line the sentence is on.
	line int
}

// cell is one table cell: text[start:end], under header.
type cell struct {
	start, end int
	header     string
}

// abbreviations are words that end with a period without ending a
// sentence, in it, es and en (lowercase, without the period).
var abbreviations = cueSet("abbreviations")

// splitSentences splits text into sentences. Lines are never joined: a
// line break always ends a sentence. Within a line, '.', '!', '?' and
// their CJK forms end a sentence when followed by a space (or, for '?'
// and '!', directly by a capital) and the next word starts like a
// sentence; a period after an abbreviation, an initial ("U.S.") or inside
// a number ("$1.4") does not. Markdown tables become one record per row.
func splitSentences(text string) []sentence {
	var out []sentence
	lineNo := 0
	var header []cell // header of the current table, nil outside tables
	tableRow := 0
	for pos := 0; pos <= len(text); lineNo++ {
		nl := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if nl >= 0 {
			end = pos + nl
		}
		line := text[pos:end]
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "|"):
			cells := tableCells(text, pos, end)
			if header == nil {
				header = cells
				tableRow = 0
				out = append(out, sentence{start: pos + strings.Index(line, trimmed), end: pos + strings.Index(line, trimmed) + len(trimmed), heading: true, line: lineNo})
				break
			}
			tableRow++
			if tableRow == 1 && isSeparatorRow(trimmed) {
				break
			}
			row := make([]cell, len(cells))
			for i, c := range cells {
				row[i] = c
				if i < len(header) {
					row[i].header = text[header[i].start:header[i].end]
				}
			}
			s := pos + strings.Index(line, trimmed)
			out = append(out, sentence{start: s, end: s + len(trimmed), row: row, line: lineNo})
		case trimmed == "":
			header = nil
		default:
			header = nil
			out = appendLineSentences(out, text, pos, end, lineNo)
		}
		if nl < 0 {
			break
		}
		pos = end + 1
	}
	return out
}

// tableCells returns the cells of the Markdown table line text[start:end],
// trimmed, with their offsets.
func tableCells(text string, start, end int) []cell {
	var cells []cell
	line := text[start:end]
	first := strings.IndexByte(line, '|')
	i := first + 1
	for i <= len(line) {
		j := strings.IndexByte(line[i:], '|')
		if j < 0 {
			// Trailing text after the last bar is a cell only if non-blank.
			if strings.TrimSpace(line[i:]) != "" {
				cells = append(cells, trimCell(text, start+i, end))
			}
			break
		}
		cells = append(cells, trimCell(text, start+i, start+i+j))
		i += j + 1
	}
	return cells
}

func trimCell(text string, s, e int) cell {
	for s < e && (text[s] == ' ' || text[s] == '\t') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t') {
		e--
	}
	return cell{start: s, end: e}
}

func isSeparatorRow(line string) bool {
	for _, r := range line {
		switch r {
		case '|', '-', ':', ' ', '\t':
		default:
			return false
		}
	}
	return true
}

// appendLineSentences splits the prose line text[start:end].
func appendLineSentences(out []sentence, text string, start, end, lineNo int) []sentence {
	// Skip leading and trailing blanks.
	for start < end && isBlankByte(text[start]) {
		start++
	}
	for end > start && isBlankByte(text[end-1]) {
		end--
	}
	if start >= end {
		return out
	}
	first := len(out)
	s := start
	for i := start; i < end; {
		r, size := utf8.DecodeRuneInString(text[i:end])
		next := i + size
		switch r {
		case '.', '!', '?', '…':
			// Absorb closing quotes and brackets and repeated marks.
			j := next
			for j < end {
				r2, s2 := utf8.DecodeRuneInString(text[j:end])
				if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '"' || r2 == '”' || r2 == '’' || r2 == ')' || r2 == '»' || r2 == '\'' {
					j += s2
					continue
				}
				break
			}
			if j >= end {
				break
			}
			r2, _ := utf8.DecodeRuneInString(text[j:end])
			if r2 == ' ' || r2 == '\t' || r2 == '\u00a0' {
				k := j
				for k < end && (text[k] == ' ' || text[k] == '\t') {
					k++
				}
				if strings.HasPrefix(text[k:end], "\u00a0") {
					k += len("\u00a0")
				}
				if k < end && startsSentence(text[k:end]) && !(r == '.' && isAbbreviation(text[s:i])) {
					out = append(out, sentence{start: s, end: j, line: lineNo})
					s = k
				}
			} else if (r == '?' || r == '!') && unicode.IsUpper(r2) {
				// "dipendenza fatale?Anthropic ha firmato": glued teasers.
				out = append(out, sentence{start: s, end: j, line: lineNo})
				s = j
			}
			i = j
			continue
		case '。', '！', '？':
			out = append(out, sentence{start: s, end: next, line: lineNo})
			s = next
			for s < end && isBlankByte(text[s]) {
				s++
			}
		}
		i = next
	}
	if s < end {
		out = append(out, sentence{start: s, end: end, line: lineNo})
	}
	if len(out)-first == 1 && isHeadingLine(text[start:end]) {
		out[first].heading = true
	}
	return out
}

func isBlankByte(b byte) bool { return b == ' ' || b == '\t' || b == '\r' }

// startsSentence reports whether s looks like the start of a sentence:
// a capital, a digit, a currency sign, an opening quote or mark.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	switch r {
	case '"', '“', '«', '\'', '‘', '(', '[', '¿', '¡', '$', '€', '£', '*', '-', '—', '–':
		return true
	}
	return false
}

// isAbbreviation reports whether the sentence so far (s) ends with a word
// that is an abbreviation or an initial, so that the period after it does
// not end the sentence.
func isAbbreviation(s string) bool {
	i := len(s)
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		i -= size
	}
	word := s[i:]
	if word == "" {
		return false
	}
	if strings.Contains(word, ".") { // U.S, e.g, EE.UU, S.p.A
		return true
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) { // initials: "J. Smith"
		return true
	}
	return abbreviations[strings.ToLower(word)]
}

// isHeadingLine reports whether a one-sentence line reads as a heading: a
// short line that does not end like a sentence.
func isHeadingLine(line string) bool {
	line = strings.TrimSpace(line)
	if line == "" || utf8.RuneCountInString(line) > 110 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	switch last {
	case '.', '!', ';', ',', '…', '"', '”':
		return false
	}
	return true
}

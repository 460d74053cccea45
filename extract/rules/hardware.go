package rules

import (
	"strings"
	"unicode/utf8"
)

// hardwareNames are accelerator and system names matched literally, as
// whole words, longest first at each position. Families that take a
// generation number (Trainium2, TPU v5p, MI300X) are read by
// hardwareAt.
var hardwareNames = cueWords("hardwareNames")

// hardwareFamilies take an optional generation: a digit run, possibly
// after a space ("Trainium 2", "Trainium4").
var hardwareFamilies = cueWords("hardwareFamilies")

// hwMention is a hardware name written at text[start:end].
type hwMention struct {
	start, end int
	names      []string // canonical
}

// findAllHardware returns the hardware names written in text. It scans
// word starts with a capital letter, so it costs little on prose.
func findAllHardware(text string) []hwMention {
	var out []hwMention
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c < 'A' || c > 'Z' {
			continue
		}
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(text[:i]); isWordRune(r) {
				continue
			}
		}
		if end, names := hardwareAt(text, i); end > i {
			out = append(out, hwMention{start: i, end: end, names: names})
			i = end - 1
		}
	}
	return out
}

// boundary reports whether text[i:] does not continue a word.
func boundary(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return !isWordRune(r)
}

func digitsAt(text string, i int) int {
	j := i
	for j < len(text) && text[j] >= '0' && text[j] <= '9' {
		j++
	}
	return j
}

// hardwareAt reads a hardware name starting at text[i] and returns its
// end and canonical names, or end == i.
func hardwareAt(text string, i int) (int, []string) {
	rest := text[i:]
	// "GB200/300", "GB200/GB300"
	if strings.HasPrefix(rest, "GB200/300") || strings.HasPrefix(rest, "GB200/GB300") {
		n := len("GB200/300")
		if strings.HasPrefix(rest, "GB200/GB300") {
			n = len("GB200/GB300")
		}
		if boundary(text, i+n) {
			return i + n, []string{"GB200", "GB300"}
		}
	}
	for _, name := range hardwareNames {
		if strings.HasPrefix(rest, name) && boundary(text, i+len(name)) {
			return i + len(name), []string{name}
		}
	}
	for _, fam := range hardwareFamilies {
		if !strings.HasPrefix(rest, fam) {
			continue
		}
		end := i + len(fam)
		j := end
		if j+1 < len(text) && text[j] == ' ' && text[j+1] >= '0' && text[j+1] <= '9' {
			j++
		}
		if k := digitsAt(text, j); k > j && boundary(text, k) {
			return k, []string{fam + text[j:k]}
		}
		if boundary(text, end) {
			return end, []string{fam}
		}
	}
	// "TPU", "TPUs", "TPU v5p", "TPUv4"
	if strings.HasPrefix(rest, "TPU") {
		end := i + 3
		if strings.HasPrefix(text[end:], "s") {
			end++
		}
		j := end
		if j < len(text) && text[j] == ' ' {
			j++
		}
		if j < len(text) && text[j] == 'v' {
			if k := digitsAt(text, j+1); k > j+1 {
				for k < len(text) && text[k] >= 'a' && text[k] <= 'z' {
					k++
				}
				if boundary(text, k) {
					return k, []string{"TPU " + text[j:k]}
				}
			}
		}
		if boundary(text, end) {
			return end, []string{"TPU"}
		}
	}
	// "MI300X", "MI450"
	if strings.HasPrefix(rest, "MI") {
		k := digitsAt(text, i+2)
		if k-(i+2) == 3 {
			if k < len(text) && text[k] == 'X' {
				k++
			}
			if boundary(text, k) {
				return k, []string{text[i:k]}
			}
		}
	}
	// "WSE-3"
	if strings.HasPrefix(rest, "WSE-") {
		if k := digitsAt(text, i+4); k > i+4 && boundary(text, k) {
			return k, []string{text[i:k]}
		}
	}
	return i, nil
}

// findHardware returns the canonical hardware names written in s, in
// order of first appearance, without duplicates.
func findHardware(s string, out []string) []string {
	for _, m := range findAllHardware(s) {
		for _, name := range m.names {
			out = appendUnique(out, name)
		}
	}
	return out
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

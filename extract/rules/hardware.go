package rules

import (
	"regexp"
	"strings"
)

// hardwarePattern matches accelerator and system names. Each match is
// reported in its canonical spelling by canonicalHardware.
var hardwarePattern = regexp.MustCompile(`\b(?:` +
	`GB[23]00(?:/[23]00)?|H[12]00|A100|L40S|B[23]00A?|` +
	`Vera Rubin|Rubin(?: CPX)?|Grace Blackwell|Blackwell(?: Ultra)?|Grace Hopper|Hopper|` +
	`Trainium ?[0-9]?|Inferentia ?[0-9]?|` +
	`TPUs?(?: ?v[0-9]+[a-z]?)?|Ironwood|Trillium|` +
	`MI[0-9]{3}X?|Instinct|Maia(?: [0-9]+)?|Cobalt|Gaudi ?[0-9]?|` +
	`WSE-[0-9]|LPU` +
	`)\b`)

// findHardware returns the canonical hardware names written in s, in
// order of first appearance, without duplicates.
func findHardware(s string, out []string) []string {
	for _, m := range hardwarePattern.FindAllString(s, -1) {
		for _, name := range canonicalHardware(m) {
			out = appendUnique(out, name)
		}
	}
	return out
}

// canonicalHardware spells a matched name the way the schema lists it:
// "Trainium 2" -> Trainium2, "TPUs" -> TPU, "GB200/300" -> GB200, GB300.
func canonicalHardware(m string) []string {
	if strings.HasPrefix(m, "GB") && strings.Contains(m, "/") {
		parts := strings.SplitN(m, "/", 2)
		return []string{parts[0], "GB" + parts[1]}
	}
	switch {
	case strings.HasPrefix(m, "TPU"):
		m = strings.TrimPrefix(strings.TrimPrefix(m, "TPUs"), "TPU")
		m = strings.TrimSpace(m)
		if m == "" {
			return []string{"TPU"}
		}
		return []string{"TPU " + m}
	case strings.HasPrefix(m, "Trainium"), strings.HasPrefix(m, "Inferentia"), strings.HasPrefix(m, "Gaudi"):
		return []string{strings.ReplaceAll(m, " ", "")}
	}
	return []string{m}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

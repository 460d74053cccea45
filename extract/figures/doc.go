// Package figures is the deterministic leaf of dealwatch: it reads money,
// capacity, counts, durations, percentages and dates as written in
// Italian, Spanish and English news text.
//
// # Basics
//
// Parse returns every Figure in a text with its exact value (a Decimal,
// never a float), unit, qualifier, period and byte offsets. It is how the
// project checks any figure, whoever extracted it: the rules backend
// builds deals from Parse's output, and the LLM backend's figures are
// re-read with Parse before they are stored.
//
// # Caveats
//
// Scale words are read per language: Spanish "billón" is 10^12 (long
// scale), English "billion" is 10^9. Product names such as GB200 or
// "Llama 70B" are not figures. Values that are literal but implausible
// are returned with Implausible set rather than dropped.
//
// The package imports nothing from the rest of dealwatch.
package figures

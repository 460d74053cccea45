package figures

// Parse returns every figure in text, read in language lang ("it", "es",
// "en"; any other value reads with all three languages' words), in order
// of Start. It never panics and is deterministic.
func Parse(text, lang string) []Figure {
	return parse(text, lang)
}

// parse is replaced by the real parser (issue 3).
func parse(text, lang string) []Figure { return nil }

package figures

// unit reads a capacity, percent, duration or count unit at token j.
func (p *parser) unit(q *qty, j int) int {
	n := len(p.toks)
	if j >= n || p.toks[j].nl {
		return j
	}
	t := p.toks[j]
	lx := t.lx
	switch {
	case lx != nil && lx.capUnit != "" && t.kind == tWord:
		q.capUnit = lx.capUnit
		return j + 1
	case lx != nil && lx.pct && (t.kind != tWord || t.e-t.s > 2 || p.attached(j)):
		// "20%", "20 percent"; "pc" only glued: "20pc"
		q.pct = true
		return j + 1
	case t.kind == tPunct && t.r == '-' && p.attached(j) && p.attached(j+1) && j+1 < n &&
		p.toks[j+1].kind == tWord && p.toks[j+1].lx != nil && p.toks[j+1].lx.capUnit != "":
		// "a 6-gigawatt agreement"
		q.capUnit = p.toks[j+1].lx.capUnit
		return j + 2
	}
	if e, ph := p.match(j, setPercent); ph != nil {
		q.pct = true
		return e
	}
	if q.scale || q.cur != "" {
		if u, e := p.countNoun(j); u != "" && q.cur == "" {
			q.count = u
			return e
		}
		return j
	}
	switch {
	case lx != nil && lx.durUnit != "" && t.kind == tWord:
		q.durUnit = lx.durUnit
		return j + 1
	case t.kind == tPunct && t.r == '-' && p.attached(j) && j+1 < n && p.attached(j+1) &&
		p.toks[j+1].lx != nil && p.toks[j+1].lx.durUnit != "":
		// "seven-year", "10-year"; not "28-year-old"
		if p.isPunct(j+2, '-') && p.tokIs(j+3, "old") {
			q.bad = true
			return j + 4
		}
		q.durUnit = p.toks[j+1].lx.durUnit
		return j + 2
	}
	if u, e := p.countNoun(j); u != "" {
		q.count = u
		return e
	}
	return j
}

// countNoun reads what a count counts: "GPU", "di GPU", "Nvidia H100
// GPUs".
func (p *parser) countNoun(j int) (string, int) {
	n := len(p.toks)
	k := j
	if k < n && p.toks[k].kind == tWord && p.toks[k].lx != nil && p.toks[k].lx.ofWord {
		k++
		if p.isPunct(k, '\'') {
			k++
		}
	}
	for skip := 0; k < n && skip < 4; skip++ {
		t := p.toks[k]
		if t.nl {
			break
		}
		if t.kind == tWord && t.lx != nil && t.lx.count != "" {
			return t.lx.count, k + 1
		}
		// "100,000 H100s", "50,000 MI300Xs": a GPU model in the plural
		if skip == 0 && t.kind == tWord && t.caps && k+2 < n && p.toks[k+1].kind == tNum && p.attached(k+1) && p.attached(k+2) &&
			gpuFamily(p.text[t.s:t.e]) {
			e := k + 2
			if e < n && p.toks[e].kind == tWord && modelPlural(p.text[p.toks[e].s:p.toks[e].e]) &&
				!(e+1 < n && p.attached(e+1) && p.toks[e+1].kind != tPunct) {
				return "GPUs", e + 1
			}
		}
		if t.kind == tWord && t.upper && (t.lx == nil || t.lx.cur == "" && t.lx.scale == 0) || t.kind == tNum && p.attached(k) {
			k++
			continue
		}
		break
	}
	return "", j
}

// modelPlural reports whether w ends a model name in the plural: "s" of
// "H100s", "Xs" of "MI300Xs".
func modelPlural(w string) bool {
	if len(w) == 0 || len(w) > 4 || w[len(w)-1] != 's' {
		return false
	}
	for i := 0; i < len(w)-1; i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// gpuFamily reports whether w is the letters of a GPU model name: "H" of
// H100, "GB" of GB200, "MI" of MI300X.
func gpuFamily(w string) bool {
	switch w {
	case "H", "A", "B", "GB", "MI", "L", "V":
		return true
	}
	return false
}

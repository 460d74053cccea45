package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesEntitiesFlag: --entities extends the gazetteer; a missing or
// malformed file is a usage error (exit 2) that says what is wrong.
func TestRulesEntitiesFlag(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(article, []byte("Acme Compute firma con OpenAI un contratto da 2 miliardi di dollari per capacità di calcolo cloud.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.json")
	if err := os.WriteFile(good, []byte(`{"entities": [{"name": "Acme Compute", "aliases": ["Acme"], "types": ["cloud"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"entities": [{"name": "X", "types": ["bank"]}]}`), 0o644); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := runCLI(t, nil, "extract", "--json", "--entities", good, article)
	if code != 0 || !strings.Contains(out, `"name":"Acme Compute"`) {
		t.Errorf("extract --entities good.json: code %d, stderr %s, stdout %s; want a deal with Acme Compute", code, errOut, out)
	}
	_, errOut, code = runCLI(t, nil, "extract", "--entities", bad, article)
	if code != 2 || !strings.Contains(errOut, `unknown type "bank"`) {
		t.Errorf("extract --entities bad.json: code %d, stderr %q; want exit 2 naming the bad type", code, errOut)
	}
	_, errOut, code = runCLI(t, nil, "extract", "--entities", filepath.Join(dir, "missing.json"), article)
	if code != 2 || !strings.Contains(errOut, "missing.json") {
		t.Errorf("extract --entities missing.json: code %d, stderr %q; want exit 2 naming the file", code, errOut)
	}
}

package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// runBin runs the binary and returns its output and exit code.
func runBin(t *testing.T, bin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Env = append(os.Environ(), "DEALWATCH_DB=")
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
		if exit.ProcessState.Sys() != nil && !exit.Exited() {
			t.Errorf("%v: killed by a signal: %v\n%s", args, err, errb.String())
		}
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// damage returns a copy of the store at src damaged by f.
func damage(t *testing.T, src string, f func(b []byte) []byte) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(dst, f(bytes.Clone(b)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestDamagedStore runs every reading command and run on truncated and
// corrupted stores with the real binary: never a panic or a SIGBUS, exit
// 2 and a message naming the file; recover then copies what is readable.
func TestDamagedStore(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	tmp := t.TempDir()
	bin := buildBinary(t, tmp)
	corpus := filepath.Join(tmp, "corpus")
	genCorpus(t, corpus, 60, 3000)
	good := filepath.Join(tmp, "good.db")
	if _, errOut, code := runBin(t, bin, "run", "--db", good, corpus); code != 0 {
		t.Fatalf("run: %d %s", code, errOut)
	}
	const pageSize = 4096
	pageFlags := func(b []byte, p int) uint16 { return binary.LittleEndian.Uint16(b[p*pageSize+8:]) }
	cases := []struct {
		name string
		f    func(b []byte) []byte
		// sound: the damage leaves the store readable (bbolt falls back
		// to the other meta page).
		sound bool
	}{
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }, false},
		{"truncated to one page", func(b []byte) []byte { return b[:pageSize] }, false},
		{"truncated to 100 bytes", func(b []byte) []byte { return b[:100] }, false},
		{"both meta pages flipped", func(b []byte) []byte {
			b[16+20] ^= 0xff
			b[pageSize+16+20] ^= 0xff
			return b
		}, false},
		{"one meta page flipped", func(b []byte) []byte { b[16+20] ^= 0xff; return b }, true},
		{"not a store", func(b []byte) []byte { return bytes.Repeat([]byte("hello\n"), 2000) }, false},
		{"leaf pages garbled", func(b []byte) []byte {
			for p := 2; p < len(b)/pageSize; p++ {
				if pageFlags(b, p) == 0x02 { // every leaf page, whatever the layout puts first
					for i := p*pageSize + 16; i < (p+1)*pageSize; i++ {
						b[i] = 0xff
					}
				}
			}
			return b
		}, false},
	}
	first := filepath.Join(corpus, "a00000.txt")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			bad := damage(t, good, tc.f)
			for _, args := range [][]string{
				{"runs"}, {"runs", "--errors"}, {"diff"}, {"deals"}, {"show", first}, {"history", "sha256:"}, {"deals", "--json"},
				{"export"}, {"export", "--csv"}, {"check"}, {"run", corpus},
			} {
				out, errOut, code := runBin(t, bin, append(args, "--db", bad)...)
				if strings.Contains(errOut, "panic") || strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "SIGBUS") {
					t.Fatalf("%v: crashed:\n%s", args, errOut)
				}
				if tc.sound {
					if code != 0 && args[0] != "history" {
						t.Errorf("%v: exit %d on a store bbolt can read: %s", args, code, errOut)
					}
					continue
				}
				if code != 2 || !strings.Contains(errOut, bad) || !(strings.Contains(errOut, "damaged") || strings.Contains(errOut, "problem")) {
					t.Errorf("%v: exit %d, stdout %.200q stderr %q; want exit 2 naming the file as damaged", args, code, out, errOut)
				}
			}
			if tc.name == "not a store" || tc.name == "both meta pages flipped" || tc.name == "truncated to 100 bytes" {
				return
			}
			rec := filepath.Join(t.TempDir(), "rec.db")
			out, errOut, code := runBin(t, bin, "recover", "--db", bad, "--out", rec)
			if code != 0 || !strings.Contains(out, "recovered") {
				t.Fatalf("recover: exit %d\n%s\n%s", code, out, errOut)
			}
			if _, errOut, code := runBin(t, bin, "check", "--db", rec); code != 0 {
				t.Errorf("check of the recovered store: %d %s", code, errOut)
			}
			if _, errOut, code := runBin(t, bin, "run", "--db", rec, corpus); code != 0 {
				t.Errorf("run on the recovered store: %d %s", code, errOut)
			}
			if got, want := latestJSON(t, rec), latestJSON(t, good); got != want && tc.sound {
				t.Errorf("recovered store differs after a run")
			}
		})
	}
}

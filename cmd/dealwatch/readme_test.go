package main

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// readmeCommand is a dealwatch command line in one of the README's ```sh
// blocks.
type readmeCommand struct {
	line int
	args []string // after "dealwatch", up to a pipe, redirect or comment
}

// readmeCommands returns the dealwatch command lines of the README's sh
// blocks: "dealwatch ...", "./dealwatch ...", "go run ./cmd/dealwatch ...",
// also after VAR=value assignments.
func readmeCommands(t *testing.T) []readmeCommand {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []readmeCommand
	inSh := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			inSh = true
			continue
		case strings.HasPrefix(line, "```"):
			inSh = false
			continue
		case !inSh:
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		words := strings.Fields(line)
		for i, w := range words {
			if w != "dealwatch" && w != "./dealwatch" && w != "./cmd/dealwatch" {
				continue
			}
			if w == "./cmd/dealwatch" && (i < 2 || words[i-2] != "go" || words[i-1] != "run") {
				break
			}
			var args []string
			for _, a := range words[i+1:] {
				if strings.ContainsAny(a[:1], "|><;&") {
					break
				}
				args = append(args, a)
			}
			out = append(out, readmeCommand{line: n, args: args})
			break
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

var flagName = regexp.MustCompile(`(?:^|[\[|\s])(--[a-z][a-z0-9-]*)`)

// TestReadmeCommands checks every dealwatch command line of the README
// against the CLI's own help: the command exists and so does each flag
// it uses. Then, the other way round, that the README shows every
// command and every flag of it.
func TestReadmeCommands(t *testing.T) {
	root := newRootCmd(&Env{Getenv: func(string) string { return "" }})
	helpOf := map[string]string{}
	help := func(path []string) string {
		key := strings.Join(path, " ")
		if h, ok := helpOf[key]; ok {
			return h
		}
		stdout, stderr, code := runCLI(t, nil, append(path, "--help")...)
		if code != 0 {
			t.Fatalf("dealwatch %s --help: exit %d: %s", key, code, stderr)
		}
		helpOf[key] = stdout
		return stdout
	}
	documented := map[string]map[string]bool{} // command path → flags shown
	cmds := readmeCommands(t)
	if len(cmds) < 20 {
		t.Fatalf("found %d dealwatch lines in the README's sh blocks; the parser is broken", len(cmds))
	}
	for _, c := range cmds {
		// The command: the leading plain words that name subcommands.
		var path []string
		cur := root
		for _, a := range c.args {
			if strings.HasPrefix(a, "-") || strings.HasPrefix(a, "[") {
				continue
			}
			sub := findSub(cur, strings.Split(a, "|")[0])
			if sub == nil {
				if cur == root {
					t.Errorf("README.md:%d: dealwatch %s: no such command", c.line, a)
				}
				break
			}
			path, cur = append(path, sub.Name()), sub
			if !sub.HasSubCommands() {
				break
			}
		}
		h := help(path)
		key := strings.Join(path, " ")
		if documented[key] == nil {
			documented[key] = map[string]bool{}
		}
		for _, m := range flagName.FindAllStringSubmatch(strings.Join(c.args, " "), -1) {
			documented[key][m[1]] = true
			if !strings.Contains(h, "  "+m[1]+" ") && !strings.Contains(h, ", "+m[1]+" ") && !strings.HasSuffix(strings.TrimSpace(h), m[1]) {
				t.Errorf("README.md:%d: dealwatch %s has no flag %s (see dealwatch %s --help)", c.line, key, m[1], key)
			}
		}
	}
	// Every command and flag is in the README.
	for _, cmd := range root.Commands() {
		if cmd.Hidden || cmd.Name() == "help" {
			continue
		}
		flags, ok := documented[cmd.Name()]
		for key := range documented { // "completion bash" documents completion
			ok = ok || strings.HasPrefix(key, cmd.Name()+" ")
		}
		if !ok {
			t.Errorf("README.md shows no \"dealwatch %s\" line; add it to the Commands block", cmd.Name())
			continue
		}
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden || f.Name == "help" {
				return
			}
			if !flags["--"+f.Name] {
				t.Errorf("README.md shows no \"dealwatch %s\" line with --%s; add it to the Commands block", cmd.Name(), f.Name)
			}
		})
	}
}

// findSub returns cmd's subcommand named name (or an alias), or nil.
func findSub(cmd *cobra.Command, name string) *cobra.Command {
	for _, c := range cmd.Commands() {
		if c.Name() == name || c.HasAlias(name) {
			return c
		}
	}
	return nil
}

func TestReadmeFacts(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\S+)$`).FindSubmatch(gomod)
	if goVersion == nil {
		t.Fatal("go.mod has no go line")
	}
	for _, want := range []string{"go install ./cmd/dealwatch", "Go " + string(goVersion[1])} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README.md does not say %q", want)
		}
	}
	for _, name := range []string{"README.md", "Makefile"} {
		b, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range []string{"DESIGN.md", "STYLE.md", "@latest"} {
			if strings.Contains(string(b), ref) {
				t.Errorf("%s refers to %s, which is not in the repository (or not published)", name, ref)
			}
		}
	}
	ignore, err := os.ReadFile(filepath.Join("..", "..", ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(ignore), "*.db.lock") {
		t.Error(".gitignore does not cover the store's lock file (*.db.lock)")
	}
}

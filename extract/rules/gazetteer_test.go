package rules

import (
	"errors"
	"strings"
	"testing"
)

func TestGazetteerFind(t *testing.T) {
	g, err := NewGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // "Name=mention"
	}{
		{"OpenAI firma con Amazon Web Services.", []string{"OpenAI=OpenAI", "Amazon=Amazon Web Services"}},
		{"l'infrastruttura AWS e Microsoft Azure", []string{"Amazon=AWS", "Microsoft=Microsoft Azure"}},
		{"Azure, OCI e Google Cloud", []string{"Microsoft=Azure", "Oracle=OCI", "Google=Google Cloud"}},
		{"NVIDIA e Nvidia e Alphabet", []string{"Nvidia=NVIDIA", "Nvidia=Nvidia", "Google=Alphabet"}},
		{"Amazon's offer to OpenAI's rival", []string{"Amazon=Amazon", "OpenAI=OpenAI"}},
		// Case and word boundaries: "meta" (it: half), "awsome", "OpenAIs".
		{"la meta del mercato, un prodotto awsome, OpenAIs", nil},
		{"Metaverse e Amazonia", nil},
		// People stand for their company only through the person alias.
		{"l'azienda di Sam Altman e Jensen Huang", []string{"OpenAI=Sam Altman", "Nvidia=Jensen Huang"}},
		{"Oracle Cloud Infrastructure (OCI)", []string{"Oracle=Oracle Cloud Infrastructure", "Oracle=OCI"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range g.find(tt.text) {
			if tt.text[m.start:m.end] != m.text {
				t.Errorf("find(%q): mention %q at [%d:%d] does not quote the text", tt.text, m.text, m.start, m.end)
			}
			got = append(got, g.name(m.entity)+"="+m.text)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestGazetteerExtend(t *testing.T) {
	extra := []byte(`{"entities": [
		{"name": "Acme Compute", "aliases": ["Acme"], "types": ["cloud"]},
		{"name": "OpenAI", "aliases": ["Open-AI"], "types": ["lab"]}
	]}`)
	g, err := NewGazetteer(extra)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := NewGazetteer()
	if g.Hash() == base.Hash() {
		t.Errorf("Hash() did not change with an extra file")
	}
	var got []string
	for _, m := range g.find("Acme vende a Open-AI e OpenAI") {
		got = append(got, g.name(m.entity)+"="+m.text)
	}
	if want := "Acme Compute=Acme,OpenAI=Open-AI,OpenAI=OpenAI"; strings.Join(got, ",") != want {
		t.Errorf("find with extra entities = %v, want %s", got, want)
	}
}

func TestParseEntitiesErrors(t *testing.T) {
	tests := []struct {
		data string
		want string // in the message
	}{
		{`{`, "unexpected EOF"},
		{`{"entities": []}`, "no entities"},
		{`{"entities": [{"aliases": ["X"]}]}`, "has no name"},
		{`{"entities": [{"name": "X", "aliases": [""]}]}`, "empty alias"},
		{`{"entities": [{"name": "X", "types": ["bank"]}]}`, `unknown type "bank"`},
		{`{"entities": [{"name": "X", "alias": ["Y"]}]}`, `unknown field "alias"`},
	}
	for _, tt := range tests {
		_, err := ParseEntities([]byte(tt.data))
		if err == nil || !errors.Is(err, ErrEntities) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseEntities(%s) = %v, want ErrEntities saying %q", tt.data, err, tt.want)
		}
	}
	if _, err := New(&Options{Entities: [][]byte{[]byte(`{"entities": [{"name": ""}]}`)}}); !errors.Is(err, ErrEntities) {
		t.Errorf("New with a bad entities file = %v, want ErrEntities", err)
	}
}

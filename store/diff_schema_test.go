package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/dealwatch/dealwatch/extract"
)

// A result read from a schema-1 version and a schema-2 result of the
// same text and extractor differ by the schema, and Cause says so.
func TestCauseSchemaUpgrade(t *testing.T) {
	v1 := []byte(`{"schema_version":1,"article":{"id":"sha256:0123456789abcdef","source":"a.txt","title":null,"published":null,"lang":"en","lang_confidence":1,"segments":[]},"status":"ok","error":null,"extractor":{"backend":"rules","model":null,"prompt_version":"rules-1"},"deals":[{"kind":"investment","status":"reported","parties":[{"name":"A","role":"investor","mention":"A"}],"amount":null,"previous_amount":null,"tranches":[],"capacity":[],"hardware":[],"term_years":null,"announced_on":null,"evidence":{"text":"x","start":0,"end":1},"grounded":true,"confidence":0.5}],"warnings":[]}`)
	var before extract.ArticleResult
	if err := json.Unmarshal(v1, &before); err != nil {
		t.Fatal(err)
	}
	if before.SchemaVersion != extract.SchemaVersion || before.StoredSchema != 1 {
		t.Fatalf("v1 result read as schema %d (stored %d), want %d (stored 1)", before.SchemaVersion, before.StoredSchema, extract.SchemaVersion)
	}
	d := before.Deals[0]
	if d.Status != extract.DealAnnounced || d.Confirmation != extract.Reported || d.Mention != extract.MentionNews {
		t.Errorf("v1 status reported read as %s/%s/%s, want announced/reported/news", d.Status, d.Confirmation, d.Mention)
	}
	after := before
	after.StoredSchema = 0
	if got := Cause(&before, &after); got != CauseSchema {
		t.Errorf("Cause(v1, v2) = %q, want %q", got, CauseSchema)
	}
	if got := Cause(&after, &after); got != "" {
		t.Errorf("Cause(v2, v2) = %q, want \"\"", got)
	}
}

// decodeResult, which versions are read with, decodes a stored result as
// extract.ArticleResult's UnmarshalJSON does: a schema-1 result is
// upgraded, a current one is as written.
func TestDecodeResultAsUnmarshalJSON(t *testing.T) {
	v1 := []byte(`{"schema_version":1,"article":{"id":"sha256:0123456789abcdef","source":"a.txt","title":null,"published":null,"lang":"en","lang_confidence":1,"segments":[]},"status":"ok","error":null,"extractor":{"backend":"rules","model":null,"prompt_version":"rules-1"},"deals":[{"kind":"investment","status":"reported","parties":[{"name":"A","role":"investor","mention":"A"}],"amount":null,"previous_amount":null,"tranches":[],"capacity":[],"hardware":[],"term_years":null,"announced_on":null,"evidence":{"text":"x","start":0,"end":1},"grounded":true,"confidence":0.5}],"warnings":[]}`)
	var up extract.ArticleResult
	if err := json.Unmarshal(v1, &up); err != nil {
		t.Fatal(err)
	}
	v2, err := json.Marshal(up)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range [][]byte{v1, v2} {
		var want, got extract.ArticleResult
		if err := json.Unmarshal(raw, &want); err != nil {
			t.Fatal(err)
		}
		if err := decodeResult(raw, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("decodeResult(%s) = %+v, want %+v", raw, got, want)
		}
	}
	if err := decodeResult([]byte(`{"deals":`), new(extract.ArticleResult)); err == nil {
		t.Error("decodeResult of a truncated result: no error")
	}
}

// recordSeen reads an article record's times as decoding it does,
// whatever its title holds.
func TestRecordSeen(t *testing.T) {
	for _, a := range []Article{
		{Key: "/a", Title: `"first_seen":"2001-01-01T00:00:00Z" \"last_seen\":\"x`, FirstSeen: time.Date(2026, 3, 4, 5, 6, 7, 891, time.UTC), LastSeen: time.Date(2026, 12, 3, 1, 2, 3, 0, time.UTC)},
		{Key: "/b"},
		{Key: "/c", FirstSeen: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("x", 3600)), LastSeen: time.Unix(1e9, 5)},
	} {
		v, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var want Article
		if err := json.Unmarshal(v, &want); err != nil {
			t.Fatal(err)
		}
		got, ok := recordSeen(v)
		if !ok || !got.FirstSeen.Equal(want.FirstSeen) || !got.LastSeen.Equal(want.LastSeen) || got.FirstSeen.IsZero() != want.FirstSeen.IsZero() {
			t.Errorf("recordSeen(%s) = %v, %v; want %v, %v", v, got, ok, want.FirstSeen, want.LastSeen)
		}
	}
}

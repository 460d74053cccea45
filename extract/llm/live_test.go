package llm

import (
	"context"
	"os"
	"testing"

	"github.com/dealwatch/dealwatch/extract"
)

// TestLive asks a real server, configured as the CLI is (OPENAI_API_KEY,
// OPENAI_BASE_URL, DEALWATCH_MODEL). It runs only when
// DEALWATCH_LIVE_LLM=1; go test never touches the network otherwise.
func TestLive(t *testing.T) {
	if os.Getenv("DEALWATCH_LIVE_LLM") != "1" {
		t.Skip("set DEALWATCH_LIVE_LLM=1 (and OPENAI_API_KEY / OPENAI_BASE_URL, DEALWATCH_MODEL) to run against a real server")
	}
	o := Options{
		Model:   os.Getenv("DEALWATCH_MODEL"),
		BaseURL: os.Getenv("OPENAI_BASE_URL"),
		APIKey:  os.Getenv("OPENAI_API_KEY"),
	}
	o.LegacyMaxTokens = o.BaseURL != ""
	if os.Getenv("DEALWATCH_SCHEMA_MODE") != "" {
		o.SchemaMode = os.Getenv("DEALWATCH_SCHEMA_MODE")
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	p := extract.Pipeline{Detector: fixedLang("es"), Extractor: c}
	out := p.Process(context.Background(), articleES())
	t.Logf("usage %+v", out.Usage)
	for _, d := range out.Result.Deals {
		t.Logf("deal %s %s grounded=%v amount=%+v", d.Kind, d.Status, d.Grounded, d.Amount)
	}
	for _, w := range out.Result.Warnings {
		t.Logf("warning %s: %s", w.Code, w.Message)
	}
	if out.Result.Status != extract.StatusOK {
		t.Fatalf("status %s: %s", out.Result.Status, deref(out.Result.Error))
	}
	if len(out.Result.Deals) == 0 {
		t.Errorf("the model found no deal in an article that states two")
	}
}

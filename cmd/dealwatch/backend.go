package main

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/dealwatch/dealwatch/extract"
)

// backendOptions selects and configures the deal backend; shared by
// extract and run.
type backendOptions struct {
	Backend     string        // rules | openai | replay
	Entities    string        // extra gazetteer file for rules
	Model       string        // LLM model
	Concurrency int           // articles in flight
	Timeout     time.Duration // per LLM request
	MaxRetries  int
	RPM, TPM    int    // optional rate limits
	SchemaMode  string // json_schema | json_object
	Cassettes   string // replay: directory of recorded answers
	Record      string // openai: write answers here
	MaxTokens   int    // first completion budget of an LLM answer

	// Cache is the LLM response cache; run sets it to the store.
	Cache extract.Cache
	// Triage is the triage setting as the run fingerprint sees it ("":
	// none; see batchOptions.triageFingerprint).
	Triage string
}

// AddFlags registers the backend flags on fs, with defaults from the
// environment (DEALWATCH_BACKEND, DEALWATCH_MODEL).
func (o *backendOptions) AddFlags(fs *pflag.FlagSet, env *Env) {
	def := env.Getenv("DEALWATCH_BACKEND")
	if def == "" {
		def = "rules"
	}
	fs.StringVar(&o.Backend, "backend", def, "deal backend: rules (offline default), openai, replay (env DEALWATCH_BACKEND)")
	fs.StringVar(&o.Entities, "entities", "", "extra company gazetteer `FILE` for the rules backend (same format as the embedded one)")
	fs.StringVar(&o.Model, "model", env.Getenv("DEALWATCH_MODEL"), "LLM model name (env DEALWATCH_MODEL)")
	fs.IntVar(&o.Concurrency, "concurrency", 4, "articles processed at once")
	fs.DurationVar(&o.Timeout, "timeout", 120*time.Second, "timeout of one LLM request")
	fs.IntVar(&o.MaxRetries, "max-retries", 5, "retries of an LLM request on 429, 5xx and timeouts")
	fs.IntVar(&o.RPM, "rpm", 0, "LLM requests per minute limit (0 = none)")
	fs.IntVar(&o.TPM, "tpm", 0, "LLM tokens per minute limit (0 = none)")
	fs.StringVar(&o.SchemaMode, "schema-mode", "json_schema", "structured output: json_schema (strict) or json_object (for servers without json_schema)")
	fs.StringVar(&o.Cassettes, "cassettes", "", "replay backend: `DIR` of recorded LLM answers")
	fs.StringVar(&o.Record, "record", "", "openai backend: also write each answer as a cassette into `DIR`")
	fs.IntVar(&o.MaxTokens, "max-tokens", 4096, "completion token budget of an LLM answer; doubled up to 4× when an answer is cut, then the article is split")
}

// newExtractor builds the configured backend.
func newExtractor(o *backendOptions, env *Env) (extract.Extractor, error) {
	switch o.Backend {
	case "rules":
		return newRulesExtractor(o)
	case "openai", "replay":
		return newLLMExtractor(o, env)
	default:
		return nil, usageErr("unknown backend %q: choose rules, openai or replay", o.Backend)
	}
}

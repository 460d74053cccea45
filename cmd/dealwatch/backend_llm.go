package main

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/dealwatch/dealwatch/extract"
	"github.com/dealwatch/dealwatch/extract/llm"
)

// newLLMExtractor builds the openai or replay backend from the flags and
// the environment: OPENAI_API_KEY, OPENAI_BASE_URL (any OpenAI-compatible
// server), OPENAI_API_TYPE=azure and OPENAI_API_VERSION for Azure OpenAI,
// and DEALWATCH_MODEL (the default of --model). Configuration problems
// are usage errors (exit 2). The API key is never printed.
func newLLMExtractor(o *backendOptions, env *Env) (extract.Extractor, error) {
	opts := llm.Options{
		Model:       strings.TrimSpace(o.Model),
		Concurrency: o.Concurrency,
		Timeout:     o.Timeout,
		MaxRetries:  o.MaxRetries,
		RPM:         o.RPM,
		TPM:         o.TPM,
		SchemaMode:  o.SchemaMode,
		Cache:       o.Cache,
	}
	if o.MaxTokens < 0 {
		return nil, usageErr("--max-tokens must be positive")
	}
	if o.MaxTokens > 0 {
		opts.MaxTokens, opts.MaxTokensLimit = o.MaxTokens, 4*o.MaxTokens
	}
	if o.MaxRetries <= 0 {
		opts.MaxRetries = -1 // --max-retries 0: no retry
	}
	if o.Concurrency < 1 {
		return nil, usageErr("--concurrency must be at least 1")
	}
	if o.RPM < 0 || o.TPM < 0 {
		return nil, usageErr("--rpm and --tpm must be 0 (no limit) or positive")
	}
	switch o.SchemaMode {
	case llm.SchemaModeJSONSchema, llm.SchemaModeJSONObject:
	default:
		return nil, usageErr("--schema-mode %q: choose %s (strict structured output) or %s (servers without json_schema)", o.SchemaMode, llm.SchemaModeJSONSchema, llm.SchemaModeJSONObject)
	}

	if o.Backend == "replay" {
		if o.Cassettes == "" {
			return nil, usageErr("--backend replay needs --cassettes DIR, a directory of recorded answers (see testdata/cassettes)")
		}
		if o.Record != "" {
			return nil, usageErr("--record works with --backend openai, not replay")
		}
		c, err := llm.NewReplay(o.Cassettes, opts)
		if err != nil {
			return nil, configErr(err)
		}
		return c, nil
	}

	if o.Cassettes != "" {
		return nil, usageErr("--cassettes is for --backend replay; to save answers from a real run use --record DIR")
	}
	base := strings.TrimSpace(env.Getenv("OPENAI_BASE_URL"))
	key := strings.TrimSpace(env.Getenv("OPENAI_API_KEY"))
	azure := strings.EqualFold(env.Getenv("OPENAI_API_TYPE"), "azure") || strings.Contains(base, ".openai.azure.com")
	if opts.Model == "" {
		return nil, usageErr("the openai backend needs a model: --model NAME or DEALWATCH_MODEL (e.g. gpt-4o-mini, an Azure deployment name, or a model your local server serves)")
	}
	if key == "" && (base == "" || azure) {
		if azure {
			return nil, usageErr("OPENAI_API_KEY is not set: Azure OpenAI needs the resource's key")
		}
		return nil, usageErr("OPENAI_API_KEY is not set: set it for OpenAI, or set OPENAI_BASE_URL to a local OpenAI-compatible server (Ollama, vLLM, llama.cpp) that needs no key")
	}
	if azure && base == "" {
		return nil, usageErr("OPENAI_API_TYPE=azure needs OPENAI_BASE_URL=https://RESOURCE.openai.azure.com")
	}
	if base != "" {
		if err := checkBaseURL(base); err != nil {
			return nil, err
		}
	}
	opts.BaseURL, opts.APIKey, opts.Azure = base, key, azure
	opts.APIVersion = strings.TrimSpace(env.Getenv("OPENAI_API_VERSION"))
	// Local servers know max_tokens; OpenAI and Azure's newer models want
	// max_completion_tokens.
	opts.LegacyMaxTokens = base != "" && !azure && !strings.Contains(base, "api.openai.com")
	opts.RecordDir = o.Record
	c, err := llm.New(opts)
	if err != nil {
		return nil, configErr(err)
	}
	return c, nil
}

// configErr turns the llm package's configuration errors into usage
// errors (exit 2) and leaves others as they are.
func configErr(err error) error {
	if errors.Is(err, llm.ErrConfig) {
		return usageErr("%s", strings.TrimPrefix(err.Error(), llm.ErrConfig.Error()+": "))
	}
	return fmt.Errorf("LLM backend: %w", err)
}

// checkBaseURL validates OPENAI_BASE_URL before the run starts (a usage
// error, exit 2, instead of one failure per article). The messages never
// repeat the URL as given, which may hold a user name and password.
func checkBaseURL(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		var ue *url.Error
		why := "it cannot be parsed"
		switch {
		case strings.Contains(base, "@"):
			// The parser's words may quote the password.
			why = "it cannot be parsed; check it, including the user and password part, which is not shown"
		case errors.As(err, &ue):
			why = ue.Err.Error()
		}
		return usageErr("OPENAI_BASE_URL is not a valid URL (%s); give one like http://localhost:11434/v1", why)
	}
	shown := *u
	shown.User = nil // neither the password nor the user name is shown
	if u.Scheme != "http" && u.Scheme != "https" {
		return usageErr("OPENAI_BASE_URL %s: the scheme must be http or https", sanitize(shown.String()))
	}
	if u.Host == "" {
		return usageErr("OPENAI_BASE_URL %s has no host; give one like http://localhost:11434/v1", sanitize(shown.String()))
	}
	if _, err := url.Parse(u.Scheme + "://" + u.Host); err != nil {
		return usageErr("OPENAI_BASE_URL has a bad host or port; give one like http://localhost:11434/v1")
	}
	return nil
}

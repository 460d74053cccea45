// Package llm is the LLM room of dealwatch: an extract.Extractor that asks
// any OpenAI-compatible chat model (OpenAI, Azure OpenAI, Ollama, vLLM,
// llama.cpp server, LM Studio) for the deals of an article, through
// github.com/sashabaranov/go-openai.
//
// # Basics
//
// New returns a Client for a server; NewReplay one that answers from
// recorded or scripted cassettes (one JSON file per request Key) for
// tests. Client.Extract renders the prompts (package prompts), asks for
// a strict json_schema answer (or a json_object validated locally),
// validates it against the schema and semantic checks, re-asks with the
// problem in the conversation (at most Options.MaxReasks times), raises
// the token budget or splits the article into overlapping parts when the
// answer is cut, and converts the answer into extract.Deals.
//
// Answers are read leniently where nothing is lost: a missing nullable
// field is null, a missing or null list empty, an unknown field ignored,
// and a deal in the schema-1 shape (status reported or predicted, no
// confirmation or mention) is read as schema 1 meant it. Each deal is
// checked on its own: an invalid one is dropped with an invalid_deal
// warning quoting its start, and the rest kept. The model is re-asked
// only when nothing usable came back (not JSON, no deals list, every
// deal invalid); a re-ask quotes only the start of the bad answer, and
// an answer body is not read past a few times the token budget.
//
// The model returns figures as raw text spans with its own reading of
// the value; it never gives offsets. extract.Ground, run by the Pipeline
// after every backend, finds each span in the article and stores the
// deterministic parser's value, warning where the model disagreed.
//
// Transport failures (429 with Retry-After, 5xx, timeouts, resets) are
// retried with exponential backoff and jitter. Requests in flight are
// bounded by one semaphore per Client, whatever the number of callers,
// and optionally by requests- and tokens-per-minute limits. Usage
// counts every request sent, its tokens, and cache hits.
//
// # Caveats
//
// The API key is never written into an error, a warning, a cassette or
// the cache: messages from the server are redacted before they leave
// the package.
//
// The wire structs (wire.go) and prompts.Schema must stay in step with
// extract/schema/article-result.schema.json; a test checks it.
package llm

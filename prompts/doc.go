// Package prompts is the prompt room of dealwatch: the embedded templates
// the LLM backend sends, the strict JSON schema of the answer it asks for,
// and few-shot examples written for the purpose in each language.
//
// # Basics
//
// Render builds the conversation for one article: the system prompt, one
// worked example in the article's language (a user turn and the answer),
// and the article itself. Reask builds the turn that tells the model what
// was wrong with its previous answer. Schema is the JSON schema of the
// answer, written for OpenAI's strict structured outputs: every property
// required, nullable values typed ["T","null"] or anyOf with null, and
// additionalProperties false everywhere.
//
// Version is a hash of every embedded file (templates, examples, schema);
// each result records it, and the LLM response cache keys on it, so
// changing a prompt invalidates cached answers and explains a diff.
//
// # Caveats
//
// The examples are invented (fictional companies and figures); they must
// never be taken from the seed corpus, or a test on the corpus would
// measure memory instead of extraction.
package prompts

package sources

import (
	"errors"

	"github.com/dealwatch/dealwatch/extract"
)

// readHTML fills a from an HTML document b (raw bytes as read): its main
// text (normalized), title, declared language and publication date.
// Placeholder until the HTML reader lands.
func readHTML(b []byte, a *extract.Article) error {
	return errors.New("HTML reading is not built yet")
}

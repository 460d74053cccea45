package sources

import "errors"

// Sentinel errors of reading files, recorded (wrapped) on Article.Err;
// test for them with errors.Is. A file over Options.MaxBytes is
// ErrTooLarge, shared with fetching (fetch.go).
var (
	// ErrNotFound means an input path does not exist.
	ErrNotFound = errors.New("no such file or folder")

	// ErrPermission means an input exists but cannot be read.
	ErrPermission = errors.New("permission denied")

	// ErrBinary means the content is not text in any charset (NUL bytes,
	// control characters, a PDF or image signature).
	ErrBinary = errors.New("binary content")

	// ErrUndecodable means the content is text-like but fits no charset
	// that can be told from the bytes or a declaration.
	ErrUndecodable = errors.New("undecodable text")
)

// ContentError says why bytes could not be read as text. Err is
// ErrBinary or ErrUndecodable.
type ContentError struct {
	Reason string // what was seen: "NUL byte at byte 12", "application/pdf"
	Err    error
}

func (e *ContentError) Error() string { return e.Reason + ": " + e.Err.Error() }

// Unwrap returns the sentinel.
func (e *ContentError) Unwrap() error { return e.Err }

// inputError is an Article.Err: a message a user can act on that still
// unwraps to the sentinel behind it.
type inputError struct {
	msg string
	err error
}

func (e *inputError) Error() string { return e.msg }
func (e *inputError) Unwrap() error { return e.err }

package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// Stored results (versions) and the latest snapshot's deal lines and
// extras are zstd frames when they are larger than packMin: JSON of
// news compresses about 4 to 8 times. A value that does not start with
// the zstd magic number (JSON starts with '{') is read as it is, so a
// store written before compression opens and reads unchanged, and both
// kinds can live in one store.
//
// The encoder and decoder are shared by every DB of the process: they
// hold no data between calls (EncodeAll and DecodeAll are safe for
// concurrent use), only their buffers.
var (
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
	zstdCodec = sync.OnceValues(func() (*zstd.Encoder, *zstd.Decoder) {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithLowerEncoderMem(true), zstd.WithEncoderLevel(zstd.SpeedDefault))
		if err != nil {
			panic(err) // only for invalid options
		}
		dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true), zstd.WithDecoderMaxMemory(256<<20))
		if err != nil {
			panic(err)
		}
		return enc, dec
	})
)

// packMin is the smallest value worth compressing.
const packMin = 256

// pack returns b compressed when that is worth it, else b.
func pack(b []byte) []byte {
	if len(b) < packMin {
		return b
	}
	enc, _ := zstdCodec()
	return enc.EncodeAll(b, make([]byte, 0, len(b)/3))
}

// unpack returns the value v as it was before pack. The result may be v
// itself: valid only as long as v is.
func unpack(v []byte) ([]byte, error) {
	if !bytes.HasPrefix(v, zstdMagic) {
		return v, nil
	}
	_, dec := zstdCodec()
	out, err := dec.DecodeAll(v, nil)
	if err != nil {
		return nil, fmt.Errorf("decompress: %w", err)
	}
	return out, nil
}

// versionHash returns the SHA-256 of a stored version's canonical result
// JSON (Article.Hash), compressed or not.
func versionHash(raw []byte) (string, error) {
	if len(raw) < 18 {
		return "", fmt.Errorf("version value of %d bytes is too short", len(raw))
	}
	cl := int(binary.BigEndian.Uint16(raw[16:18]))
	if len(raw) < 18+cl {
		return "", fmt.Errorf("version cause overruns the value")
	}
	result, err := unpack(raw[18+cl:])
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(result)
	return hex.EncodeToString(sum[:]), nil
}

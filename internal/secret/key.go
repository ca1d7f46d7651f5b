package secret

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// ParseKey decodes a 32-byte key written as 64 hex characters or as base64
// (standard or URL alphabet, padded or not). Surrounding whitespace is ignored
// because keys are often read from files. Errors never include the key itself.
func ParseKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("secret: key is empty")
	}
	// Hex first: 64 hex characters are also valid base64 (of 48 bytes).
	if len(s) == 2*KeySize {
		if key, err := hex.DecodeString(s); err == nil {
			return key, nil
		}
	}
	for _, enc := range []*base64.Encoding{
		base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding,
	} {
		key, err := enc.DecodeString(s)
		if err != nil {
			continue
		}
		if len(key) != KeySize {
			return nil, fmt.Errorf("secret: key decodes to %d bytes, want %d", len(key), KeySize)
		}
		return key, nil
	}
	return nil, fmt.Errorf("secret: key of %d characters is neither base64 nor 64 hex characters (make one with: openssl rand -base64 32)", len(s))
}

// Package secret encrypts personal data at rest and makes the random codes handed to citizens.
package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"

	"golang.org/x/crypto/hkdf"
)

// KeySize is the length of the master key and of both derived keys.
const KeySize = 32

// version prefixes every sealed value so the format can change without guessing.
const version byte = 0x01

const (
	nonceSize = 12
	tagSize   = 16
	overhead  = 1 + nonceSize + tagSize
)

// HKDF info strings; changing one makes every stored value unreadable.
const (
	infoEncrypt = "terbuka/encrypt/v1"
	infoLookup  = "terbuka/lookup/v1"
)

// ErrDecrypt is returned for any sealed value that cannot be opened; the cause is not told apart.
var ErrDecrypt = errors.New("secret: unable to decrypt")

// Box encrypts and hashes personal data. It is safe for concurrent use.
type Box struct {
	aead      cipher.AEAD
	lookupKey []byte
}

// NewBox derives an encryption key and a look-up key from a 32-byte master key.
func NewBox(masterKey []byte) (*Box, error) {
	if len(masterKey) != KeySize {
		return nil, fmt.Errorf("secret: master key must be %d bytes, got %d", KeySize, len(masterKey))
	}
	encKey, err := derive(masterKey, infoEncrypt)
	if err != nil {
		return nil, err
	}
	lookupKey, err := derive(masterKey, infoLookup)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret: %w", err)
	}
	return &Box{aead: aead, lookupKey: lookupKey}, nil
}

func derive(masterKey []byte, info string) ([]byte, error) {
	key := make([]byte, KeySize)
	if _, err := io.ReadFull(hkdf.New(sha256.New, masterKey, nil, []byte(info)), key); err != nil {
		return nil, fmt.Errorf("secret: derive %s: %w", info, err)
	}
	return key, nil
}

// Seal encrypts plaintext bound to associatedData (e.g. the row's table and id).
// Output: version byte 0x01 || 12-byte random nonce || ciphertext and 16-byte tag.
// Random nonces are safe for well under 2^32 values per master key.
func (b *Box) Seal(plaintext, associatedData []byte) ([]byte, error) {
	out := make([]byte, 1+nonceSize, overhead+len(plaintext))
	out[0] = version
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("secret: nonce: %w", err)
	}
	return b.aead.Seal(out, out[1:], plaintext, associatedData), nil
}

// Open decrypts a value from Seal. Any failure, including short or unknown input, is ErrDecrypt.
func (b *Box) Open(sealed, associatedData []byte) ([]byte, error) {
	if len(sealed) < overhead {
		return nil, fmt.Errorf("%w: input too short", ErrDecrypt)
	}
	if sealed[0] != version {
		return nil, fmt.Errorf("%w: unknown version %d", ErrDecrypt, sealed[0])
	}
	plaintext, err := b.aead.Open(nil, sealed[1:1+nonceSize], sealed[1+nonceSize:], associatedData)
	if err != nil {
		return nil, ErrDecrypt
	}
	return plaintext, nil
}

// Lookup returns a keyed hash of value so equal values can be found without decrypting.
// Normalize the value first (e.g. nik.Normalize) or equal inputs will not match.
func (b *Box) Lookup(value []byte) []byte {
	// A new HMAC per call because hash state cannot be shared between goroutines.
	m := hmac.New(sha256.New, b.lookupKey)
	m.Write(value)
	return m.Sum(nil)
}

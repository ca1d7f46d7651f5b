// Package password hashes officer passwords with bcrypt.
package password

import (
	"fmt"
	"sync"

	"golang.org/x/crypto/bcrypt"
)

// Cost is bcrypt's work factor: ~0.1 s a hash on a small server, slow enough for guessing.
const Cost = 11

// MinLength is the shortest password accepted for a new account.
const MinLength = 8

// Hash returns the bcrypt hash of plain.
func Hash(plain string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(plain), Cost)
	if err != nil {
		return "", fmt.Errorf("password: %w", err)
	}
	return string(h), nil
}

// Verify reports whether plain matches hash.
func Verify(hash, plain string) bool {
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(plain)) == nil
}

// dummyHash is compared against when the account does not exist, so a login for an unknown
// e-mail takes as long as one with a wrong password and reveals nothing.
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("terbuka-no-such-user"), Cost)
	return h
})

// Burn spends the time of one verification.
func Burn(plain string) {
	_ = bcrypt.CompareHashAndPassword(dummyHash(), []byte(plain))
}

package secret

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"strings"
	"unicode"
)

// alphabet is Crockford's base32: no I, L, O or U, so codes survive being read aloud or retyped.
const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

var crockford = base32.NewEncoding(alphabet).WithPadding(base32.NoPadding)

// Token returns nbytes random bytes in unpadded upper-case Crockford base32.
// It panics if nbytes < 1, since an empty token would silently grant access.
func Token(nbytes int) string {
	if nbytes < 1 {
		panic("secret: Token needs at least one byte")
	}
	b := make([]byte, nbytes)
	rand.Read(b) // Never fails since Go 1.24; it crashes the program instead.
	return crockford.EncodeToString(b)
}

// TrackingCode returns 50 random bits as ten Crockford base32 characters, "XXXXX-XXXXX".
func TrackingCode() string {
	var b [8]byte
	rand.Read(b[:])
	v := binary.BigEndian.Uint64(b[:])
	out := make([]byte, 0, 11)
	for i := range 10 {
		if i == 5 {
			out = append(out, '-')
		}
		out = append(out, alphabet[v&31])
		v >>= 5
	}
	return string(out)
}

// NormalizeTrackingCode turns a loosely typed code into the canonical "XXXXX-XXXXX":
// upper case, spaces and dashes dropped, O read as 0 and I or L as 1.
// Input of the wrong length is returned cleaned but otherwise as is; it will simply not match.
func NormalizeTrackingCode(s string) string {
	r := []rune(strings.Map(func(r rune) rune {
		switch {
		// Phones and word processors turn '-' into these Unicode dashes.
		case unicode.IsSpace(r), r == '-', r == '\u2010', r == '\u2011', r == '\u2013', r == '\u2014':
			return -1
		case r == 'O':
			return '0'
		case r == 'I', r == 'L':
			return '1'
		}
		return r
	}, strings.ToUpper(s)))
	if len(r) <= 5 {
		return string(r)
	}
	return string(r[:5]) + "-" + string(r[5:])
}

// TrackingCodeDigest is what the database keeps of a tracking code: a keyed hash of the
// normalized code. A code has only 50 bits, so a plain hash of a leaked table could be
// brute-forced; without the master key this cannot.
func (b *Box) TrackingCodeDigest(code string) []byte {
	return b.Lookup([]byte("tracking-code\x00" + NormalizeTrackingCode(code)))
}

package secret

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"sync"
	"testing"
)

func testKey(fill byte) []byte { return bytes.Repeat([]byte{fill}, KeySize) }

func newTestBox(t testing.TB, fill byte) *Box {
	t.Helper()
	b, err := NewBox(testKey(fill))
	if err != nil {
		t.Fatalf("NewBox: %v", err)
	}
	return b
}

func TestNewBoxKeyLength(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33, 64} {
		if _, err := NewBox(make([]byte, n)); err == nil {
			t.Errorf("NewBox with %d-byte key: no error", n)
		}
	}
	if _, err := NewBox(make([]byte, KeySize)); err != nil {
		t.Errorf("NewBox with %d-byte key: %v", KeySize, err)
	}
}

func TestSealOpenRoundTrip(t *testing.T) {
	b := newTestBox(t, 7)
	tests := []struct {
		name      string
		plaintext []byte
		ad        []byte
	}{
		{"NIK", []byte("3201011501900001"), []byte("requester:42")},
		{"empty plaintext", []byte{}, []byte("requester:42")},
		{"nil AD", []byte("3201011501900001"), nil},
		{"large", bytes.Repeat([]byte{0xAB}, 1<<20), []byte("scan:9")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sealed, err := b.Seal(tt.plaintext, tt.ad)
			if err != nil {
				t.Fatalf("Seal: %v", err)
			}
			if got, want := len(sealed), 1+12+len(tt.plaintext)+16; got != want {
				t.Errorf("len(sealed) = %d, want %d", got, want)
			}
			if sealed[0] != 0x01 {
				t.Errorf("version byte = %#x, want 0x01", sealed[0])
			}
			if len(tt.plaintext) >= 8 && bytes.Contains(sealed, tt.plaintext[:8]) {
				t.Errorf("sealed value contains plaintext")
			}
			got, err := b.Open(sealed, tt.ad)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			if !bytes.Equal(got, tt.plaintext) {
				t.Errorf("Open = %q, want %q", got, tt.plaintext)
			}
		})
	}
}

func TestOpenRejectsTampering(t *testing.T) {
	b := newTestBox(t, 7)
	plaintext, ad := []byte("3201011501900001"), []byte("requester:42")
	sealed, err := b.Seal(plaintext, ad)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		i    int
	}{
		{"version", 0},
		{"nonce first", 1},
		{"nonce last", 12},
		{"ciphertext first", 13},
		{"ciphertext last", 13 + len(plaintext) - 1},
		{"tag first", len(sealed) - 16},
		{"tag last", len(sealed) - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := bytes.Clone(sealed)
			bad[tt.i] ^= 0x01
			if got, err := b.Open(bad, ad); !errors.Is(err, ErrDecrypt) || got != nil {
				t.Errorf("Open(tampered %s) = %q, %v; want nil, ErrDecrypt", tt.name, got, err)
			}
		})
	}
	t.Run("truncated tag", func(t *testing.T) {
		if _, err := b.Open(sealed[:len(sealed)-1], ad); !errors.Is(err, ErrDecrypt) {
			t.Errorf("Open(truncated) error = %v, want ErrDecrypt", err)
		}
	})
	t.Run("appended byte", func(t *testing.T) {
		if _, err := b.Open(append(bytes.Clone(sealed), 0), ad); !errors.Is(err, ErrDecrypt) {
			t.Errorf("Open(appended) error = %v, want ErrDecrypt", err)
		}
	})
	t.Run("untouched still opens", func(t *testing.T) {
		if _, err := b.Open(sealed, ad); err != nil {
			t.Errorf("Open(original) after tamper tests: %v", err)
		}
	})
}

func TestOpenRejectsWrongAD(t *testing.T) {
	b := newTestBox(t, 7)
	sealed, err := b.Seal([]byte("3201011501900001"), []byte("requester:42"))
	if err != nil {
		t.Fatal(err)
	}
	for _, ad := range [][]byte{nil, []byte("requester:43"), []byte("requester:42 "), []byte("Requester:42")} {
		if _, err := b.Open(sealed, ad); !errors.Is(err, ErrDecrypt) {
			t.Errorf("Open with AD %q: error = %v, want ErrDecrypt", ad, err)
		}
	}
}

func TestOpenRejectsWrongKey(t *testing.T) {
	sealed, err := newTestBox(t, 7).Seal([]byte("3201011501900001"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newTestBox(t, 8).Open(sealed, nil); !errors.Is(err, ErrDecrypt) {
		t.Errorf("Open with other key: error = %v, want ErrDecrypt", err)
	}
}

func TestOpenShortInput(t *testing.T) {
	b := newTestBox(t, 7)
	for _, n := range []int{0, 1, 12, 13, 28} {
		in := make([]byte, n)
		if n > 0 {
			in[0] = 0x01
		}
		if got, err := b.Open(in, nil); !errors.Is(err, ErrDecrypt) || got != nil {
			t.Errorf("Open(%d bytes) = %q, %v; want nil, ErrDecrypt", n, got, err)
		}
	}
	if _, err := b.Open(nil, nil); !errors.Is(err, ErrDecrypt) {
		t.Errorf("Open(nil) error = %v, want ErrDecrypt", err)
	}
}

func TestSealNonceUnique(t *testing.T) {
	b := newTestBox(t, 7)
	const n = 2000
	nonces := make(map[string]bool, n)
	bodies := make(map[string]bool, n)
	for range n {
		sealed, err := b.Seal([]byte("same plaintext"), nil)
		if err != nil {
			t.Fatal(err)
		}
		nonces[string(sealed[1:13])] = true
		bodies[string(sealed[13:])] = true
	}
	if len(nonces) != n || len(bodies) != n {
		t.Errorf("%d Seals gave %d distinct nonces and %d distinct ciphertexts", n, len(nonces), len(bodies))
	}
}

// TestOpenKnownFormat builds a sealed value with the standard library alone, so a change to
// the key derivation or the layout (which would strand stored data) fails here.
func TestOpenKnownFormat(t *testing.T) {
	master := testKey(0x5A)
	encKey, err := hkdf.Key(sha256.New, master, nil, "terbuka/encrypt/v1", 32)
	if err != nil {
		t.Fatal(err)
	}
	block, err := aes.NewCipher(encKey)
	if err != nil {
		t.Fatal(err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		t.Fatal(err)
	}
	nonce := bytes.Repeat([]byte{0x42}, 12)
	plaintext, ad := []byte("3201011501900001"), []byte("requester:42")
	sealed := append([]byte{0x01}, nonce...)
	sealed = aead.Seal(sealed, nonce, plaintext, ad)

	got, err := newTestBox(t, 0x5A).Open(sealed, ad)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	if !bytes.Equal(got, plaintext) {
		t.Errorf("Open = %q, want %q", got, plaintext)
	}
}

func TestLookup(t *testing.T) {
	a, a2, other := newTestBox(t, 1), newTestBox(t, 1), newTestBox(t, 2)
	v := []byte("3201011501900001")

	h := a.Lookup(v)
	if len(h) != 32 {
		t.Fatalf("len(Lookup) = %d, want 32", len(h))
	}
	if !bytes.Equal(h, a.Lookup(v)) || !bytes.Equal(h, a2.Lookup(v)) {
		t.Error("Lookup is not deterministic for the same key")
	}
	if bytes.Equal(h, other.Lookup(v)) {
		t.Error("Lookup is the same under a different key")
	}
	if bytes.Equal(h, a.Lookup([]byte("3201011501900002"))) {
		t.Error("Lookup is the same for different values")
	}

	lookupKey, err := hkdf.Key(sha256.New, testKey(1), nil, "terbuka/lookup/v1", 32)
	if err != nil {
		t.Fatal(err)
	}
	m := hmac.New(sha256.New, lookupKey)
	m.Write(v)
	if want := m.Sum(nil); !bytes.Equal(h, want) {
		t.Errorf("Lookup = %x, want HMAC-SHA256 under the derived look-up key %x", h, want)
	}
	m = hmac.New(sha256.New, testKey(1))
	m.Write(v)
	if bytes.Equal(h, m.Sum(nil)) {
		t.Error("Lookup uses the master key directly")
	}
}

func TestBoxConcurrent(t *testing.T) {
	b := newTestBox(t, 7)
	want := b.Lookup([]byte("x"))
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for range 100 {
				pt := []byte{byte(i)}
				sealed, err := b.Seal(pt, nil)
				if err != nil {
					t.Error(err)
					return
				}
				got, err := b.Open(sealed, nil)
				if err != nil || !bytes.Equal(got, pt) {
					t.Errorf("concurrent round trip = %q, %v", got, err)
					return
				}
				if !bytes.Equal(b.Lookup([]byte("x")), want) {
					t.Error("concurrent Lookup differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkSeal(b *testing.B) {
	box := newTestBox(b, 7)
	for _, bb := range []struct {
		name string
		size int
	}{{"NIK", 16}, {"1MiB", 1 << 20}} {
		pt := make([]byte, bb.size)
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(bb.size))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := box.Seal(pt, []byte("requester:42")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

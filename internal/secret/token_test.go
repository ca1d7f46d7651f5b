package secret

import (
	"bytes"
	"encoding/base32"
	"regexp"
	"strings"
	"testing"
)

var crockfordChars = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]*$`)

func TestToken(t *testing.T) {
	dec := base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)
	tests := []struct {
		nbytes, wantLen int
	}{
		{1, 2}, {5, 8}, {10, 16}, {16, 26}, {20, 32}, {32, 52},
	}
	for _, tt := range tests {
		tok := Token(tt.nbytes)
		if len(tok) != tt.wantLen {
			t.Errorf("len(Token(%d)) = %d, want %d (%q)", tt.nbytes, len(tok), tt.wantLen, tok)
		}
		if !crockfordChars.MatchString(tok) {
			t.Errorf("Token(%d) = %q has characters outside the alphabet", tt.nbytes, tok)
		}
		raw, err := dec.DecodeString(tok)
		if err != nil || len(raw) != tt.nbytes {
			t.Errorf("Token(%d) = %q decodes to %d bytes, %v", tt.nbytes, tok, len(raw), err)
		}
	}
}

func TestTokenUnique(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		tok := Token(16)
		if seen[tok] {
			t.Fatalf("Token(16) repeated %q", tok)
		}
		seen[tok] = true
	}
}

func TestTokenPanicsOnNoBytes(t *testing.T) {
	for _, n := range []int{0, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Token(%d) did not panic", n)
				}
			}()
			Token(n)
		}()
	}
}

func TestTrackingCode(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$`)
	const n = 30000
	seen := make(map[string]bool, n)
	var pairs [9]map[[2]byte]bool
	for i := range pairs {
		pairs[i] = map[[2]byte]bool{}
	}
	for range n {
		c := TrackingCode()
		if !shape.MatchString(c) {
			t.Fatalf("TrackingCode() = %q, want XXXXX-XXXXX in Crockford base32", c)
		}
		if NormalizeTrackingCode(c) != c {
			t.Fatalf("NormalizeTrackingCode(%q) = %q, want it unchanged", c, NormalizeTrackingCode(c))
		}
		if seen[c] {
			t.Fatalf("TrackingCode repeated %q", c)
		}
		seen[c] = true
		chars := strings.ReplaceAll(c, "-", "")
		for i := range pairs {
			pairs[i][[2]byte{chars[i], chars[i+1]}] = true
		}
	}
	// Each neighbouring pair must reach all 32×32 combinations, or the 50 bits are not all
	// random and independent; missing one by chance in 30000 codes has odds below 1e-9.
	for i, m := range pairs {
		if len(m) != 32*32 {
			t.Errorf("positions %d-%d showed %d of 1024 combinations in %d codes", i, i+1, len(m), n)
		}
	}
}

func TestNormalizeTrackingCode(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"7K3P9-QRS2T", "7K3P9-QRS2T"},
		{"7k3p9-qrs2t", "7K3P9-QRS2T"},
		{"7K3P9QRS2T", "7K3P9-QRS2T"},
		{" 7k3p9 qrs2t\n", "7K3P9-QRS2T"},
		{"7K-3P-9Q-RS-2T", "7K3P9-QRS2T"},
		{"7K3P9 \u2013 QRS2T", "7K3P9-QRS2T"},
		{"7K3P9\u00a0QRS2T", "7K3P9-QRS2T"},
		{"oO0iIlL1-AAAAA", "00011-111AAAAA"},
		{"ABCDE-FGHoi", "ABCDE-FGH01"},
		{"abcdel", "ABCDE-1"},
		{"ABC", "ABC"},
		{"ABCDE", "ABCDE"},
		{"", ""},
		{"-- --", ""},
	}
	for _, tt := range tests {
		if got := NormalizeTrackingCode(tt.in); got != tt.want {
			t.Errorf("NormalizeTrackingCode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTrackingCodeDigest(t *testing.T) {
	box, err := NewBox(bytes.Repeat([]byte{1}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	want := box.Lookup([]byte("tracking-code\x007K3P9-QRS2T"))
	for _, in := range []string{"7K3P9-QRS2T", "7k3p9qrs2t", " 7K3P9 QRS2T "} {
		if got := box.TrackingCodeDigest(in); !bytes.Equal(got, want) {
			t.Errorf("TrackingCodeDigest(%q) = %x, want %x", in, got, want)
		}
	}
	if bytes.Equal(box.TrackingCodeDigest("7K3P9-QRS2V"), want) {
		t.Error("different codes digest the same")
	}
	if bytes.Equal(box.TrackingCodeDigest("7oOoO-iIlLl"), box.TrackingCodeDigest("70000-11111")) == false {
		t.Error("look-alike letters are not folded before digesting")
	}
	if bytes.Equal(box.TrackingCodeDigest("7K3P9-QRS2T"), box.Lookup([]byte("7K3P9-QRS2T"))) {
		t.Error("tracking-code digests share a domain with plain look-ups")
	}
	other, _ := NewBox(bytes.Repeat([]byte{2}, KeySize))
	if bytes.Equal(other.TrackingCodeDigest("7K3P9-QRS2T"), want) {
		t.Error("digest does not depend on the key")
	}
}

package secret

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestParseKey(t *testing.T) {
	// 0xFB and 0xFF make '+' and '/' in standard base64 and '-' and '_' in the URL alphabet.
	key := bytes.Repeat([]byte{0xFB, 0xFF, 0x10, 0x42}, 8)
	std := base64.StdEncoding.EncodeToString(key)
	if !strings.ContainsAny(std, "+/") || !strings.HasSuffix(std, "=") {
		t.Fatalf("test key %q does not exercise the alphabet and padding", std)
	}
	tests := []struct {
		name, in string
	}{
		{"hex lower", hex.EncodeToString(key)},
		{"hex upper", strings.ToUpper(hex.EncodeToString(key))},
		{"base64 std padded", std},
		{"base64 std raw", base64.RawStdEncoding.EncodeToString(key)},
		{"base64 url padded", base64.URLEncoding.EncodeToString(key)},
		{"base64 url raw", base64.RawURLEncoding.EncodeToString(key)},
		{"trailing newline from a file", std + "\n"},
		{"surrounding spaces", "  " + hex.EncodeToString(key) + " "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKey(tt.in)
			if err != nil {
				t.Fatalf("ParseKey(%q): %v", tt.in, err)
			}
			if !bytes.Equal(got, key) {
				t.Errorf("ParseKey(%q) = %x, want %x", tt.in, got, key)
			}
		})
	}
}

func TestParseKeyErrors(t *testing.T) {
	key := bytes.Repeat([]byte{0xFB, 0xFF, 0x10, 0x42}, 8)
	hexKey := hex.EncodeToString(key)
	tests := []struct {
		name, in, wantErr string
	}{
		{"empty", "", "empty"},
		{"blank", " \n", "empty"},
		{"garbage", "not a key!", "neither base64 nor 64 hex"},
		{"hex 62", hexKey[:62], "decodes to"},
		{"hex 66", hexKey + "ab", "decodes to"},
		{"hex with non-hex char", hexKey[:63] + "g", "decodes to 48 bytes"},
		{"base64 of 16 bytes", base64.StdEncoding.EncodeToString(key[:16]), "decodes to 16 bytes"},
		{"base64 of 33 bytes", base64.StdEncoding.EncodeToString(append(key, 1)), "decodes to 33 bytes"},
		{"mixed alphabets", base64.StdEncoding.EncodeToString(key)[:10] + "-_" + base64.StdEncoding.EncodeToString(key)[12:], "neither"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseKey(tt.in)
			if err == nil {
				t.Fatalf("ParseKey(%q) = %x, want error", tt.in, got)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseKey(%q) error = %q, want it to mention %q", tt.in, err, tt.wantErr)
			}
			if s := strings.TrimSpace(tt.in); len(s) > 4 && strings.Contains(err.Error(), s) {
				t.Errorf("error %q reveals the key", err)
			}
		})
	}
}

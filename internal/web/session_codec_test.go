package web

import (
	"bytes"
	"crypto/rand"
	"encoding/gob"
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/secret"
)

func testCodec(t *testing.T) sealedCodec {
	t.Helper()
	key := make([]byte, 32)
	rand.Read(key)
	box, err := secret.NewBox(key)
	if err != nil {
		t.Fatal(err)
	}
	return sealedCodec{box: box, lifetime: time.Hour}
}

// sessionValues is what sessions hold: the account, the request times, the CSRF token, a flash,
// a requester's address and a receipt (a struct, through gob).
func sessionValues() map[string]any {
	gob.Register(receiptSession{})
	return map[string]any{
		"user_id":    int64(42),
		"seen":       int64(-1 << 40),
		"csrf":       "tok\x00en/ü",
		"flash":      "",
		"flash_kind": "error",
		"yes":        true,
		"no":         false,
		"receipt": receiptSession{RegistrationNumber: "0006/PPID/XII/2026", TrackingCode: "ABCD-EFGH",
			ReceivedAt: time.Date(2026, 12, 7, 16, 1, 2, 3, time.UTC), CountingFrom: calendar.NewDate(2026, time.December, 8),
			Warnings: []string{"satu", "dua"}, NoEmail: true},
	}
}

func TestSessionCodecKeepsEveryValue(t *testing.T) {
	c := testCodec(t)
	deadline := time.Date(2026, 12, 7, 23, 59, 59, 123456789, time.UTC)
	for _, values := range []map[string]any{sessionValues(), {}} {
		sealed, err := c.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		gotDeadline, got, err := c.Decode(sealed)
		if err != nil {
			t.Fatal(err)
		}
		if !gotDeadline.Equal(deadline) {
			t.Errorf("deadline %v, want %v", gotDeadline, deadline)
		}
		if !reflect.DeepEqual(got, values) {
			t.Errorf("values\n got %#v\nwant %#v", got, values)
		}
		if bytes.Contains(sealed, []byte("ABCD-EFGH")) || bytes.Contains(sealed, []byte("0006/PPID")) {
			t.Error("the sealed session shows its receipt in clear")
		}
	}
}

// A session written by the earlier encoding (scs's gob, sealed under sessionAD) is still read.
func TestSessionCodecReadsSessionsWrittenInGob(t *testing.T) {
	c := testCodec(t)
	deadline := time.Now().Add(time.Hour).Round(0)
	plain, err := scs.GobCodec{}.Encode(deadline, sessionValues())
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := c.box.Seal(plain, sessionAD)
	if err != nil {
		t.Fatal(err)
	}
	gotDeadline, got, err := c.Decode(sealed)
	if err != nil {
		t.Fatal(err)
	}
	if !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, sessionValues()) {
		t.Errorf("old session read as %v %#v", gotDeadline, got)
	}
}

// Data sealed under another key, or for another use, starts an empty session.
func TestSessionCodecStartsEmptyOnForeignData(t *testing.T) {
	c, other := testCodec(t), testCodec(t)
	sealed, err := other.Encode(time.Now().Add(time.Hour), sessionValues())
	if err != nil {
		t.Fatal(err)
	}
	notSession, _ := c.box.Seal([]byte("x"), []byte("requests.nik"))
	for name, b := range map[string][]byte{"another key": sealed, "another use": notSession, "garbage": []byte("garbage")} {
		deadline, got, err := c.Decode(b)
		if err != nil || len(got) != 0 || !deadline.After(time.Now()) {
			t.Errorf("%s: got %v %v %v, want an empty session", name, deadline, got, err)
		}
	}
}

// Every cut or corrupted encoding is refused with an error, never a panic or a partial session.
func TestDecodeSessionRefusesMalformedData(t *testing.T) {
	plain, err := encodeSession(time.Now(), sessionValues())
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(plain) {
		if _, v, err := decodeSession(plain[:i]); err == nil {
			t.Fatalf("prefix of %d/%d bytes decoded as %v", i, len(plain), v)
		}
	}
	if _, _, err := decodeSession(append(plain, 0)); err == nil {
		t.Error("trailing byte accepted")
	}
	// An unknown tag: a one-value session whose tag (after deadline, count and key "k", a byte,
	// a byte and two bytes) is replaced.
	one, err := encodeSession(time.Unix(0, 0), map[string]any{"k": "v"})
	if err != nil {
		t.Fatal(err)
	}
	if one[4] != tagString {
		t.Fatalf("layout changed: % x", one)
	}
	one[4] = 'z'
	if _, _, err := decodeSession(one); err == nil {
		t.Error("unknown tag accepted")
	}
}

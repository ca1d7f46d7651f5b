package notify

import "testing"

// The README's example is signed with the example secret exactly as documented, so an office can
// check its receiver against it.
func TestSignMatchesTheREADMEExample(t *testing.T) {
	body := []byte(`{"case_id": 17, "event": "new_request", "registration_number": "0017/PPID/XI/2026", "time": "2026-11-27T09:00:00+07:00", "unit": "PPID Utama"}`)
	const want = "sha256=4869503957e282fb3ff9054f175dcad1dc210acbb71c4c0c60d9e47a32bd2fe0"
	if got := Sign([]byte("0123456789abcdef"), body); got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
	if !Verify([]byte("0123456789abcdef"), body, want) || Verify([]byte("0123456789abcdeF"), body, want) {
		t.Error("Verify disagrees with Sign")
	}
	if Verify([]byte("0123456789abcdef"), append(body, ' '), want) {
		t.Error("a changed body verified")
	}
}

func TestEveryKindHasALabel(t *testing.T) {
	for _, k := range Kinds {
		if !k.Valid() || k.Label() == "" {
			t.Errorf("kind %q has no label", k)
		}
	}
	for _, k := range WebhookEvents {
		if !k.Valid() {
			t.Errorf("webhook event %q is not a kind", k)
		}
	}
}

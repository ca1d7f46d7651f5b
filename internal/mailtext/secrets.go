package mailtext

import (
	"encoding/json"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/secret"
)

// Mask stands for a secret wherever a mail is shown to anyone but its recipient.
const Mask = "••••••"

// secretKeys are the template fields whose holder acts as someone: the tracking code acts as the
// requester, a temporary password as the account, fresh tracking codes and a sign-in link as the
// requester; a survey token answers the case's one survey. They live sealed in the outbox's secrets column, never in its data, and leave it
// when the mail is sent or parked (ASVS 8.3.4, UU 27/2022 Pasal 35).
var secretKeys = []string{"tracking_code", "temporary_password", "tracking_codes", "signin_url", "survey_token"}

// SecretKeys are the template fields that are never stored or shown in clear.
func SecretKeys() []string { return append([]string(nil), secretKeys...) }

// secretsAD binds sealed secrets to the outbox column, so a ciphertext moved elsewhere does not open.
var secretsAD = []byte("outbox.secrets")

// SealSecrets encrypts a mail's secrets with the data key for the outbox; nil when there are none.
func SealSecrets(box *secret.Box, secrets map[string]string) ([]byte, error) {
	if len(secrets) == 0 {
		return nil, nil
	}
	if box == nil {
		return nil, fmt.Errorf("mailtext: sealing mail secrets needs the data key")
	}
	plain, err := json.Marshal(secrets)
	if err != nil {
		return nil, fmt.Errorf("mailtext: encode mail secrets: %w", err)
	}
	return box.Seal(plain, secretsAD)
}

// OpenSecrets decrypts what SealSecrets sealed; nil sealed opens to no secrets.
func OpenSecrets(box *secret.Box, sealed []byte) (map[string]string, error) {
	if sealed == nil {
		return nil, nil
	}
	if box == nil {
		return nil, fmt.Errorf("mailtext: opening mail secrets needs the data key")
	}
	plain, err := box.Open(sealed, secretsAD)
	if err != nil {
		return nil, fmt.Errorf("mailtext: mail secrets: %w", err)
	}
	var secrets map[string]string
	if err := json.Unmarshal(plain, &secrets); err != nil {
		return nil, fmt.Errorf("mailtext: decode mail secrets: %w", err)
	}
	return secrets, nil
}

// WithSecrets is data with secrets added, for rendering in memory only; data itself is left as it was.
func WithSecrets(data map[string]any, secrets map[string]string) map[string]any {
	out := make(map[string]any, len(data)+len(secrets))
	for k, v := range data {
		out[k] = v
	}
	for k, v := range secrets {
		out[k] = v
	}
	return out
}

// Masked is data with every secret field shown as Mask, for previews: the template reads as it
// will, and no secret, even one an old row still holds in clear, reaches the screen.
func Masked(data map[string]any) map[string]any {
	out := WithSecrets(data, nil)
	for _, k := range secretKeys {
		out[k] = Mask
	}
	return out
}

// ClearSecrets splits the secret fields a row's data still holds in clear (queued before they
// were sealed) from the rest; found is empty when there are none.
func ClearSecrets(data map[string]any) (found map[string]string) {
	for _, k := range secretKeys {
		if v, ok := data[k]; ok && v != nil {
			if found == nil {
				found = map[string]string{}
			}
			found[k] = fmt.Sprint(v)
		}
	}
	return found
}

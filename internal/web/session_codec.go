package web

import (
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/terbuka-id/terbuka/internal/secret"
)

// sessionAD binds sealed session data to the sessions table.
var sessionAD = []byte("sessions.data")

// sealedCodec seals each session with the data key before it reaches the sessions table: a session
// may carry a receipt's tracking code or an account's temporary password, and the table is in every
// backup (ASVS 8.3.4).
type sealedCodec struct {
	box      *secret.Box
	lifetime time.Duration
}

func (c sealedCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	plain, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		return nil, err
	}
	return c.box.Seal(plain, sessionAD)
}

// Decode opens a session; one it cannot open (written before sessions were sealed, or under another
// key) starts empty, as a visitor without a session would, rather than failing the request.
func (c sealedCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	plain, err := c.box.Open(b, sessionAD)
	if err != nil {
		return time.Now().Add(c.lifetime), map[string]any{}, nil
	}
	return scs.GobCodec{}.Decode(plain)
}

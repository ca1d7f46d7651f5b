package web

import (
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/terbuka-id/terbuka/internal/secret"
)

// sessionAD binds sealed session data to the sessions table. Sessions sealed under it hold scs's
// gob encoding (written before sessionCompactAD); they are still read until they expire.
var sessionAD = []byte("sessions.data")

// sessionCompactAD binds sealed session data in the compact encoding (encodeSession).
var sessionCompactAD = []byte("sessions.data/compact")

// sealedCodec seals each session with the data key before it reaches the sessions table: a session
// may carry a receipt's tracking code or an account's temporary password, and the table is in every
// backup (ASVS 8.3.4).
type sealedCodec struct {
	box      *secret.Box
	lifetime time.Duration
}

func (c sealedCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	plain, err := encodeSession(deadline, values)
	if err != nil {
		return nil, err
	}
	return c.box.Seal(plain, sessionCompactAD)
}

// Decode opens a session; one it cannot open (written before sessions were sealed, or under another
// key) starts empty, as a visitor without a session would, rather than failing the request.
func (c sealedCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if plain, err := c.box.Open(b, sessionCompactAD); err == nil {
		return decodeSession(plain)
	}
	plain, err := c.box.Open(b, sessionAD)
	if err != nil {
		return time.Now().Add(c.lifetime), map[string]any{}, nil
	}
	return scs.GobCodec{}.Decode(plain)
}

// The compact encoding: the deadline, then each value after its key, strings, integers and
// booleans written directly. scs's gob encoding compiled a decoder afresh for every request, a
// tenth of an office page's allocations (BenchmarkQueuePage); values of other types (a receipt)
// still go through gob, one by one.
const (
	tagString = 's'
	tagInt64  = 'i'
	tagBool   = 'b'
	tagGob    = 'g'
)

var errSessionData = errors.New("web: malformed session data")

func encodeSession(deadline time.Time, values map[string]any) ([]byte, error) {
	b := binary.AppendVarint(make([]byte, 0, 128), deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(values)))
	for k, v := range values {
		b = appendBytes(b, k)
		switch v := v.(type) {
		case string:
			b = appendBytes(append(b, tagString), v)
		case int64:
			b = binary.AppendVarint(append(b, tagInt64), v)
		case bool:
			b = append(b, tagBool, boolByte(v))
		default:
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(&v); err != nil {
				return nil, fmt.Errorf("web: session value %q: %w", k, err)
			}
			b = appendBytes(append(b, tagGob), buf.String())
		}
	}
	return b, nil
}

func decodeSession(b []byte) (time.Time, map[string]any, error) {
	r := sessionReader{b: b}
	deadline := time.Unix(0, r.varint())
	n := r.uvarint()
	if r.err != nil || n > uint64(len(b)) {
		return time.Time{}, nil, errSessionData
	}
	values := make(map[string]any, n)
	for range n {
		k := string(r.bytes())
		switch r.byte() {
		case tagString:
			values[k] = string(r.bytes())
		case tagInt64:
			values[k] = r.varint()
		case tagBool:
			values[k] = r.byte() == 1
		case tagGob:
			var v any
			if err := gob.NewDecoder(bytes.NewReader(r.bytes())).Decode(&v); err != nil && r.err == nil {
				return time.Time{}, nil, fmt.Errorf("web: session value %q: %w", k, err)
			}
			values[k] = v
		default:
			r.err = errSessionData
		}
		if r.err != nil {
			return time.Time{}, nil, r.err
		}
	}
	if len(r.b) != 0 {
		return time.Time{}, nil, errSessionData
	}
	return deadline, values, nil
}

func appendBytes(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// sessionReader reads the compact encoding; past the first fault every read is empty.
type sessionReader struct {
	b   []byte
	err error
}

func (r *sessionReader) fail() { r.err, r.b = errSessionData, nil }

func (r *sessionReader) varint() int64 {
	v, n := binary.Varint(r.b)
	r.skip(n)
	return v
}

func (r *sessionReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	r.skip(n)
	return v
}

// skip passes a number of n bytes just read; n ≤ 0 is binary's "too short or too long".
func (r *sessionReader) skip(n int) {
	if n <= 0 {
		r.fail()
		return
	}
	r.b = r.b[n:]
}

func (r *sessionReader) byte() byte {
	if len(r.b) == 0 {
		r.fail()
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *sessionReader) bytes() []byte {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.fail()
		return nil
	}
	s := r.b[:n]
	r.b = r.b[n:]
	return s
}

package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
	"github.com/terbuka-id/terbuka/internal/store"
)

// validNIK passes the app's NIK check; the name varies per request instead.
const validNIK = "3273014507900003"

const (
	information = "Salinan dokumen anggaran pendapatan dan belanja daerah tahun 2025 beserta rincian belanja per dinas."
	purpose     = "Penelitian tentang transparansi anggaran daerah."
	address     = "Jl. Merdeka No. 10, Bandung"
	phone       = "0812 3456 7890"
	occupation  = "Peneliti"
)

// intakeHTTP returns the setup of one API client: POST /api/v1/requests, expect 201.
func intakeHTTP(baseURL string, clients int, tag string) func(i int) (benchkit.Op, error) {
	target := baseURL + "/api/v1/requests"
	return func(i int) (benchkit.Op, error) {
		client := benchkit.NewHTTPClient(clients)
		var n int
		var body []byte
		return func(ctx context.Context) error {
			n++
			name := "Pemohon Uji " + tag + " " + strconv.Itoa(i) + "-" + strconv.Itoa(n)
			body = body[:0]
			body = append(body, `{"requester":{"kind":"perorangan","name":"`...)
			body = append(body, name...)
			body = append(body, `","nik":"`+validNIK+`","address":"`+address+`","phone":"`+phone+`","email":"pemohon`...)
			body = strconv.AppendInt(body, int64(i), 10)
			body = append(body, `@contoh.id","occupation":"`+occupation+`"},"information":"`+information+
				`","purpose":"`+purpose+`","obtain_method":"softcopy","delivery_method":"email","publish_consent":true}`...)
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
			if err != nil {
				return err
			}
			req.Header.Set("Content-Type", "application/json")
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusCreated {
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
				return &benchkit.StatusError{Code: resp.StatusCode, Body: string(b)}
			}
			// Draining the body lets the connection be reused.
			_, err = io.Copy(io.Discard, resp.Body)
			return err
		}, nil
	}
}

// rawIntake is the app's intake statement without the app: what PostgreSQL alone allows.
type rawIntake struct {
	stmt     *sqlx.Stmt // prepared, as the app prepares it
	year     int
	suffix   string
	received time.Time
	clocks   deadline.RequestClocks
}

// newRawIntake fixes the per-run fields as the app derives them (Jakarta time, real calendar).
func newRawIntake(ctx context.Context, db *sqlx.DB, cal *calendar.Calendar) (*rawIntake, error) {
	stmt, err := db.PreparexContext(ctx, store.IntakeSQL)
	if err != nil {
		return nil, fmt.Errorf("prepare intake statement: %w", err)
	}
	now := time.Now().In(cal.Location())
	return &rawIntake{
		stmt:     stmt,
		year:     now.Year(),
		suffix:   "/PPID/" + romanMonths[now.Month()-1] + "/" + strconv.Itoa(now.Year()),
		received: now,
		clocks:   deadline.ForRequest(cal, now),
	}, nil
}

var romanMonths = [12]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}

func (r *rawIntake) setup(tag string) func(i int) (benchkit.Op, error) {
	return func(i int) (benchkit.Op, error) {
		var n int
		email := "pemohon" + strconv.Itoa(i) + "@contoh.id"
		return func(ctx context.Context) error {
			n++
			// Fresh random blobs of the app's sizes: tracking hash, sealed NIK (AES-GCM), HMAC
			// lookup, and the receipt's sealed tracking code (never in the mail's data).
			blobs := make([]byte, 32+45+32+58)
			rand.Read(blobs)
			name := "Pemohon Uji " + tag + " " + strconv.Itoa(i) + "-" + strconv.Itoa(n)
			row := store.NewRequest{
				Year: r.year, NumberPrefix: "", NumberWidth: 4, NumberSuffix: r.suffix,
				TrackingCodeHash: blobs[:32],
				Channel:          "api",
				RequesterKind:    "perorangan",
				RequesterName:    name,
				NIKSealed:        blobs[32:77],
				NIKLookup:        blobs[77:109],
				Address:          address,
				Phone:            phone,
				Email:            email,
				Occupation:       occupation,
				Information:      information,
				Purpose:          purpose,
				ObtainMethod:     "softcopy",
				DeliveryMethod:   "email",
				PublishConsent:   true,
				ReceivedAt:       time.Now().In(r.received.Location()),
				CountingFrom:     r.clocks.CountingFrom,
				ResponseDue:      r.clocks.ResponseDue,
				ActorLabel:       "Pemohon",
				EventNote:        "Permohonan diterima melalui API.",
				Mail: &store.Mail{Template: "request_received", Recipient: email, Data: map[string]any{
					"name":         name,
					"received_at":  r.received.Format(time.RFC3339),
					"response_due": r.clocks.ResponseDue.String(),
					"office_name":  "PPID Kabupaten Contoh",
					"tracking_url": "http://localhost:8080/lacak",
				}, Secrets: blobs[109:]},
			}
			args, err := store.IntakeParams(row)
			if err != nil {
				return err
			}
			var reg struct {
				Ord int `db:"ord"`
				store.Registered
			}
			if err := r.stmt.GetContext(ctx, &reg, args...); err != nil {
				return fmt.Errorf("raw insert: %w", err)
			}
			return nil
		}, nil
	}
}

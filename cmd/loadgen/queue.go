package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/password"
	"github.com/terbuka-id/terbuka/internal/store"
)

// queueYear keeps the seeded rows out of the intake counter's year and the gapless check.
const queueYear = 2100

// seedQueueSQL writes n open requests in one statement; due dates scatter over ±60 days of
// $1 (not in id order), so the queue's ORDER BY due_date has real work to do.
const seedQueueSQL = `
INSERT INTO requests (reg_year, reg_seq, registration_number, tracking_code_hash, channel,
	requester_kind, requester_name, nik_sealed, nik_lookup, address, phone, email, occupation,
	information, purpose, obtain_method, delivery_method, publish_consent,
	received_at, counting_from, response_due, due_date)
SELECT $3::int, i, 'Q' || i, sha256(i::text::bytea), 'web',
	'perorangan', 'Pemohon Antrean ' || i, sha256(('nik' || i)::bytea), sha256(('lookup' || i)::bytea),
	'Jl. Contoh No. ' || i, '0812 0000 0000', 'antrean' || i || '@contoh.id', 'Wiraswasta',
	'Salinan laporan realisasi anggaran dinas nomor ' || i || ' untuk tahun anggaran 2025, termasuk rincian belanja modal dan belanja barang serta jasa per kegiatan.',
	'Pengawasan anggaran.', 'softcopy', 'email', true,
	(d - 14) + time '09:00', d - 13, d, d
FROM generate_series(1, $2::int) AS i,
	LATERAL (SELECT $1::date + ((i * 7919) % 121 - 60) AS d) AS due
ON CONFLICT DO NOTHING`

// seedQueue inserts the rows and refreshes statistics; vacuum also sets the visibility map,
// as autovacuum eventually would in production, which enables index-only scans.
func seedQueue(ctx context.Context, db *sqlx.DB, today calendar.Date, rows int, vacuum bool) (seeded, open int64, err error) {
	res, err := db.ExecContext(ctx, seedQueueSQL, today, rows, queueYear)
	if err != nil {
		return 0, 0, fmt.Errorf("seed queue: %w", err)
	}
	seeded, _ = res.RowsAffected()
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		return seeded, 0, fmt.Errorf("analyze: %w", err)
	}
	if vacuum {
		if err := vacuumUntilVisible(ctx, db); err != nil {
			return seeded, 0, err
		}
	}
	if err := db.GetContext(ctx, &open, `SELECT count(*) FROM requests WHERE closed_at IS NULL`); err != nil {
		return seeded, 0, fmt.Errorf("count open: %w", err)
	}
	return seeded, open, nil
}

// vacuumUntilVisible repeats VACUUM while a concurrent snapshot (autovacuum's ANALYZE of the
// tables intake filled) kept it from marking most of the table all-visible.
func vacuumUntilVisible(ctx context.Context, db *sqlx.DB) error {
	for attempt := 1; ; attempt++ {
		if _, err := db.ExecContext(ctx, `VACUUM requests`); err != nil {
			return fmt.Errorf("vacuum: %w", err)
		}
		var pages, visible int64
		if err := db.QueryRowContext(ctx, `SELECT relpages, relallvisible FROM pg_class WHERE relname = 'requests'`).
			Scan(&pages, &visible); err != nil {
			return fmt.Errorf("vacuum: %w", err)
		}
		if visible*100 >= pages*95 || attempt == 10 {
			fmt.Printf("VACUUM requests: %d of %d pages all-visible after %d pass(es)\n", visible, pages, attempt)
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

const (
	officerEmail    = "bench-ppid@terbuka.test"
	officerPassword = "bench-password-123"
)

// ensureOfficer creates (or resets) the officer the queue phase logs in as.
func ensureOfficer(ctx context.Context, db *sqlx.DB) error {
	hash, err := password.Hash(officerPassword)
	if err != nil {
		return err
	}
	_, err = db.ExecContext(ctx, `
		INSERT INTO users (email, name, role, password_hash) VALUES ($1, 'PPID Uji Beban', 'ppid', $2)
		ON CONFLICT ((lower(email))) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'ppid', active = true`,
		officerEmail, hash)
	if err != nil {
		return fmt.Errorf("create officer: %w", err)
	}
	return nil
}

// queueHTTP returns the setup of one signed-in officer loading GET /kantor, expecting 200.
func queueHTTP(ctx context.Context, baseURL string, clients int) func(i int) (benchkit.Op, error) {
	return func(i int) (benchkit.Op, error) {
		client, err := benchkit.SignIn(ctx, baseURL, officerEmail, officerPassword, clients)
		if err != nil {
			return nil, err
		}
		return func(ctx context.Context) error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/kantor", nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
				return &benchkit.StatusError{Code: resp.StatusCode, Body: string(b)}
			}
			_, err = io.Copy(io.Discard, resp.Body)
			return err
		}, nil
	}
}

// queueSQLOp runs the page's two queries with the handler's parameters (first page, no filter).
func queueSQLOp(db *sqlx.DB, today, soon calendar.Date) func(i int) (benchkit.Op, error) {
	return func(int) (benchkit.Op, error) {
		items := make([]store.QueueItem, 0, 51)
		return func(ctx context.Context) error {
			items = items[:0]
			if err := db.SelectContext(ctx, &items, store.QueueSQL, store.QueueQueryArgs(access.Everything, store.QueueFilter{Limit: 51})...); err != nil {
				return fmt.Errorf("queue: %w", err)
			}
			var c store.QueueCounts
			if err := db.GetContext(ctx, &c, store.CountQueueSQL, store.QueueCountArgs(access.Everything, store.QueueFilter{}, today, soon)...); err != nil {
				return fmt.Errorf("count queue: %w", err)
			}
			return nil
		}, nil
	}
}

package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// benchUnits publish the corpus, the first the most; benchQuietUnit exists but has published
// nothing (every office has one), so the unit facet must not scan the table to find that out.
var (
	benchUnits = []string{"Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum", "Badan Keuangan Daerah",
		"Dinas Lingkungan Hidup", "Badan Perencanaan Pembangunan", "Sekretariat Daerah", "Dinas Perhubungan"}
	benchQuietUnit = "Satuan Polisi Pamong Praja"
)

// commonWords are the most frequent filler words, most frequent first; fillers past them are
// pseudo-words of two or three open syllables, so the vocabulary has a long tail like real text.
var commonWords = strings.Fields(`yang dan di untuk dengan dari pada dalam ini itu ke oleh tersebut adalah sebagai
	telah akan tidak juga atau serta bagi kepada karena sesuai berdasarkan tahun daerah pemerintah kota kabupaten provinsi
	masyarakat program kegiatan pelaksanaan peraturan nomor pasal ayat bidang urusan dinas kepala sekretaris data informasi
	publik pelayanan umum sosial ekonomi lingkungan hidup tenaga kerja sumber daya manusia sarana prasarana fasilitas wilayah
	desa kelurahan warga penduduk jumlah total rupiah juta miliar persen target capaian indikator kinerja rencana strategis
	rapat koordinasi evaluasi monitoring dokumen surat keputusan bupati wali gubernur menteri badan unit satuan organisasi
	perangkat aparatur sipil negara pegawai jabatan tugas fungsi kewenangan tanggung jawab sistem aplikasi layanan permohonan
	pengaduan tindak lanjut hasil pemeriksaan rekomendasi temuan perbaikan peningkatan penurunan perubahan penetapan`)

var syllables = strings.Fields("ba be bi bu da de du ga gi ka ku la li lu ma mi na nu ra ri sa su ta ti to wa ya ja po se")

// corpusSQL writes publications $1..$2 of $3. Topic words carry the searchable signal: each has
// affixed forms that the indonesian stemmer folds together (anggaran, penganggaran,
// dianggarkan → anggar), a share of bodies it occurs in (df) and a weight in titles (tw), both
// Zipf-like, from anggaran (about half of all documents) down to tsunami (a few dozen).
// Bodies are 300–600 words of filler drawn log-uniformly (Zipf, s≈1) with the document's topic
// words scattered in; published_at grows with the row number, as rows arrive in production.
// $4 common words, $5 syllables, $6 unit ids, $7 unit names (same order, most publishing first).
const corpusSQL = `
WITH topics AS (
	SELECT k, forms, df, sum(tw) OVER (ORDER BY k) - tw AS lo, sum(tw) OVER (ORDER BY k) AS hi, sum(tw) OVER () AS total
	FROM (VALUES
		(1, '{anggaran,penganggaran,dianggarkan,menganggarkan}'::text[], 0.30, 0.15),
		(2, '{laporan,pelaporan,dilaporkan,melaporkan}', 0.25, 0.10),
		(3, '{pembangunan,dibangun,bangunan,membangun}', 0.18, 0.08),
		(4, '{belanja,pembelanjaan,dibelanjakan}', 0.15, 0.08),
		(5, '{realisasi,direalisasikan,merealisasikan}', 0.12, 0.07),
		(6, '{pendidikan,pendidik,dididik}', 0.10, 0.07),
		(7, '{kesehatan,sehat,menyehatkan}', 0.08, 0.07),
		(8, '{jalan,perjalanan,jalanan}', 0.07, 0.05),
		(9, '{pendapatan,didapatkan,mendapatkan}', 0.06, 0.05),
		(10, '{pengelolaan,dikelola,pengelola}', 0.05, 0.05),
		(11, '{pengawasan,diawasi,pengawas}', 0.04, 0.04),
		(12, '{sekolah,persekolahan}', 0.03, 0.03),
		(13, '{perpajakan,pajak}', 0.025, 0.03),
		(14, '{puskesmas}', 0.02, 0.025),
		(15, '{irigasi}', 0.015, 0.02),
		(16, '{sampah,persampahan}', 0.012, 0.02),
		(17, '{banjir}', 0.01, 0.02),
		(18, '{stunting}', 0.006, 0.01),
		(19, '{beasiswa}', 0.004, 0.01),
		(20, '{jembatan}', 0.003, 0.01),
		(21, '{retribusi}', 0.002, 0.008),
		(22, '{reklamasi}', 0.001, 0.004),
		(23, '{mangrove}', 0.0003, 0.0002),
		(24, '{tsunami}', 0.0001, 0.00005)) AS t(k, forms, df, tw)),
docs AS (
	SELECT g.i, r.*, 2015 + floor(r.t * 11.9)::int AS pub_year,
		timestamptz '2015-01-02 08:00+07' + r.t * (timestamptz '2026-11-26 16:00+07' - timestamptz '2015-01-02 08:00+07') AS published_at
	FROM generate_series($1::int, $2::int) AS g(i),
		LATERAL (SELECT (g.i - 0.5 + random() - 0.5) / $3 AS t, random() AS u1, random() AS u2, random() AS u3,
			random() AS ucat, random() AS utype, random() AS uunit, random() AS ukec, random() AS ujenis, random() AS uyear, random() AS usum,
			300 + floor(random() * 301)::int AS len) r),
doc AS (
	SELECT d.*, t1.forms[1] AS tw1, CASE WHEN d.u3 < 0.7 AND t2.k <> t1.k THEN t2.forms[1] END AS tw2,
		($6::bigint[])[1 + floor(cardinality($6::bigint[]) * power(d.uunit, 1.6))::int] AS unit_id,
		($7::text[])[1 + floor(cardinality($6::bigint[]) * power(d.uunit, 1.6))::int] AS unit_name,
		greatest(2015, least(2026, d.pub_year - (d.uyear < 0.3)::int)) AS year,
		(ARRAY['Cibeunying','Sukajadi','Lengkong','Cicendo','Andir','Coblong','Batununggal','Kiaracondong','Antapani',
			'Arcamanik','Ujungberung','Rancasari'])[floor(power(13, d.ukec))::int] AS kec,
		(ARRAY['Laporan','Rekapitulasi','Daftar','Rencana','Dokumen','Ringkasan','Rincian','Data','Keputusan tentang',
			'Peraturan tentang'])[1 + floor(10 * power(d.ujenis, 1.5))::int] AS jenis,
		CASE WHEN d.utype < 0.6 THEN 0 WHEN d.utype < 0.75 THEN 1 WHEN d.utype < 0.9 THEN 2
			WHEN d.utype < 0.94 THEN 3 WHEN d.utype < 0.97 THEN 4 ELSE 5 END AS ti
	FROM docs d
	JOIN topics t1 ON d.u1 * t1.total >= t1.lo AND d.u1 * t1.total < t1.hi
	JOIN topics t2 ON d.u2 * t2.total >= t2.lo AND d.u2 * t2.total < t2.hi)
INSERT INTO publications (public_id, title, category, unit_id, year, summary, keywords, responsible, made_place,
	made_time, form, retention, sha256, size, content_type, filename, doc_type, body_text, status, published_at,
	created_at, updated_at, head_roots, body_roots)
SELECT lpad(to_hex((d.i::bigint * 637423193) % 1099511627776), 10, '0'),
	d.jenis || ' ' || initcap(d.tw1) || coalesce(' ' || initcap(d.tw2), '') || ' ' || d.unit_name ||
		CASE WHEN d.ukec < 0.6 THEN ' Kecamatan ' || d.kec ELSE '' END || ' Tahun ' || d.year,
	CASE WHEN d.ucat < 0.55 THEN 'berkala' WHEN d.ucat < 0.9 THEN 'setiap_saat' ELSE 'serta_merta' END,
	d.unit_id, d.year,
	'Dokumen ' || lower(d.jenis) || ' ' || d.tw1 || coalesce(' dan ' || d.tw2, '') || ' ' || d.unit_name ||
		' tahun ' || d.year || CASE WHEN d.usum < 0.5 AND cardinality(dt.words) > 0
			THEN ' yang memuat ' || dt.words[1 + floor(2 * d.usum * cardinality(dt.words))::int] ELSE '' END ||
		' ' || sumtext.text || '.',
	d.tw1 || coalesce(', ' || d.tw2, '') || ', ' || lower(d.kec),
	'Kepala ' || d.unit_name, 'Kabupaten Sukamaju', d.year::text, 'softcopy', '5 tahun',
	encode(sha256(d.i::text::bytea), 'hex'), 40000 + (d.u3 * 4000000)::bigint,
	(ARRAY['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'image/jpeg', 'text/plain', 'application/zip'])[d.ti + 1],
	'dokumen-' || d.i || (ARRAY['.pdf', '.docx', '.xlsx', '.jpg', '.txt', '.zip'])[d.ti + 1],
	(ARRAY['pdf', 'dokumen', 'lembar_kerja', 'gambar', 'teks', 'arsip'])[d.ti + 1],
	body.text, 'published', d.published_at, d.published_at - interval '2 days', d.published_at,
	-- The generated words have no dictionary roots; '' marks them computed, so no backfill runs.
	'', ''
FROM doc d,
	LATERAL (
		SELECT coalesce(array_agg(c.forms[1 + floor(random() * cardinality(c.forms))::int]), '{}') AS words
		FROM (SELECT tp.k, tp.forms FROM topics tp WHERE random() < tp.df + d.i * 0) c,
			LATERAL generate_series(1, 1 + (random() * 2.4)::int + c.k * 0) AS rep) dt,
	LATERAL (
		SELECT string_agg(w, ' ' ORDER BY ord) AS text FROM (
			SELECT j::float8 AS ord, CASE WHEN j % 13 = 0 THEN fw.w || '.' ELSE fw.w END AS w
			FROM generate_series(1, d.len) AS j,
				LATERAL (SELECT floor(power(6000, random() + j * 0))::int - 1 AS r) rr,
				LATERAL (SELECT CASE WHEN rr.r < cardinality($4::text[]) THEN ($4::text[])[rr.r + 1]
					ELSE ($5::text[])[1 + rr.r % 30] || ($5::text[])[1 + (rr.r / 30) % 30] ||
						CASE WHEN rr.r >= 900 THEN ($5::text[])[1 + (rr.r / 900) % 30] ELSE '' END END AS w) fw
			UNION ALL
			SELECT random() * d.len, w FROM unnest(dt.words) AS w) x) body,
	LATERAL (
		SELECT string_agg(CASE WHEN rr.r < cardinality($4::text[]) THEN ($4::text[])[rr.r + 1]
			ELSE ($5::text[])[1 + rr.r % 30] || ($5::text[])[1 + (rr.r / 30) % 30] END, ' ') AS text
		FROM generate_series(1, 16 + d.i * 0) AS j, LATERAL (SELECT floor(power(6000, random() + j * 0))::int - 1 AS r) rr) sumtext`

// corpusStats describes the generated table for the report.
type corpusStats struct {
	docs                      int64
	loadTook, took            time.Duration // rows alone; rows and indexes
	vacuumTook                time.Duration
	table, heap, toast, total int64
	indexes                   []indexSize
	avgTitleWords, avgSummary float64
	avgBodyWords              float64
}

type indexSize struct {
	name string
	size int64
}

// generateCorpus fills publications with n documents, `workers` chunks in parallel (INSERT …
// SELECT runs on one core; the machine has two), then VACUUM ANALYZE, as autovacuum would do
// to a table this size soon after the load — doing it now keeps it out of the timed phases.
func generateCorpus(ctx context.Context, db *sqlx.DB, n, workers int, progress func(done int64)) (corpusStats, error) {
	var st corpusStats
	var ids []int64
	var names []string
	for _, name := range append(benchUnits, benchQuietUnit) {
		var id int64
		if err := db.GetContext(ctx, &id, `INSERT INTO units (name, kind) VALUES ($1, 'pelaksana') RETURNING id`, name); err != nil {
			return st, fmt.Errorf("create unit: %w", err)
		}
		if name != benchQuietUnit {
			ids, names = append(ids, id), append(names, name)
		}
	}
	// Indexes are built after the load, as for any bulk load: maintaining the GIN indexes row by
	// row would double the time. They come back with the migrations' own definitions.
	var defs []struct {
		Name string `db:"name"`
		Def  string `db:"def"`
	}
	if err := db.SelectContext(ctx, &defs, `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
		FROM pg_index i WHERE i.indrelid = 'publications'::regclass
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`); err != nil {
		return st, fmt.Errorf("list indexes: %w", err)
	}
	for _, d := range defs {
		if _, err := db.ExecContext(ctx, `DROP INDEX `+pq.QuoteIdentifier(d.Name)); err != nil {
			return st, fmt.Errorf("drop index for the load: %w", err)
		}
	}
	const chunk = 5000
	chunks := (n + chunk - 1) / chunk
	var next, done atomic.Int64
	var wg sync.WaitGroup
	var report sync.Mutex
	errs := make(chan error, workers)
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := db.Connx(ctx)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close()
			for {
				c := int(next.Add(1)) - 1
				if c >= chunks || ctx.Err() != nil {
					return
				}
				from, to := c*chunk+1, min((c+1)*chunk, n)
				// Seeded per chunk, so the corpus is the same whichever worker writes a chunk.
				if _, err := conn.ExecContext(ctx, `SELECT setseed($1)`, float64(c)/float64(chunks)); err != nil {
					errs <- err
					return
				}
				if _, err := conn.ExecContext(ctx, corpusSQL, from, to, n, pq.StringArray(commonWords),
					pq.StringArray(syllables), pq.Int64Array(ids), pq.StringArray(names)); err != nil {
					errs <- fmt.Errorf("generate documents %d–%d: %w", from, to, err)
					return
				}
				report.Lock()
				progress(done.Add(int64(to - from + 1)))
				report.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	st.loadTook = time.Since(start)
	// One index per connection at a time; CREATE INDEX of a GIN index uses a single core.
	work := make(chan string, len(defs))
	for _, d := range defs {
		work <- d.Def
	}
	close(work)
	errs = make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn, err := db.Connx(ctx)
			if err != nil {
				errs <- err
				return
			}
			defer conn.Close()
			if _, err := conn.ExecContext(ctx, `SET maintenance_work_mem = '256MB'`); err != nil {
				errs <- err
				return
			}
			for def := range work {
				if _, err := conn.ExecContext(ctx, def); err != nil {
					errs <- fmt.Errorf("%s: %w", def, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return st, err
	}
	st.took = time.Since(start)
	start = time.Now()
	if _, err := db.ExecContext(ctx, `VACUUM (ANALYZE) publications`); err != nil {
		return st, fmt.Errorf("vacuum: %w", err)
	}
	if _, err := db.ExecContext(ctx, `ANALYZE`); err != nil {
		return st, fmt.Errorf("analyze: %w", err)
	}
	st.vacuumTook = time.Since(start)
	return st, describeCorpus(ctx, db, &st)
}

// describeCorpus fills in the sizes and the average lengths.
func describeCorpus(ctx context.Context, db *sqlx.DB, st *corpusStats) error {
	err := db.QueryRowxContext(ctx, `SELECT count(*), pg_table_size('publications'), pg_relation_size('publications'),
			coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0), pg_total_relation_size('publications'),
			avg(array_length(regexp_split_to_array(title, '\s+'), 1)),
			avg(array_length(regexp_split_to_array(summary, '\s+'), 1)),
			avg(array_length(regexp_split_to_array(body_text, '\s+'), 1))
		FROM publications, pg_class c WHERE c.oid = 'publications'::regclass GROUP BY c.reltoastrelid`).
		Scan(&st.docs, &st.table, &st.heap, &st.toast, &st.total, &st.avgTitleWords, &st.avgSummary, &st.avgBodyWords)
	if err != nil {
		return fmt.Errorf("describe corpus: %w", err)
	}
	rows, err := db.QueryxContext(ctx, `SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index
		WHERE indrelid = 'publications'::regclass ORDER BY pg_relation_size(indexrelid) DESC`)
	if err != nil {
		return fmt.Errorf("describe indexes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ix indexSize
		if err := rows.Scan(&ix.name, &ix.size); err != nil {
			return err
		}
		st.indexes = append(st.indexes, ix)
	}
	return rows.Err()
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

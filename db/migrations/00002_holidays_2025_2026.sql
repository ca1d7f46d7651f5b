-- Official national holidays and cuti bersama for 2025 and 2026, from the SKB of the Minister of
-- Religious Affairs, the Minister of Manpower and the Minister of State Apparatus (see the decree
-- column). Later years arrive as new migrations or are entered by an administrator.

-- +goose Up
INSERT INTO calendar_years (year, decree) VALUES
    (2025, 'SKB No. 1017/2024, 2/2024, 2/2024 (14 Oct 2024); amended by SKB No. 933/2025, 1/2025, 3/2025 (7 Aug 2025)'),
    (2026, 'SKB No. 1497/2025, 2/2025, 5/2025 (19 Sep 2025)');

INSERT INTO holidays (date, name, kind) VALUES
    ('2025-01-01', 'Tahun Baru 2025 Masehi', 'libur'),
    ('2025-01-27', 'Isra Mikraj Nabi Muhammad SAW', 'libur'),
    ('2025-01-29', 'Tahun Baru Imlek 2576 Kongzili', 'libur'),
    ('2025-03-29', 'Hari Suci Nyepi Tahun Baru Saka 1947', 'libur'),
    ('2025-03-31', 'Idulfitri 1446 Hijriah', 'libur'),
    ('2025-04-01', 'Idulfitri 1446 Hijriah', 'libur'),
    ('2025-04-18', 'Wafat Yesus Kristus', 'libur'),
    ('2025-04-20', 'Kebangkitan Yesus Kristus (Paskah)', 'libur'),
    ('2025-05-01', 'Hari Buruh Internasional', 'libur'),
    ('2025-05-12', 'Hari Raya Waisak 2569 BE', 'libur'),
    ('2025-05-29', 'Kenaikan Yesus Kristus', 'libur'),
    ('2025-06-01', 'Hari Lahir Pancasila', 'libur'),
    ('2025-06-06', 'Iduladha 1446 Hijriah', 'libur'),
    ('2025-06-27', '1 Muharam Tahun Baru Islam 1447 Hijriah', 'libur'),
    ('2025-08-17', 'Proklamasi Kemerdekaan', 'libur'),
    ('2025-09-05', 'Maulid Nabi Muhammad SAW', 'libur'),
    ('2025-12-25', 'Kelahiran Yesus Kristus', 'libur'),
    ('2025-01-28', 'Cuti bersama Tahun Baru Imlek', 'cuti_bersama'),
    ('2025-03-28', 'Cuti bersama Hari Suci Nyepi', 'cuti_bersama'),
    ('2025-04-02', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2025-04-03', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2025-04-04', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2025-04-07', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2025-05-13', 'Cuti bersama Hari Raya Waisak', 'cuti_bersama'),
    ('2025-05-30', 'Cuti bersama Kenaikan Yesus Kristus', 'cuti_bersama'),
    ('2025-06-09', 'Cuti bersama Iduladha', 'cuti_bersama'),
    ('2025-08-18', 'Cuti bersama HUT RI ke-80 (SKB perubahan 2025)', 'cuti_bersama'),
    ('2025-12-26', 'Cuti bersama Kelahiran Yesus Kristus', 'cuti_bersama'),
    ('2026-01-01', 'Tahun Baru 2026 Masehi', 'libur'),
    ('2026-01-16', 'Isra Mikraj Nabi Muhammad SAW', 'libur'),
    ('2026-02-17', 'Tahun Baru Imlek 2577 Kongzili', 'libur'),
    ('2026-03-19', 'Hari Suci Nyepi Tahun Baru Saka 1948', 'libur'),
    ('2026-03-21', 'Idulfitri 1447 Hijriah', 'libur'),
    ('2026-03-22', 'Idulfitri 1447 Hijriah', 'libur'),
    ('2026-04-03', 'Wafat Yesus Kristus', 'libur'),
    ('2026-04-05', 'Kebangkitan Yesus Kristus (Paskah)', 'libur'),
    ('2026-05-01', 'Hari Buruh Internasional', 'libur'),
    ('2026-05-14', 'Kenaikan Yesus Kristus', 'libur'),
    ('2026-05-27', 'Iduladha 1447 Hijriah', 'libur'),
    ('2026-05-31', 'Hari Raya Waisak 2570 BE', 'libur'),
    ('2026-06-01', 'Hari Lahir Pancasila', 'libur'),
    ('2026-06-16', '1 Muharam Tahun Baru Islam 1448 Hijriah', 'libur'),
    ('2026-08-17', 'Proklamasi Kemerdekaan', 'libur'),
    ('2026-08-25', 'Maulid Nabi Muhammad SAW', 'libur'),
    ('2026-12-25', 'Kelahiran Yesus Kristus', 'libur'),
    ('2026-02-16', 'Cuti bersama Tahun Baru Imlek', 'cuti_bersama'),
    ('2026-03-18', 'Cuti bersama Hari Suci Nyepi', 'cuti_bersama'),
    ('2026-03-20', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2026-03-23', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2026-03-24', 'Cuti bersama Idulfitri', 'cuti_bersama'),
    ('2026-05-15', 'Cuti bersama Kenaikan Yesus Kristus', 'cuti_bersama'),
    ('2026-05-28', 'Cuti bersama Iduladha', 'cuti_bersama'),
    ('2026-12-24', 'Cuti bersama Kelahiran Yesus Kristus', 'cuti_bersama');

-- +goose Down
DELETE FROM holidays WHERE kind IN ('libur', 'cuti_bersama') AND date BETWEEN '2025-01-01' AND '2026-12-31';
DELETE FROM calendar_years WHERE year IN (2025, 2026);

package publishing

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/store"
)

// ImportOutcome is what happened to one line of the metadata file.
type ImportOutcome struct {
	Line      int
	File      string
	Published bool
	// Refused says, in Indonesian, why the file was not published; empty when it was.
	Refused  string
	Findings []Finding
}

// importColumns are the metadata file's columns; the first seven are required.
var importColumns = []string{"title", "category", "unit", "year", "summary", "keywords", "file",
	"responsible", "made_place", "made_time", "form", "retention"}

const requiredImportColumns = 7

// ImportFolder publishes a folder of existing documents described by a metadata CSV (comma or
// semicolon separated, as spreadsheets in Indonesia often save it). Every file goes through the
// same checks as the web form; a file with personal-data findings stays a draft for the PPID to
// review. A file already published with the same content is skipped, so a rerun adds only what
// is new. The returned error is for the whole import (unreadable metadata, database down); each
// file's problem is in its outcome.
func (s *Service) ImportFolder(ctx context.Context, dir string, metadata io.Reader) ([]ImportOutcome, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("folder %s: %w", dir, err)
	}
	defer root.Close()
	rows, err := readImportCSV(metadata)
	if err != nil {
		return nil, err
	}
	units, err := s.Store.Units(ctx)
	if err != nil {
		return nil, err
	}
	var outcomes []ImportOutcome
	for _, row := range rows[1:] {
		if err := ctx.Err(); err != nil {
			return outcomes, err
		}
		out, err := s.importRow(ctx, root, row, units)
		if err != nil {
			return outcomes, err
		}
		outcomes = append(outcomes, out)
	}
	return outcomes, nil
}

type csvRow struct {
	line   int
	values map[string]string
}

// readImportCSV reads the header and rows; the header names the columns in any order and case.
func readImportCSV(r io.Reader) ([]csvRow, error) {
	br := bufio.NewReader(r)
	// The BOM is dropped before the CSV reader sees it: before a quoted header it is a bare quote error.
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	first, _ := br.Peek(4096)
	header, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	if bytes.Count(header, []byte(";")) > bytes.Count(header, []byte(",")) {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	records, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("berkas metadata tidak dapat dibaca: %w", err)
	}
	if len(records) == 0 {
		return nil, errors.New("berkas metadata kosong")
	}
	cols := map[int]string{}
	for i, h := range records[0] {
		h = strings.ToLower(strings.TrimSpace(h))
		if slices.Contains(importColumns, h) {
			cols[i] = h
		}
	}
	var missing []string
	for _, want := range importColumns[:requiredImportColumns] {
		found := false
		for _, c := range cols {
			found = found || c == want
		}
		if !found {
			missing = append(missing, want)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("berkas metadata tanpa kolom %s (kolom wajib: %s)", strings.Join(missing, ", "),
			strings.Join(importColumns[:requiredImportColumns], ", "))
	}
	rows := []csvRow{{line: 1}}
	for i, rec := range records[1:] {
		row := csvRow{line: i + 2, values: map[string]string{}}
		blank := true
		for j, v := range rec {
			if c, ok := cols[j]; ok {
				row.values[c] = strings.TrimSpace(v)
				blank = blank && row.values[c] == ""
			}
		}
		if !blank {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func (s *Service) importRow(ctx context.Context, root *os.Root, row csvRow, units []store.Unit) (ImportOutcome, error) {
	v := row.values
	out := ImportOutcome{Line: row.line, File: v["file"]}
	refuse := func(format string, args ...any) (ImportOutcome, error) {
		out.Refused = fmt.Sprintf(format, args...)
		return out, nil
	}
	if out.File == "" {
		return refuse("kolom file kosong")
	}
	year, _ := strconv.Atoi(v["year"])
	meta := portal.Meta{Title: v["title"], Category: importCategory(v["category"]), Year: year, Summary: v["summary"],
		Keywords: v["keywords"], Responsible: v["responsible"], MadePlace: v["made_place"], MadeTime: v["made_time"],
		Form: v["form"], Retention: v["retention"]}
	for _, u := range units {
		if u.Active && strings.EqualFold(strings.TrimSpace(u.Name), v["unit"]) {
			meta.UnitID = u.ID
		}
	}
	if meta.UnitID == 0 {
		return refuse("unit %q tidak dikenal (daftarkan dulu di /kantor/admin/unit)", v["unit"])
	}
	// os.Root keeps "../" and symbolic links from reaching outside the folder.
	data, err := root.ReadFile(out.File)
	if err != nil {
		return refuse("berkas %q tidak dapat dibaca dari folder: %v", out.File, errors.Unwrap(err))
	}
	sum := sha256.Sum256(data)
	exists, err := s.Store.PublicationWithContent(ctx, hex.EncodeToString(sum[:]))
	if err != nil {
		return out, err
	}
	if exists {
		return refuse("sudah pernah diimpor (isi berkas sama)")
	}
	id, errs, err := s.draft(ctx, ImportActor, meta, Upload{Filename: out.File, Body: bytes.NewReader(data)}, draftSource{})
	if err != nil {
		return out, err
	}
	if len(errs) > 0 {
		keys := make([]string, 0, len(errs))
		for k := range errs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var msgs []string
		for _, k := range keys {
			msgs = append(msgs, k+": "+errs[k])
		}
		return refuse("%s", strings.Join(msgs, "; "))
	}
	err = s.Store.PublishPublication(ctx, id, sql.NullInt64{}, ImportActor.Label, s.Now())
	if errors.Is(err, store.ErrPIIUnconfirmed) {
		p, err := s.Store.Publication(ctx, access.Everything, id) // the import command acts for the whole office
		if err != nil {
			return out, err
		}
		out.Findings = Findings(p)
		return refuse("data pribadi ditemukan (%d); disimpan sebagai draf untuk diperiksa PPID di /kantor/publikasi/%d", len(out.Findings), id)
	}
	if err != nil {
		return out, err
	}
	out.Published = true
	return out, nil
}

// importCategory accepts the category as code or as written ("Serta merta", "setiap saat").
func importCategory(v string) string {
	return strings.ReplaceAll(strings.ToLower(strings.Join(strings.Fields(v), " ")), " ", "_")
}

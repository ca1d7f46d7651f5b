package registerimport

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/request"
)

const (
	maxNumberLen = 100
	maxCostLen   = 500
)

// rowErrors keeps the first problem of each column of one row.
type rowErrors map[string]string

func (e rowErrors) add(column, msg string) {
	if _, taken := e[column]; !taken {
		e[column] = msg
	}
}

// validate checks one data row against the register format and the rules of the web form.
func (p *parser) validate(rec record) (Row, []RowError) {
	errs := rowErrors{}
	row := Row{Line: rec.line}

	for i, c := range rec.cells {
		switch {
		case strings.TrimSpace(c.text) == "":
		case !utf8.ValidString(c.text):
			if i < len(p.columns) && p.columns[i] != "" {
				errs.add(p.columns[i], "Teks bukan UTF-8; simpan ulang file sebagai \"CSV UTF-8\" di Excel.")
			} else {
				errs.add("", "Teks bukan UTF-8; simpan ulang file sebagai \"CSV UTF-8\" di Excel.")
			}
		case i >= len(p.columns) || p.columns[i] == "":
			errs.add("", fmt.Sprintf("Kolom ke-%d berisi data tetapi tidak punya judul kolom.", i+1))
		}
	}

	row.RegistrationNumber = p.get(rec, colNumber).text
	switch n := row.RegistrationNumber; {
	case n == "":
		errs.add(colNumber, "Nomor registrasi wajib diisi.")
	case utf8.RuneCountInString(n) > maxNumberLen:
		errs.add(colNumber, fmt.Sprintf("Nomor registrasi terlalu panjang: paling banyak %d karakter.", maxNumberLen))
	default:
		// Numbers differing only in case or spacing are the same register entry typed twice.
		key := strings.ToLower(strings.Join(strings.Fields(n), " "))
		if first, dup := p.numbers[key]; dup {
			errs.add(colNumber, fmt.Sprintf("Nomor registrasi ini sudah dipakai di baris %d.", first))
		} else {
			p.numbers[key] = rec.line
		}
	}

	received, receivedOK := p.receivedAt(p.get(rec, colReceived), errs)
	if receivedOK {
		row.ReceivedAt = received
	}

	row.Channel = "letter" // most requests in a paper register came by letter
	if c := p.get(rec, colChannel); c.text != "" {
		row.Channel = option(request.Channels, colChannel, c.text, errs)
	}

	s := request.Submission{
		RequesterKind:  optionOrRaw(request.RequesterKinds, colKind, p.get(rec, colKind).text, errs),
		Name:           p.get(rec, colName).text,
		EntitySKNumber: p.get(rec, colSK).text,
		Address:        p.get(rec, colAddress).text,
		Email:          p.get(rec, colEmail).text,
		Occupation:     p.get(rec, colOccupation).text,
		Information:    p.get(rec, colInformation).text,
		Purpose:        p.get(rec, colPurpose).text,
		ObtainMethod:   optionOrRaw(request.ObtainMethods, colObtain, p.get(rec, colObtain).text, errs),
		DeliveryMethod: optionOrRaw(request.DeliveryMethods, colDelivery, p.get(rec, colDelivery).text, errs),
	}
	if s.RequesterKind != "badan_hukum" {
		s.NIK = nikValue(p.get(rec, colNIK), errs)
	}
	s.Phone = phoneValue(p.get(rec, colPhone), errs)
	s.PublishConsent = consent(p.get(rec, colConsent).text, errs)
	s.Normalize()
	for key, msg := range s.Validate() {
		column, ok := fieldColumns[key]
		if !ok {
			column = "" // a field the register has no column for yet
		}
		errs.add(column, msg)
	}
	row.Submission = s

	p.decision(rec, &row, receivedOK, errs)

	row.Cost = p.get(rec, colCost).text
	if utf8.RuneCountInString(row.Cost) > maxCostLen {
		errs.add(colCost, fmt.Sprintf("Terlalu panjang: paling banyak %d karakter.", maxCostLen))
	}

	switch {
	case !row.DeliveredDate.IsZero():
		row.Status = request.StatusClosed
	case row.Decision != "":
		row.Status = row.Decision
	default:
		row.Status = request.StatusReceived
	}

	if len(errs) == 0 {
		return row, nil
	}
	out := make([]RowError, 0, len(errs))
	for column, msg := range errs {
		out = append(out, RowError{Line: rec.line, Column: column, Message: msg})
	}
	return Row{}, out
}

// decision fills the written notice's decision, exemption letters and dates, and checks that
// they fit together (UU 14/2008 Pasal 22(7)).
func (p *parser) decision(rec record, row *Row, receivedOK bool, errs rowErrors) {
	written := p.get(rec, colDecision).text
	if written != "" {
		row.Decision = option(request.Decisions, colDecision, written, errs)
	}
	letters, lettersOK := exemptionLetters(p.get(rec, colExemption).text, errs)
	row.ExemptionLetters = letters
	notice, noticeOK := p.date(p.get(rec, colNotice), colNotice, errs)
	delivered, _ := p.date(p.get(rec, colDelivered), colDelivered, errs)
	row.NoticeDate, row.DeliveredDate = notice, delivered

	// Pasal 22(7)(c) and (e): a refusal or a blacked-out part must name its Pasal 17 ground.
	needsLetters := row.Decision == request.StatusRefused || row.Decision == request.StatusPartial
	// Only granted information is handed over.
	mayDeliver := row.Decision == request.StatusGranted || row.Decision == request.StatusPartial

	switch {
	case written == "":
		if len(letters) > 0 {
			errs.add(colExemption, "Pasal pengecualian hanya diisi bila keputusan ditolak atau dikabulkan_sebagian.")
		}
		if !notice.IsZero() {
			errs.add(colDecision, "Keputusan wajib diisi bila tanggal pemberitahuan diisi.")
		}
	case row.Decision != "": // an unknown decision is already reported; its rules would only add noise
		if notice.IsZero() && noticeOK {
			// Pasal 22(7): the decision reaches the requester as a written notice.
			errs.add(colNotice, "Tanggal pemberitahuan tertulis wajib diisi bila keputusan diisi (Pasal 22 ayat (7) UU 14/2008).")
		}
		if needsLetters && len(letters) == 0 && lettersOK {
			errs.add(colExemption, "Sebutkan huruf Pasal 17 UU 14/2008 (a–j) yang menjadi alasan pengecualian, contoh: h.")
		}
		if !needsLetters && len(letters) > 0 {
			errs.add(colExemption, "Pasal pengecualian hanya diisi bila keputusan ditolak atau dikabulkan_sebagian.")
		}
	}
	if !delivered.IsZero() && !mayDeliver && (written == "" || row.Decision != "") {
		errs.add(colDelivered, "Tanggal penyerahan hanya diisi bila keputusan dikabulkan atau dikabulkan_sebagian.")
	}

	if receivedOK {
		day := calendar.DateOf(row.ReceivedAt)
		if !notice.IsZero() && notice.Before(day) {
			errs.add(colNotice, "Tanggal pemberitahuan tidak boleh sebelum tanggal diterima ("+calendar.FormatID(day)+").")
		}
		if !delivered.IsZero() && delivered.Before(day) {
			errs.add(colDelivered, "Tanggal penyerahan tidak boleh sebelum tanggal diterima ("+calendar.FormatID(day)+").")
		}
	}
	if !notice.IsZero() && !delivered.IsZero() && delivered.Before(notice) {
		errs.add(colDelivered, "Tanggal penyerahan tidak boleh sebelum tanggal pemberitahuan ("+calendar.FormatID(notice)+").")
	}
}

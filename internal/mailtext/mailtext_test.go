package mailtext

import (
	"errors"
	"io/fs"
	"strings"
	"testing"
)

func TestEveryTemplateRenders(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	names, _ := fs.Glob(files, "templates/*.txt")
	if len(names) < 7 {
		t.Fatalf("only %d templates", len(names))
	}
	data := map[string]any{"name": "Siti Aminah", "registration_number": "0001/PPID/XI/2026", "tracking_code": "7K3P9-QRS2T",
		"response_due": "2026-12-11", "tracking_url": "https://ppid.contoh.go.id/lacak", "office_name": "PPID Kabupaten Contoh",
		"status": "Dikabulkan seluruhnya", "note": "Pemberitahuan tertulis: Dikabulkan seluruhnya.", "email": "a@b.id", "role": "PPID",
		// Keys of the scheduler's mails; a template may use only keys listed here.
		"due_date": "2026-12-11", "objection_deadline": "2027-01-25", "dispute_deadline": "2027-02-10",
		"objection_number": "KEB/0001/XI/2026", "officer_name": "Rina", "days_left": 3, "overdue_days": 2, "level": 1,
		"cases":    []map[string]any{{"registration_number": "0001/PPID/XI/2026", "due_date": "2026-12-11", "status": "Diproses", "url": "u"}},
		"case_url": "https://ppid.contoh.go.id/kantor/permohonan/1", "date": "2026-11-27",
		"count": 1, "overdue_count": 1, "soon_days": 3,
		// Officer notices (new request, new objection, clarification answer).
		"unit": "PPID Utama", "channel": "formulir daring", "received_on": "2026-11-27",
		"account_url": "https://ppid.contoh.go.id/kantor/akun"}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".txt")
		m, err := r.Render(name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if m.Subject == "" || strings.Contains(m.Subject, "\n") || !strings.Contains(m.Body, "PPID Kabupaten Contoh") {
			t.Errorf("%s: %+v", name, m)
		}
		if strings.Contains(m.Body, "<no value>") {
			t.Errorf("%s: a placeholder has no data", name)
		}
	}
}

func TestReceiptCarriesCodeAndIndonesianDate(t *testing.T) {
	r, _ := New()
	m, err := r.Render("request_received", map[string]any{"name": "Siti", "registration_number": "0001/PPID/XI/2026",
		"tracking_code": "7K3P9-QRS2T", "response_due": "2026-12-11", "tracking_url": "u", "office_name": "o"})
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Permohonan informasi 0001/PPID/XI/2026 telah diterima" || !strings.Contains(m.Body, "7K3P9-QRS2T") ||
		!strings.Contains(m.Body, "Jumat, 11 Desember 2026") {
		t.Errorf("%+v", m)
	}
}

func TestUnknownTemplate(t *testing.T) {
	r, _ := New()
	if _, err := r.Render("nope", nil); !errors.Is(err, ErrUnknownTemplate) {
		t.Errorf("got %v", err)
	}
}

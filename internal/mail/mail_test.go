package mail

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
		"status": "Dikabulkan seluruhnya", "note": "Pemberitahuan tertulis: Dikabulkan seluruhnya.", "email": "a@b.id", "role": "PPID"}
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

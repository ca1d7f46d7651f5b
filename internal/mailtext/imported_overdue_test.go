package mailtext

import (
	"strings"
	"testing"
)

// The mail to an imported requester states the facts: the due date, the last day to object while
// the window runs, or that the 30 working days have passed — and never promises a late objection.
func TestImportedOverdueMailStatesTheWindowAsItIs(t *testing.T) {
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"name": "Budi", "registration_number": "010/PPID/IX/2026", "received_date": "2026-09-01",
		"due_date": "2026-09-15", "objection_deadline": "2026-10-27", "office_name": "PPID Uji",
		"ppid_name": "Rina", "ppid_email": "rina@ppid.test", "office_address": "Jl. Uji 1"}
	for _, open := range []bool{true, false} {
		data["window_open"] = open
		m, err := r.Render("imported_overdue_requester", data)
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"15 September 2026", "27 Oktober 2026", "Pasal 36 ayat (1)", "rina@ppid.test", "Jl. Uji 1", "PPID Uji"} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("open=%v: body lacks %q:\n%s", open, want, m.Body)
			}
		}
		if got := strings.Contains(m.Body, "Batas akhir pengajuan keberatan adalah"); got != open {
			t.Errorf("open=%v: last day to object shown = %v:\n%s", open, got, m.Body)
		}
		if got := strings.Contains(m.Body, "telah berakhir"); got == open {
			t.Errorf("open=%v: window closed shown = %v", open, got)
		}
		if strings.Contains(m.Body, "<no value>") || strings.Contains(strings.ToLower(m.Body), "tetap menerima keberatan") {
			t.Errorf("open=%v:\n%s", open, m.Body)
		}
	}
}

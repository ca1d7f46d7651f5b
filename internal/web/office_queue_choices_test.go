package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestQueueFiltersFollowAnAdministratorAtOnce: the queue's unit and officer choices are kept
// between page views, and an administrator's change on this instance reaches them at once: a
// new unit is offered, a renamed one shows its new name, a deactivated officer is no longer offered.
func TestQueueFiltersFollowAnAdministratorAtOnce(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	admin := signInAdmin(t, w.app)
	unitOption := regexp.MustCompile(`(?s)<select id="unit".*?</select>`)
	officerOption := regexp.MustCompile(`(?s)<select id="petugas".*?</select>`)
	page := w.ppid.get("/kantor") // read and kept
	if !strings.Contains(officerOption.FindString(page), `<option value="`+w.petugasID+`"`) {
		t.Fatal("the petugas is not offered to begin with")
	}
	if st, kind, _ := admin.postStep("/kantor/admin/unit", url.Values{"name": {"PPID Pelaksana Dinas Pertanian"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("create unit: %d %q", st, kind)
	}
	if !strings.Contains(unitOption.FindString(w.ppid.get("/kantor")), ">PPID Pelaksana Dinas Pertanian</option>") {
		t.Error("a unit created a moment ago is not offered")
	}
	if st, kind, _ := admin.postStep("/kantor/admin/unit/"+w.dinasUnit+"/ubah-nama", url.Values{"name": {"PPID Pelaksana Dinkes"}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("rename unit: %d %q", st, kind)
	}
	if units := unitOption.FindString(w.ppid.get("/kantor")); !strings.Contains(units, ">PPID Pelaksana Dinkes</option>") ||
		strings.Contains(units, "Dinas Kesehatan") {
		t.Errorf("a renamed unit shows its old name:\n%s", units)
	}
	if st, kind, _ := admin.postStep("/kantor/admin/pengguna/"+w.petugasID+"/nonaktifkan", url.Values{}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("deactivate: %d %q", st, kind)
	}
	page = w.ppid.get("/kantor")
	if strings.Contains(officerOption.FindString(page), `<option value="`+w.petugasID+`"`) ||
		strings.Contains(page, `<select id="bulk-officer" name="officer_id" required>`) && strings.Contains(regexp.MustCompile(`(?s)<select id="bulk-officer".*?</select>`).FindString(page), `value="`+w.petugasID+`"`) {
		t.Error("a deactivated officer is still offered")
	}
}

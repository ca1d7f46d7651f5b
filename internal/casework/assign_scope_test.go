package casework_test

import (
	"errors"
	"testing"

	"github.com/terbuka-id/terbuka/internal/access"
)

// A case goes only to an officer who can see it: an officer of another PPID Pelaksana is refused
// on officer_id (422 on the API), and a role that may not assign learns nothing of which accounts
// exist (ErrForbidden before the officer is looked up).
func TestAssignOnlyToAnOfficerWhoSeesTheCase(t *testing.T) {
	t.Parallel()
	o := newOffice(t)
	id := o.submit()
	o.must(o.cw.Forward(o.ctx, o.user("petugas-utama"), id, o.dinas))
	before := o.snapshot()

	r := refused(t, o.cw.Assign(o.ctx, o.user("ppid-utama"), id, o.user("petugas-lain").ID), "assign to another unit's officer")
	if r.Field != "officer_id" {
		t.Errorf("refusal %+v, want one on officer_id", r)
	}
	for _, probe := range []int64{o.user("petugas-dinas").ID, 999999} {
		if err := o.cw.Assign(o.ctx, o.user("atasan"), id, probe); !errors.Is(err, access.ErrForbidden) {
			t.Errorf("atasan assigning officer %d: %v, want ErrForbidden whether or not the account exists", probe, err)
		}
	}
	o.unchanged(before, "refused assignments")

	// The unit's own officer, and the PPID Utama's officers (who see every unit), may take it.
	o.must(o.cw.Assign(o.ctx, o.user("ppid-utama"), id, o.user("petugas-dinas").ID))
	o.must(o.cw.Assign(o.ctx, o.user("ppid-dinas"), id, o.user("petugas-utama").ID))
}

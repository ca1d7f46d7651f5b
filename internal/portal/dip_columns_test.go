package portal_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/portal"
)

// Perki 1/2021: a DIP entry without a file says where and in what form the information is available.
func TestOfflineEntrySaysWhereToGetIt(t *testing.T) {
	t.Parallel()
	if errs := portal.ValidateAvailableAt("Ruang arsip PPID lt. 2, bentuk cetak"); len(errs) != 0 {
		t.Errorf("offline place: %v", errs)
	}
	for _, bad := range []string{"", "arsip", "   \n  "} {
		if errs := portal.ValidateAvailableAt(bad); errs["available_at"] == "" {
			t.Errorf("%q passed", bad)
		}
	}
	if !slicesContains(portal.DocTypes, portal.DocOffline) {
		t.Error("the offline kind has no label")
	}
}

func slicesContains(opts []portal.Option, code string) bool {
	for _, o := range opts {
		if o.Code == code {
			return true
		}
	}
	return false
}

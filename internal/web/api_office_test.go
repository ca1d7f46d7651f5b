package web_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// The officers' API answers each step with the steps now open to the same officer, from the
// one source the case page uses (workflow.Available).
func TestOfficeAPIListsTheStepsOpenNow(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, _, _ := submitViaAPI(t, app)
	api := strings.Replace(path, "/kantor/", "/api/v1/kantor/", 1)
	steps := func(out map[string]any) []string {
		var names []string
		for _, s := range out["available_steps"].([]any) {
			names = append(names, fmt.Sprint(s))
		}
		return names
	}

	st, out := ppid.postJSON(api+"/extend", map[string]any{"reason": "Dokumen tersebar di tiga bidang."})
	if st != 200 {
		t.Fatalf("extend: %d %v", st, out)
	}
	// Extended once (Pasal 22(8)): no second extension; deciding, assigning, withdrawing remain
	// (no forwarding: the office has one unit).
	if got, want := steps(out), []string{"assign", "decide", "withdraw"}; !slices.Equal(got, want) {
		t.Errorf("after extending: %v, want %v", got, want)
	}
	st, out = ppid.postJSON(api+"/decide", map[string]any{"kind": "dikabulkan", "notice_at": "2026-11-02T09:00:00+07:00",
		"information_given": "Rekap", "form": "softcopy", "cost": "Tanpa biaya", "delivery_time": "Hari ini"})
	if st != 200 {
		t.Fatalf("decide: %d %v", st, out)
	}
	if got, want := steps(out), []string{"deliver"}; !slices.Equal(got, want) {
		t.Errorf("after granting: %v, want %v", got, want)
	}
	st, out = ppid.postJSON(api+"/deliver", map[string]any{"method": "email"})
	if got, want := steps(out), []string{"close"}; st != 200 || !slices.Equal(got, want) {
		t.Errorf("after delivering: %d %v, want %v", st, got, want)
	}
	st, out = ppid.postJSON(api+"/close", map[string]any{})
	if st != 200 || len(steps(out)) != 0 {
		t.Errorf("after closing: %d %v", st, out["available_steps"])
	}
}

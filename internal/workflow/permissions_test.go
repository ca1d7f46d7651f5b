package workflow_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/workflow"
)

var (
	allRoles       = []string{workflow.RolePetugas, workflow.RolePPID, workflow.RoleAtasan, workflow.RoleAdmin}
	allPermissions = []workflow.Permission{
		workflow.RegisterRequest, workflow.HandleCase, workflow.DecideCase, workflow.RegisterObjection,
		workflow.AnswerObjection, workflow.RecordDispute, workflow.Administer,
	}
)

func TestRoleNames(t *testing.T) {
	t.Parallel()
	// The role names are stored in the users table; renaming one locks people out.
	got := []string{workflow.RolePetugas, workflow.RolePPID, workflow.RoleAtasan, workflow.RoleAdmin}
	want := []string{"petugas", "ppid", "atasan", "admin"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("role %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestCan(t *testing.T) {
	t.Parallel()
	// Every role × every permission, written out. Atasan PPID decides objections, not requests;
	// petugas prepares but does not decide; only admin administers; admin handles no cases.
	want := map[string]map[workflow.Permission]bool{
		"petugas": {
			workflow.RegisterRequest: true, workflow.HandleCase: true, workflow.DecideCase: false,
			workflow.RegisterObjection: true, workflow.AnswerObjection: false, workflow.RecordDispute: false,
			workflow.Administer: false,
		},
		"ppid": {
			workflow.RegisterRequest: true, workflow.HandleCase: true, workflow.DecideCase: true,
			workflow.RegisterObjection: true, workflow.AnswerObjection: false, workflow.RecordDispute: true,
			workflow.Administer: false,
		},
		"atasan": {
			workflow.RegisterRequest: false, workflow.HandleCase: false, workflow.DecideCase: false,
			workflow.RegisterObjection: false, workflow.AnswerObjection: true, workflow.RecordDispute: true,
			workflow.Administer: false,
		},
		"admin": {
			workflow.RegisterRequest: false, workflow.HandleCase: false, workflow.DecideCase: false,
			workflow.RegisterObjection: false, workflow.AnswerObjection: false, workflow.RecordDispute: false,
			workflow.Administer: true,
		},
	}
	for _, role := range allRoles {
		for _, p := range allPermissions {
			w, ok := want[role][p]
			if !ok {
				t.Errorf("%s × %s missing from the expected table", role, p)
				continue
			}
			if got := workflow.Can(role, p); got != w {
				t.Errorf("Can(%q, %q) = %v, want %v", role, p, got, w)
			}
		}
	}
	// Unknown roles and permissions grant nothing; role names are case-sensitive.
	for _, role := range []string{"", "PPID", "Atasan", "pemohon", "root"} {
		for _, p := range allPermissions {
			if workflow.Can(role, p) {
				t.Errorf("Can(%q, %q) = true, want false", role, p)
			}
		}
	}
	for _, role := range allRoles {
		if workflow.Can(role, workflow.Permission("delete_case")) || workflow.Can(role, workflow.Permission("")) {
			t.Errorf("%s holds an unknown permission", role)
		}
	}
}

func TestEveryPermissionHasAHolder(t *testing.T) {
	t.Parallel()
	for _, p := range allPermissions {
		n := 0
		for _, role := range allRoles {
			if workflow.Can(role, p) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("no role holds %q", p)
		}
	}
}

func TestActionPermission(t *testing.T) {
	t.Parallel()
	want := map[workflow.Action]workflow.Permission{
		workflow.Assign:   workflow.HandleCase,
		workflow.Forward:  workflow.HandleCase,
		workflow.Deliver:  workflow.HandleCase,
		workflow.Withdraw: workflow.HandleCase,
		workflow.Extend:   workflow.DecideCase,
		workflow.Decide:   workflow.DecideCase,
		workflow.Close:    workflow.DecideCase,
	}
	for a, p := range want {
		if got, ok := workflow.ActionPermission[a]; !ok || got != p {
			t.Errorf("ActionPermission[%q] = %q, %v; want %q", a, got, ok, p)
		}
	}
	for a := range workflow.ActionPermission {
		known := false
		for _, b := range allActions {
			known = known || a == b
		}
		if !known {
			t.Errorf("ActionPermission has an entry for unknown action %q", a)
		}
	}
	// The atasan PPID may not decide a request, and petugas may not either.
	for _, a := range []workflow.Action{workflow.Extend, workflow.Decide, workflow.Close} {
		p := workflow.ActionPermission[a]
		if workflow.Can(workflow.RoleAtasan, p) || workflow.Can(workflow.RolePetugas, p) || !workflow.Can(workflow.RolePPID, p) {
			t.Errorf("%s: only the PPID may %s", p, a)
		}
	}
}

func TestEveryActionHasAPermission(t *testing.T) {
	t.Parallel()
	for _, a := range allActions {
		t.Run(string(a), func(t *testing.T) {
			p, ok := workflow.ActionPermission[a]
			if !ok || p == "" {
				t.Fatalf("ActionPermission[%q] missing", a)
			}
			holders := 0
			for _, role := range allRoles {
				if workflow.Can(role, p) {
					holders++
				}
			}
			if holders == 0 {
				t.Errorf("no role may %s (permission %q)", a, p)
			}
			if a == workflow.Reopen && !workflow.Can(workflow.RoleAtasan, p) {
				t.Errorf("the atasan PPID cannot reopen (permission %q)", p)
			}
		})
	}
}

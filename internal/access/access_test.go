package access

import (
	"slices"
	"testing"
)

func TestTableGrantsEachRoleItsSteps(t *testing.T) {
	// Every permission × role, written out, so a change to the table is a visible change here.
	// The petugas prepares but does not decide; only the PPID decides, extends and publishes
	// (UU 14/2008 Pasal 13, 22); only the atasan answers objections (Pasal 36); administrators
	// run the office but take no legal step.
	const P, U, A, D = Petugas, PPID, Atasan, Admin
	want := map[Permission][]Role{
		ViewCases:          {P, U, A, D},
		RegisterRequest:    {P, U},
		AssignCase:         {P, U},
		TakeCase:           {P, U},
		ForwardCase:        {P, U},
		ExtendDeadline:     {U},
		DecideRequest:      {U},
		DeliverInformation: {P, U},
		CloseCase:          {U},
		RecordWithdrawal:   {P, U},
		UploadDocument:     {P, U},
		IssueReceipt:       {P, U, A, D},
		RegisterObjection:  {P, U},
		AnswerObjection:    {A},
		RecordDispute:      {U, A},
		DraftPublication:   {P, U},
		PublishDocument:    {U},
		Administer:         {D},
		ManageOwnAccount:   {P, U, A, D},
		WriteNote:          {P, U, A},
		AskClarification:   {P, U},
		Evaluate:           {A, D},
		EvaluationNote:     {A},
		ViewReport:         {U, A, D},
		EditReport:         {U},
		EnterSurvey:        {P, U},
		ManageSurvey:       {U, A, D},
	}
	if len(want) != len(Permissions()) {
		t.Fatalf("the table has %d permissions, this test %d: write the new one out here", len(Permissions()), len(want))
	}
	for _, p := range Permissions() {
		roles, ok := want[p]
		if !ok {
			t.Errorf("permission %s is missing from this test", p)
			continue
		}
		for _, r := range Roles {
			if got, w := Can(r, p), slices.Contains(roles, r); got != w {
				t.Errorf("Can(%s, %s) = %v, want %v", r, p, got, w)
			}
		}
	}
}

func TestUnknownRoleAndPermissionHoldNothing(t *testing.T) {
	for _, p := range Permissions() {
		if Can("", p) || Can("tamu", p) {
			t.Errorf("an unknown role holds %s", p)
		}
	}
	if Can(Admin, "delete_everything") || Known("delete_everything") {
		t.Error("an unknown permission is held")
	}
	// Only the atasan answers objections (UU 14/2008 Pasal 36) and only the PPID decides.
	if Can(Admin, AnswerObjection) || Can(Admin, DecideRequest) {
		t.Error("administrators must not take legal steps")
	}
}

func TestRolesHaveLabels(t *testing.T) {
	for _, r := range Roles {
		if !r.Valid() || r.Label() == "" {
			t.Errorf("role %q has no label", r)
		}
	}
	if Role("tamu").Valid() {
		t.Error("unknown role is valid")
	}
}

func TestScope(t *testing.T) {
	cases := []struct {
		name  string
		scope Scope
		unit  int64
		want  bool
	}{
		{"zero scope sees nothing", Scope{}, 1, false},
		{"zero scope and zero unit", Scope{}, 0, false},
		{"own unit", ScopeOf(Petugas, 2, false), 2, true},
		{"other unit", ScopeOf(PPID, 2, false), 3, false},
		{"main unit sees all", ScopeOf(Petugas, 1, true), 3, true},
		{"admin sees all", ScopeOf(Admin, 2, false), 3, true},
		{"atasan of a unit sees that unit", ScopeOf(Atasan, 2, false), 3, false},
	}
	for _, c := range cases {
		if got := c.scope.Includes(c.unit); got != c.want {
			t.Errorf("%s: Includes(%d) = %v, want %v", c.name, c.unit, got, c.want)
		}
	}
}

package workflow

import "slices"

// Roles of the office.
const (
	RolePetugas = "petugas" // front desk: registers requests, prepares drafts
	RolePPID    = "ppid"    // decides, extends, publishes
	RoleAtasan  = "atasan"  // decides objections (UU 14/2008 Pasal 36)
	RoleAdmin   = "admin"   // users, units, calendar, settings
)

// Permission names what a role may do beyond reading cases.
type Permission string

const (
	RegisterRequest   Permission = "register_request"
	HandleCase        Permission = "handle_case" // assign, forward, deliver, withdraw, upload
	DecideCase        Permission = "decide_case" // extend, decide, close
	RegisterObjection Permission = "register_objection"
	AnswerObjection   Permission = "answer_objection"
	RecordDispute     Permission = "record_dispute"
	Administer        Permission = "administer"
)

var grants = map[Permission][]string{
	RegisterRequest:   {RolePetugas, RolePPID},
	HandleCase:        {RolePetugas, RolePPID},
	DecideCase:        {RolePPID},
	RegisterObjection: {RolePetugas, RolePPID},
	AnswerObjection:   {RoleAtasan},
	RecordDispute:     {RolePPID, RoleAtasan},
	Administer:        {RoleAdmin},
}

// Can reports whether role holds permission.
func Can(role string, p Permission) bool { return slices.Contains(grants[p], role) }

// ActionPermission is the permission each case action needs.
var ActionPermission = map[Action]Permission{
	Assign: HandleCase, Forward: HandleCase, Deliver: HandleCase, Withdraw: HandleCase,
	Extend: DecideCase, Decide: DecideCase, Close: DecideCase,
	Reopen: AnswerObjection, // only the atasan PPID's overturning reopens a case
}

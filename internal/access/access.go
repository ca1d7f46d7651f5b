// Package access says who may do what in the office: the roles, the one permission table
// (action → roles) that routes, templates and services all ask, and the scope of rows a
// signed-in user may read, which every officer's store read puts into its SQL.
package access

import (
	"errors"
	"slices"
)

// Role is an office account's role.
type Role string

const (
	Petugas Role = "petugas" // front desk: registers requests, handles cases, drafts publications
	PPID    Role = "ppid"    // decides, extends, publishes (UU 14/2008 Pasal 13)
	Atasan  Role = "atasan"  // answers objections (UU 14/2008 Pasal 36)
	Admin   Role = "admin"   // users, units, calendar, settings
)

// Roles lists every role in the order forms offer them.
var Roles = []Role{Petugas, PPID, Atasan, Admin}

var roleLabels = map[Role]string{
	Petugas: "Petugas layanan informasi",
	PPID:    "PPID",
	Atasan:  "Atasan PPID",
	Admin:   "Administrator",
}

// Label is the role's Indonesian name.
func (r Role) Label() string { return roleLabels[r] }

// Valid reports whether r is one of Roles.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Permission names an action someone may be allowed to take.
type Permission string

const (
	ViewCases          Permission = "view_cases"         // the queue, case pages, letters, objections list
	RegisterRequest    Permission = "register"           // a request received at the desk, by letter or phone
	AssignCase         Permission = "assign"             // put a case in an officer's hands
	TakeCase           Permission = "take_case"          // be the officer a case is assigned to
	ForwardCase        Permission = "forward"            // hand a case to another unit (PPID Pelaksana)
	ExtendDeadline     Permission = "extend"             // the one extension, UU 14/2008 Pasal 22(8)
	DecideRequest      Permission = "decide"             // the written notice, Pasal 22(7)
	DeliverInformation Permission = "deliver"            // record that granted information was handed over
	CloseCase          Permission = "close"              // mark a decided case done
	RecordWithdrawal   Permission = "withdraw"           // the requester withdrew the request
	UploadDocument     Permission = "upload"             // attach a file to a case
	IssueReceipt       Permission = "issue_receipt"      // the tanda bukti penerimaan, Pasal 22(4)
	RegisterObjection  Permission = "register_objection" // an objection received at the desk, Pasal 35
	AnswerObjection    Permission = "answer_objection"   // the atasan's written answer, Pasal 36
	RecordDispute      Permission = "record_dispute"     // a dispute at the Komisi Informasi, Pasal 37–48
	DraftPublication   Permission = "draft"              // prepare a document for the portal
	PublishDocument    Permission = "publish"            // put it on the portal, or take it down
	Administer         Permission = "administer"         // users, units, holidays, settings, outbox, jobs
	ManageOwnAccount   Permission = "own_account"        // change one's own password
	WriteNote          Permission = "note"               // an internal note on a case, never shown to the requester
	AskClarification   Permission = "clarify"            // ask the requester to clarify the request (the clock runs on)
	Evaluate           Permission = "evaluate"           // the yearly evaluation of every unit and officer in scope
	EvaluationNote     Permission = "evaluation_note"    // the atasan's yearly note on an officer, never public
	ViewReport         Permission = "report"             // the annual report's draft and history (Perki 1/2021 Pasal 56)
	EditReport         Permission = "report_edit"        // write, lock and publish it: the PPID makes it (Pasal 56)
	EnterSurvey        Permission = "enter_survey"       // type in a paper SKM form filled at the desk (PermenPAN-RB 14/2017)
	ManageSurvey       Permission = "manage_survey"      // moderate SKM suggestions, record follow-up actions
)

// table is the one place that says which roles hold which permission.
var table = map[Permission][]Role{
	ViewCases:          {Petugas, PPID, Atasan, Admin},
	RegisterRequest:    {Petugas, PPID},
	AssignCase:         {Petugas, PPID},
	TakeCase:           {Petugas, PPID},
	ForwardCase:        {Petugas, PPID},
	ExtendDeadline:     {PPID},
	DecideRequest:      {PPID},
	DeliverInformation: {Petugas, PPID},
	CloseCase:          {PPID},
	RecordWithdrawal:   {Petugas, PPID},
	UploadDocument:     {Petugas, PPID},
	IssueReceipt:       {Petugas, PPID, Atasan, Admin},
	RegisterObjection:  {Petugas, PPID},
	AnswerObjection:    {Atasan},
	RecordDispute:      {PPID, Atasan},
	DraftPublication:   {Petugas, PPID},
	PublishDocument:    {PPID},
	Administer:         {Admin},
	ManageOwnAccount:   {Petugas, PPID, Atasan, Admin},
	WriteNote:          {Petugas, PPID, Atasan}, // those who work cases; administrators run the office, not cases
	AskClarification:   {Petugas, PPID},         // the case handlers who talk to the requester
	Evaluate:           {Atasan, Admin},
	EvaluationNote:     {Atasan},
	ViewReport:         {PPID, Atasan, Admin},
	EditReport:         {PPID},
	// The desk staff who hand out and collect paper forms; the atasan and administrators do not staff the desk.
	EnterSurvey: {Petugas, PPID},
	// Those answerable for the service's quality decide what is published and what is done about it.
	ManageSurvey: {PPID, Atasan, Admin},
}

// Can reports whether role holds permission; an unknown permission is held by nobody.
func Can(r Role, p Permission) bool { return slices.Contains(table[p], r) }

// Holders lists the roles that hold p, for queries that pick recipients by permission.
func Holders(p Permission) []Role { return slices.Clone(table[p]) }

// Permissions lists every permission in the table, for tests and documentation.
func Permissions() []Permission {
	ps := make([]Permission, 0, len(table))
	for p := range table {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// Known reports whether p is in the table; routes refuse to register an unknown one.
func Known(p Permission) bool {
	_, ok := table[p]
	return ok
}

// ErrForbidden is every service's answer to a role that may not take a step.
var ErrForbidden = errors.New("access: not permitted for this role")

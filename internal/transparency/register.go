package transparency

import (
	"context"
	"strconv"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

const (
	// RegisterPageSize is how many rows one page of the register holds.
	RegisterPageSize = 50
	// RegisterMaxPage bounds the OFFSET a page costs; deeper rows are reached by filtering a year.
	RegisterMaxPage = 2000
)

// RegisterQuery is a validated register filter: a zero Year is every year, an empty Status
// every status; Page starts at 1.
type RegisterQuery struct {
	Year   int
	Status string
	Page   int
}

func (q RegisterQuery) filter() store.RegisterFilter {
	return store.RegisterFilter{Year: q.Year, Status: q.Status, Limit: RegisterPageSize + 1, Offset: (q.Page - 1) * RegisterPageSize}
}

// RegisterItem is one public row of the register, as the API, the CSV and the page give it.
type RegisterItem struct {
	RegistrationNumber string         `json:"registration_number"`
	ReceivedDate       calendar.Date  `json:"received_date"`
	Subject            *string        `json:"subject"` // null when the requester did not consent to publication
	Status             string         `json:"status"`
	StatusLabel        string         `json:"status_label"`
	Decision           *string        `json:"decision"` // the decision in force; null while none stands
	DecisionLabel      *string        `json:"decision_label"`
	DueDate            calendar.Date  `json:"due_date"` // end of the 10 working days, or of the 17 once extended
	Extended           bool           `json:"extended"`
	NoticeDate         *calendar.Date `json:"notice_date"` // the first written notice
	DaysTaken          *int           `json:"days_taken"`  // working days from D0 to that notice
	OnTime             *bool          `json:"on_time"`     // as recorded with that notice
	// PageURL is the request's public page (absolute, set by the web layer); null without one.
	PageURL *string `json:"page_url"`
	// PagePath is that page's path; empty without one.
	PagePath string `json:"-"`
}

// newRegisterItem computes the working days taken with the current calendar; whether the notice
// was on time is what was recorded when it was given: within 10 working days, or 17 with the
// extension (UU 14/2008 Pasal 22(7)–(8)).
func newRegisterItem(e store.RegisterEntry, cal *calendar.Calendar) RegisterItem {
	it := RegisterItem{RegistrationNumber: e.RegistrationNumber, ReceivedDate: e.ReceivedOn, Status: e.Status,
		StatusLabel: request.Label(request.Statuses, e.Status), DueDate: e.DueOn, Extended: e.Extended}
	if e.Subject.Valid {
		it.Subject = &e.Subject.String
		if e.PublicKey.Valid {
			it.PagePath = portal.RequestPagePath(e.PublicKey.String, e.Subject.String)
		}
	}
	if e.Decision.Valid {
		label := request.Label(request.Decisions, e.Decision.String)
		it.Decision, it.DecisionLabel = &e.Decision.String, &label
	}
	if !e.NoticeOn.IsZero() {
		notice, days := e.NoticeOn, DaysTaken(cal, e.CountingFrom, e.NoticeOn)
		it.NoticeDate, it.DaysTaken = &notice, &days
		if e.NoticeLate.Valid {
			onTime := !e.NoticeLate.Bool
			it.OnTime = &onTime
		}
	}
	return it
}

// RegisterPage reads one page of the register: the items and whether more follow.
func (s *Service) RegisterPage(ctx context.Context, q RegisterQuery) ([]RegisterItem, bool, error) {
	cal := s.Calendar.Current()
	entries, err := s.Store.Register(ctx, q.filter(), cal.Location())
	if err != nil {
		return nil, false, err
	}
	more := len(entries) > RegisterPageSize
	if more {
		entries = entries[:RegisterPageSize]
	}
	items := make([]RegisterItem, len(entries))
	for i, e := range entries {
		items[i] = newRegisterItem(e, cal)
	}
	return items, more, nil
}

// EachRegisterItem streams every row of the filter (Page ignored) to fn, newest first, one row
// in memory at a time; it stops at fn's first error.
func (s *Service) EachRegisterItem(ctx context.Context, q RegisterQuery, fn func(RegisterItem) error) error {
	cal := s.Calendar.Current()
	return s.Store.EachRegisterEntry(ctx, q.filter(), cal.Location(), func(e store.RegisterEntry) error {
		return fn(newRegisterItem(e, cal))
	})
}

// SubjectText is the information requested, empty unless the requester agreed to its publication.
func (it RegisterItem) SubjectText() string {
	if it.Subject == nil {
		return ""
	}
	return *it.Subject
}

// DaysText, OnTimeText and NoticeText are the page's cells; "—" where there is no notice yet.
func (it RegisterItem) DaysText() string {
	if it.DaysTaken == nil {
		return "—"
	}
	return strconv.Itoa(*it.DaysTaken)
}

func (it RegisterItem) OnTimeText() string {
	switch {
	case it.OnTime == nil:
		return "—"
	case *it.OnTime:
		return "Ya"
	}
	return "Tidak"
}

// Late reports a notice recorded as given after its due date.
func (it RegisterItem) Late() bool { return it.OnTime != nil && !*it.OnTime }

func (it RegisterItem) NoticeText() string {
	if it.NoticeDate == nil {
		return "—"
	}
	return calendar.FormatID(*it.NoticeDate)
}

func (it RegisterItem) DecisionText() string {
	if it.DecisionLabel == nil {
		return "—"
	}
	return *it.DecisionLabel
}

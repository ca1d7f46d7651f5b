// Package holidays is the administration of the holiday calendar: adding and deleting a day and
// loading a new year's official calendar (SKB). Every change moves open deadlines later, never
// earlier, with an event on each case (DESIGN §2).
package holidays

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/officecalendar"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// ErrNotDeletable: no regional holiday has that id; national days and cuti bersama follow the SKB.
var ErrNotDeletable = errors.New("holidays: no regional holiday with that id")

// Service changes the holiday calendar and the deadlines the change moves.
type Service struct {
	Store    *store.Store
	Calendar *officecalendar.Source
	// CutiBersamaIsHoliday is the office's setting, used to compute with the calendars before and after.
	CutiBersamaIsHoliday bool
	Now                  func() time.Time
	Log                  *slog.Logger
}

// Kinds are the kinds of day an administrator may add one by one.
var Kinds = []request.Option{
	{Code: string(calendar.National), Label: "Libur nasional"},
	{Code: string(calendar.JointLeave), Label: "Cuti bersama"},
	{Code: string(calendar.Regional), Label: "Libur daerah/kantor"},
}

// minYear and maxYear bound the years a calendar may be kept for.
const minYear, maxYear = 1990, 2200

// ThisYear is the current year in the office's time zone.
func (s *Service) ThisYear() int {
	return calendar.DateOf(s.Now().In(s.Calendar.Current().Location())).Year
}

// MovedMessage tells the administrator how many cases a change moved.
func MovedMessage(n int) string {
	if n == 0 {
		return "Tidak ada tenggat permohonan terbuka yang berubah."
	}
	return fmt.Sprintf("Tenggat %d perkara terbuka diundur; setiap perubahan tercatat di riwayat perkaranya.", n)
}

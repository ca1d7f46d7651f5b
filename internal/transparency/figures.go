package transparency

// The figures of the register and the statistics: working days taken to answer, medians and
// the on-time rate. They are pure: the calendar is passed in.

import (
	"slices"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// DaysTaken is the number of working days from D0 (counting_from) to the notice date: the
// working days in (countingFrom, notice], counted like every clock (DESIGN §2), so a notice on
// the 10th working day after D0 took 10 days and one given on D0 itself took 0.
func DaysTaken(cal *calendar.Calendar, countingFrom, notice calendar.Date) int {
	return cal.WorkingDaysBetween(countingFrom, notice)
}

// Median is the middle value of xs (the mean of the two middle ones for an even count);
// ok is false when xs is empty. xs is not modified.
func Median(xs []int) (median float64, ok bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2]), true
	}
	return float64(s[n/2-1]+s[n/2]) / 2, true
}

// Count is how many times a value occurs, as SQL's GROUP BY returns it.
type Count struct {
	Value int
	N     int
}

// MedianOfCounts is Median over a value→count histogram, without expanding it; counts of
// zero or less are ignored. ok is false when nothing is counted.
func MedianOfCounts(counts []Count) (median float64, ok bool) {
	s := make([]Count, 0, len(counts))
	total := 0
	for _, c := range counts {
		if c.N > 0 {
			s = append(s, c)
			total += c.N
		}
	}
	if total == 0 {
		return 0, false
	}
	slices.SortFunc(s, func(a, b Count) int { return a.Value - b.Value })
	// nth returns the k-th smallest value (0-based) of the expanded list.
	nth := func(k int) int {
		for _, c := range s {
			if k < c.N {
				return c.Value
			}
			k -= c.N
		}
		return s[len(s)-1].Value
	}
	if total%2 == 1 {
		return float64(nth(total / 2)), true
	}
	return float64(nth(total/2-1)+nth(total/2)) / 2, true
}

// OnTimeRate is the share, between 0 and 1, of requests whose statutory period has ended (10
// working days, or 17 once extended: UU 14/2008 Pasal 22(7)–(8)) that were answered within it: notices on time over notices on time, notices late and requests
// still unanswered after their due date (no answer in time is the ground of Pasal 35(1) c and g).
// ok is false when no period has ended yet.
func OnTimeRate(onTime, late, overdueUnanswered int) (rate float64, ok bool) {
	total := onTime + late + overdueUnanswered
	if total <= 0 || onTime < 0 {
		return 0, false
	}
	return float64(onTime) / float64(total), true
}

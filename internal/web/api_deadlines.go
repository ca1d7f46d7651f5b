package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/deadline"
)

// DeadlinesJSON is the answer of GET /api/v1/deadlines and `terbuka deadlines`.
type DeadlinesJSON struct {
	ReceivedAt   string             `json:"received_at"`
	CountingFrom calendar.Date      `json:"counting_from"`
	ResponseDue  calendar.Date      `json:"response_due"`
	ExtendedDue  calendar.Date      `json:"extended_due"`
	Skipped      []calendar.Skipped `json:"skipped"`
	Warnings     []string           `json:"warnings"`
	Rules        []RuleJSON         `json:"rules"`
}

// RuleJSON explains one clock: its article, start day and due date.
type RuleJSON struct {
	Name         string        `json:"name"`
	Article      string        `json:"article"`
	Days         int           `json:"working_days"`
	CountingFrom calendar.Date `json:"counting_from"`
	Due          calendar.Date `json:"due"`
	Explanation  string        `json:"explanation"`
}

// NewDeadlinesJSON renders the request clocks; slices are never null.
func NewDeadlinesJSON(rc deadline.RequestClocks) DeadlinesJSON {
	out := DeadlinesJSON{
		ReceivedAt:   rc.ReceivedAt.Format(time.RFC3339),
		CountingFrom: rc.CountingFrom,
		ResponseDue:  rc.ResponseDue,
		ExtendedDue:  rc.ExtendedDue,
		Skipped:      append([]calendar.Skipped{}, rc.Skipped...),
		Warnings:     append([]string{}, rc.Warnings...),
	}
	for _, d := range []deadline.Deadline{rc.Response, rc.Extended} {
		out.Rules = append(out.Rules, RuleJSON{Name: d.Rule.Name, Article: d.Rule.Article, Days: d.Rule.Days,
			CountingFrom: d.CountingFrom, Due: d.Due, Explanation: d.Explain()})
	}
	return out
}

func (s *Server) apiDeadlines(c *gin.Context) {
	raw := c.Query("received_at")
	if raw == "" {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter received_at wajib diisi.",
			"fields": gin.H{"received_at": "Wajib diisi, format RFC 3339, contoh 2026-03-13T10:00:00+07:00."}})
		return
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		// An unescaped "+07:00" arrives as " 07:00": a query string decodes "+" to a space.
		t, err = time.Parse(time.RFC3339, strings.Replace(raw, " ", "+", 1))
	}
	if err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter received_at tidak valid.",
			"fields": gin.H{"received_at": "Format harus RFC 3339, contoh 2026-03-13T10:00:00+07:00."}})
		return
	}
	c.JSON(http.StatusOK, NewDeadlinesJSON(deadline.ForRequest(s.calendar.Current(), t)))
}

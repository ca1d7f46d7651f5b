package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/deadline"
)

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
	if !calculableYear(t.In(s.cfg.Location()).Year()) {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter received_at di luar rentang.",
			"fields": gin.H{"received_at": "Tahun harus antara " + strconv.Itoa(minCalculableYear) + " dan " + strconv.Itoa(maxCalculableYear) + "."}})
		return
	}
	c.JSON(http.StatusOK, deadline.ForRequest(s.calendar.Current(), t).Summary())
}

package web

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// healthz: the process is up.
func (s *Server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

// readyz: the database answers and the schema is current, so a load balancer may send traffic.
func (s *Server) readyz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("readiness: database unreachable", "error", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "unreachable"})
		return
	}
	current, target, err := s.store.SchemaVersion(ctx)
	if err != nil {
		s.log.Warn("readiness: schema version unknown", "error", err)
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "ok", "schema": "unknown"})
		return
	}
	if current != target {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "unavailable", "database": "ok", "schema": "outdated",
			"schema_version": current, "expected_version": target})
		return
	}
	c.JSON(http.StatusOK, gin.H{"status": "ok", "database": "ok", "schema": "current", "schema_version": current})
}

package web

import "github.com/gin-gonic/gin"

// adminRoutes registers the administrator's pages under /kantor/admin.
func (s *Server) adminRoutes(g *gin.RouterGroup) {
}

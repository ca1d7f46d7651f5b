package web

import (
	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/casework"
)

// RegisteredRoutes lists every route Handler registers, for the OpenAPI test. Registering a
// route reads no dependency but the upload limit, so an unwired Server will do.
func RegisteredRoutes() gin.RoutesInfo {
	s := &Server{casework: &casework.Service{}}
	return s.Handler().(*gin.Engine).Routes()
}

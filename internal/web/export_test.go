package web

import (
	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/casework"
	"github.com/terbuka-id/terbuka/internal/config"
)

// RegisteredRoutes lists every route Handler registers, for the OpenAPI test. Registering a
// route reads no dependency but the upload limit and the trusted proxies, so an otherwise
// unwired Server will do.
func RegisteredRoutes() gin.RoutesInfo {
	s := &Server{casework: &casework.Service{}, cfg: &config.Config{}}
	return s.engine().Routes()
}

package web

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPISpec describes the JSON API; openapi_test.go holds it to the handlers.
//
//go:embed openapi.json
var openAPISpec []byte

// openAPI serves the OpenAPI 3.0 description of the JSON API.
func (s *Server) openAPI(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/json", openAPISpec)
}

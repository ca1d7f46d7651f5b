package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// Every list pages the same way: a 1-based page number (halaman on pages, page on the API),
// bounded so an OFFSET stays cheap, and one row more fetched than shown to know whether a next
// page follows. A page number that is not one is the user's mistake, answered as such.

// pageNumber reads a page number; empty is page 1. msg says what is wrong, "" when nothing is.
func pageNumber(raw string, maxPage int) (page int, msg string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 1, ""
	}
	p, err := strconv.Atoi(raw)
	switch {
	case err != nil || p < 1:
		return 1, "Halaman harus bilangan bulat mulai dari 1."
	case p > maxPage:
		return 1, "Halaman terlalu jauh (paling banyak " + strconv.Itoa(maxPage) + ")."
	}
	return p, ""
}

// officePage reads the halaman of an office list, answering 400 itself when it is not a page.
func (s *Server) officePage(c *gin.Context, maxPage int) (int, bool) {
	page, msg := pageNumber(c.Query("halaman"), maxPage)
	if msg != "" {
		s.render(c, http.StatusBadRequest, "error", pageData{Title: "Halaman tidak valid",
			Data: errorView{Heading: "Halaman tidak valid", Message: msg}})
		return 0, false
	}
	return page, true
}

// offset is where page starts in a list of size rows a page.
func offset(page, size int) int { return (page - 1) * size }

// cutPage drops the extra row a list fetched (size+1) and reports whether it was there.
func cutPage[T any](items []T, size int) ([]T, bool) {
	if len(items) > size {
		return items[:size], true
	}
	return items, false
}

package web

import (
	"errors"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/files"
	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// portalPerPage is the size of a page of documents.
const portalPerPage = 20

// maxQueryRunes bounds a search query; websearch syntax needs no more.
const maxQueryRunes = 200

// portalQuery is a parsed list or search request. Units are named by slug in URLs, never by id.
type portalQuery struct {
	Filter   store.PortalFilter
	Query    string
	Category string
	Unit     string // slug
	Year     string
	DocType  string
	Page     int
	// Scope chooses what is searched: documents, requests' public pages, or both (searchScopes).
	Scope string
}

// portalParams names the query parameters: Indonesian on pages, English on the API.
type portalParams struct{ q, category, unit, year, docType, page, scope string }

var (
	pageParams = portalParams{"q", "kategori", "unit", "tahun", "jenis", "halaman", "cari"}
	apiParams  = portalParams{"q", "category", "unit", "year", "type", "page", "scope"}
)

// parsePortalQuery reads and checks the parameters; facets resolve the unit slug.
func (s *Server) parsePortalQuery(c *gin.Context, p portalParams, facets store.PortalFacets) (portalQuery, request.FieldErrors) {
	q := portalQuery{Query: strings.Join(strings.Fields(c.Query(p.q)), " "), Category: c.Query(p.category),
		Unit: c.Query(p.unit), Year: c.Query(p.year), DocType: c.Query(p.docType), Page: 1}
	errs := request.FieldErrors{}
	if len([]rune(q.Query)) > maxQueryRunes {
		errs[p.q] = "Kata pencarian paling panjang " + strconv.Itoa(maxQueryRunes) + " karakter."
	}
	if q.Category != "" && !portal.IsCategory(q.Category) {
		errs[p.category] = "Kategori tidak dikenal."
	}
	if q.DocType != "" && !portal.IsDocType(q.DocType) {
		errs[p.docType] = "Jenis berkas tidak dikenal."
	}
	f := store.PortalFilter{Query: q.Query, Category: q.Category, DocType: q.DocType, Limit: portalPerPage}
	if q.Unit != "" {
		for _, u := range facets.Units {
			if portal.Slug(u.Name) == q.Unit {
				f.UnitID = u.ID
			}
		}
		if f.UnitID == 0 {
			errs[p.unit] = "Unit tidak dikenal atau belum menerbitkan dokumen."
		}
	}
	if q.Year != "" {
		y, err := strconv.Atoi(q.Year)
		if err != nil || y < 1945 || y > 2200 {
			errs[p.year] = "Tahun harus berupa angka, misalnya 2026."
		}
		f.Year = y
	}
	var msg string
	if q.Page, msg = pageNumber(c.Query(p.page), store.ListCap/portalPerPage); msg != "" {
		errs[p.page] = msg
	}
	f.Offset = offset(q.Page, portalPerPage)
	q.Filter = f
	if q.Scope, msg = parseSearchScope(c.Query(p.scope)); msg != "" {
		errs[p.scope] = msg
	}
	return q, errs
}

// documentsView is the list/search page.
type documentsView struct {
	Q          portalQuery
	Result     store.PortalPage
	Facets     store.PortalFacets
	Errors     request.FieldErrors
	Prev, Next string
	Pages      int
	// Requests are the requests' public pages found: a few beside the documents, or the whole
	// result when only requests are searched.
	Requests store.PublicRequestPage
}

func (s *Server) documents(c *gin.Context) {
	ctx := c.Request.Context()
	facets, err := s.portalFacets(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	q, errs := s.parsePortalQuery(c, pageParams, facets)
	v := documentsView{Q: q, Facets: facets, Errors: errs}
	title := "Dokumen publik"
	if q.Query != "" {
		title = "Hasil pencarian \u201c" + q.Query + "\u201d"
	}
	if len(errs) > 0 {
		s.render(c, http.StatusBadRequest, "portal_documents", pageData{Title: title, Data: v})
		return
	}
	if q.Scope != scopeRequests {
		if v.Result, err = s.portal.PortalSearch(ctx, q.Filter); err != nil {
			s.serverError(c, err)
			return
		}
	}
	if v.Requests, err = s.searchRequests(ctx, q); err != nil {
		s.serverError(c, err)
		return
	}
	v.Pages = (v.Result.Total + portalPerPage - 1) / portalPerPage
	if q.Scope == scopeRequests {
		v.Pages = (v.Requests.Total + portalPerPage - 1) / portalPerPage
	}
	if q.Page > 1 {
		v.Prev = q.pageURL(q.Page - 1)
	}
	if q.Page < v.Pages {
		v.Next = q.pageURL(q.Page + 1)
	}
	s.render(c, http.StatusOK, "portal_documents", pageData{Title: title, Data: v, Canonical: s.absURL(q.pageURL(q.Page))})
}

// pageURL is the list URL for page n with the same query and filters.
func (q portalQuery) pageURL(n int) string {
	v := url.Values{}
	for k, x := range map[string]string{"q": q.Query, "kategori": q.Category, "unit": q.Unit, "tahun": q.Year, "jenis": q.DocType, "cari": q.Scope} {
		if x != "" {
			v.Set(k, x)
		}
	}
	if n > 1 {
		v.Set("halaman", strconv.Itoa(n))
	}
	if len(v) == 0 {
		return "/dokumen"
	}
	return "/dokumen?" + v.Encode()
}

// snippetHTML escapes a search snippet, then marks the matched words; document text can never
// become markup.
func snippetHTML(snippet string) template.HTML {
	s := html.EscapeString(snippet)
	s = strings.ReplaceAll(s, html.EscapeString(store.SnippetStart), "<mark>")
	s = strings.ReplaceAll(s, html.EscapeString(store.SnippetStop), "</mark>")
	return template.HTML(s) // #nosec G203 -- escaped above; only our own <mark> tags are added
}

// documentURL is the canonical path of a published item.
func documentURL(publicID, title string) string {
	return "/dokumen/" + publicID + "/" + portal.Slug(title)
}

// documentView is a document's public page.
type documentView struct {
	P           *store.Publication
	Facts       publicationFacts
	URL         string
	Previewable bool
	Image       bool
}

// documentPage shows a published item. Any other slug redirects to the canonical URL; an
// unpublished item answers 410 Gone with the reason; a draft does not exist publicly.
func (s *Server) documentPage(c *gin.Context) {
	p, ok := s.publicPublication(c)
	if !ok {
		return
	}
	canonical := documentURL(p.PublicID, p.Title)
	if c.Request.URL.Path != canonical {
		c.Redirect(http.StatusMovedPermanently, canonical)
		return
	}
	v := documentView{P: p, Facts: newPublicationFacts(p), URL: canonical, Previewable: portal.Previewable(p.ContentType),
		Image: strings.HasPrefix(p.ContentType, "image/")}
	s.render(c, http.StatusOK, "portal_document", pageData{Title: p.Title, Data: v, Canonical: s.absURL(canonical),
		Description: documentDescription(p.Summary, p.Title)})
}

// publicPublication loads the item named in the URL; it writes the 404/410 answer itself.
func (s *Server) publicPublication(c *gin.Context) (*store.Publication, bool) {
	pid := c.Param("pid")
	if !portal.IsPublicID(pid) {
		s.notFound(c)
		return nil, false
	}
	p, err := s.portal.PublicationByPublicID(c.Request.Context(), pid)
	if errors.Is(err, store.ErrNotFound) || (err == nil && p.Status == "draft") {
		s.notFound(c)
		return nil, false
	}
	if err != nil {
		s.serverError(c, err)
		return nil, false
	}
	if p.Status == "unpublished" {
		s.gone(c, p)
		return nil, false
	}
	return p, true
}

// gone tells the visitor the item was withdrawn, when and why (the record itself is kept).
func (s *Server) gone(c *gin.Context, p *store.Publication) {
	when := ""
	if p.UnpublishedAt.Valid {
		when = " pada " + formatDateTime(p.UnpublishedAt.Time, s.cfg.Location())
	}
	msg := "Dokumen \u201c" + p.Title + "\u201d telah ditarik dari publikasi" + when + ". Alasan: " + p.UnpublishReason
	if isAPI(c) {
		c.JSON(http.StatusGone, gin.H{"error": msg})
		return
	}
	s.render(c, http.StatusGone, "error", pageData{Title: "Dokumen ditarik", Data: errorView{Heading: "Dokumen ditarik", Message: msg}})
}

func formatDateTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("02-01-2006 15:04")
}

// documentDownload serves the file as an attachment.
func (s *Server) documentDownload(c *gin.Context) { s.serveIssued(c, false) }

// documentPreview serves it inline for the browser's own viewer (PDF, image, text).
func (s *Server) documentPreview(c *gin.Context) { s.serveIssued(c, true) }

func (s *Server) serveIssued(c *gin.Context, inline bool) {
	p, ok := s.publicPublication(c)
	if !ok {
		return
	}
	// An offline DIP entry has no file: its page says where to get the information.
	if p.DocType == portal.DocOffline || (inline && !portal.Previewable(p.ContentType)) {
		s.notFound(c)
		return
	}
	blob, err := s.casework.Blobs.Open(c.Request.Context(), p.SHA256)
	if errors.Is(err, files.ErrNotFound) {
		s.notFound(c)
		return
	}
	if err != nil {
		s.serverError(c, err)
		return
	}
	defer blob.Close()
	files.ServePublic(c.Writer, c.Request, blob, p.Filename, p.ContentType, inline)
}

// homeView is the portal's front page.
type homeView struct {
	Latest []store.PortalHit
	Counts store.PortalCounts
}

func (s *Server) home(c *gin.Context) {
	ctx := c.Request.Context()
	var v homeView
	latest, err := s.portal.PortalSearch(ctx, store.PortalFilter{Limit: 6})
	if err != nil {
		s.serverError(c, err)
		return
	}
	v.Latest = latest.Hits
	if v.Counts, err = s.portalCounts(ctx); err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "home", pageData{Title: "Layanan Informasi Publik", Data: v, Canonical: s.absURL("/")})
}

// absURL is path on the configured public base URL, for canonical links, feeds and the sitemap.
func (s *Server) absURL(path string) string {
	return strings.TrimRight(s.cfg.Server.BaseURL, "/") + path
}

// documentDescription is a document page's meta description: its summary cut at a word near 160
// characters (what result pages show), or the title when it has none.
func documentDescription(summary, title string) string {
	text := strings.Join(strings.Fields(summary), " ")
	if text == "" {
		return title
	}
	if r := []rune(text); len(r) > 160 {
		cut := string(r[:160])
		if i := strings.LastIndex(cut, " "); i > 80 {
			cut = cut[:i]
		}
		return cut + "…"
	}
	return text
}

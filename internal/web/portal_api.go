package web

import (
	"encoding/xml"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// documentJSON is a published item in the open-data API. It carries no internal id.
type documentJSON struct {
	ID                 string   `json:"id"`
	URL                string   `json:"url"`
	DownloadURL        string   `json:"download_url"`
	Title              string   `json:"title"`
	Category           string   `json:"category"`
	CategoryLabel      string   `json:"category_label"`
	Unit               string   `json:"unit"`
	Year               int      `json:"year"`
	Summary            string   `json:"summary"`
	Keywords           []string `json:"keywords"`
	DocType            string   `json:"type"`
	ContentType        string   `json:"content_type"`
	Size               int64    `json:"size"`
	PublishedAt        string   `json:"published_at"`
	RegistrationNumber *string  `json:"registration_number"`
	// DIP columns (Perki 1/2021).
	Responsible string `json:"responsible"`
	MadePlace   string `json:"made_place"`
	MadeTime    string `json:"made_time"`
	Form        string `json:"form"`
	Retention   string `json:"retention"`
}

// documentHitJSON is an item in a list or search answer.
type documentHitJSON struct {
	ID            string  `json:"id"`
	URL           string  `json:"url"`
	Title         string  `json:"title"`
	Category      string  `json:"category"`
	CategoryLabel string  `json:"category_label"`
	Unit          string  `json:"unit"`
	Year          int     `json:"year"`
	Summary       string  `json:"summary"`
	DocType       string  `json:"type"`
	ContentType   string  `json:"content_type"`
	Size          int64   `json:"size"`
	PublishedAt   string  `json:"published_at"`
	SnippetHTML   string  `json:"snippet_html"`
	Rank          float64 `json:"rank"`
}

type documentListJSON struct {
	Items       []documentHitJSON `json:"items"`
	Page        int               `json:"page"`
	PerPage     int               `json:"per_page"`
	Total       int               `json:"total"`
	TotalCapped bool              `json:"total_capped"`
	HasMore     bool              `json:"has_more"`
	Fuzzy       bool              `json:"fuzzy"`
	// Requests are requests' public pages found by the same words (scope semua or permohonan).
	Requests      []requestHitJSON `json:"requests"`
	RequestsTotal int              `json:"requests_total"`
}

func (s *Server) apiDocuments(c *gin.Context) {
	ctx := c.Request.Context()
	facets, err := s.portalFacets(ctx)
	if err != nil {
		s.serverError(c, err)
		return
	}
	q, errs := s.parsePortalQuery(c, apiParams, facets)
	if len(errs) > 0 {
		c.JSON(http.StatusBadRequest, gin.H{"error": "Parameter pencarian tidak valid.", "fields": errs})
		return
	}
	var page store.PortalPage
	if q.Scope != scopeRequests {
		if page, err = s.portal.PortalSearch(ctx, q.Filter); err != nil {
			s.serverError(c, err)
			return
		}
	}
	reqs, err := s.searchRequests(ctx, q)
	if err != nil {
		s.serverError(c, err)
		return
	}
	out := documentListJSON{Items: []documentHitJSON{}, Page: q.Page, PerPage: portalPerPage, Total: page.Total,
		TotalCapped: page.Capped, HasMore: q.Page*portalPerPage < page.Total, Fuzzy: page.Fuzzy,
		Requests: s.requestHitsJSON(reqs), RequestsTotal: reqs.Total}
	if q.Scope == scopeRequests {
		out.HasMore = q.Page*portalPerPage < reqs.Total
	}
	for _, h := range page.Hits {
		out.Items = append(out.Items, documentHitJSON{ID: h.PublicID, URL: s.absURL(documentURL(h.PublicID, h.Title)),
			Title: h.Title, Category: h.Category, CategoryLabel: request.Label(portal.Categories, h.Category), Unit: h.UnitName,
			Year: h.Year, Summary: h.Summary, DocType: h.DocType, ContentType: h.ContentType, Size: h.Size,
			PublishedAt: h.PublishedAt.In(s.cfg.Location()).Format(time.RFC3339), SnippetHTML: string(snippetHTML(h.Snippet)), Rank: h.Rank})
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, out)
}

func (s *Server) apiDocument(c *gin.Context) {
	p, ok := s.publicPublication(c)
	if !ok {
		return
	}
	path := documentURL(p.PublicID, p.Title)
	out := documentJSON{ID: p.PublicID, URL: s.absURL(path), DownloadURL: s.absURL(path + "/unduh"), Title: p.Title,
		Category: p.Category, CategoryLabel: request.Label(portal.Categories, p.Category), Unit: p.UnitName, Year: p.Year,
		Summary: p.Summary, Keywords: keywordList(p.Keywords), DocType: p.DocType, ContentType: p.ContentType, Size: p.Size,
		PublishedAt: p.PublishedAt.Time.In(s.cfg.Location()).Format(time.RFC3339), Responsible: p.Responsible,
		MadePlace: p.MadePlace, MadeTime: p.MadeTime, Form: p.Form, Retention: p.Retention}
	if p.RegistrationNo.Valid {
		out.RegistrationNumber = &p.RegistrationNo.String
	}
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, out)
}

func keywordList(k string) []string {
	out := []string{}
	for _, w := range strings.Split(k, ",") {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// Atom feed of new documents (RFC 4287), newest first.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Summary   string     `xml:"summary"`
	Author    atomPerson `xml:"author"`
}

// feedSize is how many new documents the feed carries.
const feedSize = 50

func (s *Server) atomFeed(c *gin.Context) {
	items, err := s.portal.PublishedItems(c.Request.Context(), feedSize)
	if err != nil {
		s.serverError(c, err)
		return
	}
	feed := atomFeed{Lang: "id", ID: s.absURL("/dokumen.atom"), Title: "Dokumen publik terbaru · " + s.officeName(),
		Links:  []atomLink{{Rel: "self", Href: s.absURL("/dokumen.atom"), Type: "application/atom+xml"}, {Rel: "alternate", Href: s.absURL("/dokumen"), Type: "text/html"}},
		Author: atomPerson{Name: s.officeName()}, Updated: s.now().UTC().Format(time.RFC3339)}
	for i, it := range items {
		if i == 0 {
			feed.Updated = it.UpdatedAt.UTC().Format(time.RFC3339)
		}
		u := s.absURL(documentURL(it.PublicID, it.Title))
		feed.Entries = append(feed.Entries, atomEntry{ID: u, Title: it.Title, Link: atomLink{Rel: "alternate", Href: u, Type: "text/html"},
			Published: it.PublishedAt.UTC().Format(time.RFC3339), Updated: it.UpdatedAt.UTC().Format(time.RFC3339),
			Summary: it.Summary, Author: atomPerson{Name: it.UnitName}})
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=300")
	c.Data(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemapLimit is the protocol's maximum number of URLs in one sitemap.
const sitemapLimit = 50000

// sitemapPages are the public pages worth indexing besides the documents.
var sitemapPages = []string{"/", "/dokumen", "/dip", "/dik", "/register", "/statistik", "/permohonan/baru", "/kalkulator-tenggat"}

func (s *Server) sitemap(c *gin.Context) {
	items, err := s.portal.PublishedItems(c.Request.Context(), sitemapLimit-len(sitemapPages))
	if err != nil {
		s.serverError(c, err)
		return
	}
	set := sitemapURLSet{}
	for _, p := range sitemapPages {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL(p)})
	}
	for _, it := range items {
		set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL(documentURL(it.PublicID, it.Title)), LastMod: it.UpdatedAt.UTC().Format("2006-01-02")})
	}
	// Requests' public pages fill what the documents leave of the sitemap's 50,000 URLs.
	if room := sitemapLimit - len(set.URLs); room > 0 {
		reqs, err := s.store.PublicRequestItems(c.Request.Context(), room)
		if err != nil {
			s.serverError(c, err)
			return
		}
		for _, r := range reqs {
			set.URLs = append(set.URLs, sitemapURL{Loc: s.absURL(portal.RequestPagePath(r.PublicKey, r.Information))})
		}
	}
	out, err := xml.Marshal(set)
	if err != nil {
		s.serverError(c, err)
		return
	}
	c.Header("Cache-Control", "public, max-age=3600")
	c.Data(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
}

// robots keeps crawlers out of the office and the citizens' tracking pages.
func (s *Server) robots(c *gin.Context) {
	c.Header("Cache-Control", "public, max-age=86400")
	c.String(http.StatusOK, "User-agent: *\nDisallow: /kantor\nDisallow: /lacak\nDisallow: /api/\nSitemap: %s\n", s.absURL("/sitemap.xml"))
}

package web

import (
	"context"
	"net/url"
	"time"

	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The portal's search finds requests' public pages as well as documents (issue 13), so the next
// citizen finds an answer before asking again. The scope parameter (cari on pages, scope in the
// API) chooses: dokumen, permohonan, or semua (the default, stored as "").
const (
	scopeAll       = ""
	scopeDocuments = "dokumen"
	scopeRequests  = "permohonan"
)

// requestsBeside is how many requests a search of both shows beside the documents.
const requestsBeside = 5

func parseSearchScope(raw string) (string, string) {
	switch raw {
	case "", "semua":
		return scopeAll, ""
	case scopeDocuments, scopeRequests:
		return raw, ""
	}
	return scopeAll, "Pilih dokumen, permohonan, atau semua."
}

// searchRequests reads the requests a list or search shows: none when only documents are asked
// for; with both, the best few of a search's first page; with requests alone, a whole page.
func (s *Server) searchRequests(ctx context.Context, q portalQuery) (store.PublicRequestPage, error) {
	switch {
	case q.Scope == scopeRequests:
		return s.portal.SearchPublicRequests(ctx, q.Query, portalPerPage, q.Filter.Offset)
	case q.Scope == scopeAll && q.Query != "" && q.Page == 1 && !q.filtered():
		return s.portal.SearchPublicRequests(ctx, q.Query, requestsBeside, 0)
	}
	return store.PublicRequestPage{}, nil
}

// filtered reports whether a document filter is set; requests have none of those facets.
func (q portalQuery) filtered() bool {
	return q.Category != "" || q.Unit != "" || q.Year != "" || q.DocType != ""
}

// RequestsURL lists every request matching the same words.
func (q portalQuery) RequestsURL() string {
	v := url.Values{"cari": {scopeRequests}}
	if q.Query != "" {
		v.Set("q", q.Query)
	}
	return "/dokumen?" + v.Encode()
}

// ScopeChoices are the choices of the scope filter, with the value "semua" for both.
func (q portalQuery) ScopeChoices() []scopeChoice {
	cur := q.Scope
	if cur == scopeAll {
		cur = "semua"
	}
	return []scopeChoice{{"semua", "Dokumen dan permohonan", cur == "semua"}, {scopeDocuments, "Dokumen saja", cur == scopeDocuments},
		{scopeRequests, "Permohonan saja", cur == scopeRequests}}
}

type scopeChoice struct {
	Code, Label string
	Selected    bool
}

// requestHitJSON is a request's public page in the documents API: never the requester's data.
type requestHitJSON struct {
	URL           string  `json:"url"`
	Information   string  `json:"information"`
	Unit          string  `json:"unit"`
	ReceivedAt    string  `json:"received_at"`
	Status        string  `json:"status"`
	Decision      *string `json:"decision"`
	DecisionLabel *string `json:"decision_label"`
}

func (s *Server) requestHitsJSON(p store.PublicRequestPage) []requestHitJSON {
	out := []requestHitJSON{}
	for _, h := range p.Hits {
		j := requestHitJSON{URL: s.absURL(portal.RequestPagePath(h.PublicKey, h.Information)), Information: h.Information,
			Unit: h.UnitName, ReceivedAt: h.ReceivedAt.In(s.cfg.Location()).Format(time.RFC3339), Status: h.Status}
		if h.Decision != "" {
			d, label := h.Decision, request.Label(request.Decisions, h.Decision)
			j.Decision, j.DecisionLabel = &d, &label
		}
		out = append(out, j)
	}
	return out
}

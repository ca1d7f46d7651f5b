package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/stem"
	"github.com/terbuka-id/terbuka/internal/store"
)

// "Check first" (issue 13): before a citizen asks, the request form shows the published documents
// and requests' public pages that match what they typed, so an answer already given is found
// first. Server-side and without JavaScript: GET /permohonan/baru?periksa=… (a first step), or the
// form's "Periksa dulu" button, which posts the form and gets it back as typed, with the matches.

// requestFormData is the request form's own content besides the form.
type requestFormData struct {
	Refusal string      // why the form was not sent (too many requests)
	Check   *checkFirst // the matches of a "check first", when one was asked for
}

// checkFirst is what a "check first" found.
type checkFirst struct {
	Text      string
	Documents []store.PortalHit
	Requests  []store.PublicRequestItem
}

// checkFirstLimit is how many documents and how many requests a check shows.
const checkFirstLimit = 5

// checkFirstWords is the most words of the typed text a check searches for.
const checkFirstWords = 8

// checkStopWords are words of almost every request that would match everything, beside the
// language's function words (stem.IsStopWord).
var checkStopWords = []string{"meminta", "minta", "permohonan", "informasi", "salinan", "dokumen", "data", "tahun",
	"terkait", "mengenai", "berupa", "tersebut"}

// checkQuery turns typed text into a websearch query matching any of its telling words: a
// request's wording rarely repeats a title's, so every word need not match.
func checkQuery(text string) string {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) < 3 || slices.Contains(checkStopWords, w) || stem.IsStopWord(w) || slices.Contains(words, w) {
			continue
		}
		words = append(words, w)
		if len(words) == checkFirstWords {
			break
		}
	}
	return strings.Join(words, " or ")
}

// checkFirst searches the portal for text.
func (s *Server) checkFirst(ctx context.Context, text string) (*checkFirst, error) {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > maxQueryRunes {
		text = string(r[:maxQueryRunes])
	}
	out := &checkFirst{Text: text}
	q := checkQuery(text)
	if q == "" {
		return out, nil
	}
	docs, err := s.portal.PortalSearch(ctx, store.PortalFilter{Query: q, Limit: checkFirstLimit})
	if err != nil {
		return nil, err
	}
	if !docs.Fuzzy { // titles merely spelt alike are no answer to a request
		out.Documents = docs.Hits
	}
	reqs, err := s.portal.SearchPublicRequests(ctx, q, checkFirstLimit, 0)
	if err != nil {
		return nil, err
	}
	out.Requests = reqs.Hits
	return out, nil
}

// requestFormCheck is the form's first step, GET /permohonan/baru?periksa=…: the matches, and the
// form with the checked text as the information asked for.
func (s *Server) requestFormCheck(c *gin.Context, text string) {
	check, err := s.checkFirst(c.Request.Context(), text)
	if err != nil {
		s.serverError(c, err)
		return
	}
	values := url.Values{"requester.kind": {"perorangan"}, "information": {check.Text}}
	s.render(c, http.StatusOK, "request_new", pageData{Title: "Ajukan permohonan informasi",
		Form: s.requestFormView(values, nil), Data: requestFormData{Check: check}})
}

// requestSubmitCheck answers the form's "Periksa dulu" button: nothing is registered, the form
// comes back as typed (but for a file, which a browser never sends back) with the matches.
func (s *Server) requestSubmitCheck(c *gin.Context, form url.Values) {
	check, err := s.checkFirst(c.Request.Context(), form.Get("information"))
	if err != nil {
		s.serverError(c, err)
		return
	}
	s.render(c, http.StatusOK, "request_new", pageData{Title: "Ajukan permohonan informasi",
		Form: s.requestFormView(form, nil), Data: requestFormData{Check: check}})
}

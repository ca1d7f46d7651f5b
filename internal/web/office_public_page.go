package web

import (
	"context"
	"encoding/json"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/internal/portal"
	"github.com/terbuka-id/terbuka/internal/request"
	"github.com/terbuka-id/terbuka/internal/store"
)

// publicPageView is the case page's view of the request's public page.
type publicPageView struct {
	State     store.PublicPageState
	Findings  []store.PIIFinding
	Unchecked bool   // registered before the check existed
	Path      string // the page's path while it is public
}

// publicPageView reads the page's state within the officer's scope.
func (s *Server) publicPageView(ctx context.Context, account *store.User, id int64) (publicPageView, error) {
	st, err := s.store.PublicPageState(ctx, account.Scope(), id)
	if err != nil {
		return publicPageView{}, err
	}
	v := publicPageView{State: st, Unchecked: st.Findings == nil}
	if st.Findings != nil {
		_ = json.Unmarshal(st.Findings, &v.Findings) // written by store.RequestTextFindings only
	}
	if st.Public {
		if r, err := s.store.PublicRequestByKey(ctx, st.PublicKey); err == nil {
			v.Path = portal.RequestPagePath(r.PublicKey, r.Information)
		}
	}
	return v, nil
}

// casePublicPage is the PPID's "Tampilkan/Sembunyikan halaman publik".
func (s *Server) casePublicPage(c *gin.Context) {
	id, ok := s.caseID(c)
	if !ok {
		return
	}
	review := c.PostForm("review")
	if review != "shown" && review != "hidden" {
		s.caseDone(c, id, nil, "", "", request.FieldErrors{"review": "Pilih tampilkan atau sembunyikan."})
		return
	}
	err := s.casework.SetPublicPage(c.Request.Context(), currentAccount(c), id, review == "shown")
	msg := "Halaman publik permohonan disembunyikan."
	if review == "shown" {
		msg = "Halaman publik permohonan ditampilkan."
	}
	s.caseDone(c, id, err, msg, "", nil)
}

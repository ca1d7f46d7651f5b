package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/terbuka-id/terbuka/templates"
)

// assets serves the embedded static files. Pages link each file under a name that carries its
// content hash (style.1a2b3c4d5e.css), served with a year-long immutable cache: a new release
// changes the name, so browsers never keep an old style sheet and never ask again for a current
// one. The plain name still answers (old bookmarks, mail clients) with a short cache and an ETag.
type assets struct {
	byName   map[string]asset  // plain and hashed names
	hashedOf map[string]string // plain name → /static/hashed name
}

type asset struct {
	body   []byte
	etag   string
	hashed bool
}

// startTime stands in for the embedded files' modification time (embed keeps none): a file can
// only change with a new binary.
var startTime = time.Now().UTC().Truncate(time.Second)

// staticAssets are the embedded static files, hashed once per process.
var staticAssets = sync.OnceValues(func() (*assets, error) {
	static, err := fs.Sub(templates.FS, "static")
	if err != nil {
		return nil, err
	}
	return loadAssets(static)
})

func loadAssets(static fs.FS) (*assets, error) {
	a := &assets{byName: map[string]asset{}, hashedOf: map[string]string{}}
	err := fs.WalkDir(static, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(static, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		digest := hex.EncodeToString(sum[:])[:10]
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + digest + ext
		etag := `"` + digest + `"`
		a.byName[name] = asset{body: body, etag: etag}
		a.byName[hashed] = asset{body: body, etag: etag, hashed: true}
		a.hashedOf[name] = "/static/" + hashed
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	return a, nil
}

// url is the address a page links a static file by; an unknown name is a template error.
func (a *assets) url(name string) (string, error) {
	u, ok := a.hashedOf[name]
	if !ok {
		return "", fmt.Errorf("web: no static file %q", name)
	}
	return u, nil
}

func (a *assets) serve(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("filepath"), "/")
	f, ok := a.byName[name]
	if !ok {
		c.Status(http.StatusNotFound)
		return
	}
	h := c.Writer.Header()
	if f.hashed {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	h.Set("ETag", f.etag)
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	// ServeContent answers If-None-Match / If-Modified-Since with 304 and HEAD without a body.
	http.ServeContent(c.Writer, c.Request, name, startTime, bytes.NewReader(f.body))
}

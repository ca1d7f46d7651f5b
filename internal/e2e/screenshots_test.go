package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/terbuka-id/terbuka/internal/demo"
)

// screenshotMaxBytes keeps the README's images small enough to read over a slow connection.
const screenshotMaxBytes = 300 << 10

// TestScreenshots saves the README's screenshots of the public pages, on the demo office, at
// desktop and phone width, into the folder TERBUKA_SCREENSHOTS names (`make screenshots`).
// Without it the test skips: it checks nothing the other browser tests do not.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("TERBUKA_SCREENSHOTS")
	if dir == "" {
		t.Skip("TERBUKA_SCREENSHOTS is not set; `make screenshots` sets it to docs/screenshots")
	}
	browserPath := findBrowser(t)
	stopBy := time.Now().Add(4 * time.Minute)
	// A fixed moment: the same demo data, so the same pictures, whenever they are taken.
	app := newApp(t, time.Date(2026, 11, 27, 10, 0, 0, 0, jakarta))
	ctx := context.Background()
	if _, err := demo.Seed(ctx, app.Store, app.services.Intake, app.services.Casework, nil); err != nil {
		t.Fatal(err)
	}
	if err := demo.SeedPortal(ctx, app.Store, app.services.Publishing); err != nil {
		t.Fatal(err)
	}
	a := app.services
	if err := demo.SeedService(ctx, demo.Services{Store: a.Store, Intake: a.Intake, Casework: a.Casework,
		SKM: a.SKM, Performance: a.Performance}); err != nil {
		t.Fatal(err)
	}
	var key string
	if err := app.Store.DB().Get(&key, `SELECT public_key FROM requests
		WHERE publish_consent AND public_review <> 'hidden' AND (public_review = 'shown' OR public_pii = '[]'::jsonb)
		ORDER BY received_at DESC, id LIMIT 1`); err != nil {
		t.Fatalf("the demo's public request page: %v", err)
	}
	pages := []struct{ name, path string }{
		{"skm", "/skm"},
		{"laporan", "/laporan"},
		{"statistik", "/statistik?tahun=2025"}, // last year: the requests spread over the three units
		{"permohonan-publik", "/permohonan/" + key},
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	browser, browserOut := startBrowser(t, browserPath, stopBy)
	for _, vp := range []viewport{{"desktop", 1280, 900, false}, {"ponsel", 390, 844, true}} {
		tb := newTab(t, browser, app, "layar-"+vp.name, stopBy, browserOut)
		for _, p := range pages {
			tb.do("size "+vp.name, chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(1)))
			tb.visit(p.path, 200)
			height, err := chromedp.Run(tb.ctx, chromedp.Evaluate[int64](`document.documentElement.scrollHeight`))
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			// The whole page in one picture: the viewport as tall as the page.
			tb.do("size to the page", chromedp.EmulateViewport(vp.width, height, chromedp.EmulateScale(1)))
			shot, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot of %s: %v", p.path, err)
			}
			small, err := shrinkPNG(shot)
			if err != nil {
				t.Fatalf("%s: %v", p.path, err)
			}
			file := filepath.Join(dir, fmt.Sprintf("%s-%s.png", p.name, vp.name))
			if err := os.WriteFile(file, small, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d×%d px, %d KB", file, vp.width, height, len(small)>>10)
			if len(small) > screenshotMaxBytes {
				t.Errorf("%s is %d KB, over %d KB", file, len(small)>>10, screenshotMaxBytes>>10)
			}
		}
	}
}

// shrinkPNG re-encodes a screenshot with at most 256 colours, which a page of text and flat
// colours keeps legibly, at the best compression.
func shrinkPNG(raw []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	// A palette of the page's most frequent colours, then the nearest of them for every pixel.
	counts := map[color.RGBA]int{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[color.RGBA{uint8(r >> 8 &^ 3), uint8(g >> 8 &^ 3), uint8(bl >> 8 &^ 3), 255}]++
		}
	}
	type freq struct {
		c color.RGBA
		n int
	}
	all := make([]freq, 0, len(counts))
	for c, n := range counts {
		all = append(all, freq{c, n})
	}
	slices.SortFunc(all, func(a, b freq) int {
		if a.n != b.n {
			return b.n - a.n
		}
		return int(a.c.R)<<16 | int(a.c.G)<<8 | int(a.c.B) - (int(b.c.R)<<16 | int(b.c.G)<<8 | int(b.c.B))
	})
	palette := make(color.Palette, 0, 256)
	for _, f := range all[:min(256, len(all))] {
		palette = append(palette, f.c)
	}
	out := image.NewPaletted(b, palette)
	draw.Draw(out, b, img, b.Min, draw.Src)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, out); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Package templates embeds the HTML pages, partials and static assets into the binary.
package templates

import "embed"

// FS holds layout.html, pages/*.html, partials/*.html and static/.
//
//go:embed layout.html pages partials static
var FS embed.FS

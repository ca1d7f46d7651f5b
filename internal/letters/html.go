package letters

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"strings"
)

//go:embed letter.gohtml
var letterTemplate string

// htmlTemplate is parsed once; a broken template fails every test, not a request.
var htmlTemplate = template.Must(template.New("letter").Funcs(template.FuncMap{
	"lines": func(s string) []string { return strings.Split(s, "\n") },
}).Parse(letterTemplate))

// RenderHTML renders the letter as an escaped HTML fragment: an <article class="letter">
// with headings and definition lists, no inline styles or scripts (the app's CSP forbids them).
func RenderHTML(l Letter) (template.HTML, error) {
	if err := l.Validate(); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	// Render into a buffer so a template error never yields half a letter.
	if err := htmlTemplate.Execute(&buf, compose(l)); err != nil {
		return "", fmt.Errorf("letters: unable to render %s HTML: %w", l.Kind, err)
	}
	return template.HTML(buf.String()), nil
}

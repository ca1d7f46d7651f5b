// Package mailtext turns an outbox row (a template name and its data) into the e-mail a person
// reads: subject and plain-text body in Indonesian. Rendering happens when a message is shown
// or sent, so a wording fix reaches messages still waiting in the outbox.
package mailtext

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"strings"
	"text/template"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

//go:embed templates/*.txt
var files embed.FS

// Message is a rendered e-mail.
type Message struct {
	Subject string
	Body    string
	// MessageID, without angle brackets, is set by the sender when a message must keep one
	// identity across repeated deliveries; "" lets the mail client make one up.
	MessageID string
}

// ErrUnknownTemplate: the outbox names a template this program does not have.
var ErrUnknownTemplate = errors.New("mailtext: unknown template")

// Renderer holds the parsed templates; build it once with New.
type Renderer struct {
	t *template.Template
}

// New parses every template; a broken one stops the program at start.
func New() (*Renderer, error) {
	t, err := template.New("").Option("missingkey=zero").Funcs(template.FuncMap{
		"date": func(v any) string {
			d, err := calendar.ParseDate(fmt.Sprint(v))
			if err != nil {
				return fmt.Sprint(v)
			}
			return calendar.FormatIDLong(d)
		},
	}).ParseFS(files, "templates/*.txt")
	if err != nil {
		return nil, fmt.Errorf("mailtext: %w", err)
	}
	return &Renderer{t: t}, nil
}

// Render produces the message of template name with data. The first line of a template file
// is "Subject: …"; the rest, after a blank line, is the body.
func (r *Renderer) Render(name string, data map[string]any) (Message, error) {
	t := r.t.Lookup(name + ".txt")
	if t == nil {
		return Message{}, fmt.Errorf("%w: %s", ErrUnknownTemplate, name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return Message{}, fmt.Errorf("mailtext: render %s: %w", name, err)
	}
	head, body, ok := strings.Cut(buf.String(), "\n\n")
	subject, found := strings.CutPrefix(head, "Subject: ")
	if !ok || !found {
		return Message{}, fmt.Errorf("mailtext: template %s must start with \"Subject: \" and a blank line", name)
	}
	return Message{Subject: strings.TrimSpace(subject), Body: strings.TrimSpace(body) + "\n"}, nil
}

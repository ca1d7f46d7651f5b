package web

import (
	"net/url"
	"slices"
	"strings"

	"github.com/terbuka-id/terbuka/internal/request"
)

// formView re-renders a form with what the user typed and a message per field.
type formView struct {
	Values url.Values
	Errors request.FieldErrors
	// Prefix keeps element ids unique when a page holds several forms with the same fields.
	Prefix string
	// IdentityMaxKB is the identity document limit the request form announces.
	IdentityMaxKB int64
	// Choices narrows a choice field to these codes (e.g. the grounds an open objection window
	// allows); a field without an entry offers every option.
	Choices map[string][]string
}

// Options are the options of choice field key the form offers: all, or those Choices names.
func (f *formView) Options(key string, all []request.Option) []request.Option {
	codes, ok := f.Choices[key]
	if !ok {
		return all
	}
	return slices.DeleteFunc(slices.Clone(all), func(o request.Option) bool { return !slices.Contains(codes, o.Code) })
}

func (f *formView) Get(key string) string { return f.Values.Get(key) }

func (f *formView) Err(key string) string { return f.Errors[key] }

func (f *formView) Is(key, value string) bool { return f.Values.Get(key) == value }

// Has reports whether a multi-valued field (checkboxes) includes value.
func (f *formView) Has(key, value string) bool { return slices.Contains(f.Values[key], value) }

// submissionFromForm reads the request form; field names match the JSON API's error keys.
func submissionFromForm(v url.Values) request.Submission {
	sub := request.Submission{
		RequesterKind:  v.Get("requester.kind"),
		Name:           v.Get("requester.name"),
		NIK:            v.Get("requester.nik"),
		EntitySKNumber: v.Get("requester.entity_sk_number"),
		Address:        v.Get("requester.address"),
		Phone:          v.Get("requester.phone"),
		Email:          v.Get("requester.email"),
		Occupation:     v.Get("requester.occupation"),
		Information:    v.Get("information"),
		Purpose:        v.Get("purpose"),
		ObtainMethod:   v.Get("obtain_method"),
		DeliveryMethod: v.Get("delivery_method"),
		PublishConsent: v.Get("publish_consent") == "ya",
	}
	sub.Accessibility, sub.AccessibilityNote = v["accessibility.needs"], v.Get("accessibility.note")
	return sub
}

// cleanText makes a value safe to look up: no NUL (PostgreSQL refuses it in text), valid UTF-8,
// at most max bytes. Lookups of such values then find nothing instead of failing.
func cleanText(s string, max int) string {
	s = strings.ToValidUTF8(strings.ReplaceAll(s, "\x00", ""), "")
	if len(s) > max {
		s = strings.ToValidUTF8(s[:max], "")
	}
	return s
}

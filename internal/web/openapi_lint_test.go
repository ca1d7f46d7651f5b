package web_test

import (
	"testing"
	"time"
)

// The description passes redocly's recommended rules that once failed: every operation says
// whether it needs the officer's session (security-defined) and the info names a license.
func TestOpenAPIDeclaresSecurityAndLicense(t *testing.T) {
	app := newApp(t, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	doc := servedSpec(t, app)
	if doc.Info.License == nil || doc.Info.License.Name == "" || doc.Info.License.URL == "" {
		t.Errorf("info.license missing: %+v", doc.Info.License)
	}
	schemes := doc.Components.SecuritySchemes
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Security == nil {
				t.Errorf("%s %s: no security declared (public operations say \"security\": [])", method, path)
				continue
			}
			for _, req := range *op.Security {
				for name := range req {
					if _, ok := schemes[name]; !ok {
						t.Errorf("%s %s: security scheme %q is not defined", method, path, name)
					}
				}
			}
		}
	}
}

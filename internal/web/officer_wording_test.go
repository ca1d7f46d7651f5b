package web_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// httpJargon is an HTTP status or the protocol's name inside a sentence shown to people.
var httpJargon = regexp.MustCompile(`\bHTTP\b|\b(4\d\d|5\d\d)\b`)

// No sentence the handlers or templates show speaks HTTP ("Alamatnya kini menjawab 410"): officers
// read what happened, not a status code. Log messages and comments are not shown, so not checked.
func TestNoHTTPJargonInShownText(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if ok {
				// Log lines go to operators, not to pages.
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && strings.Contains(strings.ToLower(exprName(sel.X)), "log") {
					return false
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil || !strings.Contains(s, " ") || !indonesian.MatchString(s) {
				return true
			}
			if httpJargon.MatchString(s) {
				t.Errorf("%s: shown text speaks HTTP: %q", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
	pages, _ := filepath.Glob("../../templates/pages/*.html")
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := regexp.MustCompile(`(?s)<[^>]*>|\{\{.*?\}\}`).ReplaceAllString(string(b), " ")
		if m := httpJargon.FindString(text); m != "" {
			t.Errorf("%s shows %q", filepath.Base(p), m)
		}
	}
}

// indonesian marks a sentence meant for people (an Indonesian word), not a route, a header or SQL.
var indonesian = regexp.MustCompile(`\b(dan|yang|tidak|ini|kini|dari|untuk|ke|di|dengan|sudah|belum)\b`)

func exprName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprName(x.X) + "." + x.Sel.Name
	}
	return ""
}

package password

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:embed common.txt
var commonList string

// common is the set of well-known passwords, lower-cased; common.txt names its sources.
var common = func() map[string]struct{} {
	set := map[string]struct{}{}
	for _, line := range strings.Split(commonList, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = struct{}{}
		}
	}
	return set
}()

// Common reports whether plain is a well-known password, or one with only digits or symbols
// added around a well-known word ("bismillah2025!"), which cracking rules try first (ASVS 2.1.7).
func Common(plain string) bool {
	p := strings.ToLower(strings.TrimSpace(plain))
	if _, ok := common[p]; ok {
		return true
	}
	base := strings.TrimFunc(p, func(r rune) bool { return !unicode.IsLetter(r) })
	if base == "" || base == p {
		return false
	}
	_, ok := common[base]
	return ok
}

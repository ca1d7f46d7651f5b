package letters

import (
	"strings"
	"unicode"
)

// The role words the letters put before the office's name.
const (
	RolePPID       = "PPID"                                                      // short, in running text
	RolePPIDFull   = "Pejabat Pengelola Informasi dan Dokumentasi (PPID)"        // spelled out, as the Perki 1/2021 forms do
	RoleAtasan     = "atasan PPID"                                               // who answers an objection (UU 14/2008 Pasal 35–36)
	RoleAtasanFull = "atasan Pejabat Pengelola Informasi dan Dokumentasi (PPID)" // spelled out
)

// officeRolePrefixes are the ways an office's own name may already start with the role, longest first.
var officeRolePrefixes = []string{
	"Pejabat Pengelola Informasi dan Dokumentasi (PPID)",
	"Pejabat Pengelola Informasi dan Dokumentasi",
	"PPID",
}

// OfficeRole names role at the office: "PPID" and "PPID Kabupaten Contoh" give "PPID Kabupaten
// Contoh", not "PPID PPID Kabupaten Contoh". The role word the office's name already starts with
// is dropped from the name, whatever the role; a name that is only the role gives the role alone.
func OfficeRole(role, office string) string {
	rest := strings.Join(strings.Fields(office), " ")
	for _, prefix := range officeRolePrefixes {
		if len(rest) >= len(prefix) && strings.EqualFold(rest[:len(prefix)], prefix) &&
			(len(rest) == len(prefix) || !isWordRune(rest[len(prefix)])) {
			rest = strings.TrimLeft(rest[len(prefix):], " ")
			break
		}
	}
	if rest == "" {
		return role
	}
	return role + " " + rest
}

// isWordRune tells "PPIDKU" (a name of its own) from "PPID Kota" (the role, then the body).
func isWordRune(b byte) bool {
	r := rune(b)
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// FileName is the download name of a letter's PDF: its number with the slashes as dashes, then
// its kind, e.g. "0006-SRT-PPID-XII-2026-perpanjangan.pdf" (a slash would read as a folder).
func FileName(kind Kind, number string) string {
	stem := strings.NewReplacer("/", "-", `\`, "-", " ", "-").Replace(strings.TrimSpace(number))
	slug := strings.ReplaceAll(string(kind), "_", "-")
	if stem == "" {
		return slug + ".pdf"
	}
	return stem + "-" + slug + ".pdf"
}

package files

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gabriel-vasile/mimetype"
)

const (
	// maxNameRunes bounds display names; file systems allow 255 bytes, i.e. fewer runes.
	maxNameRunes = 120
	// maxExtRunes separates a real extension from a long name that merely contains a dot.
	maxExtRunes = 16
	// defaultStem names a file whose name had nothing usable left.
	defaultStem = "berkas"
)

// SanitizeFilename keeps a safe display name: the base name only (no directories, "..",
// NUL, control or bidi characters, path separators of either OS, characters Windows
// forbids), whitespace collapsed and trimmed, at most 120 runes keeping the extension,
// Unicode letters allowed. Nothing usable left gives "berkas" plus the extension for
// contentType.
func SanitizeFilename(name, contentType string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	pendingSpace := false
	for i, r := range name {
		switch {
		case r == utf8.RuneError && isInvalidAt(name, i):
			continue
		case unicode.IsSpace(r):
			pendingSpace = true
			continue
		// Cf holds the bidi overrides that make "fdp.exe" display as "exe.pdf".
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r), strings.ContainsRune(`<>:"|?*`, r):
			continue
		}
		if pendingSpace && b.Len() > 0 {
			b.WriteByte(' ')
		}
		pendingSpace = false
		b.WriteRune(r)
	}
	// Leading dots hide files and make "..", trailing ones are dropped by Windows anyway.
	s := strings.Trim(b.String(), ". ")
	if s == "" {
		return defaultStem + extensionFor(contentType)
	}
	if utf8.RuneCountInString(s) <= maxNameRunes {
		return s
	}
	ext := path.Ext(s)
	if utf8.RuneCountInString(ext) > maxExtRunes {
		ext = ""
	}
	// The stem is longer than the cut whenever the whole name is, so cutting the name is enough.
	stem := []rune(s)[:maxNameRunes-utf8.RuneCountInString(ext)]
	return strings.TrimRight(string(stem), ". ") + ext
}

// isInvalidAt tells an invalid byte from a literal U+FFFD, which is a legitimate character.
func isInvalidAt(s string, i int) bool {
	_, size := utf8.DecodeRuneInString(s[i:])
	return size == 1
}

// extensionFor returns the extension for a sniffed type, preferring the allow-list's choice.
func extensionFor(contentType string) string {
	mt := mediaType(contentType)
	if ext, ok := Allowed[mt]; ok {
		return ext
	}
	if m := mimetype.Lookup(mt); m != nil {
		return m.Extension()
	}
	return ""
}

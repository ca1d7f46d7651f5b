package portal

// RequestPagePath is the canonical path of a request's public page: its random public key (never
// the registration number or the internal id) and a slug of its masked text.
func RequestPagePath(key, text string) string {
	slug := Slug(text)
	if slug == "" {
		slug = "permohonan"
	}
	return "/permohonan/" + key + "/" + slug
}

// IsRequestKey reports whether s has the form of a request's public key (16 hex digits).
func IsRequestKey(s string) bool {
	if len(s) != 16 {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'f') && (r < '0' || r > '9') {
			return false
		}
	}
	return true
}

package files

// IdentityTypes are the types an identity document may have (a KTP scan, a deed, a power of
// attorney): a PDF or a photo. Anything else is refused whatever its name says.
var IdentityTypes = map[string]string{
	"application/pdf": ".pdf",
	"image/png":       ".png",
	"image/jpeg":      ".jpg",
}

// Sniff returns the media type of content from its first bytes, for content held in memory.
func Sniff(content []byte) string { return sniff(content[:min(len(content), sniffLen)]) }

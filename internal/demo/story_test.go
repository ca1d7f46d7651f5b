package demo

import (
	"regexp"
	"strings"
	"testing"
)

// otherRegions are places outside the demo office's own region that demo data once named.
var otherRegions = regexp.MustCompile(`(?i)\b(bandung|medan|bantul|sleman|denpasar|jakarta|surabaya|yogyakarta|coblong|cicendo|sukajadi|cikapundung)\b`)

// The demo office is PPID Kabupaten Contoh: its requesters live there, ask about it, and its
// documents are made there — one story, not a tour of Indonesia.
func TestDemoDataTellsOneRegionsStory(t *testing.T) {
	for _, r := range requests {
		sub := r.sub
		if !strings.Contains(sub.Address, "Kabupaten Contoh") {
			t.Errorf("%s lives outside Kabupaten Contoh: %q", sub.Name, sub.Address)
		}
		for _, text := range []string{sub.Address, sub.Information, sub.Purpose} {
			if m := otherRegions.FindString(text); m != "" {
				t.Errorf("%s's request names %s: %q", sub.Name, m, text)
			}
		}
	}
	for _, d := range demoDocuments {
		for _, text := range []string{d.meta.Title, d.meta.Summary, d.meta.MadePlace, d.body} {
			if m := otherRegions.FindString(text); m != "" {
				t.Errorf("document %q names %s", d.meta.Title, m)
			}
		}
	}
}

package web_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestQueueSearchBoundSaysMoreThan: a search sorts and counts at most 1000 matches; with more,
// the page says "lebih dari 1000", gives the flags as lower bounds, tells the officer the order
// covers only the matches found first, and still lists a full page in clock order. A search
// under the bound keeps its exact counts (TestQueueSearchFiltersAndTheirCombinations).
func TestQueueSearchBoundSaysMoreThan(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	// 1,005 more open requests about "anggaran puskesmas" (the world's Rahmat asks about a puskesmas too).
	w.app.Store.DB().MustExec(queueSeedSQL, 1005)
	page := w.ppid.get("/kantor?q=puskesmas")
	if !strings.Contains(page, "<span>Lebih dari 1000 terbuka</span>") {
		t.Errorf("a cut search does not say \"lebih dari 1000\":\n%s", summaryOf(page))
	}
	if !regexp.MustCompile(`<span class="flag overdue">sedikitnya \d+ lewat waktu</span>`).MatchString(page) ||
		!regexp.MustCompile(`<span class="flag soon">sedikitnya \d+ jatuh tempo`).MatchString(page) {
		t.Errorf("a cut search gives its flags as exact counts:\n%s", summaryOf(page))
	}
	if !strings.Contains(page, "hanya 1000 yang pertama ditemukan") {
		t.Error("a cut search does not say its order covers only the matches found first")
	}
	ids := linkedIDs(page, "/kantor/permohonan/")
	if len(ids) != 50 || !strings.Contains(page, `rel="next"`) {
		t.Errorf("a cut search lists %d rows (want a full page of 50 and a next page)", len(ids))
	}
	// The listed rows are in clock order.
	var dues []time.Time
	for _, m := range regexp.MustCompile(`<span class="queue-clock">[^<]*</span> (\d{1,2} \S+ \d{4})`).FindAllStringSubmatch(page, -1) {
		d, err := parseIndonesianDate(m[1])
		if err != nil {
			t.Fatal(err)
		}
		dues = append(dues, d)
	}
	if len(dues) != 50 || !slices.IsSortedFunc(dues, func(a, b time.Time) int { return a.Compare(b) }) {
		t.Errorf("rows not in clock order: %v", dues)
	}
	// Under the bound nothing changes: exact counts, no note.
	if page := w.ppid.get("/kantor?q=anggaran+sekolah"); strings.Contains(page, "Lebih dari") || strings.Contains(page, "sedikitnya") ||
		!regexp.MustCompile(`<span>1 terbuka</span>`).MatchString(page) {
		t.Errorf("a search under the bound is reported as cut or miscounted:\n%s", summaryOf(page))
	}
}

// TestQueueNameSearchIsStillASubstring: the name's index is searched with the query's words joined
// by wildcards, but a listed name contains the query exactly (any case, any part).
func TestQueueNameSearchIsStillASubstring(t *testing.T) {
	t.Parallel()
	w := newQueueWorld(t)
	between := w.register(t, "Budi Hartono Santoso", "hartono@contoh.id", "Daftar aset desa", "email", "2026-11-20")
	for query, want := range map[string][]int64{
		"Budi Santoso":  sorted(w.budi),
		"budi  santoso": nil, // two spaces: not in any name
		"udi sant":      sorted(w.budi),
		"BUDI":          sorted(w.budi, between),
		"hartono sant":  sorted(between),
		"Santoso Budi":  nil,
	} {
		if got := w.ids(w.ppid, "q="+strings.ReplaceAll(query, " ", "+")); !slices.Equal(got, want) {
			t.Errorf("q=%q: listed %v, want %v", query, got, want)
		}
	}
}

func summaryOf(page string) string {
	return regexp.MustCompile(`(?s)<p class="summary">.*?</p>`).FindString(page)
}

var indonesianMonths = map[string]time.Month{"Januari": 1, "Februari": 2, "Maret": 3, "April": 4, "Mei": 5, "Juni": 6,
	"Juli": 7, "Agustus": 8, "September": 9, "Oktober": 10, "November": 11, "Desember": 12}

// parseIndonesianDate reads "2 Desember 2026".
func parseIndonesianDate(s string) (time.Time, error) {
	var day, year int
	var month string
	if _, err := fmt.Sscanf(s, "%d %s %d", &day, &month, &year); err != nil || indonesianMonths[month] == 0 {
		return time.Time{}, fmt.Errorf("not a date: %q", s)
	}
	return time.Date(year, indonesianMonths[month], day, 0, 0, 0, 0, time.UTC), nil
}

package transparency

import (
	"strconv"
	"strings"
)

// The CSV downloads are the published open data: the register's columns are the API's field
// names in the API's order; the statistics give one figure per line, so the file reads the
// same in a spreadsheet and a script.

// RegisterCSVHeader are the register's CSV columns.
var RegisterCSVHeader = []string{"registration_number", "received_date", "subject", "status", "status_label",
	"decision", "decision_label", "due_date", "extended", "notice_date", "days_taken", "on_time"}

// CSVRecord is the item as one CSV line under RegisterCSVHeader.
func (it RegisterItem) CSVRecord() []string {
	rec := []string{it.RegistrationNumber, it.ReceivedDate.String(), csvSafe(it.SubjectText()), it.Status, it.StatusLabel,
		"", "", it.DueDate.String(), strconv.FormatBool(it.Extended), "", "", ""}
	if it.Decision != nil {
		rec[5], rec[6] = *it.Decision, *it.DecisionLabel
	}
	if it.NoticeDate != nil {
		rec[9], rec[10] = it.NoticeDate.String(), strconv.Itoa(*it.DaysTaken)
	}
	if it.OnTime != nil {
		rec[11] = strconv.FormatBool(*it.OnTime)
	}
	return rec
}

// csvSafe keeps a requester's text from running as a spreadsheet formula (CSV injection).
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// StatisticsCSVHeader are the statistics' CSV columns.
var StatisticsCSVHeader = []string{"year", "section", "key", "label", "value"}

// CSVRecords are the year's figures as CSV lines under StatisticsCSVHeader.
func (st *Statistics) CSVRecords() [][]string {
	y := strconv.Itoa(st.Year)
	var out [][]string
	add := func(section, key, label string, value string) {
		out = append(out, []string{y, section, key, label, value})
	}
	n := strconv.Itoa
	add("received", "total", "Permohonan diterima", n(st.Received))
	for _, m := range st.ReceivedPerMonth {
		add("received_per_month", n(m.Month), m.Name, n(m.Count))
	}
	for _, d := range st.Decisions {
		add("decisions", d.Code, d.Label, n(d.Count))
	}
	add("notices", "on_time", "Pemberitahuan tepat waktu", n(st.Notices.OnTime))
	add("notices", "late", "Pemberitahuan terlambat", n(st.Notices.Late))
	add("notices", "overdue_unanswered", "Belum dijawab, melewati tenggat", n(st.Notices.OverdueUnanswered))
	add("notices", "pending", "Belum dijawab, dalam tenggat", n(st.Notices.Pending))
	add("notices", "closed_without_notice", "Selesai tanpa pemberitahuan (ditarik)", n(st.Notices.ClosedWithoutNotice))
	rate, median := "", ""
	if st.OnTimeRate != nil {
		rate = strconv.FormatFloat(*st.OnTimeRate, 'f', -1, 64)
	}
	if st.MedianDaysTaken != nil {
		median = strconv.FormatFloat(*st.MedianDaysTaken, 'f', -1, 64)
	}
	add("summary", "on_time_rate", "Rasio tepat waktu (0–1)", rate)
	add("summary", "median_days_taken", "Median hari kerja sampai pemberitahuan", median)
	for _, e := range st.ExemptionsByLetter {
		add("exemptions_refused", e.Letter, "Ditolak, Pasal 17 huruf "+e.Label, n(e.Refused))
		add("exemptions_partial", e.Letter, "Dikabulkan sebagian (bagian yang dihitamkan), Pasal 17 huruf "+e.Label, n(e.Partial))
		add("exemptions_total", e.Letter, "Ditolak dan dikabulkan sebagian, Pasal 17 huruf "+e.Label, n(e.Total))
	}
	add("objections", "filed", "Keberatan diterima", n(st.Objections.Filed))
	add("objections", "open", "Keberatan menunggu tanggapan", n(st.Objections.Open))
	add("objections", "upheld", "Putusan PPID dikuatkan", n(st.Objections.Upheld))
	add("objections", "overturned", "Putusan PPID dibatalkan", n(st.Objections.Overturned))
	for _, g := range st.Objections.ByGround {
		add("objections_by_ground", g.Code, g.Label, n(g.Count))
	}
	add("disputes", "filed", "Sengketa diterima Komisi Informasi", n(st.Disputes.Filed))
	add("disputes", "ruled", "Sengketa diputus", n(st.Disputes.Ruled))
	add("disputes", "in_court", "Diajukan ke pengadilan", n(st.Disputes.InCourt))
	return out
}

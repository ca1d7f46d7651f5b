package performance

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestSurveyTextSaysWhenThereIsNoSurvey(t *testing.T) {
	ikm := 82.5
	for _, tt := range []struct {
		in   *SurveySummary
		want string
	}{
		{nil, "Belum ada data survei"},
		{&SurveySummary{Respondents: 0}, "Belum ada data survei"},
		{&SurveySummary{Respondents: 120, IKM: &ikm, Grade: "B", GradeLabel: "Baik"}, "82,50 (B, Baik), 120 responden"},
	} {
		if got := SurveyText(tt.in); got != tt.want {
			t.Errorf("SurveyText(%+v) = %q, want %q", tt.in, got, tt.want)
		}
	}
	rate, days := 0.875, 6.5
	if RateText(&rate) != "87,5%" || RateText(nil) != "—" || DaysText(&days) != "6,5" || DaysText(nil) != "—" {
		t.Errorf("cells: %q %q %q %q", RateText(&rate), RateText(nil), DaysText(&days), DaysText(nil))
	}
}

// The PDF made at lock time is a function of the report and the moment of locking: made again
// from the same frozen figures it has the same bytes, so its SHA-256 identifies it.
func TestReportPDFIsStableForTheSameReport(t *testing.T) {
	rep := &Report{Year: 2025, Status: "locked", Figures: &ReportFigures{Year: 2025, Received: 4}}
	rep.Narrative.Policy = "Kebijakan layanan informasi publik."
	at := time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC)
	a, err := reportPDF(rep, "PPID Uji", at)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := reportPDF(rep, "PPID Uji", at)
	if !bytes.Equal(a, b) || !strings.HasPrefix(string(a), "%PDF") {
		t.Fatal("the same report gave different PDFs")
	}
	rep.Figures.Received = 5
	if c, _ := reportPDF(rep, "PPID Uji", at); bytes.Equal(a, c) {
		t.Error("different figures gave the same PDF")
	}
	lines := rep.Figures.Lines()
	if lines[0] != [3]string{"Permohonan", "Permohonan diterima", "5"} {
		t.Errorf("first line %v", lines[0])
	}
	found := false
	for _, l := range lines {
		found = found || (l[0] == "Survei Kepuasan Masyarakat" && l[2] == "Belum ada data survei")
	}
	if !found {
		t.Error("the report does not say there is no survey data")
	}
}

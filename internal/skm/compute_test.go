package skm

import (
	"testing"
)

// threeForms are three questionnaires worked by hand below.
var threeForms = [][9]int{
	{4, 4, 3, 4, 3, 3, 4, 3, 3}, // 31
	{3, 3, 3, 4, 3, 3, 3, 3, 2}, // 27
	{3, 2, 2, 4, 3, 4, 4, 3, 3}, // 28
}

func TestIndexWorkedByHand(t *testing.T) {
	var tally Tally
	for _, f := range threeForms {
		tally.Add(f)
	}
	// NRR: U1 10/3 = 3.33, U2 9/3 = 3.00, U3 8/3 = 2.67, U4 12/3 = 4.00, U5 3.00, U6 10/3 = 3.33,
	// U7 11/3 = 3.67, U8 3.00, U9 8/3 = 2.67.
	want := []int64{333, 300, 267, 400, 300, 333, 367, 300, 267}
	for i, w := range want {
		if got := tally.AverageCents(i); got != w {
			t.Errorf("NRR %s = %d, want %d", Elements[i].Code, got, w)
		}
	}
	// IKM = (86/3) × 1/9 = 3.185185…; × 25 = 79.6296… → 79.63. The spreadsheet weight 0.111 gives
	// 28.6667 × 0.111 × 25 = 79.55, which the exact weight must not.
	cents, ok := tally.IndexCents()
	if !ok || cents != 7963 {
		t.Fatalf("IKM = %d (%v), want 7963", cents, ok)
	}
	sum := Summarize(tally, 10)
	if sum.IKM == nil || *sum.IKM != 79.63 || sum.Grade != "B" || sum.GradeLabel != "Baik" {
		t.Errorf("summary: %+v", sum)
	}
	if sum.Elements[2].Average != 2.67 || sum.Elements[6].Average != 3.67 || sum.Elements[3].Name != "Biaya/tarif" {
		t.Errorf("element averages: %+v", sum.Elements)
	}
	// N = 10 → ⌈0.96025·10 / (0.0025·9 + 0.96025)⌉ = ⌈9.77⌉ = 10 > 3 respondents.
	if sum.RequiredSample != 10 || !sum.SampleTooSmall {
		t.Errorf("sample: %d required, too small %v", sum.RequiredSample, sum.SampleTooSmall)
	}
}

func TestIndexExtremesAndHalfUp(t *testing.T) {
	all := func(score int, n int) Tally {
		var t Tally
		for range n {
			t.Add([9]int{score, score, score, score, score, score, score, score, score})
		}
		return t
	}
	if c, _ := all(4, 5).IndexCents(); c != 10000 || GradeOf(c).Letter != "A" {
		t.Errorf("all 4: %d", c)
	}
	if c, _ := all(1, 5).IndexCents(); c != 2500 || GradeOf(c).Letter != "D" {
		t.Errorf("all 1: %d", c)
	}
	// 8 forms, 81 points: 2500 × 81 / 72 = 2812.5 hundredths exactly → half up to 28.13.
	half := Tally{Respondents: 8, Sums: [9]int64{9, 9, 9, 9, 9, 9, 9, 9, 9}}
	if c, _ := half.IndexCents(); c != 2813 {
		t.Errorf("half-up: %d, want 2813", c)
	}
	// One form averaging 2.5 on an element: 250 exactly; 1 of 3 → 33.33…, 2 of 3 → 66.67.
	if c := (Tally{Respondents: 3, Sums: [9]int64{2}}).AverageCents(0); c != 67 {
		t.Errorf("2/3 = %d hundredths, want 67", c)
	}
	var none Tally
	if _, ok := none.IndexCents(); ok {
		t.Error("an index without respondents")
	}
	if s := Summarize(none, 0); s.IKM != nil || s.Grade != "" || s.GradeLabel != "" || s.SampleTooSmall {
		t.Errorf("empty summary: %+v", s)
	}
}

func TestGradeBoundaries(t *testing.T) {
	for _, c := range []struct {
		cents  int64
		letter string
		label  string
	}{
		{10000, "A", "Sangat Baik"}, {8831, "A", "Sangat Baik"}, {8830, "B", "Baik"}, {7661, "B", "Baik"},
		{7660, "C", "Kurang Baik"}, {6500, "C", "Kurang Baik"}, {6499, "D", "Tidak Baik"}, {2500, "D", "Tidak Baik"},
	} {
		if g := GradeOf(c.cents); g.Letter != c.letter || g.Label != c.label {
			t.Errorf("%d: %+v, want %s %s", c.cents, g, c.letter, c.label)
		}
	}
}

func TestRequiredSampleKrejcieMorgan(t *testing.T) {
	for _, c := range []struct{ n, want int64 }{
		{0, 0}, {-3, 0}, {1, 1}, {10, 10}, {100, 80}, {1000, 278}, {100_000, 383}, {1_000_000, 384}, {50_000_000, 384},
	} {
		if got := RequiredSample(c.n); got != c.want {
			t.Errorf("RequiredSample(%d) = %d, want %d", c.n, got, c.want)
		}
	}
}

func TestElementsWording(t *testing.T) {
	if len(Elements) != 9 || Elements[2].Answers != [4]string{"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"} ||
		Elements[3].Answers != [4]string{"Sangat mahal", "Cukup mahal", "Murah", "Gratis"} || Elements[8].Code != "U9" {
		t.Errorf("elements: %+v", Elements)
	}
}

func TestParsePeriod(t *testing.T) {
	q := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }
	p, errs := ParsePeriod(q(map[string]string{"year": "2026", "quarter": "3"}), APIKeys, 2030)
	if len(errs) > 0 || p.From.String() != "2026-07-01" || p.To.String() != "2026-10-01" || p.Label != "Triwulan III 2026" {
		t.Errorf("quarter: %+v %v", p, errs)
	}
	p, _ = ParsePeriod(q(map[string]string{"semester": "2"}), APIKeys, 2026)
	if p.From.String() != "2026-07-01" || p.To.String() != "2027-01-01" {
		t.Errorf("semester: %+v", p)
	}
	p, _ = ParsePeriod(q(map[string]string{"dari": "2026-03-01", "sampai": "2026-05-31"}), PageKeys, 2026)
	if p.From.String() != "2026-03-01" || p.To.String() != "2026-06-01" {
		t.Errorf("custom: %+v", p)
	}
	for _, bad := range []map[string]string{{"year": "20x6"}, {"semester": "3"}, {"quarter": "0"}, {"from": "2026-02-30", "to": "2026-03-01"},
		{"from": "2026-05-01", "to": "2026-04-01"}, {"semester": "1", "quarter": "1"}} {
		if _, errs := ParsePeriod(q(bad), APIKeys, 2026); len(errs) == 0 {
			t.Errorf("%v accepted", bad)
		}
	}
}

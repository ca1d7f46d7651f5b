package skm

// Tally is what the computation needs of a set of questionnaires: how many, and the sum of the
// scores given to each element. Everything below is exact integer arithmetic: the index is one
// division of the sum of all scores, rounded once, so no 0.111 weight and no float drift.
type Tally struct {
	Respondents int64
	Sums        [9]int64 // Sums[i] is the sum of the scores on Elements[i]
}

// Add counts one questionnaire; scores are 1–4 in element order.
func (t *Tally) Add(scores [9]int) {
	t.Respondents++
	for i, s := range scores {
		t.Sums[i] += int64(s)
	}
}

// roundHalfUp is num/den rounded to the nearest integer, halves up; num ≥ 0, den > 0.
func roundHalfUp(num, den int64) int64 { return (2*num + den) / (2 * den) }

// AverageCents is the element average NRR_i = sum of scores ÷ filled questionnaires
// (PermenPAN-RB 14/2017), in hundredths rounded half-up; 0 without respondents.
func (t Tally) AverageCents(i int) int64 {
	if t.Respondents == 0 {
		return 0
	}
	return roundHalfUp(100*t.Sums[i], t.Respondents)
}

// IndexCents is the converted index IKM × 25 in hundredths, rounded half-up to two decimals.
// PermenPAN-RB 14/2017: IKM = Σ NRR_i × 1/9 with the exact weight 1/9, so IKM × 25 × 100 =
// 2500 × (sum of all scores) ÷ (9 × respondents). ok is false without respondents.
func (t Tally) IndexCents() (cents int64, ok bool) {
	if t.Respondents == 0 {
		return 0, false
	}
	var total int64
	for _, s := range t.Sums {
		total += s
	}
	return roundHalfUp(2500*total, 9*t.Respondents), true
}

// Grade is the quality of service (mutu pelayanan) a converted index earns.
type Grade struct {
	Letter string // A, B, C, D
	Label  string // Sangat Baik, Baik, Kurang Baik, Tidak Baik
}

// GradeOf grades a converted index given in hundredths (8831 is 88.31), by the table of
// PermenPAN-RB 14/2017: A 88.31–100.00, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99.
func GradeOf(cents int64) Grade {
	switch {
	case cents >= 8831:
		return Grade{"A", "Sangat Baik"}
	case cents >= 7661:
		return Grade{"B", "Baik"}
	case cents >= 6500:
		return Grade{"C", "Kurang Baik"}
	default:
		return Grade{"D", "Tidak Baik"}
	}
}

// krejcieMorganMax is the last row of the Krejcie–Morgan table (N = 1,000,000 → 384); beyond
// it the formula's limit χ²P(1−P)/d² = 384.1 would round up to 385, which the table never asks.
const krejcieMorganMax = 384

// RequiredSample is the minimum number of respondents for a population of n served requests
// (PermenPAN-RB 14/2017 refers to the Krejcie–Morgan table): s = ⌈χ²NP(1−P) / (d²(N−1) + χ²P(1−P))⌉
// with χ² = 3.841, P = 0.5, d = 0.05, computed in integers scaled by 10⁵ (0.96025·N over
// 0.0025·(N−1) + 0.96025). No population needs no sample.
func RequiredSample(n int64) int64 {
	if n <= 0 {
		return 0
	}
	num := 96025 * n                // χ²·P(1−P) = 3.841 × 0.25 = 0.96025, × 10⁵
	den := 250*(n-1) + 96025        // d² = 0.0025, × 10⁵
	s := (num + den - 1) / den      // ceiling
	return min(s, krejcieMorganMax) // the table's ceiling for very large populations
}

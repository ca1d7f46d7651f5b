package letters

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// ValidationError lists what a letter lacks, by Go field name, so a form can point at them.
type ValidationError struct {
	Kind    Kind
	Missing []string // e.g. "Harm", "Office.City"
	Invalid []string // e.g. `ExemptionLetters: "k" is not a letter of Pasal 17`
}

func (e *ValidationError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "letters: incomplete %q letter:", string(e.Kind))
	if len(e.Missing) > 0 {
		b.WriteString(" missing " + strings.Join(e.Missing, ", "))
	}
	if len(e.Invalid) > 0 {
		if len(e.Missing) > 0 {
			b.WriteString(";")
		}
		b.WriteString(" invalid " + strings.Join(e.Invalid, "; "))
	}
	return b.String()
}

// checker collects the problems of one letter.
type checker struct {
	missing, invalid []string
}

func (c *checker) text(name, v string) {
	if strings.TrimSpace(v) == "" {
		c.missing = append(c.missing, name)
	}
}

func (c *checker) date(name string, d calendar.Date) {
	switch {
	case d.IsZero():
		c.missing = append(c.missing, name)
	case d != calendar.NewDate(d.Year, d.Month, d.Day):
		c.invalid = append(c.invalid, fmt.Sprintf("%s: %d-%d-%d is not a calendar date", name, d.Year, d.Month, d.Day))
	}
}

func (c *checker) time(name string, t time.Time) {
	if t.IsZero() {
		c.missing = append(c.missing, name)
	}
}

func (c *checker) letters(name string, got []string, valid map[string]string, article string) {
	if len(got) == 0 {
		c.missing = append(c.missing, name)
		return
	}
	for _, g := range got {
		if _, ok := valid[normLetter(g)]; !ok {
			c.invalid = append(c.invalid, fmt.Sprintf("%s: %q is not a letter of %s", name, g, article))
		}
	}
}

func (c *checker) fail(format string, args ...any) {
	c.invalid = append(c.invalid, fmt.Sprintf(format, args...))
}

// Validate reports, as a *ValidationError, every field the letter's kind needs but lacks.
func (l Letter) Validate() error {
	var c checker
	if l.Kind.Title() == "" {
		c.fail("Kind: %q is not a known letter", string(l.Kind))
	}
	c.text("Number", l.Number)
	c.date("Date", l.Date)
	c.text("Office.Name", l.Office.Name)
	c.text("Office.City", l.Office.City)
	c.text("Signer.Name", l.Signer.Name)
	c.text("Signer.Position", l.Signer.Position)
	c.text("RegistrationNumber", l.RegistrationNumber)
	c.text("RequesterName", l.RequesterName)
	c.text("RequesterAddress", l.RequesterAddress)
	c.time("ReceivedAt", l.ReceivedAt)
	c.text("Information", l.Information)

	switch l.Kind {
	case Receipt:
		// Pasal 22(3)-(4): what the body must record when it registers a request.
		c.text("Purpose", l.Purpose)
		c.text("ObtainMethod", l.ObtainMethod)
		c.text("DeliveryMethod", l.DeliveryMethod)
		c.date("ResponseDue", l.ResponseDue)
	case Notice:
		l.checkNotice(&c)
	case Extension:
		c.date("ResponseDue", l.ResponseDue)
		c.date("ExtendedDue", l.ExtendedDue)
		// Pasal 22(8): the extension must give its reason in writing.
		c.text("ExtensionReason", l.ExtensionReason)
		if !l.ResponseDue.IsZero() && !l.ExtendedDue.IsZero() && !l.ExtendedDue.After(l.ResponseDue) {
			c.fail("ExtendedDue: %s is not after ResponseDue %s", l.ExtendedDue, l.ResponseDue)
		}
	case Refusal:
		c.letters("ExemptionLetters", l.ExemptionLetters, Pasal17, "Pasal 17 (a–j)")
		l.checkConsequenceTest(&c)
	case ObjectionReceipt:
		c.text("ObjectionNumber", l.ObjectionNumber)
		c.time("ObjectionReceivedAt", l.ObjectionReceivedAt)
		c.letters("ObjectionGrounds", l.ObjectionGrounds, Pasal35, "Pasal 35(1) (a–g)")
		c.date("ObjectionDue", l.ObjectionDue)
	case ObjectionAnswer:
		c.text("ObjectionNumber", l.ObjectionNumber)
		c.time("ObjectionReceivedAt", l.ObjectionReceivedAt)
		if len(l.ObjectionGrounds) > 0 {
			c.letters("ObjectionGrounds", l.ObjectionGrounds, Pasal35, "Pasal 35(1) (a–g)")
		}
		switch l.ObjectionOutcome {
		case outcomeUpheld:
			// Pasal 37(2): an upheld decision opens the 14 WD window to the Komisi Informasi.
			c.date("DisputeDue", l.DisputeDue)
		case outcomeOverturned:
			if !l.DisputeDue.IsZero() {
				c.date("DisputeDue", l.DisputeDue)
			}
		case "":
			c.missing = append(c.missing, "ObjectionOutcome")
		default:
			c.fail("ObjectionOutcome: %q is not dikuatkan or dibatalkan", l.ObjectionOutcome)
		}
		// Pasal 36(3): the atasan's response carries written reasons.
		c.text("ObjectionAnswer", l.ObjectionAnswer)
	}

	if len(c.missing) == 0 && len(c.invalid) == 0 {
		return nil
	}
	return &ValidationError{Kind: l.Kind, Missing: c.missing, Invalid: c.invalid}
}

// checkNotice checks what Pasal 22(7) a–g requires for the notice's decision.
func (l Letter) checkNotice(c *checker) {
	switch l.Decision {
	case decisionGranted, decisionPartial:
		c.text("InformationGiven", l.InformationGiven)
		c.text("Form", l.Form)
		c.text("DeliveryMethod", l.DeliveryMethod)
		c.text("DeliveryTime", l.DeliveryTime)
		// Pasal 22(7) g: the itemised cost adds up, and a charge says how to pay.
		if sum := int64(l.CopyPages)*l.PagePrice + l.MediaPrice + l.Postage + l.OtherCost; sum != l.TotalCost {
			c.fail("TotalCost: %d is not the sum of the items, %d", l.TotalCost, sum)
		}
		if l.TotalCost > 0 {
			c.text("Cost", l.Cost)
		}
		if l.Decision == decisionGranted {
			if strings.TrimSpace(l.Withheld) != "" {
				c.fail("Withheld: a notice that blacks out information is dikabulkan_sebagian, not dikabulkan")
			}
			break
		}
		c.text("Withheld", l.Withheld)
		c.letters("ExemptionLetters", l.ExemptionLetters, Pasal17, "Pasal 17 (a–j)")
		// A partial grant may document its test; if it does, the test must be whole.
		if strings.TrimSpace(l.LegalBasis+l.Harm+l.PublicInterest) != "" {
			l.checkConsequenceTest(c)
		}
	case decisionRefused:
		c.letters("ExemptionLetters", l.ExemptionLetters, Pasal17, "Pasal 17 (a–j)")
		l.checkConsequenceTest(c)
	case decisionNotHeld:
		// Pasal 22(7) b: the holder is named, or the letter says why it is not known after inquiry.
		if strings.TrimSpace(l.HoldingBody) == "" && strings.TrimSpace(l.HoldingUnknownReason) == "" {
			c.missing = append(c.missing, "HoldingBody")
		}
	case decisionUndocumented:
		// Perki 1/2021 notice form: the period within which the information will be provided.
		c.date("DocumentedBy", l.DocumentedBy)
	case "":
		c.missing = append(c.missing, "Decision")
	default:
		c.fail("Decision: %q is not a known decision", l.Decision)
	}
}

// checkConsequenceTest: an exemption rests on the consequence test and public-interest balance (Pasal 19, Pasal 2(4)).
func (l Letter) checkConsequenceTest(c *checker) {
	c.text("LegalBasis", l.LegalBasis)
	c.text("Harm", l.Harm)
	c.text("PublicInterest", l.PublicInterest)
}

func normLetter(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// normLetters returns the valid letters of got, lower-cased, sorted and without duplicates.
func normLetters(got []string, valid map[string]string) []string {
	out := make([]string, 0, len(got))
	for _, g := range got {
		if g = normLetter(g); valid[g] != "" {
			out = append(out, g)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

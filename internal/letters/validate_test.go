package letters

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

func TestValidateComplete(t *testing.T) {
	for name, l := range allLetters(t) {
		t.Run(name, func(t *testing.T) {
			if err := l.Validate(); err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
		})
	}
}

func TestValidateMissing(t *testing.T) {
	tests := []struct {
		name   string
		letter func(t *testing.T) Letter
		want   []string
	}{
		{
			name:   "empty receipt",
			letter: func(t *testing.T) Letter { return Letter{Kind: Receipt} },
			want: []string{"Number", "Date", "Office.Name", "Office.City", "Signer.Name", "Signer.Position",
				"RegistrationNumber", "RequesterName", "RequesterAddress", "ReceivedAt", "Information",
				"Purpose", "ObtainMethod", "DeliveryMethod", "ResponseDue"},
		},
		{
			name: "receipt, blank strings count as missing",
			letter: func(t *testing.T) Letter {
				l := base(t, Receipt, "")
				l.Purpose, l.Office.City, l.Signer.Name = "  ", "\n", "\t"
				return l
			},
			want: []string{"Office.City", "Signer.Name", "Purpose"},
		},
		{
			name: "notice granted without Pasal 22(7) d, f, g",
			letter: func(t *testing.T) Letter {
				l := base(t, Notice, decisionGranted)
				l.InformationGiven, l.Form, l.DeliveryMethod, l.DeliveryTime, l.Cost = "", "", "", "", ""
				l.Postage, l.TotalCost = 20000, 20000 // a charge: the way to pay is then required (Pasal 22(7) g)
				return l
			},
			want: []string{"InformationGiven", "Form", "DeliveryMethod", "DeliveryTime", "Cost"},
		},
		{
			name: "notice partial without blacked-out part and its reason",
			letter: func(t *testing.T) Letter {
				l := base(t, Notice, decisionPartial)
				l.Withheld, l.ExemptionLetters = "", nil
				return l
			},
			want: []string{"Withheld", "ExemptionLetters"},
		},
		{
			name: "notice partial with half a consequence test",
			letter: func(t *testing.T) Letter {
				l := base(t, Notice, decisionPartial)
				l.Harm = "Mengungkap data pribadi"
				return l
			},
			want: []string{"LegalBasis", "PublicInterest"},
		},
		{
			name: "notice refused without exemption and test",
			letter: func(t *testing.T) Letter {
				l := base(t, Notice, decisionRefused)
				l.ExemptionLetters, l.LegalBasis, l.Harm, l.PublicInterest = nil, "", "", ""
				return l
			},
			want: []string{"ExemptionLetters", "LegalBasis", "Harm", "PublicInterest"},
		},
		{
			name: "notice without decision",
			letter: func(t *testing.T) Letter {
				l := base(t, Notice, "")
				return l
			},
			want: []string{"Decision"},
		},
		{
			name: "extension without dates and reason",
			letter: func(t *testing.T) Letter {
				l := base(t, Extension, "")
				l.ResponseDue, l.ExtendedDue, l.ExtensionReason = calendar.Date{}, calendar.Date{}, ""
				return l
			},
			want: []string{"ResponseDue", "ExtendedDue", "ExtensionReason"},
		},
		{
			name: "refusal without consequence test",
			letter: func(t *testing.T) Letter {
				l := base(t, Refusal, "")
				l.ExemptionLetters, l.LegalBasis, l.Harm, l.PublicInterest = []string{}, "", "", ""
				return l
			},
			want: []string{"ExemptionLetters", "LegalBasis", "Harm", "PublicInterest"},
		},
		{
			name: "objection receipt without objection",
			letter: func(t *testing.T) Letter {
				l := base(t, ObjectionReceipt, "")
				l.ObjectionNumber, l.ObjectionReceivedAt, l.ObjectionGrounds, l.ObjectionDue = "", time.Time{}, nil, calendar.Date{}
				return l
			},
			want: []string{"ObjectionNumber", "ObjectionReceivedAt", "ObjectionGrounds", "ObjectionDue"},
		},
		{
			name: "objection answer without outcome and reasons",
			letter: func(t *testing.T) Letter {
				l := base(t, ObjectionAnswer, outcomeOverturned)
				l.ObjectionNumber, l.ObjectionReceivedAt, l.ObjectionOutcome, l.ObjectionAnswer = "", time.Time{}, "", ""
				return l
			},
			want: []string{"ObjectionNumber", "ObjectionReceivedAt", "ObjectionOutcome", "ObjectionAnswer"},
		},
		{
			name: "upheld objection answer without dispute deadline",
			letter: func(t *testing.T) Letter {
				l := base(t, ObjectionAnswer, outcomeUpheld)
				l.DisputeDue = calendar.Date{}
				return l
			},
			want: []string{"DisputeDue"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.letter(t).Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			if !slices.Equal(ve.Missing, tt.want) {
				t.Errorf("Missing = %q, want %q", ve.Missing, tt.want)
			}
			if len(ve.Invalid) != 0 {
				t.Errorf("Invalid = %q, want none", ve.Invalid)
			}
			for _, f := range tt.want {
				if !strings.Contains(err.Error(), f) {
					t.Errorf("error %q does not name %s", err, f)
				}
			}
		})
	}
}

func TestValidateInvalid(t *testing.T) {
	tests := []struct {
		name   string
		letter func(t *testing.T) Letter
		want   string // the start of the only Invalid entry
	}{
		{"unknown kind", func(t *testing.T) Letter { l := base(t, Receipt, ""); l.Kind = "surat_cinta"; return l }, "Kind:"},
		{"unknown decision", func(t *testing.T) Letter { return base(t, Notice, "mungkin") }, "Decision:"},
		{"Pasal 17 has no letter k", func(t *testing.T) Letter {
			l := base(t, Refusal, "")
			l.ExemptionLetters = []string{"h", "k"}
			return l
		}, `ExemptionLetters: "k"`},
		{"Pasal 35(1) has no letter h", func(t *testing.T) Letter {
			l := base(t, ObjectionReceipt, "")
			l.ObjectionGrounds = []string{"h"}
			return l
		}, `ObjectionGrounds: "h"`},
		{"full grant that blacks out", func(t *testing.T) Letter {
			l := base(t, Notice, decisionGranted)
			l.Withheld = "NIK dihitamkan"
			return l
		}, "Withheld:"},
		{"extension that does not extend", func(t *testing.T) Letter {
			l := base(t, Extension, "")
			l.ExtendedDue = l.ResponseDue
			return l
		}, "ExtendedDue:"},
		{"unknown objection outcome", func(t *testing.T) Letter { return base(t, ObjectionAnswer, "ditolak") }, "ObjectionOutcome:"},
		{"date that does not exist", func(t *testing.T) Letter {
			l := base(t, Receipt, "")
			l.Date = calendar.Date{Year: 2026, Month: time.February, Day: 30}
			return l
		}, "Date:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.letter(t).Validate()
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want *ValidationError", err)
			}
			if len(ve.Invalid) != 1 || !strings.HasPrefix(ve.Invalid[0], tt.want) {
				t.Errorf("Invalid = %q, want one entry starting %q", ve.Invalid, tt.want)
			}
			if len(ve.Missing) != 0 {
				t.Errorf("Missing = %q, want none", ve.Missing)
			}
		})
	}
}

func TestValidateOptional(t *testing.T) {
	tests := []struct {
		name   string
		letter func(t *testing.T) Letter
	}{
		{"not held, holder unknown after inquiry, with the reason (Pasal 22(7) b)", func(t *testing.T) Letter {
			l := base(t, Notice, decisionNotHeld)
			l.HoldingBody, l.HoldingUnknownReason = "", "Ditanyakan ke tiga dinas; tidak ada yang menguasai."
			return l
		}},
		{"overturned objection without dispute deadline", func(t *testing.T) Letter {
			return base(t, ObjectionAnswer, outcomeOverturned)
		}},
		{"letters in upper case and repeated", func(t *testing.T) Letter {
			l := base(t, Refusal, "")
			l.ExemptionLetters = []string{" H", "h", "I"}
			return l
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.letter(t).Validate(); err != nil {
				t.Fatalf("Validate() = %v, want nil", err)
			}
		})
	}
}

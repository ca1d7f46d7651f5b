// Package deadline computes the statutory clocks of UU 14/2008 on top of package calendar.
// It is pure: the caller supplies the calendar and the event time.
package deadline

// Rule is one statutory clock: how many working days, and the article that sets them.
type Rule struct {
	Name    string // stable identifier for storage and APIs
	Label   string // Indonesian, shown to users
	Days    int    // working days
	Article string // legal source, cited in explanations
}

// The clocks of DESIGN §2.
var (
	// UU 14/2008 Pasal 22(7): written notice within 10 working days of receiving the request.
	Response = Rule{Name: "response", Label: "Pemberitahuan tertulis", Days: 10, Article: "UU 14/2008 Pasal 22(7)"}
	// UU 14/2008 Pasal 22(8): one extension of at most 7 further working days, with written reasons.
	Extension = Rule{Name: "extension", Label: "Perpanjangan", Days: 7, Article: "UU 14/2008 Pasal 22(8)"}
	// UU 14/2008 Pasal 36(1): an objection is filed within 30 working days after its ground arose.
	ObjectionWindow = Rule{Name: "objection_window", Label: "Batas pengajuan keberatan", Days: 30, Article: "UU 14/2008 Pasal 36(1)"}
	// UU 14/2008 Pasal 36(2): the atasan PPID responds within 30 working days of the written objection.
	ObjectionResponse = Rule{Name: "objection_response", Label: "Tanggapan atasan PPID", Days: 30, Article: "UU 14/2008 Pasal 36(2)"}
	// UU 14/2008 Pasal 37(2); Perki 1/2013: the dispute reaches the KI within 14 working days.
	DisputeFiling = Rule{Name: "dispute_filing", Label: "Batas pengajuan sengketa ke Komisi Informasi", Days: 14, Article: "UU 14/2008 Pasal 37(2); Perki 1/2013"}
	// UU 14/2008 Pasal 38(1): the KI starts mediation or adjudication within 14 working days.
	KIStart = Rule{Name: "ki_start", Label: "Dimulainya penyelesaian sengketa oleh Komisi Informasi", Days: 14, Article: "UU 14/2008 Pasal 38(1)"}
	// UU 14/2008 Pasal 38(2): the KI settles the dispute within 100 working days.
	KIFinish = Rule{Name: "ki_finish", Label: "Penyelesaian sengketa oleh Komisi Informasi", Days: 100, Article: "UU 14/2008 Pasal 38(2)"}
	// UU 14/2008 Pasal 47–48: a court suit is filed within 14 working days of receiving the KI ruling.
	CourtSuit = Rule{Name: "court_suit", Label: "Batas pengajuan gugatan ke pengadilan", Days: 14, Article: "UU 14/2008 Pasal 47–48"}
)

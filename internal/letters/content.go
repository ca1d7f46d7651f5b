package letters

import (
	"strconv"
	"strings"

	"github.com/terbuka-id/terbuka/internal/calendar"
)

// document is a letter's content, independent of the output format, so the PDF and the
// HTML cannot say different things.
type document struct {
	Kind       Kind
	Title      string
	Number     string
	OfficeName string
	HeadLines  []string // address and letterhead lines under the office name
	Blocks     []block
	PlaceDate  string // "Jakarta, 27 November 2026"
	Position   string
	SignerName string
}

// blockKind names a block; the values double as the HTML template's switch.
type blockKind string

const (
	blockParagraph blockKind = "p"
	blockStrong    blockKind = "strong" // the decision itself, set apart
	blockHeading   blockKind = "h"
	blockFields    blockKind = "dl" // label/value table
	blockList      blockKind = "ul" // lettered items (Pasal 17, Pasal 35(1))
)

type block struct {
	Kind   blockKind
	Text   string
	Fields []field
	Items  []item
}

type field struct{ Label, Value string }

type item struct{ Marker, Text string }

// builder appends blocks; empty optional values are dropped so no letter shows a blank row.
type builder struct{ blocks []block }

func (b *builder) p(text string) { b.add(block{Kind: blockParagraph, Text: text}) }

func (b *builder) strong(text string) { b.add(block{Kind: blockStrong, Text: text}) }

func (b *builder) h(text string) { b.add(block{Kind: blockHeading, Text: text}) }

func (b *builder) add(bl block) { b.blocks = append(b.blocks, bl) }

func (b *builder) fields(fs ...field) {
	kept := make([]field, 0, len(fs))
	for _, f := range fs {
		if f.Value != "" {
			kept = append(kept, f)
		}
	}
	if len(kept) > 0 {
		b.blocks = append(b.blocks, block{Kind: blockFields, Fields: kept})
	}
}

func (b *builder) list(items []item) {
	if len(items) > 0 {
		b.blocks = append(b.blocks, block{Kind: blockList, Items: items})
	}
}

const (
	lawFull = "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik (UU KIP)"
	closing = "Demikian disampaikan. Atas perhatian Saudara/i, kami ucapkan terima kasih."
)

// compose turns a validated letter into its content.
func compose(l Letter) document {
	l = cleanLetter(l)
	d := document{
		Kind:       l.Kind,
		Title:      l.Kind.Title(),
		Number:     l.Number,
		OfficeName: l.Office.Name,
		HeadLines:  nonEmptyLines(l.Office.Address + "\n" + l.Office.Letterhead),
		PlaceDate:  l.Office.City + ", " + calendar.FormatID(l.Date),
		Position:   l.Signer.Position,
		SignerName: l.Signer.Name,
	}
	var b builder
	switch l.Kind {
	case Receipt:
		receiptBody(&b, l)
	case Notice:
		noticeBody(&b, l)
	case Extension:
		extensionBody(&b, l)
	case Refusal:
		refusalBody(&b, l)
	case ObjectionReceipt:
		objectionReceiptBody(&b, l)
	case ObjectionAnswer:
		objectionAnswerBody(&b, l)
	}
	d.Blocks = b.blocks
	return d
}

func receiptBody(b *builder, l Letter) {
	b.p("Telah diterima permohonan informasi publik dengan data sebagai berikut:")
	b.fields(
		field{"Nomor pendaftaran", l.RegistrationNumber},
		field{"Waktu penerimaan", calendar.FormatTimeID(l.ReceivedAt)},
		field{"Nama pemohon", l.RequesterName},
		field{"Alamat pemohon", l.RequesterAddress},
		field{"Rincian informasi yang dimohon", l.Information},
		field{"Tujuan penggunaan informasi", l.Purpose},
		field{"Cara memperoleh informasi", l.ObtainMethod},
		field{"Cara mendapatkan salinan informasi", l.DeliveryMethod},
		field{accessibilityLabel, l.Accessibility},
	)
	b.p("Nomor pendaftaran tersebut merupakan tanda bukti penerimaan permohonan informasi publik " +
		"sebagaimana dimaksud dalam Pasal 22 ayat (4) " + lawFull + ". Mohon nomor pendaftaran ini " +
		"disimpan dan dicantumkan dalam setiap komunikasi mengenai permohonan ini.")
	b.p("Sesuai dengan Pasal 22 ayat (7) UU KIP, " + l.Office.Name + " wajib menyampaikan pemberitahuan " +
		"tertulis atas permohonan ini paling lambat 10 (sepuluh) hari kerja sejak permohonan diterima, yaitu " +
		"pada hari " + calendar.FormatIDLong(l.ResponseDue) + "." + shift(l.ResponseDueProvisional) + " Jangka waktu tersebut dapat diperpanjang " +
		"paling lambat 7 (tujuh) hari kerja berikutnya dengan memberikan alasan secara tertulis " +
		"(Pasal 22 ayat (8) UU KIP).")
	b.p("Apabila permohonan ini tidak ditanggapi dalam jangka waktu tersebut, Saudara/i dapat mengajukan " +
		"keberatan secara tertulis kepada " + OfficeRole(RoleAtasanFull, l.Office.Name) +
		" sebagaimana dimaksud dalam Pasal 35 ayat (1) huruf c UU KIP.")
}

// accessibilityLabel names the accessible forms the information is given in (Perki 1/2021 Pasal 24).
const accessibilityLabel = "Bentuk informasi yang mudah diakses (penyandang disabilitas)"

// requestFields are the rows that identify the request in the notice and the later letters.
func requestFields(l Letter) []field {
	return []field{
		{"Nomor pendaftaran", l.RegistrationNumber},
		{"Nama pemohon", l.RequesterName},
		{"Alamat pemohon", l.RequesterAddress},
		{"Rincian informasi yang dimohon", l.Information},
		{"Tujuan penggunaan informasi", l.Purpose},
	}
}

func noticeBody(b *builder, l Letter) {
	office := l.Office.Name
	b.p("Berdasarkan permohonan informasi publik yang diterima pada tanggal " + receivedDate(l) +
		" dengan nomor pendaftaran " + l.RegistrationNumber + ", bersama ini kami sampaikan pemberitahuan " +
		"tertulis sebagaimana dimaksud dalam Pasal 22 ayat (7) " + lawFull + " kepada Saudara/i:")
	b.fields(requestFields(l)...)
	b.h("Pemberitahuan")

	// Rows follow Pasal 22(7) a–g in order, adapted to the decision.
	switch l.Decision {
	case decisionGranted:
		b.strong("Informasi dapat diberikan seluruhnya.")
		b.fields(
			field{"Penguasaan informasi", "Informasi yang dimohon dikuasai oleh " + office + "."},
			field{"Keputusan", "Permohonan informasi diterima seluruhnya."},
			field{"Informasi yang diberikan", l.InformationGiven},
			field{"Bentuk informasi yang tersedia", l.Form},
			field{"Cara penyampaian informasi", l.DeliveryMethod},
			field{accessibilityLabel, l.Accessibility},
			field{"Waktu penyampaian", deliveryTime(l)},
		)
		costBreakdown(b, l)
	case decisionPartial:
		b.strong("Informasi dapat diberikan sebagian.")
		b.fields(
			field{"Penguasaan informasi", "Informasi yang dimohon dikuasai oleh " + office + "."},
			field{"Keputusan", "Permohonan informasi diterima sebagian. Sebagian informasi dikecualikan berdasarkan:\n" +
				exemptionLines(l.ExemptionLetters)},
			field{"Informasi yang diberikan", l.InformationGiven},
			field{"Informasi yang dihitamkan/dikaburkan dan alasannya", l.Withheld},
			field{"Bentuk informasi yang tersedia", l.Form},
			field{"Cara penyampaian informasi", l.DeliveryMethod},
			field{accessibilityLabel, l.Accessibility},
			field{"Waktu penyampaian", deliveryTime(l)},
		)
		costBreakdown(b, l)
		exemptionTerms(b, l)
		if l.LegalBasis != "" {
			consequenceTest(b, l)
		}
	case decisionRefused:
		b.strong("Informasi tidak dapat diberikan.")
		b.fields(
			field{"Penguasaan informasi", "Informasi yang dimohon dikuasai oleh " + office + "."},
			field{"Keputusan", "Permohonan informasi ditolak karena informasi yang dimohon merupakan informasi " +
				"yang dikecualikan berdasarkan:\n" + exemptionLines(l.ExemptionLetters)},
		)
		exemptionTerms(b, l)
		consequenceTest(b, l)
	case decisionNotHeld:
		// Pasal 22(7) b: name the holder, or say that it is not known after inquiry, and why.
		holder, next := l.HoldingBody, "Saudara/i dapat mengajukan permohonan kepada Badan Publik yang menguasai informasi tersebut."
		if holder == "" {
			holder = "Tidak diketahui setelah penelusuran oleh " + office + ". Alasan: " + l.HoldingUnknownReason
			next = "Badan Publik yang menguasai informasi tersebut tidak dapat kami sebutkan karena alasan di atas."
		}
		b.strong("Informasi tidak dapat diberikan karena tidak dikuasai oleh " + office + ".")
		b.fields(
			field{"Penguasaan informasi", "Informasi yang dimohon tidak berada di bawah penguasaan " + office + "."},
			field{"Badan Publik yang menguasai informasi", holder},
			field{"Keputusan", "Permohonan informasi tidak dapat dipenuhi oleh " + office + ". " + next},
		)
	case decisionUndocumented:
		b.strong("Informasi tidak dapat diberikan karena belum didokumentasikan.")
		b.fields(
			field{"Penguasaan informasi", "Informasi yang dimohon berada dalam kewenangan " + office +
				", tetapi belum didokumentasikan."},
			field{"Keputusan", "Permohonan informasi belum dapat dipenuhi karena informasi belum didokumentasikan."},
			field{"Jangka waktu penyediaan informasi", "Informasi akan disediakan paling lambat " + calendar.FormatIDLong(l.DocumentedBy) + "."},
			field{"Bentuk informasi yang tersedia", l.Form},
			field{"Cara penyampaian informasi", l.DeliveryMethod},
		)
		// Pasal 35(1) e: information not provided by the promised day is a ground of objection.
		b.p("Apabila sampai dengan tanggal tersebut informasi belum diberikan, Saudara/i dapat mengajukan keberatan " +
			"secara tertulis kepada " + OfficeRole(RoleAtasan, office) + " karena tidak dipenuhinya permintaan informasi, " +
			"sebagaimana dimaksud dalam Pasal 35 ayat (1) huruf e dan Pasal 36 ayat (1) UU KIP.")
	}
	objectionRight(b, l.Office.Name, l.Decision == decisionRefused)
	b.p(closing)
}

// costBreakdown itemises the cost of Pasal 22(7) g as the Perki 1/2021 notice form does:
// copies (pages × price), media, postage or courier, other, total, and how to pay.
func costBreakdown(b *builder, l Letter) {
	b.h("Rincian Biaya")
	if l.TotalCost == 0 {
		b.fields(
			field{"Jumlah biaya", "Rp 0 — tidak dipungut biaya. Salinan informasi dalam bentuk elektronik tidak dikenakan biaya."},
			field{"Keterangan", l.Cost},
		)
		return
	}
	copies := "—"
	if l.CopyPages > 0 {
		copies = strconv.Itoa(l.CopyPages) + " halaman × " + rupiah(l.PagePrice) + " = " + rupiah(int64(l.CopyPages)*l.PagePrice)
	}
	media := "—"
	if l.MediaLabel != "" {
		media = l.MediaLabel + ": " + rupiah(l.MediaPrice)
	}
	other := rupiah(l.OtherCost)
	if l.OtherNote != "" {
		other += " (" + l.OtherNote + ")"
	}
	b.fields(
		field{"Biaya penggandaan", copies},
		field{"Biaya media penyimpanan", media},
		field{"Biaya pengiriman (pos/kurir)", rupiah(l.Postage)},
		field{"Biaya lain-lain", other},
		field{"Jumlah biaya", rupiah(l.TotalCost)},
		field{"Cara pembayaran", l.Cost},
	)
	b.p("Informasi diserahkan setelah biaya tersebut dibayar. Salinan informasi dalam bentuk elektronik tidak dikenakan biaya.")
}

// rupiah writes an amount as Indonesians do: "Rp 12.500".
func rupiah(n int64) string {
	digits := strconv.FormatInt(n, 10)
	var out []byte
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, digits[i])
	}
	return "Rp " + string(out)
}

func extensionBody(b *builder, l Letter) {
	b.p("Sehubungan dengan permohonan informasi publik yang diterima pada tanggal " + receivedDate(l) +
		" dengan nomor pendaftaran " + l.RegistrationNumber + " atas nama Saudara/i:")
	b.fields(requestFields(l)[1:4]...)
	b.p("bersama ini kami beritahukan bahwa jangka waktu penyampaian pemberitahuan tertulis atas permohonan " +
		"tersebut diperpanjang paling lambat 7 (tujuh) hari kerja berikutnya sebagaimana dimaksud dalam " +
		"Pasal 22 ayat (8) " + lawFull + ", dengan rincian sebagai berikut:")
	b.fields(
		field{"Batas waktu semula", calendar.FormatIDLong(l.ResponseDue) + shiftLine(l.ResponseDueProvisional)},
		field{"Batas waktu setelah perpanjangan", calendar.FormatIDLong(l.ExtendedDue) + shiftLine(l.ExtendedDueProvisional)},
		field{"Alasan perpanjangan", l.ExtensionReason},
	)
	b.p("Apabila pemberitahuan tertulis tidak disampaikan sampai dengan batas waktu setelah perpanjangan, " +
		"Saudara/i dapat mengajukan keberatan secara tertulis kepada " + OfficeRole(RoleAtasanFull, l.Office.Name) +
		" sebagaimana dimaksud dalam Pasal 35 ayat (1) huruf c UU KIP.")
	b.p(closing)
}

func refusalBody(b *builder, l Letter) {
	b.p("Berdasarkan permohonan informasi publik yang diterima pada tanggal " + receivedDate(l) +
		" dengan data sebagai berikut:")
	b.fields(requestFields(l)...)
	b.p(OfficeRole(RolePPIDFull, l.Office.Name) + " memutuskan bahwa informasi " +
		"yang dimohon adalah informasi yang dikecualikan sebagaimana dimaksud dalam Pasal 17 " + lawFull +
		", yaitu:")
	b.list(exemptionItems(l.ExemptionLetters))
	exemptionTerms(b, l)
	consequenceTest(b, l)
	b.strong("Dengan demikian, PPID menyatakan bahwa permohonan informasi tersebut DITOLAK.")
	objectionRight(b, l.Office.Name, true)
	b.p("Demikian surat keputusan ini dibuat untuk dipergunakan sebagaimana mestinya.")
}

// exemptionTerms states what PP 61/2010 asks of an exemption decision beyond the test: the kind of
// information and how long it stays exempt (Pasal 20: a–f never permanent). The deciding PPID,
// place and date are the letter's signature.
func exemptionTerms(b *builder, l Letter) {
	period := "Tidak ditentukan batas waktunya (Pasal 17 huruf g–j UU KIP)."
	if !l.ExemptUntil.IsZero() {
		period = "Sampai dengan " + calendar.FormatIDLong(l.ExemptUntil) + " (Pasal 20 UU KIP dan PP Nomor 61 Tahun 2010)."
	}
	b.fields(
		field{"Jenis informasi yang dikecualikan", l.DIKSubject},
		field{"Jangka waktu pengecualian", period},
	)
}

// consequenceTest states the test the exemption rests on (Pasal 19, Pasal 2(4)).
func consequenceTest(b *builder, l Letter) {
	b.h("Uji Konsekuensi")
	b.p("Sebelum menyatakan informasi tersebut sebagai informasi yang dikecualikan, PPID telah melakukan " +
		"uji konsekuensi sebagaimana dimaksud dalam Pasal 19 UU KIP serta mempertimbangkan kepentingan publik " +
		"sebagaimana dimaksud dalam Pasal 2 ayat (4) UU KIP, dengan hasil sebagai berikut:")
	b.fields(
		field{"Dasar hukum pengecualian", l.LegalBasis},
		field{"Konsekuensi apabila informasi dibuka", l.Harm},
		field{"Pertimbangan kepentingan publik", l.PublicInterest},
	)
	b.p("Berdasarkan uji konsekuensi tersebut, menutup informasi dimaksud dapat melindungi kepentingan yang " +
		"lebih besar daripada membukanya.")
}

// objectionRight tells the requester how to object to the atasan PPID (Pasal 35(1), Pasal 36(1)).
func objectionRight(b *builder, office string, refused bool) {
	if refused {
		b.p("Apabila Saudara/i berkeberatan atas penolakan ini, Saudara/i dapat mengajukan keberatan secara " +
			"tertulis kepada " + OfficeRole(RoleAtasan, office) + " paling lambat 30 (tiga puluh) hari kerja sejak " +
			"diterimanya surat ini, sebagaimana dimaksud dalam Pasal 35 ayat (1) huruf a dan Pasal 36 ayat (1) UU KIP.")
		return
	}
	b.p("Apabila Saudara/i tidak puas atas tanggapan ini, Saudara/i dapat mengajukan keberatan secara tertulis " +
		"kepada " + OfficeRole(RoleAtasan, office) + " paling lambat 30 (tiga puluh) hari kerja sejak diterimanya surat " +
		"ini, sebagaimana dimaksud dalam Pasal 35 ayat (1) dan Pasal 36 ayat (1) UU KIP.")
}

func objectionReceiptBody(b *builder, l Letter) {
	b.p("Telah diterima keberatan atas permohonan informasi publik dengan data sebagai berikut:")
	b.fields(
		field{"Nomor registrasi keberatan", l.ObjectionNumber},
		field{"Waktu penerimaan keberatan", calendar.FormatTimeID(l.ObjectionReceivedAt)},
		field{"Nomor pendaftaran permohonan", l.RegistrationNumber},
		field{"Nama pemohon", l.RequesterName},
		field{"Alamat pemohon", l.RequesterAddress},
		field{"Rincian informasi yang dimohon", l.Information},
		field{"Tujuan penggunaan informasi", l.Purpose},
	)
	b.h("Alasan Pengajuan Keberatan")
	b.p("Alasan pengajuan keberatan sebagaimana dimaksud dalam Pasal 35 ayat (1) " + lawFull + ":")
	b.list(groundItems(l.ObjectionGrounds))
	b.fields(field{"Kasus posisi", l.ObjectionReasons})
	b.p("Sesuai dengan Pasal 36 ayat (2) UU KIP, " + OfficeRole(RoleAtasanFull, l.Office.Name) +
		" wajib memberikan tanggapan tertulis atas keberatan ini paling lambat 30 (tiga puluh) " +
		"hari kerja sejak keberatan diterima, yaitu pada hari " + calendar.FormatIDLong(l.ObjectionDue) + "." + shift(l.ObjectionDueProvisional))
	b.p("Apabila tanggapan tertulis tidak diberikan dalam jangka waktu tersebut, Saudara/i dapat mengajukan " +
		"permohonan penyelesaian sengketa informasi publik kepada Komisi Informasi paling lambat 14 (empat belas) " +
		"hari kerja sejak jangka waktu tersebut berakhir (Pasal 37 ayat (2) UU KIP dan Peraturan Komisi " +
		"Informasi Nomor 1 Tahun 2013).")
	b.p("Nomor registrasi keberatan ini merupakan tanda bukti penerimaan keberatan. Mohon nomor tersebut " +
		"dicantumkan dalam setiap komunikasi mengenai keberatan ini.")
}

func objectionAnswerBody(b *builder, l Letter) {
	b.p("Sehubungan dengan keberatan Saudara/i yang diterima pada tanggal " +
		calendar.FormatID(calendar.DateOf(l.ObjectionReceivedAt)) + " dengan nomor registrasi " +
		l.ObjectionNumber + " atas permohonan informasi publik nomor pendaftaran " + l.RegistrationNumber +
		", " + OfficeRole(RoleAtasanFull, l.Office.Name) + " memberikan " +
		"tanggapan sebagaimana dimaksud dalam Pasal 36 ayat (2) " + lawFull + " sebagai berikut:")
	b.fields(
		field{"Nama pemohon", l.RequesterName},
		field{"Alamat pemohon", l.RequesterAddress},
		field{"Rincian informasi yang dimohon", l.Information},
		field{"Alasan keberatan", groundLines(l.ObjectionGrounds)},
		field{"Kasus posisi", l.ObjectionReasons},
	)
	b.h("Tanggapan Atasan PPID")
	if l.ObjectionOutcome == outcomeUpheld {
		b.strong("Keputusan PPID atas permohonan tersebut DIKUATKAN.")
		b.p("Alasan tertulis sebagaimana dimaksud dalam Pasal 36 ayat (3) UU KIP:")
		b.p(l.ObjectionAnswer)
	} else {
		b.strong("Keputusan PPID atas permohonan tersebut DIBATALKAN.")
		b.p("Pertimbangan atasan PPID:")
		b.p(l.ObjectionAnswer)
		b.p(OfficeRole(RolePPID, l.Office.Name) + " akan menindaklanjuti permohonan Saudara/i sesuai dengan tanggapan ini.")
	}
	// Pasal 37(1)-(2): a requester not satisfied may take the dispute to the Komisi Informasi.
	due := ""
	if !l.DisputeDue.IsZero() {
		// Pasal 37(2) counts from receipt, which the letter cannot know: the date is for receipt on its own date.
		due = ", yaitu pada hari " + calendar.FormatIDLong(l.DisputeDue) + " bila tanggapan ini diterima pada tanggal surat ini"
	}
	b.p("Apabila Saudara/i tidak puas atas tanggapan ini, Saudara/i dapat mengajukan permohonan penyelesaian " +
		"sengketa informasi publik kepada Komisi Informasi paling lambat 14 (empat belas) hari kerja sejak " +
		"diterimanya tanggapan tertulis ini" + due + ", sebagaimana dimaksud dalam Pasal 37 ayat (2) UU KIP." + shift(disputeProvisional(l)))
	b.p(closing)
}

// deliveryTime is the notice's delivery time with the promised day, when the grant names one
// (Pasal 22(7); its passing undelivered is ground g of Pasal 35(1)).
func deliveryTime(l Letter) string {
	if l.DeliveryDue.IsZero() {
		return l.DeliveryTime
	}
	return l.DeliveryTime + "\nInformasi akan diserahkan paling lambat " + calendar.FormatIDLong(l.DeliveryDue) + "." +
		shiftLine(l.DeliveryDueProvisional)
}

// shift is the sentence after a provisional date in running text ("" when the date is final).
func shift(years []int) string {
	if len(years) == 0 {
		return ""
	}
	return " " + calendar.ShiftNotice(years)
}

// shiftLine is the same sentence on its own line under a date in a table.
func shiftLine(years []int) string {
	if len(years) == 0 {
		return ""
	}
	return "\n" + calendar.ShiftNotice(years)
}

// disputeProvisional is the dispute date's provisional years when the letter shows that date.
func disputeProvisional(l Letter) []int {
	if l.DisputeDue.IsZero() {
		return nil
	}
	return l.DisputeDueProvisional
}

func receivedDate(l Letter) string { return calendar.FormatID(calendar.DateOf(l.ReceivedAt)) }

func exemptionItems(letters []string) []item {
	var items []item
	for _, x := range normLetters(letters, Pasal17) {
		items = append(items, item{x + ".", Pasal17[x] + " (Pasal 17 huruf " + x + " UU KIP)"})
	}
	return items
}

func exemptionLines(letters []string) string {
	var lines []string
	for _, x := range normLetters(letters, Pasal17) {
		lines = append(lines, "Pasal 17 huruf "+x+" UU KIP, yaitu "+Pasal17[x])
	}
	return strings.Join(lines, ";\n")
}

func groundItems(grounds []string) []item {
	var items []item
	for _, x := range normLetters(grounds, Pasal35) {
		items = append(items, item{x + ".", Pasal35[x] + " (Pasal 35 ayat (1) huruf " + x + " UU KIP)"})
	}
	return items
}

func groundLines(grounds []string) string {
	var lines []string
	for _, x := range normLetters(grounds, Pasal35) {
		lines = append(lines, "Pasal 35 ayat (1) huruf "+x+" UU KIP, yaitu "+Pasal35[x])
	}
	return strings.Join(lines, ";\n")
}

// cleanLetter trims every text field and normalises line ends, so both renderers see the same text.
func cleanLetter(l Letter) Letter {
	for _, p := range []*string{
		&l.Number, &l.Office.Name, &l.Office.Address, &l.Office.Letterhead, &l.Office.City,
		&l.Signer.Name, &l.Signer.Position, &l.RegistrationNumber, &l.RequesterName, &l.RequesterAddress,
		&l.Information, &l.Purpose, &l.ObtainMethod, &l.DeliveryMethod, &l.Accessibility, &l.Decision, &l.InformationGiven,
		&l.Withheld, &l.LegalBasis, &l.Harm, &l.PublicInterest, &l.HoldingBody, &l.HoldingUnknownReason, &l.MediaLabel, &l.OtherNote, &l.DIKSubject, &l.Form, &l.Cost,
		&l.DeliveryTime, &l.ExtensionReason, &l.ObjectionNumber, &l.ObjectionReasons, &l.ObjectionOutcome,
		&l.ObjectionAnswer,
	} {
		*p = cleanText(*p)
	}
	return l
}

// cleanText normalises line ends, turns tabs and other control characters into spaces,
// trims each line's end and the whole text, and keeps at most one blank line in a row.
func cleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == '\u2028', r == '\u2029':
			return ' '
		}
		return r
	}, s)
	lines := strings.Split(s, "\n")
	out := lines[:0]
	blank := false
	for _, ln := range lines {
		ln = strings.TrimRight(ln, " ")
		if ln == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, ln)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, ln := range strings.Split(s, "\n") {
		if ln = strings.TrimSpace(ln); ln != "" {
			out = append(out, ln)
		}
	}
	return out
}

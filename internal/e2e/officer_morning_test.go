package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/terbuka-id/terbuka/internal/intake"
	"github.com/terbuka-id/terbuka/internal/request"
)

// An officer's morning in the browser: sign in, search the queue, take a case with the bulk
// assignment, filter "mine", export it, open the case, write an internal note, ask the
// requester a question, see it answered from the tracking page, and decide — with the notice's
// date and time already filled in with now.
func TestOfficersMorningInTheBrowser(t *testing.T) {
	browserPath := findBrowser(t)
	stopBy := time.Now().Add(90 * time.Second)
	// Monday 2 November 2026: two requests came in over the weekend and this morning.
	app := newApp(t, time.Date(2026, 11, 2, 8, 0, 0, 0, jakarta))
	addOfficer(t, app.Store, ppidEmail, "Dewi Lestari", "ppid", ppidPass)
	ctx := context.Background()
	submit := func(name, email, information string) intake.Receipt {
		t.Helper()
		r, errs, err := app.services.Intake.Submit(ctx, request.Submission{RequesterKind: "perorangan", Name: name, NIK: nik,
			Address: "Jl. Pahlawan No. 3, Kabupaten Contoh", Phone: "0812 1111 2222", Email: email, Occupation: "Guru",
			Information: information, Purpose: "Bahan diskusi komite sekolah", ObtainMethod: "softcopy", DeliveryMethod: "email"},
			intake.Origin{Channel: "web"})
		if err != nil {
			t.Fatalf("submit %s: %v %v", name, err, errs)
		}
		return r
	}
	rka := submit("Siti Aminah", "siti@contoh.id", "Salinan RKA Dinas Pendidikan tahun anggaran 2026")
	roads := submit("Budi Santoso", "budi@contoh.id", "Data panjang jalan kabupaten yang rusak berat")
	app.Clock.Set(time.Date(2026, 11, 2, 9, 30, 0, 0, jakarta))

	browser, browserOut := startBrowser(t, browserPath, stopBy)
	ppid := newTab(t, browser, app, "ppid", stopBy, browserOut)
	citizen := newTab(t, browser, app, "warga", stopBy, browserOut)

	// 1. Sign in; search the queue for the budget request.
	signIn(ppid, ppidEmail, ppidPass)
	ppid.do("search the queue", typeInto("#q", "RKA pendidikan"))
	ppid.submit(`form[action="/kantor"]`, 200)
	queue := ppid.text("table.queue tbody")
	if !strings.Contains(queue, rka.RegistrationNumber) || strings.Contains(queue, roads.RegistrationNumber) {
		ppid.fatalf("searching \"RKA pendidikan\" lists:\n%s", queue)
	}

	// 2. Take it: the bulk assignment, to oneself.
	self, err := chromedp.Run(ppid.ctx, chromedp.Evaluate[string](
		`[...document.querySelectorAll('#bulk-officer option')].find(o => o.textContent.trim() === 'Dewi Lestari').value`))
	if err != nil {
		ppid.fatalf("the bulk assignment does not offer Dewi Lestari: %v", err)
	}
	ppid.do("select the case and the officer",
		choose("id", strconv.FormatInt(rka.RequestID, 10)),
		step("choose the officer", chromedp.SetValue(chromedp.CSS("#bulk-officer"), self)),
	)
	ppid.submit(`form#bulk`, 200)
	if f := ppid.flash(); !strings.Contains(f, "1") {
		ppid.fatalf("flash after the bulk assignment: %q", f)
	}

	// 3. "Mine": only the case just taken; the filter stays in the address.
	ppid.open("/kantor?petugas=saya")
	mine := ppid.text("table.queue tbody")
	if !strings.Contains(mine, rka.RegistrationNumber) || strings.Contains(mine, roads.RegistrationNumber) || !strings.Contains(mine, "Dewi Lestari") {
		ppid.fatalf("\"mine\" lists:\n%s", mine)
	}

	// 4. Export what the filter shows, as the download link has it.
	csvURL := ppid.attr(`a[href^="/kantor/antrean.csv"]`, "href")
	if !strings.Contains(csvURL, "petugas=saya") {
		ppid.fatalf("the CSV link drops the filter: %s", csvURL)
	}
	var csv string
	csv, err = chromedp.Run(ppid.ctx, chromedp.Evaluate[string](`fetch(`+strconv.Quote(csvURL)+`, {credentials: 'same-origin'}).then(r => r.text())`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		ppid.fatalf("download %s: %v", csvURL, err)
	}
	if !strings.Contains(csv, rka.RegistrationNumber) || strings.Contains(csv, roads.RegistrationNumber) {
		ppid.fatalf("the CSV of \"mine\":\n%s", csv)
	}

	// 5. The case: an internal note, then a question to the requester.
	casePath := ppid.follow(chromedp.Search(`//table[contains(@class, "queue")]//a[normalize-space(.)="` + rka.RegistrationNumber + `"]`))
	ppid.do("write a note", openDetails("Tulis catatan internal"),
		typeInto(`textarea[name="note"]`, "Dokumen RKA ada di Bidang Anggaran; minta salinan ke Pak Joko."))
	ppid.submit(`form[action$="/catatan"]`, 200)
	ppid.expect("the note in the history", "Catatan internal", "minta salinan ke Pak Joko")
	ppid.do("ask the requester", openDetails("Minta klarifikasi kepada pemohon"),
		typeInto(`textarea[name="question"]`, "Apakah yang Anda maksud RKA murni atau RKA perubahan?"))
	ppid.submit(`form[action$="/klarifikasi"]`, 200)
	ppid.expect("the question asked", "RKA murni atau RKA perubahan", "tidak menghentikan jangka waktu")

	// 6. The requester answers from the tracking page; the note is not there.
	app.Clock.Set(time.Date(2026, 11, 2, 11, 0, 0, 0, jakarta))
	citizen.open("/lacak")
	citizen.do("track", typeInto("#nomor", rka.RegistrationNumber), typeInto("#kode", rka.TrackingCode))
	citizen.submit(`form[action="/lacak"]`, 200)
	citizen.expect("the question on the tracking page", "RKA murni atau RKA perubahan", "menunggu jawaban Anda")
	if strings.Contains(citizen.body(), "Pak Joko") {
		citizen.errorf("the tracking page shows the officers' internal note")
	}
	citizen.do("answer", typeInto(`textarea[name="answer"]`, "RKA murni tahun anggaran 2026."))
	citizen.submit(`form[action="/lacak/klarifikasi"]`, 200)
	citizen.expect("the answer shown", "RKA murni tahun anggaran 2026.", "sudah dijawab")

	// 7. Back on the case the answer is there; the decision form is filled with now.
	app.Clock.Set(time.Date(2026, 11, 2, 14, 5, 0, 0, jakarta))
	ppid.open(casePath)
	ppid.expect("the answer on the case", "RKA murni tahun anggaran 2026.")
	ppid.do("open the decision", openDetails("Berikan pemberitahuan tertulis"))
	if d, tm := ppid.value("#f-decide-notice_date"), ppid.value("#f-decide-notice_time"); d != "2026-11-02" || tm != "14:05" {
		ppid.fatalf("the notice is pre-filled with %q %q, want today, now", d, tm)
	}
	ppid.do("refuse in part of the law",
		choose("kind", "ditolak"),
		choose("exemption_letters", "h"),
		typeInto("#f-decide-legal_basis", "UU 14/2008 Pasal 17 huruf h"),
		typeInto("#f-decide-harm", "Lampiran RKA memuat data kesehatan pegawai."),
		typeInto("#f-decide-public_interest", "Kepentingan publik tidak lebih besar dari perlindungan data pribadi."),
		typeInto("#f-decide-dik_subject", "Data kesehatan pegawai dalam lampiran RKA"),
	)
	ppid.submit(`form[action$="/putuskan"]`, 200)
	if f := ppid.flash(); f != "Pemberitahuan tertulis tercatat." {
		ppid.fatalf("flash after deciding today: %q", f)
	}

	for _, b := range []*tab{ppid, citizen} {
		if errs := b.consoleErrors(); len(errs) > 0 {
			t.Errorf("%s: the browser reported errors:\n%s", b.name, strings.Join(errs, "\n"))
		}
	}
	if logs := app.Logs.String(); strings.Contains(logs, "level=ERROR") {
		t.Errorf("the server logged errors:\n%s", logs)
	}
}

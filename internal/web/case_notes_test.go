package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/testdb"
)

// Internal notes are written by the case's officers, shown in the history with author and time,
// and never reach the requester: not the tracking page, not the tracking API, not the register.
func TestInternalNotesNeverReachTheRequester(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	const secret = "Pemohon menelepon, nada marah; kontak pribadi 0812-9999-0000"

	st, _, page := ppid.post(path+"/catatan", url.Values{"note": {"   "}})
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "note") {
		t.Errorf("empty note: %d, fields %v", st, fieldErrors(page))
	}
	if st, kind, _ := ppid.postStep(path+"/catatan", url.Values{"note": {secret}}); st != http.StatusSeeOther || kind != flashDone {
		t.Fatalf("note: %d %q", st, kind)
	}
	page = ppid.get(path)
	history := timelineOf(page)
	if !strings.Contains(history, secret) || !strings.Contains(history, "Catatan internal — tidak terlihat oleh pemohon") ||
		!regexp.MustCompile(`2 November 2026 09:00 WIB</time> <strong>Catatan internal[^<]*</strong> oleh Petugas ppid`).MatchString(history) {
		t.Errorf("case history lacks the note with its author and time: %s", history)
	}
	if kinds := eventKinds(t, app, path, true); slices.Contains(kinds, "note") {
		t.Errorf("the note is public: %v", kinds)
	}

	citizen := newClient(t)
	if page := trackAs(t, app, citizen, number, code); strings.Contains(page, secret) || strings.Contains(page, "Catatan internal") {
		t.Error("the tracking page shows the internal note")
	}
	resp, err := http.Get(app.URL + "/api/v1/requests/" + number + "?code=" + url.QueryEscape(code))
	if err != nil {
		t.Fatal(err)
	}
	if body := readBody(t, resp); resp.StatusCode != http.StatusOK || strings.Contains(body, "0812-9999-0000") || strings.Contains(body, `"note"`) && strings.Contains(body, "marah") {
		t.Errorf("the tracking API shows the internal note: %d", resp.StatusCode)
	}
	for _, public := range []string{"/register", "/register.csv"} {
		resp, err := http.Get(app.URL + public)
		if err != nil {
			t.Fatal(err)
		}
		if body := readBody(t, resp); strings.Contains(body, "marah") {
			t.Errorf("%s shows the internal note", public)
		}
	}
}

// recordedAnswers is a ClarificationNotifier that keeps what it heard.
type recordedAnswers struct {
	mu    sync.Mutex
	heard [][2]int64
}

func (r *recordedAnswers) ClarificationAnswered(_ context.Context, caseID, clarificationID int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.heard = append(r.heard, [2]int64{caseID, clarificationID})
}

// answerClarification posts the requester's answer from the tracking page as the browser does.
func answerClarification(t *testing.T, app *testApp, c *http.Client, answer, filename string, content []byte) (int, string) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("answer", answer)
	fw, _ := w.CreateFormFile("file", filename)
	fw.Write(content)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, app.URL+"/lacak/klarifikasi", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page := readBody(t, resp)
	if resp.StatusCode == http.StatusSeeOther {
		r2, err := c.Get(app.URL + resp.Header.Get("Location"))
		if err != nil {
			t.Fatal(err)
		}
		page = readBody(t, r2)
	}
	return resp.StatusCode, page
}

const clarificationLaw = "Permintaan klarifikasi tidak menghentikan jangka waktu yang ditetapkan UU 14/2008 Pasal 22."

// An officer asks, the requester is e-mailed and answers from the tracking page with a file; the
// exchange is on both pages and in the history, and the notifier hears of the answer.
func TestClarificationAskedMailedAndAnswered(t *testing.T) {
	t.Parallel()
	app, a := startApp(t, testdb.Store(t), time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta), nil)
	heard := &recordedAnswers{}
	a.Casework.Clarifications = heard
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	path, number, code := submitViaAPI(t, app)
	const question = "Tahun anggaran mana yang Anda maksud: 2025 atau 2026?"

	if st, _, page := ppid.post(path+"/klarifikasi", url.Values{"question": {""}}); st != http.StatusUnprocessableEntity || !hasFieldError(page, "question") {
		t.Errorf("empty question: %d", st)
	}
	st, flash, page := ppid.post(path+"/klarifikasi", url.Values{"question": {question}})
	if st != http.StatusSeeOther || !strings.Contains(flash, "e-mail pemohon") {
		t.Fatalf("ask: %d %q", st, flash)
	}
	if !strings.Contains(page, question) || !strings.Contains(page, "menunggu jawaban") || !strings.Contains(page, clarificationLaw) {
		t.Error("case page lacks the open question or the clock's sentence")
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'clarification_requested' AND recipient = 'siti@contoh.id'
		AND data->>'note' = $1`, question); n != 1 {
		t.Errorf("%d clarification mails to the requester", n)
	}
	if _, kind, _ := ppid.postStep(path+"/klarifikasi", url.Values{"question": {"Pertanyaan kedua?"}}); kind != flashRefused {
		t.Errorf("a second question while one is open: %q", kind)
	}

	citizen := newClient(t)
	page = trackAs(t, app, citizen, number, code)
	if !strings.Contains(page, question) || !strings.Contains(page, clarificationLaw) || !strings.Contains(page, `action="/lacak/klarifikasi"`) {
		t.Fatal("the tracking page lacks the question, the clock's sentence or the answer form")
	}
	// A file the upload checks refuse comes back on its field, keeping the answer typed.
	st, page = answerClarification(t, app, citizen, "Tahun 2026.", "program.exe", []byte("MZ\x90\x00 not a document"))
	if st != http.StatusUnprocessableEntity || !hasFieldError(page, "file") || !strings.Contains(page, ">Tahun 2026.</textarea>") {
		t.Errorf("refused file: %d, fields %v", st, fieldErrors(page))
	}
	if st, page = answerClarification(t, app, citizen, "", "rka.pdf", minimalPDF); st != http.StatusUnprocessableEntity || !hasFieldError(page, "answer") {
		t.Errorf("empty answer: %d", st)
	}
	st, page = answerClarification(t, app, citizen, "Tahun anggaran 2026, Dinas Pendidikan.", "rka 2026.pdf", minimalPDF)
	if st != http.StatusSeeOther || !strings.Contains(page, "Tahun anggaran 2026, Dinas Pendidikan.") || !strings.Contains(page, "sudah dijawab") ||
		strings.Contains(page, `action="/lacak/klarifikasi"`) {
		t.Fatalf("answer: %d", st)
	}
	if st, _ := answerClarification(t, app, citizen, "Sekali lagi.", "", nil); st != http.StatusConflict {
		t.Errorf("answer without an open question: %d", st)
	}

	page = ppid.get(path)
	link := regexp.MustCompile(`href="(` + regexp.QuoteMeta(path) + `/dokumen/\d+)">rka 2026.pdf<`).FindStringSubmatch(page)
	if !strings.Contains(page, "Tahun anggaran 2026, Dinas Pendidikan.") || link == nil {
		t.Fatal("case page lacks the answer or its file")
	}
	if resp, err := ppid.c.Get(app.URL + link[1]); err != nil || readBody(t, resp) != string(minimalPDF) {
		t.Error("the answer's file cannot be downloaded by the officer")
	}
	if n := count(t, app, `SELECT count(*) FROM documents WHERE kind = 'clarification' AND visibility = 'internal'`); n != 1 {
		t.Errorf("%d stored answer files, want 1 internal", n)
	}
	kinds := eventKinds(t, app, path, true)
	if !slices.Contains(kinds, "clarification_requested") || !slices.Contains(kinds, "clarification_answered") {
		t.Errorf("public history: %v", kinds)
	}
	resp, _ := http.Get(app.URL + "/api/v1/requests/" + number + "?code=" + url.QueryEscape(code))
	if body := readBody(t, resp); !strings.Contains(body, question) || !strings.Contains(body, "Tahun anggaran 2026") {
		t.Error("the tracking API's history lacks the exchange")
	}
	heard.mu.Lock()
	defer heard.mu.Unlock()
	if len(heard.heard) != 1 || heard.heard[0][0] != caseIDOf(path) {
		t.Errorf("notifier heard %v", heard.heard)
	}
}

// Without an e-mail address the officer is told to reach the requester another way; the
// question still shows on the tracking page.
func TestClarificationForARequesterWithoutEmail(t *testing.T) {
	t.Parallel()
	app := newApp(t, time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta))
	ppid := signIn(t, app, "ppid@uji.test", "ppid", "rahasia-ppid")
	body := validJSON()
	delete(body["requester"].(map[string]any), "email")
	body["delivery_method"] = "ambil_langsung"
	resp, out := postJSON(t, app.URL+"/api/v1/requests", body)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("submit: %d %v", resp.StatusCode, out)
	}
	number, code := out["registration_number"].(string), out["tracking_code"].(string)
	var id string
	app.Store.DB().Get(&id, `SELECT id::text FROM requests WHERE registration_number = $1`, number)
	path := "/kantor/permohonan/" + id

	if page := ppid.get(path); !strings.Contains(page, "Pemohon tidak mencantumkan e-mail") {
		t.Error("the form does not say the requester has no e-mail")
	}
	st, flash, _ := ppid.post(path+"/klarifikasi", url.Values{"question": {"Dokumen untuk sekolah yang mana?"}})
	if st != http.StatusSeeOther || !strings.Contains(flash, "hubungi pemohon melalui telepon atau surat") {
		t.Errorf("ask without e-mail: %d %q", st, flash)
	}
	if n := count(t, app, `SELECT count(*) FROM outbox WHERE template = 'clarification_requested'`); n != 0 {
		t.Errorf("%d mails queued without an address", n)
	}
	if page := trackAs(t, app, newClient(t), number, code); !strings.Contains(page, "Dokumen untuk sekolah yang mana?") {
		t.Error("the tracking page lacks the question")
	}
}

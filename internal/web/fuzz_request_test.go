package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// submissionFields are the field keys Submission.Validate may name, as the API spells them.
var submissionFields = []string{"requester.kind", "requester.name", "requester.nik", "requester.entity_sk_number",
	"requester.address", "requester.phone", "requester.email", "requester.occupation", "information", "purpose",
	"obtain_method", "delivery_method"}

// FuzzSubmitRequestBody: whatever body reaches POST /api/v1/requests, the decoder and the
// validation behind it return without panicking; a refusal is a 400, 413 or 422 with an
// Indonesian message in valid UTF-8 and field errors keyed by field; and a body they accept
// carries only text PostgreSQL stores (valid UTF-8, no NUL), so it cannot end in a 500.
func FuzzSubmitRequestBody(f *testing.F) {
	valid := map[string]any{
		"requester": map[string]any{"kind": "perorangan", "name": "Siti Aminah", "nik": "3273014507900003",
			"address": "Jl. Cihampelas No. 12, Bandung", "phone": "0812 2233 4455", "email": "siti@contoh.id", "occupation": "Guru"},
		"information": "Salinan RKA Dinas Pendidikan tahun 2026", "purpose": "Diskusi komite sekolah",
		"obtain_method": "softcopy", "delivery_method": "email", "publish_consent": true,
	}
	b, _ := json.Marshal(valid)
	f.Add(b)
	for _, seed := range []string{
		`{"requester":{"kind":"badan_hukum","name":"PT Maju","entity_sk_number":"AHU-0001.AH.01.01","address":"Jl. A 1",` +
			`"phone":"+62 22 1234567","occupation":"Swasta"},"information":"Daftar izin usaha 2026","purpose":"Riset",` +
			`"obtain_method":"hardcopy","delivery_method":"ambil_langsung"}`,
		`{"requester":{"name":"Budi\u0000","nik":"3273019999900003","email":"bukan-email"},"information":"x"}`,
		`{"publish_consent":"ya"}`, `{"publish_concent":true}`, `{"requester":[]}`, `{} {}`, `[1,2]`, `{"requester": `,
		`{"information":"` + strings.Repeat("a", 6000) + `"}`, "{\"purpose\":\"\xff\xfe\"}", `null`, ``,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in submitJSON
		status, msg, fields := decodeJSON(bytes.NewReader(body), &in)
		if status != 0 {
			if !slices.Contains([]int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity}, status) {
				t.Fatalf("status %d for %q", status, body)
			}
			if msg == "" || !utf8.ValidString(msg) || strings.Contains(msg, "json:") {
				t.Fatalf("message %q for %q", msg, body)
			}
			for k, v := range fields { // k may be "": an unknown field the client named ""
				if !utf8.ValidString(k) || v == "" || !utf8.ValidString(v) || strings.Contains(v, "json:") {
					t.Fatalf("field error %q: %q for %q", k, v, body)
				}
			}
			return
		}
		sub := in.submission()
		sub.Normalize()
		errs := sub.Validate()
		for k, v := range errs {
			if !slices.Contains(submissionFields, k) {
				t.Fatalf("field error on unknown key %q", k)
			}
			if v == "" || !utf8.ValidString(v) || !strings.HasSuffix(v, ".") {
				t.Fatalf("field %s: message %q", k, v)
			}
		}
		if errs != nil {
			return
		}
		for _, v := range []string{sub.RequesterKind, sub.Name, sub.NIK, sub.EntitySKNumber, sub.Address, sub.Phone, sub.Email,
			sub.Occupation, sub.Information, sub.Purpose, sub.ObtainMethod, sub.DeliveryMethod} {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				t.Fatalf("accepted text PostgreSQL refuses: %q in %q", v, body)
			}
		}
	})
}

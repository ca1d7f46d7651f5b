package deadline

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/calendar/caltest"
)

// TestProvisionalClocks: each clock is provisional exactly when its chain from receipt reaches a
// year without SKB (2027 here), and the objection windows run 30 working days from the due day.
func TestProvisionalClocks(t *testing.T) {
	tests := []struct {
		name                    string
		at                      time.Time
		respDue, extDue         calendar.Date
		objResp, objExt         calendar.Date
		respProv, extProv       bool
		objRespProv, objExtProv bool
		provisionalSkipped      []calendar.Date
		startNote               string
	}{
		// All in 2026 but the window after the extension: response Mon 16 Nov, extension Wed 25 Nov;
		// objection 30 WD from 16 Nov (24, 25 Dec skipped) Wed 30 Dec 2026; from 25 Nov it crosses
		// 1 Jan 2027 (provisional) to Mon 11 Jan 2027.
		{"all 2026", at(2026, 11, 2, 10, 0), day(2026, 11, 16), day(2026, 11, 25), day(2026, 12, 30), day(2027, 1, 11),
			false, false, false, true, nil, ""},
		// Year boundary: D0 Mon 28 Dec 2026, 1 Jan 2027 provisional: response Tue 12 Jan, extension Thu 21 Jan 2027;
		// six weeks on from each: Tue 23 Feb, Thu 4 Mar (no 2027 holiday known in between).
		{"received 28 Dec 2026", at(2026, 12, 28, 10, 0), day(2027, 1, 12), day(2027, 1, 21), day(2027, 2, 23), day(2027, 3, 4),
			true, true, true, true, []calendar.Date{day(2027, 1, 1)}, ""},
		// After hours on Thu 31 Dec 2026: Fri 1 Jan provisional, weekend, D0 Mon 4 Jan 2027; response Mon 18 Jan,
		// extension Wed 27 Jan; six weeks on: Mon 1 Mar, Wed 10 Mar.
		{"after hours on 31 Dec 2026", at(2026, 12, 31, 17, 0), day(2027, 1, 18), day(2027, 1, 27), day(2027, 3, 1), day(2027, 3, 10),
			true, true, true, true, nil, "diterima setelah jam layanan (16:00)"},
	}
	cal := newCal(true)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := ForRequest(cal, tt.at)
			if rc.ResponseDue != tt.respDue || rc.ExtendedDue != tt.extDue ||
				rc.ObjectionIfUnanswered.Due != tt.objResp || rc.ObjectionIfExtendedUnanswered.Due != tt.objExt {
				t.Errorf("due %v %v, objection %v %v; want %v %v, %v %v", rc.ResponseDue, rc.ExtendedDue,
					rc.ObjectionIfUnanswered.Due, rc.ObjectionIfExtendedUnanswered.Due, tt.respDue, tt.extDue, tt.objResp, tt.objExt)
			}
			// UU 14/2008 Pasal 35(1)c, 36(1): D0 of the objection window is the due day itself.
			if rc.ObjectionIfUnanswered.CountingFrom != rc.ResponseDue || rc.ObjectionIfExtendedUnanswered.CountingFrom != rc.ExtendedDue ||
				rc.ObjectionIfUnanswered.Rule != ObjectionWindow {
				t.Errorf("objection windows start %v, %v", rc.ObjectionIfUnanswered.CountingFrom, rc.ObjectionIfExtendedUnanswered.CountingFrom)
			}
			got := []bool{rc.Response.Provisional(), rc.Extended.Provisional(), rc.ObjectionIfUnanswered.Provisional(), rc.ObjectionIfExtendedUnanswered.Provisional()}
			if want := []bool{tt.respProv, tt.extProv, tt.objRespProv, tt.objExtProv}; !slices.Equal(got, want) {
				t.Errorf("provisional = %v, want %v", got, want)
			}
			var prov []calendar.Date
			for _, s := range rc.Skipped {
				if s.Provisional {
					prov = append(prov, s.Date)
				}
			}
			if !slices.Equal(prov, tt.provisionalSkipped) {
				t.Errorf("provisional skipped = %v, want %v", prov, tt.provisionalSkipped)
			}
			if tt.startNote != "" && !slices.Equal(rc.Response.StartNotes, []string{tt.startNote}) {
				t.Errorf("start notes %q", rc.Response.StartNotes)
			}
			// A provisional clock says so in its explanation, naming the year; a final one does not.
			const notice = "Tanggal ini dapat bergeser setelah SKB hari libur tahun 2027 ditetapkan."
			if e := rc.Response.Explain(); strings.Contains(e, notice) != tt.respProv {
				t.Errorf("response explanation:\n%s", e)
			}
		})
	}
}

func TestProvisionalEndsWithTheSKB(t *testing.T) {
	// With a 2027 SKB loaded (here only New Year's Day), nothing is provisional any more.
	skb := append(caltest.Holidays(), calendar.Holiday{Date: day(2027, 1, 1), Name: "Tahun Baru 2027 Masehi", Kind: calendar.National})
	cal := calendar.New(skb, append(caltest.Years(), 2027), calendar.Options{CutiBersamaIsHoliday: true})
	rc := ForRequest(cal, at(2026, 12, 28, 10, 0))
	if rc.ResponseDue != day(2027, 1, 12) || rc.Response.Provisional() || rc.Extended.Provisional() ||
		rc.ObjectionIfExtendedUnanswered.Provisional() || rc.Warnings != nil {
		t.Errorf("loaded 2027: %+v", rc)
	}
	if strings.Contains(rc.Response.Explain(), "sementara") {
		t.Errorf("explanation still provisional:\n%s", rc.Response.Explain())
	}
}

func TestSummaryProvisionalJSON(t *testing.T) {
	raw, err := json.Marshal(ForRequest(newCal(true), at(2026, 11, 2, 10, 0)).Summary())
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		ObjResp string `json:"objection_until_if_unanswered"`
		ObjExt  string `json:"objection_until_if_extended_unanswered"`
		Skipped []map[string]any
		Rules   []struct {
			Name        string
			Due         string
			Provisional *bool
		}
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.ObjResp != "2026-12-30" || got.ObjExt != "2027-01-11" {
		t.Errorf("objection dates %q %q", got.ObjResp, got.ObjExt)
	}
	want := []struct {
		name, due string
		prov      bool
	}{
		{"response", "2026-11-16", false},
		{"extension", "2026-11-25", false},
		{"objection_if_unanswered", "2026-12-30", false},
		{"objection_if_extended_unanswered", "2027-01-11", true},
	}
	if len(got.Rules) != len(want) {
		t.Fatalf("rules %s", raw)
	}
	for i, w := range want {
		r := got.Rules[i]
		if r.Name != w.name || r.Due != w.due || r.Provisional == nil || *r.Provisional != w.prov {
			t.Errorf("rule %d = %+v, want %+v", i, r, w)
		}
	}
	// A skipped day from an SKB carries no provisional key at all.
	for _, s := range got.Skipped {
		if _, ok := s["provisional"]; ok {
			t.Errorf("skipped %v marked provisional", s)
		}
	}
	raw, _ = json.Marshal(ForRequest(newCal(true), at(2026, 12, 28, 10, 0)).Summary())
	if !strings.Contains(string(raw), `{"date":"2027-01-01","name":"Tahun Baru 2027 Masehi","provisional":true}`) {
		t.Errorf("provisional skipped day missing: %s", raw)
	}
}

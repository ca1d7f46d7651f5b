package web_test

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
	"github.com/terbuka-id/terbuka/internal/testsupport"
)

// With database.read_url the public portal reads from the streaming replica and the office from
// the primary: while the replica's replay is paused, a document just published is on the
// office's pages and not yet on the portal's. When the replica stops, the portal's pages keep
// answering from the primary, with a warning in the log.
func TestPortalReadsFromTheReplicaAndFallsBackToThePrimary(t *testing.T) {
	ctx := context.Background()
	primaryURL, replicaURL, replica := testdb.Replicated(t)
	st, err := store.Open(ctx, primaryURL, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	logs := &testsupport.LogBuffer{}
	portal, err := store.OpenReader(ctx, replicaURL, primaryURL, 4, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer portal.Close()
	app, _ := startAppReading(t, st, portal, time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), nil)

	replicaAdmin, err := sql.Open("postgres", replicaURL)
	if err != nil {
		t.Fatal(err)
	}
	defer replicaAdmin.Close()
	if _, err := replicaAdmin.Exec(`SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}

	ppid := newPublisher(t, app, "ppid@uji.id", "ppid")
	fields := ppid.cleanFields()
	fields["title"] = "Rencana Strategis Dinas Perhubungan 2027"
	status, location, body := ppid.draft(fields, "renstra.txt", []byte("Rencana strategis dinas perhubungan untuk tahun 2027."))
	if status != http.StatusSeeOther {
		t.Fatalf("draft: %d %s", status, body)
	}
	id := publicationID(t, location)
	if status, body := ppid.post("/kantor/publikasi/" + id + "/terbitkan"); status != http.StatusSeeOther {
		t.Fatalf("publish: %d %s", status, body)
	}
	doc := publicURL(t, app, id)
	if office := ppid.page("/kantor/publikasi"); !strings.Contains(office, "Rencana Strategis Dinas Perhubungan 2027") {
		t.Fatal("the office's list (primary) lacks the document just published")
	}
	search := "/dokumen?q=perhubungan"
	if _, page := get(t, app.URL+search); strings.Contains(page, "Rencana Strategis Dinas Perhubungan") {
		t.Fatal("the portal found the document while the replica's replay was paused: it does not read from the replica")
	}
	if resp, _ := get(t, app.URL+doc); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusMovedPermanently {
		t.Errorf("document page on the paused replica: %d, want 404 (not replayed yet)", resp.StatusCode)
	}

	if _, err := replicaAdmin.Exec(`SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatal(err)
	}
	testdb.WaitForReplay(t, primaryURL, replicaURL)
	if _, page := get(t, app.URL+search); !strings.Contains(page, "Rencana Strategis Dinas Perhubungan 2027") {
		t.Fatal("the portal does not find the document once the replica has replayed it")
	}

	replicaAdmin.Close()
	if err := replica.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{search, doc, "/", "/dokumen", "/dip", "/dik", "/register", "/statistik", "/api/v1/documents?q=perhubungan"} {
		resp, page := get(t, app.URL+path)
		if resp.StatusCode == http.StatusMovedPermanently {
			resp, page = get(t, app.URL+resp.Header.Get("Location"))
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s with the replica down: %d\n%s", path, resp.StatusCode, page[:min(len(page), 300)])
		}
		if path == search && !strings.Contains(page, "Rencana Strategis Dinas Perhubungan 2027") {
			t.Errorf("search with the replica down lacks the document")
		}
	}
	if !strings.Contains(logs.String(), "replica unreachable") {
		t.Errorf("no warning that the replica is down; log:\n%s", logs.String())
	}
	if n := strings.Count(logs.String(), "replica unreachable"); n > 2 {
		t.Errorf("the warning was logged %d times for one outage", n)
	}
}

package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A server killed with SIGKILL in the middle of a burst of submissions loses none it answered
// 201: group commit answers only after the batch's commit. And the register stays gapless
// (UU 14/2008 Pasal 22(4)): a batch cut by the kill took no number.
func TestAcknowledgedIntakesSurviveKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills the server")
	}
	dbURL := testdb.URL(t)
	bin := filepath.Join(t.TempDir(), "terbuka")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	addr, err := benchkit.FreeAddr()
	if err != nil {
		t.Fatal(err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	config, _ := filepath.Abs("../../config.yaml")
	app, err := benchkit.StartProcess(context.Background(), bin, benchkit.ProcessOptions{
		Args: []string{"-config", config, "serve"}, Addr: addr,
		Env: append(benchkit.QuietEnv(), "TERBUKA_DATABASE_URL="+dbURL,
			"TERBUKA_SECURITY_DATA_KEY="+base64.StdEncoding.EncodeToString(key), "TERBUKA_JOBS_ENABLED=false"),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Kill()

	const clients, killAfter = 16, 300
	var acked sync.Map // registration number → true, for every 201
	var count atomic.Int64
	var wg sync.WaitGroup
	killed := make(chan struct{})
	go func() {
		for count.Load() < killAfter {
			time.Sleep(time.Millisecond)
		}
		app.Kill()
		close(killed)
	}()
	client := &http.Client{Timeout: 10 * time.Second}
	for c := range clients {
		wg.Go(func() {
			for i := 0; ; i++ {
				body, _ := json.Marshal(map[string]any{
					"requester": map[string]any{"kind": "perorangan", "name": fmt.Sprintf("Pemohon %d-%d", c, i),
						"nik": "3273014507900003", "address": "Jl. Merdeka 10", "phone": "081234567890",
						"email": fmt.Sprintf("p%d@contoh.id", c), "occupation": "Guru"},
					"information": "Salinan anggaran dinas pendidikan 2026", "purpose": "Penelitian",
					"obtain_method": "softcopy", "delivery_method": "email",
				})
				resp, err := client.Post(app.BaseURL+"/api/v1/requests", "application/json", bytes.NewReader(body))
				if err != nil {
					return // the server is gone: this one was never acknowledged
				}
				var out struct {
					Number string `json:"registration_number"`
				}
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if resp.StatusCode != http.StatusCreated || err != nil {
					select {
					case <-killed:
						return
					default:
						t.Errorf("submission answered %d (%v) before the kill", resp.StatusCode, err)
						return
					}
				}
				acked.Store(out.Number, true)
				count.Add(1)
			}
		})
	}
	wg.Wait()
	<-killed

	db, err := sql.Open("postgres", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stored := map[string]bool{}
	rows, err := db.Query(`SELECT registration_number FROM requests`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		stored[n] = true
	}
	rows.Close()
	lost, total := 0, 0
	acked.Range(func(k, _ any) bool {
		total++
		if !stored[k.(string)] {
			lost++
			t.Errorf("acknowledged %s is not in the register", k)
		}
		return true
	})
	if total < killAfter {
		t.Fatalf("only %d submissions acknowledged before the kill", total)
	}
	var n, distinct, lo, hi, counter int
	if err := db.QueryRow(`SELECT count(*), count(DISTINCT reg_seq), min(reg_seq), max(reg_seq),
		(SELECT max(last_seq) FROM registration_counters) FROM requests`).Scan(&n, &distinct, &lo, &hi, &counter); err != nil {
		t.Fatal(err)
	}
	if n != distinct || lo != 1 || hi != n || counter != n {
		t.Errorf("register after the kill: %d rows, %d distinct, numbers %d–%d, counter %d: not gapless", n, distinct, lo, hi, counter)
	}
	t.Logf("%d acknowledged, %d in the register (%d committed but unanswered), %d lost", total, n, n-total, lost)
}

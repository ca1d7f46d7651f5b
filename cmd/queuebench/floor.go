package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync"
	"syscall"

	"github.com/terbuka-id/terbuka/internal/access"
	"github.com/terbuka-id/terbuka/internal/benchkit"
	"github.com/terbuka-id/terbuka/internal/calendar"
	"github.com/terbuka-id/terbuka/internal/store"
)

// The floor is what any signed-in queue page costs on this stack before the application does
// anything of its own: a process of its own serving net/http, which reads the session's row
// (with its account, as the app does) and sends the page's statements, scans the rows by position
// and writes them with html.EscapeString. No router, middleware, session decoding, template or
// layout. The page's ratio is read against what such an app, costing almost nothing, reaches on
// the same machine in the same run.

const (
	sessionCookie = "terbuka_session" // web.Server's scs cookie: the floor reads the app's sessions
	envFloorDB    = "TERBUKA_FLOOR_DATABASE_URL"
	envFloorConns = "TERBUKA_FLOOR_MAX_OPEN_CONNS"
)

// startFloor runs this program again as the floor of case c and waits until it answers.
func startFloor(ctx context.Context, self string, c queueCase, officerID int64, dbURL string, conns int) (*benchkit.App, error) {
	addr, err := benchkit.FreeAddr()
	if err != nil {
		return nil, err
	}
	if conns == 0 {
		conns = 8 // config.yaml's database.max_open_conns, as the app's
	}
	return benchkit.StartProcess(ctx, self, benchkit.ProcessOptions{
		Args: []string{"-serve-floor", c.name, "-officer", strconv.FormatInt(officerID, 10)},
		Env:  []string{envFloorDB + "=" + dbURL, envFloorConns + "=" + strconv.Itoa(conns)},
		Addr: addr,
	})
}

// serveFloor is the floor process: it serves the first page of the named case until stopped.
func serveFloor(name string, officerID int64) int {
	var c *queueCase
	for i := range cases {
		if cases[i].name == name {
			c = &cases[i]
		}
	}
	conns, _ := strconv.Atoi(os.Getenv(envFloorConns))
	if c == nil || conns < 1 || os.Getenv("TERBUKA_SERVER_ADDR") == "" {
		fmt.Fprintln(os.Stderr, "queuebench -serve-floor: unknown case, or no address or pool size")
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	st, err := store.Open(ctx, os.Getenv(envFloorDB), conns)
	if err != nil {
		fmt.Fprintln(os.Stderr, "queuebench -serve-floor:", err)
		return 1
	}
	defer st.Close()
	today, soon := queueDates()
	f := c.filter(officerID, today, soon)
	buffers := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /kantor", func(w http.ResponseWriter, r *http.Request) {
		cookie, err := r.Cookie(sessionCookie)
		if err != nil {
			http.Error(w, "no session", http.StatusUnauthorized)
			return
		}
		if _, u, found, err := st.SessionWithUser(r.Context(), cookie.Value); err != nil || !found || u == nil {
			http.Error(w, "no session", http.StatusUnauthorized)
			return
		}
		items, counts, err := st.QueuePage(r.Context(), access.Everything, f, today, soon)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		b := buffers.Get().(*bytes.Buffer)
		defer func() { b.Reset(); buffers.Put(b) }()
		writeFloorPage(b, items, counts)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b.Bytes())
	})
	srv := &http.Server{Addr: os.Getenv("TERBUKA_SERVER_ADDR"), Handler: mux}
	go func() { <-ctx.Done(); srv.Close() }()
	if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(os.Stderr, "queuebench -serve-floor:", err)
		return 1
	}
	return 0
}

// writeFloorPage writes the rows' texts, escaped, in the least markup that links each case.
func writeFloorPage(b *bytes.Buffer, items []store.QueueItem, counts store.QueueCounts) {
	b.WriteString("<!doctype html><title>Antrean</title><p>")
	b.WriteString(strconv.Itoa(counts.Open))
	b.WriteString(" terbuka</p><table>\n")
	for _, it := range items {
		b.WriteString(`<tr><td>`)
		b.Write(calendar.AppendID(b.AvailableBuffer(), it.ClockDue))
		b.WriteString(`</td><td><a href="/kantor/permohonan/`)
		b.WriteString(strconv.FormatInt(it.ID, 10))
		b.WriteString(`">`)
		b.WriteString(html.EscapeString(it.RegistrationNumber))
		b.WriteString(`</a>`)
		for _, s := range []string{it.RequesterName, it.Subject, it.Status, it.UnitName, it.AssignedName.String, it.Channel} {
			b.WriteString(`</td><td>`)
			b.WriteString(html.EscapeString(s))
		}
		b.WriteString("</td></tr>\n")
	}
	b.WriteString("</table>\n")
}

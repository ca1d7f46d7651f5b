package benchkit

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// App is a `terbuka serve` subprocess started for the run.
type App struct {
	cmd     *exec.Cmd
	BaseURL string // http://127.0.0.1:port
	logs    *tailBuffer
	done    chan struct{} // closed when the process has exited
	waitErr error
}

// BuildApp compiles the app once, so the timed run measures the binary and not `go run`.
func BuildApp(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "terbuka")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/terbuka")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/terbuka: %w\n%s", err, out)
	}
	return bin, nil
}

// freeAddr asks the kernel for an unused loopback port.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// StartApp runs `terbuka serve` on databaseURL with a random data key and waits for /readyz.
func StartApp(ctx context.Context, bin, databaseURL string, maxConns int) (*App, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	rand.Read(key)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(),
		"TERBUKA_DATABASE_URL="+databaseURL,
		"TERBUKA_SECURITY_DATA_KEY="+base64.StdEncoding.EncodeToString(key),
		"TERBUKA_SERVER_ADDR="+addr,
		"TERBUKA_SERVER_BASE_URL=http://"+addr,
		// Per-request info logs would cost the app CPU the load generator shares.
		"TERBUKA_LOG_LEVEL=warn",
		// Every load client submits from 127.0.0.1 to one address: the per-client and
		// per-address limits would turn the run into a measurement of 429s.
		"TERBUKA_SECURITY_SUBMISSIONS_PER_HOUR=0",
		"TERBUKA_SECURITY_RECEIPTS_PER_ADDRESS_PER_DAY=0",
		"TERBUKA_SECURITY_TRACKING_FAILURES_PER_WINDOW=0",
	)
	if maxConns > 0 {
		cmd.Env = append(cmd.Env, "TERBUKA_DATABASE_MAX_OPEN_CONNS="+strconv.Itoa(maxConns))
	}
	a := &App{cmd: cmd, BaseURL: "http://" + addr, logs: &tailBuffer{max: 256 << 10}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = a.logs, a.logs
	// Its own process group keeps a terminal Ctrl-C from killing it before we stop it in order.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() {
		a.waitErr = cmd.Wait()
		close(a.done)
	}()
	if err := a.waitReady(ctx, 60*time.Second); err != nil {
		a.Stop()
		return nil, fmt.Errorf("%w\n--- server output ---\n%s", err, a.logs.String())
	}
	return a, nil
}

func (a *App) waitReady(ctx context.Context, timeout time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		resp, err := client.Get(a.BaseURL + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-a.done:
			return fmt.Errorf("terbuka serve exited before it was ready: %v", a.waitErr)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return errors.New("terbuka serve was not ready within " + timeout.String())
		}
	}
}

// Exited reports whether the app died on its own, which makes every later figure meaningless.
func (a *App) Exited() bool {
	select {
	case <-a.done:
		return true
	default:
		return false
	}
}

// ExitErr is how the process ended: nil while it still runs.
func (a *App) ExitErr() error {
	if !a.Exited() {
		return nil
	}
	return a.waitErr
}

// Logs is the last 256 KiB of the app's stdout and stderr.
func (a *App) Logs() string { return a.logs.String() }

// Stop sends SIGTERM, lets the app drain, and kills it if it hangs.
func (a *App) Stop() error {
	if a.Exited() {
		return a.waitErr
	}
	a.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-a.done:
		return a.waitErr
	case <-time.After(20 * time.Second):
		a.cmd.Process.Kill()
		<-a.done
		return errors.New("terbuka serve did not stop within 20s of SIGTERM; killed")
	}
}

// tailBuffer keeps the last max bytes of the app's output for the report.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if len(t.buf) > t.max {
		t.buf = append(t.buf[:0], t.buf[len(t.buf)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(t.buf)
}

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

// FreeAddr asks the kernel for an unused loopback port.
func FreeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// StartApp runs `terbuka serve` on databaseURL with a random data key and waits for /readyz.
func StartApp(ctx context.Context, bin, databaseURL string, maxConns int) (*App, error) {
	addr, err := FreeAddr()
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	rand.Read(key)
	env := append(QuietEnv(), "TERBUKA_DATABASE_URL="+databaseURL,
		"TERBUKA_SECURITY_DATA_KEY="+base64.StdEncoding.EncodeToString(key))
	if maxConns > 0 {
		env = append(env, "TERBUKA_DATABASE_MAX_OPEN_CONNS="+strconv.Itoa(maxConns))
	}
	return StartProcess(ctx, bin, ProcessOptions{Args: []string{"serve"}, Env: env, Addr: addr})
}

// QuietEnv is the environment of a process under load: warn-level logs (per-request info logs
// would cost the CPU the load generator shares) and no per-client or per-address limits (every
// load client submits from 127.0.0.1, and the run would measure 429s).
func QuietEnv() []string {
	return []string{
		"TERBUKA_LOG_LEVEL=warn",
		"TERBUKA_SECURITY_SUBMISSIONS_PER_HOUR=0",
		"TERBUKA_SECURITY_RECEIPTS_PER_ADDRESS_PER_DAY=0",
		"TERBUKA_SECURITY_TRACKING_FAILURES_PER_WINDOW=0",
	}
}

// ProcessOptions say how to run one terbuka subprocess.
type ProcessOptions struct {
	Args []string // "serve", or "worker"
	Env  []string // added to this process's environment
	// Addr, when set, is where the process serves HTTP: it gets TERBUKA_SERVER_ADDR and
	// TERBUKA_SERVER_BASE_URL, and StartProcess waits for its /readyz.
	Addr string
}

// StartProcess runs bin with o and, for a server, waits until it is ready.
func StartProcess(ctx context.Context, bin string, o ProcessOptions) (*App, error) {
	cmd := exec.Command(bin, o.Args...)
	cmd.Env = append(os.Environ(), o.Env...)
	a := &App{cmd: cmd, logs: &tailBuffer{max: 256 << 10}, done: make(chan struct{})}
	if o.Addr != "" {
		a.BaseURL = "http://" + o.Addr
		cmd.Env = append(cmd.Env, "TERBUKA_SERVER_ADDR="+o.Addr, "TERBUKA_SERVER_BASE_URL="+a.BaseURL)
	}
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
	if o.Addr == "" {
		return a, nil
	}
	if err := a.waitReady(ctx, 60*time.Second); err != nil {
		a.Stop()
		return nil, fmt.Errorf("%w\n--- server output ---\n%s", err, a.logs.String())
	}
	return a, nil
}

// Kill ends the process with SIGKILL, as a crash would: no draining, no clean-up.
func (a *App) Kill() error {
	if a.Exited() {
		return nil
	}
	if err := a.cmd.Process.Kill(); err != nil {
		return err
	}
	<-a.done
	return nil
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
// PID is the process id, for reading its CPU time.
func (a *App) PID() int { return a.cmd.Process.Pid }

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

// Package pgcluster runs a private PostgreSQL cluster in a folder: initdb once, then pg_ctl
// start/stop on a Unix socket inside that folder with no TCP port. `make run` uses it for the
// demo and the test harness for a throwaway cluster per test run.
package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Superuser is the bootstrap role initdb creates; trust auth on the private socket only.
const Superuser = "terbuka"

const port = 5432

// Options tune a cluster for its use.
type Options struct {
	// Ephemeral turns durability off (fsync, synchronous_commit): for throwaway test clusters only.
	Ephemeral bool
	// Settings are extra server settings passed as -c name=value.
	Settings map[string]string
}

// Cluster is one data directory and the server that may be running on it.
type Cluster struct {
	Dir    string
	bin    string
	asUser *syscall.Credential // set when running as root: the server runs as OS user postgres
	opts   Options
}

// New prepares a cluster in dir (made absolute); nothing is started yet.
func New(dir string, opts Options) (*Cluster, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("pgcluster: %w", err)
	}
	bin, err := findBinDir()
	if err != nil {
		return nil, err
	}
	c := &Cluster{Dir: abs, bin: bin, opts: opts}
	if os.Geteuid() == 0 {
		// PostgreSQL refuses to run as root.
		cred, err := postgresCredential()
		if err != nil {
			return nil, err
		}
		c.asUser = cred
	}
	return c, nil
}

// findBinDir locates initdb: $PATH first, then Debian's versioned folders, newest first.
func findBinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return versionOf(b) - versionOf(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("pgcluster: PostgreSQL server binaries (initdb, pg_ctl) not found; install them (Debian: apt-get install postgresql) or configure database.url")
}

// Tool is the path of a PostgreSQL program (pg_dump, psql) of the same installation as initdb:
// beside it, or beside what it links to (a symlink in $PATH into Debian's versioned folder).
func Tool(name string) (string, error) {
	dir, err := findBinDir()
	if err != nil {
		return "", err
	}
	dirs := []string{dir}
	if real, err := filepath.EvalSymlinks(filepath.Join(dir, "initdb")); err == nil {
		dirs = append(dirs, filepath.Dir(real))
	}
	for _, d := range dirs {
		if p := filepath.Join(d, name); fileExists(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("pgcluster: %s not found beside initdb in %s", name, strings.Join(dirs, ", "))
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func versionOf(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

func postgresCredential() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("pgcluster: running as root needs an OS user named postgres to run the server (Debian's postgresql package creates it)")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// Initialized reports whether initdb has run in Dir.
func (c *Cluster) Initialized() bool {
	_, err := os.Stat(filepath.Join(c.Dir, "PG_VERSION"))
	return err == nil
}

// Init runs initdb once; a second call is a no-op.
func (c *Cluster) Init(ctx context.Context) error {
	if c.Initialized() {
		return nil
	}
	// Parents stay enterable by the postgres OS user; the data directory itself is private.
	if err := os.MkdirAll(filepath.Dir(c.Dir), 0o755); err != nil {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if err := os.Mkdir(c.Dir, 0o700); err != nil && !os.IsExist(err) {
		return fmt.Errorf("pgcluster: %w", err)
	}
	if c.asUser != nil {
		if err := os.Chown(c.Dir, int(c.asUser.Uid), int(c.asUser.Gid)); err != nil {
			return fmt.Errorf("pgcluster: %w", err)
		}
		if err := checkReachable(c.Dir); err != nil {
			return err
		}
	}
	_, err := c.run(ctx, "initdb", "-D", c.Dir, "-U", Superuser, "--auth=trust",
		"--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions")
	if err != nil {
		os.RemoveAll(c.Dir)
		return err
	}
	return nil
}

// checkReachable explains the usual failure as root: a parent folder the postgres user cannot enter.
func checkReachable(dir string) error {
	for d := filepath.Dir(dir); d != "/"; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return fmt.Errorf("pgcluster: %w", err)
		}
		if fi.Mode().Perm()&0o001 == 0 {
			return fmt.Errorf("pgcluster: the postgres OS user cannot enter %s (mode %v); move the checkout, set database.local_dir elsewhere, or configure database.url", d, fi.Mode().Perm())
		}
	}
	return nil
}

// Running reports whether a server is up on Dir.
func (c *Cluster) Running(ctx context.Context) bool {
	_, err := c.run(ctx, "pg_ctl", "status", "-D", c.Dir)
	return err == nil
}

// Start starts the server and waits until it accepts connections.
func (c *Cluster) Start(ctx context.Context) error {
	opts := []string{"-k", c.Dir, "-p", strconv.Itoa(port), "-c", "listen_addresses=", "-c", "unix_socket_permissions=0777"}
	settings := map[string]string{"max_connections": "200"}
	if c.opts.Ephemeral {
		settings["fsync"] = "off"
		settings["synchronous_commit"] = "off"
		settings["full_page_writes"] = "off"
	}
	for k, v := range c.opts.Settings {
		settings[k] = v
	}
	for _, k := range slices.Sorted(maps.Keys(settings)) {
		opts = append(opts, "-c", k+"="+settings[k])
	}
	_, err := c.run(ctx, "pg_ctl", "start", "-D", c.Dir, "-w", "-t", "60",
		"-l", filepath.Join(c.Dir, "server.log"), "-o", strings.Join(opts, " "))
	return err
}

// Stop shuts the server down, rolling back open transactions (pg_ctl -m fast).
func (c *Cluster) Stop(ctx context.Context) error {
	_, err := c.run(ctx, "pg_ctl", "stop", "-D", c.Dir, "-m", "fast", "-w")
	return err
}

// URL is the lib/pq connection string for database dbname over the private socket.
func (c *Cluster) URL(dbname string) string {
	q := url.Values{}
	q.Set("host", c.Dir)
	q.Set("port", strconv.Itoa(port))
	q.Set("sslmode", "disable")
	return (&url.URL{Scheme: "postgres", User: url.User(Superuser), Path: "/" + dbname, RawQuery: q.Encode()}).String()
}

func (c *Cluster) run(ctx context.Context, name string, args ...string) ([]byte, error) {
	path := filepath.Join(c.bin, name)
	if !fileExists(path) { // $PATH may link initdb and pg_ctl only (pg_basebackup stays in Debian's folder)
		if p, err := Tool(name); err == nil {
			path = p
		}
	}
	cmd := exec.CommandContext(ctx, path, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	cmd.Dir = c.Dir
	if _, err := os.Stat(c.Dir); err != nil {
		cmd.Dir = ""
	}
	// A process group of its own keeps the terminal's Ctrl-C from reaching the server, so the
	// application shuts down first and then stops the cluster itself.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if c.asUser != nil {
		cmd.SysProcAttr.Credential = c.asUser
		cmd.Env = append(cmd.Env, "HOME="+c.Dir)
	}
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	// pg_ctl start leaves the server running with our pipes open; do not wait for them forever.
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return out.Bytes(), fmt.Errorf("pgcluster: %s %s: %w\n%s", name, args[0], err, strings.TrimSpace(out.String()))
	}
	return out.Bytes(), nil
}

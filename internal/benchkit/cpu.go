package benchkit

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTick is the unit of /proc's CPU times (USER_HZ), 100 on every mainstream Linux build.
const clockTick = 10 * time.Millisecond

// CPUReading is processor time used so far: by the app process, by the whole PostgreSQL
// cluster (its postmaster, live backends and the backends it has reaped), by this process and
// by its finished children (pgbench).
type CPUReading struct {
	App, Postgres, Self, Children time.Duration
}

// Sub is the CPU used between two readings.
func (r CPUReading) Sub(o CPUReading) CPUReading {
	return CPUReading{r.App - o.App, r.Postgres - o.Postgres, r.Self - o.Self, r.Children - o.Children}
}

// CPUMeter reads CPUReadings on Linux: where the server's work goes, so a throughput can be
// compared with what two cores allow.
type CPUMeter struct {
	appPID, postmasterPID int
}

// NewCPUMeter finds the postmaster of the cluster admin is connected to (it must run on this
// machine); appPID 0 leaves the app out.
func NewCPUMeter(ctx context.Context, admin *sql.DB, appPID int) (*CPUMeter, error) {
	if runtime.GOOS != "linux" {
		return nil, fmt.Errorf("cpu meter: /proc is Linux only")
	}
	var dir string
	if err := admin.QueryRowContext(ctx, `SHOW data_directory`).Scan(&dir); err != nil {
		return nil, fmt.Errorf("cpu meter: %w", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		return nil, fmt.Errorf("cpu meter: %w", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return nil, fmt.Errorf("cpu meter: postmaster.pid: %w", err)
	}
	return &CPUMeter{appPID: appPID, postmasterPID: pid}, nil
}

// Read takes a reading now.
func (m *CPUMeter) Read() (CPUReading, error) {
	var r CPUReading
	if m.appPID != 0 {
		st, err := procStat(m.appPID)
		if err != nil {
			return r, err
		}
		r.App = st.own()
	}
	pm, err := procStat(m.postmasterPID)
	if err != nil {
		return r, err
	}
	r.Postgres = pm.own() + pm.reaped()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return r, err
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, err := procStat(pid); err == nil && st.ppid == m.postmasterPID {
			r.Postgres += st.own()
		}
	}
	var self, children syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	r.Self = time.Duration(self.Utime.Nano() + self.Stime.Nano())
	r.Children = time.Duration(children.Utime.Nano() + children.Stime.Nano())
	return r, nil
}

type stat struct {
	ppid                         int
	utime, stime, cutime, cstime int64
}

func (s stat) own() time.Duration    { return time.Duration(s.utime+s.stime) * clockTick }
func (s stat) reaped() time.Duration { return time.Duration(s.cutime+s.cstime) * clockTick }

// procStat parses /proc/PID/stat; the command name may hold spaces, so fields count from its ')'.
func procStat(pid int) (stat, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return stat{}, err
	}
	i := strings.LastIndexByte(string(b), ')')
	f := strings.Fields(string(b[i+1:])) // f[0] is field 3 (state)
	if len(f) < 15 {
		return stat{}, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	n := func(k int) int64 { v, _ := strconv.ParseInt(f[k-3], 10, 64); return v }
	return stat{ppid: int(n(4)), utime: n(14), stime: n(15), cutime: n(16), cstime: n(17)}, nil
}

package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestShippedConfigLoads(t *testing.T) {
	cfg, err := Load("../../config.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !cfg.UsesPrivateCluster() || cfg.Office.Timezone != "Asia/Jakarta" || !cfg.Calendar.CutiBersamaIsHoliday {
		t.Errorf("shipped defaults changed: %+v", cfg)
	}
	if d, _ := cfg.ClosingTime(); d != 16*time.Hour {
		t.Errorf("closing time %v", d)
	}
}

func TestMissingFileMeansDefaults(t *testing.T) {
	cfg, err := Load(filepath.Join(t.TempDir(), "none.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Server.Addr != Default().Server.Addr {
		t.Errorf("addr %q", cfg.Server.Addr)
	}
}

func TestEnvironmentOverridesFile(t *testing.T) {
	p := write(t, "office:\n  name: Dari Berkas\n  closes_at: \"15:00\"\n")
	cfg, err := Load(p, []string{
		"TERBUKA_OFFICE_CLOSES_AT=15:30",
		"TERBUKA_CALENDAR_CUTI_BERSAMA_IS_HOLIDAY=false",
		"TERBUKA_DATABASE_MAX_OPEN_CONNS=4",
		"TERBUKA_DATABASE_URL=postgres://db/terbuka",
		"TERBUKA_SECURITY_DATA_KEY=x",
		"OTHER_VAR=1",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Office.Name != "Dari Berkas" || cfg.Office.ClosesAt != "15:30" || cfg.Calendar.CutiBersamaIsHoliday ||
		cfg.Database.MaxOpenConns != 4 || cfg.UsesPrivateCluster() {
		t.Errorf("got %+v", cfg)
	}
}

func TestInvalidSettingsAreAllReported(t *testing.T) {
	p := write(t, `
office:
  timezone: Mars/Olympus
  closes_at: "4 sore"
requests:
  registration_format: "PPID/{year}"
log:
  level: loud
`)
	_, err := Load(p, []string{"TERBUKA_DATABASE_URL=postgres://db/x"})
	if err == nil {
		t.Fatal("invalid config accepted")
	}
	for _, want := range []string{"office.timezone", "office.closes_at", "registration_format", "log.level", "security.data_key"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not mention %s: %v", want, err)
		}
	}
}

func TestUnknownKeysAndBadValuesAreErrors(t *testing.T) {
	if _, err := Load(write(t, "office:\n  nama: typo\n"), nil); err == nil {
		t.Error("unknown key accepted")
	}
	if _, err := Load(write(t, ""), []string{"TERBUKA_DATABASE_MAX_OPEN_CONNS=many"}); err == nil {
		t.Error("non-numeric override accepted")
	}
	if _, err := Load(write(t, ""), []string{"TERBUKA_SERVER_SECURE_COOKIES=perhaps"}); err == nil {
		t.Error("non-boolean override accepted")
	}
}

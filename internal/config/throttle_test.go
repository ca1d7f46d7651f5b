package config

import (
	"reflect"
	"strings"
	"testing"
)

// The shipped file documents every limit with its default, and each has its TERBUKA_* override.
func TestThrottleKeysShippedAndOverridable(t *testing.T) {
	shipped, err := Load("../../config.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(shipped.Security, Default().Security) || len(shipped.Server.TrustedProxies) != 0 {
		t.Errorf("config.yaml and Default differ: %+v vs %+v", shipped.Security, Default().Security)
	}
	cfg, err := Load("../../config.yaml", []string{
		"TERBUKA_SERVER_TRUSTED_PROXIES=10.0.0.0/8, 127.0.0.1",
		"TERBUKA_SECURITY_SUBMISSIONS_PER_HOUR=0",
		"TERBUKA_SECURITY_RECEIPTS_PER_ADDRESS_PER_DAY=0",
		"TERBUKA_SECURITY_TRACKING_FAILURES_PER_WINDOW=0",
		"TERBUKA_SECURITY_LOGIN_CLIENT_MAX_FAILURES=7",
		"TERBUKA_SECURITY_LOGIN_ACCOUNT_MAX_FAILURES=8",
		"TERBUKA_SECURITY_LOGIN_ACCOUNT_WAIT_SECONDS=9",
	})
	if err != nil {
		t.Fatal(err)
	}
	s := cfg.Security
	if strings.Join(cfg.Server.TrustedProxies, "|") != "10.0.0.0/8|127.0.0.1" || s.SubmissionsPerHour != 0 || s.ReceiptsPerAddressPerDay != 0 ||
		s.TrackingFailuresPerWindow != 0 || s.LoginClientMaxFailures != 7 || s.LoginAccountMaxFailures != 8 || s.LoginAccountWaitSeconds != 9 {
		t.Errorf("overrides not applied: %+v %v", s, cfg.Server.TrustedProxies)
	}
	if cfg, err := Load("../../config.yaml", []string{"TERBUKA_SERVER_TRUSTED_PROXIES="}); err != nil || len(cfg.Server.TrustedProxies) != 0 {
		t.Errorf("empty list: %v %v", cfg, err)
	}
	_, err = Load("../../config.yaml", []string{"TERBUKA_SERVER_TRUSTED_PROXIES=proxy.local", "TERBUKA_SECURITY_SUBMISSIONS_PER_HOUR=-1"})
	if err == nil || !strings.Contains(err.Error(), "proxy.local") || !strings.Contains(err.Error(), "submissions_per_hour") {
		t.Errorf("bad values accepted: %v", err)
	}
}

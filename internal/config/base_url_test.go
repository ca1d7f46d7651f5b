package config

import "testing"

// An unset base URL follows the listen address; a set one is kept whatever the address.
func TestBaseURLFollowsAddrWhenUnset(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		environ []string
		want    string
	}{
		{"shipped file, address from the environment", "", []string{"TERBUKA_SERVER_ADDR=127.0.0.1:8090"}, "http://127.0.0.1:8090"},
		{"shipped file, defaults", "", nil, "http://localhost:8080"},
		{"every interface", "", []string{"TERBUKA_SERVER_ADDR=:9000"}, "http://localhost:9000"},
		{"unspecified IPv4", "", []string{"TERBUKA_SERVER_ADDR=0.0.0.0:9001"}, "http://localhost:9001"},
		{"IPv6 loopback", "", []string{"TERBUKA_SERVER_ADDR=[::1]:9002"}, "http://[::1]:9002"},
		{"set in the file", "server:\n  base_url: \"https://ppid.contoh.go.id\"\n", []string{"TERBUKA_SERVER_ADDR=127.0.0.1:8090"}, "https://ppid.contoh.go.id"},
		{"set in the environment", "", []string{"TERBUKA_SERVER_ADDR=127.0.0.1:8090", "TERBUKA_SERVER_BASE_URL=https://x.go.id"}, "https://x.go.id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := "../../config.yaml"
			if tc.file != "" {
				path = write(t, tc.file)
			}
			cfg, err := Load(path, tc.environ)
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Server.BaseURL != tc.want {
				t.Errorf("base_url = %q, want %q", cfg.Server.BaseURL, tc.want)
			}
		})
	}
	if got := Default().Server.BaseURL; got != "http://localhost:8080" {
		t.Errorf("Default() base_url = %q", got)
	}
}

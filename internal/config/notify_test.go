package config

import (
	"strings"
	"testing"
)

// The webhook keys are shipped off, overridable by TERBUKA_NOTIFY_*, and a URL without a strong
// enough secret, or a secret given twice, stops the program.
func TestNotifyWebhookKeys(t *testing.T) {
	shipped, err := Load("../../config.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if shipped.Notify != (Notify{}) {
		t.Errorf("config.yaml turns a webhook on: %+v", shipped.Notify)
	}
	cfg, err := Load("../../config.yaml", []string{"TERBUKA_NOTIFY_WEBHOOK_URL=https://gateway.test/terbuka",
		"TERBUKA_NOTIFY_WEBHOOK_SECRET=0123456789abcdef"})
	if err != nil || cfg.Notify.WebhookURL != "https://gateway.test/terbuka" || cfg.Notify.WebhookSecret != "0123456789abcdef" {
		t.Fatalf("override: %+v %v", cfg, err)
	}
	for env, want := range map[string]string{
		"TERBUKA_NOTIFY_WEBHOOK_SECRET=pendek":                "webhook_secret",
		"TERBUKA_NOTIFY_WEBHOOK_SECRET_FILE=/run/secret/hook": "not both",
	} {
		_, err := Load("../../config.yaml", []string{"TERBUKA_NOTIFY_WEBHOOK_URL=https://gateway.test/terbuka",
			"TERBUKA_NOTIFY_WEBHOOK_SECRET=0123456789abcdef", env})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error naming %q", env, err, want)
		}
	}
	if _, err := Load("../../config.yaml", []string{"TERBUKA_NOTIFY_WEBHOOK_URL=gateway.test", "TERBUKA_NOTIFY_WEBHOOK_SECRET=0123456789abcdef"}); err == nil ||
		!strings.Contains(err.Error(), "webhook_url") {
		t.Errorf("a URL without scheme: %v", err)
	}
}

package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestOfficeSettings(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	if _, err := s.OfficeSettings(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("before the first save: %v", err)
	}
	o := store.OfficeSettings{Name: "PPID Uji", Timezone: "Asia/Makassar", ClosesAt: "15:30", Letterhead: "A\nB"}
	for _, closes := range []string{"15:30", "16:00"} {
		o.ClosesAt = closes
		if err := s.SaveOfficeSettings(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.OfficeSettings(ctx); err != nil || got.ClosesAt != "16:00" || got.Letterhead != "A\nB" || got.Timezone != "Asia/Makassar" {
		t.Fatalf("settings: %+v %v", got, err)
	}
}

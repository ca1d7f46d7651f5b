package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/terbuka-id/terbuka/internal/store"
	"github.com/terbuka-id/terbuka/internal/testdb"
)

func TestCreateUserRefusesAnEmailInAnyCase(t *testing.T) {
	s := testdb.Store(t)
	ctx := context.Background()
	invite := &store.Mail{Template: "user_invited", Recipient: "rina@uji.test", Data: map[string]any{"name": "Rina"}}
	u := store.NewUser{Email: "rina@uji.test", Name: "Rina", Role: "petugas", UnitID: 1, PasswordHash: "x"}
	if _, err := s.CreateUser(ctx, u, invite); err != nil {
		t.Fatal(err)
	}
	u.Email = "RINA@Uji.Test"
	if _, err := s.CreateUser(ctx, u, invite); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("second account with the e-mail: %v, want ErrConflict", err)
	}
	var mails int
	s.DB().Get(&mails, `SELECT count(*) FROM outbox WHERE template = 'user_invited'`)
	if mails != 1 {
		t.Errorf("%d invitations queued, want 1 (none for the refused account)", mails)
	}
	users, err := s.Users(ctx)
	if err != nil || len(users) != 1 || users[0].UnitName != "PPID Utama" || !users[0].Active {
		t.Fatalf("users: %+v %v", users, err)
	}
	if err := s.SetUserActive(ctx, users[0].ID, false); err != nil {
		t.Fatal(err)
	}
	if err := s.SetUserActive(ctx, 999999, false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown account: %v", err)
	}
}

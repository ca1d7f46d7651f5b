package jobs_test

import (
	"testing"

	"github.com/terbuka-id/terbuka/internal/testdb"
)

// TestMain gives every test of this package a real PostgreSQL (one migrated database per test
// through testdb.Store). It is the package's only TestMain: add tests, not another TestMain.
func TestMain(m *testing.M) { testdb.Main(m) }

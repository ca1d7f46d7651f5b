package files

import (
	"io/fs"
	"path/filepath"
	"sort"
	"testing"
)

// newTestDisk returns a Disk over a fresh directory that the test removes.
func newTestDisk(t *testing.T) (*Disk, string) {
	t.Helper()
	dir := t.TempDir()
	d, err := NewDisk(dir)
	if err != nil {
		t.Fatalf("NewDisk: %v", err)
	}
	return d, dir
}

// filesUnder lists every regular file below dir, tmp included, relative to dir.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", dir, err)
	}
	sort.Strings(out)
	return out
}

func blobPath(sum string) string {
	return filepath.Join(sum[0:2], sum[2:4], sum)
}

// FilesUnder is filesUnder for the backend contract tests, which run from package files_test.
var FilesUnder = filesUnder

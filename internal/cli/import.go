package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"time"

	"github.com/terbuka-id/terbuka/internal/registerimport"
)

// importRegister reads an old register (CSV or XLSX) and stores it, all or nothing: every bad
// row is reported with its line and column and nothing is written until the file is clean.
func (e *env) importRegister(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return usageError{"import needs one file: terbuka import register.csv (or .xlsx); see docs/contoh-register.csv"}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())

	rows, rowErrs, err := registerimport.Parse(fs.Arg(0), a.Config.Location(), time.Now())
	if err != nil {
		return err
	}
	if len(rowErrs) == 0 {
		var n int
		if n, rowErrs, err = a.Intake.Import(ctx, rows); err != nil {
			return err
		}
		if len(rowErrs) == 0 {
			fmt.Fprintf(e.stdout, "%d permohonan diimpor dari %s.\n", n, fs.Arg(0))
			return nil
		}
	}
	for _, re := range rowErrs {
		fmt.Fprintln(e.stderr, re.String())
	}
	return errors.New(fmt.Sprint(len(rowErrs), " kesalahan; tidak ada data yang disimpan"))
}

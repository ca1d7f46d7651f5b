package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/terbuka-id/terbuka/internal/intake"
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
		var sum intake.ImportSummary
		if sum, rowErrs, err = a.Intake.Import(ctx, rows); err != nil {
			return err
		}
		if len(rowErrs) == 0 {
			fmt.Fprintf(e.stdout, "%d permohonan diimpor dari %s.\n", sum.Imported, fs.Arg(0))
			printBacklog(e.stdout, sum.Backlog)
			return nil
		}
	}
	for _, re := range rowErrs {
		fmt.Fprintln(e.stderr, re.String())
	}
	return errors.New(fmt.Sprint(len(rowErrs), " kesalahan; tidak ada data yang disimpan"))
}

// printBacklog tells the office how many imported requesters were never told they may object
// to an unanswered request (UU 14/2008 Pasal 35(1) huruf c, Pasal 36(1)), and what the PPID can do.
func printBacklog(w io.Writer, b intake.BacklogCounts) {
	if b.Total() == 0 {
		return
	}
	fmt.Fprintf(w, "%d permohonan sudah lewat waktu tanpa pemberitahuan tertulis saat diimpor, dan pemohonnya belum pernah diberi tahu:\n", b.Total())
	fmt.Fprintf(w, "  masa keberatan (30 hari kerja, UU 14/2008 Pasal 36(1)) sudah berakhir: %d (%d tanpa alamat e-mail)\n", b.Closed, b.ClosedNoEmail)
	fmt.Fprintf(w, "  masa keberatan masih berjalan: %d (%d tanpa alamat e-mail)\n", b.Open, b.OpenNoEmail)
	fmt.Fprintln(w, "PPID dapat memberi tahu mereka lewat e-mail di /kantor/impor (satu kali per permohonan); pemohon tanpa e-mail perlu dihubungi lewat surat atau telepon.")
}

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
)

// documentsCommand: `terbuka documents import DIR --metadata FILE.csv` publishes a folder of
// existing documents in one go, reporting every file it refused and why.
func (e *env) documentsCommand(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return usageError{"usage: terbuka documents import DIR --metadata FILE.csv"}
	}
	fs := flag.NewFlagSet("documents import", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	metadata := fs.String("metadata", "", "CSV with title, category, unit, year, summary, keywords, file (see docs/contoh-metadata.csv)")
	// The folder may come before or after the flags.
	rest := args[1:]
	var dir string
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		dir, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		return usageError{err.Error()}
	}
	if dir == "" && fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	if dir == "" || *metadata == "" {
		return usageError{"usage: terbuka documents import DIR --metadata FILE.csv"}
	}
	f, err := os.Open(*metadata)
	if err != nil {
		return err
	}
	defer f.Close()
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())

	outcomes, err := a.Publishing.ImportFolder(ctx, dir, f)
	published, refused := 0, 0
	for _, o := range outcomes {
		if o.Published {
			published++
			continue
		}
		refused++
		fmt.Fprintf(e.stderr, "baris %d (%s): %s\n", o.Line, o.File, o.Refused)
		for _, fd := range o.Findings {
			fmt.Fprintf(e.stderr, "    %s: %s\n", fd.Label, fd.Masked)
		}
	}
	fmt.Fprintf(e.stdout, "%d dokumen terbit, %d ditolak atau menunggu pemeriksaan.\n", published, refused)
	if err != nil {
		return err
	}
	if refused > 0 {
		return errors.New(fmt.Sprint(refused, " berkas tidak diterbitkan"))
	}
	return nil
}

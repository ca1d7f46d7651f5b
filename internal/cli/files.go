package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/terbuka-id/terbuka/internal/app"
	"github.com/terbuka-id/terbuka/internal/files"
)

// filesCommand: `terbuka files migrate --to s3` copies every stored document and letter from the
// disk store (files.dir) to the bucket of files.s3; rerun it to resume, it copies only what is missing.
func (e *env) filesCommand(ctx context.Context, args []string) error {
	const use = "usage: terbuka files migrate --to s3"
	if len(args) == 0 || args[0] != "migrate" {
		return usageError{use}
	}
	fs := flag.NewFlagSet("files migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	to := fs.String("to", "", "target store: s3 (the bucket of files.s3)")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{err.Error()}
	}
	if *to != "s3" || fs.NArg() != 0 {
		return usageError{use}
	}
	a, err := e.open(ctx, openOptions{migrate: true})
	if err != nil {
		return err
	}
	defer a.close(context.Background())
	disk, err := files.NewDisk(a.Config.Files.Dir)
	if err != nil {
		return err
	}
	bucket, err := app.OpenS3(ctx, a.Config)
	if err != nil {
		return err
	}
	refs, err := a.Store.BlobRefs(ctx)
	if err != nil {
		return err
	}
	list := make([]files.MigrateRef, len(refs))
	for i, r := range refs {
		list[i] = files.MigrateRef{SHA256: r.SHA256, Size: r.Size}
	}
	fmt.Fprintf(e.stderr, "Menyalin %d berkas dari %s ke bucket %s\n", len(list), a.Config.Files.Dir, a.Config.Files.S3.Bucket)
	rep, err := files.Migrate(ctx, disk, bucket, list, files.ProgressPrinter(e.stderr, len(list)))
	for _, f := range rep.Failed {
		fmt.Fprintln(e.stderr, "gagal:", f)
	}
	fmt.Fprintf(e.stdout, "%d berkas disalin (%.1f MB), %d sudah ada, %d gagal\n", rep.Copied, float64(rep.Bytes)/1e6, rep.Skipped, len(rep.Failed))
	if err != nil {
		return err
	}
	if a.Config.Files.Backend != "s3" {
		fmt.Fprintln(e.stdout, "Semua berkas ada di bucket. Setel files.backend: s3 lalu mulai ulang Terbuka.")
	}
	return nil
}

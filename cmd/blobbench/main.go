// Command blobbench measures the blob stores: upload and download speed of one document on the
// disk store and on S3 (gofakes3 in a child process on the loopback, so its memory is not
// counted here), and this process's peak RSS during each upload, which must not grow with the
// file size (the upload streams in bounded parts).
//
//	go run ./cmd/blobbench -mb 20,100
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/terbuka-id/terbuka/internal/files"
)

func main() {
	serve := flag.Bool("serve-s3", false, "internal: run the S3 server and print its address")
	sizes := flag.String("mb", "20,100", "document sizes in MB, comma separated")
	partMB := flag.Int("part-mb", 8, "S3 part size in MB (files.s3.part_size_mb)")
	one := flag.String("measure", "", "internal: measure one BACKEND:MB in this fresh process")
	s3addr := flag.String("s3", "", "internal: the S3 server's address")
	flag.Parse()
	if *serve {
		serveS3()
		return
	}
	var err error
	if *one != "" {
		err = measureOne(*one, *s3addr, *partMB)
	} else {
		err = run(*sizes, *partMB)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "blobbench:", err)
		os.Exit(1)
	}
}

// serveS3 runs gofakes3 (in memory) on the loopback until stdin closes.
func serveS3() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Println(ln.Addr().String())
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); os.Exit(0) }()
	_ = http.Serve(ln, gofakes3.New(s3mem.New()).Server())
}

// run starts the S3 server, then measures each backend and size in a fresh process of its own,
// so one measurement's heap does not raise the next one's resident set.
func run(sizes string, partMB int) error {
	ctx := context.Background()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	child := exec.Command(self, "-serve-s3")
	stdin, _ := child.StdinPipe()
	stdout, _ := child.StdoutPipe()
	child.Stderr = io.Discard
	if err := child.Start(); err != nil {
		return err
	}
	defer func() { stdin.Close(); _ = child.Wait() }()
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return err
	}
	addr = strings.TrimSpace(addr)
	c, err := minio.New(addr, &minio.Options{Creds: credentials.NewStaticV4("a", "b", ""), BucketLookup: minio.BucketLookupPath, Region: "us-east-1"})
	if err != nil {
		return err
	}
	if err := c.MakeBucket(ctx, "bench", minio.MakeBucketOptions{}); err != nil {
		return err
	}
	fmt.Printf("go %s, %s/%s, NumCPU %d, S3 part size %d MB; each row a fresh process\n\n", runtime.Version(), runtime.GOOS,
		runtime.GOARCH, runtime.NumCPU(), partMB)
	fmt.Println("| Backend | Size MB | Upload MB/s | Download MB/s | RSS before MB | Peak RSS during upload MB |")
	fmt.Println("|---|--:|--:|--:|--:|--:|")
	for _, f := range strings.Split(sizes, ",") {
		for _, backend := range []string{"disk", "s3"} {
			cmd := exec.Command(self, "-measure", backend+":"+strings.TrimSpace(f), "-s3", addr, "-part-mb", strconv.Itoa(partMB))
			cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("%s %s MB: %w", backend, f, err)
			}
		}
	}
	return nil
}

// measureOne opens one store and measures one size in this process.
func measureOne(spec, s3addr string, partMB int) error {
	ctx := context.Background()
	backend, sizeText, _ := strings.Cut(spec, ":")
	mb, err := strconv.Atoi(sizeText)
	if err != nil {
		return err
	}
	var blobs files.Blobs
	switch backend {
	case "disk":
		dir, err := os.MkdirTemp("", "blobbench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if blobs, err = files.NewDisk(dir); err != nil {
			return err
		}
	case "s3":
		if blobs, err = files.NewS3(ctx, files.S3Options{Endpoint: s3addr, Bucket: "bench", Region: "us-east-1", Prefix: "blobs/",
			AccessKey: "a", SecretKey: "b", PathStyle: true, PartSize: int64(partMB) << 20}); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown backend %q", backend)
	}
	return measure(ctx, backend, blobs, int64(mb)<<20)
}

func measure(ctx context.Context, name string, blobs files.Blobs, size int64) error {
	runtime.GC()
	before := rssKB("VmRSS")
	stop := sampleRSS()
	start := time.Now()
	st, err := blobs.Put(ctx, io.LimitReader(&noise{r: rand.New(rand.NewPCG(uint64(size), 7))}, size), size)
	up := time.Since(start)
	peak := stop()
	if err != nil {
		return fmt.Errorf("%s put: %w", name, err)
	}
	b, err := blobs.Open(ctx, st.SHA256)
	if err != nil {
		return err
	}
	start = time.Now()
	n, err := io.Copy(io.Discard, b)
	down := time.Since(start)
	b.Close()
	if err != nil || n != size {
		return fmt.Errorf("%s read %d bytes: %v", name, n, err)
	}
	mb := float64(size) / (1 << 20)
	fmt.Printf("| %s | %.0f | %.0f | %.0f | %.1f | %.1f |\n", name, mb, mb/up.Seconds(), mb/down.Seconds(),
		float64(before)/1024, float64(peak)/1024)
	return blobs.Delete(ctx, st.SHA256)
}

// sampleRSS polls this process's resident set every 2 ms until the returned func is called,
// which returns the largest value seen, in KB.
func sampleRSS() func() int64 {
	var peak atomic.Int64
	peak.Store(rssKB("VmRSS"))
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := rssKB("VmRSS"); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	return func() int64 {
		close(done)
		<-finished
		if v := rssKB("VmRSS"); v > peak.Load() {
			peak.Store(v)
		}
		return peak.Load()
	}
}

// rssKB reads a field of /proc/self/status in KB (Linux).
func rssKB(field string) int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}

// noise is incompressible content made on the fly, so the document is never whole in memory here.
type noise struct{ r *rand.Rand }

func (n *noise) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(n.r.Uint32())
	}
	return len(p), nil
}

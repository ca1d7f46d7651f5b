package files

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// MinPartSize is the smallest part S3 accepts in a multipart upload (all parts but the last).
const MinPartSize = 5 << 20

// S3Options configure an S3-compatible store.
type S3Options struct {
	Endpoint  string // host[:port], no scheme
	Bucket    string
	Region    string
	Prefix    string // put before every key, e.g. "blobs/"
	AccessKey string
	SecretKey string
	PathStyle bool // bucket in the path (MinIO, SeaweedFS, gofakes3) instead of the host name
	TLS       bool
	// PartSize bounds the memory of one upload: the content is sent in parts of this size.
	PartSize int64
	// Transport replaces the HTTP transport (tests); nil means minio-go's default.
	Transport http.RoundTripper
}

// S3 stores blobs in an S3-compatible bucket under prefix+sha256hex.
//
// An upload streams in parts of PartSize to a multipart upload under a temporary key
// (prefix+"tmp/"+random), because the content address is known only at the end; once complete
// and verified it is copied server-side to its final key and the temporary object is deleted.
// Any error aborts the multipart upload or deletes the temporary object, so no partial or
// wrongly named object stays behind; the final key only ever receives complete, verified content.
type S3 struct {
	core     minio.Core
	bucket   string
	prefix   string
	partSize int64
}

var _ Blobs = (*S3)(nil)

// NewS3 connects to the bucket, which must exist, and removes temporaries left by a crash.
func NewS3(ctx context.Context, o S3Options) (*S3, error) {
	if o.Endpoint == "" || o.Bucket == "" {
		return nil, errors.New("files: s3 endpoint and bucket are required")
	}
	if o.PartSize == 0 {
		o.PartSize = 8 << 20
	}
	if o.PartSize < MinPartSize {
		return nil, fmt.Errorf("files: s3 part size %d is below the S3 minimum of %d bytes", o.PartSize, MinPartSize)
	}
	lookup := minio.BucketLookupDNS
	if o.PathStyle {
		lookup = minio.BucketLookupPath
	}
	c, err := minio.New(o.Endpoint, &minio.Options{
		Creds:        credentials.NewStaticV4(o.AccessKey, o.SecretKey, ""),
		Secure:       o.TLS,
		Region:       o.Region,
		BucketLookup: lookup,
		Transport:    o.Transport,
	})
	if err != nil {
		return nil, fmt.Errorf("files: s3 client: %w", err)
	}
	s := &S3{core: minio.Core{Client: c}, bucket: o.Bucket, prefix: o.Prefix, partSize: o.PartSize}
	ok, err := c.BucketExists(ctx, o.Bucket)
	if err != nil {
		return nil, fmt.Errorf("files: s3 bucket %s unreachable: %w", o.Bucket, err)
	}
	if !ok {
		return nil, fmt.Errorf("files: s3 bucket %s does not exist", o.Bucket)
	}
	s.removeStaleTemps(ctx, time.Now().Add(-staleTemp))
	return s, nil
}

func (s *S3) key(sum string) string { return s.prefix + sum }
func (s *S3) tmpPrefix() string     { return s.prefix + "tmp/" }

// removeStaleTemps deletes temporaries and incomplete uploads a killed process left; best effort.
func (s *S3) removeStaleTemps(ctx context.Context, before time.Time) {
	for obj := range s.core.Client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.tmpPrefix(), Recursive: true}) {
		if obj.Err != nil {
			return
		}
		if obj.LastModified.Before(before) {
			_ = s.core.RemoveObject(ctx, s.bucket, obj.Key, minio.RemoveObjectOptions{})
		}
	}
	for up := range s.core.ListIncompleteUploads(ctx, s.bucket, s.tmpPrefix(), true) {
		if up.Err != nil {
			return
		}
		if up.Initiated.Before(before) {
			_ = s.core.AbortMultipartUpload(ctx, s.bucket, up.Key, up.UploadID)
		}
	}
}

// Put streams r into the bucket (see S3); maxBytes is enforced while reading.
func (s *S3) Put(ctx context.Context, r io.Reader, maxBytes int64) (Stored, error) {
	return s.PutVerified(ctx, r, maxBytes, "")
}

// PutVerified is Put that also fails when the content's SHA-256 is not wantSHA256 (when given),
// for copies whose digest is known beforehand (files migrate).
func (s *S3) PutVerified(ctx context.Context, r io.Reader, maxBytes int64, wantSHA256 string) (Stored, error) {
	if maxBytes < 0 {
		return Stored{}, errors.New("files: maxBytes is negative")
	}
	if err := ctx.Err(); err != nil {
		return Stored{}, err
	}
	tmp := s.tmpPrefix() + randomName()
	up := &s3Upload{s: s, key: tmp, ctx: ctx}
	committed := false
	defer func() {
		if !committed {
			// The request's context may be gone: clean up on a context of our own.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			up.discard(cctx)
			cancel()
		}
	}()

	h := sha256.New()
	var head prefixWriter
	n, err := copyLimited(ctx, io.MultiWriter(up, h, &head), r, maxBytes)
	if err != nil {
		return Stored{}, err
	}
	if err := ctx.Err(); err != nil {
		return Stored{}, err
	}
	st := Stored{SHA256: hex.EncodeToString(h.Sum(nil)), Size: n, ContentType: sniff(head.buf)}
	if wantSHA256 != "" && !strings.EqualFold(wantSHA256, st.SHA256) {
		return Stored{}, fmt.Errorf("files: content digest %s, want %s", st.SHA256, wantSHA256)
	}
	if err := up.finish(ctx); err != nil {
		return Stored{}, err
	}
	// The server-side copy gives the blob its address; copying over an identical blob refreshes
	// its LastModified, which keeps the blob sweeper off content re-uploaded before its row commits.
	info, err := s.core.CopyObject(ctx, s.bucket, tmp, s.bucket, s.key(st.SHA256), nil,
		minio.CopySrcOptions{Bucket: s.bucket, Object: tmp}, minio.PutObjectOptions{})
	if err != nil {
		return Stored{}, fmt.Errorf("files: s3 copy to %s: %w", st.SHA256, err)
	}
	if info.Size != 0 && info.Size != n {
		return Stored{}, fmt.Errorf("files: s3 copy of %s has %d bytes, want %d", st.SHA256, info.Size, n)
	}
	committed = true
	// The blob is stored; a temporary that cannot be removed now is removed at a later start.
	_ = s.core.RemoveObject(context.WithoutCancel(ctx), s.bucket, tmp, minio.RemoveObjectOptions{})
	return st, nil
}

func randomName() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// s3Upload buffers at most one part and sends each full part, each with its Content-MD5 that
// the server checks; finish compares the server's ETag with the one the parts imply.
type s3Upload struct {
	s        *S3
	key      string
	buf      bytes.Buffer
	uploadID string
	parts    []minio.CompletePart
	md5s     []byte // concatenated MD5 of every part sent, for the multipart ETag
	ctx      context.Context
	sent     bool // a single-part object was written under key
}

func (u *s3Upload) Write(p []byte) (int, error) {
	written := 0
	if u.buf.Cap() == 0 {
		u.buf.Grow(int(u.s.partSize)) // one part, allocated once: the upload's whole memory
	}
	for len(p) > 0 {
		room := int(u.s.partSize) - u.buf.Len()
		k := min(room, len(p))
		u.buf.Write(p[:k])
		p, written = p[k:], written+k
		// A part is sent only once more bytes follow, so the last part is never empty.
		if u.buf.Len() == int(u.s.partSize) && len(p) > 0 {
			if err := u.sendPart(); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

func (u *s3Upload) sendPart() error {
	ctx := u.ctx
	if u.uploadID == "" {
		id, err := u.s.core.NewMultipartUpload(ctx, u.s.bucket, u.key, minio.PutObjectOptions{})
		if err != nil {
			return fmt.Errorf("files: s3 multipart upload: %w", err)
		}
		u.uploadID = id
	}
	sum := md5.Sum(u.buf.Bytes())
	sha := sha256.Sum256(u.buf.Bytes())
	number := len(u.parts) + 1
	part, err := u.s.core.PutObjectPart(ctx, u.s.bucket, u.key, u.uploadID, number, bytes.NewReader(u.buf.Bytes()),
		int64(u.buf.Len()), minio.PutObjectPartOptions{Md5Base64: base64.StdEncoding.EncodeToString(sum[:]),
			// The payload's SHA-256 is signed in x-amz-content-sha256 instead of aws-chunked streaming:
			// the part is in memory anyway, and the server checks it along with Content-MD5.
			Sha256Hex: hex.EncodeToString(sha[:]), DisableContentSha256: true})
	if err != nil {
		return fmt.Errorf("files: s3 part %d: %w", number, err)
	}
	if !etagIs(part.ETag, hex.EncodeToString(sum[:])) {
		return fmt.Errorf("files: s3 part %d: server ETag %s does not match the content sent", number, part.ETag)
	}
	u.parts = append(u.parts, minio.CompletePart{PartNumber: number, ETag: part.ETag})
	u.md5s = append(u.md5s, sum[:]...)
	u.buf.Reset()
	return nil
}

// finish sends what is buffered: as one object when it all fit in one part, else the last part
// and the completion. Either way the ETag the server reports must be the one of the bytes sent.
func (u *s3Upload) finish(ctx context.Context) error {
	u.ctx = ctx
	if u.uploadID == "" {
		sum := md5.Sum(u.buf.Bytes())
		sha := sha256.Sum256(u.buf.Bytes())
		u.sent = true
		info, err := u.s.core.PutObject(ctx, u.s.bucket, u.key, bytes.NewReader(u.buf.Bytes()), int64(u.buf.Len()),
			base64.StdEncoding.EncodeToString(sum[:]), hex.EncodeToString(sha[:]), minio.PutObjectOptions{DisableContentSha256: true})
		if err != nil {
			return fmt.Errorf("files: s3 put: %w", err)
		}
		if !etagIs(info.ETag, hex.EncodeToString(sum[:])) {
			return fmt.Errorf("files: s3 put: server ETag %s does not match the content sent", info.ETag)
		}
		return nil
	}
	if err := u.sendPart(); err != nil {
		return err
	}
	info, err := u.s.core.CompleteMultipartUpload(ctx, u.s.bucket, u.key, u.uploadID, u.parts, minio.PutObjectOptions{})
	if err != nil {
		return fmt.Errorf("files: s3 complete upload: %w", err)
	}
	u.uploadID, u.sent = "", true
	all := md5.Sum(u.md5s)
	if want := fmt.Sprintf("%s-%d", hex.EncodeToString(all[:]), len(u.parts)); !etagIs(info.ETag, want) {
		return fmt.Errorf("files: s3 complete upload: server ETag %s, want %s", info.ETag, want)
	}
	return nil
}

// discard aborts an unfinished multipart upload or removes the temporary object.
func (u *s3Upload) discard(ctx context.Context) {
	if u.uploadID != "" {
		_ = u.s.core.AbortMultipartUpload(ctx, u.s.bucket, u.key, u.uploadID)
	}
	if u.sent {
		_ = u.s.core.RemoveObject(ctx, u.s.bucket, u.key, minio.RemoveObjectOptions{})
	}
}

func etagIs(etag, want string) bool { return strings.EqualFold(strings.Trim(etag, `"`), want) }

// Open returns the blob; reads are ranged GETs from the current offset, so Seek is cheap and
// http.ServeContent answers Range requests without fetching the whole object.
func (s *S3) Open(ctx context.Context, sha256Hex string) (Blob, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum, ok := normalizeHash(sha256Hex)
	if !ok {
		return nil, fmt.Errorf("files: malformed sha256: %w", ErrNotFound)
	}
	info, err := s.core.StatObject(ctx, s.bucket, s.key(sum), minio.StatObjectOptions{})
	if err != nil {
		if isNoSuchKey(err) {
			return nil, fmt.Errorf("files: blob %s: %w", sum, ErrNotFound)
		}
		return nil, fmt.Errorf("files: unable to stat blob %s: %w", sum, err)
	}
	return &s3Blob{ctx: ctx, s: s, key: s.key(sum), size: info.Size, modTime: info.LastModified, etag: info.ETag}, nil
}

// isNoSuchKey: the object is absent. A missing bucket is a configuration fault, not a missing blob.
func isNoSuchKey(err error) bool {
	resp := minio.ToErrorResponse(err)
	return resp.Code == minio.NoSuchKey || resp.StatusCode == http.StatusNotFound && resp.Code != minio.NoSuchBucket
}

// s3Blob reads an object by ranged GETs: one open body from the current offset at a time.
type s3Blob struct {
	ctx     context.Context
	s       *S3
	key     string
	size    int64
	modTime time.Time
	etag    string
	off     int64
	body    io.ReadCloser
}

func (b *s3Blob) Size() int64        { return b.size }
func (b *s3Blob) ModTime() time.Time { return b.modTime }

func (b *s3Blob) Read(p []byte) (int, error) {
	if b.off >= b.size {
		return 0, io.EOF
	}
	if b.body == nil {
		opts := minio.GetObjectOptions{}
		if err := opts.SetRange(b.off, b.size-1); err != nil {
			return 0, err
		}
		// The same object as Stat saw: a blob replaced meanwhile fails instead of mixing bytes.
		if err := opts.SetMatchETag(strings.Trim(b.etag, `"`)); err != nil {
			return 0, err
		}
		body, _, _, err := b.s.core.GetObject(b.ctx, b.s.bucket, b.key, opts)
		if err != nil {
			return 0, fmt.Errorf("files: s3 read %s: %w", b.key, err)
		}
		b.body = body
	}
	n, err := b.body.Read(p)
	b.off += int64(n)
	if err == io.EOF && b.off < b.size {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

func (b *s3Blob) Seek(offset int64, whence int) (int64, error) {
	var abs int64
	switch whence {
	case io.SeekStart:
		abs = offset
	case io.SeekCurrent:
		abs = b.off + offset
	case io.SeekEnd:
		abs = b.size + offset
	default:
		return 0, errors.New("files: invalid whence")
	}
	if abs < 0 {
		return 0, errors.New("files: negative position")
	}
	if abs != b.off && b.body != nil {
		b.body.Close()
		b.body = nil
	}
	b.off = abs
	return abs, nil
}

func (b *s3Blob) Close() error {
	if b.body != nil {
		err := b.body.Close()
		b.body = nil
		return err
	}
	return nil
}

// Delete removes the blob; S3 answers a missing key with success too.
func (s *S3) Delete(ctx context.Context, sha256Hex string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sum, ok := normalizeHash(sha256Hex)
	if !ok {
		return fmt.Errorf("files: malformed sha256 %.80q", sha256Hex)
	}
	if err := s.core.RemoveObject(ctx, s.bucket, s.key(sum), minio.RemoveObjectOptions{}); err != nil && !isNoSuchKey(err) {
		return fmt.Errorf("files: unable to delete blob %s: %w", sum, err)
	}
	return nil
}

// List reports every object under the prefix named by a SHA-256, temporaries left out.
func (s *S3) List(ctx context.Context, fn func(BlobInfo) error) error {
	for obj := range s.core.Client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if obj.Err != nil {
			return fmt.Errorf("files: unable to list blobs: %w", obj.Err)
		}
		name := strings.TrimPrefix(obj.Key, s.prefix)
		sum, ok := normalizeHash(name)
		if !ok || sum != name {
			continue
		}
		if err := fn(BlobInfo{SHA256: sum, Size: obj.Size, ModTime: obj.LastModified}); err != nil {
			return err
		}
	}
	return nil
}

// Stat reports a stored blob's size; ErrNotFound when absent (files migrate skips what is there).
func (s *S3) Stat(ctx context.Context, sha256Hex string) (BlobInfo, error) {
	sum, ok := normalizeHash(sha256Hex)
	if !ok {
		return BlobInfo{}, fmt.Errorf("files: malformed sha256: %w", ErrNotFound)
	}
	info, err := s.core.StatObject(ctx, s.bucket, s.key(sum), minio.StatObjectOptions{})
	if err != nil {
		if isNoSuchKey(err) {
			return BlobInfo{}, fmt.Errorf("files: blob %s: %w", sum, ErrNotFound)
		}
		return BlobInfo{}, fmt.Errorf("files: unable to stat blob %s: %w", sum, err)
	}
	return BlobInfo{SHA256: sum, Size: info.Size, ModTime: info.LastModified}, nil
}

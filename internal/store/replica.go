package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// replicaRetryAfter is how long reads stay on the primary after the replica failed, before a
// new connection tries the replica again.
const replicaRetryAfter = 5 * time.Second

// OpenReader opens the pool the public portal reads through: connections go to the streaming
// replica at replicaURL and, while it cannot be reached, to the primary at primaryURL, so a
// replica that is down costs a warning in the log, never an error page. A query that finds its
// replica connection gone is retried on a fresh connection (database/sql does so on
// driver.ErrBadConn), which then lands on the primary. Only read-only queries may use it.
func OpenReader(ctx context.Context, replicaURL, primaryURL string, maxConns int, log *slog.Logger) (*Store, error) {
	replica, err := pq.NewConnector(withBinaryParameters(replicaURL))
	if err != nil {
		return nil, fmt.Errorf("store: database.read_url: %w", err)
	}
	primary, err := pq.NewConnector(withBinaryParameters(primaryURL))
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &fallbackConnector{replica: replica, primary: primary, log: log, now: time.Now}
	db := sqlx.NewDb(sql.OpenDB(c), "postgres")
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	// Connections opened on the primary while the replica was down go back to it within a minute.
	db.SetConnMaxLifetime(time.Minute)
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: unable to reach the replica or the primary: %w", err)
	}
	return &Store{db: db}, nil
}

// fallbackConnector connects to the replica unless it failed within replicaRetryAfter.
type fallbackConnector struct {
	replica, primary driver.Connector
	log              *slog.Logger
	now              func() time.Time

	mu        sync.Mutex
	downUntil time.Time
}

func (c *fallbackConnector) Connect(ctx context.Context) (driver.Conn, error) {
	if !c.down() {
		conn, err := c.replica.Connect(ctx)
		if err == nil {
			return &replicaConn{Conn: conn, owner: c}, nil
		}
		if ctx.Err() != nil {
			return nil, err
		}
		c.markDown(err)
	}
	return c.primary.Connect(ctx)
}

func (c *fallbackConnector) Driver() driver.Driver { return c.primary.Driver() }

func (c *fallbackConnector) down() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now().Before(c.downUntil)
}

// markDown sends new connections to the primary for a while; the warning is logged once per
// outage, not once per query.
func (c *fallbackConnector) markDown(cause error) {
	c.mu.Lock()
	wasUp := !c.now().Before(c.downUntil)
	c.downUntil = c.now().Add(replicaRetryAfter)
	c.mu.Unlock()
	if wasUp {
		c.log.Warn("replica unreachable; portal reads go to the primary", "error", cause, "retry_after", replicaRetryAfter)
	}
}

// lostConnection says err means the replica connection is gone (or the server is shutting
// down or still starting), not that the query was wrong.
func lostConnection(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		class := pqErr.Code.Class()
		return class == "08" || class == "57" // connection exception; operator intervention (shutdown)
	}
	var netErr net.Error
	return errors.As(err, &netErr)
}

// replicaConn is a replica connection whose lost-connection errors become driver.ErrBadConn, so
// database/sql retries the read elsewhere instead of failing the page.
type replicaConn struct {
	driver.Conn
	owner *fallbackConnector
}

func (c *replicaConn) failed(err error) error {
	if lostConnection(err) {
		c.owner.markDown(err)
		return driver.ErrBadConn
	}
	return err
}

func (c *replicaConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.Conn.(driver.QueryerContext).QueryContext(ctx, query, args)
	if err != nil {
		return nil, c.failed(err)
	}
	return rows, nil
}

func (c *replicaConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := c.Conn.(driver.ExecerContext).ExecContext(ctx, query, args)
	if err != nil {
		return nil, c.failed(err)
	}
	return res, nil
}

func (c *replicaConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	if err != nil {
		return nil, c.failed(err)
	}
	return st, nil
}

func (c *replicaConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
	if err != nil {
		return nil, c.failed(err)
	}
	return tx, nil
}

func (c *replicaConn) Ping(ctx context.Context) error {
	return c.failed(c.Conn.(driver.Pinger).Ping(ctx))
}

// ResetSession drops a pooled replica connection while the replica is known to be down.
func (c *replicaConn) ResetSession(ctx context.Context) error {
	if c.owner.down() {
		return driver.ErrBadConn
	}
	return c.Conn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *replicaConn) IsValid() bool {
	return !c.owner.down() && c.Conn.(driver.Validator).IsValid()
}

func (c *replicaConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.Conn.(driver.NamedValueChecker).CheckNamedValue(nv)
}

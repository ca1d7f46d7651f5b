-- +goose Up

-- The notices an officer turned off on their profile page (/kantor/akun). No row means on: a new
-- officer hears of new work without first finding the page.
CREATE TABLE notice_opt_outs (
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind IN ('new_request', 'new_objection', 'clarification_answer', 'digest', 'reminder')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, kind)
);

-- The outbox carries more than e-mail: a 'webhook' row is a signed POST to notify.webhook_url,
-- retried and backed off by the same sender as mail.
ALTER TABLE outbox ADD COLUMN channel text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'webhook'));

-- +goose Down
ALTER TABLE outbox DROP COLUMN channel;
DROP TABLE notice_opt_outs;

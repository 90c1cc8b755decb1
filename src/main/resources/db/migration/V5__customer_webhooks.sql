-- Webhooks to the customer's systems: per-campaign endpoint and a durable outbox of deliveries.

ALTER TABLE campaigns
    ADD COLUMN webhook_url    TEXT,
    ADD COLUMN webhook_secret TEXT;

-- One row per event and endpoint. The body is stored exactly as first built, so every attempt (and a replay) sends
-- the same bytes under the same event id; the receiver deduplicates on event_id (the Vaani-Event-Id header).
CREATE TABLE webhook_deliveries (
    id               BIGSERIAL PRIMARY KEY,
    event_id         UUID        NOT NULL UNIQUE,
    event_type       TEXT        NOT NULL,
    call_sid         TEXT,
    campaign_id      BIGINT REFERENCES campaigns (id) ON DELETE SET NULL,
    url              TEXT        NOT NULL,
    body             TEXT        NOT NULL,
    state            TEXT        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    give_up_at       TIMESTAMPTZ NOT NULL,
    last_status      INTEGER,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    delivered_at     TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_call_idx ON webhook_deliveries (call_sid);

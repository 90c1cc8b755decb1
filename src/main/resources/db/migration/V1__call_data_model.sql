-- Vaani call data model: leads, campaigns, call sessions and scheduled calls.

CREATE TABLE leads (
    id                 BIGSERIAL PRIMARY KEY,
    company            TEXT        NOT NULL DEFAULT 'default',
    name               TEXT,
    phone              TEXT        NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    email              TEXT,
    property_type      TEXT,
    bedrooms           INTEGER CHECK (bedrooms IS NULL OR bedrooms BETWEEN 0 AND 20),
    location           TEXT,
    budget             TEXT,
    budget_min_rupees  BIGINT CHECK (budget_min_rupees IS NULL OR budget_min_rupees >= 0),
    budget_max_rupees  BIGINT CHECK (budget_max_rupees IS NULL OR budget_max_rupees >= 0),
    timeline           TEXT,
    purpose            TEXT,
    source             TEXT,
    status             TEXT        NOT NULL DEFAULT 'new',
    do_not_call        BOOLEAN     NOT NULL DEFAULT FALSE,
    time_zone          TEXT        NOT NULL DEFAULT 'Asia/Kolkata',
    collected_data     JSONB       NOT NULL DEFAULT '{}'::jsonb,
    last_outcome       TEXT,
    last_summary       TEXT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT leads_phone_per_company UNIQUE (company, phone)
);
CREATE INDEX leads_status_idx ON leads (company, status);

CREATE TABLE campaigns (
    id                      BIGSERIAL PRIMARY KEY,
    company                 TEXT        NOT NULL DEFAULT 'default',
    name                    TEXT        NOT NULL,
    language                TEXT        NOT NULL DEFAULT 'en',
    script                  JSONB       NOT NULL DEFAULT '{}'::jsonb,
    qualification_fields    JSONB       NOT NULL DEFAULT '[]'::jsonb,
    calling_window_start    TIME        NOT NULL DEFAULT '09:00',
    calling_window_end      TIME        NOT NULL DEFAULT '21:00',
    time_zone               TEXT        NOT NULL DEFAULT 'Asia/Kolkata',
    max_concurrent_calls    INTEGER     NOT NULL DEFAULT 5 CHECK (max_concurrent_calls > 0),
    retry_max_attempts      INTEGER     NOT NULL DEFAULT 3 CHECK (retry_max_attempts > 0),
    retry_interval_minutes  INTEGER     NOT NULL DEFAULT 120 CHECK (retry_interval_minutes > 0),
    record_calls            BOOLEAN     NOT NULL DEFAULT FALSE,
    status                  TEXT        NOT NULL DEFAULT 'draft'
                            CHECK (status IN ('draft', 'active', 'paused', 'stopped', 'completed')),
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT campaigns_name_per_company UNIQUE (company, name)
);

CREATE TABLE call_sessions (
    id                    BIGSERIAL PRIMARY KEY,
    call_sid              TEXT        NOT NULL UNIQUE,
    stream_sid            TEXT,
    lead_id               BIGINT REFERENCES leads (id) ON DELETE SET NULL,
    campaign_id           BIGINT REFERENCES campaigns (id) ON DELETE SET NULL,
    direction             TEXT        NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound')),
    status                TEXT        NOT NULL DEFAULT 'initiated'
                          CHECK (status IN ('initiated', 'ringing', 'in-progress', 'completed', 'failed', 'busy',
                                            'no-answer', 'canceled')),
    from_number           TEXT,
    to_number             TEXT,
    started_at            TIMESTAMPTZ,
    answered_at           TIMESTAMPTZ,
    ended_at              TIMESTAMPTZ,
    duration_seconds      INTEGER CHECK (duration_seconds IS NULL OR duration_seconds >= 0),
    recording_url         TEXT,
    transcript            JSONB       NOT NULL DEFAULT '[]'::jsonb,
    collected_data        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    conversation_stage    TEXT,
    escalation_requested  BOOLEAN     NOT NULL DEFAULT FALSE,
    final_outcome         TEXT,
    summary               TEXT,
    error                 TEXT,
    sample_rate           INTEGER,
    turn_metrics          JSONB       NOT NULL DEFAULT '[]'::jsonb,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT call_sessions_transcript_is_array CHECK (jsonb_typeof(transcript) = 'array'),
    CONSTRAINT call_sessions_collected_is_object CHECK (jsonb_typeof(collected_data) = 'object')
);
CREATE INDEX call_sessions_lead_idx ON call_sessions (lead_id);
CREATE INDEX call_sessions_campaign_idx ON call_sessions (campaign_id, status);
CREATE INDEX call_sessions_created_idx ON call_sessions (created_at DESC);

CREATE TABLE scheduled_calls (
    id            BIGSERIAL PRIMARY KEY,
    lead_id       BIGINT      NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    campaign_id   BIGINT      NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    due_at        TIMESTAMPTZ NOT NULL,
    attempt       INTEGER     NOT NULL DEFAULT 1 CHECK (attempt > 0),
    kind          TEXT        NOT NULL DEFAULT 'first' CHECK (kind IN ('first', 'retry', 'callback')),
    state         TEXT        NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'dialing', 'placed', 'completed', 'failed', 'cancelled')),
    call_sid      TEXT,
    last_error    TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT scheduled_calls_one_per_attempt UNIQUE (campaign_id, lead_id, attempt)
);
CREATE INDEX scheduled_calls_due_idx ON scheduled_calls (state, due_at);
CREATE INDEX scheduled_calls_call_sid_idx ON scheduled_calls (call_sid);

-- Status callbacks for calls we do not know (yet): kept for reconciliation, never dropped.
CREATE TABLE unmatched_call_events (
    id           BIGSERIAL PRIMARY KEY,
    call_sid     TEXT        NOT NULL,
    payload      JSONB       NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    reconciled   BOOLEAN     NOT NULL DEFAULT FALSE
);
CREATE INDEX unmatched_call_events_sid_idx ON unmatched_call_events (call_sid) WHERE NOT reconciled;

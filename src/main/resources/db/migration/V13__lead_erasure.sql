-- Erasure of a lead's personal data (India's DPDP Act 2023 gives a data principal the right to erasure): the broker
-- erases a lead (POST /api/leads/{id}/erase, or the lead's page) and LeadErasure empties every personal value in one
-- transaction. The lead row stays as a tombstone, so the ids in campaign results and call history still resolve and
-- campaign figures still add up; its calls keep outcome, status, durations and times, nothing the person said.

-- A tombstone has no phone: the number lives on only as a keyed hash in suppressed_numbers.
ALTER TABLE leads ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE leads ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE leads ADD CONSTRAINT leads_phone_unless_erased CHECK (phone IS NOT NULL OR erased_at IS NOT NULL);
-- The database itself refuses a personal value on a tombstone: a writer that missed the erasure fails loudly instead
-- of bringing the person back.
ALTER TABLE leads ADD CONSTRAINT leads_erased_holds_nothing_personal CHECK (erased_at IS NULL OR (
    name IS NULL AND phone IS NULL AND email IS NULL AND property_type IS NULL AND bedrooms IS NULL
    AND location IS NULL AND budget IS NULL AND budget_min_rupees IS NULL AND budget_max_rupees IS NULL
    AND timeline IS NULL AND purpose IS NULL AND source IS NULL AND last_summary IS NULL
    AND collected_data = '{}'::jsonb AND do_not_call));

ALTER TABLE call_sessions ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE call_sessions ADD CONSTRAINT call_sessions_erased_holds_nothing_personal CHECK (erased_at IS NULL OR (
    from_number IS NULL AND to_number IS NULL AND recording_url IS NULL AND summary IS NULL AND error IS NULL
    AND transcript = '[]'::jsonb AND collected_data = '{}'::jsonb));

-- Numbers that must never be called again, as HMAC-SHA256 of the E.164 number under a server-side key
-- (SUPPRESSION_KEY or data/suppression-key): a plain hash of a 10-digit mobile number is reversed by trying all 10^10.
CREATE TABLE suppressed_numbers (
    company        TEXT        NOT NULL DEFAULT 'default',
    phone_hmac     TEXT        NOT NULL CHECK (phone_hmac ~ '^[0-9a-f]{64}$'),
    suppressed_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (company, phone_hmac)
);

-- Who erased which lead and when: the record a data protection officer asks for, with nothing personal in it. No
-- foreign key: the record outlives a tombstone deleted later.
CREATE TABLE lead_erasures (
    id                   BIGSERIAL PRIMARY KEY,
    lead_id              BIGINT      NOT NULL,
    erased_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    erased_by            TEXT,
    calls_erased         INTEGER     NOT NULL,
    deliveries_dropped   INTEGER     NOT NULL,
    queued_cancelled     INTEGER     NOT NULL
);
CREATE INDEX lead_erasures_lead_idx ON lead_erasures (lead_id);

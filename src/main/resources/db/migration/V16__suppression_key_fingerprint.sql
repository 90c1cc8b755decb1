-- Which SUPPRESSION_KEY the suppressed numbers' hashes were made with: a keyed hash of a fixed text under the key, so
-- the key cannot be read back from it. An instance whose key differs (a second instance that generated its own, a
-- data folder lost in a move) would not recognise one erased number, and would let the person be imported and called
-- again; it refuses to start instead (crm.SuppressionKeyCheck).
CREATE TABLE suppression_key (
    company      TEXT        PRIMARY KEY DEFAULT 'default',
    fingerprint  TEXT        NOT NULL CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
    set_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

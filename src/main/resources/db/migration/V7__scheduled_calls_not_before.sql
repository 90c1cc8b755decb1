-- The earliest a queued call may be placed by the campaign's own policy: at once for a first call, after the retry
-- interval for a retry, the time the lead asked for a callback. due_at also carries the wait for the calling window;
-- this does not, so when a campaign's window changes or it is started again its queued calls can be moved to the
-- earliest moment the new window allows without ever coming before their policy time.
ALTER TABLE scheduled_calls ADD COLUMN not_before TIMESTAMPTZ;
-- Older rows: a first call could always be placed from when it was queued; for the others only due_at is known.
UPDATE scheduled_calls SET not_before = CASE WHEN kind = 'first' THEN created_at ELSE due_at END;
ALTER TABLE scheduled_calls ALTER COLUMN not_before SET DEFAULT now(), ALTER COLUMN not_before SET NOT NULL;

-- Durable call state (issue #13): every call row is closed, and what follows a call is decided exactly once.

-- Who owns a live media stream, and when it last said so. A row whose owner stopped heartbeating is closed by the
-- reconciler of any instance.
ALTER TABLE call_sessions ADD COLUMN owner_instance TEXT;
ALTER TABLE call_sessions ADD COLUMN heartbeat_at TIMESTAMPTZ;
-- The media leg's end (stop, socket drop, maximum duration, shutdown, or the reconciler) and why.
ALTER TABLE call_sessions ADD COLUMN media_ended_at TIMESTAMPTZ;
ALTER TABLE call_sessions ADD COLUMN end_reason TEXT;
-- Calls we placed through Calls/connect have an Exotel leg whose terminal status we wait for before deciding.
ALTER TABLE call_sessions ADD COLUMN exotel_leg BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE call_sessions ADD COLUMN exotel_terminal_at TIMESTAMPTZ;
-- Set once, by the one UPDATE ... WHERE next_step_decided_at IS NULL that wins.
ALTER TABLE call_sessions ADD COLUMN next_step_decided_at TIMESTAMPTZ;
-- The live call's write-through version: an older snapshot never overwrites a newer one.
ALTER TABLE call_sessions ADD COLUMN state_version BIGINT NOT NULL DEFAULT 0;

-- 'interrupted': the media stream was cut (its owner died) before the conversation ended.
ALTER TABLE call_sessions DROP CONSTRAINT call_sessions_status_check;
ALTER TABLE call_sessions ADD CONSTRAINT call_sessions_status_check
    CHECK (status IN ('initiated', 'ringing', 'in-progress', 'completed', 'failed', 'busy', 'no-answer', 'canceled',
                      'interrupted'));

CREATE OR REPLACE FUNCTION vaani_call_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE status
               WHEN 'initiated' THEN 0
               WHEN 'ringing' THEN 1
               WHEN 'in-progress' THEN 2
               WHEN 'completed' THEN 3
               WHEN 'failed' THEN 3
               WHEN 'busy' THEN 3
               WHEN 'no-answer' THEN 3
               WHEN 'canceled' THEN 3
               WHEN 'interrupted' THEN 3
               ELSE -1
           END
$$;

-- Calls finished before this migration had their next step taken by the old code: never take it again.
UPDATE call_sessions SET next_step_decided_at = COALESCE(ended_at, updated_at), media_ended_at = ended_at
 WHERE vaani_call_status_rank(status) = 3;
UPDATE call_sessions c SET exotel_leg = TRUE
 WHERE EXISTS (SELECT 1 FROM scheduled_calls s WHERE s.call_sid = c.call_sid);

CREATE INDEX call_sessions_open_media_idx ON call_sessions (heartbeat_at)
    WHERE media_ended_at IS NULL AND stream_sid IS NOT NULL;
CREATE INDEX call_sessions_undecided_idx ON call_sessions (updated_at) WHERE next_step_decided_at IS NULL;

-- 'unknown': Calls/connect may have reached Exotel (timeout, 5xx after sending); resolved through the call-details
-- API before any redial.
ALTER TABLE scheduled_calls DROP CONSTRAINT scheduled_calls_state_check;
ALTER TABLE scheduled_calls ADD CONSTRAINT scheduled_calls_state_check
    CHECK (state IN ('pending', 'dialing', 'unknown', 'placed', 'completed', 'failed', 'cancelled'));
ALTER TABLE scheduled_calls ADD COLUMN dialing_at TIMESTAMPTZ;
CREATE INDEX scheduled_calls_unresolved_idx ON scheduled_calls (dialing_at) WHERE state IN ('dialing', 'unknown');

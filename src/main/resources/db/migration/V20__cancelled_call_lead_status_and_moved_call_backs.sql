-- What a lead reads when a call queued after one of its calls is cancelled before it is placed (the campaign stopped):
-- what that call left, unreachable or done, as campaign.NextStep decided when it queued the retry or call back. A first
-- attempt has none: its lead keeps the status it had.
ALTER TABLE scheduled_calls ADD COLUMN lead_status_if_cancelled TEXT
    CHECK (lead_status_if_cancelled IN ('unreachable', 'done'));
-- Calls queued before this column: the call before them went unanswered, reached a machine or no conversation of ours
-- (unreachable), or else spoke with the lead (done), as NextStep decides it.
UPDATE scheduled_calls s
   SET lead_status_if_cancelled = CASE
           WHEN p.state = 'failed' OR c.final_outcome IS NULL OR c.final_outcome = 'voicemail' THEN 'unreachable'
           ELSE 'done' END
  FROM scheduled_calls p LEFT JOIN call_sessions c ON c.call_sid = p.call_sid
 WHERE s.kind <> 'first' AND p.campaign_id = s.campaign_id AND p.lead_id = s.lead_id AND p.attempt = s.attempt - 1
   AND p.state IN ('completed', 'failed');
-- Leads a stop left reading 'queued' with nothing queued for them anywhere read what their last call left, as a stop
-- leaves them from now on (campaign.CancelledCalls).
UPDATE leads l SET status = last.left_by_last_call, updated_at = now()
  FROM (SELECT DISTINCT ON (lead_id) lead_id, lead_status_if_cancelled AS left_by_last_call
          FROM scheduled_calls WHERE lead_status_if_cancelled IS NOT NULL
         ORDER BY lead_id, created_at DESC, id DESC) last
 WHERE l.id = last.lead_id AND l.status = 'queued'
   AND NOT EXISTS (SELECT 1 FROM scheduled_calls o WHERE o.lead_id = l.id
                   AND o.state IN ('pending', 'dialing', 'placed', 'unknown'));

-- Whether the call back booked for an inbound call (call_back_booked_as) moved a call its lead had queued rather than
-- queuing one: the moved call is a call back now, so its kind no longer tells.
ALTER TABLE call_sessions ADD COLUMN call_back_moved BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE call_sessions c SET call_back_moved = TRUE
  FROM scheduled_calls s WHERE s.id = c.call_back_booked_as AND s.kind <> 'callback';
-- A queued first attempt or retry a call back was booked onto kept its kind: a call from the lead could put it off
-- and it counted as an attempt. Still queued, it is the call back it was booked as.
UPDATE scheduled_calls s SET kind = 'callback', updated_at = now()
  FROM call_sessions c WHERE c.call_back_booked_as = s.id AND s.kind <> 'callback' AND s.state = 'pending';

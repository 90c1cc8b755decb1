-- Status callbacks kept for unknown calls stored the carrier's fields as sent, caller and callee numbers unmasked.
-- From now on they are stored masked (CallRecords); this masks the ones kept before, as PhoneMask.maskIfNumber does:
-- a value that is a phone number and nothing else keeps its + and country code and its last four digits.
UPDATE unmatched_call_events e
   SET payload = jsonb_set(e.payload, '{raw}', (
       SELECT jsonb_object_agg(field.key, CASE
           WHEN jsonb_typeof(field.value) = 'string' AND btrim(field.value #>> '{}') ~ '^\+?[0-9]([ .-]?[0-9]){9,}$' THEN
               to_jsonb(CASE WHEN digits.d LIKE '+%'
                             THEN left(digits.d, 3) || repeat('X', length(digits.d) - 7) || right(digits.d, 4)
                             ELSE repeat('X', length(digits.d) - 4) || right(digits.d, 4) END)
           ELSE field.value END)
         FROM jsonb_each(e.payload -> 'raw') AS field
         CROSS JOIN LATERAL (SELECT regexp_replace(btrim(field.value #>> '{}'), '[ .-]', '', 'g') AS d) AS digits))
 WHERE jsonb_typeof(e.payload -> 'raw') = 'object' AND e.payload -> 'raw' <> '{}'::jsonb;

-- The hourly purge (UnmatchedCallbackRetention) deletes by age.
CREATE INDEX unmatched_call_events_received_idx ON unmatched_call_events (received_at);

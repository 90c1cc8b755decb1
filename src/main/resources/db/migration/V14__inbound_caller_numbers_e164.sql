-- Inbound callers' numbers were stored as Exotel wrote them (0XXXXXXXXXX or 91XXXXXXXXXX), while leads, the dialer's
-- "is this lead on a call" and an erasure match numbers in E.164: an erasure left such a call's transcript and number
-- behind. New rows are stored in E.164 (call.CallRecordStore); these bring the older ones in line, for India's
-- ten-digit national numbers only (the one region Vaani reads numbers in). Anything else is left as it was.
UPDATE call_sessions SET from_number = '+91' || substr(from_number, 2)
 WHERE direction = 'inbound' AND from_number ~ '^0[1-9][0-9]{9}$';
UPDATE call_sessions SET from_number = '+' || from_number
 WHERE direction = 'inbound' AND from_number ~ '^91[1-9][0-9]{9}$';

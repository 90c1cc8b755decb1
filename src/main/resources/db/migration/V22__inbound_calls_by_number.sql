-- A lead's answered call to us holds their queued calls for the campaign's retry interval after it, whenever the
-- campaign started (campaign.LeadAvailability): every call for a line asks for the lead's number's inbound calls,
-- ended ones too, not only the live ones the index it replaces covered.
DROP INDEX IF EXISTS call_sessions_live_inbound_idx;
CREATE INDEX call_sessions_inbound_from_idx ON call_sessions (from_number) WHERE direction = 'inbound';

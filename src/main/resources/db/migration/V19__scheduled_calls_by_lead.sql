-- The offer of a freed line and the dialer's claim ask, for each waiting call, whether its lead may be rung now
-- (campaign.LeadAvailability): whether a call back is booked for the lead in another campaign, and whether the lead's
-- number is on an inbound call. Both are looked up by lead, for every call in turn for a line.
CREATE INDEX scheduled_calls_pending_lead_idx ON scheduled_calls (lead_id) WHERE state = 'pending';
CREATE INDEX call_sessions_live_inbound_idx ON call_sessions (from_number)
    WHERE direction = 'inbound' AND status IN ('initiated', 'ringing', 'in-progress');

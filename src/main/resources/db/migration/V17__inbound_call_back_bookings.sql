-- The call back a broker booked for someone who phoned in (campaign.InboundCallBacks): the queued call it booked, kept
-- on the inbound call so one call is booked once, whoever presses and on whichever instance.
ALTER TABLE call_sessions
    ADD COLUMN call_back_booked_as BIGINT REFERENCES scheduled_calls (id) ON DELETE SET NULL;

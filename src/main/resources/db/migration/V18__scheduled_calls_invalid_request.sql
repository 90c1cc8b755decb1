-- When Exotel first refused an attempt as an invalid request (campaign.InvalidRequests): such an attempt is held,
-- unspent, and tried once more; refused again, it fails. Cleared when the refusals prove to be our configuration's.
ALTER TABLE scheduled_calls ADD COLUMN invalid_request_at TIMESTAMPTZ;

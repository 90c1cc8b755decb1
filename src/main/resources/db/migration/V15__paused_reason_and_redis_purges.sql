-- Why the dialer paused a campaign by itself: Exotel refused the account (bad API key or token, no balance or a plan
-- limit, a suspended account, a wrong account SID). Every instance reads it here, the console and the API show it, and
-- starting the campaign again (or pausing, stopping) clears it. NULL for a campaign an operator paused.
ALTER TABLE campaigns ADD COLUMN paused_reason TEXT;

